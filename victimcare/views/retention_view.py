"""Retention review: closed cases whose review date has come, and the decision on each.

Keep needs a reason and a new review date. Erase needs a reason and is asked twice, because it
cannot be undone: the case and everything under it are removed for good.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.timeutil import format_date
from victimcare.domain.validation import ValidationError
from victimcare.services import retention
from victimcare.services.retention import ReviewDue
from victimcare.store.database import Database, StoreError
from victimcare.views import ask, style
from victimcare.views.dialog_message import FIELD_STYLE, DialogMessage
from victimcare.views.table_model import HeadedTableModel

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Reference", "Victim", "Closed", "Review due")
NOTHING_DUE = "No closed case is due for its retention review."


class RetentionModel(HeadedTableModel):
    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewDue] = []

    def set_rows(self, rows: Sequence[ReviewDue]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ReviewDue | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        due = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (due.summary.reference, due.summary.victim_name, due.summary.status.title(),
                    format_date(due.review_date))[index.column()]
        return None



class DecisionDialog(QDialog):
    """The reason (both decisions) and, for Keep, the next review date."""

    def __init__(self, reference: str, keep: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keep = keep
        self.setWindowTitle(f"{'Keep' if keep else 'Erase'} {reference} – victimcare")
        self.setStyleSheet(FIELD_STYLE)
        self.setMinimumWidth(480)
        intro = QLabel(
            f"Keep case {reference}: say why it is still needed for a policing purpose, and "
            "when to review it again." if keep else
            f"Erase case {reference} and everything recorded under it. This cannot be undone; "
            "only an audit row saying it was erased will remain.", self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setAccessibleName("Reason")
        self.date_edit = QDateEdit(QDate.currentDate().addYears(1), self)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(QDate.currentDate().addDays(1))
        self.date_edit.setAccessibleName("Next review date")
        form = QFormLayout()
        form.addRow("&Reason:", self.reason_edit)
        if keep:
            form.addRow("&Next review:", self.date_edit)
        else:
            self.date_edit.setVisible(False)
        self.message = DialogMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Keep" if keep else "&Erase…")
        ok.setAccessibleName("Keep the case" if keep else "Erase the case")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        """Escape, Cancel and the close button ask before a typed reason is lost."""
        from victimcare.views.dialogs.form import confirm_discard

        if self.reason_edit.text().strip() and not confirm_discard(self):
            return
        super().reject()

    def accept(self) -> None:
        if not self.reason_edit.text().strip():
            self.message.show_message("Say why." if self.keep else "Say why it is erased.")
            self.reason_edit.setFocus()
            return
        super().accept()


class RetentionView(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.decision_dialog: DecisionDialog | None = None
        self.setAccessibleName("Retention review")
        heading = QLabel("Closed cases due for their retention review", self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        explain = QLabel("Keep a record only while there is a policing purpose. Record a "
                         "decision for each case: keep it (with a reason and a new review "
                         "date) or erase it.", self)
        explain.setWordWrap(True)
        explain.setStyleSheet(f"QLabel {{ color: {style.MUTED}; }}")

        self.model = RetentionModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cases due for review")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in every other list
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(NOTHING_DUE, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        self.keep_button = QPushButton("&Keep…", self)
        self.keep_button.setAccessibleName("Keep the selected case")
        self.erase_button = QPushButton("E&rase…", self)
        self.erase_button.setAccessibleName("Erase the selected case")
        self.keep_button.clicked.connect(self.keep_selected)
        self.erase_button.clicked.connect(self.erase_selected)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName("Last decision")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.erase_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        if self.db is None:
            return
        rows = retention.reviews_due(self.db)
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)
        self.keep_button.setEnabled(bool(rows))
        self.erase_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def selected(self) -> ReviewDue | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open_decision(self, keep: bool) -> DecisionDialog | None:
        due = self.selected()
        if due is None:
            return None
        dialog = DecisionDialog(due.summary.reference, keep, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(lambda: self._decided(due, dialog))
        self.decision_dialog = dialog
        dialog.open()
        return dialog

    def keep_selected(self) -> DecisionDialog | None:
        return self._open_decision(True)

    def erase_selected(self) -> DecisionDialog | None:
        return self._open_decision(False)

    def _decided(self, due: ReviewDue, dialog: DecisionDialog) -> None:
        reason = dialog.reason_edit.text()
        reference = due.summary.reference
        try:
            if dialog.keep:
                retention.keep(self.db, due.summary.id, reason, dialog.date_edit.date().toPython())
                self.status_label.setText(f"{reference} kept until "
                                          f"{format_date(dialog.date_edit.date().toPython())}.")
            else:
                # Twice: erasure cannot be undone, and a slip of the Enter key must not do it.
                if not ask.confirm(self, "Erase case", f"Erase {reference} for good? Every "
                                   "record of this case will be removed and cannot be brought "
                                   "back.", yes="Erase", no="Keep it"):
                    return
                if not ask.confirm(self, "Erase case", f"Really erase {reference}? This is the "
                                   "last chance to stop.", yes=f"Erase {reference}",
                                   no="Do not erase"):
                    return
                retention.erase(self.db, due.summary.id, reason)
                self.status_label.setText(f"{reference} erased.")
        except ValidationError as exc:
            ask.warn(self, "Retention review", " ".join(p.message for p in exc.problems))
            return
        except StoreError as exc:  # a full disk: say so, nothing was changed
            ask.warn(self, "Retention review", str(exc))
            return
        self.reload()
        self.changed.emit()

    def clear_personal_data(self) -> None:
        self.model.set_rows([])
        self.db = None
