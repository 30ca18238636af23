"""Amend a contact entry: the entry as written stays beside the corrected copy, and the
officer says why. Contact log entries are evidential: nothing is ever overwritten."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from victimcare.domain import vocabulary as vocab
from victimcare.domain.conversation import outcome_words
from victimcare.domain.describe import covered_words
from victimcare.domain.model import Case, Contact, ContactAmendment
from victimcare.domain.timeutil import format_datetime
from victimcare.domain.validation import Problem
from victimcare.services import cases
from victimcare.store.database import Database
from victimcare.views.dialogs.form import FormDialog, line_edit
from victimcare.views.dialogs.log_contact_dialog import ContactFields


def entry_text(view: Contact | ContactAmendment, case: Case) -> str:
    """One version of an entry as plain text, every field named; an attempt's outcome is
    marked as the contact log and the printouts mark it."""
    covered = covered_words(view) or "none"
    lines = [
        f"When: {format_datetime(view.occurred_at)}",
        f"Method: {vocab.CONTACT_METHODS.get(view.method, view.method)}",
        f"Direction: {vocab.DIRECTIONS.get(view.direction, view.direction)}",
        f"With: {vocab.CONTACT_PARTIES.get(view.with_whom, view.with_whom)}",
        f"Outcome: {outcome_words(view, case)}",
        f"Code items covered: {covered}",
        "",
        view.narrative or "(no narrative)",
    ]
    return "\n".join(lines)


def history_text(contact: Contact, case: Case) -> str:
    """The entry as first written, then each amendment with its reason."""
    parts = [f"AS FIRST WRITTEN (recorded {format_datetime(contact.recorded_at)})",
             entry_text(contact, case)]
    for number, amendment in enumerate(contact.amendments, 1):
        parts += ["", f"AMENDMENT {number} ({format_datetime(amendment.amended_at)})",
                  f"Reason: {amendment.reason}", entry_text(amendment, case)]
    return "\n".join(parts)


class AmendContactDialog(FormDialog):
    contact_amended = Signal(int)  # the contact's id

    save_text = "&Save amendment"

    def __init__(self, db: Database, case: Case, contact: Contact,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Amend contact entry — {case.reference}", parent)
        self.db = db
        self.case = case
        self.contact = contact
        self.setMinimumWidth(900)

        original_box = QGroupBox("The entry as it stands (kept unchanged)", self)
        self.original_view = QPlainTextEdit(original_box)
        self.original_view.setReadOnly(True)
        self.original_view.setPlainText(history_text(contact, case))
        self.original_view.setAccessibleName("The entry as written")
        self.original_view.setTabChangesFocus(True)
        original_layout = QVBoxLayout(original_box)
        original_layout.addWidget(self.original_view)

        copy_box = QGroupBox("Your correction", self)
        form = self.form()
        self.reason_edit = line_edit("Reason for the amendment", copy_box,
                                     placeholder="Required: why the entry is being corrected")
        self.add_row(form, "&Reason (required):", self.reason_edit, "reason")
        self.contact_fields = ContactFields(self, form, case)
        self.contact_fields.load(contact.current)
        copy_box.setLayout(form)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(original_box, 1)
        columns.addWidget(copy_box, 1)
        self.finish_layout(columns)
        chain = [self.reason_edit, *self.contact_fields.tab_chain(), self.original_view,
                 self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.watch(self.reason_edit, *self.contact_fields.widgets())
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def check(self) -> list[Problem]:
        found = self.contact_fields.problems(self)
        if not self.reason_edit.text().strip():
            found.insert(0, Problem("reason", "An amendment needs a reason."))
        return found

    def save(self) -> None:
        draft = self.contact_fields.contact()
        amendment = ContactAmendment(
            reason=self.reason_edit.text().strip(), occurred_at=draft.occurred_at,
            method=draft.method, direction=draft.direction, with_whom=draft.with_whom,
            outcome=draft.outcome, covered=draft.covered, narrative=draft.narrative)
        cases.amend_contact(self.db, self.case, self.contact, amendment)
        self.contact_amended.emit(self.contact.id)
