"""Problems in a form: each names its field, they are listed in the order of the form, one
leaves the list as soon as its field is put right (while typing, not only on Save), and a
promise due by a date is due by the end of that day."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tests.views.test_case_dialogs import NOW, OPENED, save, shown, type_into
from victimcare.domain.model import Case, Victim
from victimcare.domain.problems import Problem
from victimcare.domain.timeutil import LONDON
from victimcare.services import cases
from victimcare.views import clock as views_clock
from victimcare.views.dialogs import (
    ActionDialog,
    AmendContactDialog,
    CloseCaseDialog,
    EventDialog,
    LogContactDialog,
    MeetByEntryDialog,
    NeedDialog,
    NewCaseDialog,
    PromiseDialog,
    ReferralDialog,
    ReviewDateDialog,
    VictimDialog,
    WaiveDialog,
)


@pytest.fixture
def clock(monkeypatch):
    """The views' clock on Thursday 05/03/2026 16:00, as in test_case_dialogs."""
    monkeypatch.setattr(views_clock, "now", lambda: NOW.astimezone(UTC))


@pytest.fixture
def case(db, clock):
    return cases.new_case(db, Victim("Zofia Anna", "Wójcik", date_of_birth=date(1998, 5, 1)),
                          "sexual_offence", offence_date=date(2026, 2, 14), now=OPENED)


BAD_BIRTH = "Date of birth: '31/02/1990' is not a date: use dd/mm/yyyy"
NO_NAME = "Given names: the victim's given name is required."


def lines(dialog) -> list[str]:
    return dialog.message.text().splitlines() if dialog.message.isVisible() else []


def invalid(widget) -> bool:
    target = getattr(widget, "line", widget)
    return bool(target.property("invalid"))


def test_a_bad_date_leaves_the_list_as_soon_as_it_is_typed_right(qtbot, db, clock):
    dialog = shown(qtbot, NewCaseDialog(db))
    type_into(qtbot, dialog.dob_edit, "31/02/1990")
    save(qtbot, dialog)
    assert lines(dialog) == [NO_NAME, BAD_BIRTH]  # form order: the name comes first
    assert invalid(dialog.dob_edit) and invalid(dialog.given_names_edit)
    # Still wrong while the date is half typed: it stays listed, saying what is wrong now.
    dialog.dob_edit.line.setFocus()
    qtbot.keyClick(dialog.dob_edit.line, Qt.Key.Key_End)
    for _ in range(4):
        qtbot.keyClick(dialog.dob_edit.line, Qt.Key.Key_Backspace)
    assert lines(dialog) == [NO_NAME, "Date of birth: '31/02/' is not a date: use dd/mm/yyyy"]
    assert invalid(dialog.dob_edit)
    # Typed right: gone at once, with its outline; the other problem stays until its turn.
    type_into(qtbot, dialog.dob_edit, "28/02/1990")
    assert lines(dialog) == [NO_NAME]
    assert not invalid(dialog.dob_edit) and invalid(dialog.given_names_edit)
    type_into(qtbot, dialog.given_names_edit, "Grace")
    assert lines(dialog) == [] and not dialog.message.isVisible()
    assert not invalid(dialog.given_names_edit)
    with qtbot.waitSignal(dialog.case_created):
        save(qtbot, dialog)


def test_editing_a_field_without_a_problem_leaves_the_others_listed(qtbot, db, clock):
    dialog = shown(qtbot, NewCaseDialog(db))
    type_into(qtbot, dialog.dob_edit, "31/02/1990")
    save(qtbot, dialog)
    type_into(qtbot, dialog.crime_reference_edit, "01/1234/26")
    assert lines(dialog) == [NO_NAME, BAD_BIRTH]


def test_what_the_service_refused_goes_when_its_field_is_edited_and_comes_back_if_still_wrong(
        qtbot, db, clock):
    dialog = shown(qtbot, NewCaseDialog(db))
    type_into(qtbot, dialog.given_names_edit, "Grace")
    type_into(qtbot, dialog.dob_edit, "01/03/2026")
    type_into(qtbot, dialog.offence_date_edit, "14/02/2026")
    save(qtbot, dialog)
    refused = "Date of birth is after the offence date."
    assert refused in lines(dialog) and invalid(dialog.dob_edit)
    type_into(qtbot, dialog.dob_edit, "02/03/2026")  # edited, still after the offence
    assert refused not in lines(dialog) and not invalid(dialog.dob_edit)
    save(qtbot, dialog)
    assert refused in lines(dialog) and invalid(dialog.dob_edit)


def test_a_problem_across_two_fields_goes_when_either_puts_it_right(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    dialog.contact_fields.outcome_combo.setCurrentIndex(
        dialog.contact_fields.outcome_combo.findData("spoke"))
    type_into(qtbot, dialog.promise_due_edit, "06/03/2026")
    save(qtbot, dialog)
    assert lines(dialog) == ["Next promise: say what was promised, or empty the due date."]
    type_into(qtbot, dialog.promise_due_edit, "")  # emptying the due date is the other fix
    assert lines(dialog) == []


def test_problems_are_listed_in_form_order_and_the_cursor_goes_to_the_first(qtbot, db, case):
    dialog = shown(qtbot, VictimDialog(db, case))
    dialog.show_problems([
        Problem("offence_date", "The offence date is in the future."),
        Problem("agreement.waiver_reason", "An opt-out or pause needs a reason."),
        Problem("victim.given_names", "The victim's given name is required."),
        Problem("safe_contact.call_until", "Give both ends of the safe call window."),
    ])
    assert lines(dialog) == [
        NO_NAME,
        "Safe to call until (HH:MM): give both ends of the safe call window.",
        "Reason: an opt-out or pause needs a reason.",
        "The offence date is in the future.",
    ]
    assert dialog.focusWidget() is dialog.given_names_edit
    assert dialog.tabs.currentIndex() == 0


def _every_form_dialog(db, case: Case) -> list:
    from victimcare.domain.model import Contact
    from victimcare.services import commitments

    promise = commitments.add_promise(db, case, "Call back",
                                      datetime(2026, 3, 6, 23, 59, 59, tzinfo=UTC))
    contact = cases.log_contact(db, case, Contact(
        datetime(2026, 3, 5, 11, 0, tzinfo=UTC), "phone", "to_victim", "victim", "spoke", [],
        "Went over the arrest"), meets=[])
    return [NewCaseDialog(db), VictimDialog(db, case), LogContactDialog(db, case),
            AmendContactDialog(db, case, contact), EventDialog(db, case),
            CloseCaseDialog(db, case), PromiseDialog(db, case), WaiveDialog(db, case, promise),
            MeetByEntryDialog(db, case, promise, [contact]), NeedDialog(db, case),
            ActionDialog(db, case), ReferralDialog(db, case), ReviewDateDialog(db, case)]


def test_every_field_of_every_form_has_a_name_to_put_before_its_problem(qtbot, db, case):
    dialogs = _every_form_dialog(db, case)
    try:
        for dialog in dialogs:
            for field in dialog.fields:
                label = dialog.label_for(field)
                assert label and "&" not in label and not label.endswith(":"), (dialog, field)
                text = dialog.problem_text(Problem(field, "Something is wrong."))
                assert text == f"{label}: something is wrong.", (dialog, field)
    finally:
        # Never shown: deleted here, so no hidden top-level window outlives the test.
        for dialog in dialogs:
            dialog.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_promise_due_by_a_date_is_due_by_the_end_of_that_day(qtbot, db, case):
    dialog = shown(qtbot, PromiseDialog(db, case))
    type_into(qtbot, dialog.reason_edit, "Call after the CPS decision")
    type_into(qtbot, dialog.due_edit, "13/03/2026")
    assert dialog.due_edit.feedback.text() == "By the end of Friday 13/03/2026 (23:59)"
    assert dialog.due_edit.value() == datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON)
    with qtbot.waitSignal(dialog.promise_added):
        save(qtbot, dialog)
    [promise] = [c for c in case.commitments if c.kind == "promise"]
    assert promise.due_at == datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON)
    # In summer time the end of the day is still 23:59:59 on the London clock.
    dialog = shown(qtbot, PromiseDialog(db, case))
    type_into(qtbot, dialog.due_edit, "01/07/2026")
    assert dialog.due_edit.value() == datetime(2026, 7, 1, 22, 59, 59, tzinfo=UTC)
    type_into(qtbot, dialog.due_edit, "tomorrow")
    assert dialog.due_edit.value() == datetime(2026, 3, 6, 23, 59, 59, tzinfo=LONDON)
    type_into(qtbot, dialog.due_edit, "tomorrow 17:00")  # a time still means that time
    assert dialog.due_edit.value() == datetime(2026, 3, 6, 17, 0, tzinfo=LONDON)
    dialog.due_edit.set_value(datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON))
    assert dialog.due_edit.text() == "13/03/2026"  # shown as typed, and reads back the same


def test_the_next_promise_in_log_contact_takes_a_date_alone_too(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    fields = dialog.contact_fields
    fields.outcome_combo.setCurrentIndex(fields.outcome_combo.findData("spoke"))
    type_into(qtbot, dialog.promise_edit, "Send the leaflet")
    type_into(qtbot, dialog.promise_due_edit, "09/03/2026")
    with qtbot.waitSignal(dialog.contact_logged):
        save(qtbot, dialog)
    [promise] = [c for c in case.commitments if c.kind == "promise"]
    assert promise.due_at == datetime(2026, 3, 9, 23, 59, 59, tzinfo=LONDON)


def test_a_contact_time_still_needs_its_time(qtbot, db, case):
    dialog = shown(qtbot, LogContactDialog(db, case))
    fields = dialog.contact_fields
    fields.outcome_combo.setCurrentIndex(fields.outcome_combo.findData("spoke"))
    type_into(qtbot, fields.when_edit, "05/03/2026")
    save(qtbot, dialog)
    assert lines(dialog) == ["When: Add the time, for example 'today 14:30'."]


def test_what_was_typed_is_shown_at_the_field_never_logged_and_gone_on_a_lock(
        qtbot, db, clock, caplog):
    caplog.set_level(logging.DEBUG)
    dialog = shown(qtbot, NewCaseDialog(db))
    type_into(qtbot, dialog.given_names_edit, "Grace")
    type_into(qtbot, dialog.dob_edit, "31/02/1990")
    save(qtbot, dialog)
    assert BAD_BIRTH in lines(dialog)
    assert "31/02/1990" not in caplog.text
    dialog.discard()
    assert dialog.message.text() == "" and dialog.shown_problems() == []


def test_the_victim_form_lists_every_problem_at_once_and_checks_each_as_it_is_edited(
        qtbot, db, case):
    dialog = shown(qtbot, VictimDialog(db, case))
    type_into(qtbot, dialog.given_names_edit, "")
    type_into(qtbot, dialog.dob_edit, "31/02/1990")
    dialog.opted_out_check.setChecked(True)  # an opt-out needs a reason: on another tab
    save(qtbot, dialog)
    assert lines(dialog) == [NO_NAME, BAD_BIRTH,
                             "Reason: an opt-out or pause needs a reason."]
    assert dialog.tabs.currentIndex() == 0 and dialog.focusWidget() is dialog.given_names_edit
    type_into(qtbot, dialog.given_names_edit, "Zofia")
    assert lines(dialog) == [BAD_BIRTH, "Reason: an opt-out or pause needs a reason."]
    dialog.opted_out_check.setChecked(False)  # the other way to put it right
    assert lines(dialog) == [BAD_BIRTH]
    type_into(qtbot, dialog.dob_edit, "01/05/1998")
    assert lines(dialog) == []
    with qtbot.waitSignal(dialog.case_saved):
        save(qtbot, dialog)
