"""Today, the start screen: what is overdue, due today and due this week, in one list.

Each row carries what the officer needs just before picking up the phone: who, why, how late
or how soon in words, and the safe-contact rule for the way they agreed to be contacted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain import safe_contact
from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.vocabulary import COMMITMENT_KINDS, CONTACT_METHODS
from victimcare.services import commitments
from victimcare.services.commitments import WorkItem
from victimcare.store.database import Database
from victimcare.views.table_model import HeadedTableModel
from victimcare.views.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

STATUS, WHEN, VICTIM, REASON, SAFE_CONTACT, REFERENCE = range(6)
HEADERS = ("Status", "When", "Victim", "Reason", "Safe contact", "Reference")

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COMMITMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

BUCKET_WORDS = {"overdue": "Overdue", "today": "Due today", "week": "This week"}
# Dark enough to read as text on a light background; the word carries the meaning too.
BUCKET_COLOURS = {"overdue": "#b3261e", "today": "#8a5300", "week": "#1f5f8b"}
NOTHING_DUE = "Nothing is overdue or due this week."
NO_SAFE_CONTACT_RULE = "No restriction recorded"
MUTED = "#5f6b73"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def due_in_words(item_due: datetime, bucket: str, now: datetime) -> str:
    """'overdue by 3 days', 'overdue since 09:00', 'due today 23:59', 'tomorrow 17:00',
    'in 4 days' (Europe/London days and clock)."""
    due, here = london(item_due), london(now)
    days = (due.date() - here.date()).days
    if bucket == "overdue" or item_due < now:
        if days >= 0:
            return f"overdue since {due:%H:%M}"
        return f"overdue by {_plural(-days, 'day')}"
    if days <= 0:
        return f"due today {due:%H:%M}"
    if days == 1:
        return f"due tomorrow {due:%H:%M}"
    return f"in {days} days ({due:%a %d/%m})"


def safe_contact_words(item: WorkItem) -> str:
    rules = safe_contact.for_method(item.safe_contact, item.agreed_method)
    method = CONTACT_METHODS.get(item.agreed_method, item.agreed_method)
    return f"{method}: {', '.join(rules)}" if rules else f"{method}: {NO_SAFE_CONTACT_RULE.lower()}"


def counts_text(items: Sequence[WorkItem]) -> str:
    counts = Counter(item.bucket for item in items)
    return (f"{counts['overdue']} overdue · {counts['today']} due today · "
            f"{counts['week']} this week")


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(QSize(12, 12))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class TodayModel(HeadedTableModel):
    """One WorkItem a row, in the order the service gives (by due time)."""

    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[WorkItem] = []
        self._now = utc_now()
        self._icons: dict[str, QIcon] = {}

    def set_items(self, items: Sequence[WorkItem], now: datetime) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._now = now
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([], self._now)

    def items(self) -> list[WorkItem]:
        return list(self._items)

    def item_at(self, row: int) -> WorkItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def _text(self, item: WorkItem, column: int) -> str:
        if column == STATUS:
            return BUCKET_WORDS.get(item.bucket, item.bucket)
        if column == WHEN:
            return due_in_words(item.due_at, item.bucket, self._now)
        if column == VICTIM:
            return item.victim_name
        if column == REASON:
            return item.reason
        if column == SAFE_CONTACT:
            return safe_contact_words(item)
        return item.case_reference

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == REASON:  # the full reason, and whose rule it is
                return plain_tooltip(
                    f"{item.reason} ({COMMITMENT_KINDS.get(item.kind, item.kind)})")
            return plain_tooltip(self._text(item, column)) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(item, column)
        if role == CASE_ID_ROLE:
            return item.case_id
        if role == COMMITMENT_ID_ROLE:
            return item.commitment_id
        if column in (STATUS, WHEN) and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(BUCKET_COLOURS.get(item.bucket, "#000000")))
        if column == STATUS and role == Qt.ItemDataRole.DecorationRole:
            colour = BUCKET_COLOURS.get(item.bucket, "#000000")
            if colour not in self._icons:
                self._icons[colour] = _dot(colour)
            return self._icons[colour]
        if column == STATUS and role == Qt.ItemDataRole.FontRole and item.bucket == "overdue":
            font = QFont()
            font.setBold(True)
            return font
        if column == SAFE_CONTACT and role == Qt.ItemDataRole.ForegroundRole:
            # Restrictions stand out in red; "nothing recorded" steps back.
            if safe_contact.for_method(item.safe_contact, item.agreed_method):
                return QBrush(QColor(BUCKET_COLOURS["overdue"]))
            return QBrush(QColor(MUTED))
        return None



class TodayView(QWidget):
    """The worklist. Enter or double-click asks for the case; the window opens it."""

    case_requested = Signal(int)           # case id
    log_contact_requested = Signal(int, int)  # case id, commitment id

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setAccessibleName("Today")

        self.heading = QLabel("Today", self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName("Today heading")

        self.counts_label = QLabel(self)
        self.counts_label.setAccessibleName("Counts")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        counts_font = self.counts_label.font()
        counts_font.setPointSizeF(counts_font.pointSizeF() * 1.1)
        self.counts_label.setFont(counts_font)

        self.hint_label = QLabel(
            "Enter opens the case · Ctrl+L logs a contact for the selected row", self)
        self.hint_label.setAccessibleName("Keyboard hint")
        self.hint_label.setStyleSheet(f"QLabel {{ color: {MUTED}; }}")

        self.model = TodayModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Due contacts")
        self.table.setAccessibleDescription(
            "Overdue, due today and due this week, soonest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        pad = 36
        for column, sample in ((STATUS, "Due today  "), (WHEN, "overdue by 10 days"),
                               (VICTIM, "Zosia (Zofia Anna Wójcik)"),
                               (REFERENCE, "VC-0000-0000")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + pad)
        # The reason is shortened (its tooltip has it whole); the safe-contact rule takes the
        # rest of the width, since it is what must be read before picking up the phone.
        header.resizeSection(REASON, metrics.horizontalAdvance("Agreed contact every 14 days")
                             + pad)
        header.setSectionResizeMode(SAFE_CONTACT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("VC-0000"))
        self.table.activated.connect(self._on_activated)

        self.empty_label = QLabel(NOTHING_DUE, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setAccessibleName("Nothing due")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.table)

    # -- behaviour ---------------------------------------------------------------------------
    def reload(self, now: datetime | None = None) -> None:
        """Ask the service again, keeping the selection on the same commitment if it stays."""
        if self.db is None:
            return
        now = now or utc_now()
        selected = self.selected_item()
        items = commitments.worklist(self.db, now)
        self.model.set_items(items, now)
        self.counts_label.setText(counts_text(items))
        self.heading.setText(f"Today, {london(now):%A %d %B %Y}")
        self.stack.setCurrentWidget(self.table if items else self.empty_label)
        if items:
            row = 0
            if selected is not None:
                row = next((r for r, item in enumerate(items)
                            if item.commitment_id == selected.commitment_id), 0)
            self.table.selectRow(row)

    def selected_item(self) -> WorkItem | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if rows:
            return self.model.item_at(rows[0].row())
        current = self.table.currentIndex()
        return self.model.item_at(current.row()) if current.isValid() else None

    def request_log_contact(self) -> bool:
        item = self.selected_item()
        if item is None:
            return False
        self.log_contact_requested.emit(item.case_id, item.commitment_id)
        return True

    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.item_at(index.row())
        if item is not None:
            self.case_requested.emit(item.case_id)

    def clear_personal_data(self) -> None:
        self.model.clear()
        self.counts_label.setText("")
        self.heading.setText("Today")
        self.db = None

    def attach(self, db: Database) -> None:
        self.db = db
        self.reload()
