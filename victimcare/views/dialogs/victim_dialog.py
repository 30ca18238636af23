"""Edit the victim, the safe-contact rules, the contact agreement and enhanced rights.

The dialog edits a copy of the case: a refusal leaves the open case exactly as it was, and
everything typed stays in the dialog for the officer to correct.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain import vocabulary as vocab
from victimcare.domain.eligibility import eligibility
from victimcare.domain.model import Case, Phone
from victimcare.domain.validation import Problem, case_problems
from victimcare.services import cases, commitments
from victimcare.store.database import Database
from victimcare.views import clock
from victimcare.views.dialogs.form import (
    FormDialog,
    check_box,
    combo,
    line_edit,
    plain_text,
    set_combo,
    tri_state_combo,
)
from victimcare.views.widgets.when_edit import DateEdit

OVERRIDE_CHOICES = (
    (None, "Follow the Code's rules"),
    (True, "Enhanced rights (my decision)"),
    (False, "Standard rights (my decision)"),
)


def phones_text(phones: list[Phone]) -> str:
    return "\n".join(f"{p.label}: {p.number}" if p.label else p.number for p in phones)


def parse_phones(text: str) -> list[Phone]:
    """One number a line, optionally after a label: 'mobile: 07700 900461'."""
    phones = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        label, sep, number = line.partition(":")
        if sep and not any(ch.isdigit() for ch in label):
            phones.append(Phone(number.strip(), label.strip()))
        else:
            phones.append(Phone(line, ""))
    return phones


class VictimDialog(FormDialog):
    case_saved = Signal()  # `case` now holds the saved copy

    def __init__(self, db: Database, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(f"Edit victim and safe contact — {case.reference}", parent)
        self.db = db
        self.original = case
        self.case = copy.deepcopy(case)
        self.rules = commitments.rules_for(case)
        self.setMinimumWidth(700)
        victim, safe, agreement = case.victim, case.safe_contact, case.agreement

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections")

        # -- the victim ---------------------------------------------------------------------
        page = QWidget(self)
        form = self.form()
        self.given_names_edit = line_edit("Given names", page, victim.given_names)
        self.family_name_edit = line_edit("Family name", page, victim.family_name)
        self.preferred_name_edit = line_edit("Preferred name", page, victim.preferred_name)
        self.dob_edit = DateEdit("Date of birth", page)
        self.dob_edit.set_value(victim.date_of_birth)
        self.address_edit = plain_text("Address", page, victim.address, lines=2)
        self.postcode_edit = line_edit("Postcode", page, victim.postcode)
        self.phones_edit = plain_text("Phone numbers", page, phones_text(victim.phones), lines=2)
        self.phones_edit.setPlaceholderText("One a line, e.g. mobile: 07700 900461")
        self.email_edit = line_edit("Email", page, victim.email)
        self.language_edit = line_edit("Preferred language", page, victim.language)
        self.interpreter_check = check_box("Interpreter &needed", victim.interpreter_needed, page)
        self.interpreter_language_edit = line_edit("Interpreter language", page,
                                                   victim.interpreter_language)
        self.communication_edit = plain_text("Communication needs", page,
                                             victim.communication_needs, lines=2)
        self.communication_edit.setPlaceholderText(
            "e.g. intermediary, EasyRead, Braille, prefers written summaries")
        self.add_row(form, "&Given names:", self.given_names_edit, "victim.given_names")
        self.add_row(form, "&Family name:", self.family_name_edit, "victim.family_name")
        self.add_row(form, "&Preferred name:", self.preferred_name_edit, "victim.preferred_name")
        self.add_row(form, "Date of &birth:", self.dob_edit, "victim.date_of_birth")
        self.add_row(form, "Addr&ess:", self.address_edit, "victim.address")
        self.add_row(form, "Post&code:", self.postcode_edit, "victim.postcode")
        self.add_row(form, "P&hones:", self.phones_edit, "victim.phones")
        self.add_row(form, "E&mail:", self.email_edit, "victim.email")
        self.add_row(form, "&Language:", self.language_edit, "victim.language")
        interpreter_row = QHBoxLayout()
        interpreter_row.addWidget(self.interpreter_check)
        interpreter_row.addWidget(self.interpreter_language_edit, 1)
        self.interpreter_language_edit.setPlaceholderText("Interpreter language")
        # Alt+I goes to the language; the box beside it has its own letter (Alt+N).
        self.add_row(form, "&Interpreter:", self.interpreter_language_edit,
                     "victim.interpreter_language", shown=interpreter_row)
        self.fields["victim.interpreter_needed"] = self.interpreter_check
        self.add_row(form, "Comm&unication needs:", self.communication_edit,
                     "victim.communication_needs")
        page.setLayout(form)
        self.tabs.addTab(page, "&1 Victim")

        # -- safe contact -------------------------------------------------------------------
        page = QWidget(self)
        form = self.form()
        self.voicemail_combo = tri_state_combo("Safe to leave a voicemail", safe.voicemail_ok, page)
        self.texts_combo = tri_state_combo("Safe to send texts", safe.texts_ok, page)
        self.letters_combo = tri_state_combo("Safe to send letters", safe.letters_ok, page)
        self.email_combo = tri_state_combo("Safe to send email", safe.email_ok, page)
        self.call_from_edit = line_edit("Safe to call from (HH:MM)", page, safe.call_from or "",
                                        "HH:MM")
        self.call_until_edit = line_edit("Safe to call until (HH:MM)", page,
                                         safe.call_until or "", "HH:MM")
        self.lives_with_check = check_box("Suspect lives &with the victim",
                                          safe.suspect_lives_with, page)
        self.lives_near_check = check_box("Suspect lives ne&arby", safe.suspect_lives_near, page)
        self.safe_notes_edit = plain_text("Safe-contact notes", page, safe.notes, lines=2)
        self.safe_notes_edit.setPlaceholderText("e.g. never mention police on a voicemail")
        self.add_row(form, "&Voicemail:", self.voicemail_combo, "safe_contact.voicemail_ok")
        self.add_row(form, "&Texts:", self.texts_combo, "safe_contact.texts_ok")
        self.add_row(form, "L&etters:", self.letters_combo, "safe_contact.letters_ok")
        self.add_row(form, "Emai&l:", self.email_combo, "safe_contact.email_ok")
        window_row = QHBoxLayout()
        window_row.addWidget(self.call_from_edit)
        until_label = QLabel("&until", page)
        until_label.setBuddy(self.call_until_edit)
        window_row.addWidget(until_label)
        window_row.addWidget(self.call_until_edit)
        window_row.addWidget(QLabel("(leave both empty for any time)", page), 1)
        self.add_row(form, "Safe to call f&rom:", self.call_from_edit, "safe_contact.call_from",
                     shown=window_row)
        self.fields["safe_contact.call_until"] = self.call_until_edit
        suspect_row = QHBoxLayout()
        suspect_row.addWidget(self.lives_with_check)
        suspect_row.addWidget(self.lives_near_check)
        suspect_row.addStretch(1)
        form.addRow("Suspect:", suspect_row)
        self.add_row(form, "N&otes:", self.safe_notes_edit, "safe_contact.notes")
        page.setLayout(form)
        self.tabs.addTab(page, "&2 Safe contact")

        # -- contact agreement --------------------------------------------------------------
        page = QWidget(self)
        form = self.form()
        self.frequency_spin = QSpinBox(page)
        self.frequency_spin.setRange(0, 365)
        self.frequency_spin.setSpecialValueText("No agreed frequency")
        self.frequency_spin.setSuffix(" days")
        self.frequency_spin.setValue(agreement.frequency_days or 0)
        self.frequency_spin.setAccessibleName("Agreed contact every so many days")
        self.method_combo = combo(vocab.CONTACT_METHODS, "Agreed method", page, agreement.method)
        self.through_combo = combo(vocab.CONTACT_PARTIES, "Updates go through", page,
                                   agreement.through_whom)
        self.through_name_edit = line_edit("Name of the person updates go through", page,
                                           agreement.through_name)
        self.start_edit = DateEdit("Agreement start date", page)
        self.start_edit.set_value(agreement.start_date)
        self.opted_out_check = check_box("Victim has opted o&ut of updates", agreement.opted_out,
                                         page)
        self.paused_check = check_box("Updates &paused", agreement.paused, page)
        self.waiver_edit = line_edit("Reason for the opt-out or pause", page,
                                     agreement.waiver_reason)
        self.agreement_notes_edit = plain_text("Agreement notes", page, agreement.notes, lines=2)
        self.add_row(form, "Contact &every:", self.frequency_spin, "agreement.frequency_days")
        self.add_row(form, "&Method:", self.method_combo, "agreement.method")
        self.add_row(form, "&Through:", self.through_combo, "agreement.through_whom")
        self.add_row(form, "Their &name:", self.through_name_edit, "agreement.through_name")
        self.add_row(form, "St&arting:", self.start_edit, "agreement.start_date")
        waiver_row = QHBoxLayout()
        waiver_row.addWidget(self.opted_out_check)
        waiver_row.addWidget(self.paused_check)
        waiver_row.addStretch(1)
        form.addRow("", waiver_row)
        self.add_row(form, "&Reason:", self.waiver_edit, "agreement.waiver_reason")
        self.add_row(form, "N&otes:", self.agreement_notes_edit, "agreement.notes")
        page.setLayout(form)
        self.tabs.addTab(page, "&3 Contact agreement")

        # -- rights and vulnerability ---------------------------------------------------------
        page = QWidget(self)
        layout = QVBoxLayout(page)
        flags_label = QLabel("&Vulnerability (each gives enhanced rights; under 18 at the time "
                             "of the offence is worked out from the dates):", page)
        flags_label.setWordWrap(True)
        layout.addWidget(flags_label)
        grid = QGridLayout()
        self.flag_checks = {}
        for i, (key, words) in enumerate(vocab.VULNERABILITY_FLAGS.items()):
            box = check_box(words, key in victim.vulnerability_flags, page)
            self.flag_checks[key] = box
            grid.addWidget(box, i, 0)
        layout.addLayout(grid)
        self.fields["victim.vulnerability_flags"] = next(iter(self.flag_checks.values()))
        flags_label.setBuddy(self.fields["victim.vulnerability_flags"])
        self.targeted_check = check_box("Persistently tar&geted", case.persistently_targeted, page)
        layout.addWidget(self.targeted_check)
        form = self.form()
        self.override_combo = combo({}, "Enhanced rights decision", page)
        for value, words in OVERRIDE_CHOICES:
            self.override_combo.addItem(words, value)
        set_combo(self.override_combo, case.enhanced_override)
        self.override_reason_edit = line_edit("Reason for the enhanced rights decision", page,
                                              case.enhanced_override_reason,
                                              "Required when you decide instead of the rules")
        self.add_row(form, "Enhanced rights &decision:", self.override_combo, "enhanced_override")
        self.add_row(form, "Reaso&n for the decision:", self.override_reason_edit,
                     "enhanced_override_reason")
        layout.addLayout(form)
        self.eligibility_label = QLabel(page)
        self.eligibility_label.setWordWrap(True)
        self.eligibility_label.setTextFormat(Qt.TextFormat.PlainText)
        self.eligibility_label.setAccessibleName("Rights with these answers")
        layout.addWidget(self.eligibility_label)
        layout.addStretch(1)
        self.tabs.addTab(page, "&4 Rights and vulnerability")

        # -- the case -----------------------------------------------------------------------
        page = QWidget(self)
        form = self.form()
        self.category_combo = combo(vocab.OFFENCE_CATEGORIES, "Offence category", page,
                                    case.offence_category)
        self.crime_reference_edit = line_edit("Crime reference", page, case.crime_reference)
        self.offence_date_edit = DateEdit("Offence date", page)
        self.offence_date_edit.set_value(case.offence_date)
        self.case_notes_edit = plain_text("Case notes", page, case.notes, lines=3)
        self.add_row(form, "Offence &category:", self.category_combo, "offence_category")
        self.add_row(form, "Crime re&ference:", self.crime_reference_edit, "crime_reference")
        self.add_row(form, "Offence &date:", self.offence_date_edit, "offence_date")
        self.add_row(form, "Case &notes:", self.case_notes_edit, "notes")
        page.setLayout(form)
        self.tabs.addTab(page, "&5 Case")

        self.finish_layout(self.tabs)
        editors = [self.given_names_edit, self.family_name_edit, self.preferred_name_edit,
                   self.dob_edit, self.address_edit, self.postcode_edit, self.phones_edit,
                   self.email_edit, self.language_edit, self.interpreter_check,
                   self.interpreter_language_edit, self.communication_edit,
                   self.voicemail_combo, self.texts_combo, self.letters_combo, self.email_combo,
                   self.call_from_edit, self.call_until_edit, self.lives_with_check,
                   self.lives_near_check, self.safe_notes_edit, self.frequency_spin,
                   self.method_combo, self.through_combo, self.through_name_edit,
                   self.start_edit, self.opted_out_check, self.paused_check, self.waiver_edit,
                   self.agreement_notes_edit, *self.flag_checks.values(), self.targeted_check,
                   self.override_combo, self.override_reason_edit, self.category_combo,
                   self.crime_reference_edit, self.offence_date_edit, self.case_notes_edit]
        self.watch(*editors)
        for widget in (self.dob_edit, self.offence_date_edit, *self.flag_checks.values(),
                       self.targeted_check, self.override_combo, self.category_combo):
            signal = getattr(widget, "changed", None) or getattr(widget, "toggled", None) \
                or widget.currentIndexChanged
            signal.connect(self._show_eligibility)
        self.override_reason_edit.textChanged.connect(self._show_eligibility)
        self._show_eligibility()
        self.given_names_edit.setFocus()

    # -- reading the form ------------------------------------------------------------------
    def _collect(self) -> Case:
        case = copy.deepcopy(self.original)
        victim, safe, agreement = case.victim, case.safe_contact, case.agreement
        victim.given_names = self.given_names_edit.text().strip()
        victim.family_name = self.family_name_edit.text().strip()
        victim.preferred_name = self.preferred_name_edit.text().strip()
        victim.date_of_birth = self.dob_edit.value()
        victim.address = self.address_edit.toPlainText().strip()
        victim.postcode = self.postcode_edit.text().strip().upper()
        victim.phones = parse_phones(self.phones_edit.toPlainText())
        victim.email = self.email_edit.text().strip()
        victim.language = self.language_edit.text().strip() or "English"
        victim.interpreter_needed = self.interpreter_check.isChecked()
        victim.interpreter_language = self.interpreter_language_edit.text().strip()
        victim.communication_needs = self.communication_edit.toPlainText().strip()
        victim.vulnerability_flags = [k for k, box in self.flag_checks.items() if box.isChecked()]
        safe.voicemail_ok = self.voicemail_combo.currentData()
        safe.texts_ok = self.texts_combo.currentData()
        safe.letters_ok = self.letters_combo.currentData()
        safe.email_ok = self.email_combo.currentData()
        safe.call_from = self.call_from_edit.text().strip() or None
        safe.call_until = self.call_until_edit.text().strip() or None
        safe.suspect_lives_with = self.lives_with_check.isChecked()
        safe.suspect_lives_near = self.lives_near_check.isChecked()
        safe.notes = self.safe_notes_edit.toPlainText().strip()
        agreement.frequency_days = self.frequency_spin.value() or None
        agreement.method = self.method_combo.currentData()
        agreement.through_whom = self.through_combo.currentData()
        agreement.through_name = self.through_name_edit.text().strip()
        agreement.start_date = self.start_edit.value()
        agreement.opted_out = self.opted_out_check.isChecked()
        agreement.paused = self.paused_check.isChecked()
        agreement.waiver_reason = self.waiver_edit.text().strip()
        agreement.notes = self.agreement_notes_edit.toPlainText().strip()
        case.persistently_targeted = self.targeted_check.isChecked()
        case.enhanced_override = self.override_combo.currentData()
        case.enhanced_override_reason = (self.override_reason_edit.text().strip()
                                         if case.enhanced_override is not None else "")
        case.offence_category = self.category_combo.currentData()
        case.crime_reference = self.crime_reference_edit.text().strip()
        case.offence_date = self.offence_date_edit.value()
        case.notes = self.case_notes_edit.toPlainText().strip()
        return case

    def _show_eligibility(self, *_args) -> None:
        found = eligibility(self._collect(), self.rules)
        self.eligibility_label.setText("With these answers: " + found.describe())

    def check(self) -> list[Problem]:
        found = [
            self.problem_for_typed("victim.date_of_birth", self.dob_edit, "Date of birth"),
            self.problem_for_typed("offence_date", self.offence_date_edit, "Offence date"),
            self.problem_for_typed("agreement.start_date", self.start_edit,
                                   "Agreement start date"),
        ]
        typed = [p for p in found if p]
        # The same checks the service makes, here too, so every problem is listed at once
        # (not the dates first and the rest on the next Save) and each is checked again as
        # its field is edited. A field whose text is not understood has its own problem.
        unread = {p.field for p in typed}
        return typed + [p for p in case_problems(self._collect(), clock.today())
                        if p.field not in unread]

    def save(self) -> None:
        case = self._collect()
        cases.update_case(self.db, case, "victim and safe-contact details changed")
        self.case = case
        self.case_saved.emit()
