"""A due time as typed: a day alone means by the end of that day (23:59:59 London time)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.domain.timeutil import (
    LONDON,
    end_of_day,
    is_end_of_day,
    parse_day,
    parse_due,
    parse_when,
)
from victimcare.domain.working_days import end_of_day as working_days_end_of_day

NOW = datetime(2026, 3, 5, 16, 0, tzinfo=UTC)  # Thursday, GMT


def test_a_day_alone_is_the_end_of_that_day_on_the_london_clock():
    assert parse_due("13/03/2026", NOW) == datetime(2026, 3, 13, 23, 59, 59, tzinfo=UTC)
    assert parse_due("2026-03-13", NOW) == datetime(2026, 3, 13, 23, 59, 59, tzinfo=UTC)
    assert parse_due(" Tomorrow ", NOW) == datetime(2026, 3, 6, 23, 59, 59, tzinfo=UTC)
    assert parse_due("today", NOW) == datetime(2026, 3, 5, 23, 59, 59, tzinfo=UTC)
    # British Summer Time: the end of the London day is 22:59:59 UTC.
    assert parse_due("01/07/2026", NOW) == datetime(2026, 7, 1, 22, 59, 59, tzinfo=UTC)
    assert parse_due("01/07/2026", NOW).tzinfo == UTC


def test_a_time_given_is_that_time_and_tomorrow_works_with_one():
    assert parse_due("13/03/2026 17:00", NOW) == datetime(2026, 3, 13, 17, 0, tzinfo=UTC)
    assert parse_due("tomorrow 9.30", NOW) == datetime(2026, 3, 6, 9, 30, tzinfo=UTC)
    assert parse_when("tomorrow 17:00", NOW) == datetime(2026, 3, 6, 17, 0, tzinfo=UTC)
    # Where a moment is meant (when a contact happened), a day alone still needs its time.
    with pytest.raises(ValueError, match="Add the time"):
        parse_when("13/03/2026", NOW)


@pytest.mark.parametrize("text", ["31/02/2026", "tomorrowish", "13/03", "by friday", ""])
def test_nonsense_is_refused_in_words(text):
    with pytest.raises(ValueError) as problem:
        parse_due(text, NOW)
    assert str(problem.value)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_ends_at_23_59_59_in_london_whatever_the_season(day):
    due = parse_due(day.strftime("%d/%m/%Y"), NOW)
    assert due.astimezone(LONDON).date() == day
    assert is_end_of_day(due)
    assert due == end_of_day(day)
    assert end_of_day is working_days_end_of_day  # one end of the day for deadlines too


def test_day_words():
    assert parse_day("yesterday", date(2026, 3, 1)) == date(2026, 2, 28)
    assert parse_day("24/12/2026", date(2026, 3, 1)) == date(2026, 12, 24)
