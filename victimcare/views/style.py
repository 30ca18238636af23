"""The look: the app's icons and the few colours that carry meaning (always with a word)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from victimcare import config

OVERDUE = "#b3261e"
DUE_TODAY = "#8a5300"
THIS_WEEK = "#1f5f8b"
GOOD = "#1e6b3a"
MUTED = "#5f6b73"


def icon_path(name: str) -> str:
    return str(config.resources_dir() / "icons" / f"{name}.svg")


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons; an empty icon when the file is missing (never a crash)."""
    return QIcon(icon_path(name))


def app_icon() -> QIcon:
    return icon("victimcare")
