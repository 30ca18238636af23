"""Checks of a window's keyboard use: its Alt letters, its labelled inputs and its Tab ring.

Qt gives an Alt letter (a mnemonic, the letter after "&") to a label with a buddy, a button,
a group box, each tab of a tab bar and each menu-bar title. Two of them on the same letter in
one window make Alt+letter ambiguous: Qt then only moves the focus between them, in turn, and
a button no longer presses. A hidden widget's letter is not live (a tab page behind another,
the case list while a case is in front), so only what is shown counts; a disabled widget's
letter counts, since it comes back when the widget is enabled.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)


def mnemonic(text: str) -> str | None:
    """The Alt letter of a text, as Qt reads it: the character after a single '&'."""
    at = 0
    while (at := text.find("&", at)) != -1:
        following = text[at + 1:at + 2]
        if following == "&":  # "&&" is a literal ampersand
            at += 2
            continue
        if following and not following.isspace():
            return following.casefold()
        at += 1
    return None


@dataclass(frozen=True)
class Claim:
    letter: str
    kind: str
    text: str
    widget: QWidget

    def __str__(self) -> str:
        name = self.widget.accessibleName() or self.widget.objectName()
        return f"{self.kind} {self.text!r}" + (f" ({name})" if name else "")


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.window() is window and (widget is window or widget.isVisibleTo(window))


def _widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if _shown(w, window)]


def claims(window: QWidget) -> list[Claim]:
    """Every Alt letter live in `window` as it is shown now."""
    found: list[Claim] = []

    def add(kind: str, text: str, widget: QWidget) -> None:
        letter = mnemonic(text)
        if letter:
            found.append(Claim(letter, kind, text, widget))

    for widget in _widgets(window):
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            add("label", widget.text(), widget)
        elif isinstance(widget, QAbstractButton):
            add("button", widget.text(), widget)
        elif isinstance(widget, QGroupBox):
            add("group", widget.title(), widget)
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add("tab", widget.tabText(index), widget)
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add("menu", action.text(), widget)
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Letters claimed more than once, with who claims them."""
    by_letter: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims(window):
        by_letter[claim.letter].append(claim)
    return {letter: [str(c) for c in found] for letter, found in sorted(by_letter.items())
            if len(found) > 1}


def menu_clashes(window: QWidget) -> dict[str, dict[str, list[str]]]:
    """Inside each menu of the menu bar (a window of its own while open), letters used twice."""
    found: dict[str, dict[str, list[str]]] = {}
    for bar in window.findChildren(QMenuBar):
        for title in bar.actions():
            menu = title.menu()
            if not isinstance(menu, QMenu):
                continue
            by_letter: dict[str, list[str]] = defaultdict(list)
            for action in menu.actions():
                if isinstance(action, QAction) and action.isVisible() and not action.isSeparator():
                    letter = mnemonic(action.text())
                    if letter:
                        by_letter[letter].append(action.text())
            twice = {k: v for k, v in by_letter.items() if len(v) > 1}
            if twice:
                found[title.text()] = twice
    return found


def _looks_rich(label: QLabel) -> bool:
    text_format = label.textFormat()
    return text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text()))


def stray_ampersands(window: QWidget) -> list[str]:
    """Labels that show an '&' as a character because they have no buddy to give it to."""
    return [widget.text() for widget in _widgets(window)
            if isinstance(widget, QLabel) and widget.buddy() is None
            and mnemonic(widget.text()) and not _looks_rich(widget)]


INPUT_KINDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QCheckBox,
               QRadioButton)


def _is_input(widget: QWidget) -> bool:
    if not isinstance(widget, INPUT_KINDS):
        return False
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractSpinBox | QComboBox):
        return False  # the line edit inside a spin box or combo box
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and widget.isReadOnly():
        return False
    return True


def _innermost_layout(widget: QWidget) -> QLayout | None:
    parent = widget.parentWidget()

    def search(layout: QLayout) -> QLayout | None:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item.widget() is widget:
                return layout
            if item.layout() is not None:
                inner = search(item.layout())
                if inner is not None:
                    return inner
        return None

    return search(parent.layout()) if parent is not None and parent.layout() else None


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    return [layout.itemAt(i).widget() for i in range(layout.count())
            if layout.itemAt(i).widget() is not None]


def unreachable_inputs(window: QWidget) -> list[str]:
    """Inputs no Alt letter leads to.

    A field is reached through a label whose buddy it is (directly, or as the buddy's focus
    proxy); a check box or radio button by its own letter. A row of check boxes laid out
    together (the Code items covered, the vulnerability flags) is reached when one of them
    is: its label's buddy is the first box. Anything inside a group box whose title has a
    letter is reached through that group.
    """
    targets: set[int] = set()
    lettered_groups: list[QGroupBox] = []
    for claim in claims(window):
        widget = claim.widget
        if isinstance(widget, QLabel):
            buddy = widget.buddy()
            while buddy is not None:
                targets.add(id(buddy))
                proxy = buddy.focusProxy()
                buddy = proxy if proxy is not buddy else None
        elif isinstance(widget, QAbstractButton):
            targets.add(id(widget))
        elif isinstance(widget, QGroupBox):
            lettered_groups.append(widget)

    def reached(widget: QWidget) -> bool:
        if id(widget) in targets:
            return True
        if any(group.isAncestorOf(widget) for group in lettered_groups):
            return True
        if isinstance(widget, QCheckBox | QRadioButton):
            layout = _innermost_layout(widget)
            siblings = _layout_widgets(layout) if layout is not None else []
            return any(id(s) in targets for s in siblings
                       if isinstance(s, QCheckBox | QRadioButton))
        return False

    return [f"{type(w).__name__} {w.accessibleName() or w.objectName()!r}"
            for w in _widgets(window) if _is_input(w) and not reached(w)]


def assert_keyboard_ready(window: QWidget) -> None:
    """No Alt letter twice, no '&' shown as a character, every input reachable by a letter."""
    problems = []
    if found := clashes(window):
        problems.append(f"Alt letters used twice: {found}")
    if found := menu_clashes(window):
        problems.append(f"Alt letters used twice inside a menu: {found}")
    if found := stray_ampersands(window):
        problems.append(f"labels showing '&' (no buddy): {found}")
    if found := unreachable_inputs(window):
        problems.append(f"inputs no Alt letter reaches: {found}")
    assert not problems, f"{window.windowTitle() or type(window).__name__}: " + "; ".join(problems)


# -- Tab -----------------------------------------------------------------------------------------
def focusable(window: QWidget) -> list[QWidget]:
    """What Tab should stop on: shown, enabled, taking focus by Tab, not handing it on."""
    return [w for w in _widgets(window)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
            and w.focusProxy() is None]


def tab_ring(start: QWidget, limit: int = 200) -> list[QWidget]:
    """Press Tab (a real key event, on whatever has the focus) from `start` until the focus
    comes back to it; the widgets visited, in order, `start` first."""
    window = start.window()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    if not start.hasFocus():
        raise AssertionError(f"{start!r} did not take the focus: is the window active?")
    ring = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        if current is start:
            return ring
        if current is ring[-1]:
            continue  # a date edit: Tab moves from the day to the month to the year first
        if current is None or current.window() is not window:
            raise AssertionError(f"Tab left the window after {describe(ring)}")
        if current in ring:
            raise AssertionError(f"Tab loops: after {describe(ring)} it is back at "
                                 f"{describe([current])}, never at the start")
        ring.append(current)
    raise AssertionError(f"Tab never came back to the start: {describe(ring)}")


def describe(widgets: list[QWidget]) -> list[str]:
    names = []
    for widget in widgets:
        text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
        names.append(f"{type(widget).__name__}:"
                     f"{widget.accessibleName() or widget.objectName() or text}")
    return names


def assert_tab_reaches_everything(start: QWidget) -> list[QWidget]:
    """Tab from `start` visits every focusable control of the window once, then comes back."""
    ring = tab_ring(start)
    missed = [w for w in focusable(start.window()) if w not in ring]
    assert not missed, f"Tab never reaches {describe(missed)}; it goes {describe(ring)}"
    return ring
