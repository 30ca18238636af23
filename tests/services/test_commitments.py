"""Commitments: Victims' Code deadlines, agreed contact and promises, met or missed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from victimcare.domain.code_rules import load_rules
from victimcare.domain.commitment_rules import replay
from victimcare.domain.model import CaseEvent, Contact, ContactAgreement, Victim
from victimcare.domain.timeutil import LONDON
from victimcare.domain.validation import ValidationError
from victimcare.services import cases, commitments
from victimcare.store import commitments as stored_commitments
from victimcare.store import records

OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def local(*args):
    return datetime(*args, tzinfo=LONDON)


def end_of(y, m, d):
    return datetime(y, m, d, 23, 59, 59, tzinfo=LONDON)


def open_case(db, category="sexual_offence", agreement=None, born=date(1990, 1, 1), **kw):
    victim = Victim("Ana", "Ferreira", date_of_birth=born)
    return cases.new_case(db, victim, category, offence_date=date(2026, 2, 20), now=OPENED,
                          agreement=agreement or ContactAgreement(), **kw)


def spoke(when, covered=("investigation_update",), outcome="spoke", with_whom="victim"):
    return Contact(when, "phone", "to_victim", with_whom, outcome, list(covered), "Update given")


def statutory(case):
    return [c for c in case.commitments if c.kind == "statutory"]


def test_event_creates_a_statutory_commitment_enhanced_one_working_day(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))  # Thursday
    [commitment] = statutory(case)
    assert commitment.reason == "Inform the victim: suspect arrested"
    assert commitment.due_at == end_of(2026, 3, 6)
    assert commitment.event_id == case.events[0].id


def test_standard_victim_gets_five_working_days(db):
    case = open_case(db, "burglary")
    cases.record_event(db, case, CaseEvent("charged", local(2026, 3, 5, 15, 0)))
    assert statutory(case)[0].due_at == end_of(2026, 3, 12)


def test_event_kind_that_does_not_oblige_creates_nothing(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("verdict", local(2026, 3, 5, 15, 0)))
    assert statutory(case) == []


def test_back_dated_event_can_be_overdue_at_once(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 2, 10, 0)),)
    now = local(2026, 3, 9, 9, 0)
    assert statutory(case)[0].status(now) == "overdue"


def test_voicemail_meets_nothing(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 5, 17, 0), outcome="voicemail_left"))
    assert statutory(case)[0].met_at is None
    with pytest.raises(ValidationError, match="Only a successful contact"):
        cases.log_contact(db, case, spoke(local(2026, 3, 5, 18, 0), outcome="no_answer"),
                          meets=[statutory(case)[0].id])
    assert len(case.contacts) == 1  # the refused entry was not half-saved
    assert db.scalar("SELECT count(*) FROM contacts") == 1


def test_update_meets_statutory_commitments_for_earlier_events_only(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 6, 10, 0)))
    cases.record_event(db, case, CaseEvent("bailed", local(2026, 3, 6, 12, 0)))
    first, second = statutory(case)
    assert first.status(local(2026, 3, 10)) == "met"
    assert first.met_by_contact_id == case.contacts[0].id
    assert second.met_at is None


def test_contact_without_an_investigation_update_does_not_meet_statutory(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 6, 10, 0), covered=["needs_assessed"]))
    assert statutory(case)[0].met_at is None


def test_late_contact_gives_met_late(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 9, 10, 0)))
    assert statutory(case)[0].status(local(2026, 3, 10)) == "met_late"


def test_officer_can_untick_the_defaults(db):
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 6, 10, 0)), meets=[])
    assert statutory(case)[0].met_at is None


def test_agreed_contact_on_easter_monday_is_due_the_thursday_before(db):
    agreement = ContactAgreement(frequency_days=14, start_date=date(2026, 3, 23))
    case = open_case(db, agreement=agreement)
    [agreed] = [c for c in case.commitments if c.kind == "agreed"]
    # 23 March + 14 days = Easter Monday 6 April; Good Friday 3 April is a holiday too.
    assert agreed.due_at == end_of(2026, 4, 2)
    assert agreed.reason == "Agreed contact every 14 days"


def test_meeting_the_agreed_contact_creates_the_next(db):
    case = open_case(db, agreement=ContactAgreement(frequency_days=14, start_date=date(2026, 3, 2)))
    cases.log_contact(db, case, spoke(local(2026, 3, 10, 11, 0), covered=[]))
    agreed = [c for c in case.commitments if c.kind == "agreed"]
    assert [c.status(local(2026, 3, 11)) for c in agreed] == ["met", "due"]
    assert agreed[1].due_at == end_of(2026, 3, 24)


def test_contact_through_the_agreed_representative_counts(db):
    agreement = ContactAgreement(frequency_days=7, start_date=date(2026, 3, 2),
                                 through_whom="isva", through_name="Jo")
    case = open_case(db, agreement=agreement)
    cases.log_contact(db, case, spoke(local(2026, 3, 4, 11, 0), covered=[], with_whom="isva"))
    assert [c for c in case.commitments if c.kind == "agreed"][0].met_at is not None
    other = open_case(db, agreement=ContactAgreement(frequency_days=7, start_date=date(2026, 3, 2)))
    cases.log_contact(db, other, spoke(local(2026, 3, 4, 11, 0), covered=[], with_whom="isva"))
    assert [c for c in other.commitments if c.kind == "agreed"][0].met_at is None


def test_opt_out_waives_the_agreed_contact_with_its_reason(db):
    case = open_case(db, agreement=ContactAgreement(frequency_days=14, start_date=date(2026, 3, 2)))
    case.agreement = replace(case.agreement, opted_out=True, waiver_reason="Wants no calls")
    cases.update_case(db, case)
    [agreed] = [c for c in case.commitments if c.kind == "agreed"]
    assert agreed.status(local(2026, 5, 1)) == "waived"
    assert agreed.waived_reason == "Victim opted out: Wants no calls"


def test_change_of_eligibility_recomputes_open_statutory_deadlines(db):
    case = open_case(db, "burglary")
    cases.record_event(db, case, CaseEvent("charged", local(2026, 3, 5, 15, 0)))
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 2, 9, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 3, 9, 0)))  # meets the arrest one only
    assert statutory(case)[0].due_at == end_of(2026, 3, 9)
    case.victim.vulnerability_flags = ["intimidated"]
    cases.update_case(db, case)
    by_reason = {c.reason: c for c in statutory(case)}
    met = by_reason["Inform the victim: suspect arrested"]
    still_open = by_reason["Inform the victim: suspect charged"]
    assert met.met_at is not None and met.due_at == end_of(2026, 3, 9)  # kept as it was
    assert still_open.due_at == end_of(2026, 3, 6)   # now one working day, not five


def test_override_without_a_reason_is_refused(db):
    case = open_case(db, "burglary")
    case.enhanced_override = True
    with pytest.raises(ValidationError, match="needs a reason"):
        cases.update_case(db, case)
    assert records.load_case(db, case.id).enhanced_override is None


def test_override_with_a_reason_changes_deadlines(db):
    case = open_case(db, "burglary")
    cases.record_event(db, case, CaseEvent("charged", local(2026, 3, 5, 15, 0)))
    case.enhanced_override, case.enhanced_override_reason = True, "Key witness, very distressed"
    cases.update_case(db, case)
    assert statutory(case)[0].due_at == end_of(2026, 3, 6)


def test_promises_are_met_only_by_choice(db):
    case = open_case(db)
    promise = commitments.add_promise(db, case, "Call after the CPS meeting", end_of(2026, 3, 13))
    contact = cases.log_contact(db, case, spoke(local(2026, 3, 12, 10, 0)))
    assert [c for c in case.commitments if c.kind == "promise"][0].met_at is None
    commitments.meet_by_choice(db, case, promise.id, contact)
    assert [c for c in case.commitments if c.kind == "promise"][0].status(local(2026, 3, 20)) == "met"
    with pytest.raises(ValidationError):
        commitments.add_promise(db, case, "   ", end_of(2026, 3, 13))


def test_waiving_needs_a_reason(db):
    case = open_case(db)
    promise = commitments.add_promise(db, case, "Send leaflet", end_of(2026, 3, 13))
    with pytest.raises(ValidationError):
        commitments.waive(db, case, promise.id, "")
    commitments.waive(db, case, promise.id, "Victim declined")
    assert case.commitments[0].status(local(2026, 3, 20)) == "waived"


def test_worklist_buckets_and_order(db):
    now = local(2026, 3, 10, 12, 0)  # Tuesday
    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))   # due 6th: overdue
    commitments.add_promise(db, case, "Ring back today", end_of(2026, 3, 10))         # today
    commitments.add_promise(db, case, "Send letter", end_of(2026, 3, 15))             # this week
    commitments.add_promise(db, case, "Much later", end_of(2026, 4, 30))              # not shown
    closed = open_case(db)
    commitments.add_promise(db, closed, "Closed case promise", end_of(2026, 3, 10))
    closed.status, closed.closed_at, closed.closure_reason = "closed", now, "Finished"
    cases.update_case(db, closed)
    items = commitments.worklist(db, now)
    assert [(i.bucket, i.reason) for i in items] == [
        ("overdue", "Inform the victim: suspect arrested"),
        ("today", "Ring back today"),
        ("week", "Send letter"),
    ]
    assert items[0].victim_name == "Ana Ferreira"
    assert items[0].safe_contact.voicemail_ok is None


def test_compliance_on_a_hand_built_set(db):
    a = open_case(db)
    cases.record_event(db, a, CaseEvent("arrested", local(2026, 3, 2, 10, 0)))   # due 3 Mar
    cases.log_contact(db, a, spoke(local(2026, 3, 3, 10, 0)))                   # on time
    cases.record_event(db, a, CaseEvent("bailed", local(2026, 3, 4, 10, 0)))     # due 5 Mar
    cases.log_contact(db, a, spoke(local(2026, 3, 9, 10, 0)))                   # late
    b = open_case(db, "burglary")
    cases.record_event(db, b, CaseEvent("charged", local(2026, 3, 5, 10, 0)))    # due 12 Mar, open
    cases.record_event(db, b, CaseEvent("arrested", local(2026, 1, 5, 10, 0)))   # outside period
    report = commitments.compliance(db, date(2026, 3, 1), date(2026, 3, 31))
    overall = report.overall
    assert (overall.due, overall.met_on_time, overall.met_late, overall.still_open) == (3, 1, 1, 1)
    assert overall.on_time_rate == pytest.approx(1 / 3)
    assert report.by_case[a.reference].on_time_rate == pytest.approx(0.5)
    assert report.by_case[b.reference].on_time_rate == 0
    with pytest.raises(ValidationError):
        commitments.compliance(db, date(2026, 3, 31), date(2026, 3, 1))


def test_replaying_the_facts_gives_what_the_live_app_stored(db):
    case = open_case(db, agreement=ContactAgreement(frequency_days=14, start_date=date(2026, 3, 2)))
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 5, 17, 0), outcome="voicemail_left"))
    cases.log_contact(db, case, spoke(local(2026, 3, 6, 9, 0)))
    cases.record_event(db, case, CaseEvent("charged", local(2026, 3, 20, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 26, 9, 0), covered=[]))
    stored = records.load_case(db, case.id)
    derived = replay(stored, load_rules(stored.code_version))

    def facts(items):
        return sorted((c.kind, c.reason, c.due_at, c.event_id, c.met_by_contact_id, c.met_at)
                      for c in items)

    assert facts(derived) == facts(stored.commitments)


def test_moving_to_another_code_version_recomputes_with_its_rules(db, tmp_path, monkeypatch):
    from victimcare.domain import code_rules

    draft = (code_rules.rules_dir() / "victims-code-2020.toml").read_text("utf-8")
    draft = draft.replace('code_version = "victims-code-2020"', 'code_version = "draft-2026"')
    draft = draft.replace("standard = 5, enhanced = 1", "standard = 5, enhanced = 2")
    rules_folder = tmp_path / "rules"
    rules_folder.mkdir()
    (rules_folder / "draft-2026.toml").write_text(draft, "utf-8")
    (rules_folder / "victims-code-2020.toml").write_text(
        (code_rules.rules_dir() / "victims-code-2020.toml").read_text("utf-8"), "utf-8")
    monkeypatch.setattr(code_rules, "rules_dir", lambda: rules_folder)
    code_rules.load_rules.cache_clear()
    try:
        case = open_case(db)
        cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
        assert statutory(case)[0].due_at == end_of(2026, 3, 6)
        with pytest.raises(code_rules.RulesError):
            cases.move_to_code_version(db, case, "no-such-code")
        assert case.code_version == "victims-code-2020"
        cases.move_to_code_version(db, case, "draft-2026")
        assert records.load_case(db, case.id).code_version == "draft-2026"
        assert statutory(case)[0].due_at == end_of(2026, 3, 9)
    finally:
        code_rules.load_rules.cache_clear()


def test_closing_a_case_waives_what_is_still_owed(db):
    case = open_case(db, agreement=ContactAgreement(frequency_days=14, start_date=date(2026, 3, 2)))
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    with pytest.raises(ValidationError) as refused:
        cases.close_case(db, case, "", date(2020, 1, 1), now=local(2026, 3, 20, 9, 0))
    assert {p.field for p in refused.value.problems} == {"closure_reason", "retention_review_date"}
    assert case.status == "open"
    cases.close_case(db, case, "NFA: victim withdrew", date(2033, 3, 20), now=local(2026, 3, 20, 9, 0))
    stored = records.load_case(db, case.id)
    assert stored.status == "closed" and stored.retention_review_date == date(2033, 3, 20)
    assert {c.status(local(2026, 6, 1)) for c in stored.commitments} == {"waived"}
    assert all(c.waived_reason == "Case closed: NFA: victim withdrew" for c in stored.commitments)
    assert commitments.worklist(db, local(2026, 3, 21, 9, 0)) == []


def test_case_list_filters_enhanced_and_overdue(db):
    sexual = open_case(db)                                           # enhanced: sexual offence
    burglary = open_case(db, "burglary")                             # standard
    young = cases.new_case(db, Victim("Kai", "Lee", date_of_birth=date(2010, 1, 1)), "burglary",
                           offence_date=date(2026, 2, 20), now=OPENED)  # under 18 at offence
    assert cases.enhanced_case_ids(db) == {sexual.id, young.id}
    cases.record_event(db, burglary, CaseEvent("arrested", local(2026, 3, 2, 10, 0)))
    assert cases.overdue_case_ids(db) == {burglary.id}


def test_a_back_dated_contact_does_not_meet_the_agreed_contact_or_pull_it_forward(db):
    case = open_case(db, agreement=ContactAgreement(frequency_days=14, start_date=date(2026, 3, 2)))
    cases.log_contact(db, case, spoke(local(2026, 3, 10, 11, 0), covered=[]))
    cases.log_contact(db, case, spoke(local(2026, 3, 5, 11, 0), covered=[]))  # entered late
    agreed = [c for c in case.commitments if c.kind == "agreed"]
    open_agreed = [c for c in agreed if c.met_at is None]
    assert [c.due_at for c in open_agreed] == [end_of(2026, 3, 24)]
    assert all(c.met_by_contact_id != case.contacts[-1].id for c in agreed)
    cases.update_case(db, case)  # any later edit leaves it where it is
    assert [c.due_at for c in case.commitments if c.kind == "agreed" and c.met_at is None] == [
        end_of(2026, 3, 24)]


def test_an_amendment_that_turns_a_call_into_an_attempt_un_meets_what_it_met(db):
    from victimcare.domain.model import ContactAmendment

    case = open_case(db, agreement=ContactAgreement(frequency_days=14, start_date=date(2026, 3, 2)))
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 4, 9, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 5, 11, 0), covered=[]))
    call = cases.log_contact(db, case, spoke(local(2026, 3, 10, 11, 0)))
    assert statutory(case)[0].met_by_contact_id == call.id
    cases.amend_contact(db, case, call, ContactAmendment(
        "It went to no answer", call.occurred_at, "phone", "to_victim", "victim", "no_answer",
        ["investigation_update"], "No answer"))
    stored = records.load_case(db, case.id)
    assert statutory(stored)[0].met_at is None  # the update was never given
    open_agreed = [c for c in stored.commitments if c.kind == "agreed" and c.met_at is None
                   and c.waived_at is None]
    assert [c.due_at for c in open_agreed] == [end_of(2026, 3, 19)]  # from the 5 March call
    waived = [c for c in stored.commitments if c.waived_at is not None]
    assert all(c.waived_reason for c in waived)


def test_an_amendment_that_only_moves_the_time_keeps_the_meeting_at_the_new_time(db):
    from victimcare.domain.model import ContactAmendment

    case = open_case(db)
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 4, 9, 0)))
    call = cases.log_contact(db, case, spoke(local(2026, 3, 5, 11, 0)))
    cases.amend_contact(db, case, call, ContactAmendment(
        "Wrong time", local(2026, 3, 5, 9, 30), "phone", "to_victim", "victim", "spoke",
        ["investigation_update"], "Update given"))
    [met] = statutory(records.load_case(db, case.id))
    assert met.met_by_contact_id == call.id and met.met_at == local(2026, 3, 5, 9, 30)


def test_a_new_agreement_counts_from_its_start_not_from_an_older_call(db):
    case = open_case(db)
    cases.log_contact(db, case, spoke(local(2026, 3, 3, 11, 0), covered=[]))
    case.agreement = ContactAgreement(frequency_days=14, start_date=date(2026, 4, 1))
    cases.update_case(db, case)
    [agreed] = [c for c in case.commitments if c.kind == "agreed"]
    assert agreed.due_at == end_of(2026, 4, 15)


def test_a_promise_can_be_marked_met_by_a_conversation_already_logged(db, monkeypatch):
    case = open_case(db)
    before = cases.log_contact(db, case, spoke(local(2026, 3, 9, 10, 0)))
    monkeypatch.setattr(commitments, "utc_now", lambda: local(2026, 3, 9, 12, 0))
    promise = commitments.add_promise(db, case, "Call after the CPS meeting", end_of(2026, 3, 13))
    attempt = cases.log_contact(db, case, spoke(local(2026, 3, 10, 9, 0), outcome="no_answer"))
    kept = cases.log_contact(db, case, spoke(local(2026, 3, 11, 15, 0)))
    promise = next(c for c in case.commitments if c.kind == "promise")
    # Only conversations since the promise was recorded: not the call it was made in, not
    # an attempt.
    assert [c.id for c in commitments.entries_that_could_meet(case, promise)] == [kept.id]
    for refused in (before, attempt):
        with pytest.raises(ValidationError, match="Choose a conversation logged since"):
            commitments.meet_by_entry(db, case, promise.id, refused.id)
    logged = len(case.contacts)
    commitments.meet_by_entry(db, case, promise.id, kept.id)
    stored = records.load_case(db, case.id)
    [met] = [c for c in stored.commitments if c.kind == "promise"]
    assert met.met_by_contact_id == kept.id and met.met_at == local(2026, 3, 11, 15, 0)
    assert len(stored.contacts) == logged  # nothing logged twice
    assert commitments.entries_that_could_meet(stored, met) == []  # met: nothing to offer


def test_the_today_list_reads_open_commitments_from_their_own_index(db):
    # Checked on a fresh store, without the statistics that would steer the planner there.
    plan = " | ".join(r["detail"] for r in db.all(
        "EXPLAIN QUERY PLAN " + stored_commitments.WORKLIST_SQL, ("2026-03-10T00:00:00+00:00",)))
    assert plan.startswith("SEARCH m USING INDEX commitments_open"), plan
    assert "TEMP B-TREE" not in plan  # already in due order: no sort
