"""Answering a real modal box or dialog from inside its own event loop.

A test marked `real_dialogs` calls the code that shows the box (`ask.confirm(...)`, a button
that opens a QFileDialog); before that it arms `answer`, whose timer runs inside the box's
exec() loop, finds the box as Qt's active modal widget, reads it and presses its keys or
buttons the way the officer would. Nothing in victimcare is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

POLL_MS = 10
GIVE_UP_AFTER = 1000  # polls (ten seconds): then the test fails on what it did not see


@dataclass
class Seen:
    """What one answered box showed, read while it was up."""

    widget_type: str = ""
    title: str = ""
    text: str = ""
    text_format: object = None
    icon: object = None
    buttons: list[str] = field(default_factory=list)
    default: str | None = None
    escape: str | None = None
    all_text: str = ""  # every label and button in it, for "nothing else is said"


def read_box(box: QMessageBox) -> Seen:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    def words(button):
        return button.text() if button is not None else None

    texts = [w.text() for w in box.findChildren(QLabel)]
    texts += [w.text() for w in box.findChildren(QAbstractButton)]
    return Seen(type(box).__name__, box.windowTitle(), box.text(), box.textFormat(), box.icon(),
                [b.text() for b in box.buttons()], words(box.defaultButton()),
                words(box.escapeButton()),
                "\n".join([box.windowTitle(), box.text(), box.informativeText(),
                           box.detailedText(), *texts]))


_pending: list[list[bool]] = []  # one flag per armed answer: True once it should stop


def answer(kind: type[QWidget], act: Callable[[QWidget], None],
           seen: list | None = None) -> Callable[[], None]:
    """Once a modal `kind` is in front, record it (a Seen for a QMessageBox, else the widget)
    in `seen` and run `act` on it. Returns a function that stops waiting (for a box that
    should never come); `stop_all` ends every wait when the test does."""
    polls = [0]
    stopped = [False]
    _pending.append(stopped)

    def look() -> None:
        if stopped[0]:
            return
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            stopped[0] = True
            if seen is not None:
                seen.append(read_box(widget) if isinstance(widget, QMessageBox) else widget)
            act(widget)
            return
        polls[0] += 1
        if polls[0] < GIVE_UP_AFTER:
            QTimer.singleShot(POLL_MS, look)

    QTimer.singleShot(0, look)
    return lambda: stopped.__setitem__(0, True)


def stop_all() -> None:
    """No wait outlives its test (it could answer the next test's box)."""
    for stopped in _pending:
        stopped[0] = True
    _pending.clear()


def press(key: Qt.Key) -> Callable[[QWidget], None]:
    """Press `key` in the box, as the officer would (Enter, Escape): on the control that has
    the focus in it, as a real key press would reach."""
    return lambda widget: QTest.keyClick(widget.focusWidget() or widget, key)


def click(text: str) -> Callable[[QWidget], None]:
    """Click the box's button that reads `text`."""

    def act(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.text() == text]
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    return act
