"""Unlocking: a wrong passphrase is said plainly and can be retried; nothing personal shows."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import OFFICER, main_window_of, tab_order
from victimcare import app as app_module
from victimcare.store import open_database
from victimcare.views.unlock_dialog import WRONG_PASSPHRASE, UnlockDialog


def type_and_unlock(qtbot, dialog: UnlockDialog, passphrase: str):
    dialog.passphrase_edit.setText("")
    qtbot.keyClicks(dialog.passphrase_edit, passphrase)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)


def visible_text(dialog) -> str:
    return "\n".join([label.text() for label in dialog.findChildren(QLabel)]
                     + [edit.text() for edit in dialog.findChildren(QLineEdit)]
                     + [dialog.windowTitle()])


def test_wrong_passphrase_is_said_then_the_right_one_opens_the_cases(qtbot, start_app,
                                                                      seeded_store):
    controller = start_app(seeded_store)
    dialog = controller.unlock_dialog
    assert controller.first_run_dialog is None
    assert dialog.isVisible()

    type_and_unlock(qtbot, dialog, "not the passphrase at all")
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == WRONG_PASSPHRASE
    assert dialog.passphrase_edit.text() == ""
    assert controller.main_window is None and controller.database is None

    type_and_unlock(qtbot, dialog, TEST_PASSPHRASE)
    window = main_window_of(qtbot, controller)
    assert not dialog.isVisible()
    assert dialog.passphrase_edit.text() == ""
    assert window.count_label.text() == "3 cases"
    window.show_cases()
    assert window.case_list.model.rowCount() == 3
    assert window.officer_label.text() == OFFICER.name


def test_the_unlock_dialog_shows_nothing_from_inside_the_store(qtbot, start_app, seeded_store):
    dialog = start_app(seeded_store).unlock_dialog
    text = visible_text(dialog)
    assert str(seeded_store) in text
    for secret in (OFFICER.name, "Morgan", OFFICER.staff_number, OFFICER.team, "Wójcik"):
        assert secret not in text
    type_and_unlock(qtbot, dialog, "wrong passphrase here")
    assert OFFICER.name not in visible_text(dialog)


def test_the_passphrase_field_is_labelled_hidden_and_first(qtbot, start_app, seeded_store):
    dialog = start_app(seeded_store).unlock_dialog
    edit = dialog.passphrase_edit
    assert edit.accessibleName() == "Passphrase"
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert any(label.buddy() is edit and label.text() == "&Passphrase:"
               for label in dialog.findChildren(QLabel))
    assert tab_order(edit, 1) == [dialog.unlock_button]


def test_an_empty_passphrase_is_not_tried(qtbot, start_app, seeded_store):
    controller = start_app(seeded_store)
    qtbot.mouseClick(controller.unlock_dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert controller.unlock_dialog.isVisible()
    assert controller.unlock_dialog.message.text() == "Type your passphrase first."


def test_a_newer_database_is_refused_in_plain_words(qtbot, start_app, seeded_store):
    with open_database(seeded_store, TEST_PASSPHRASE) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    dialog = start_app(seeded_store).unlock_dialog
    type_and_unlock(qtbot, dialog, TEST_PASSPHRASE)
    assert dialog.isVisible()
    assert "newer version of victimcare" in dialog.message.text()


def test_a_file_that_is_not_a_database_says_so(qtbot, start_app, db_path):
    db_path.write_bytes(b"")
    dialog = start_app(db_path).unlock_dialog
    type_and_unlock(qtbot, dialog, TEST_PASSPHRASE)
    assert dialog.isVisible()
    assert "not a victimcare database" in dialog.message.text()
    assert db_path.read_bytes() == b""


def test_quitting_at_unlock_ends_the_app(qtbot, start_app, seeded_store):
    controller = start_app(seeded_store)
    controller.unlock_dialog.reject()
    assert controller.exit_code == 0
    assert controller.main_window is None


def test_a_second_copy_on_the_same_database_is_turned_away(qtbot, start_app, seeded_store,
                                                           told):
    first = start_app(seeded_store)
    assert first.unlock_dialog is not None
    second = start_app(seeded_store)
    assert second.exit_code == 1
    assert second.unlock_dialog is None
    assert told and "already open" in told[0][2]


def test_quit_is_a_button_that_ends_the_app(qtbot, start_app, seeded_store):
    controller = start_app(seeded_store)
    dialog = controller.unlock_dialog
    [quit_button] = [b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Quit"]
    assert dialog.unlock_button.isDefault()
    qtbot.mouseClick(quit_button, Qt.MouseButton.LeftButton)
    assert controller.exit_code == 0 and controller.main_window is None


def test_the_database_location_prints_literally_and_can_be_selected(qtbot, tmp_path):
    # Set through QLabel's properties by number (see dialog_message): they must still mean
    # plain text, selectable with the mouse.
    odd = tmp_path / "<b>not bold</b>.db"
    dialog = UnlockDialog(odd)
    qtbot.addWidget(dialog)
    assert dialog.location_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.location_label.textInteractionFlags() == \
        Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.location_label.text() == f"Database: {odd}"
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    locked, invitation = dialog.findChildren(QLabel)[:2]
    assert (locked.text(), invitation.text()) == ("victimcare is locked.",
                                                  "Type your passphrase to open it.")
    assert locked.font().bold() and not invitation.font().bold()


def test_the_unlock_window_opens_without_loading_the_store(tmp_path):
    """The window paints sooner for it; the store loads while the officer types."""
    code = (
        "import sys; from pathlib import Path; from victimcare import app; "
        "c = app.run(['victimcare'], db_path=Path(sys.argv[1]), exec=False); "
        "assert c.unlock_dialog is not None; "
        "early = [m for m in ('sqlcipher3', 'victimcare.store.database', "
        "'victimcare.domain.model', 'victimcare.views.main_window') if m in sys.modules]; "
        "print(early); c.shutdown()")
    store = tmp_path / "store.db"
    store.write_bytes(b"x" * 4096)
    done = subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True,
                          text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_what_unlocking_needs_is_loaded_while_the_officer_types(qtbot, start_app, seeded_store,
                                                                 monkeypatch):
    from victimcare.domain import working_days

    loaded = []
    monkeypatch.setattr(app_module, "_preload_queue", list(app_module.PRELOAD))
    monkeypatch.setattr(app_module.importlib, "import_module",
                        lambda name, _real=app_module.importlib.import_module:
                        loaded.append(name) or _real(name))
    working_days._bank_holidays.cache_clear()
    start_app(seeded_store)
    assert loaded == [] and working_days._bank_holidays.cache_info().currsize == 0
    qtbot.waitUntil(lambda: not app_module._preload_queue, timeout=10_000)
    # In order, one per turn of the event loop (the holidays package loads its own too).
    assert [name for name in loaded if name.startswith("victimcare.")] == app_module.PRELOAD
    # The bank holidays, loaded in a thread, are ready before the first deadline is counted.
    qtbot.waitUntil(lambda: working_days._bank_holidays.cache_info().currsize >= 2,
                    timeout=10_000)
