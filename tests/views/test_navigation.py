"""Navigation: Today and Cases, the standard shortcuts, case tabs, filters and lazy loading."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import main_window_of
from tests.views.test_today import seed_worklist
from victimcare.domain.model import CaseSummary, Victim
from victimcare.services import cases, setup
from victimcare.views.case_list_model import BATCH, OPENED, REFERENCE, CaseListModel
from victimcare.views.main_window import CASES_TAB, TODAY_TAB


@pytest.fixture
def window(qtbot, start_app, db_path):
    seed_worklist(db_path)
    db = setup.unlock(db_path, TEST_PASSPHRASE)
    try:  # one case without enhanced rights, and nothing due
        cases.new_case(db, Victim("Amara", "Nwosu"), "burglary")
    finally:
        db.close()
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    window = main_window_of(qtbot, controller)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier):
    target = window.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


def test_the_standard_shortcuts(window):
    shortcuts = {action.text().replace("&", "").rstrip("…"): action.shortcut().toString()
                 for action in (window.new_case_action, window.find_action,
                                window.print_action, window.close_tab_action,
                                window.log_contact_action, window.lock_action,
                                window.today_action, window.cases_action, window.quit_action)}
    assert shortcuts == {
        "New case": "Ctrl+N", "Find a case": "Ctrl+F", "Print": "Ctrl+P", "Close": "Ctrl+W",
        "Log contact": "Ctrl+L", "Lock": "Ctrl+Shift+L", "Today": "Ctrl+1", "Cases": "Ctrl+2",
        "Quit": "Ctrl+Q"}
    assert not window.windowIcon().isNull()
    for action in (window.new_case_action, window.print_action, window.lock_action,
                   window.log_contact_action):
        assert not action.icon().isNull()
        assert action.toolTip()


def test_today_and_cases_by_keyboard(qtbot, window):
    assert window.tabs.currentIndex() == TODAY_TAB
    press(qtbot, window, Qt.Key.Key_2)
    assert window.tabs.currentIndex() == CASES_TAB
    press(qtbot, window, Qt.Key.Key_1)
    assert window.tabs.currentIndex() == TODAY_TAB
    press(qtbot, window, Qt.Key.Key_F)
    assert window.tabs.currentIndex() == CASES_TAB
    qtbot.waitUntil(window.case_list.search_edit.hasFocus)


def test_a_case_opens_in_a_tab_and_ctrl_w_closes_it(qtbot, window):
    window.show_cases()
    window.case_list.table.setFocus()
    window.case_list.table.selectRow(0)
    window.case_list.table.setCurrentIndex(window.case_list.model.index(0, 0))
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Return)
    view = window.current_case_view()
    assert view is not None and view.reference == window.case_list.model.index(0, REFERENCE).data()
    assert window.tabs.tabText(window.tabs.currentIndex()) == view.reference
    assert window.close_tab_action.isEnabled()
    press(qtbot, window, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: window.case_views() == [])
    # The two fixed screens never close.
    window.show_today()
    assert not window.close_tab_action.isEnabled()
    window.close_current_tab()
    assert window.tabs.count() == 2


def test_ctrl_n_opens_the_new_case_dialog_and_a_new_case_opens(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N)
    dialog = window.new_case_dialog
    qtbot.waitUntil(dialog.isVisible)
    case = cases.new_case(window.db, Victim("Nia", "Evans"), "sexual_offence")
    dialog.case_created.emit(case.id)  # as the dialog does after saving
    dialog.reject()
    assert window.current_case_view().case_id == case.id
    assert window.count_label.text() == "5 cases"


def test_ctrl_l_logs_a_contact_for_the_open_case(qtbot, window, monkeypatch):
    view = window.open_case(window.today.model.item_at(0).case_id)
    called = []
    monkeypatch.setattr(view, "log_contact", lambda *a: called.append(a))
    press(qtbot, window, Qt.Key.Key_L)
    assert called == [()]


def test_filters_enhanced_and_overdue(qtbot, window):
    window.show_cases()
    assert window.case_list.model.rowCount() == 4
    window.case_list.enhanced_check.setChecked(True)
    model = window.case_list.model
    assert {model.case_at(r).victim_name for r in range(model.rowCount())} == {
        "Zosia (Zofia Anna Wójcik)", "Grace Okafor", "Siobhán O'Neill"}
    assert window.count_label.text() == "3 of 4 cases"
    window.case_list.overdue_check.setChecked(True)
    assert [model.case_at(r).victim_name for r in range(model.rowCount())] == [
        "Zosia (Zofia Anna Wójcik)"]
    window.case_list.enhanced_check.setChecked(False)
    window.case_list.overdue_check.setChecked(False)
    assert window.count_label.text() == "4 cases"


def summaries(count: int) -> list[CaseSummary]:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    return [CaseSummary(i, f"VC-2020-{i:04d}", f"Victim {i}", "open", "sexual_offence", "",
                        start + timedelta(hours=i)) for i in range(1, count + 1)]


def test_five_thousand_cases_reach_the_view_in_batches(qtbot):
    model = CaseListModel()
    model.sort(OPENED, Qt.SortOrder.DescendingOrder)
    model.set_cases(summaries(5000))
    assert model.total() == 5000
    assert model.rowCount() == BATCH
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * BATCH
    assert model.index(0, REFERENCE).data() == "VC-2020-5000"  # sorted over all, not a batch
    assert model.row_of_case(1) == 4999
    assert model.rowCount() == 5000 and not model.canFetchMore()
    model.clear()
    assert model.rowCount() == 0
