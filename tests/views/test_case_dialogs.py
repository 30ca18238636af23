"""The case dialogs, driven as an officer would: typing, ticking, Save, and being refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from victimcare.domain.model import Phone, SafeContactRules, Victim
from victimcare.domain.timeutil import LONDON
from victimcare.services import cases
from victimcare.store import records
from victimcare.views import ask
from victimcare.views import clock as views_clock
from victimcare.views.dialogs import (
    AmendContactDialog,
    EventDialog,
    LogContactDialog,
    NewCaseDialog,
    ReferralDialog,
    VictimDialog,
)
from victimcare.views.dialogs.form import set_combo
from victimcare.views.widgets import DateEdit, WhenEdit

# Thursday 5 March 2026, 16:00 in London (GMT, so the same in UTC).
NOW = datetime(2026, 3, 5, 16, 0, tzinfo=LONDON)
OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """Every view reads the time through `views.clock.now`: stand it on a known Thursday."""
    state = {"now": NOW.astimezone(UTC)}
    monkeypatch.setattr(views_clock, "now", lambda: state["now"])
    return state


@pytest.fixture
def case(db, clock):
    victim = Victim("Zofia Anna", "Wójcik", preferred_name="Zosia", date_of_birth=date(1998, 5, 1),
                    phones=[Phone("07700 900461", "mobile")])
    return cases.new_case(
        db, victim, "sexual_offence", crime_reference="01/7755/26",
        offence_date=date(2026, 2, 14), now=OPENED,
        safe_contact=SafeContactRules(voicemail_ok=False, texts_ok=True, call_from="10:00",
                                      call_until="16:00", suspect_lives_near=True))


def shown(qtbot, dialog):
    # A test that leaves edits behind must not be asked about them at teardown.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def type_into(qtbot, widget, text: str) -> None:
    target = widget.line if isinstance(widget, WhenEdit | DateEdit) else widget
    if isinstance(target, QLineEdit):
        target.setText("")
    if text.isascii():
        qtbot.keyClicks(target, text)
    elif isinstance(target, QPlainTextEdit):
        target.insertPlainText(text)
    else:  # QTest types ASCII only; a paste is what a person would do anyway
        target.insert(text)


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def choose(combo: QComboBox, value) -> None:
    set_combo(combo, value)
    assert combo.currentData() == value


def inputs_of(dialog: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QSpinBox)
    return [w for w in dialog.findChildren(QWidget) if isinstance(w, kinds)
            and not isinstance(w.parentWidget(), QSpinBox | QComboBox)]


# -- the date and time fields -------------------------------------------------------------------
def test_when_edit_understands_the_words_people_use(qtbot, clock):
    edit = WhenEdit("When")
    qtbot.addWidget(edit)
    edit.show()
    type_into(qtbot, edit, "today 14:30")
    assert edit.value() == datetime(2026, 3, 5, 14, 30, tzinfo=LONDON)
    assert edit.feedback.text() == "Thursday 05/03/2026 14:30"
    type_into(qtbot, edit, "yesterday 9.05")
    assert edit.value() == datetime(2026, 3, 4, 9, 5, tzinfo=LONDON)
    type_into(qtbot, edit, "now")
    assert edit.value() == NOW
    type_into(qtbot, edit, "24/12/2026 15:00")
    assert edit.value() == datetime(2026, 12, 24, 15, 0, tzinfo=LONDON)
    assert edit.error() is None


def test_when_edit_says_what_is_wrong_beside_the_field(qtbot, clock):
    edit = WhenEdit("When")
    qtbot.addWidget(edit)
    edit.show()
    type_into(qtbot, edit, "today")
    assert edit.value() is None
    assert edit.error() == "Add the time, for example 'today 14:30'."
    assert edit.feedback.isVisible() and edit.feedback.text() == edit.error()
    type_into(qtbot, edit, "31/02/2026 10:00")
    assert "is not a date" in edit.error()


def test_the_calendar_picks_a_day_and_keeps_the_time(qtbot, clock):
    edit = WhenEdit("When")
    qtbot.addWidget(edit)
    edit.show()
    type_into(qtbot, edit, "today 14:30")
    edit.open_calendar()
    calendar = edit._calendar
    assert calendar.isVisible() and calendar.selectedDate().day() == 5
    from PySide6.QtCore import QDate
    calendar.activated.emit(QDate(2026, 3, 2))
    assert edit.text() == "02/03/2026 14:30"
    assert not calendar.isVisible()


def test_the_calendar_on_an_empty_field_takes_the_time_from_the_views_clock(qtbot, clock):
    edit = WhenEdit("When")
    qtbot.addWidget(edit)
    edit.show()
    edit.open_calendar()
    calendar = edit._calendar
    assert calendar.selectedDate().day() == 5  # today, by the views' clock
    from PySide6.QtCore import QDate
    calendar.activated.emit(QDate(2026, 3, 2))
    assert edit.text() == "02/03/2026 16:00"  # the clock's 16:00, London
    assert edit.value() == datetime(2026, 3, 2, 16, 0, tzinfo=LONDON)


def test_date_edit_takes_words_and_may_be_empty(qtbot, clock):
    edit = DateEdit("Review date")
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.error() is None
    type_into(qtbot, edit, "tomorrow")
    assert edit.value() == date(2026, 3, 6)
    type_into(qtbot, edit, "14/2/2026")
    assert edit.value() == date(2026, 2, 14)
    type_into(qtbot, edit, "14th Feb")
    assert edit.value() is None and "use dd/mm/yyyy" in edit.error()


# -- a new case -------------------------------------------------------------------------------
def test_a_new_case_is_created_from_the_dialog(qtbot, db, clock):
    dialog = shown(qtbot, NewCaseDialog(db))
    type_into(qtbot, dialog.given_names_edit, "Grace")
    type_into(qtbot, dialog.family_name_edit, "Okafor")
    type_into(qtbot, dialog.dob_edit, "03/07/2001")
    type_into(qtbot, dialog.phone_edit, "07700 900123")
    type_into(qtbot, dialog.crime_reference_edit, "01/1234/26")
    type_into(qtbot, dialog.offence_date_edit, "14/02/2026")
    choose(dialog.voicemail_combo, False)
    choose(dialog.texts_combo, True)
    dialog.frequency_spin.setValue(14)
    with qtbot.waitSignal(dialog.case_created) as created:
        save(qtbot, dialog)
    assert not dialog.isVisible()
    case = records.load_case(db, created.args[0])
    assert case.victim.full_name == "Grace Okafor"
    assert case.victim.date_of_birth == date(2001, 7, 3)
    assert case.victim.phones == [Phone("07700 900123", "")]
    assert (case.offence_category, case.crime_reference) == ("sexual_offence", "01/1234/26")
    assert case.safe_contact.voicemail_ok is False and case.safe_contact.texts_ok is True
    assert case.safe_contact.letters_ok is None  # never asked stays 'not yet asked'
    assert case.agreement.frequency_days == 14
    assert [c.kind for c in case.commitments] == ["agreed"]


def test_date_of_birth_after_the_offence_is_refused_and_nothing_typed_is_lost(qtbot, db, clock):
    dialog = shown(qtbot, NewCaseDialog(db))
    type_into(qtbot, dialog.given_names_edit, "Grace")
    type_into(qtbot, dialog.dob_edit, "03/07/2026")
    type_into(qtbot, dialog.offence_date_edit, "14/02/2026")
    type_into(qtbot, dialog.crime_reference_edit, "01/1234/26")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert "Date of birth is after the offence date." in dialog.message.text()
    assert dialog.dob_edit.line.property("invalid") is True
    assert dialog.dob_edit.line.hasFocus() or dialog.focusWidget() is dialog.dob_edit.line
    assert dialog.given_names_edit.text() == "Grace"
    assert dialog.dob_edit.text() == "03/07/2026"
    assert dialog.crime_reference_edit.text() == "01/1234/26"
    assert cases.list_cases(db) == []
    # Correcting the one field is enough, and typing there takes the mark away.
    type_into(qtbot, dialog.dob_edit, "03/07/2001")
    assert not dialog.dob_edit.line.property("invalid")
    with qtbot.waitSignal(dialog.case_created):
        save(qtbot, dialog)


def test_a_new_case_needs_a_given_name_and_readable_dates(qtbot, db, clock):
    dialog = shown(qtbot, NewCaseDialog(db))
    type_into(qtbot, dialog.dob_edit, "3rd July")
    save(qtbot, dialog)
    text = dialog.message.text()
    # Each problem names its field, in the order of the form.
    assert text == ("Given names: the victim's given name is required.\n"
                    "Date of birth: '3rd July' is not a date: use dd/mm/yyyy")
    assert dialog.dob_edit.text() == "3rd July"
    assert cases.list_cases(db) == []


def test_every_input_is_named_for_screen_readers_and_has_a_label_shortcut(qtbot, db, case):
    for dialog in (NewCaseDialog(db), VictimDialog(db, case), LogContactDialog(db, case),
                   EventDialog(db, case), ReferralDialog(db, case)):
        qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
        unnamed = [w for w in inputs_of(dialog) if not w.accessibleName()]
        assert unnamed == [], type(dialog).__name__
        buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
        for field in dialog.fields.values():
            if isinstance(field, QLineEdit | QComboBox | QPlainTextEdit | WhenEdit | DateEdit):
                assert field in buddies, (type(dialog).__name__, field.accessibleName())


# -- unsaved changes ----------------------------------------------------------------------------
def test_closing_with_edits_asks_first(qtbot, db, case, monkeypatch):
    asked = []
    answer = {"discard": False}

    def confirm(parent, title, text, **kwargs):
        asked.append(title)
        return answer["discard"]

    monkeypatch.setattr(ask, "confirm", confirm)
    dialog = shown(qtbot, EventDialog(db, case))
    dialog.reject()  # nothing typed: closes without a question
    assert asked == [] and not dialog.isVisible()

    dialog = shown(qtbot, EventDialog(db, case))
    type_into(qtbot, dialog.notes_edit, "Charged at Charing Cross")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Discard changes?"]
    assert dialog.isVisible()
    assert dialog.notes_edit.toPlainText() == "Charged at Charing Cross"
    answer["discard"] = True
    dialog.reject()
    assert not dialog.isVisible()


# -- events -----------------------------------------------------------------------------------
def test_the_event_dialog_shows_the_deadline_before_saving(qtbot, db, case, clock):
    clock["now"] = datetime(2026, 12, 24, 16, 0, tzinfo=UTC)
    dialog = shown(qtbot, EventDialog(db, case))
    choose(dialog.kind_combo, "charged")
    type_into(qtbot, dialog.when_edit, "24/12/2026 15:00")
    preview = dialog.preview_label.text()
    assert "inform the victim by the end of Tuesday 29/12/2026" in preview
    assert "29/12/2026 23:59" in preview
    assert "1 working day, enhanced rights" in preview
    assert "overdue" not in preview.lower()
    choose(dialog.kind_combo, "verdict")
    assert dialog.preview_label.text().startswith("No update duty")
    assert records.load_case(db, case.id).events == []  # nothing saved by looking


def test_a_back_dated_event_warns_that_it_is_already_overdue(qtbot, db, case):
    dialog = shown(qtbot, EventDialog(db, case))
    choose(dialog.kind_combo, "arrested")
    type_into(qtbot, dialog.when_edit, "02/03/2026 10:00")
    assert "Already overdue" in dialog.preview_label.text()
    assert "03/03/2026 23:59" in dialog.preview_label.text()
    with qtbot.waitSignal(dialog.event_recorded):
        save(qtbot, dialog)
    assert case.commitments[0].status(NOW) == "overdue"


def test_an_event_still_to_come_is_refused(qtbot, db, case):
    dialog = shown(qtbot, EventDialog(db, case))
    type_into(qtbot, dialog.when_edit, "06/03/2026 10:00")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "still to come" in dialog.message.text()
    assert dialog.when_edit.line.property("invalid") is True
    assert case.events == []


# -- logging a contact --------------------------------------------------------------------------
def test_the_log_dialog_shows_the_safe_contact_rules_for_the_method(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    assert dialog.banner.text().startswith("⚠ SAFE CONTACT BY PHONE:")
    assert "no voicemail" in dialog.banner.text()
    assert "call 10:00-16:00 only" in dialog.banner.text()
    choose(dialog.contact_fields.method_combo, "letter")
    assert "no letters (not yet asked)" in dialog.banner.text()
    assert "suspect lives nearby" in dialog.banner.text()
    choose(dialog.contact_fields.method_combo, "sms")
    assert dialog.banner.warnings == []
    assert dialog.banner.text().startswith("Safe contact by text message: no restrictions")


def test_a_call_outside_the_safe_window_is_pointed_out(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    fields = dialog.contact_fields
    type_into(qtbot, fields.when_edit, "today 11:00")
    assert dialog.call_window_label.isHidden()
    type_into(qtbot, fields.when_edit, "today 15:30")
    assert dialog.call_window_label.isHidden()
    type_into(qtbot, fields.when_edit, "yesterday 17:45")
    assert not dialog.call_window_label.isHidden()
    assert "17:45 is outside the safe call window (10:00-16:00)" in \
        dialog.call_window_label.text()
    choose(fields.direction_combo, "from_victim")  # she rang: her choice of time
    assert dialog.call_window_label.isHidden()
    choose(fields.direction_combo, "to_victim")
    choose(fields.method_combo, "letter")
    assert dialog.call_window_label.isHidden()


def test_a_bad_time_is_refused_and_everything_typed_is_kept(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    fields = dialog.contact_fields
    type_into(qtbot, fields.when_edit, "yesterday at half two")
    choose(fields.outcome_combo, "spoke")
    fields.covered_checks["investigation_update"].setChecked(True)
    type_into(qtbot, fields.narrative_edit, "Told her about the bail conditions")
    assert "is not a date and time" in fields.when_edit.feedback.text()
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "When: 'yesterday at half two' is not a date and time" in dialog.message.text()
    assert fields.when_edit.line.property("invalid") is True
    assert fields.when_edit.text() == "yesterday at half two"
    assert fields.narrative_edit.toPlainText() == "Told her about the bail conditions"
    assert fields.covered_checks["investigation_update"].isChecked()
    assert records.load_case(db, case.id).contacts == []


def test_the_outcome_must_be_chosen(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    save(qtbot, dialog)
    assert dialog.message.text() == "Outcome: choose the outcome."
    assert dialog.contact_fields.outcome_combo.property("invalid") is True


def test_a_promise_needs_its_due_time(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    choose(dialog.contact_fields.outcome_combo, "spoke")
    type_into(qtbot, dialog.promise_edit, "Call after the CPS decision")
    save(qtbot, dialog)
    assert dialog.message.text() == "Promise due: enter a date (or a date and time)."
    assert records.load_case(db, case.id).contacts == []
    type_into(qtbot, dialog.promise_due_edit, "12/03/2026 17:00")
    with qtbot.waitSignal(dialog.contact_logged):
        save(qtbot, dialog)
    [promise] = [c for c in case.commitments if c.kind == "promise"]
    assert promise.reason == "Call after the CPS decision"
    assert promise.due_at == datetime(2026, 3, 12, 17, 0, tzinfo=LONDON)


# -- the victim ---------------------------------------------------------------------------------
def test_overriding_enhanced_rights_needs_a_reason(qtbot, db, case):
    dialog = shown(qtbot, VictimDialog(db, case))
    assert "Enhanced rights: sexual offence" in dialog.eligibility_label.text()
    choose(dialog.override_combo, False)
    assert "Standard rights (officer's decision" in dialog.eligibility_label.text()
    type_into(qtbot, dialog.postcode_edit, "nw3 9qz")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == ("Reason for the decision: overriding enhanced rights "
                                     "needs a reason.")
    assert dialog.tabs.currentIndex() == 3  # the page holding the field is brought forward
    assert dialog.override_reason_edit.property("invalid") is True
    assert dialog.override_combo.currentData() is False
    assert dialog.postcode_edit.text() == "nw3 9qz"
    assert case.enhanced_override is None  # the open case is untouched by a refusal
    type_into(qtbot, dialog.override_reason_edit, "Supervisor decision 12/03")
    with qtbot.waitSignal(dialog.case_saved):
        save(qtbot, dialog)
    stored = records.load_case(db, case.id)
    assert stored.enhanced_override is False
    assert stored.enhanced_override_reason == "Supervisor decision 12/03"
    assert stored.victim.postcode == "NW3 9QZ"


def test_victim_details_and_safe_contact_rules_are_saved(qtbot, db, case):
    dialog = shown(qtbot, VictimDialog(db, case))
    dialog.phones_edit.setPlainText("mobile: 07700 900461\nwork: 020 7946 0321")
    choose(dialog.voicemail_combo, True)
    type_into(qtbot, dialog.call_from_edit, "")
    type_into(qtbot, dialog.call_until_edit, "")
    dialog.flag_checks["intimidated"].setChecked(True)
    dialog.frequency_spin.setValue(14)
    with qtbot.waitSignal(dialog.case_saved):
        save(qtbot, dialog)
    stored = records.load_case(db, case.id)
    assert stored.victim.phones == [Phone("07700 900461", "mobile"),
                                    Phone("020 7946 0321", "work")]
    assert stored.safe_contact.voicemail_ok is True
    assert stored.safe_contact.call_from is None
    assert stored.victim.vulnerability_flags == ["intimidated"]
    assert stored.agreement.frequency_days == 14


def test_half_a_call_window_is_refused_at_the_field(qtbot, db, case):
    dialog = shown(qtbot, VictimDialog(db, case))
    type_into(qtbot, dialog.call_until_edit, "")
    save(qtbot, dialog)
    assert dialog.message.text() == ("Safe to call until (HH:MM): give both ends of the safe "
                                     "call window.")
    assert dialog.tabs.currentIndex() == 1
    assert dialog.call_until_edit.property("invalid") is True


# -- amending -----------------------------------------------------------------------------------
def test_an_amendment_needs_a_reason_and_shows_the_original(qtbot, db, case):
    from victimcare.domain.model import Contact

    contact = cases.log_contact(db, case, Contact(
        datetime(2026, 3, 5, 11, 0, tzinfo=UTC), "phone", "to_victim", "victim", "spoke",
        ["investigation_update"], "Explained the bail conditions"))
    dialog = shown(qtbot, AmendContactDialog(db, case, contact))
    assert "AS FIRST WRITTEN" in dialog.original_view.toPlainText()
    assert "Explained the bail conditions" in dialog.original_view.toPlainText()
    assert dialog.original_view.isReadOnly()
    type_into(qtbot, dialog.contact_fields.when_edit, "05/03/2026 12:00")
    save(qtbot, dialog)
    assert dialog.message.text() == "Reason: an amendment needs a reason."
    assert dialog.reason_edit.property("invalid") is True
    assert dialog.contact_fields.when_edit.text() == "05/03/2026 12:00"
    type_into(qtbot, dialog.reason_edit, "Wrong time recorded")
    with qtbot.waitSignal(dialog.contact_amended):
        save(qtbot, dialog)
    [stored] = records.load_case(db, case.id).contacts
    assert stored.occurred_at == datetime(2026, 3, 5, 11, 0, tzinfo=UTC)  # the original stays
    assert stored.current.occurred_at == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
    assert stored.current.reason == "Wrong time recorded"


def test_alt_letter_on_a_date_label_puts_the_cursor_in_the_date(qtbot):
    from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

    from victimcare.views.widgets.when_edit import DateEdit

    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    date = DateEdit("Offence date", parent=form)
    label = QLabel("&Offence date:", form)
    label.setBuddy(date)
    layout.addRow(label, date)
    form.show()
    qtbot.waitExposed(form)
    assert date.focusPolicy() != date.focusPolicy().NoFocus
    qtbot.keyClick(form, "o", modifier=Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: date.line.hasFocus())


def test_new_case_starts_from_the_default_contact_frequency_in_settings(qtbot, db):
    from victimcare.services import preferences

    prefs = preferences.load_preferences()
    prefs.default_contact_frequency_days = 28
    preferences.save_preferences(prefs)
    dialog = shown(qtbot, NewCaseDialog(db))
    assert dialog.frequency_spin.value() == 28
