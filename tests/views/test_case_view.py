"""A case on screen: the header, every tab, and the officer's main flows through the dialogs."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit

from tests.views.test_case_dialogs import (  # noqa: F401 - fixtures
    NOW,
    case,
    choose,
    clock,
    save,
    type_into,
)
from victimcare.domain.timeutil import LONDON
from victimcare.services import cases
from victimcare.store import audit_log, records
from victimcare.views import ask
from victimcare.views.case_view import CaseView
from victimcare.views.dialogs import LogContactDialog, MeetByEntryDialog


@pytest.fixture
def view(qtbot, db, case):  # noqa: F811 - the fixture imported above
    widget = CaseView(db, case.id)
    qtbot.addWidget(widget, before_close_func=lambda v: v.clear_personal_data())
    widget.resize(1100, 750)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[list[str]]:
    parent = parent or QModelIndex()
    return [[model.index(r, c, parent).data() or "" for c in range(model.columnCount(parent))]
            for r in range(model.rowCount(parent))]


def all_model_text(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    found = []
    for r in range(model.rowCount(parent)):
        for c in range(model.columnCount(parent)):
            index = model.index(r, c, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if value:
                    found.append(str(value))
        found.extend(all_model_text(model, model.index(r, 0, parent)))
    return found


def open_dialog(qtbot, dialog):
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def log(qtbot, view, when: str, outcome: str, covered=(), narrative="") -> LogContactDialog:
    dialog = open_dialog(qtbot, view.log_contact())
    fields = dialog.contact_fields
    type_into(qtbot, fields.when_edit, when)
    choose(fields.outcome_combo, outcome)
    for item in covered:
        fields.covered_checks[item].setChecked(True)
    if narrative:
        type_into(qtbot, fields.narrative_edit, narrative)
    return dialog


def seen(view, model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[list[str]]:
    """The rows as the officer sees them: turn to the tab that holds the model first (tabs
    behind the one in front are redrawn when shown)."""
    plan = view.care_plan_tab
    tab = {id(view.log_tab.model): 1, id(plan.needs_model): 2, id(plan.actions_model): 2,
           id(plan.referrals_model): 2, id(view.commitments_tab.model): 3,
           id(view.events_tab.model): 4}[id(model)]
    view.tabs.setCurrentIndex(tab)
    return rows(model, parent)


def commitment_rows(view) -> list[list[str]]:
    return seen(view, view.commitments_tab.model)


# -- the header ---------------------------------------------------------------------------------
def test_the_header_shows_who_what_rights_and_how_to_contact_safely(view):
    assert view.header.name_label.text() == "Zosia (Zofia Anna Wójcik)"
    assert view.reference == "VC-2026-0001"
    assert view.header.ids_label.text() == "VC-2026-0001 · Crime ref 01/7755/26 · Sexual offence"
    assert view.header.rights_label.text() == "Enhanced rights: sexual offence"
    banner = view.header.banner.text()
    assert banner.startswith("⚠ SAFE CONTACT:")
    for words in ("suspect lives nearby", "no voicemail", "no letters (not yet asked)",
                  "call 10:00-16:00 only"):
        assert words in banner
    assert "no texts" not in banner
    assert view.overview_tab.values["Voicemail"].text() == "NO voicemail"
    assert view.overview_tab.values["Letters"].text() == "Not yet asked (treat as not safe)"
    assert view.overview_tab.values["Date of birth"].text() == "01/05/1998 (age 27)"
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "&1 Overview", "&2 Contact log", "&3 Care plan", "&4 Commitments", "&5 Events"]


def test_opening_a_case_is_logged_as_consultation(view, db):
    actions = [e.action for e in audit_log.audit_entries(db, view.reference)]
    assert actions[-1] == "consultation"


def test_ctrl_l_opens_the_log_contact_dialog(qtbot, view):
    view.log_tab.tree.setFocus()
    qtbot.keyClick(view.log_tab.tree, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, LogContactDialog) and view.dialog.isVisible())


# -- the main flow ------------------------------------------------------------------------------
def test_charge_voicemail_then_a_call_that_meets_the_deadline(qtbot, view, db, case):  # noqa: F811
    # The suspect is charged at 15:00 on Thursday: enhanced, so one working day.
    dialog = open_dialog(qtbot, view.record_event())
    choose(dialog.kind_combo, "charged")
    type_into(qtbot, dialog.when_edit, "today 15:00")
    type_into(qtbot, dialog.notes_edit, "Charged with two counts")
    assert ("inform the victim by the end of Friday 06/03/2026 (due 06/03/2026 23:59; "
            "1 working day, enhanced rights)") in dialog.preview_label.text()
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert not dialog.isVisible()
    assert commitment_rows(view) == [
        ["Due", "Victims' Code", "Inform the victim: suspect charged", "06/03/2026 23:59", ""]]
    assert seen(view, view.events_tab.model)[0][:3] == [
        "05/03/2026 15:00", "Suspect charged", "Inform by 06/03/2026 23:59 — Due"]

    # A voicemail is an attempt: it can tick nothing and meets nothing.
    dialog = log(qtbot, view, "today 15:20", "voicemail_left", ["investigation_update"])
    [box] = dialog.meets_checks.values()
    assert not box.isEnabled() and not box.isChecked()
    assert dialog.meets_note.text().startswith("This is an attempt")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert seen(view, view.log_tab.model)[0][:2] == ["05/03/2026 15:20", "Attempt"]
    assert view.log_tab.model.index(0, 1).data(Qt.ItemDataRole.FontRole).italic()
    assert commitment_rows(view)[0][0] == "Due"

    # She calls back: a conversation covering an investigation update meets the deadline,
    # and the dialog ticks it as the rules say, following the form as it changes.
    dialog = log(qtbot, view, "today 15:45", "spoke")
    [box] = dialog.meets_checks.values()
    assert box.isEnabled() and not box.isChecked()  # no investigation update yet
    dialog.contact_fields.covered_checks["investigation_update"].setChecked(True)
    assert box.isChecked()
    choose(dialog.contact_fields.direction_combo, "from_victim")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert commitment_rows(view)[0][0] == "Met"
    assert commitment_rows(view)[0][4] == "Met 05/03/2026 15:45 by phone (spoke)"
    assert view.commitments_tab.summary.text() == "1 met"
    assert [r[:2] for r in seen(view, view.log_tab.model)] == [
        ["05/03/2026 15:45", "Contact made"], ["05/03/2026 15:20", "Attempt"]]
    assert view.log_tab.summary.text().startswith("2 entries: 1 contacts made, 1 attempts")
    assert seen(view, view.events_tab.model)[0][2] == "Inform by 06/03/2026 23:59 — Met"
    stored = records.load_case(db, case.id)
    assert stored.commitments[0].met_by_contact_id == stored.contacts[1].id


def test_the_officer_can_untick_what_the_rules_ticked(qtbot, view, db, case):  # noqa: F811
    cases.record_event(db, view.case, _event("arrested", datetime(2026, 3, 5, 10, 0, tzinfo=LONDON)))
    view.reload()
    dialog = log(qtbot, view, "today 11:00", "spoke", ["investigation_update"])
    [box] = dialog.meets_checks.values()
    assert box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    # A later change to the form does not undo the officer's choice.
    dialog.contact_fields.covered_checks["vps_offered"].setChecked(True)
    assert not box.isChecked()
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert commitment_rows(view)[0][0] == "Due"


def _event(kind, when):
    from victimcare.domain.model import CaseEvent
    return CaseEvent(kind, when)


# -- amending -----------------------------------------------------------------------------------
def test_amending_an_entry_keeps_the_original_in_view(qtbot, view):
    dialog = log(qtbot, view, "today 11:00", "spoke", narrative="Spoke about the ISVA")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    view.tabs.setCurrentWidget(view.log_tab)
    view.log_tab.select_contact(view.case.contacts[0].id)
    assert "Spoke about the ISVA" in view.log_tab.detail.toPlainText()
    dialog = open_dialog(qtbot, view.log_tab.amend_selected_contact())
    dialog.contact_fields.narrative_edit.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, dialog.contact_fields.narrative_edit, " and the Havens")
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.text() == "Reason: an amendment needs a reason."
    type_into(qtbot, dialog.reason_edit, "Left out the SARC referral")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    top = seen(view, view.log_tab.model)[0]
    assert top[1] == "Contact made · amended"
    assert top[6] == "Spoke about the ISVA and the Havens"
    children = seen(view, view.log_tab.model, view.log_tab.model.index(0, 0))
    assert children[0][1] == "As first written" and children[0][6] == "Spoke about the ISVA"
    assert children[1][1].startswith("Amendment 1, ")
    assert children[1][1].endswith(": Left out the SARC referral")
    view.log_tab.select_contact(view.case.contacts[0].id)
    detail = view.log_tab.detail.toPlainText()
    assert "AS FIRST WRITTEN" in detail and "Reason: Left out the SARC referral" in detail


# -- the care plan ------------------------------------------------------------------------------
def test_a_referral_is_added_with_consent(qtbot, view, db, case):  # noqa: F811
    view.tabs.setCurrentWidget(view.care_plan_tab)
    dialog = open_dialog(qtbot, view.care_plan_tab.add_referral())
    choose(dialog.agency_combo, "isva")
    choose(dialog.status_combo, "made")
    type_into(qtbot, dialog.referred_edit, "today")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == ("Consent: record the victim's consent before the referral "
                                     "is made.")
    assert dialog.consent_combo.property("invalid") is True
    choose(dialog.consent_combo, "given")
    type_into(qtbot, dialog.consent_date_edit, "yesterday")
    type_into(qtbot, dialog.notes_edit, "Havens ISVA team")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert seen(view, view.care_plan_tab.referrals_model) == [
        ["ISVA", "Given", "04/03/2026", "05/03/2026", "Made", "Havens ISVA team"]]
    [referral] = records.load_case(db, case.id).care_plan.referrals
    assert (referral.consent, referral.consent_date) == ("given", date(2026, 3, 4))


def test_needs_actions_and_the_review_date(qtbot, view):
    dialog = open_dialog(qtbot, view.care_plan_tab.add_need())
    choose(dialog.area_combo, "housing")
    choose(dialog.level_combo, "high")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    dialog = open_dialog(qtbot, view.care_plan_tab.add_need())
    choose(dialog.area_combo, "safety")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert [r[:2] for r in seen(view, view.care_plan_tab.needs_model)] == [
        ["Safety", "Medium"], ["Housing", "High"]]

    view.care_plan_tab.needs_table.setCurrentIndex(view.care_plan_tab.needs_model.index(1, 0))
    dialog = open_dialog(qtbot, view.care_plan_tab.edit_need())
    choose(dialog.level_combo, "low")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert seen(view, view.care_plan_tab.needs_model)[1][:2] == ["Housing", "Low"]

    dialog = open_dialog(qtbot, view.care_plan_tab.add_action())
    save(qtbot, dialog)
    assert dialog.message.text() == "Action: say what is to be done."
    type_into(qtbot, dialog.description_edit, "Fit door alarm")
    choose(dialog.need_combo, view.case.care_plan.needs[1].id)  # safety
    type_into(qtbot, dialog.due_edit, "20/03/2026")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert seen(view, view.care_plan_tab.actions_model) == [
        ["Fit door alarm", "Safety", "", "20/03/2026", "Open", ""]]

    dialog = open_dialog(qtbot, view.care_plan_tab.set_review_date())
    type_into(qtbot, dialog.review_edit, "01/04/2026")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert view.care_plan_tab.review_label.text() == "Review by 01/04/2026"


# -- commitments --------------------------------------------------------------------------------
def test_promises_are_added_met_by_a_contact_or_waived_with_a_reason(qtbot, view):
    dialog = open_dialog(qtbot, view.commitments_tab.add_promise())
    type_into(qtbot, dialog.reason_edit, "Send the VPS leaflet")
    type_into(qtbot, dialog.due_edit, "09/03/2026 17:00")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    dialog = open_dialog(qtbot, view.commitments_tab.add_promise())
    type_into(qtbot, dialog.reason_edit, "Call after the CPS meeting")
    type_into(qtbot, dialog.due_edit, "12/03/2026 17:00")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert [r[2] for r in commitment_rows(view)] == ["Send the VPS leaflet",
                                                     "Call after the CPS meeting"]

    view.commitments_tab.table.setCurrentIndex(view.commitments_tab.model.index(0, 0))
    dialog = open_dialog(qtbot, view.commitments_tab.waive_selected())
    save(qtbot, dialog)
    assert dialog.message.text() == "Reason: waiving a commitment needs a reason."
    type_into(qtbot, dialog.reason_edit, "Victim asked for it by email instead")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)

    view.commitments_tab.select_commitment(view.case.commitments[1].id)
    dialog = open_dialog(qtbot, view.commitments_tab.meet_selected())
    assert isinstance(dialog, LogContactDialog)
    choose(dialog.contact_fields.outcome_combo, "spoke")
    [box] = dialog.meets_checks.values()  # only the open promise is offered
    assert box.isChecked()  # ticked because the officer chose it from the list
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    statuses = {r[2]: (r[0], r[4]) for r in commitment_rows(view)}
    assert statuses["Send the VPS leaflet"][0] == "Waived"
    assert statuses["Send the VPS leaflet"][1].endswith(": Victim asked for it by email instead")
    assert statuses["Call after the CPS meeting"][0] == "Met"
    colour = view.commitments_tab.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    assert colour.name() in ("#e6f4ea", "#f1f3f4")  # colour travels with the word


def _promise_then_a_call(qtbot, view, monkeypatch):
    from victimcare.services import commitments

    monkeypatch.setattr(commitments, "utc_now", lambda: datetime(2026, 3, 5, 9, 0, tzinfo=LONDON))
    dialog = open_dialog(qtbot, view.commitments_tab.add_promise())
    type_into(qtbot, dialog.reason_edit, "Call after the CPS meeting")
    type_into(qtbot, dialog.due_edit, "12/03/2026 17:00")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    dialog = log(qtbot, view, "today 11:00", "no_answer", narrative="No answer")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    dialog = log(qtbot, view, "today 14:10", "spoke", narrative="Told her what the CPS said")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)  # the promise is not ticked by default: she forgot it here
    [promise] = [c for c in view.case.commitments if c.kind == "promise"]
    assert promise.met_at is None
    # Turning to the Commitments tab, as the officer does: the promise is still due.
    assert {r[2]: r[0] for r in commitment_rows(view)}["Call after the CPS meeting"] == "Due"
    view.commitments_tab.select_commitment(promise.id)
    return promise


def test_a_promise_kept_in_a_call_already_logged_is_marked_met_by_that_entry(qtbot, view,
                                                                             monkeypatch):
    promise = _promise_then_a_call(qtbot, view, monkeypatch)
    entries = len(view.case.contacts)
    dialog = open_dialog(qtbot, view.commitments_tab.meet_selected())
    assert isinstance(dialog, MeetByEntryDialog)
    # Only the conversation is offered, not the attempt.
    assert [dialog.entry_list.item(i).text() for i in range(dialog.entry_list.count())] == [
        "05/03/2026 14:10 · Phone · Spoke — Told her what the CPS said"]
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert not dialog.isVisible()
    met = next(c for c in view.case.commitments if c.id == promise.id)
    assert met.met_by_contact_id == view.case.contacts[-1].id
    assert len(view.case.contacts) == entries  # the call was not logged a second time
    assert {r[2]: r[0] for r in commitment_rows(view)}["Call after the CPS meeting"] == "Met"


def test_a_new_contact_can_still_be_logged_to_meet_the_promise(qtbot, view, monkeypatch):
    promise = _promise_then_a_call(qtbot, view, monkeypatch)
    dialog = open_dialog(qtbot, view.commitments_tab.meet_selected())
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    log_dialog = open_dialog(qtbot, view.dialog)
    assert isinstance(log_dialog, LogContactDialog)
    choose(log_dialog.contact_fields.outcome_combo, "spoke")
    assert log_dialog.meets_checks[promise.id].isChecked()


# -- closing ------------------------------------------------------------------------------------
def test_closing_a_case(qtbot, view, db, case):  # noqa: F811
    dialog = open_dialog(qtbot, view.commitments_tab.add_promise())
    type_into(qtbot, dialog.reason_edit, "Ring on Monday")
    type_into(qtbot, dialog.due_edit, "09/03/2026 17:00")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    dialog = open_dialog(qtbot, view.close_case())
    assert "1 commitment is still open" in dialog.warning_label.text()
    assert dialog.review_edit.value() == date(2032, 3, 5)
    save(qtbot, dialog)
    assert dialog.message.text() == "Reason: say why the case is being closed."
    type_into(qtbot, dialog.reason_edit, "NFA: victim withdrew support")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert view.header.status_label.text().startswith("CLOSED")
    assert not view.close_button.isEnabled()
    assert commitment_rows(view)[0][0] == "Waived"
    stored = records.load_case(db, case.id)
    assert stored.status == "closed"
    assert stored.retention_review_date == date(2032, 3, 5)
    assert stored.closure_reason == "NFA: victim withdrew support"


def test_editing_the_victim_updates_the_header(qtbot, view, monkeypatch):
    dialog = open_dialog(qtbot, view.edit_victim())
    choose(dialog.voicemail_combo, True)
    choose(dialog.letters_combo, True)
    choose(dialog.email_combo, True)
    type_into(qtbot, dialog.call_from_edit, "")
    type_into(qtbot, dialog.call_until_edit, "")
    dialog.lives_near_check.setChecked(False)
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert view.header.banner.warnings == []
    assert view.header.banner.text() == "Safe contact: no restrictions recorded"
    assert view.overview_tab.values["Voicemail"].text() == "Safe to leave"


def test_a_second_dialog_is_not_stacked_on_the_first(qtbot, view, monkeypatch):
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: True)
    first = open_dialog(qtbot, view.log_contact())
    assert view.record_event() is first


# -- locking ------------------------------------------------------------------------------------
def test_clear_personal_data_leaves_nothing_about_the_victim(qtbot, view, db):
    from victimcare.domain.model import CareNeed, Referral
    from victimcare.services import care_plan

    care_plan.add_need(db, view.case, CareNeed("housing", "high", "Staying with Wójcik family"))
    care_plan.add_referral(db, view.case, Referral("isva", notes="Zosia prefers mornings"))
    cases.record_event(db, view.case, _event("arrested", datetime(2026, 3, 5, 10, 0,
                                                                 tzinfo=LONDON)))
    view.reload()
    dialog = log(qtbot, view, "today 11:00", "spoke", narrative="Zosia asked about bail")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    view.log_tab.select_contact(view.case.contacts[0].id)
    open_dialog(qtbot, view.log_contact())  # left open, with the victim's name in its title
    type_into(qtbot, view.dialog.contact_fields.narrative_edit, "Wójcik called back")

    secrets = ("Zosia", "Zofia", "Wójcik", "07700", "01/7755/26", "01/05/1998")
    shown_before = _all_text(view)
    assert any("Zosia" in text for text in shown_before)

    view.clear_personal_data()
    left = [text for text in _all_text(view) if any(s in text for s in secrets)]
    assert left == []
    assert view.case is None and view.dialog is None
    plan = view.care_plan_tab
    for model in (view.log_tab.model, view.commitments_tab.model, view.events_tab.model,
                  plan.needs_model, plan.actions_model, plan.referrals_model):
        assert model.rowCount() == 0


def _all_text(view) -> list[str]:
    found = [view.windowTitle()]
    for widget in [view, *view.findChildren(QLabel), *view.findChildren(QLineEdit),
                   *view.findChildren(QPlainTextEdit)]:
        for text in (getattr(widget, "text", lambda: "")(),
                     widget.toPlainText() if isinstance(widget, QPlainTextEdit) else "",
                     widget.toolTip(), widget.accessibleDescription(), widget.windowTitle()):
            if text:
                found.append(text)
    for item_view in view.findChildren(QAbstractItemView):
        if item_view.model() is not None:
            found.extend(all_model_text(item_view.model()))
    return found


def test_now_is_the_test_clock(clock):  # noqa: F811
    from victimcare.views import clock as views_clock
    assert views_clock.now() == NOW
