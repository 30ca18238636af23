"""Help > About: the version, the rules and holiday data, the libraries' versions, and every
licence shipped, opened from the real menu action in the real main window."""

from __future__ import annotations

import holidays
import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtGui import QTextTable

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import main_window_of
from victimcare import __version__
from victimcare.services import about
from victimcare.store.opening import library_versions
from victimcare.views.about_dialog import NO_LICENCES, AboutDialog


@pytest.fixture
def window(qtbot, start_app, seeded_store):
    controller = start_app(seeded_store)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    return main_window_of(qtbot, controller)


def test_help_menu_opens_about_with_every_version(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.about_action in help_menu.actions()
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "About victimcare"
    shown = {name: label.text() for name, label in dialog.version_labels.items()}
    assert shown["victimcare"].startswith(__version__)
    assert shown["Victims' Code rules"].startswith("victims-code-2020\n")
    assert "Code of Practice for Victims of Crime" in shown["Victims' Code rules"]
    assert shown["Bank holidays"].startswith(f"holidays {holidays.__version__}")
    store = library_versions()
    assert store["sqlcipher"].startswith("4.")
    assert shown["SQLCipher"].startswith(store["sqlcipher"])
    assert f"SQLite {store['sqlite']}" in shown["SQLCipher"]
    assert shown["Qt"] == f"{qVersion()}\nPySide6 {PySide6.__version__}"
    # Nothing personal here, so it is tracked like every dialog and closed by a lock.
    assert dialog in window.dialogs


def has_table(dialog: AboutDialog) -> bool:
    return any(isinstance(frame, QTextTable)
               for frame in dialog.licence_text.document().rootFrame().childFrames())


def test_licences_tab_lists_every_shipped_licence_and_shows_its_text(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    names = [dialog.licence_list.item(row).text() for row in range(dialog.licence_list.count())]
    assert names[0] == "README.md"
    for needed in ("LGPL-3.0.txt", "GPL-3.0.txt", "SQLCipher.txt", "SQLite.txt",
                   "DejaVu-fonts.txt", "Apache-2.0.txt", "THIRD-PARTY.md"):
        assert needed in names
    assert "Licences of what victimcare ships" in dialog.licence_text.toPlainText()
    dialog.licence_list.setCurrentRow(names.index("LGPL-3.0.txt"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    assert not has_table(dialog)  # a licence text is shown as it is laid out
    dialog.licence_list.setCurrentRow(names.index("THIRD-PARTY.md"))
    assert "PySide6_Essentials" in dialog.licence_text.toPlainText()
    assert has_table(dialog)  # our Markdown notes are rendered, tables and all


def test_missing_licence_files_are_said_plainly(qtbot, monkeypatch):
    monkeypatch.setattr(about, "licences_dir", lambda: None)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.licence_list.count() == 0
    assert dialog.licence_text.toPlainText() == NO_LICENCES
