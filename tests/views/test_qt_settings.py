"""Qt's file dialog, once closed, leaves no folder name in a plain settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QFileDialog

from victimcare.views.qt_settings import keep_qt_settings_off_disk

pytestmark = pytest.mark.real_dialogs


def choose_in_real_dialog(qtbot, folder) -> list[str]:
    dialog = QFileDialog(None, "Save as PDF", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(str(folder / "VC-2026-0001.pdf"))
    QTimer.singleShot(0, dialog.accept)
    dialog.exec()
    chosen = dialog.selectedFiles()
    dialog.deleteLater()  # QFileDialog writes its settings as it is destroyed
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return chosen


def written_mentioning(home, words: str) -> list:
    return [path for path in home.rglob("*") if path.is_file()
            and words.encode() in path.read_bytes()]


def test_the_file_dialog_records_the_folder_unless_kept_off_disk(qtbot, private_home, tmp_path):
    folder = tmp_path / "Zofia Wojcik"
    folder.mkdir()
    # First without: proves this test can see what Qt writes (so the check below can fail).
    from PySide6.QtCore import QSettings

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, scope, str(private_home / ".config"))
    assert choose_in_real_dialog(qtbot, folder) == [str(folder / "VC-2026-0001.pdf")]
    assert written_mentioning(private_home, "Zofia%20Wojcik"), "Qt wrote nothing to look for"

    for path in written_mentioning(private_home, "Zofia%20Wojcik"):
        path.unlink()
    keep_qt_settings_off_disk()
    assert choose_in_real_dialog(qtbot, folder) == [str(folder / "VC-2026-0001.pdf")]
    assert written_mentioning(private_home, "Zofia") == []
    assert written_mentioning(private_home, "Zofia%20Wojcik") == []
