"""First run: the officer's details and a new passphrase create the store, then the cases."""

from __future__ import annotations

import stat

from PySide6.QtCore import Qt

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import main_window_of, tab_order
from victimcare.services import setup
from victimcare.views.case_list_view import EMPTY_STORE_HINT
from victimcare.views.first_run_dialog import FirstRunDialog


def fill(qtbot, dialog: FirstRunDialog, *, name="PC Alex Morgan", staff="MP4821", team="Team B",
         passphrase=TEST_PASSPHRASE, repeated=None):
    for edit, text in ((dialog.name_edit, name), (dialog.staff_number_edit, staff),
                       (dialog.team_edit, team), (dialog.passphrase_edit, passphrase),
                       (dialog.repeat_edit, passphrase if repeated is None else repeated)):
        edit.setText("")
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:  # QTest can only type ASCII; a paste is what a person would do anyway
            edit.insert(text)


def press_create(qtbot, dialog: FirstRunDialog):
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)


def test_first_run_creates_the_store_and_opens_the_main_window(qtbot, start_app, db_path):
    controller = start_app(db_path)
    dialog = controller.first_run_dialog
    assert controller.unlock_dialog is None
    assert dialog.isVisible()
    assert str(db_path) in dialog.location_label.text()

    fill(qtbot, dialog, name="PC Siân Ó Briain")
    press_create(qtbot, dialog)

    window = main_window_of(qtbot, controller)
    assert not dialog.isVisible()
    assert db_path.is_file()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert window.windowTitle() == "victimcare"
    assert window.officer_label.text() == "PC Siân Ó Briain"
    assert window.count_label.text() == "0 cases"
    window.show_cases()
    assert window.case_list.list_stack.currentWidget() is window.case_list.empty_label
    assert window.case_list.empty_label.text() == EMPTY_STORE_HINT
    # Nothing of the passphrase stays in the dialog.
    assert dialog.passphrase_edit.text() == "" and dialog.repeat_edit.text() == ""
    assert dialog.database is None

    # The store opens with that passphrase and belongs to that officer.
    with setup.unlock(db_path, TEST_PASSPHRASE) as db:
        assert setup.current_officer(db).name == "PC Siân Ó Briain"


def test_mismatched_passphrases_are_refused_and_nothing_typed_is_lost(qtbot, start_app,
                                                                         db_path):
    dialog = start_app(db_path).first_run_dialog
    fill(qtbot, dialog, repeated=TEST_PASSPHRASE + "!")
    press_create(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == "The two passphrases do not match."
    assert dialog.repeat_edit.property("invalid") is True
    assert dialog.name_edit.text() == "PC Alex Morgan"
    assert dialog.staff_number_edit.text() == "MP4821"
    assert dialog.team_edit.text() == "Team B"
    assert dialog.passphrase_edit.text() == TEST_PASSPHRASE
    assert dialog.repeat_edit.text() == TEST_PASSPHRASE + "!"
    assert not db_path.exists()

    # Correcting the one field is enough.
    dialog.repeat_edit.setText(TEST_PASSPHRASE)
    press_create(qtbot, dialog)
    assert not dialog.isVisible()
    assert db_path.is_file()


def test_a_short_passphrase_is_refused_in_words(qtbot, start_app, db_path):
    dialog = start_app(db_path).first_run_dialog
    fill(qtbot, dialog, passphrase="short")
    press_create(qtbot, dialog)

    assert dialog.isVisible()
    assert "at least 12 characters" in dialog.message.text()
    assert dialog.passphrase_edit.property("invalid") is True
    assert dialog.passphrase_edit.text() == "short"
    assert dialog.name_edit.text() == "PC Alex Morgan"
    assert not db_path.exists()


def test_a_passphrase_made_of_the_officers_name_is_refused(qtbot, start_app, db_path):
    dialog = start_app(db_path).first_run_dialog
    fill(qtbot, dialog, name="Alexandra Whitfield", passphrase="alexandrawhitfield")
    press_create(qtbot, dialog)
    assert dialog.isVisible()
    assert "easy to guess" in dialog.message.text()
    assert not db_path.exists()


def test_the_name_is_required(qtbot, start_app, db_path):
    dialog = start_app(db_path).first_run_dialog
    fill(qtbot, dialog, name="   ")
    press_create(qtbot, dialog)
    assert dialog.isVisible()
    assert "Enter your name" in dialog.message.text()
    assert dialog.name_edit.property("invalid") is True
    assert dialog.passphrase_edit.text() == TEST_PASSPHRASE
    # Typing in the field takes the mark away again.
    qtbot.keyClicks(dialog.name_edit, "PC")
    assert not dialog.name_edit.property("invalid")


def test_cancelling_first_run_ends_the_app_without_a_file(qtbot, start_app, db_path):
    controller = start_app(db_path)
    qtbot.mouseClick(controller.first_run_dialog.buttons.button(
        controller.first_run_dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert controller.exit_code == 0
    assert controller.main_window is None
    assert not db_path.exists()


def test_every_input_has_a_name_and_a_labelled_shortcut(qtbot, start_app, db_path):
    dialog = start_app(db_path).first_run_dialog
    edits = (dialog.name_edit, dialog.staff_number_edit, dialog.team_edit,
             dialog.passphrase_edit, dialog.repeat_edit)
    assert all(edit.accessibleName() for edit in edits)
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password
    assert dialog.repeat_edit.echoMode() == dialog.repeat_edit.EchoMode.Password
    from PySide6.QtWidgets import QLabel

    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert set(edits) <= buddies
    # Tab walks the form top to bottom, then to Create.
    assert tab_order(dialog.name_edit, len(edits)) == [*edits[1:], dialog.create_button]
