"""London wall-clock times and working days, as the demo's cases use them."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from victimcare.domain.timeutil import LONDON
from victimcare.domain.working_days import is_working_day

HISTORY_DAYS = 730  # cases are opened over the two years before `today`


def london_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A Europe/London wall-clock time on `day`, as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def minutes_of_day(text: str) -> int:
    """'HH:MM' as minutes after midnight."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def opening_time(rng: random.Random, today: date) -> datetime:
    """When a case was opened: a working-hours moment in the HISTORY_DAYS before `today`."""
    day = today - timedelta(days=rng.randint(1, HISTORY_DAYS))
    return london_time(day, rng.randint(8, 19), rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)))
