"""Today: the worklist in due order with counts and safe-contact words; Enter opens the case;
a successful contact logged from a row takes that row away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import OFFICER, main_window_of
from victimcare.domain.model import SafeContactRules, Victim
from victimcare.domain.timeutil import utc_now
from victimcare.domain.working_days import end_of_day
from victimcare.services import cases, commitments, setup
from victimcare.views.text import plain_tooltip
from victimcare.views.today_view import (
    DUE,
    NOTHING_MATCHES,
    REASON,
    REFERENCE,
    SAFE_CONTACT,
    STATUS,
    VICTIM,
    WHEN,
    counts_text,
    due_in_words,
)

ZOSIA = "Zosia (Zofia Anna Wójcik)"


def seed_worklist(db_path) -> None:
    """Three cases: one overdue by 3 days, one due at the end of today, one in 4 days."""
    db = setup.create_store(db_path, TEST_PASSPHRASE, OFFICER)
    try:
        now = utc_now()
        from victimcare.domain.timeutil import london

        plans = (
            (Victim("Zofia Anna", "Wójcik", preferred_name="Zosia"),
             SafeContactRules(voicemail_ok=False, texts_ok=True, call_from="10:00",
                              call_until="16:00"),
             "Call about the charging decision", now - timedelta(days=3)),
            (Victim("Grace", "Okafor"), SafeContactRules(voicemail_ok=True),
             "Ring back after CPS meeting", end_of_day(london(now).date())),
            (Victim("Siobhán", "O'Neill"), SafeContactRules(voicemail_ok=None),
             "Send the leaflet", now + timedelta(days=4)),
        )
        for victim, rules, reason, due in plans:
            case = cases.new_case(db, victim, "sexual_offence", safe_contact=rules,
                                  now=now - timedelta(days=10))
            commitments.add_promise(db, case, reason, due)
    finally:
        db.close()


@pytest.fixture
def worklist_store(db_path):
    seed_worklist(db_path)
    return db_path


@pytest.fixture
def window(qtbot, start_app, worklist_store):
    controller = start_app(worklist_store)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    return main_window_of(qtbot, controller)


def rows(window, column):
    model = window.today.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_today_is_the_start_screen_with_buckets_in_order_and_counts(window):
    assert window.tabs.currentWidget() is window.today
    assert rows(window, STATUS) == ["Overdue", "Due today", "This week"]
    assert rows(window, VICTIM) == [ZOSIA, "Grace Okafor", "Siobhán O'Neill"]
    assert rows(window, WHEN)[0] == "overdue by 3 days"
    assert rows(window, WHEN)[1] == "due today 23:59"
    assert rows(window, WHEN)[2].startswith("in 4 days")
    assert rows(window, REASON)[0].startswith("Call about the charging decision")
    assert window.today.counts_label.text() == "1 overdue · 1 due today · 1 this week"
    # The rule that matters for a phone call, in words.
    assert rows(window, SAFE_CONTACT)[0] == "Phone: no voicemail, call 10:00-16:00 only"
    assert rows(window, SAFE_CONTACT)[2] == "Phone: no voicemail (not yet asked)"
    # The status colour always comes with its word.
    colour = window.today.model.index(0, STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert colour is not None and rows(window, STATUS)[0] == "Overdue"
    assert window.today.table.accessibleName()


def test_enter_opens_the_case(qtbot, window):
    table = window.today.table
    table.setFocus()
    table.selectRow(1)
    table.setCurrentIndex(window.today.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    view = window.current_case_view()
    assert view is not None
    assert view.case_id == window.today.model.item_at(1).case_id
    assert window.windowTitle() == f"{view.reference} – victimcare"
    # Enter again on the same row switches to the open tab instead of opening a second.
    window.show_today()
    table.setCurrentIndex(window.today.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert len(window.case_views()) == 1
    window.close_current_tab()
    assert window.case_views() == []


def test_logging_a_successful_contact_takes_the_row_away(qtbot, window):
    window.show_today()
    window.today.table.selectRow(0)  # Zosia, overdue
    item = window.today.selected_item()
    window.log_contact_action.trigger()
    dialog = window.log_contact_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.case.id == item.case_id
    fields = dialog.contact_fields
    fields.outcome_combo.setCurrentIndex(fields.outcome_combo.findData("spoke"))
    fields.narrative_edit.setPlainText("Explained the charging decision")
    assert item.commitment_id in dialog.meet_ids()  # the row's commitment is pre-ticked
    dialog.accept()
    qtbot.waitUntil(lambda: window.today.model.rowCount() == 2)
    assert rows(window, VICTIM) == ["Grace Okafor", "Siobhán O'Neill"]
    assert window.today.counts_label.text() == "0 overdue · 1 due today · 1 this week"


def test_nothing_due_says_so(qtbot, start_app, db_path):
    setup.create_store(db_path, TEST_PASSPHRASE, OFFICER).close()
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    window = main_window_of(qtbot, controller)
    assert window.today.stack.currentWidget() is window.today.empty_label
    assert window.today.counts_label.text() == "0 overdue · 0 due today · 0 this week"


def test_due_times_read_as_words():
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # London is on GMT here
    assert due_in_words(datetime(2026, 3, 7, 23, 59, tzinfo=UTC), "overdue", now) == \
        "overdue by 3 days"
    assert due_in_words(datetime(2026, 3, 9, 23, 59, tzinfo=UTC), "overdue", now) == \
        "overdue by 1 day"
    assert due_in_words(datetime(2026, 3, 10, 9, 0, tzinfo=UTC), "overdue", now) == \
        "overdue since 09:00"
    assert due_in_words(datetime(2026, 3, 10, 23, 59, tzinfo=UTC), "today", now) == \
        "due today 23:59"
    assert due_in_words(datetime(2026, 3, 11, 17, 0, tzinfo=UTC), "week", now) == \
        "due tomorrow 17:00"
    assert due_in_words(datetime(2026, 3, 14, 23, 59, tzinfo=UTC), "week", now) == \
        "in 4 days (Sat 14/03)"
    assert counts_text([]) == "0 overdue · 0 due today · 0 this week"


def test_a_save_in_a_case_tab_refreshes_today_when_it_is_shown_again(qtbot, window, monkeypatch):
    from victimcare.domain.model import Contact

    window.show_today()
    item = window.today.model.item_at(0)  # Zosia, overdue
    view = window.open_case(item.case_id)
    reloads = []
    monkeypatch.setattr(window.today, "reload",
                        lambda real=window.today.reload: (reloads.append(1), real()))
    saved = cases.log_contact(window.db, view.case, Contact(
        utc_now() - timedelta(minutes=5), "phone", "to_victim", "victim", "spoke", [],
        "Talked it through"), meets=[item.commitment_id])
    assert saved.id is not None
    view.changed.emit()
    assert reloads == []  # Today is hidden behind the case tab: nothing done yet
    window.show_today()
    assert reloads == [1]
    assert ZOSIA not in rows(window, VICTIM)


# -- due dates, sorting and filters ----------------------------------------------------------
def test_every_row_shows_when_it_is_due_overdue_ones_too(window):
    model = window.today.model
    from victimcare.domain.timeutil import london

    for row in range(model.rowCount()):
        item = model.item_at(row)
        assert model.index(row, DUE).data() == f"{london(item.due_at):%d/%m/%Y %H:%M}"
    assert rows(window, STATUS)[0] == "Overdue" and rows(window, DUE)[0]  # a date, not words
    assert rows(window, DUE)[1].endswith(" 23:59")  # due by the end of today
    # The kind has no column (the reason says it); the reason's tooltip names it.
    assert window.today.model.index(0, REASON).data(Qt.ItemDataRole.ToolTipRole) == \
        plain_tooltip("Call about the charging decision (Promise)")


def _click_header(qtbot, table, column):
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_a_header_click_sorts_and_the_selected_row_stays_selected(qtbot, window):
    today = window.today
    # Soonest due first by default: the overdue row heads the list.
    assert today.table.horizontalHeader().sortIndicatorSection() == DUE
    assert rows(window, VICTIM) == [ZOSIA, "Grace Okafor", "Siobhán O'Neill"]
    today.table.selectRow(1)
    grace = today.selected_item()
    _click_header(qtbot, today.table, VICTIM)
    assert rows(window, VICTIM) == ["Grace Okafor", "Siobhán O'Neill", ZOSIA]
    assert today.selected_item().commitment_id == grace.commitment_id
    _click_header(qtbot, today.table, VICTIM)  # again: the other way
    assert rows(window, VICTIM) == [ZOSIA, "Siobhán O'Neill", "Grace Okafor"]
    _click_header(qtbot, today.table, DUE)
    assert rows(window, STATUS) == ["Overdue", "Due today", "This week"]
    # Sorting by the words sorts by the time behind them, not alphabetically.
    _click_header(qtbot, today.table, WHEN)
    assert rows(window, STATUS) == ["Overdue", "Due today", "This week"]
    # A reload keeps the chosen order.
    _click_header(qtbot, today.table, REFERENCE)
    _click_header(qtbot, today.table, REFERENCE)
    descending = rows(window, REFERENCE)
    assert descending == sorted(descending, reverse=True)
    today.reload()
    assert rows(window, REFERENCE) == descending


@pytest.fixture
def mixed_store(db_path):
    """The three promises, plus Zosia's case with an agreed contact and a charge 10 days ago."""
    from victimcare.domain.model import CaseEvent, ContactAgreement

    seed_worklist(db_path)
    db = setup.unlock(db_path, TEST_PASSPHRASE)
    try:
        now = utc_now()
        case = cases.new_case(db, Victim("Amara", "Mensah"), "sexual_offence",
                              agreement=ContactAgreement(frequency_days=7),
                              now=now - timedelta(days=20))
        cases.record_event(db, case, CaseEvent("charged", now - timedelta(days=10)))
    finally:
        db.close()
    return db_path


def test_filters_narrow_by_kind_by_how_soon_and_by_reference(qtbot, start_app, mixed_store):
    controller = start_app(mixed_store)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    window = main_window_of(qtbot, controller)
    today = window.today
    everything = today.model.items()
    assert len(everything) == 5
    def kinds():
        return [today.model.item_at(r).kind for r in range(today.model.rowCount())]

    assert sorted(kinds()) == ["agreed", "promise", "promise", "promise", "statutory"]

    today.kind_combo.setCurrentIndex(today.kind_combo.findData("statutory"))
    assert kinds() == ["statutory"]
    assert rows(window, VICTIM) == ["Amara Mensah"]
    assert rows(window, REASON)[0].startswith("Inform the victim")
    assert today.counts_label.text().endswith("· showing 1 of 5")
    today.kind_combo.setCurrentIndex(today.kind_combo.findData("promise"))
    # The kind has no column (the reason says it); the reason's tooltip names it.
    assert window.today.model.index(0, REASON).data(Qt.ItemDataRole.ToolTipRole) == \
        plain_tooltip("Call about the charging decision (Promise)")

    today.bucket_combo.setCurrentIndex(today.bucket_combo.findData("overdue"))
    assert rows(window, VICTIM) == [ZOSIA]
    today.kind_combo.setCurrentIndex(today.kind_combo.findData(None))
    assert set(rows(window, STATUS)) == {"Overdue"}
    assert set(rows(window, VICTIM)) == {ZOSIA, "Amara Mensah"}

    # Part of a reference, typed; any case and letter case.
    today.bucket_combo.setCurrentIndex(today.bucket_combo.findData(None))
    amara = next(i for i in everything if i.victim_name == "Amara Mensah")
    today.reference_edit.setFocus()
    qtbot.keyClicks(today.reference_edit, amara.case_reference[-4:].lower())
    assert set(rows(window, REFERENCE)) == {amara.case_reference}
    assert today.table.selectionModel().hasSelection()
    qtbot.keyClick(today.reference_edit, Qt.Key.Key_Return)  # back to the rows
    assert window.focusWidget() is today.table
    today.reference_edit.setText("no such reference")
    assert today.model.rowCount() == 0
    assert today.stack.currentWidget() is today.empty_label
    assert today.empty_label.text() == NOTHING_MATCHES
    assert today.counts_label.text().endswith("· showing 0 of 5")
    today.reference_edit.setText("")
    assert today.model.rowCount() == 5 and today.stack.currentWidget() is today.table
    assert today.counts_label.text() == counts_text(everything)


def test_the_filters_hold_no_personal_data_and_survive_a_lock(qtbot, window):
    today = window.today
    today.kind_combo.setCurrentIndex(today.kind_combo.findData("promise"))
    today.clear_personal_data()
    assert today.model.rowCount() == 0 and today.model.items() == []
    assert today.model.filter.kind == "promise"


def test_the_case_overview_says_what_is_due_next(qtbot, window):
    item = window.today.model.item_at(0)  # Zosia: the promise overdue by 3 days
    view = window.open_case(item.case_id)
    from victimcare.domain.timeutil import london

    due_next = view.overview_tab.values["Due next"].text()
    assert due_next == (f"Call about the charging decision (Promise): due "
                        f"{london(item.due_at):%a %d/%m/%Y %H:%M}, overdue by 3 days")
    assert view.overview_tab.values["Still open"].text() == "1 overdue"
    # Met, nothing is owed, and the overview says so.
    from victimcare.domain.model import Contact

    cases.log_contact(window.db, view.case, Contact(
        utc_now() - timedelta(minutes=5), "phone", "to_victim", "victim", "spoke", [],
        "Talked it through"), meets=[item.commitment_id])
    view.reload()
    assert view.overview_tab.values["Due next"].text() == "Nothing is owed on this case."


def test_the_today_model_passes_qts_model_tester_sorted_and_filtered(qtmodeltester):
    from victimcare.domain.worklist import WorkItem
    from victimcare.views.today_view import TodayFilter, TodayModel

    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    items = [WorkItem(n, n, f"VC-2026-000{n}", name, kind, "Reason", now + timedelta(days=d),
                      "overdue" if d < 0 else "week", SafeContactRules(), "phone")
             for n, (name, kind, d) in enumerate((("Bea", "promise", -2), ("adam", "agreed", 3),
                                                  ("Cy", "statutory", 1)), 1)]
    model = TodayModel()
    model.set_items(items, now)
    qtmodeltester.check(model, force_py=True)
    model.sort(VICTIM, Qt.SortOrder.AscendingOrder)
    assert [model.item_at(r).victim_name for r in range(3)] == ["adam", "Bea", "Cy"]
    model.sort(STATUS, Qt.SortOrder.DescendingOrder)
    assert [model.item_at(r).bucket for r in range(3)] == ["week", "week", "overdue"]
    model.sort(DUE, Qt.SortOrder.AscendingOrder)
    assert [model.item_at(r).victim_name for r in range(3)] == ["Bea", "Cy", "adam"]
    model.set_filter(TodayFilter(reference="0002"))
    assert [model.item_at(r).victim_name for r in range(model.rowCount())] == ["adam"]
    qtmodeltester.check(model, force_py=True)
