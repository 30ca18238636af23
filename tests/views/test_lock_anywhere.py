"""Locking from anywhere: Ctrl+Shift+L inside a dialog, a real message box or a print preview
locks at once and saves nothing; the unlock window says why; unlocking brings back the same
screens, cases and sections, from a value that holds case references only."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox

from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from tests.views.conftest import main_window_of
from tests.views.test_lock import SECRETS, everything_shown
from tests.views.test_today import seed_worklist
from victimcare import app
from victimcare.services import retention, setup
from victimcare.store import records
from victimcare.store.database import StoreClosedError
from victimcare.views import ask, clipboard
from victimcare.views.lock import LockShortcut
from victimcare.views.workspace import LockedSession, OpenCase, Workspace

# Captured when this module is imported, before the autouse guard (tests/views/conftest.py)
# replaces it: the tests that show a real message box put it back for themselves.
REAL_MESSAGE_BOX_EXEC = QMessageBox.exec
LOCK_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CLOSED_REFERENCE = "VC-2026-0042"  # rich_case: closed, due for its retention review
ERASED_SECRETS = ("Quennell", "Hattie", "Medlar Row")


@pytest.fixture
def store(db_path):
    """Three open cases with something owed (seed_worklist), and one closed case whose
    retention review is due, with a full contact log and care plan."""
    seed_worklist(db_path)
    db = setup.unlock(db_path, TEST_PASSPHRASE)
    try:
        closed = rich_case(CLOSED_REFERENCE)
        closed.victim = replace(closed.victim, given_names="Harriet", family_name="Quennell",
                                preferred_name="Hattie", address="3 Medlar Row")
        closed.retention_review_date = datetime(2026, 1, 1, tzinfo=UTC).date()
        records.insert_case(db, closed)
    finally:
        db.close()
    return db_path


@pytest.fixture
def controller(qtbot, start_app, store):
    controller = start_app(store)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    main_window_of(qtbot, controller)
    return controller


def unlock(qtbot, controller):
    dialog = controller.unlock_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.locked and controller.main_window.isVisible())


def open_case_view(controller, reference: str):
    window = controller.main_window
    case_id = records.case_id_for_reference(controller.database, reference)
    return window.open_case(case_id)


def first_open_reference(controller) -> str:
    return controller.main_window.today.model.item_at(0).case_reference


def contact_count(database) -> int:
    return int(database.scalar("SELECT count(*) FROM contacts"))


def tab_texts(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


# -- locking from inside what is open -------------------------------------------------------------
def test_the_lock_keys_inside_a_dialog_lock_at_once_and_save_nothing(qtbot, controller):
    reference = first_open_reference(controller)
    view = open_case_view(controller, reference)
    view.show_section("log")
    saved_before = contact_count(controller.database)
    dialog = view.log_contact()
    qtbot.waitExposed(dialog)
    narrative = dialog.contact_fields.narrative_edit
    qtbot.keyClicks(narrative, "She asked about the bail conditions")
    assert dialog.dirty

    qtbot.keyClick(narrative, Qt.Key.Key_L, LOCK_KEYS)
    qtbot.waitUntil(lambda: controller.locked)

    assert not shiboken6.isValid(dialog)  # discarded and deleted, never asked about
    assert controller.database is None
    note = controller.unlock_dialog.lock_note
    assert note.isVisible()
    assert re.fullmatch(r"Locked by you at \d\d:\d\d\.", note.text())
    assert "bail conditions" not in everything_shown()

    unlock(qtbot, controller)
    window = controller.main_window
    again = window.current_case_view()
    assert again is not None and again.reference == reference
    assert again.section() == "log"
    assert not controller.unlock_dialog.isVisible()
    assert contact_count(controller.database) == saved_before  # the half-typed entry is gone


def test_locking_under_the_real_discard_question_answers_no_and_stops(qtbot, controller,
                                                                    monkeypatch):
    """The question runs its own event loop (QMessageBox.exec); the lock keys reach it there,
    the box closes, `ask.confirm` says no, and the dialog that asked touches nothing after."""
    monkeypatch.setattr(QMessageBox, "exec", REAL_MESSAGE_BOX_EXEC)
    reference = first_open_reference(controller)
    view = open_case_view(controller, reference)
    dialog = view.log_contact()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.contact_fields.narrative_edit, "A draft about the trial date")
    saved_before = contact_count(controller.database)
    seen: dict[str, object] = {}

    def lock_from_inside_the_box() -> None:
        box = QApplication.activeModalWidget()
        seen["box"] = type(box).__name__
        seen["title"] = box.windowTitle() if box is not None else None
        seen["buttons"] = sorted(b.text() for b in box.buttons()) if box is not None else None
        if box is None:
            return
        # Should the lock not happen, the box is closed anyway so the test cannot hang.
        QTimer.singleShot(3000, lambda: box.done(0) if shiboken6.isValid(box) else None)
        qtbot.keyClick(box, Qt.Key.Key_L, LOCK_KEYS)

    QTimer.singleShot(0, lock_from_inside_the_box)
    answers: list[bool] = []
    real_confirm = ask.confirm
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: answers.append(real_confirm(*a, **k))
                        or answers[-1])
    dialog.reject()  # Escape's path: asks "Discard changes?", in a real box

    assert seen == {"box": "QMessageBox", "title": "Discard changes?",
                    "buttons": ["&Discard changes", "&Keep editing"]}
    assert answers == [False]  # the safe answer, though nobody pressed a button
    assert controller.locked and controller.database is None
    assert not shiboken6.isValid(dialog)
    assert not any(isinstance(w, QMessageBox) and shiboken6.isValid(w) and w.isVisible()
                   for w in QApplication.topLevelWidgets())

    unlock(qtbot, controller)
    assert controller.main_window.current_case_view().reference == reference
    assert contact_count(controller.database) == saved_before


def test_the_lock_keys_inside_a_print_preview_lock_at_once(qtbot, controller):
    reference = first_open_reference(controller)
    open_case_view(controller, reference)
    preview = controller.main_window.print_current()
    qtbot.waitUntil(preview.is_ready, timeout=20_000)
    qtbot.keyClick(preview.view, Qt.Key.Key_L, LOCK_KEYS)
    qtbot.waitUntil(lambda: controller.locked)
    assert not shiboken6.isValid(preview)
    unlock(qtbot, controller)
    assert controller.main_window.current_case_view().reference == reference


def test_an_open_menu_is_closed_by_the_lock(qtbot, controller):
    menu = QMenu(controller.main_window)
    menu.addAction("Copy")
    menu.popup(controller.main_window.geometry().center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu)
    qtbot.keyClick(menu, Qt.Key.Key_L, LOCK_KEYS)
    qtbot.waitUntil(lambda: controller.locked)
    assert QApplication.activePopupWidget() is None


def test_the_unlock_window_says_an_idle_lock_and_how_long(qtbot, controller):
    controller.inactivity.set_interval_ms(150)
    controller.inactivity.activate()
    qtbot.waitUntil(lambda: controller.locked, timeout=5000)
    note = controller.unlock_dialog.lock_note
    assert re.fullmatch(r"Locked after 1 idle second, at \d\d:\d\d\.", note.text())
    assert controller.locked_session.reason == "idle"


def test_the_first_unlock_window_says_nothing_of_a_lock(start_app, store):
    controller = start_app(store)
    assert not controller.unlock_dialog.lock_note.isVisible()
    assert controller.unlock_dialog.lock_note.text() == ""


# -- the same screens after unlocking ---------------------------------------------------------------
def test_the_same_screens_cases_and_sections_come_back_and_an_erased_case_does_not(
        qtbot, controller):
    window = controller.main_window
    open_reference = first_open_reference(controller)
    open_case_view(controller, CLOSED_REFERENCE).show_section("care-plan")
    second = open_case_view(controller, open_reference)
    second.show_section("commitments")
    window.show_audit()
    window.show_retention()
    window.case_list.status_combo.setCurrentIndex(window.case_list.status_combo.findData("open"))
    window.case_list.overdue_check.setChecked(True)
    window.tabs.setCurrentWidget(second)

    window.lock_action.trigger()
    assert controller.locked
    session = controller.locked_session
    assert session.workspace == Workspace(
        (OpenCase(CLOSED_REFERENCE, "care-plan"), OpenCase(open_reference, "commitments"),
         "audit", "retention"), front=3, status="open", enhanced_only=False, overdue_only=True)
    # All that is kept while locked: no name, address or note of any case.
    kept = session.to_text()
    for secret in (*SECRETS, *ERASED_SECRETS):
        assert secret not in kept, secret
    assert LockedSession.from_text(kept) == session

    # Erased while the app was locked (the lock held no connection to stop it).
    other = setup.unlock(controller.db_path, TEST_PASSPHRASE)
    try:
        retention.erase(other, records.case_id_for_reference(other, CLOSED_REFERENCE),
                        "Retention period over")
    finally:
        other.close()

    unlock(qtbot, controller)
    assert tab_texts(window) == ["&Today", "&Cases", open_reference, "Audit log",
                                 "Retention review"]
    front = window.current_case_view()
    assert front is not None and front.reference == open_reference
    assert front.section() == "commitments"
    assert window.windowTitle() == f"{open_reference} – victimcare"
    assert window.case_list.status_filter() == "open" and window.case_list.overdue_check.isChecked()
    assert controller.locked_session is None
    for secret in ERASED_SECRETS:
        assert secret not in everything_shown(), secret


def test_the_kept_value_alone_reopens_the_screens_in_a_fresh_start(qtbot, controller):
    """What a fresh process started at the unlock window does with the text form."""
    window = controller.main_window
    reference = first_open_reference(controller)
    open_case_view(controller, reference).show_section("events")
    window.show_audit()
    window.lock_action.trigger()
    text = controller.locked_session.to_text()
    path = controller.db_path
    controller.shutdown()  # the locked process ends; only the text goes on

    fresh = app.run([], db_path=path, exec=False, resume=LockedSession.from_text(text))
    try:
        qtbot.addWidget(fresh.unlock_dialog)
        assert re.fullmatch(r"Locked by you at \d\d:\d\d\.", fresh.unlock_dialog.lock_note.text())
        fresh.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
        fresh.unlock_dialog.accept()
        window = main_window_of(qtbot, fresh)
        assert tab_texts(window) == ["&Today", "&Cases", reference, "Audit log"]
        assert window.tabs.currentWidget() is window.audit_view
        assert window.case_views()[0].section() == "events"
        assert fresh.locked_session is None
    finally:
        fresh.shutdown()


def test_with_nothing_open_today_is_in_front_again(qtbot, controller):
    window = controller.main_window
    window.show_cases()
    window.lock_action.trigger()
    assert controller.locked_session.workspace == Workspace(front=1)
    unlock(qtbot, controller)
    assert window.tabs.currentWidget() is window.case_list
    assert tab_texts(window) == ["&Today", "&Cases"]


# -- the store closed under an interrupted action ---------------------------------------------------
def test_a_closed_store_refuses_every_use_with_one_error(db):
    db.close()
    for use in (lambda: db.scalar("SELECT 1"), lambda: db.all("SELECT 1"),
                lambda: db.execute("SELECT 1"), lambda: db.transaction().__enter__()):
        with pytest.raises(StoreClosedError):
            use()


def test_the_error_hook_is_quiet_about_a_store_closed_by_the_lock(qapp, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(ask, "error", lambda parent, title, text: shown.append(text))
    app.excepthook(StoreClosedError, StoreClosedError("the database is closed"), None)
    assert shown == []
    app.excepthook(RuntimeError, RuntimeError("anything else"), None)
    assert shown == [app.FRIENDLY_ERROR]  # every other error still gets the calm sentence


# -- the keys ----------------------------------------------------------------------------------------
def test_the_lock_keys_are_ctrl_shift_l_only_and_never_typed(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    keys = LockShortcut()
    fired: list[int] = []
    keys.activated.connect(lambda: fired.append(1))
    keys.activate()
    try:
        qtbot.keyClick(field, Qt.Key.Key_L)
        qtbot.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(field, Qt.Key.Key_K, LOCK_KEYS)
        qtbot.wait(20)
        typed = field.text()
        assert fired == [] and len(typed) == 2
        for _ in range(3):  # a held key repeats: one lock
            qtbot.keyClick(field, Qt.Key.Key_L, LOCK_KEYS)
        qtbot.waitUntil(lambda: fired == [1])
        qtbot.wait(20)
        assert fired == [1] and field.text() == typed  # swallowed, never typed
    finally:
        keys.deactivate()
    qtbot.keyClick(field, Qt.Key.Key_L, LOCK_KEYS)
    qtbot.wait(20)
    assert fired == [1]


def test_the_lock_clears_what_was_copied_from_a_table(qtbot, controller):
    table = controller.main_window.today.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 2))
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert copied and clipboard.owner().holds_ours()
    controller.main_window.lock_action.trigger()
    assert QApplication.clipboard().text() == ""
