"""Every question or notice the app puts to the officer goes through these few functions.

One seam, so tests can replace them (monkeypatch `ask.confirm` to answer yes) instead of
driving a modal box, the way KeePassXC scripts its `MessageBox::setNextAnswer`. The boxes are
built and `exec()`-ed here from Python, never through QMessageBox's static helpers, so a test
guard on `QMessageBox.exec` sees any box a test forgot to script.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text).exec()


def error(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Critical, title, text).exec()


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "OK",
            no: str = "Cancel", default_yes: bool = False) -> bool:
    """True when the officer chose `yes`. The safe answer (`no`) is the default unless told."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
