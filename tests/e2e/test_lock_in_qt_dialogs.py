"""Ctrl+Shift+L inside Qt's own dialogs (a file dialog, the print dialog): the app locks at
once, nothing is written, no error box appears, and unlocking carries on where it was.

Seen in the real window (issue 13's walk): locking inside Save as PDF's file dialog put up
"Something went wrong", because the lock deleted the file dialog inside its own exec() and
the code that opened it then read it.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton

from tests.e2e.driver import (
    Answer,
    Walk,
    answer_box_with_keys,
    click,
    focused,
    named,
    plain,
    shortcut,
    type_text,
    when_in_front,
)
from tests.e2e.steps import (
    assert_locked_by_the_officer,
    choose_from_menu,
    open_first_case_from_today,
    open_preview,
    unlock_by_keys,
)
from victimcare.store import audit_log
from victimcare.views.security_dialogs import BackupDialog

pytestmark = pytest.mark.timeout(120, method="thread")

TYPED_NAME = "for-the-court-Ashworth"


def files_under(*folders) -> set:
    """Every file there but the store's own (its -wal and -shm come and go with the lock).
    Qt's QtProject.conf, where a Qt file dialog would keep the folders it last showed, counts:
    victimcare keeps Qt from writing it (views.qt_settings)."""
    return {path for folder in folders for path in folder.rglob("*")
            if not path.name.startswith("store.db")}


def disclosures(controller) -> list[str]:
    return [e.detail for e in audit_log.audit_entries(controller.database)
            if e.action == "disclosure"]


def lock_once_in_front(kind: type, typed: str) -> Answer:
    """Once a modal `kind` has the keyboard, type `typed` where the cursor is and press the
    lock keys there."""
    result = Answer()

    def act(dialog) -> None:
        result.seen.append(focused().objectName())  # where the keys went
        type_text(typed)
        shortcut("lock")

    when_in_front(kind, act, result)
    return result


def test_locking_in_save_as_pdf_s_file_dialog(qtbot, real_app, tmp_path, private_home, capfd):
    controller = real_app
    walk = Walk(qtbot)
    with qtbot.captureExceptions() as exceptions:
        walk.exceptions = exceptions
        with walk.step("unlock, open a case, print preview"):
            unlock_by_keys(walk, controller)
            window = controller.main_window
            reference = open_first_case_from_today(walk, window).reference
            preview = open_preview(walk, window)
            before = files_under(tmp_path, private_home)

        with walk.step("Save as PDF, the warning answered, Ctrl+Shift+L in the file dialog"):
            warned = answer_box_with_keys("Save unencrypted PDF…")
            locked_in = lock_once_in_front(QFileDialog, TYPED_NAME)
            click(named(preview, QPushButton, "Save as PDF (not encrypted)"))
            assert warned.problem == "" and locked_in.problem == ""
            assert locked_in.seen == ["fileNameEdit"]
            assert_locked_by_the_officer(walk, controller, TYPED_NAME)
            assert not shiboken6.isValid(preview) or not preview.isVisible()
            assert files_under(tmp_path, private_home) == before

        with walk.step("unlock: the case is open again, nothing was saved or disclosed"):
            unlock_by_keys(walk, controller)
            assert window.current_case_view().reference == reference
            assert disclosures(controller) == []
    assert capfd.readouterr().err == ""


def test_locking_in_the_print_dialog(qtbot, real_app, tmp_path, private_home, capfd):
    controller = real_app
    walk = Walk(qtbot)
    with qtbot.captureExceptions() as exceptions:
        walk.exceptions = exceptions
        with walk.step("unlock, open a case, print preview"):
            unlock_by_keys(walk, controller)
            window = controller.main_window
            reference = open_first_case_from_today(walk, window).reference
            preview = open_preview(walk, window)
            before = files_under(tmp_path, private_home)

        with walk.step("Print…, a file name typed, Ctrl+Shift+L in the print dialog"):
            click(named(preview, QPushButton, "Print"))
            printing = walk.wait_for_window(QPrintDialog, "the print dialog")
            file_name = printing.findChild(QLineEdit, "filename")
            click(file_name)
            shortcut("select all")
            type_text(str(tmp_path / f"{TYPED_NAME}.pdf"))
            shortcut("lock")
            assert_locked_by_the_officer(walk, controller, TYPED_NAME)
            assert not shiboken6.isValid(printing) or not printing.isVisible()
            assert files_under(tmp_path, private_home) == before

        with walk.step("unlock: the case is open again, nothing was printed"):
            unlock_by_keys(walk, controller)
            assert window.current_case_view().reference == reference
            assert disclosures(controller) == []
    assert capfd.readouterr().err == ""


def test_locking_in_the_backup_s_file_chooser(qtbot, real_app, tmp_path, private_home, capfd):
    controller = real_app
    walk = Walk(qtbot)
    with qtbot.captureExceptions() as exceptions:
        walk.exceptions = exceptions
        with walk.step("unlock, File > Back up…"):
            unlock_by_keys(walk, controller)
            window = controller.main_window
            choose_from_menu(walk, window, "File", "Back up…")
            backup = walk.wait_for_window(BackupDialog, "the Back up dialog")
            before = files_under(tmp_path, private_home)

        with walk.step("Browse…, Ctrl+Shift+L in the file chooser"):
            locked_in = lock_once_in_front(QFileDialog, TYPED_NAME)
            browse = named(backup, QPushButton, "Choose where to save the backup")
            assert plain(browse.text()).startswith("Browse")
            click(browse)
            assert locked_in.problem == ""
            assert locked_in.seen == ["fileNameEdit"]
            assert_locked_by_the_officer(walk, controller, TYPED_NAME)
            assert not shiboken6.isValid(backup) or not backup.isVisible()
            assert files_under(tmp_path, private_home) == before

        with walk.step("unlock: Today, and no backup was made"):
            unlock_by_keys(walk, controller)
            assert window.tabs.currentWidget() is window.today
            assert files_under(tmp_path, private_home) == before
    assert capfd.readouterr().err == ""
