"""Which screens the main window has open, as a `Workspace` (all that is kept while locked:
screen names, case references, the section in front, the case list's filters), and opening
them again after an unlock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from victimcare.services import cases
from victimcare.views.workspace import OpenCase, Screen, Workspace

if TYPE_CHECKING:
    from victimcare.views.main_window import MainWindow

TODAY_TAB, CASES_TAB = 0, 1  # the two screens that are always there


def workspace_of(window: MainWindow) -> Workspace:
    """The open screens by name and case reference, and which is in front."""
    screens: list[Screen] = []
    tab_of_screen: dict[int, int] = {}  # tab index -> index in the workspace's tabs
    cases_open = set(window.case_views())
    for index in range(CASES_TAB + 1, window.tabs.count()):
        widget = window.tabs.widget(index)
        if widget in cases_open and widget.reference:
            screen: Screen = OpenCase(widget.reference, widget.section())
        elif widget is getattr(window, "audit_view", None):
            screen = "audit"
        elif widget is getattr(window, "retention_view", None):
            screen = "retention"
        else:
            continue
        tab_of_screen[index] = CASES_TAB + 1 + len(screens)
        screens.append(screen)
    current = window.tabs.currentIndex()
    front = current if current in (TODAY_TAB, CASES_TAB) else tab_of_screen.get(current, 0)
    return Workspace(tuple(screens), front, *window.case_list.filters())


def reopen_screens(window: MainWindow, workspace: Workspace) -> None:
    """Open the screens again, in their order; a case erased meanwhile stays closed."""
    front: QWidget | None = (window.tabs.widget(workspace.front)
                             if workspace.front <= CASES_TAB else None)
    for position, screen in enumerate(workspace.screens, start=CASES_TAB + 1):
        if isinstance(screen, OpenCase):
            case_id = cases.case_id_for_reference(window.db, screen.reference)
            widget = window.open_case(case_id) if case_id is not None else None
            if widget is not None:
                widget.show_section(screen.section)
        elif screen == "audit":
            widget = window.show_audit()
        else:
            widget = window.show_retention()
        if position == workspace.front:
            front = widget
    if front is None or front is window.today:
        window.show_today()
    elif front is window.case_list:
        window.show_cases()
    else:
        window.tabs.setCurrentWidget(front)
        front.setFocus(Qt.FocusReason.OtherFocusReason)
