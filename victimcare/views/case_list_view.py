"""The Cases screen, beside Today: every case in the store, searched as the officer types and
narrowed by status, enhanced rights and whether anything is overdue.

The page reads the store only when asked (`refresh`, or `list_when_shown` after an unlock);
how many cases there are is said by `counted`, for the window's status bar, which is always
in view. `clear_personal_data` empties it for a lock; the filters (no personal data) stay.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from victimcare.services import cases
from victimcare.store.database import Database
from victimcare.views.case_list_model import (
    CASE_ID_ROLE,
    OFFENCE,
    OPENED,
    REFERENCE,
    STATUS,
    VICTIM,
    CaseListModel,
)

SEARCH_PLACEHOLDER = "Search name, reference, crime reference, phone, notes"
SEARCH_DELAY_MS = 150  # long enough to skip a query per keystroke, short enough to feel live
EMPTY_STORE_HINT = "No cases yet.<br>Try <code>victimcare demo</code> for fictional data."
NO_MATCH_HINT = "No cases match."

# (label, status passed to the service)
STATUS_FILTERS: tuple[tuple[str, str | None], ...] = (
    ("All", None),
    ("Open", "open"),
    ("Closed", "closed"),
)


def count_text(shown: int, total: int, filtered: bool) -> str:
    noun = "case" if total == 1 else "cases"
    if filtered:
        return f"{shown:,} of {total:,} {noun}"
    return f"{total:,} {noun}"


class CaseListView(QWidget):
    case_requested = Signal(int)  # the id of the case the officer opened from the list
    counted = Signal(str)         # "3 of 60 cases", for the status bar

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setAccessibleName("Cases")
        self._total: int | None = None  # cases in the store, counted when the list is unfiltered
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)
        layout.addLayout(self._build_filters())
        self._build_list()
        layout.addWidget(self.list_stack, 1)

        QWidget.setTabOrder(self.search_edit, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.enhanced_check)
        QWidget.setTabOrder(self.enhanced_check, self.overdue_check)
        QWidget.setTabOrder(self.overdue_check, self.table)
        # Down or Enter in the search moves into the results; Escape there comes back.
        self.search_edit.installEventFilter(self)
        self.table.installEventFilter(self)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        # Restarted by each keystroke: only the last one in a burst searches.
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        self.status_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.enhanced_check.toggled.connect(lambda _on: self.refresh())
        self.overdue_check.toggled.connect(lambda _on: self.refresh())

    # -- building ----------------------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search cases")
        self.search_edit.setAccessibleDescription(SEARCH_PLACEHOLDER + " (Ctrl+F)")
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search_edit)

        self.status_combo = QComboBox(self)
        for text, status in STATUS_FILTERS:
            self.status_combo.addItem(text, status)
        self.status_combo.setAccessibleName("Show cases")
        status_label = QLabel("Sho&w:", self)
        status_label.setBuddy(self.status_combo)

        self.enhanced_check = QCheckBox("Enhanced &rights", self)
        self.enhanced_check.setAccessibleName("Only cases with enhanced rights")
        self.overdue_check = QCheckBox("Has &overdue", self)
        self.overdue_check.setAccessibleName("Only cases with something overdue")

        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search_edit, 1)
        bar.addSpacing(16)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        bar.addSpacing(8)
        bar.addWidget(self.enhanced_check)
        bar.addWidget(self.overdue_check)
        return bar

    def _build_list(self) -> None:
        self.model = CaseListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cases")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in every other list
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Newest first: the cases an officer is working on now were opened most recently.
        header.setSortIndicator(OPENED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self._size_columns(header)
        self.table.activated.connect(self._on_activated)

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)  # fixed hints, never user text
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName("No cases")
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)

        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)

    def _size_columns(self, header: QHeaderView) -> None:
        metrics = self.fontMetrics()
        pad = 32  # room for the sort arrow and the cell margins
        widths = {
            REFERENCE: metrics.horizontalAdvance("VC-0000-0000") + pad,
            OFFENCE: metrics.horizontalAdvance("Wounding or GBH with intent") + pad,
            STATUS: metrics.horizontalAdvance("Closed") + pad,
            OPENED: metrics.horizontalAdvance("00/00/0000") + pad,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(VICTIM, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Status") + pad)

    # -- focus -------------------------------------------------------------------------------
    def focus_list(self) -> None:
        if not self.table.selectionModel().hasSelection() and self.model.rowCount():
            self.table.selectRow(0)  # a focused list with no row chosen looks broken
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def enter_results(self) -> bool:
        """From the search box into the list: the search typed so far runs now (not after
        the typing pause), and the first case is selected. False when nothing matched."""
        if self.search_timer.isActive():
            self.refresh()
        if not self.model.rowCount():
            return False
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.selectRow(0)
        self.table.setCurrentIndex(self.model.index(0, REFERENCE))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier):
            key = event.key()
            if watched is self.search_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Return,
                                                       Qt.Key.Key_Enter):
                self.enter_results()
                return True
            if watched is self.table and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)

    # -- the list ----------------------------------------------------------------------------
    def status_filter(self) -> str | None:
        return self.status_combo.currentData()

    def filters(self) -> tuple[str | None, bool, bool]:
        """Status, enhanced rights only, overdue only: kept over a lock (no personal data)."""
        return (self.status_filter(), self.enhanced_check.isChecked(),
                self.overdue_check.isChecked())

    def set_filters(self, status: str | None, enhanced_only: bool, overdue_only: bool) -> None:
        """Set the filters without searching once per filter (the caller lists the cases)."""
        widgets = (self.status_combo, self.enhanced_check, self.overdue_check)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
            self.enhanced_check.setChecked(enhanced_only)
            self.overdue_check.setChecked(overdue_only)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def refresh(self, *, recount: bool = False) -> None:
        """Run the search now (the timer calls this after typing stops). `recount` after
        cases were added or erased while the list was filtered."""
        self.search_timer.stop()
        if self.db is None:
            return
        text = self.search_edit.text()
        found = cases.search_cases(self.db, text, self.status_filter())
        if self.enhanced_check.isChecked():
            enhanced = cases.enhanced_case_ids(self.db)
            found = [s for s in found if s.id in enhanced]
        if self.overdue_check.isChecked():
            overdue = cases.overdue_case_ids(self.db)
            found = [s for s in found if s.id in overdue]
        filtered = self._filtered()
        if not filtered:
            self._total = len(found)
        elif self._total is None or recount:
            self._total = len(cases.list_cases(self.db))
        self.model.set_cases(found)
        self.counted.emit(count_text(len(found), self._total, filtered))
        if found:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(EMPTY_STORE_HINT if self._total == 0 else NO_MATCH_HINT)
            self.list_stack.setCurrentWidget(self.empty_label)

    def _filtered(self) -> bool:
        return (cases.search_query(self.search_edit.text()) is not None
                or self.status_filter() is not None
                or self.enhanced_check.isChecked() or self.overdue_check.isChecked())

    def list_when_shown(self) -> bool:
        """After unlocking, Today is in front: the case list (every case in the store) is read
        when the officer first turns to it, and until then only the cases are counted. A
        filter kept from before a lock is applied now, so the count says what it shows.
        True when the list itself is still to be read."""
        if self.db is None:
            return False
        if self._filtered():
            self.refresh(recount=True)
            return False
        self._total = cases.count_cases(self.db)
        self.counted.emit(count_text(self._total, self._total, False))
        return True

    def selected_case_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            value = rows[0].data(CASE_ID_ROLE)
            return int(value) if value is not None else None
        return None

    def selected_reference(self) -> str | None:
        summary = self.model.case_at(self.table.currentIndex().row())
        return summary.reference if summary else None

    def _on_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id is not None:
            self.case_requested.emit(int(case_id))

    def clear_personal_data(self) -> None:
        """For a lock: the typed search and every row go; the filters stay."""
        self.search_timer.stop()
        self.search_edit.setText("")
        self.model.clear()
        self._total = None
        self.db = None
