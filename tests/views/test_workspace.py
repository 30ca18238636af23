"""The value kept while locked: case references and screen names only, a short text form that
round-trips, and a parser that refuses anything else with ValueError alone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.views.workspace import (
    SECTIONS,
    STATUSES,
    TOOLS,
    LockedSession,
    OpenCase,
    Workspace,
)

AT = datetime(2026, 3, 5, 14, 2, 9, tzinfo=UTC)  # 14:02 in London (GMT in March)

references = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn")), min_size=1,
    max_size=64).filter(str.strip)
open_cases = st.builds(OpenCase, references, st.sampled_from(SECTIONS))


@st.composite
def workspaces(draw):
    cases = draw(st.lists(open_cases, max_size=8, unique_by=lambda c: c.reference))
    tools = draw(st.lists(st.sampled_from(TOOLS), unique=True))
    screens = draw(st.permutations([*cases, *tools]))
    front = draw(st.integers(0, 1 + len(screens)))
    return Workspace(tuple(screens), front, draw(st.sampled_from(STATUSES)), draw(st.booleans()),
                     draw(st.booleans()))


sessions = st.one_of(
    st.builds(LockedSession.by_officer, st.just(AT), workspaces()),
    st.builds(LockedSession.after_idle, st.just(AT), st.integers(1, 3_600_000), workspaces()))


@given(sessions)
def test_the_text_form_round_trips(session):
    text = session.to_text()
    assert "\n" not in text
    assert LockedSession.from_text(text) == session


@given(st.text(max_size=300))
def test_any_other_text_is_refused_with_value_error_only(text):
    try:
        LockedSession.from_text(text)
    except ValueError:
        pass


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=6), max_leaves=20))
def test_any_other_json_is_refused_with_value_error_only(value):
    try:
        LockedSession.from_text(json.dumps(value))
    except ValueError:
        pass


def good() -> dict:
    return json.loads(LockedSession.by_officer(AT, Workspace(
        (OpenCase("VC-2026-0019", "log"), "audit"), front=2)).to_text())


@pytest.mark.parametrize("change", [
    lambda d: d.update(v=2),
    lambda d: d.update(v=True),
    lambda d: d.update(extra="Zofia Wójcik"),  # nothing beyond the known fields
    lambda d: d.pop("front"),
    lambda d: d.update(why="stolen"),
    lambda d: d.update(at="14:02"),
    lambda d: d.update(at="2026-03-05T14:02:00"),  # no time zone
    lambda d: d.update(idle=30),  # an idle time on a lock by the officer
    lambda d: d.update(front=9),
    lambda d: d.update(front=True),
    lambda d: d.update(tabs=[["case", "VC-2026-0019\nZofia", "log"]]),
    lambda d: d.update(tabs=[["case", "x" * 65, "log"]]),
    lambda d: d.update(tabs=[["case", "   ", "log"]]),
    lambda d: d.update(tabs=[["case", "VC-2026-0019", "narrative"]]),
    lambda d: d.update(tabs=[["case", "VC-2026-0019", "log"], ["case", "VC-2026-0019", "log"]]),
    lambda d: d.update(tabs=[["audit"], ["audit"]]),
    lambda d: d.update(tabs=[["settings"]]),
    lambda d: d.update(tabs=[["case", 19, "log"]]),
    lambda d: d.update(list=["open", "yes", False]),
    lambda d: d.update(list=["deleted", False, False]),
])
def test_a_damaged_record_is_refused(change):
    data = good()
    LockedSession.from_text(json.dumps(data))  # sound before the change
    change(data)
    with pytest.raises(ValueError):
        LockedSession.from_text(json.dumps(data))


def test_only_references_and_names_are_kept():
    session = LockedSession.after_idle(AT, 300_000, Workspace(
        (OpenCase("VC-2026-0019", "care-plan"), "retention"), front=1, status="open"))
    assert json.loads(session.to_text()) == {
        "v": 1, "why": "idle", "at": "2026-03-05T14:02:09+00:00", "idle": 300,
        "tabs": [["case", "VC-2026-0019", "care-plan"], ["retention"]], "front": 1,
        "list": ["open", False, False]}


def test_what_the_unlock_window_says():
    same_day = AT + timedelta(hours=1)
    assert LockedSession.by_officer(AT).message(same_day) == "Locked by you at 14:02."
    assert LockedSession.after_idle(AT, 300_000).message(same_day) == \
        "Locked after 5 idle minutes, at 14:02."
    assert LockedSession.after_idle(AT, 60_000).message(same_day) == \
        "Locked after 1 idle minute, at 14:02."
    assert LockedSession.after_idle(AT, 150).message(same_day) == \
        "Locked after 1 idle second, at 14:02."
    assert LockedSession.by_officer(AT).message(AT + timedelta(days=1)) == \
        "Locked by you at 14:02 on 05/03/2026."
    summer = datetime(2026, 7, 1, 13, 2, tzinfo=UTC)  # London is an hour ahead in July
    assert LockedSession.by_officer(summer).message(summer) == "Locked by you at 14:02."


def test_a_lock_time_from_another_zone_is_kept_as_the_same_moment():
    elsewhere = AT.astimezone(timezone(timedelta(hours=5)))
    session = LockedSession.by_officer(elsewhere)
    assert LockedSession.from_text(session.to_text()).locked_at == AT
