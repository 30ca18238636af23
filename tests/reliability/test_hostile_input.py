"""Hostile and strange input: stored and printed literally, or refused with a message."""

from __future__ import annotations

import copy
import io
import itertools
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.factories import rich_case
from victimcare.domain.code_rules import load_rules
from victimcare.domain.model import CaseEvent, Contact, Victim
from victimcare.domain.timeutil import LONDON, parse_uk_date, parse_when
from victimcare.domain.validation import LONG_TEXT_LIMIT, ValidationError
from victimcare.domain.working_days import working_day_deadline
from victimcare.reports import contact_log, contact_summary
from victimcare.services import cases
from victimcare.services.transfer import ImportRejected, export_data, import_data
from victimcare.store import records

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
fixture_ok = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])

NASTY = [
    "'); DROP TABLE contacts; --",
    "\" OR 1=1 --",
    "<b>bold</b> & <i>x</i> <img src=\"/etc/passwd\"/> <a href='http://x'>link</a>",
    "مرحبا \u202eevil\u202c right-to-left",
    "e\u0301\u0301\u0301 combining marks; zero\u200bwidth\u200d joiners \ufeff",
    "control \x01\x02\x07\x1b[31m red \x7f",
    "NEAR(a b) AND OR NOT * \" ^ fts5 syntax",
    "line one\nline two\r\nline three\ttabbed",
    "😀 emoji 🇬🇧 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@pytest.fixture
def open_case(db):
    return cases.new_case(db, Victim("Ada", "Okafor"), "sexual_offence",
                          offence_date=date(2026, 1, 5))


def _contact(narrative: str, when: datetime = datetime(2026, 3, 1, 12, tzinfo=UTC)) -> Contact:
    return Contact(when, "phone", "to_victim", "victim", "spoke", ["investigation_update"],
                   narrative)


@fixture_ok
@given(narrative=text)
def test_any_text_is_stored_exactly_and_searchable_without_error(db, open_case, narrative):
    saved = cases.log_contact(db, open_case, _contact(narrative))
    stored = {c.id: c for c in records.contacts_for_case(db, open_case.id)}[saved.id]
    assert stored.narrative == narrative
    cases.search_cases(db, narrative)  # any typed text is a safe query


@pytest.mark.parametrize("nasty", NASTY)
def test_sql_and_markup_fragments_are_stored_and_printed_literally(db, open_case, nasty):
    cases.log_contact(db, open_case, _contact(nasty))
    case = records.load_case(db, open_case.id)
    assert case.contacts[-1].narrative == nasty
    assert db.scalar("SELECT count(*) FROM contacts") == len(case.contacts)  # table intact
    pdf = contact_log(case, "PC Test", NOW)
    page_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    printable = [w for w in nasty.split() if w.isprintable() and w.isascii()]
    for word in printable:
        assert word in page_text, word
    assert b"/Subtype /Image" not in pdf and b"/URI" not in pdf


@settings(max_examples=25, deadline=None)
@given(narrative=text, name=st.text(min_size=1, max_size=60).filter(str.strip))
def test_report_builders_never_crash_on_any_text(narrative, name):
    case = rich_case()
    case.victim.given_names = name
    case.contacts[0].narrative = narrative
    case.notes = narrative
    for build in (lambda: contact_log(case, name, NOW),
                  lambda: contact_summary(case, load_rules(case.code_version), name, NOW,
                                          redact=True)):
        assert build().startswith(b"%PDF")


def test_a_megabyte_of_text_is_refused_with_a_message_and_nothing_saved(db, open_case):
    huge = "x" * (1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        cases.log_contact(db, open_case, _contact(huge))
    assert refused.value.problems[0].field == "narrative"
    assert f"{LONG_TEXT_LIMIT:,}" in refused.value.problems[0].message
    assert db.scalar("SELECT count(*) FROM contacts") == 0
    open_case.victim.given_names = "y" * 100_000
    with pytest.raises(ValidationError, match="victim.given_names"):
        cases.update_case(db, open_case)


@pytest.mark.parametrize("when", [
    datetime(1, 1, 1, tzinfo=UTC), datetime(1899, 12, 31, tzinfo=UTC),
    datetime(9999, 12, 31, tzinfo=UTC), datetime.now(UTC) + timedelta(days=30),
])
def test_impossible_far_past_and_far_future_times_are_refused(db, open_case, when):
    with pytest.raises(ValidationError):
        cases.log_contact(db, open_case, _contact("ok", when))
    with pytest.raises(ValidationError):
        cases.record_event(db, open_case, CaseEvent("arrested", when))
    assert db.scalar("SELECT count(*) FROM contacts") == 0
    assert db.scalar("SELECT count(*) FROM case_events") == 0


@given(st.text(max_size=40))
def test_date_parsers_answer_any_text_with_a_date_or_a_plain_error(typed):
    for parse in (lambda: parse_uk_date(typed), lambda: parse_when(typed, NOW)):
        try:
            parse()
        except ValueError as exc:
            assert str(exc)


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31),
                    timezones=st.just(LONDON)))
def test_dst_gaps_and_overlaps_never_break_a_deadline(moment):
    deadline = working_day_deadline(moment, 1).astimezone(LONDON)
    assert deadline.hour == 23 and deadline.minute == 59
    assert deadline.date() > moment.date()


_references = itertools.count(1000)


def _mutations(document: dict):
    """Single, deliberate corruptions of a sound export."""
    case = document["cases"][0]
    yield "missing field", lambda d: d["cases"][0]["victim"].pop("given_names")
    yield "wrong type", lambda d: d["cases"][0].__setitem__("persistently_targeted", "yes")
    yield "unknown event kind", lambda d: d["cases"][0]["events"][0].__setitem__("kind", "abducted")
    yield "duplicate reference", lambda d: d["cases"].append(copy.deepcopy(d["cases"][0]))
    yield "dangling key", lambda d: d["cases"][0]["commitments"][0].__setitem__("event", "E99")
    yield "naive time", lambda d: d["cases"][0]["contacts"][0].__setitem__(
        "occurred_at", "2026-02-17T17:00:00")
    yield "list not object", lambda d: d["cases"].__setitem__(0, [case["reference"]])
    yield "number as text", lambda d: d["cases"][0]["agreement"].__setitem__("frequency_days", "14")


def test_every_import_corruption_is_refused_whole_with_the_problem_named(db, target_store):
    records.insert_case(db, rich_case())
    sound = export_data(db, now=NOW)
    sound["cases"][0]["reference"] = "VC-2026-7777"
    for label, corrupt in _mutations(sound):
        document = copy.deepcopy(sound)
        corrupt(document)
        before = target_store.scalar("SELECT count(*) FROM cases")
        with pytest.raises(ImportRejected) as refused:
            import_data(target_store, json.loads(json.dumps(document)), source_name="x.json")
        assert "cases[" in str(refused.value), label
        assert target_store.scalar("SELECT count(*) FROM cases") == before, label


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_to_an_export_is_refused_or_imported_never_crashes(db, target_store, data):
    if not db.scalar("SELECT count(*) FROM cases"):
        records.insert_case(db, rich_case())
    document = export_data(db, now=NOW)
    # A fresh reference each run (not drawn, so the drawing never depends on the store).
    document["cases"][0]["reference"] = f"VC-2026-{next(_references)}"
    # Walk to a random spot and replace it with a random JSON value.
    node, path = document["cases"][0], []
    for _ in range(data.draw(st.integers(1, 4))):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            key = data.draw(st.integers(0, len(node) - 1))
        else:
            break
        path.append((node, key))
        node = node[key]
    if path:
        parent, key = path[-1]
        parent[key] = data.draw(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                                          st.lists(st.integers(), max_size=2)))
    before = target_store.scalar("SELECT count(*) FROM contacts")
    try:
        import_data(target_store, document, source_name="x.json")
    except ImportRejected as refused:
        assert str(refused)
        assert target_store.scalar("SELECT count(*) FROM contacts") == before


@pytest.fixture
def target_store(tmp_path):
    from tests.conftest import TEST_PASSPHRASE
    from victimcare.domain.model import Officer
    from victimcare.services import setup

    store = setup.create_store(tmp_path / "target.db", TEST_PASSPHRASE, Officer("PC Target", "T9"))
    yield store
    store.close()
