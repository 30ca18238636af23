"""Small text helpers the screens share."""

from __future__ import annotations


def first_line(text: str, limit: int = 120) -> str:
    """The first line of a note, cut at `limit` characters with an ellipsis: for list cells,
    with the whole note shown elsewhere (a tooltip, the detail pane)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
