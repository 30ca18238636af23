"""A new case: who the victim is, what happened, and whether it is safe to contact them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from victimcare.domain import vocabulary as vocab
from victimcare.domain.model import ContactAgreement, Phone, SafeContactRules, Victim
from victimcare.domain.validation import Problem
from victimcare.services import cases, preferences
from victimcare.store.database import Database
from victimcare.views import clock
from victimcare.views.dialogs.form import (
    FormDialog,
    check_box,
    combo,
    line_edit,
    tri_state_combo,
)
from victimcare.views.widgets.when_edit import DateEdit


class NewCaseDialog(FormDialog):
    case_created = Signal(int)  # the new case's id

    save_text = "&Create case"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("New case", parent)
        self.db = db
        self.case = None
        self.setMinimumWidth(900)

        victim_box = QGroupBox("Victim", self)
        victim_form = self.form()
        self.given_names_edit = line_edit("Given names", self)
        self.family_name_edit = line_edit("Family name", self)
        self.preferred_name_edit = line_edit("Preferred name", self,
                                             placeholder="What the victim likes to be called")
        self.dob_edit = DateEdit("Date of birth", self)
        self.phone_edit = line_edit("Phone number", self)
        self.language_edit = line_edit("Preferred language", self, "English")
        self.interpreter_check = check_box("&Interpreter needed", False, self)
        self.add_row(victim_form, "&Given names (required):", self.given_names_edit,
                     "victim.given_names")
        self.add_row(victim_form, "&Family name:", self.family_name_edit, "victim.family_name")
        self.add_row(victim_form, "&Preferred name:", self.preferred_name_edit,
                     "victim.preferred_name")
        self.add_row(victim_form, "Date of &birth:", self.dob_edit, "victim.date_of_birth")
        self.add_row(victim_form, "P&hone:", self.phone_edit, "victim.phones")
        self.add_row(victim_form, "&Language:", self.language_edit, "victim.language")
        victim_form.addRow("", self.interpreter_check)
        victim_box.setLayout(victim_form)

        offence_box = QGroupBox("Offence", self)
        offence_form = self.form()
        self.category_combo = combo(vocab.OFFENCE_CATEGORIES, "Offence category", self,
                                    "sexual_offence")
        self.crime_reference_edit = line_edit("Crime reference", self,
                                              placeholder="e.g. 01/7755/26")
        self.offence_date_edit = DateEdit("Offence date", self)
        self.add_row(offence_form, "Offence c&ategory:", self.category_combo, "offence_category")
        self.add_row(offence_form, "C&rime reference:", self.crime_reference_edit,
                     "crime_reference")
        self.add_row(offence_form, "&Offence date:", self.offence_date_edit, "offence_date")
        offence_box.setLayout(offence_form)

        safe_box = QGroupBox("Safe contact (ask before the first call)", self)
        safe_form = self.form()
        self.voicemail_combo = tri_state_combo("Safe to leave a voicemail", None, self)
        self.texts_combo = tri_state_combo("Safe to send texts", None, self)
        self.letters_combo = tri_state_combo("Safe to send letters", None, self)
        self.email_combo = tri_state_combo("Safe to send email", None, self)
        self.lives_with_check = check_box("Suspect lives &with the victim", False, self)
        self.lives_near_check = check_box("Suspect lives &nearby", False, self)
        self.add_row(safe_form, "&Voicemail:", self.voicemail_combo, "safe_contact.voicemail_ok")
        self.add_row(safe_form, "&Texts:", self.texts_combo, "safe_contact.texts_ok")
        self.add_row(safe_form, "Letter&s:", self.letters_combo, "safe_contact.letters_ok")
        self.add_row(safe_form, "E&mail:", self.email_combo, "safe_contact.email_ok")
        suspect_rows = QVBoxLayout()
        suspect_rows.addWidget(self.lives_with_check)
        suspect_rows.addWidget(self.lives_near_check)
        safe_form.addRow("Suspect:", suspect_rows)
        self.frequency_spin = QSpinBox(self)
        self.frequency_spin.setRange(0, 365)
        # The team's usual update frequency (Settings) to start from; 0 means no agreement.
        self.frequency_spin.setValue(preferences.load_preferences().default_contact_frequency_days)
        self.frequency_spin.setSpecialValueText("No agreement yet")
        self.frequency_spin.setSuffix(" days")
        self.frequency_spin.setAccessibleName("Agreed contact every so many days")
        self.add_row(safe_form, "Agreed contact &every:", self.frequency_spin,
                     "agreement.frequency_days")
        safe_box.setLayout(safe_form)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(victim_box)
        left_layout.addWidget(offence_box)
        columns.addWidget(left, 1)
        columns.addWidget(safe_box, 1)
        self.finish_layout(columns)

        order = [self.given_names_edit, self.family_name_edit, self.preferred_name_edit,
                 self.dob_edit, self.phone_edit, self.language_edit, self.interpreter_check,
                 self.category_combo, self.crime_reference_edit, self.offence_date_edit,
                 self.voicemail_combo, self.texts_combo, self.letters_combo, self.email_combo,
                 self.lives_with_check, self.lives_near_check, self.frequency_spin,
                 self.buttons]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.watch(self.given_names_edit, self.family_name_edit, self.preferred_name_edit,
                   self.dob_edit, self.phone_edit, self.language_edit, self.interpreter_check,
                   self.category_combo, self.crime_reference_edit, self.offence_date_edit,
                   self.voicemail_combo, self.texts_combo, self.letters_combo, self.email_combo,
                   self.lives_with_check, self.lives_near_check, self.frequency_spin)
        self.given_names_edit.setFocus()

    def check(self) -> list[Problem]:
        found = []
        if not self.given_names_edit.text().strip():
            found.append(Problem("victim.given_names", "The victim's given name is required."))
        found += [
            self.problem_for_typed("victim.date_of_birth", self.dob_edit, "Date of birth"),
            self.problem_for_typed("offence_date", self.offence_date_edit, "Offence date"),
        ]
        return [p for p in found if p]

    def save(self) -> None:
        phone = self.phone_edit.text().strip()
        victim = Victim(
            given_names=self.given_names_edit.text().strip(),
            family_name=self.family_name_edit.text().strip(),
            preferred_name=self.preferred_name_edit.text().strip(),
            date_of_birth=self.dob_edit.value(),
            phones=[Phone(phone, "")] if phone else [],
            language=self.language_edit.text().strip() or "English",
            interpreter_needed=self.interpreter_check.isChecked(),
            interpreter_language=(self.language_edit.text().strip()
                                  if self.interpreter_check.isChecked() else ""),
        )
        safe = SafeContactRules(
            voicemail_ok=self.voicemail_combo.currentData(),
            texts_ok=self.texts_combo.currentData(),
            letters_ok=self.letters_combo.currentData(),
            email_ok=self.email_combo.currentData(),
            suspect_lives_with=self.lives_with_check.isChecked(),
            suspect_lives_near=self.lives_near_check.isChecked(),
        )
        frequency = self.frequency_spin.value() or None
        agreement = ContactAgreement(frequency_days=frequency,
                                     start_date=clock.today() if frequency else None)
        self.case = cases.new_case(
            self.db, victim, self.category_combo.currentData(),
            crime_reference=self.crime_reference_edit.text().strip(),
            offence_date=self.offence_date_edit.value(),
            safe_contact=safe, agreement=agreement,
        )
        self.case_created.emit(self.case.id)
