"""The audit log (Data Protection Act 2018 s.62): filter by case and date, print, verify.

The printed copy is `reports.audit_document`, with the same columns and words as the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.describe import AUDIT_COLUMNS, audit_row_words
from victimcare.domain.model import AuditEntry
from victimcare.domain.timeutil import format_date, london
from victimcare.services import audit
from victimcare.store.database import Database
from victimcare.views import clock, style
from victimcare.views.table_model import HeadedTableModel
from victimcare.views.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
_REFERENCE = re.compile(r"VC-\d{4}-\d{4,}", re.IGNORECASE)


def filter_entries(entries: Sequence[AuditEntry], case_reference: str = "",
                   start: date | None = None, end: date | None = None) -> list[AuditEntry]:
    """Rows of one case (reference, case-insensitive, may be partial) within London days."""
    wanted = case_reference.strip().casefold()
    found = []
    for entry in entries:
        if wanted and wanted not in entry.case_reference.casefold():
            continue
        day = london(entry.at).date()
        if (start and day < start) or (end and day > end):
            continue
        found.append(entry)
    return found


class AuditModel(HeadedTableModel):
    headers = AUDIT_COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return audit_row_words(self._entries[index.row()])[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(audit_row_words(self._entries[index.row()])[index.column()]) or None
        return None



class AuditView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setAccessibleName("Audit log")
        self._all: list[AuditEntry] = []

        self.case_edit = QLineEdit(self)
        self.case_edit.setPlaceholderText("Case reference, e.g. VC-2026-0001")
        self.case_edit.setAccessibleName("Filter by case reference")
        self.case_edit.setClearButtonEnabled(True)
        case_label = QLabel("Case &reference:", self)
        case_label.setBuddy(self.case_edit)
        self.dates_check = QCheckBox("&Dates", self)
        self.dates_check.setAccessibleName("Filter by date")
        day = clock.today()
        today = QDate(day.year, day.month, day.day)
        self.from_edit = QDateEdit(today.addMonths(-1), self)
        self.to_edit = QDateEdit(today, self)
        for edit, name in ((self.from_edit, "From date"), (self.to_edit, "To date")):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
        from_label = QLabel("fro&m", self)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel("t&o", self)
        to_label.setBuddy(self.to_edit)
        self.print_button = QPushButton(style.icon("print"), "&Print…", self)
        self.print_button.setAccessibleName("Print the audit rows shown")
        self.verify_button = QPushButton("Ver&ify chain", self)
        self.verify_button.setAccessibleName("Verify that no audit row was changed or removed")
        bar = QHBoxLayout()
        bar.addWidget(case_label)
        bar.addWidget(self.case_edit, 1)
        bar.addSpacing(12)
        bar.addWidget(self.dates_check)
        bar.addWidget(from_label)
        bar.addWidget(self.from_edit)
        bar.addWidget(to_label)
        bar.addWidget(self.to_edit)
        bar.addSpacing(12)
        bar.addWidget(self.print_button)
        bar.addWidget(self.verify_button)

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit rows")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in every other list
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        for column, sample in enumerate(("00/00/0000 00:00", "PC Alex Morgan (MP0000)",
                                         "Consultation", "VC-0000-0000")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 32)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Rows shown")
        self.verify_label = QLabel(self)
        self.verify_label.setAccessibleName("Chain check result")
        self.verify_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verify_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addWidget(self.verify_label, 1)
        layout.addLayout(footer)

        self.case_edit.textChanged.connect(self.apply_filter)
        self.dates_check.toggled.connect(self.apply_filter)
        self.from_edit.dateChanged.connect(self.apply_filter)
        self.to_edit.dateChanged.connect(self.apply_filter)
        self.print_button.clicked.connect(self.print_audit)
        self.verify_button.clicked.connect(self.verify)
        self._sync_dates()
        self.reload()

    def _sync_dates(self) -> None:
        on = self.dates_check.isChecked()
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)

    def reload(self) -> None:
        if self.db is None:
            return
        self._all = audit.entries(self.db)
        self.apply_filter()

    def period(self) -> tuple[date | None, date | None]:
        if not self.dates_check.isChecked():
            return None, None
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()

    def apply_filter(self, *_args) -> None:
        self._sync_dates()
        start, end = self.period()
        shown = filter_entries(self._all, self.case_edit.text(), start, end)
        # Newest first on screen: the officer usually looks for what just happened.
        self.model.set_entries(list(reversed(shown)))
        self.count_label.setText(f"{len(shown):,} of {len(self._all):,} rows")

    def scope(self) -> str:
        start, end = self.period()
        parts = []
        typed = self.case_edit.text().strip()
        if typed:
            # The scope goes into the audit row: a case reference is fine there, but the box
            # takes any text, and a name typed into it must not be written down.
            parts.append(f"case {typed}" if _REFERENCE.fullmatch(typed) else "a case filter")
        if start and end:
            parts.append(f"{format_date(start)} to {format_date(end)}")
        return "Audit rows: " + (", ".join(parts) if parts else "all")

    def print_job(self):
        """What Ctrl+P prints here: the rows shown, oldest first."""
        from victimcare.services import printing  # ReportLab loads when first printing
        from victimcare.views.print_preview import PrintJob

        now = clock.now()
        document = printing.prepare_audit_log(self.db, reversed(self.model.entries()),
                                              self.scope(), now)
        return PrintJob("Audit log", "", f"audit log ({self.scope().lower()})",
                        f"audit-log-{london(now):%Y-%m-%d}", document.build)

    def print_audit(self):
        from victimcare.views.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(self.db, (), None, self, job=self.print_job())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def verify(self) -> bool:
        broken = audit.verify_chain(self.db)
        if broken is None:
            self.verify_label.setText(f"Chain verified: all {len(self._all):,} rows are as "
                                      "written.")
            self.verify_label.setStyleSheet(f"QLabel {{ color: {style.GOOD}; }}")
            return True
        self.verify_label.setText(f"Row {broken.entry_id} {broken.problem}.")
        self.verify_label.setStyleSheet(f"QLabel {{ color: {style.OVERDUE}; font-weight: 600; }}")
        return False

    def clear_personal_data(self) -> None:
        self.model.set_entries([])
        self._all = []
        self.case_edit.setText("")
        self.db = None
