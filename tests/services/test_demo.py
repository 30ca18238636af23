"""The fictional demo data: deterministic, valid, consistent and awkward enough to test with."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta

import pytest

from victimcare.domain import vocabulary as vocab
from victimcare.domain.code_rules import load_rules
from victimcare.domain.commitment_rules import replay
from victimcare.domain.model import Case, Officer, Victim
from victimcare.domain.timeutil import LONDON, london
from victimcare.domain.validation import case_problems, contact_problems, event_problems
from victimcare.services import audit, setup
from victimcare.services.cases import CURRENT_CODE_VERSION, new_case, search_cases
from victimcare.services.demo import generate_demo
from victimcare.services.integrity import store_problems
from victimcare.store import audit_log, case_list, records

TODAY = date(2026, 11, 28)
PASSPHRASE = "correct horse battery staple"
CASES = 30

ARABIC = re.compile(r"[\u0600-\u06FF]")
FICTIONAL_PHONE = re.compile(r"^(07700 900\d{3}|020 7946 0\d{3}|0161 496 0\d{3})$")


@pytest.fixture
def second_db(tmp_path):
    database = setup.create_store(tmp_path / "second.db", PASSPHRASE,
                                  Officer("PC Test Officer", "T1001", "Team A"))
    yield database
    database.close()


def _all_cases(db) -> list[Case]:
    return [records.load_case(db, case_id) for case_id in records.all_case_ids(db)]


def _without_ids(value):
    """The case graph as plain data, minus row ids (which depend on what the store held)."""
    if dataclasses.is_dataclass(value):
        return {f.name: _without_ids(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in ("id", "met_by_contact_id", "need_id")}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _promise_links(db) -> list[tuple]:
    """Which contact (by case reference and time) met each promise, independent of row ids."""
    return [tuple(row) for row in db.all(
        "SELECT c.reference, m.reason, m.due_at, k.occurred_at FROM commitments m "
        "JOIN cases c ON c.id = m.case_id LEFT JOIN contacts k ON k.id = m.met_by_contact_id "
        "ORDER BY c.reference, m.due_at, m.reason")]


@pytest.fixture
def demo_cases(db) -> list[Case]:
    generate_demo(db, CASES, seed=7, today=TODAY)
    return _all_cases(db)


def test_same_seed_and_day_give_identical_data(db, second_db):
    first = generate_demo(db, CASES, seed=11, today=TODAY)
    second = generate_demo(second_db, CASES, seed=11, today=TODAY)
    assert first == second
    assert [_without_ids(c) for c in _all_cases(db)] == \
        [_without_ids(c) for c in _all_cases(second_db)]
    assert _promise_links(db) == _promise_links(second_db)


def test_a_different_seed_gives_different_data(db, second_db):
    generate_demo(db, CASES, seed=1, today=TODAY)
    generate_demo(second_db, CASES, seed=2, today=TODAY)
    names = {c.victim.full_name for c in _all_cases(db)}
    other_names = {c.victim.full_name for c in _all_cases(second_db)}
    assert names != other_names
    assert [_without_ids(c) for c in _all_cases(db)] != \
        [_without_ids(c) for c in _all_cases(second_db)]


@pytest.mark.parametrize("seed", [0, 1, 99])
def test_the_awkward_names_are_always_there(db, seed):
    generate_demo(db, 4, seed=seed, today=TODAY)
    victims = [c.victim for c in _all_cases(db)]
    families = {v.family_name for v in victims}
    assert {"Wójcik", "Ó Briain", "Nguyễn"} <= families
    assert any(ARABIC.search(v.given_names) and ARABIC.search(v.family_name) for v in victims)
    # and the search box finds them typed without the accents
    assert [s.victim_name for s in search_cases(db, "wojcik")]
    assert [s.victim_name for s in search_cases(db, "nguyen")]


def test_names_come_from_many_backgrounds(demo_cases):
    families = [c.victim.family_name for c in demo_cases]
    assert len(set(families)) >= CASES // 2
    assert sum(1 for name in families if not name.isascii()) >= 5
    assert any(c.victim.preferred_name for c in demo_cases)


def test_every_case_and_contact_is_valid(demo_cases):
    for case in demo_cases:
        assert case_problems(case, TODAY) == [], case.reference
        assert case.code_version == CURRENT_CODE_VERSION
        for event in case.events:
            assert event_problems(event) == []
        for contact in case.contacts:
            assert contact_problems(contact) == [], (case.reference, contact)
            for amendment in contact.amendments:
                assert contact_problems(amendment) == [], (case.reference, amendment)


def test_only_known_words_are_used(demo_cases):
    for case in demo_cases:
        assert case.offence_category in vocab.OFFENCE_CATEGORIES
        assert case.status in vocab.CASE_STATUSES
        assert set(case.victim.vulnerability_flags) <= set(vocab.VULNERABILITY_FLAGS)
        assert case.agreement.method in vocab.CONTACT_METHODS
        assert case.agreement.through_whom in vocab.CONTACT_PARTIES
        assert {e.kind for e in case.events} <= set(vocab.EVENT_KINDS)
        for need in case.care_plan.needs:
            assert need.area in vocab.NEED_AREAS and need.level in vocab.NEED_LEVELS
        for action in case.care_plan.actions:
            assert action.status in vocab.ACTION_STATUSES
            assert (action.status == "done") == (action.completed_on is not None)
        for referral in case.care_plan.referrals:
            assert referral.agency in vocab.REFERRAL_AGENCIES
            assert referral.consent in vocab.CONSENT
            assert referral.status in vocab.REFERRAL_STATUSES
            if referral.referred_on is not None:
                assert referral.consent == "given"
                assert referral.consent_date <= referral.referred_on <= TODAY


def test_dates_are_consistent_and_nothing_has_happened_yet_tomorrow(demo_cases):
    start_of_today = datetime.combine(TODAY, datetime.min.time(), tzinfo=LONDON)
    two_years_ago = TODAY - timedelta(days=731)
    for case in demo_cases:
        opened = london(case.opened_at).date()
        assert case.victim.date_of_birth < case.offence_date <= opened <= TODAY
        assert two_years_ago <= opened
        assert case.reference == f"VC-{london(case.opened_at).year}-" + case.reference[-4:]
        moments = [e.occurred_at for e in case.events] + [c.occurred_at for c in case.contacts]
        for moment in moments:
            assert moment.tzinfo is not None
            assert case.opened_at <= moment < start_of_today, case.reference
        for contact in case.contacts:
            assert contact.occurred_at <= contact.recorded_at < start_of_today
            assert contact.recorded_at - contact.occurred_at < timedelta(hours=3)
            for amendment in contact.amendments:
                assert amendment.reason.strip()
                assert contact.recorded_at <= amendment.amended_at < start_of_today
        if case.status == "closed":
            assert case.closed_at is not None and case.closure_reason
            assert all(c.occurred_at <= case.closed_at for c in case.contacts)
            assert all(e.occurred_at <= case.closed_at for e in case.events)
            assert case.retention_review_date > TODAY
        else:
            assert case.closed_at is None
        if case.agreement.opted_out or case.agreement.paused:
            assert case.agreement.waiver_reason


def test_contact_details_are_fictional(demo_cases):
    for case in demo_cases:
        victim = case.victim
        assert victim.phones
        for phone in victim.phones:
            assert FICTIONAL_PHONE.match(phone.number), phone.number
        if victim.email:
            assert victim.email.endswith(("@example.org", "@example.com"))
            assert victim.email.isascii()
        assert re.match(r"^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$", victim.postcode), victim.postcode


def test_the_data_is_varied(demo_cases):
    contacts = [c for case in demo_cases for c in case.contacts]
    outcomes = {c.outcome for c in contacts}
    assert {"spoke", "no_answer", "message_sent"} <= outcomes
    assert len({case.offence_category for case in demo_cases}) >= 4
    assert sum(case.offence_category == "sexual_offence" for case in demo_cases) > CASES // 3
    assert any(case.status == "closed" for case in demo_cases)
    assert any(case.status == "open" for case in demo_cases)
    assert any(c.amendments for c in contacts)
    assert any(ch in c.narrative for c in contacts for ch in "&<\"")
    assert 10 <= len(contacts) / len(demo_cases) <= 50
    assert any(len(case.contacts) >= 30 for case in demo_cases)


def test_some_victims_were_children_at_the_time(db):
    generate_demo(db, 120, seed=5, today=TODAY)
    ages = [(c.offence_date - c.victim.date_of_birth).days / 365.25 for c in _all_cases(db)]
    assert any(age < 18 for age in ages)
    assert sum(age >= 18 for age in ages) > len(ages) * 0.7


def test_commitments_follow_the_code_rules_and_met_ones_point_at_a_contact(db, demo_cases):
    commitments = [(case, k) for case in demo_cases for k in case.commitments]
    assert {k.kind for _, k in commitments} == {"promise", "statutory", "agreed"}
    for case in demo_cases:
        derived = replay(case, load_rules(case.code_version))
        stored = [k for k in case.commitments if k.kind != "promise"]
        def facts(items):
            return sorted((k.reason, k.due_at, k.met_by_contact_id or 0) for k in items)

        assert facts(stored) == facts(derived)
    for case, commitment in commitments:
        assert commitment.reason and commitment.due_at.tzinfo is not None
        assert commitment.created_at is not None
        if commitment.met_by_contact_id is not None:
            met_by = next(c for c in case.contacts if c.id == commitment.met_by_contact_id)
            assert met_by.current.occurred_at == commitment.met_at
            assert met_by.current.outcome in vocab.SUCCESSFUL_OUTCOMES
            if commitment.kind == "promise":
                assert met_by.occurred_at > commitment.created_at
    assert store_problems(db) == []


def test_one_audit_row_for_the_whole_run(db):
    before = len(audit_log.audit_entries(db))
    generate_demo(db, 5, seed=3, today=TODAY)
    entries = audit_log.audit_entries(db)
    assert len(entries) == before + 1
    assert entries[-1].action == "collection"
    assert entries[-1].detail == "5 fictional demo cases generated"
    assert audit.verify_chain(db) is None


def test_running_twice_adds_cases_without_reference_collisions(db):
    existing = new_case(db, Victim("Existing", "Victim"), "assault")
    first = generate_demo(db, 12, seed=5, today=TODAY)
    second = generate_demo(db, 12, seed=5, today=TODAY)
    references = [s.reference for s in case_list.case_summaries(db)]
    assert len(references) == 25 == len(set(references))
    assert existing.reference in references
    assert not set(first) & set(second)
    assert set(first) | set(second) <= set(references)


def test_progress_is_reported_and_ends_complete(db):
    calls: list[tuple[int, int]] = []
    generate_demo(db, 3, seed=1, today=TODAY, progress=lambda done, total: calls.append(
        (done, total)))
    assert calls and calls[-1] == (3, 3)


def test_no_cases_asked_for_means_nothing_written(db):
    before = len(audit_log.audit_entries(db))
    assert generate_demo(db, 0, seed=1, today=TODAY) == []
    assert case_list.case_summaries(db) == []
    assert len(audit_log.audit_entries(db)) == before


def test_today_defaults_to_the_london_date(db):
    references = generate_demo(db, 2, seed=4)
    assert len(references) == 2
    now = datetime.now(LONDON)
    for case in _all_cases(db):
        assert all(c.occurred_at < now for c in case.contacts)
        assert case.victim.date_of_birth < case.offence_date <= now.date()

