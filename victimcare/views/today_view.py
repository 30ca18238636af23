"""Today, the start screen: what is overdue, due today and due this week, in one list.

Each row carries what the officer needs just before picking up the phone: who, why, how late
or how soon in words and when it is (or was) due, and the safe-contact rule for the way they
agreed to be contacted. The list opens soonest due first (so overdue at the top), sorts on
any column header, and narrows by kind, by how soon, and by case reference. Sorting and
narrowing happen on the rows already read: the query runs once per reload, never per row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain import safe_contact
from victimcare.domain.describe import due_in_words
from victimcare.domain.timeutil import format_datetime, london
from victimcare.domain.vocabulary import COMMITMENT_KINDS, CONTACT_METHODS
from victimcare.domain.worklist import WorkItem
from victimcare.services import commitments
from victimcare.store.database import Database
from victimcare.views import clock
from victimcare.views.table_model import HeadedTableModel
from victimcare.views.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

# No column for the kind: the reason says it ("Inform the victim: ...", "Agreed contact
# every ..."), its tooltip names it, and the Kind filter picks by it; the width goes to the
# safe-contact rule and the reason.
STATUS, WHEN, DUE, VICTIM, REASON, SAFE_CONTACT, REFERENCE = range(7)
HEADERS = ("Status", "When", "Due", "Victim", "Reason", "Safe contact", "Reference")

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COMMITMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

BUCKET_WORDS = {"overdue": "Overdue", "today": "Due today", "week": "This week"}
BUCKET_ORDER = {bucket: rank for rank, bucket in enumerate(BUCKET_WORDS)}
# Dark enough to read as text on a light background; the word carries the meaning too.
BUCKET_COLOURS = {"overdue": "#b3261e", "today": "#8a5300", "week": "#1f5f8b"}
NOTHING_DUE = "Nothing is overdue or due this week."
NOTHING_MATCHES = "Nothing due matches these filters."
NO_SAFE_CONTACT_RULE = "No restriction recorded"
MUTED = "#5f6b73"


def safe_contact_words(item: WorkItem) -> str:
    rules = safe_contact.for_method(item.safe_contact, item.agreed_method)
    method = CONTACT_METHODS.get(item.agreed_method, item.agreed_method)
    return f"{method}: {', '.join(rules)}" if rules else f"{method}: {NO_SAFE_CONTACT_RULE.lower()}"


def counts_text(items: Sequence[WorkItem], shown: int | None = None) -> str:
    """The day's counts over everything due; when filters hide some, how many are shown."""
    counts = Counter(item.bucket for item in items)
    text = (f"{counts['overdue']} overdue · {counts['today']} due today · "
            f"{counts['week']} this week")
    if shown is not None and shown != len(items):
        text += f" · showing {shown} of {len(items)}"
    return text


@dataclass(frozen=True)
class TodayFilter:
    """What the officer narrowed the list to. None (or empty) lets everything through."""

    kind: str | None = None        # statutory, agreed, promise
    bucket: str | None = None      # overdue, today, week
    reference: str = ""            # part of a case reference, any case

    def admits(self, item: WorkItem) -> bool:
        if self.kind is not None and item.kind != self.kind:
            return False
        if self.bucket is not None and item.bucket != self.bucket:
            return False
        wanted = self.reference.strip().casefold()
        return not wanted or wanted in item.case_reference.casefold()

    @property
    def active(self) -> bool:
        return self != TodayFilter()


def _due(item: WorkItem) -> tuple:
    return (item.due_at, item.commitment_id)


# Sort on values, not on what is shown: "overdue by 3 days" and dd/mm/yyyy sort wrongly as
# text. Ties fall back to the due time, so equal names or kinds keep the soonest first.
_SORT_KEY: dict[int, Callable[[WorkItem], tuple]] = {
    STATUS: lambda i: (BUCKET_ORDER.get(i.bucket, 9), *_due(i)),
    WHEN: _due,
    DUE: _due,
    VICTIM: lambda i: (i.victim_name.casefold(), *_due(i)),
    REASON: lambda i: (i.reason.casefold(), *_due(i)),
    SAFE_CONTACT: lambda i: (safe_contact_words(i).casefold(), *_due(i)),
    REFERENCE: lambda i: (i.case_reference, *_due(i)),
}


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
    """The day's WorkItems: all of them as the service gave them (by due time), and the rows
    shown, which are those the filter admits, in the order chosen (soonest due first unless
    a header was clicked)."""

    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[WorkItem] = []
        self._items: list[WorkItem] = []
        self._now = clock.now()
        self._icons: dict[str, QIcon] = {}
        self._filter = TodayFilter()
        self._sort_column = DUE
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_items(self, items: Sequence[WorkItem], now: datetime) -> None:
        self.beginResetModel()
        self._all = list(items)
        self._now = now
        self._items = self._shown()
        self.endResetModel()

    def set_filter(self, wanted: TodayFilter) -> None:
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._items = self._shown()
        self.endResetModel()

    @property
    def filter(self) -> TodayFilter:
        return self._filter

    def clear(self) -> None:
        self.set_items([], self._now)

    def items(self) -> list[WorkItem]:
        """Every item due, shown or filtered out."""
        return list(self._all)

    def shown_items(self) -> list[WorkItem]:
        return list(self._items)

    def item_at(self, row: int) -> WorkItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, commitment_id: int) -> int | None:
        return next((row for row, item in enumerate(self._items)
                     if item.commitment_id == commitment_id), None)

    def _shown(self) -> list[WorkItem]:
        rows = [item for item in self._all if self._filter.admits(item)]
        rows.sort(key=_SORT_KEY[self._sort_column],
                  reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEY:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        # Keep the selection (and any other persistent index) on the same commitment.
        before = self.persistentIndexList()
        moved = [self._items[index.row()] for index in before]
        self._items = self._shown()
        row_of = {id(item): row for row, item in enumerate(self._items)}
        self.changePersistentIndexList(
            before, [self.index(row_of[id(item)], index.column())
                     for index, item in zip(before, moved, strict=True)])
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def _text(self, item: WorkItem, column: int) -> str:
        if column == STATUS:
            return BUCKET_WORDS.get(item.bucket, item.bucket)
        if column == WHEN:
            return due_in_words(item.due_at, item.bucket, self._now)
        if column == DUE:
            return format_datetime(item.due_at)
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
        if column in (STATUS, WHEN, DUE) and role == Qt.ItemDataRole.ForegroundRole:
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


KIND_FILTERS = (("All kinds", None), ("Victims' Code", "statutory"),
                ("Agreed contact", "agreed"), ("Promises", "promise"))
BUCKET_FILTERS = (("Everything due", None), ("Overdue", "overdue"), ("Due today", "today"),
                  ("This week", "week"))


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
            "Overdue, due today and due this week, soonest first. Click a column heading "
            "to sort by it.")
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
        pad = 28  # room for the sort arrow and the cell margins
        for column, sample in ((STATUS, "Due today  "), (WHEN, "overdue by 10 days"),
                               (DUE, "00/00/0000 00:00"),
                               (VICTIM, "Zosia (Zofia Wójcik)"),
                               (REFERENCE, "VC-0000-0000")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + pad)
        # The safe-contact rule gets room for a whole common rule, since it is what must be
        # read before picking up the phone; the reason takes what is left, shortened (its
        # tooltip has it whole).
        header.resizeSection(SAFE_CONTACT, metrics.horizontalAdvance(
            "Phone: no voicemail, call 10:00-16:00 only") + pad)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("VC-0000"))
        # Soonest due first, which puts the overdue at the top; a header click sorts by it.
        header.setSortIndicator(DUE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        # A sort moves the selected row: keep it in sight.
        header.sortIndicatorChanged.connect(
            lambda *_: self.table.scrollTo(self.table.currentIndex()))
        self.table.activated.connect(self._on_activated)

        self._build_filters()

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
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.table)

    def _build_filters(self) -> None:
        """Kind, how soon, and part of a case reference: they narrow the rows already read."""
        self.kind_combo = QComboBox(self)
        for text, kind in KIND_FILTERS:
            self.kind_combo.addItem(text, kind)
        self.kind_combo.setAccessibleName("Show kind")
        kind_label = QLabel("&Kind:", self)
        kind_label.setBuddy(self.kind_combo)
        self.bucket_combo = QComboBox(self)
        for text, bucket in BUCKET_FILTERS:
            self.bucket_combo.addItem(text, bucket)
        self.bucket_combo.setAccessibleName("Show how soon due")
        bucket_label = QLabel("D&ue:", self)
        bucket_label.setBuddy(self.bucket_combo)
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setPlaceholderText("part of a case reference")
        self.reference_edit.setClearButtonEnabled(True)
        self.reference_edit.setAccessibleName("Show case reference containing")
        reference_label = QLabel("Refere&nce:", self)
        reference_label.setBuddy(self.reference_edit)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setSpacing(6)
        for label, widget in ((kind_label, self.kind_combo), (bucket_label, self.bucket_combo),
                              (reference_label, self.reference_edit)):
            self.filter_bar.addWidget(label)
            self.filter_bar.addWidget(widget)
            self.filter_bar.addSpacing(12)
        self.filter_bar.addStretch(1)
        self.reference_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("W" * 16))
        self.kind_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.bucket_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.reference_edit.textChanged.connect(self._on_filter_changed)
        # The rows take the focus first (the screen's focus proxy: Today opens on them), so
        # Tab goes from the rows to the filters, left to right; Enter in the reference goes
        # back to the rows.
        QWidget.setTabOrder(self.table, self.kind_combo)
        QWidget.setTabOrder(self.kind_combo, self.bucket_combo)
        QWidget.setTabOrder(self.bucket_combo, self.reference_edit)
        self.reference_edit.returnPressed.connect(
            lambda: self.table.setFocus(Qt.FocusReason.OtherFocusReason))

    def current_filter(self) -> TodayFilter:
        return TodayFilter(kind=self.kind_combo.currentData(),
                           bucket=self.bucket_combo.currentData(),
                           reference=self.reference_edit.text())

    # -- behaviour ---------------------------------------------------------------------------
    def reload(self, now: datetime | None = None) -> None:
        """Ask the service again, keeping the selection on the same commitment if it stays."""
        if self.db is None:
            return
        now = now or clock.now()
        selected = self.selected_item()
        items = commitments.worklist(self.db, now)
        self.model.set_items(items, now)
        self.heading.setText(f"Today, {london(now):%A %d %B %Y}")
        self._show_rows(selected.commitment_id if selected else None)

    def _on_filter_changed(self, *_args) -> None:
        selected = self.selected_item()
        self.model.set_filter(self.current_filter())
        self._show_rows(selected.commitment_id if selected else None)

    def _show_rows(self, keep_commitment_id: int | None) -> None:
        """Counts, the table or the reason it is empty, and the selection kept if it can be."""
        everything = self.model.items()
        shown = self.model.rowCount()
        self.counts_label.setText(counts_text(everything, shown))
        self.empty_label.setText(NOTHING_MATCHES if everything else NOTHING_DUE)
        self.stack.setCurrentWidget(self.table if shown else self.empty_label)
        if shown:
            row = self.model.row_of(keep_commitment_id) if keep_commitment_id else None
            self.table.selectRow(row or 0)

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
        # The filters hold no personal data (a kind, a bucket, part of a reference) and stay.
        self.model.clear()
        self.counts_label.setText("")
        self.heading.setText("Today")
        self.db = None

    def attach(self, db: Database) -> None:
        self.db = db
        self.reload()
