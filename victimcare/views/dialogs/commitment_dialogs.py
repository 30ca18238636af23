"""Waive a commitment (with a reason), record a promise made to the victim, and mark a
promise met by a conversation already in the contact log."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from victimcare.domain import vocabulary as vocab
from victimcare.domain.model import Case, Commitment, Contact
from victimcare.domain.timeutil import format_datetime
from victimcare.domain.validation import Problem
from victimcare.services import commitments
from victimcare.store.database import Database
from victimcare.views.dialogs.form import FormDialog, line_edit
from victimcare.views.text import first_line, plain_tooltip
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
        _chain(self.reason_edit, self.buttons)
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
        self.due_edit = WhenEdit("Promise due", self, by_end_of_day=True)
        self.add_row(form, "&Promised:", self.reason_edit, "reason")
        self.add_row(form, "&Due by:", self.due_edit, "due_at")
        self.finish_layout(form)
        _chain(self.reason_edit, self.due_edit, self.buttons)
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


def entry_words(contact: Contact) -> str:
    """One line for a log entry: when, how, the outcome and the narrative's first line."""
    view = contact.current
    words = (f"{format_datetime(view.occurred_at)} · "
             f"{vocab.label(vocab.CONTACT_METHODS, view.method)} · "
             f"{vocab.label(vocab.CONTACT_OUTCOMES, view.outcome)}")
    narrative = first_line(view.narrative, 60)
    return f"{words} — {narrative}" if narrative else words


class MeetByEntryDialog(FormDialog):
    """Mark a promise met by a conversation already logged, so the call is not logged twice.
    'Log a new contact instead' hands over to the log-contact dialog."""

    met = Signal(int)                 # the commitment's id
    log_new_requested = Signal(int)   # the commitment's id

    save_text = "&Mark met"

    def __init__(self, db: Database, case: Case, commitment: Commitment,
                 entries: list[Contact], parent: QWidget | None = None) -> None:
        super().__init__(f"Mark promise met — {case.reference}", parent)
        self.db, self.case, self.commitment = db, case, commitment
        self.setMinimumWidth(640)
        about = QLabel(f"{commitment.reason}, due {format_datetime(commitment.due_at)}.\n"
                       "Which conversation kept this promise? Only conversations (or replies) "
                       "logged since the promise was made are listed.", self)
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.entry_list = QListWidget(self)
        self.entry_list.setAccessibleName("Conversations that could meet the promise")
        self.entry_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for contact in entries:
            item = QListWidgetItem(entry_words(contact), self.entry_list)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setToolTip(plain_tooltip(contact.current.narrative))
        self.entry_list.setCurrentRow(0)
        self.entry_list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.fields["contact"] = self.entry_list
        self.field_labels["contact"] = "Conversation"
        self.entry_list.currentRowChanged.connect(
            lambda _row: self.on_field_edited(self.entry_list))
        self.new_button = self.buttons.addButton("&Log a new contact instead…",
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.setAccessibleName("Log a new contact instead")
        self.new_button.clicked.connect(self._log_new)
        self.finish_layout(about, self.entry_list)
        _chain(self.entry_list, self.buttons)
        self.entry_list.setFocus()

    def chosen_contact_id(self) -> int | None:
        item = self.entry_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def check(self) -> list[Problem]:
        if self.chosen_contact_id() is None:
            return [Problem("contact", "Choose the conversation that kept the promise.")]
        return []

    def save(self) -> None:
        commitments.meet_by_entry(self.db, self.case, self.commitment.id,
                                  self.chosen_contact_id())
        self.met.emit(self.commitment.id)

    def _log_new(self) -> None:
        commitment_id = self.commitment.id
        self.done(0)
        self.log_new_requested.emit(commitment_id)
