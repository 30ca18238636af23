"""Time conventions: store UTC, show Europe/London, UK formats."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_storage(moment: datetime) -> str:
    """An aware datetime as UTC ISO 8601 with offset; naive times are refused, not guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a time without a time zone cannot be stored unambiguously")
    return moment.astimezone(UTC).isoformat()


def from_storage(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no offset")
    return moment.astimezone(UTC)


def london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def format_date(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def format_datetime(moment: datetime | None) -> str:
    return "" if moment is None else london(moment).strftime("%d/%m/%Y %H:%M")


def parse_uk_date(text: str) -> date:
    """dd/mm/yyyy (also accepts ISO yyyy-mm-dd). Raises ValueError with a plain message."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date: use dd/mm/yyyy")
