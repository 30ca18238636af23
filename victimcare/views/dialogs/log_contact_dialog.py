"""Log a contact in a few seconds, with the safe-contact rules in front of the officer.

The commitments the contact meets are ticked as the Victims' Code rules say, and follow the
form as it changes (an attempt meets nothing; a conversation covering an investigation update
meets the Code deadlines for events before it). The officer may untick what the rules ticked.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain import commitment_rules, safe_contact
from victimcare.domain import vocabulary as vocab
from victimcare.domain.describe import agreement_words, commitment_kind_words, status_words
from victimcare.domain.model import Case, Commitment, Contact, ContactAmendment
from victimcare.domain.timeutil import format_datetime
from victimcare.domain.validation import Problem
from victimcare.services import cases, commitments
from victimcare.store.database import Database
from victimcare.views import clock
from victimcare.views.dialogs.form import FormDialog, check_box, combo, line_edit, plain_text
from victimcare.views.widgets.safe_banner import SafeContactBanner
from victimcare.views.widgets.when_edit import WhenEdit

# How far ahead of the clock a contact time may be (a slow clock, a call still going on).
FUTURE_SLACK = timedelta(minutes=5)


def commitment_label(commitment: Commitment) -> str:
    kind = commitment_kind_words(commitment)
    status = status_words(commitment.status(clock.now()))
    return f"{commitment.reason} — {kind}, due {format_datetime(commitment.due_at)} ({status})"


class ContactFields:
    """The fields of a contact entry, shared by logging and amending."""

    def __init__(self, dialog: FormDialog, form: QFormLayout, case: Case) -> None:
        parent = dialog
        self.when_edit = WhenEdit("When", parent)
        self.method_combo = combo(vocab.CONTACT_METHODS, "Method", parent, case.agreement.method)
        self.direction_combo = combo(vocab.DIRECTIONS, "Direction", parent, "to_victim")
        self.with_combo = combo(vocab.CONTACT_PARTIES, "With whom", parent,
                                case.agreement.through_whom)
        self.outcome_combo = QComboBox(parent)
        self.outcome_combo.addItem("Choose the outcome…", None)
        for key, words in vocab.CONTACT_OUTCOMES.items():
            suffix = "" if key in vocab.SUCCESSFUL_OUTCOMES else " (attempt)"
            self.outcome_combo.addItem(words + suffix, key)
        self.outcome_combo.setAccessibleName("Outcome")
        self.covered_checks: dict[str, QCheckBox] = {}
        covered_box = QWidget(parent)
        grid = QGridLayout(covered_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        for i, (key, words) in enumerate(vocab.CODE_ITEMS.items()):
            box = check_box(words, False, covered_box, f"Covered: {words}")
            self.covered_checks[key] = box
            grid.addWidget(box, i // 2, i % 2)
        self.narrative_edit = plain_text("Narrative", parent, lines=4)
        self.narrative_edit.setPlaceholderText("What was said, agreed or left")

        dialog.add_row(form, "&When:", self.when_edit, "occurred_at")
        dialog.add_row(form, "&Method:", self.method_combo, "method")
        dialog.add_row(form, "&Direction:", self.direction_combo, "direction")
        dialog.add_row(form, "With w&hom:", self.with_combo, "with_whom")
        dialog.add_row(form, "&Outcome:", self.outcome_combo, "outcome")
        first_item = next(iter(self.covered_checks.values()))
        dialog.add_row(form, "Co&vered:", first_item, "covered", shown=covered_box)
        dialog.add_row(form, "&Narrative:", self.narrative_edit, "narrative")

    def widgets(self) -> list[QWidget]:
        return [self.when_edit, self.method_combo, self.direction_combo, self.with_combo,
                self.outcome_combo, *self.covered_checks.values(), self.narrative_edit]

    def tab_chain(self) -> list[QWidget]:
        """For QWidget.setTabOrder. The date field goes in whole: its line edit is the focus
        proxy of a widget that also holds the Calendar button, and ordering the line alone
        left that widget behind, where Tab came back to the date a second time."""
        return [self.when_edit, self.method_combo, self.direction_combo, self.with_combo,
                self.outcome_combo, *self.covered_checks.values(), self.narrative_edit]

    def load(self, view: Contact | ContactAmendment) -> None:
        from victimcare.views.dialogs.form import set_combo

        self.when_edit.set_value(view.occurred_at)
        set_combo(self.method_combo, view.method)
        set_combo(self.direction_combo, view.direction)
        set_combo(self.with_combo, view.with_whom)
        set_combo(self.outcome_combo, view.outcome)
        for key, box in self.covered_checks.items():
            box.setChecked(key in view.covered)
        self.narrative_edit.setPlainText(view.narrative)

    def covered(self) -> list[str]:
        return [key for key, box in self.covered_checks.items() if box.isChecked()]

    def problems(self, dialog: FormDialog) -> list[Problem]:
        found = []
        when = self.when_edit.value()
        problem = dialog.problem_for_typed("occurred_at", self.when_edit, "When", required=True)
        if problem:
            found.append(problem)
        elif when is not None and when > clock.now() + FUTURE_SLACK:
            found.append(Problem("occurred_at", "When: that time is still to come."))
        if self.outcome_combo.currentData() is None:
            found.append(Problem("outcome", "Choose the outcome."))
        return found

    def contact(self) -> Contact:
        """The form as a contact (the time defaults to now while the field is unreadable)."""
        return Contact(
            occurred_at=self.when_edit.value() or clock.now(),
            method=self.method_combo.currentData(),
            direction=self.direction_combo.currentData(),
            with_whom=self.with_combo.currentData(),
            outcome=self.outcome_combo.currentData() or "no_answer",
            covered=self.covered(),
            narrative=self.narrative_edit.toPlainText().strip(),
        )


class LogContactDialog(FormDialog):
    contact_logged = Signal(int)  # the contact's id

    save_text = "&Log contact"

    def __init__(self, db: Database, case: Case, parent: QWidget | None = None,
                 preselect_commitment_id: int | None = None) -> None:
        # The title bar shows in task switchers and screen shares: the reference only. Who is
        # being contacted is said inside the dialog.
        super().__init__(f"Log contact — {case.reference}", parent)
        self.db = db
        self.case = case
        self.setMinimumWidth(760)
        self.saved_contact: Contact | None = None

        self.who_label = QLabel(f"{case.victim.display_name} · {case.reference}", self)
        self.who_label.setTextFormat(Qt.TextFormat.PlainText)
        self.who_label.setAccessibleName("Victim and case")
        heading = self.who_label.font()
        heading.setBold(True)
        self.who_label.setFont(heading)

        self.banner = SafeContactBanner(self)
        self.other_rules_label = QLabel(self)
        self.other_rules_label.setTextFormat(Qt.TextFormat.PlainText)
        self.other_rules_label.setWordWrap(True)
        self.other_rules_label.setAccessibleName("Safe-contact rules for other methods")
        self.other_rules_label.setStyleSheet("QLabel { color: #8c1d18; }")
        self.call_window_label = QLabel(self)
        self.call_window_label.setTextFormat(Qt.TextFormat.PlainText)
        self.call_window_label.setWordWrap(True)
        self.call_window_label.setAccessibleName("Outside the safe call window")
        self.call_window_label.setStyleSheet("QLabel { color: #8c1d18; font-weight: 600; }")
        self.call_window_label.setVisible(False)
        self.agreement_label = QLabel(self)
        self.agreement_label.setTextFormat(Qt.TextFormat.PlainText)
        self.agreement_label.setWordWrap(True)
        self.agreement_label.setAccessibleName("Contact agreement")
        self.agreement_label.setText(agreement_words(case))

        form = self.form()
        self.contact_fields = ContactFields(self, form, case)
        self.contact_fields.when_edit.set_value(clock.now())

        # -- what it meets ------------------------------------------------------------------
        self.meets_box = QGroupBox("This contact m&eets", self)
        meets_layout = QVBoxLayout(self.meets_box)
        self.meets_note = QLabel(self.meets_box)
        self.meets_note.setWordWrap(True)
        self.meets_note.setTextFormat(Qt.TextFormat.PlainText)
        self.meets_note.setAccessibleName("About what this contact meets")
        meets_layout.addWidget(self.meets_note)
        self.meets_checks: dict[int, QCheckBox] = {}
        self.open_commitments = [c for c in case.commitments if commitment_rules.is_open(c)]
        for commitment in self.open_commitments:
            box = check_box(commitment_label(commitment), False, self.meets_box,
                            f"Meets: {commitment.reason}")
            box.clicked.connect(lambda checked, cid=commitment.id: self._on_meets_clicked(cid,
                                                                                      checked))
            self.meets_checks[commitment.id] = box
            meets_layout.addWidget(box)
        self.fields["meets"] = self.meets_box
        # The officer's own ticks and unticks win over the rules' defaults.
        self._chosen: dict[int, bool] = {}
        if preselect_commitment_id in self.meets_checks:
            self._chosen[preselect_commitment_id] = True

        # -- the next promise --------------------------------------------------------------
        promise_box = QGroupBox("Next promise (optional)", self)
        promise_row = QHBoxLayout(promise_box)
        self.promise_edit = line_edit("Next promise", promise_box,
                                      placeholder="e.g. Call after the CPS decision")
        self.promise_due_edit = WhenEdit("Promise due", promise_box, by_end_of_day=True)
        for text, widget, field, stretch in (("&Promised:", self.promise_edit, "reason", 3),
                                             ("D&ue by:", self.promise_due_edit, "due_at", 2)):
            label = QLabel(text, promise_box)
            label.setBuddy(widget)
            promise_row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            promise_row.addWidget(widget, stretch, Qt.AlignmentFlag.AlignTop)
            self.fields[field] = widget

        top = QVBoxLayout()
        top.addWidget(self.who_label)
        top.addWidget(self.banner)
        top.addWidget(self.call_window_label)
        top.addWidget(self.other_rules_label)
        top.addWidget(self.agreement_label)
        top.addLayout(form)
        top.addWidget(self.meets_box)
        top.addWidget(promise_box)
        self.finish_layout(top)

        chain = [*self.contact_fields.tab_chain(), *self.meets_checks.values(),
                 self.promise_edit, self.promise_due_edit, self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        fields = self.contact_fields
        fields.method_combo.currentIndexChanged.connect(self._show_rules)
        for signal in (fields.when_edit.changed, fields.method_combo.currentIndexChanged,
                       fields.direction_combo.currentIndexChanged):
            signal.connect(self._check_call_window)
        for signal in (fields.when_edit.changed, fields.with_combo.currentIndexChanged,
                       fields.outcome_combo.currentIndexChanged,
                       *(box.toggled for box in fields.covered_checks.values())):
            signal.connect(self._recompute_meets)
        self.watch(*fields.widgets(), self.promise_edit, self.promise_due_edit)
        self._show_rules()
        self._check_call_window()
        self._recompute_meets()
        self.dirty = False
        fields.outcome_combo.setFocus()

    # -- live behaviour ----------------------------------------------------------------------
    def _show_rules(self, *_args) -> None:
        method = self.contact_fields.method_combo.currentData()
        rules = self.case.safe_contact
        self.banner.show_for_method(rules, method, vocab.CONTACT_METHODS[method].lower())
        # The rest still matter: a visit may turn into a call, a call into a voicemail.
        others = [w for w in safe_contact.warnings(rules) if w not in self.banner.warnings]
        self.other_rules_label.setText("Other rules on this case: " + " · ".join(others)
                                       if others else "")
        self.other_rules_label.setVisible(bool(others))

    def _check_call_window(self, *_args) -> None:
        fields = self.contact_fields
        when = fields.when_edit.value()
        warning = None if when is None else safe_contact.call_window_warning(
            self.case.safe_contact, fields.method_combo.currentData(),
            fields.direction_combo.currentData(), when)
        self.call_window_label.setText(f"⚠ {warning}" if warning else "")
        self.call_window_label.setVisible(bool(warning))

    def _on_meets_clicked(self, commitment_id: int, checked: bool) -> None:
        self._chosen[commitment_id] = checked
        self.dirty = True

    def draft(self) -> Contact:
        return self.contact_fields.contact()

    def default_meet_ids(self) -> set[int]:
        draft = self.draft()
        if self.contact_fields.outcome_combo.currentData() is None:
            return set()
        return {c.id for c in commitments.default_meets(self.case, draft)}

    def _recompute_meets(self, *_args) -> None:
        draft = self.draft()
        chosen_outcome = self.contact_fields.outcome_combo.currentData() is not None
        successful = chosen_outcome and commitment_rules.is_successful(draft, self.case)
        defaults = self.default_meet_ids()
        for commitment_id, box in self.meets_checks.items():
            box.setEnabled(successful)
            box.setChecked(successful and self._chosen.get(commitment_id,
                                                           commitment_id in defaults))
        if not self.meets_checks:
            self.meets_note.setText("Nothing is owed on this case at the moment.")
        elif not chosen_outcome:
            self.meets_note.setText("Choose the outcome to see what this contact meets.")
        elif not successful:
            self.meets_note.setText(
                "This is an attempt: it is logged, but meets nothing. Only a conversation "
                "(or a reply) with the victim, the person they agreed updates go through, or "
                "a parent or guardian while the victim is under 18, meets a commitment.")
        else:
            self.meets_note.setText(
                "Ticked as the Victims' Code rules say. Untick any this contact did not meet; "
                "tick a promise you kept.")

    def meet_ids(self) -> list[int]:
        return [cid for cid, box in self.meets_checks.items()
                if box.isEnabled() and box.isChecked()]

    # -- saving ------------------------------------------------------------------------------
    def check(self) -> list[Problem]:
        found = self.contact_fields.problems(self)
        promise, due_text = self.promise_edit.text().strip(), self.promise_due_edit.text().strip()
        if promise or due_text:
            problem = self.problem_for_typed("due_at", self.promise_due_edit, required=True)
            if problem:
                found.append(problem)
            if not promise:
                found.append(Problem("reason", "Say what was promised, or empty the due date."))
        return found

    def save(self) -> None:
        promise, due = self.promise_edit.text().strip(), self.promise_due_edit.value()
        if not (promise and due is not None):
            promise, due = "", None
        # One service call: the entry and its promise are stored together or not at all.
        saved = cases.log_contact(self.db, self.case, self.draft(), meets=self.meet_ids(),
                                  promise=promise, promise_due=due)
        self.saved_contact = saved
        self.contact_logged.emit(saved.id)

