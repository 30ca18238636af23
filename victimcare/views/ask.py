"""Every question or notice the app puts to the officer goes through these few functions.

One seam, so tests can replace them (monkeypatch `ask.confirm` to answer yes) instead of
driving a modal box, the way KeePassXC scripts its `MessageBox::setNextAnswer`. The boxes are
built and `exec()`-ed here from Python, never through QMessageBox's static helpers, so a test
guard on `QMessageBox.exec` sees any box a test forgot to script. The real boxes have tests of
their own (tests/views/test_ask.py): a seam every other test replaces is code no test runs.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text may quote what the officer typed
    box.setText(text)
    return box


def _notice(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """One OK button that Enter and Escape both press."""
    box = _box(parent, icon, title, text)
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _notice(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _notice(parent, QMessageBox.Icon.Warning, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    _notice(parent, QMessageBox.Icon.Critical, title, text)


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "OK",
            no: str = "Cancel", default_yes: bool = False) -> bool:
    """True when the officer chose `yes`. The safe answer (`no`) is the default unless told;
    Escape and the window's close button always answer `no`."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    # A lock while the box is up closes and deletes it (victimcare.views.lock): that is never
    # a yes, and the caller, whose store is now closed, must stop rather than act.
    if not shiboken6.isValid(box):
        return False
    return box.clickedButton() is yes_button
