"""Time conventions: store UTC, show Europe/London, UK formats."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
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


_WHEN = re.compile(
    r"^\s*(?P<day>today|yesterday|now|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?\s*$",
    re.IGNORECASE,
)


def parse_when(text: str, now: datetime) -> datetime:
    """A date and time as people type them: "today 14:30", "yesterday 9.05", "now",
    "24/12/2026 15:00". Local (Europe/London) time; returns an aware datetime in UTC.

    Raises ValueError with a plain message, including for a time that does not exist on the
    day the clocks go forward, and takes the first (BST) of the two times on the day they go
    back, as a person reading the clock at that moment would.
    """
    match = _WHEN.match(text)
    if not match:
        raise ValueError(f"'{text.strip()}' is not a date and time: try 'today 14:30' or "
                         "'24/12/2026 15:00'")
    word = match["day"].lower()
    local_now = london(now)
    if word == "now":
        if match["hour"]:
            raise ValueError("'now' takes no time after it")
        return now.astimezone(UTC).replace(microsecond=0)
    if word == "today":
        day = local_now.date()
    elif word == "yesterday":
        day = local_now.date() - timedelta(days=1)
    else:
        day = parse_uk_date(word)
    if match["hour"] is None:
        raise ValueError("Add the time, for example 'today 14:30'.")
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise ValueError(f"{hour:02d}:{minute:02d} is not a time of day (24-hour clock)")
    moment = datetime.combine(day, time(hour, minute), tzinfo=LONDON)
    # A wall-clock time skipped by the spring clock change does not round-trip.
    if moment.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise ValueError(f"{hour:02d}:{minute:02d} did not exist on {format_date(day)} "
                         "(the clocks went forward)")
    return moment.astimezone(UTC)
