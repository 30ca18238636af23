"""Steps more than one walk takes, by keys and clicks as in driver.py."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMenuBar

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.driver import Walk, click, focused, press, shortcut, type_text
from tests.views.test_lock import SECRETS, everything_shown
from victimcare.views.print_preview import PrintPreviewDialog

LOCK_NOTE = re.compile(r"Locked by you at \d\d:\d\d\.")


def unlock_by_keys(walk: Walk, controller) -> None:
    """The cursor is in the passphrase field already: type it, Enter."""
    unlock = controller.unlock_dialog
    walk.wait(unlock.isVisible, "the unlock window")
    walk.wait(lambda: focused() is unlock.passphrase_edit, "the cursor in the passphrase field")
    type_text(TEST_PASSPHRASE)
    press(Qt.Key.Key_Return)
    walk.wait(lambda: controller.main_window is not None and not controller.locked
              and controller.main_window.isVisible(), "the main window")
    assert not unlock.isVisible()
    assert unlock.passphrase_edit.text() == ""


def open_first_case_from_today(walk: Walk, window):
    walk.back_to(window)
    walk.wait(lambda: focused() is window.today.table, "the cursor in Today's list")
    press(Qt.Key.Key_Return)
    walk.wait(lambda: window.current_case_view() is not None, "the case tab")
    return window.current_case_view()


def open_preview(walk: Walk, window) -> PrintPreviewDialog:
    walk.back_to(window)
    shortcut("print")
    preview = walk.wait_for_window(PrintPreviewDialog, "the print preview")
    walk.wait(preview.is_ready, "the document to be built", timeout_s=30)
    return preview


def choose_from_menu(walk: Walk, window, menu_title: str, item: str) -> None:
    """Click the menu by its title in the menu bar, then the item by its words."""
    walk.back_to(window)
    bar: QMenuBar = window.menuBar()
    [menu_action] = [a for a in bar.actions() if a.text().replace("&", "") == menu_title]
    click(bar, bar.actionGeometry(menu_action).center())
    menu: QMenu = menu_action.menu()
    walk.wait(menu.isVisible, f"the {menu_title} menu")
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == item]
    click(menu, menu.actionGeometry(action).center())


def assert_locked_by_the_officer(walk: Walk, controller, *typed: str) -> None:
    """Locked: the unlock window says why, and nothing shown holds a name or what was typed."""
    walk.wait(lambda: controller.locked, "the app to lock")
    unlock = controller.unlock_dialog
    walk.wait(unlock.isVisible, "the unlock window")
    assert LOCK_NOTE.fullmatch(unlock.lock_note.text()), unlock.lock_note.text()
    assert unlock.lock_note.isVisible()
    assert controller.database is None
    assert not controller.main_window.isVisible()
    shown = everything_shown()
    assert not [text for text in (*SECRETS, *typed) if text in shown]
