"""The main window: the officer's cases, searchable as they type."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.model import Officer
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


class MainWindow(QMainWindow):
    case_activated = Signal(int)  # the id of the case the officer opened from the list
    window_closed = Signal()

    def __init__(self, db: Database, officer: Officer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("victimcare")
        self.setMinimumSize(1000, 650)
        self._total: int | None = None  # cases in the store, counted when the list is unfiltered

        self._build_menus()
        self._build_case_list()
        self._build_status_bar(officer)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.status_combo.currentIndexChanged.connect(self._on_status_filter_changed)

        self.refresh()
        self.search_edit.setFocus()

    # -- building ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.find_action = QAction("&Find a case", self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        edit_menu.addAction(self.find_action)

    def _build_case_list(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)

        self.search_edit = QLineEdit(central)
        self.search_edit.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search cases")
        self.search_edit.setAccessibleDescription(SEARCH_PLACEHOLDER + " (Ctrl+F)")
        search_label = QLabel("&Search:", central)
        search_label.setBuddy(self.search_edit)

        self.status_combo = QComboBox(central)
        for label, status in STATUS_FILTERS:
            self.status_combo.addItem(label, status)
        self.status_combo.setAccessibleName("Show cases")
        status_label = QLabel("S&how:", central)
        status_label.setBuddy(self.status_combo)

        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search_edit, 1)
        bar.addSpacing(16)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        layout.addLayout(bar)

        self.model = CaseListModel(self)
        self.table = QTableView(central)
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

        self.empty_label = QLabel(central)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)  # fixed hints, never user text
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName("No cases")
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)

        self.list_stack = QStackedWidget(central)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        layout.addWidget(self.list_stack, 1)

        QWidget.setTabOrder(self.search_edit, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.table)
        self.setCentralWidget(central)

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

    def _build_status_bar(self, officer: Officer | None) -> None:
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of cases")
        self.officer_label = QLabel(officer.name if officer else "", self)
        self.officer_label.setAccessibleName("Officer")
        for label in (self.count_label, self.officer_label):
            label.setContentsMargins(8, 2, 8, 2)
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.officer_label)

    # -- behaviour ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_search_text_changed(self, _text: str) -> None:
        self.search_timer.start()  # restarts: only the last keystroke in a burst searches

    def _on_status_filter_changed(self, _index: int) -> None:
        self.refresh()

    def status_filter(self) -> str | None:
        return self.status_combo.currentData()

    def refresh(self, *, recount: bool = False) -> None:
        """Run the search now (the timer calls this after typing stops). `recount` after
        cases were added or erased while the list was filtered."""
        self.search_timer.stop()
        if self.db is None:
            return
        text = self.search_edit.text()
        status = self.status_filter()
        found = cases.search_cases(self.db, text, status)
        filtered = cases.search_query(text) is not None or status is not None
        if not filtered:
            self._total = len(found)
        elif self._total is None or recount:
            self._total = len(cases.list_cases(self.db))
        self.model.set_cases(found)
        self.count_label.setText(count_text(len(found), self._total, filtered))
        if found:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(EMPTY_STORE_HINT if self._total == 0 else NO_MATCH_HINT)
            self.list_stack.setCurrentWidget(self.empty_label)

    def _on_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id is not None:
            self.case_activated.emit(int(case_id))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Names leave the window with it; the database itself is closed by the app.
        self.search_edit.setText("")
        self.search_timer.stop()
        self.model.clear()
        self.db = None  # type: ignore[assignment]
        super().closeEvent(event)
        self.window_closed.emit()
