"""Small text helpers the screens share (the words themselves are in domain.describe)."""

from __future__ import annotations

from html import escape


def first_line(text: str, limit: int = 120) -> str:
    """The first line of a note, cut at `limit` characters with an ellipsis: for list cells,
    with the whole note shown elsewhere (a tooltip, the detail pane)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


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
