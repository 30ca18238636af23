"""The keyboard, on every screen and dialog: one Alt letter per control in a window, every input
reached by a letter, and Tab visiting every control once before it comes back to the first.

The screens are opened from the real main window of a store with something in every list,
the way an officer reaches them; the keys are real key events on the focused widget.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QWidget

from tests.conftest import TEST_PASSPHRASE
from tests.views import keyboard
from tests.views.conftest import main_window_of
from tests.views.test_today import seed_worklist
from victimcare.domain.model import CareAction, CareNeed, CaseEvent, Contact, Referral
from victimcare.domain.timeutil import utc_now
from victimcare.services import care_plan, cases, setup
from victimcare.views import ask, print_preview
from victimcare.views.first_run_dialog import FirstRunDialog
from victimcare.views.lock import ThrottledUnlockDialog
from victimcare.views.main_window import MainWindow

# Taken before the autouse guard replaces it: the tests of the discard question show the
# real box, and answer it with keys.
REAL_MESSAGE_BOX_EXEC = QMessageBox.exec

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def builds_finish():
    yield
    print_preview.wait_for_builds()


def seed_everything(db_path) -> None:
    """The worklist's three cases; the first with a conversation since its promise, a need,
    an action, a referral and an event; the third closed and due for its retention review."""
    seed_worklist(db_path)
    db = setup.unlock(db_path, TEST_PASSPHRASE)
    try:
        first = cases.open_case(db, 1)
        cases.log_contact(db, first, Contact(utc_now(), "phone",
                                             "to_victim", "victim", "spoke",
                                             narrative="Talked through the next steps"),
                          meets=[])
        need = care_plan.add_need(db, first, CareNeed("safety", "high", "Lock change"))
        care_plan.add_action(db, first, CareAction("Ask for a lock change", "me",
                                                   need_id=need.id))
        care_plan.add_referral(db, first, Referral("isva", "given",
                                                   consent_date=date.today()))
        cases.record_event(db, first, CaseEvent("arrested", utc_now() - timedelta(hours=2)))
        db.execute("UPDATE cases SET status = 'closed', closed_at = ?, "
                   "retention_review_date = '2026-01-02' WHERE id = 3",
                   (datetime(2026, 1, 1, tzinfo=UTC).isoformat(),))
    finally:
        db.close()


@pytest.fixture
def controller(qtbot, start_app, db_path):
    seed_everything(db_path)
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    window = main_window_of(qtbot, controller)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return controller


@pytest.fixture
def window(controller) -> MainWindow:
    return controller.main_window


def shown(qtbot, dialog: QWidget) -> QWidget:
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def case_view(window: MainWindow, tab: int = 0):
    view = window.open_case(1)
    view.tabs.setCurrentIndex(tab)
    return view


# Each opens one screen from the main window and returns (the window to check, where Tab
# starts). Dialogs close with the window at the end of the test: closing it discards them,
# as a lock does, without asking.
def _main_today(qtbot, window, controller):
    window.show_today()
    return window, window.today.table


def _main_cases(qtbot, window, controller):
    window.show_cases()
    return window, window.case_list.search_edit


def _case_tab(tab):
    def open_it(qtbot, window, controller):
        view = case_view(window, tab)
        return window, view.log_button
    return open_it


def _audit(qtbot, window, controller):
    view = window.show_audit()
    return window, view.case_edit


def _retention(qtbot, window, controller):
    view = window.show_retention()
    return window, view.table


def _dialog(opener, first):
    def open_it(qtbot, window, controller):
        dialog = shown(qtbot, opener(window, controller))
        return dialog, first(dialog)
    return open_it


def _part(view, path: str):
    """`view.log_tab.amend_selected_contact` from 'log_tab.amend_selected_contact'."""
    return functools.reduce(getattr, path.split("."), view)


def _view_dialog(method: str, first, tab: int = 0, select=None):
    def opener(window, controller):
        view = case_view(window, tab)
        if select is not None:
            select(view)
        return _part(view, method)()
    return _dialog(opener, first)


def _select_row(table_name: str, row: int = 0):
    def select(view):
        table = _part(view, table_name)
        table.setCurrentIndex(table.model().index(row, 0))
    return select


def _select_promise(view):
    for row in range(view.commitments_tab.model.rowCount()):
        index = view.commitments_tab.model.index(row, 0)
        view.commitments_tab.table.setCurrentIndex(index)
        if view.commitments_tab.selected_commitment().kind == "promise":
            return
    raise AssertionError("no promise on the case")


def _select_contact(view):
    view.log_tab.tree.setCurrentIndex(view.log_tab.model.index(0, 0))


def _victim_tab(tab: int):
    def opener(window, controller):
        dialog = case_view(window).edit_victim()
        dialog.tabs.setCurrentIndex(tab)
        return dialog
    firsts = (lambda d: d.given_names_edit, lambda d: d.voicemail_combo,
              lambda d: d.frequency_spin, lambda d: next(iter(d.flag_checks.values())),
              lambda d: d.category_combo)
    return _dialog(opener, firsts[tab])


def _preview(kind: str):
    def open_it(qtbot, window, controller):
        window.show_cases()
        window.case_list.table.selectRow(0)  # Ctrl+P on a chosen case offers its summary and log
        dialog = window.print_current()
        if dialog.kind_combo.findData(kind) < 0:
            dialog.done(0)
            window.show_today()  # Ctrl+P on Today offers the worklist and compliance report
            dialog = window.print_current()
        dialog.set_kind(kind)
        shown(qtbot, dialog)
        qtbot.waitUntil(dialog.is_ready, timeout=20_000)  # Print and Save wait for the pages
        return dialog, dialog.kind_combo
    return open_it


def _decision(keep: bool):
    def opener(window, controller):
        view = window.show_retention()
        return view.keep_selected() if keep else view.erase_selected()
    return _dialog(opener, lambda d: d.reason_edit)


SCREENS = {
    "main window, Today": _main_today,
    "main window, Cases": _main_cases,
    "case, overview": _case_tab(0),
    "case, contact log": _case_tab(1),
    "case, care plan": _case_tab(2),
    "case, commitments": _case_tab(3),
    "case, events": _case_tab(4),
    "audit log": _audit,
    "retention review": _retention,
    "log contact": _view_dialog("log_contact", lambda d: d.contact_fields.when_edit.line),
    "amend contact": _view_dialog("log_tab.amend_selected_contact", lambda d: d.reason_edit, 1,
                                  _select_contact),
    "record event": _view_dialog("record_event", lambda d: d.kind_combo),
    "close case": _view_dialog("close_case", lambda d: d.reason_edit),
    "add need": _view_dialog("care_plan_tab.add_need", lambda d: d.area_combo, 2),
    "edit need": _view_dialog("care_plan_tab.edit_need", lambda d: d.area_combo, 2,
                              _select_row("care_plan_tab.needs_table")),
    "add action": _view_dialog("care_plan_tab.add_action", lambda d: d.description_edit, 2),
    "add referral": _view_dialog("care_plan_tab.add_referral", lambda d: d.agency_combo, 2),
    "care plan review": _view_dialog("care_plan_tab.set_review_date",
                                     lambda d: d.review_edit.line, 2),
    "add promise": _view_dialog("commitments_tab.add_promise", lambda d: d.reason_edit, 3),
    "waive": _view_dialog("commitments_tab.waive_selected", lambda d: d.reason_edit, 3,
                          _select_row("commitments_tab.table")),
    "mark met by an entry": _view_dialog("commitments_tab.meet_selected", lambda d: d.entry_list, 3,
                                         _select_promise),
    **{f"edit victim, tab {tab + 1}": _victim_tab(tab) for tab in range(5)},
    "new case": _dialog(lambda w, c: (w.new_case(), w.new_case_dialog)[1],
                        lambda d: d.given_names_edit),
    "settings": _dialog(lambda w, c: w.show_settings(), lambda d: d.name_edit),
    "backup": _dialog(lambda w, c: w.show_backup(), lambda d: d.destination_edit),
    "change passphrase": _dialog(lambda w, c: c.show_change_passphrase(), lambda d: d.old_edit),
    "print preview, case summary": _preview("summary"),
    "print preview, worklist": _preview("worklist"),
    "print preview, compliance": _preview("compliance"),
    "retention keep": _decision(True),
    "retention erase": _decision(False),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_every_alt_letter_is_used_once_and_every_input_has_one(qtbot, controller, window,
                                                               screen):
    top, _first = SCREENS[screen](qtbot, window, controller)
    keyboard.assert_keyboard_ready(top)


@pytest.mark.parametrize("screen", SCREENS)
def test_tab_reaches_every_control_and_comes_back(qtbot, controller, window, screen):
    top, first = SCREENS[screen](qtbot, window, controller)
    keyboard.assert_tab_reaches_everything(first)


@pytest.mark.parametrize("dialog_class", [ThrottledUnlockDialog, FirstRunDialog])
def test_the_windows_before_the_store_opens(qtbot, db_path, dialog_class):
    if dialog_class is ThrottledUnlockDialog:
        seed_worklist(db_path)
    dialog = dialog_class(db_path)
    qtbot.addWidget(dialog)
    shown(qtbot, (dialog.open(), dialog)[1])
    keyboard.assert_keyboard_ready(dialog)
    first = getattr(dialog, "passphrase_edit", None) or dialog.name_edit
    keyboard.assert_tab_reaches_everything(first)


# -- the case search ------------------------------------------------------------------------------
def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key press on whatever has the focus, as a person's would land."""
    focused = QApplication.focusWidget()
    assert focused is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focused, key, modifier)


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_down_or_enter_in_the_search_moves_into_the_results(qtbot, window, key):
    window.focus_search()
    qtbot.waitUntil(window.case_list.search_edit.hasFocus)
    qtbot.keyClicks(window.case_list.search_edit, "grace")
    assert window.case_list.search_timer.isActive()  # typed faster than the search runs
    press(qtbot, key)
    assert window.case_list.table.hasFocus()
    assert window.case_list.model.rowCount() == 1  # the search ran at once, not after the pause
    assert window.case_list.table.currentIndex().row() == 0
    assert [i.row() for i in window.case_list.table.selectionModel().selectedRows()] == [0]
    press(qtbot, Qt.Key.Key_Escape)
    search_edit = window.case_list.search_edit
    assert search_edit.hasFocus() and search_edit.text() == "grace"
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)  # Enter on the row opens the case
    view = window.current_case_view()
    assert view is not None and view.case.victim.given_names == "Grace"


def test_down_in_a_search_that_finds_nothing_stays_in_the_search(qtbot, window):
    window.focus_search()
    qtbot.waitUntil(window.case_list.search_edit.hasFocus)
    qtbot.keyClicks(window.case_list.search_edit, "nobody by this name")
    press(qtbot, Qt.Key.Key_Down)
    assert window.case_list.search_edit.hasFocus()
    assert window.case_list.list_stack.currentWidget() is window.case_list.empty_label


# -- Alt letters do what they say ------------------------------------------------------------------
def test_alt_letters_in_the_main_window_and_the_case_view(qtbot, window):
    window.show_cases()
    qtbot.waitUntil(window.case_list.table.hasFocus)
    press(qtbot, Qt.Key.Key_R, ALT)  # Enhanced rights: clashed with the Edit menu before
    # A button's letter clicks it, animated.
    qtbot.waitUntil(window.case_list.enhanced_check.isChecked)
    press(qtbot, Qt.Key.Key_S, ALT)
    assert window.case_list.search_edit.hasFocus()
    view = window.open_case(1)
    view.log_button.setFocus()
    for digit, page in ((Qt.Key.Key_3, view.care_plan_tab), (Qt.Key.Key_5, view.events_tab),
                        (Qt.Key.Key_2, view.log_tab), (Qt.Key.Key_1, view.overview_tab)):
        press(qtbot, digit, ALT)
        assert view.tabs.currentWidget() is page
    press(qtbot, Qt.Key.Key_S, ALT)  # Edit victim and safe contact
    qtbot.waitUntil(lambda: view.dialog is not None)
    dialog = shown(qtbot, view.dialog)
    assert dialog.windowTitle().startswith("Edit victim and safe contact")
    dialog.discard()


def test_alt_letters_in_log_contact_move_to_their_fields(qtbot, window):
    dialog = shown(qtbot, case_view(window).log_contact())
    fields = dialog.contact_fields
    for key, widget in ((Qt.Key.Key_H, fields.with_combo), (Qt.Key.Key_M, fields.method_combo),
                        (Qt.Key.Key_W, fields.when_edit.line),
                        (Qt.Key.Key_V, next(iter(fields.covered_checks.values()))),
                        (Qt.Key.Key_N, fields.narrative_edit),
                        (Qt.Key.Key_U, dialog.promise_due_edit.line)):
        press(qtbot, key, ALT)
        assert widget.hasFocus(), key


# -- Enter -----------------------------------------------------------------------------------------
def test_enter_in_the_narrative_makes_a_new_line_and_enter_in_a_field_logs(qtbot, window):
    dialog = shown(qtbot, case_view(window).log_contact())
    fields = dialog.contact_fields
    fields.outcome_combo.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the first outcome: Spoke
    assert fields.outcome_combo.currentData() == "spoke"
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.keyClicks(fields.narrative_edit, "Called her")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(fields.narrative_edit, "Agreed the next call")
    assert dialog.isVisible()
    assert fields.narrative_edit.toPlainText() == "Called her\nAgreed the next call"
    press(qtbot, Qt.Key.Key_W, ALT)
    with qtbot.waitSignal(dialog.contact_logged):
        press(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    narratives = [c.narrative for c in cases.open_case(window.db, 1).contacts]
    assert "Called her\nAgreed the next call" in narratives


def test_enter_on_the_calendar_button_opens_the_calendar_not_save(qtbot, window):
    dialog = shown(qtbot, case_view(window).record_event())
    saved = []
    dialog.event_recorded.connect(saved.append)
    dialog.when_edit.calendar_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    calendar = dialog.when_edit._calendar
    assert calendar is not None and calendar.isVisible()
    assert dialog.isVisible() and saved == []
    calendar.hide()


# -- Escape ----------------------------------------------------------------------------------------
def answer_next_box(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> dict:
    """When the next message box is up and active, note what it says and press `key` in it.
    A box the key did not close is closed after a second, and `seen["stayed"]` says so:
    a test must never hang on a box."""
    seen: dict = {}

    def answer(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isActiveWindow():
            if isinstance(box, QMessageBox) and tries % 10 == 0:
                box.activateWindow()
            if tries < 100:
                QTimer.singleShot(20, lambda: answer(tries + 1))
            return
        seen.update(title=box.windowTitle(), text=box.text(),
                    buttons=[b.text() for b in box.buttons()],
                    default=box.defaultButton().text(), escape=box.escapeButton().text())
        qtbot.keyClick(box.focusWidget() or box, key, modifier)
        QTimer.singleShot(1000, lambda: shiboken6.isValid(box) and box.isVisible()
                          and (seen.update(stayed=True), box.done(0)))

    QTimer.singleShot(0, answer)
    return seen


def test_escape_with_typed_text_asks_in_a_real_box_and_keep_editing_is_the_default(
        qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", REAL_MESSAGE_BOX_EXEC)
    dialog = shown(qtbot, case_view(window).log_contact())
    narrative = dialog.contact_fields.narrative_edit
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.keyClicks(narrative, "She asked about bail")

    seen = answer_next_box(qtbot, Qt.Key.Key_Return)  # Enter: the default answer
    press(qtbot, Qt.Key.Key_Escape)
    assert seen == {"title": "Discard changes?",
                    "text": "You have changes that are not saved. Close and lose them?",
                    "buttons": ["&Discard changes", "&Keep editing"],
                    "default": "&Keep editing", "escape": "&Keep editing"}
    assert dialog.isVisible() and narrative.toPlainText() == "She asked about bail"
    shown(qtbot, dialog)  # offscreen, no window manager hands the focus back
    assert narrative.hasFocus()

    seen = answer_next_box(qtbot, Qt.Key.Key_D, ALT)  # Alt+D: Discard changes
    press(qtbot, Qt.Key.Key_Escape)
    assert "stayed" not in seen and seen["title"] == "Discard changes?"
    assert not dialog.isVisible()
    assert "She asked about bail" not in [c.narrative for c in
                                          cases.open_case(window.db, 1).contacts]


def test_escape_with_nothing_typed_closes_at_once(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: asked.append(a) or False)
    dialog = shown(qtbot, case_view(window).log_contact())
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []


def _type_in_settings(window, controller):
    dialog = window.show_settings()
    return dialog, dialog.team_edit


def _type_in_backup(window, controller):
    dialog = window.show_backup()
    return dialog, dialog.current_edit


def _type_in_passphrase_change(window, controller):
    dialog = controller.show_change_passphrase()
    return dialog, dialog.old_edit


def _type_in_retention_reason(window, controller):
    dialog = window.show_retention().erase_selected()
    return dialog, dialog.reason_edit


@pytest.mark.parametrize("opener", [_type_in_settings, _type_in_backup,
                                    _type_in_passphrase_change, _type_in_retention_reason])
def test_escape_in_the_other_dialogs_asks_only_when_typing_would_be_lost(
        qtbot, window, controller, monkeypatch, opener):
    answers: list[bool] = []
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text, **kw:
                        asked.append(title) or answers.pop(0))
    dialog, edit = opener(window, controller)
    shown(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed: closes without a word
    assert not dialog.isVisible() and asked == []

    dialog, edit = opener(window, controller)
    shown(qtbot, dialog)
    edit.setFocus()
    qtbot.keyClicks(edit, "typed words")
    answers[:] = [False, True]
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and edit.text().endswith("typed words")  # Keep editing
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert asked == ["Discard changes?", "Discard changes?"]


def test_first_run_asks_before_quit_throws_away_what_was_typed(qtbot, start_app, db_path,
                                                               monkeypatch):
    answers = [False, True]
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: answers.pop(0))
    controller = start_app(db_path)
    dialog = controller.first_run_dialog
    shown(qtbot, dialog)
    qtbot.keyClicks(dialog.name_edit, "PC Alex Morgan")
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and controller.exit_code is None
    press(qtbot, Qt.Key.Key_Escape)
    assert controller.exit_code == 0 and not db_path.exists()


# -- Tab goes as the eye reads -----------------------------------------------------------------
def test_the_case_view_tabs_through_each_section_in_reading_order(qtbot, window):
    view = case_view(window, 2)
    ring = keyboard.tab_ring(view.log_button)
    header = [view.log_button, view.event_button, view.edit_button, view.close_button,
              view.tabs.tabBar()]
    assert ring[:5] == header
    assert ring[5:15] == [view.care_plan_tab.review_button, *view.care_plan_tab.stops]
    assert [w.text() for w in view.care_plan_tab.stops if hasattr(w, "text")] == [
        "Add &need…", "Edit need…", "Add act&ion…", "Edit action…", "Add &referral…",
        "Edit referral…"]
    view.tabs.setCurrentIndex(3)
    ring = keyboard.tab_ring(view.log_button)
    commitments = view.commitments_tab
    assert ring[5:9] == [commitments.table, commitments.promise_button, commitments.meet_button,
                         commitments.waive_button]  # the list first: Mark met and Waive act on it


def test_the_log_contact_form_tabs_top_to_bottom(qtbot, window):
    dialog = shown(qtbot, case_view(window).log_contact())
    fields = dialog.contact_fields
    ring = keyboard.tab_ring(fields.when_edit.line)
    assert ring[:-2] == [fields.when_edit.line, fields.when_edit.calendar_button,
                         fields.method_combo, fields.direction_combo, fields.with_combo,
                         fields.outcome_combo, *fields.covered_checks.values(),
                         fields.narrative_edit,  # the meets boxes wait for an outcome
                         dialog.promise_edit, dialog.promise_due_edit.line,
                         dialog.promise_due_edit.calendar_button]
    # Then the buttons, in the order the platform draws them.
    assert set(ring[-2:]) == {dialog.save_button, dialog.cancel_button}


def test_multi_line_fields_give_tab_to_the_next_field(qtbot, window):
    """Tab in a narrative moves on (a tab character would be lost on paper anyway)."""
    dialog = shown(qtbot, case_view(window).edit_victim())
    for edit in dialog.findChildren(QPlainTextEdit):
        assert edit.tabChangesFocus(), edit.accessibleName()
