"""Small text helpers the screens share."""

from __future__ import annotations

from datetime import datetime
from html import escape

from victimcare.domain.timeutil import london


def first_line(text: str, limit: int = 120) -> str:
    """The first line of a note, cut at `limit` characters with an ellipsis: for list cells,
    with the whole note shown elsewhere (a tooltip, the detail pane)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def due_in_words(item_due: datetime, bucket: str, now: datetime) -> str:
    """'overdue by 3 days', 'overdue since 09:00', 'due today 23:59', 'tomorrow 17:00',
    'in 4 days' (Europe/London days and clock)."""
    due, here = london(item_due), london(now)
    days = (due.date() - here.date()).days
    if bucket == "overdue" or item_due < now:
        if days >= 0:
            return f"overdue since {due:%H:%M}"
        return f"overdue by {plural(-days, 'day')}"
    if days <= 0:
        return f"due today {due:%H:%M}"
    if days == 1:
        return f"due tomorrow {due:%H:%M}"
    return f"in {days} days ({due:%a %d/%m})"


def due_at_words(due: datetime) -> str:
    """The due date and time in full, London clock: 'Tue 03/11/2026 23:59'."""
    return f"{london(due):%a %d/%m/%Y %H:%M}"


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows `text` exactly as written ('' when there is none).

    Qt draws a tooltip as rich text whenever it looks like markup (Qt.mightBeRichText), so a
    narrative holding `<img src="/home/...">` would be rendered and that file read. Escaped
    and wrapped in a paragraph of our own, the only tag Qt ever sees is ours; `pre-wrap` keeps
    the note's line breaks and runs of spaces, and long lines still wrap. Every tooltip made
    from recorded data goes through here.
    """
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{escape(text, quote=False)}</p>"
