"""Working-day arithmetic for Victims' Code deadlines (England and Wales)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from victimcare.domain.timeutil import LONDON
from victimcare.domain.working_days import (
    add_working_days,
    is_bank_holiday,
    is_working_day,
    previous_working_day_on_or_before,
    working_day_deadline,
    working_days_between,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31))
counts = st.integers(min_value=1, max_value=30)


def test_worked_christmas_example_from_the_domain_notes():
    # Charge at 15:00 on Thursday 24 December 2026, enhanced (1 working day): 25 and 28
    # December are bank holidays, 26-27 a weekend, so by the end of Tuesday 29 December.
    charged = datetime(2026, 12, 24, 15, 0, tzinfo=LONDON)
    assert working_day_deadline(charged, 1) == datetime(2026, 12, 29, 23, 59, 59, tzinfo=LONDON)


def test_substitute_bank_holidays_come_from_the_holidays_package():
    assert is_bank_holiday(date(2026, 12, 28))  # Boxing Day (substitute)
    assert is_bank_holiday(date(2027, 12, 28))
    assert is_bank_holiday(date(2022, 9, 19))   # a one-off: the State Funeral
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert is_working_day(date(2026, 4, 7))


def test_event_on_a_saturday_counts_from_the_next_working_day():
    saturday = datetime(2026, 11, 21, 11, 0, tzinfo=LONDON)
    assert working_day_deadline(saturday, 1) == datetime(2026, 11, 23, 23, 59, 59, tzinfo=LONDON)
    assert working_day_deadline(saturday, 5) == datetime(2026, 11, 27, 23, 59, 59, tzinfo=LONDON)


def test_event_just_after_midnight_on_a_monday_in_bst():
    # 00:30 BST on Monday 6 July 2026 is 23:30 UTC on Sunday: the local day (Monday) counts.
    event = datetime(2026, 7, 5, 23, 30, tzinfo=UTC)
    assert event.astimezone(LONDON).date() == date(2026, 7, 6)
    assert working_day_deadline(event, 1) == datetime(2026, 7, 7, 23, 59, 59, tzinfo=LONDON)


def test_clock_change_does_not_move_the_deadline():
    # Friday 23 October 2026 BST; the clocks go back on Sunday 25 October.
    event = datetime(2026, 10, 23, 16, 0, tzinfo=LONDON)
    deadline = working_day_deadline(event, 1)
    assert deadline.astimezone(LONDON).time() == time(23, 59, 59)
    assert deadline.astimezone(LONDON).date() == date(2026, 10, 26)
    assert deadline.utcoffset() == timedelta(0)  # GMT by then


@given(days, counts)
def test_deadline_lands_on_a_working_day_after_the_event(start, n):
    end = add_working_days(start, n)
    assert end > start
    assert is_working_day(end)
    assert working_days_between(start, end) == n


@given(days, counts)
def test_no_working_day_is_skipped(start, n):
    end = add_working_days(start, n)
    skipped = [start + timedelta(days=i) for i in range(1, (end - start).days)]
    assert sum(is_working_day(d) for d in skipped) == n - 1


@given(days, counts, st.times())
def test_hour_of_the_event_never_matters(day, n, moment):
    early = datetime.combine(day, time(0, 0), tzinfo=LONDON)
    later = datetime.combine(day, moment, tzinfo=LONDON)
    assert working_day_deadline(early, n) == working_day_deadline(later, n)


@given(days, counts)
def test_deadline_is_always_23_59_59_london(day, n):
    deadline = working_day_deadline(datetime.combine(day, time(12), tzinfo=LONDON), n)
    local = deadline.astimezone(LONDON)
    assert local.time() == time(23, 59, 59)


@given(days)
def test_previous_working_day(day):
    found = previous_working_day_on_or_before(day)
    assert found <= day and is_working_day(found)
    assert all(not is_working_day(found + timedelta(days=i)) for i in range(1, (day - found).days + 1))
