"""Waive a commitment (with a reason) and record a promise made to the victim."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from victimcare.domain.model import Case, Commitment
from victimcare.domain.timeutil import format_datetime
from victimcare.domain.validation import Problem
from victimcare.services import commitments
from victimcare.store.database import Database
from victimcare.views.dialogs.form import FormDialog, line_edit
from victimcare.views.widgets.when_edit import WhenEdit


def _chain(*widgets: QWidget) -> None:
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


class WaiveDialog(FormDialog):
    waived = Signal(int)  # the commitment's id

    save_text = "&Waive"

    def __init__(self, db: Database, case: Case, commitment: Commitment,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Waive commitment — {case.reference}", parent)
        self.db, self.case, self.commitment = db, case, commitment
        self.setMinimumWidth(520)
        about = QLabel(f"{commitment.reason}, due {format_datetime(commitment.due_at)}.\n"
                       "A waived commitment stays on the record with your reason.", self)
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        form = self.form()
        self.reason_edit = line_edit("Reason for waiving", self,
                                     placeholder="Required, e.g. victim asked for no updates")
        self.add_row(form, "&Reason (required):", self.reason_edit, "reason")
        self.finish_layout(about, form)
        _chain(self.reason_edit, self.save_button, self.cancel_button)
        self.watch(self.reason_edit)
        self.reason_edit.setFocus()

    def check(self) -> list[Problem]:
        if not self.reason_edit.text().strip():
            return [Problem("reason", "Waiving a commitment needs a reason.")]
        return []

    def save(self) -> None:
        commitments.waive(self.db, self.case, self.commitment.id, self.reason_edit.text())
        self.waived.emit(self.commitment.id)


class PromiseDialog(FormDialog):
    promise_added = Signal(int)  # the commitment's id

    save_text = "&Add promise"

    def __init__(self, db: Database, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(f"Add promise — {case.reference}", parent)
        self.db, self.case = db, case
        self.setMinimumWidth(520)
        form = self.form()
        self.reason_edit = line_edit("What was promised", self,
                                     placeholder="e.g. Call after the CPS decision")
        self.due_edit = WhenEdit("Promise due", self)
        self.add_row(form, "&Promised:", self.reason_edit, "reason")
        self.add_row(form, "&Due by:", self.due_edit, "due_at")
        self.finish_layout(form)
        _chain(self.reason_edit, self.due_edit.line, self.due_edit.calendar_button,
               self.save_button, self.cancel_button)
        self.watch(self.reason_edit, self.due_edit)
        self.reason_edit.setFocus()

    def check(self) -> list[Problem]:
        found = []
        if not self.reason_edit.text().strip():
            found.append(Problem("reason", "Say what was promised."))
        problem = self.problem_for_typed("due_at", self.due_edit, "Due by", required=True)
        if problem:
            found.append(problem)
        return found

    def save(self) -> None:
        commitment = commitments.add_promise(self.db, self.case, self.reason_edit.text(),
                                             self.due_edit.value())
        self.promise_added.emit(commitment.id)
