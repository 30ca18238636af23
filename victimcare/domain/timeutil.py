"""Time conventions: store UTC, show Europe/London, UK formats."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
# "By" a day means by the end of it, London time: the last second, so 23:59 itself is on time.
END_OF_DAY = time(23, 59, 59)


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


_DAY = r"today|yesterday|tomorrow|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"
_WHEN = re.compile(
    rf"^\s*(?P<day>{_DAY}|now)"
    r"(?:\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?\s*$",
    re.IGNORECASE,
)


def parse_when(text: str, now: datetime) -> datetime:
    """A date and time as people type them: "today 14:30", "yesterday 9.05", "now",
    "tomorrow 17:00", "24/12/2026 15:00". Local (Europe/London) time; returns an aware datetime in UTC.

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
    day = parse_day(word, local_now.date())
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


_DAY_ALONE = re.compile(rf"^\s*(?P<day>{_DAY})\s*$", re.IGNORECASE)
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_day(text: str, today: date) -> date:
    """A date as typed: 'today', 'yesterday', 'tomorrow', dd/mm/yyyy or yyyy-mm-dd."""
    word = text.strip().lower()
    if word in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[word])
    return parse_uk_date(text)


def end_of_day(day: date) -> datetime:
    """23:59:59 local time on `day`, as an aware Europe/London datetime."""
    return datetime.combine(day, END_OF_DAY, tzinfo=LONDON)


def is_end_of_day(moment: datetime) -> bool:
    return london(moment).time() == END_OF_DAY


def parse_due(text: str, now: datetime) -> datetime:
    """When something is due, as typed: a date and time as `parse_when` reads them, or a day
    alone ("tomorrow", "13/03/2026"), which means by the end of that day (23:59:59 London
    time): a promise "by Friday" is kept by a call at 22:00 on Friday. Aware, in UTC."""
    match = _DAY_ALONE.match(text)
    if match:
        return end_of_day(parse_day(match["day"], london(now).date())).astimezone(UTC)
    return parse_when(text, now)
