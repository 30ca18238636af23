"""Working days in England and Wales, and the deadlines counted in them.

A working day is Monday to Friday except an England and Wales bank holiday (substitute days
included), taken from the `holidays` package rather than a hand-kept list.

"Within N working days" of an event means by the end (23:59:59 Europe/London) of the Nth
working day after the day of the event; the event's own day never counts, whatever the hour.
Deadlines are built from local calendar dates and only then given a time, so a clock change
(BST/GMT) between event and deadline cannot move them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from victimcare.domain.timeutil import LONDON, end_of_day


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share their bank holidays; 'ENG' gives them with substitute days.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def warm(today: date | None = None) -> None:
    """Load this year's and next year's bank holidays now (the first load is slow)."""
    year = (today or date.today()).year
    _bank_holidays(year)
    _bank_holidays(year + 1)


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, count: int) -> date:
    """The `count`th working day after `start` (start itself never counts). count >= 1."""
    if count < 1:
        raise ValueError("count must be at least 1")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def previous_working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def working_day_deadline(event_at: datetime, working_days: int) -> datetime:
    """End of the Nth working day after the local day on which `event_at` fell."""
    event_day = event_at.astimezone(LONDON).date()
    return end_of_day(add_working_days(event_day, working_days))


def working_days_between(start: date, end: date) -> int:
    """How many working days fall after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
