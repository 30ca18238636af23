"""Dates typed the way people say them, and safe-contact phrases."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.domain.model import SafeContactRules
from victimcare.domain.safe_contact import (
    call_window_warning,
    for_method,
    in_call_window,
    warnings,
)
from victimcare.domain.timeutil import (
    LONDON,
    format_datetime,
    from_storage,
    parse_uk_date,
    parse_when,
    to_storage,
)

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def test_words_people_use():
    assert parse_when("today 14:30", NOW) == datetime(2026, 11, 28, 14, 30, tzinfo=UTC)
    assert parse_when("Yesterday 9.05", NOW) == datetime(2026, 11, 27, 9, 5, tzinfo=UTC)
    assert parse_when("now", NOW) == NOW
    assert parse_when("24/12/2026 15:00", NOW) == datetime(2026, 12, 24, 15, 0, tzinfo=UTC)
    # Summer time: 14:30 in London is 13:30 UTC.
    assert parse_when("01/07/2026 14:30", NOW) == datetime(2026, 7, 1, 13, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "tomorrowish", "today", "31/02/2026 10:00",
                                  "today 25:00", "today 10:75", "now 10:00"])
def test_nonsense_gets_a_plain_message(text):
    with pytest.raises(ValueError) as problem:
        parse_when(text, NOW)
    assert str(problem.value)


def test_time_skipped_by_the_clock_change_is_refused():
    with pytest.raises(ValueError, match="clocks went forward"):
        parse_when("29/03/2026 01:30", NOW)
    # On the autumn change 01:30 happens twice: the first (BST) one is taken.
    assert parse_when("25/10/2026 01:30", NOW) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31),
                    timezones=st.just(UTC)))
def test_storage_round_trip_is_exact(moment):
    assert from_storage(to_storage(moment)) == moment


def test_naive_times_are_refused_for_storage():
    with pytest.raises(ValueError):
        to_storage(datetime(2026, 1, 1, 12, 0))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_uk_date_format_round_trips(day):
    assert parse_uk_date(day.strftime("%d/%m/%Y")) == day


def test_shown_in_london_time():
    assert format_datetime(datetime(2026, 7, 1, 13, 30, tzinfo=UTC)) == "01/07/2026 14:30"
    assert format_datetime(datetime(2026, 12, 1, 13, 30, tzinfo=UTC)) == "01/12/2026 13:30"
    assert datetime(2026, 7, 1, 14, 30, tzinfo=LONDON).utcoffset().seconds == 3600


def test_safe_contact_phrases():
    rules = SafeContactRules(voicemail_ok=False, texts_ok=True, letters_ok=None, email_ok=True,
                             call_from="10:00", call_until="16:00", suspect_lives_near=True)
    assert warnings(rules) == ["suspect lives nearby", "no voicemail",
                               "no letters (not yet asked)", "call 10:00-16:00 only"]
    assert for_method(rules, "phone") == ["no voicemail", "call 10:00-16:00 only"]
    assert for_method(rules, "letter") == ["suspect lives nearby", "no letters (not yet asked)"]
    assert for_method(rules, "sms") == []
    assert for_method(SafeContactRules(suspect_lives_with=True), "sms")[0] == \
        "suspect lives with the victim"


# -- the safe call window -------------------------------------------------------------------------
def _at(hour: int, minute: int, month: int = 1) -> datetime:
    return datetime(2026, month, 14, hour, minute, tzinfo=LONDON)


def test_the_call_window_includes_its_ends_and_follows_london_time():
    rules = SafeContactRules(call_from="10:00", call_until="16:00")
    assert in_call_window(rules, _at(10, 0)) and in_call_window(rules, _at(16, 0))
    assert not in_call_window(rules, _at(9, 59)) and not in_call_window(rules, _at(16, 1))
    # 09:30 UTC in July is 10:30 in London (BST): inside.
    assert in_call_window(rules, datetime(2026, 7, 14, 9, 30, tzinfo=UTC))
    assert not in_call_window(rules, datetime(2026, 7, 14, 8, 30, tzinfo=UTC))
    assert in_call_window(SafeContactRules(), _at(3, 0))  # no window: any time


def test_a_call_window_may_run_past_midnight():
    night = SafeContactRules(call_from="22:00", call_until="07:00")
    assert in_call_window(night, _at(23, 30)) and in_call_window(night, _at(6, 0))
    assert not in_call_window(night, _at(12, 0))


def test_only_calls_to_the_victim_outside_the_window_are_warned_about():
    rules = SafeContactRules(call_from="10:00", call_until="16:00")
    late = _at(17, 30)
    warning = call_window_warning(rules, "phone", "to_victim", late)
    assert warning is not None and warning.startswith("17:30 is outside the safe call window "
                                                      "(10:00-16:00)")
    assert call_window_warning(rules, "video", "to_victim", late) is not None
    assert call_window_warning(rules, "phone", "from_victim", late) is None
    assert call_window_warning(rules, "sms", "to_victim", late) is None
    assert call_window_warning(rules, "phone", "to_victim", _at(11, 0)) is None
