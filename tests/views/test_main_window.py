"""The case list: seeded cases show, sort on real values, and the search box filters live."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import OFFICER, main_window_of, tab_order
from victimcare.domain.model import Victim
from victimcare.services import cases
from victimcare.views.case_list_model import OPENED, REFERENCE, VICTIM, CaseListModel
from victimcare.views.case_list_view import NO_MATCH_HINT, SEARCH_PLACEHOLDER, count_text
from victimcare.views.main_window import MainWindow


@pytest.fixture
def controller(qtbot, start_app, seeded_store):
    controller = start_app(seeded_store)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    return controller


@pytest.fixture
def window(qtbot, controller):
    """The main window with the Cases screen in front (it opens on Today)."""
    window = main_window_of(qtbot, controller)
    window.show_cases()
    return window


def column(model: CaseListModel, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def search(qtbot, window: MainWindow, text: str, rows: int) -> None:
    window.case_list.search_edit.setText("")
    qtbot.keyClicks(window.case_list.search_edit, text)
    qtbot.waitUntil(lambda: not window.case_list.search_timer.isActive()
                    and window.case_list.model.rowCount() == rows)


def test_the_seeded_cases_are_listed(window):
    model = window.case_list.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Reference", "Victim", "Offence", "Status", "Opened"]
    # Newest first.
    assert column(model, REFERENCE) == ["VC-2026-0001", "VC-2026-0003", "VC-2026-0002"]
    assert column(model, VICTIM) == ["Zosia (Zofia Anna Wójcik)", "Siobhán O'Neill",
                                     "Grace Okafor"]
    assert set(column(model, 2)) == {"Sexual offence"}
    assert set(column(model, 3)) == {"Open"}
    assert column(model, OPENED) == ["03/03/2026", "02/03/2026", "01/03/2026"]
    assert window.count_label.text() == "3 cases"
    assert window.officer_label.text() == OFFICER.name
    assert window.case_list.list_stack.currentWidget() is window.case_list.table
    assert window.case_list.search_edit.placeholderText() == SEARCH_PLACEHOLDER
    assert window.minimumWidth() >= 1000 and window.minimumHeight() >= 650
    assert window.case_list.table.alternatingRowColors()


def test_sorting_uses_dates_and_names_not_their_text(window):
    model = window.case_list.model
    window.case_list.table.sortByColumn(OPENED, Qt.SortOrder.AscendingOrder)
    assert column(model, OPENED) == ["01/03/2026", "02/03/2026", "03/03/2026"]
    window.case_list.table.sortByColumn(OPENED, Qt.SortOrder.DescendingOrder)
    assert column(model, OPENED) == ["03/03/2026", "02/03/2026", "01/03/2026"]
    window.case_list.table.sortByColumn(VICTIM, Qt.SortOrder.AscendingOrder)
    assert column(model, VICTIM)[0] == "Grace Okafor"
    window.case_list.table.sortByColumn(REFERENCE, Qt.SortOrder.AscendingOrder)
    assert column(model, REFERENCE) == ["VC-2026-0001", "VC-2026-0002", "VC-2026-0003"]


def test_the_sort_order_survives_a_search(qtbot, window):
    window.case_list.table.sortByColumn(VICTIM, Qt.SortOrder.DescendingOrder)
    search(qtbot, window, "o", rows=2)  # Okafor, O'Neill
    assert column(window.case_list.model, VICTIM) == ["Siobhán O'Neill", "Grace Okafor"]


def test_the_selection_follows_its_case_when_sorted(window):
    window.case_list.table.selectRow(0)  # VC-2026-0001, the newest
    window.case_list.table.sortByColumn(OPENED, Qt.SortOrder.AscendingOrder)
    selected = window.case_list.table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["VC-2026-0001"]


def test_search_filters_live_and_ignores_accents(qtbot, window):
    search(qtbot, window, "wojcik", rows=1)
    assert column(window.case_list.model, VICTIM) == ["Zosia (Zofia Anna Wójcik)"]
    assert window.count_label.text() == "1 of 3 cases"

    search(qtbot, window, "siobhan", rows=1)
    assert column(window.case_list.model, REFERENCE) == ["VC-2026-0003"]

    search(qtbot, window, "VC-2026-0002", rows=1)
    assert column(window.case_list.model, VICTIM) == ["Grace Okafor"]

    search(qtbot, window, "nobody by this name", rows=0)
    assert window.case_list.list_stack.currentWidget() is window.case_list.empty_label
    assert window.case_list.empty_label.text() == NO_MATCH_HINT
    assert window.count_label.text() == "0 of 3 cases"

    window.case_list.search_edit.setText("")
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 3)
    assert window.count_label.text() == "3 cases"
    assert window.case_list.list_stack.currentWidget() is window.case_list.table


def test_search_waits_for_typing_to_stop(qtbot, window):
    calls = []
    real_refresh = window.case_list.refresh
    window.case_list.search_timer.timeout.disconnect()
    window.case_list.search_timer.timeout.connect(lambda: (calls.append(1), real_refresh()))
    qtbot.keyClicks(window.case_list.search_edit, "grace")
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1)
    assert calls == [1]  # one query for five keystrokes


def test_the_status_filter(qtbot, window):
    window.case_list.status_combo.setCurrentText("Closed")
    assert window.case_list.model.rowCount() == 0
    assert window.count_label.text() == "0 of 3 cases"
    window.case_list.status_combo.setCurrentText("Open")
    assert window.case_list.model.rowCount() == 3
    window.case_list.status_combo.setCurrentText("All")
    assert window.count_label.text() == "3 cases"


def test_closed_cases_are_found_by_the_filter(qtbot, window):
    case = cases.open_case(window.db, window.case_list.model.case_at(0).id)
    case.status = "closed"
    case.closed_at = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
    cases.update_case(window.db, case)
    window.case_list.status_combo.setCurrentText("Closed")
    assert column(window.case_list.model, REFERENCE) == [case.reference]
    assert column(window.case_list.model, 3) == ["Closed"]
    search(qtbot, window, "grace", rows=0)  # Grace's case is open


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.case_list.table.setFocus()
    qtbot.waitUntil(lambda: window.case_list.table.hasFocus())
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.case_list.search_edit.hasFocus())


def test_quit_closes_the_window_and_the_store(qtbot, controller, window):
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    with qtbot.waitSignal(controller.finished) as finished:
        window.quit_action.trigger()
    assert finished.args == [0]
    assert not window.isVisible()
    assert window.case_list.model.rowCount() == 0  # names leave memory with the window
    assert controller.database is None


def test_every_control_has_a_name_and_tab_goes_search_filter_list(window):
    page = window.case_list
    for widget in (page.search_edit, page.status_combo, page.enhanced_check,
                   page.overdue_check, page.table):
        assert widget.accessibleName()
    assert tab_order(page.search_edit, 4) == [page.status_combo, page.enhanced_check,
                                              page.overdue_check, page.table]


def test_opening_dates_are_shown_in_london_time(qtbot, db):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    cases.new_case(db, Victim("Amara", "Nwosu"), "sexual_offence",
                   now=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show_cases()
    assert column(window.case_list.model, OPENED) == ["01/07/2026"]
    assert window.officer_label.text() == ""


def test_counts_read_naturally():
    assert count_text(1234, 1234, False) == "1,234 cases"
    assert count_text(1, 1, False) == "1 case"
    assert count_text(0, 0, False) == "0 cases"
    assert count_text(12, 1234, True) == "12 of 1,234 cases"


def test_the_case_list_is_read_when_first_shown_and_counted_before(qtbot, controller):
    window = main_window_of(qtbot, controller)
    assert window.tabs.currentWidget() is window.today
    assert window.count_label.text() == "3 cases"
    assert window.case_list.model.rowCount() == 0  # every case in the store, read only when wanted
    window.show_cases()
    assert column(window.case_list.model, REFERENCE) == [
        "VC-2026-0001", "VC-2026-0003", "VC-2026-0002"]


def test_a_filter_kept_through_a_lock_is_applied_to_the_count_after_unlock(qtbot, controller):
    window = main_window_of(qtbot, controller)
    window.show_cases()
    window.case_list.status_combo.setCurrentText("Closed")
    assert window.count_label.text() == "0 of 3 cases"
    db = window.db
    window.detach()
    window.attach(db, None)
    assert window.tabs.currentWidget() is window.today
    assert window.count_label.text() == "0 of 3 cases"
