"""The officer's hands: key presses and mouse clicks on the real app's widgets, nothing else.

Every key goes to the widget that has the keyboard focus (`QApplication.focusWidget()`), as a
real key press would; every click lands on a widget found the way a person finds it, by what
it is called (its accessible name, or Qt's object name inside Qt's own dialogs). A modal box
that runs its own event loop is answered from a timer inside that loop, once it is in front
and has the keyboard, with keys again (the idea of tests/views/real_modal.py). Nothing in
`victimcare` is replaced or called to do the work: the tests only read state, to check what
the officer would see.

The walk does not depend on Alt letters (issue 13 gave every window its own, and they may
move again): it clicks a field to put the cursor in it, then types, and uses Tab, Enter,
Escape and the app's documented Ctrl shortcuts, which are kept in one table here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMessageBox,
    QWidget,
)

from tests.views.real_modal import Seen, read_box

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier

# The app's shortcuts the walk uses (its menus and tooltips say them). No Alt letters.
SHORTCUTS: dict[str, tuple[Qt.Key, Qt.KeyboardModifier]] = {
    "today": (Qt.Key.Key_1, CTRL),
    "cases": (Qt.Key.Key_2, CTRL),
    "find a case": (Qt.Key.Key_F, CTRL),
    "log contact": (Qt.Key.Key_L, CTRL),
    "print": (Qt.Key.Key_P, CTRL),
    "lock": (Qt.Key.Key_L, CTRL | SHIFT),
    "quit": (Qt.Key.Key_Q, CTRL),
    "select all": (Qt.Key.Key_A, CTRL),
}

BOX_WAIT_S = 10  # a box the walk expects and does not see by then fails the step


def plain(text: str | None) -> str | None:
    """A label or button text as read, without the Alt-letter ampersand ('&Keep editing')."""
    if text is None:
        return None
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class StepFailed(AssertionError):
    """An assertion of the walk, with the step it belongs to in its message."""


@dataclass
class Walk:
    """The walk's steps, each named, so a failure says where the officer was."""

    qtbot: object
    steps: list[str] = field(default_factory=list)
    exceptions: list = field(default_factory=list)  # pytest-qt's, filled as they happen

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.steps.append(name)
        try:
            yield
        except Exception as exc:
            raise StepFailed(f"step {len(self.steps)} '{name}': {type(exc).__name__}: {exc}") \
                from exc
        if self.exceptions:
            raise StepFailed(f"step {len(self.steps)} '{name}': an exception reached "
                             f"sys.excepthook: {self.exceptions[0][1]!r}")

    def wait(self, condition: Callable[[], object], what: str, timeout_s: float = 10) -> None:
        """Let the app's event loop run until `condition` holds. An exception reaching
        sys.excepthook meanwhile ends the wait at once: it is the failure to report."""
        try:
            self.qtbot.waitUntil(lambda: bool(self.exceptions) or bool(condition()),
                                 timeout=int(timeout_s * 1000))
        except Exception:  # pytest-qt's TimeoutError says nothing of what was waited for
            raise AssertionError(f"waited {timeout_s:g} s for {what}") from None
        if self.exceptions:
            kind, value, _ = self.exceptions[0]
            raise AssertionError(f"while waiting for {what}, {kind.__name__} reached "
                                 f"sys.excepthook: {value}")

    def wait_for_window(self, kind: type[QWidget], what: str) -> QWidget:
        """The modal `kind` in front and active (keys reach it), once it is."""
        self.wait(lambda: isinstance(modal(), kind) and modal().isActiveWindow(),
                  f"{what} in front, taking the keyboard")
        return modal()

    def back_to(self, window: QWidget) -> None:
        """After a box or dialog closed: `window` is active again (see
        window_manager_returns_to) and a widget in it has the keyboard."""
        window_manager_returns_to(window)
        self.wait(lambda: window.isActiveWindow() and QApplication.focusWidget() is not None,
                  f"{describe(window)} to take the keyboard back")


# -- the keyboard ------------------------------------------------------------------------------
def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def window_manager_returns_to(window: QWidget) -> None:
    """What a window manager does when a dialog closes: make the window it belonged to active
    again, so the keyboard reaches it. Offscreen Qt has no window manager, so nothing is
    active after a dialog closes there (as on a bare X server, shared/PITFALLS.md); this
    stands in for it, and does nothing on a real platform or when a window is active already.
    The walk in a real X window under openbox (xdotool) is what shows the real one does it."""
    if QGuiApplication.platformName() == "offscreen" and QApplication.activeWindow() is None:
        window.activateWindow()


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """One key press (and release) on the focused widget."""
    QTest.keyClick(focused(), key, modifiers)


def shortcut(name: str) -> None:
    key, modifiers = SHORTCUTS[name]
    press(key, modifiers)


def type_text(text: str) -> None:
    """Type `text` key by key into the focused widget."""
    QTest.keyClicks(focused(), text)


# -- the mouse ---------------------------------------------------------------------------------
def click(widget: QWidget, pos: QPoint | None = None) -> None:
    assert widget.isVisible(), f"{describe(widget)} is not on screen to click"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, NONE,
                     pos if pos is not None else widget.rect().center())


def click_tab(tab_bar, index: int) -> None:
    click(tab_bar, tab_bar.tabRect(index).center())


# -- finding what is on screen -----------------------------------------------------------------
def named(root: QWidget, kind: type[QWidget], name: str) -> QWidget:
    """The one visible `kind` under `root` whose accessible name (or object name) is `name`."""
    found = [w for w in root.findChildren(kind)
             if name in (w.accessibleName(), w.objectName()) and w.isVisible()]
    assert len(found) == 1, (f"{len(found)} visible {kind.__name__} called {name!r} in "
                             f"{describe(root)}")
    return found[0]


def modal() -> QWidget | None:
    widget = QApplication.activeModalWidget()
    return widget if widget is not None and widget.isVisible() else None


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    if not shiboken6.isValid(widget):
        return "a deleted widget"
    name = widget.accessibleName() or widget.objectName() or widget.windowTitle()
    return f"{type(widget).__name__} {name!r}" if name else type(widget).__name__


def has_ink(image: QImage, samples: int = 120) -> bool:
    """Whether a grabbed picture shows something dark (text) on it, not a blank page."""
    if image.isNull():
        return False
    small = image.scaled(samples, samples, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    return any(small.pixelColor(x, y).lightness() < 140
               for x in range(samples) for y in range(samples))


# -- answering real boxes with keys ------------------------------------------------------------
# A box shown with exec() runs its own event loop: the walk's next line waits for it to end.
# So the answer is armed first, and runs from a timer inside that loop, once the box is in
# front and has the keyboard, pressing keys where the keyboard focus is, like the officer.
POLL_MS = 10
_waiting: list[list[bool]] = []  # one flag per armed answer: True once it is done waiting


def stop_waiting() -> None:
    """No answer outlives its test: it could answer the next test's box."""
    for stopped in _waiting:
        stopped[0] = True
    _waiting.clear()


@dataclass
class Answer:
    """What one answered box showed, and what the keys did in it."""

    seen: list[Seen] = field(default_factory=list)
    problem: str = ""  # said here, not raised: an exception in the box's loop would be lost

    @property
    def box(self) -> Seen:
        """The box as read, its buttons' Alt letters left out (they may change)."""
        assert self.seen, f"the box never appeared{': ' + self.problem if self.problem else ''}"
        seen = self.seen[0]
        return replace(seen, buttons=[plain(b) for b in seen.buttons],
                       default=plain(seen.default), escape=plain(seen.escape))


def when_in_front(kind: type[QWidget], act: Callable[[QWidget], None], result: Answer) -> None:
    """Run `act` once a modal `kind` is in front with the keyboard focus inside it (after
    `window_manager_returns_to` would make it active: see there). Gives up after BOX_WAIT_S,
    saying so in `result`, so the step fails on what it did not see."""
    polls = [0]
    stopped = [False]
    _waiting.append(stopped)

    def look() -> None:
        if stopped[0]:
            return
        widget = modal()
        if isinstance(widget, kind):
            window_manager_returns_to(widget)
            focus = QApplication.focusWidget()
            if widget.isActiveWindow() and focus is not None and focus.window() is widget:
                stopped[0] = True
                act(widget)
                return
        polls[0] += 1
        if polls[0] * POLL_MS < BOX_WAIT_S * 1000:
            QTimer.singleShot(POLL_MS, look)
        else:
            result.problem = f"no {kind.__name__} took the keyboard in {BOX_WAIT_S} s"

    QTimer.singleShot(0, look)


def answer_box_with_keys(choose: str | None, *, key: Qt.Key = Qt.Key.Key_Return) -> Answer:
    """Arm an answer for the next QMessageBox: Tab until the button reading `choose` has the
    focus (None: leave the focus where the box put it), then press `key` there. A box that
    has no such button is closed with Escape and the problem is kept for the step to report.
    Call before the key or click that brings the box up."""
    result = Answer()

    def act(box: QMessageBox) -> None:
        result.seen.append(read_box(box))
        if choose is not None:
            for _ in range(len(box.buttons()) + 1):
                current = focused()
                if isinstance(current, QAbstractButton) and plain(current.text()) == choose:
                    break
                press(Qt.Key.Key_Tab)
            else:
                result.problem = (f"Tab never reached a button reading {choose!r} in the box "
                                  f"{box.windowTitle()!r}: {[plain(b.text()) for b in box.buttons()]}")
                press(Qt.Key.Key_Escape)
                return
        press(key)

    when_in_front(QMessageBox, act, result)
    return result


def answer_file_dialog_with_keys(path: str) -> Answer:
    """Arm an answer for the next QFileDialog: select the file name it offers, type `path`
    over it and press Enter, as the officer would. The dialog is Qt's own (offscreen and in a
    plain X session alike); its name field is Qt's `fileNameEdit`."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    result = Answer()

    def act(dialog: QFileDialog) -> None:
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        result.seen.append(Seen(type(dialog).__name__, dialog.windowTitle(),
                                edit.text() if edit is not None else ""))
        if edit is None or focused() is not edit:
            result.problem = (f"the file dialog put the cursor in {describe(focused())}, "
                              "not in its file name")
            press(Qt.Key.Key_Escape)
            return
        press(Qt.Key.Key_A, CTRL)
        type_text(path)
        if QApplication.activePopupWidget() is not None:  # the name completer: Escape closes
            QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)  # it alone
        press(Qt.Key.Key_Return)

    when_in_front(QFileDialog, act, result)
    return result
