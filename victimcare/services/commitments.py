"""Commitments in the live app: create, meet, waive and recompute them as facts arrive,
and the queries the Today screen and the reports use."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from victimcare.domain import commitment_rules as rules_of
from victimcare.domain.code_rules import CodeRules, load_rules
from victimcare.domain.compliance import ComplianceFigures, ComplianceReport
from victimcare.domain.eligibility import eligibility
from victimcare.domain.model import Case, CaseEvent, Commitment, Contact
from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.validation import Problem, ValidationError
from victimcare.domain.working_days import end_of_day
from victimcare.domain.worklist import WorkItem, bucket
from victimcare.services import audit
from victimcare.services.action import case_action
from victimcare.store import commitments as stored
from victimcare.store.database import Database


def rules_for(case: Case) -> CodeRules:
    return load_rules(case.code_version)


def reload(db: Database, case: Case) -> None:
    case.commitments = stored.commitments_for_case(db, case.id)


# -- facts arriving -------------------------------------------------------------------------
def on_event_recorded(db: Database, case: Case, event: CaseEvent) -> Commitment | None:
    """A statutory 'inform the victim' commitment, due from the event's own time even when the
    event is recorded late: if that makes it overdue at once, that is the truth."""
    rules = rules_for(case)
    commitment = rules_of.statutory_for(event, rules, eligibility(case, rules).enhanced,
                                        event.recorded_at or utc_now())
    if commitment is not None:
        stored.add_commitment(db, case.id, commitment)
        reload(db, case)
    return commitment


def latest_success(case: Case, other_than: Contact | None = None) -> datetime | None:
    """When the victim was last actually spoken to (or replied), leaving one entry aside."""
    times = [c.current.occurred_at for c in case.contacts
             if c is not other_than and rules_of.is_successful(c, case)]
    return max(times, default=None)


def default_meets(case: Case, contact: Contact) -> list[Commitment]:
    events = {e.id: e for e in case.events}
    return rules_of.default_meets(case.commitments, contact, case, events,
                                  latest_success(case, other_than=contact))


def on_contact_logged(db: Database, case: Case, contact: Contact,
                      meets: list[int] | None = None) -> list[Commitment]:
    """Mark what the contact meets (the defaults unless `meets` names commitment ids)."""
    if meets is None:
        chosen = default_meets(case, contact)
    else:
        by_id = {c.id: c for c in case.commitments}
        unknown = [i for i in meets if i not in by_id or not rules_of.is_open(by_id[i])]
        if unknown:
            raise ValidationError([Problem("meets", "Only open commitments of this case can be met.")])
        chosen = [by_id[i] for i in meets]
        if chosen and not rules_of.is_successful(contact, case):
            raise ValidationError([Problem(
                "meets", "Only a successful contact (spoke, or the victim replied) can meet a "
                "commitment; an attempt is logged but meets nothing.")])
    moment = contact.current.occurred_at
    for commitment in chosen:
        stored.mark_met(db, commitment.id, contact.id, moment)
    if any(c.kind == "agreed" for c in chosen):
        follow_on = rules_of.next_agreed(case.agreement, london(moment).date(), utc_now())
        if follow_on is not None:
            stored.add_commitment(db, case.id, follow_on)
    reload(db, case)
    return chosen


def on_contact_amended(db: Database, case: Case, contact: Contact) -> None:
    """A corrected entry may no longer meet what it met (a 'spoke' that was really 'no
    answer', a time that was really before the arrest): un-meet those, move the meeting time
    of the rest, and reschedule the agreed contact from the real last conversation."""
    events = {e.id: e for e in case.events}
    view = contact.current
    successful = rules_of.is_successful(contact, case)
    for commitment in case.commitments:
        if commitment.met_by_contact_id != contact.id:
            continue
        still_meets = successful
        if commitment.kind == "statutory":
            event = events.get(commitment.event_id)
            still_meets = (successful and "investigation_update" in view.covered
                           and event is not None and event.occurred_at <= view.occurred_at)
        if still_meets:
            stored.move_met_time(db, commitment.id, view.occurred_at)
        else:
            stored.mark_unmet(db, commitment.id)
    reload(db, case)
    refresh_agreed(db, case)


def promise_problems(reason: str, due_at: datetime | None) -> list[Problem]:
    problems = []
    if not reason.strip():
        problems.append(Problem("reason", "Say what was promised."))
    if due_at is None:
        problems.append(Problem("due_at", "Say when the promise is due."))
    elif due_at.tzinfo is None:
        problems.append(Problem("due_at", "The time needs a time zone."))
    return problems


def add_promise(db: Database, case: Case, reason: str, due_at: datetime) -> Commitment:
    problems = promise_problems(reason, due_at)
    if problems:
        raise ValidationError(problems[:1])
    with case_action(db, case):
        return record_promise(db, case, reason, due_at)


def record_promise(db: Database, case: Case, reason: str, due_at: datetime) -> Commitment:
    """Store a checked promise as part of the caller's action."""
    with db.transaction():
        commitment = stored.add_commitment(db, case.id, Commitment(
            kind="promise", reason=reason.strip(), due_at=due_at, created_at=utc_now()))
        audit.record(db, "collection", case.reference, "promise recorded")
        reload(db, case)
    return commitment


def meet_by_choice(db: Database, case: Case, commitment_id: int, contact: Contact) -> None:
    with case_action(db, case):
        on_contact_logged(db, case, contact, meets=[commitment_id])
        audit.record(db, "alteration", case.reference, "commitment marked met")


def entries_that_could_meet(case: Case, commitment: Commitment) -> list[Contact]:
    """Contacts already logged that could meet an open promise, newest first: conversations
    (or replies) from when the promise was recorded on. Marking one of these met, rather than
    logging the same call again, keeps the contact log free of duplicate entries."""
    if commitment.kind != "promise" or not rules_of.is_open(commitment):
        return []
    since = commitment.created_at
    found = [c for c in case.contacts
             if rules_of.is_successful(c, case)
             and (since is None or c.current.occurred_at >= since)]
    return sorted(found, key=lambda c: (c.current.occurred_at, c.id or 0), reverse=True)


def meet_by_entry(db: Database, case: Case, commitment_id: int, contact_id: int) -> None:
    """Mark an open promise met by a contact already in the log."""
    commitment = next((c for c in case.commitments if c.id == commitment_id), None)
    if commitment is None:
        raise ValidationError([Problem("meets", "That commitment is not part of this case.")])
    contact = next((c for c in entries_that_could_meet(case, commitment) if c.id == contact_id),
                   None)
    if contact is None:
        raise ValidationError([Problem(
            "contact", "Choose a conversation logged since the promise was made.")])
    meet_by_choice(db, case, commitment_id, contact)


def waive(db: Database, case: Case, commitment_id: int, reason: str) -> None:
    if not reason.strip():
        raise ValidationError([Problem("reason", "Waiving a commitment needs a reason.")])
    with db.transaction():
        stored.mark_waived_if_open(db, case.id, commitment_id, utc_now(), reason.strip())
        audit.record(db, "alteration", case.reference, "commitment waived")
    reload(db, case)


# -- recomputing after a change of facts ------------------------------------------------------
def recompute_statutory(db: Database, case: Case) -> None:
    """Eligibility changed: move the due time of every open statutory commitment to match."""
    rules = rules_for(case)
    enhanced = eligibility(case, rules).enhanced
    events = {e.id: e for e in case.events}
    for commitment in case.commitments:
        if commitment.kind != "statutory" or not rules_of.is_open(commitment):
            continue
        event = events.get(commitment.event_id)
        due = rules_of.statutory_due(event, rules, enhanced) if event else None
        if due is not None and due != commitment.due_at:
            stored.move_due(db, commitment.id, due)
    reload(db, case)


def refresh_agreed(db: Database, case: Case) -> None:
    """Keep exactly one open agreed-contact commitment while an agreement is active; waive it
    (with the reason) on an opt-out or pause, or when the agreement ends."""
    open_agreed = [c for c in case.commitments if c.kind == "agreed" and rules_of.is_open(c)]
    agreement = case.agreement
    if rules_of.agreement_active(agreement):
        # From the last real conversation, but never from before the agreement began.
        last = latest_success(case)
        start = rules_of.agreement_start_day(case)
        from_day = max(london(last).date(), start) if last else start
        due = rules_of.agreed_due(from_day, agreement.frequency_days)
        reason = f"Agreed contact every {agreement.frequency_days} days"
        if open_agreed:
            first, extra = open_agreed[0], open_agreed[1:]
            if first.due_at != due or first.reason != reason:
                stored.move_due(db, first.id, due, reason)
            for commitment in extra:
                waive_row(db, commitment, "Replaced by the current contact agreement")
        else:
            stored.add_commitment(db, case.id, Commitment(
                kind="agreed", reason=reason, due_at=due, created_at=utc_now()))
    else:
        why = agreement.waiver_reason.strip() or "Contact agreement ended"
        if agreement.opted_out:
            why = f"Victim opted out: {why}"
        elif agreement.paused:
            why = f"Paused: {why}"
        for commitment in open_agreed:
            waive_row(db, commitment, why)
    reload(db, case)


def waive_row(db: Database, commitment: Commitment, reason: str,
              when: datetime | None = None) -> None:
    stored.mark_waived(db, commitment.id, when or utc_now(), reason)


# -- queries ----------------------------------------------------------------------------------
def worklist(db: Database, now: datetime | None = None, days_ahead: int = 7) -> list[WorkItem]:
    """Open commitments of open cases that are overdue, due today or due in the next 7 days,
    sorted by due time, each with the case's safe-contact rules."""
    now = now or utc_now()
    today = london(now).date()
    items = stored.open_commitments_due(db, end_of_day(today + timedelta(days=days_ahead)))
    end_today = end_of_day(today)
    for item in items:
        item.bucket = bucket(item.due_at, now, end_today)
    return items


def compliance(db: Database, start: date, end: date) -> ComplianceReport:
    """Victims' Code compliance: statutory commitments falling due from `start` to `end`
    (inclusive, Europe/London days)."""
    if end < start:
        raise ValidationError([Problem("to", "The end of the period is before its start.")])
    by_case = stored.statutory_figures_by_case(db, end_of_day(start - timedelta(days=1)),
                                               end_of_day(end))
    report = ComplianceReport(start, end, ComplianceFigures(), by_case)
    for figures in by_case.values():
        total = report.overall
        total.due += figures.due
        total.met_on_time += figures.met_on_time
        total.met_late += figures.met_late
        total.still_open += figures.still_open
        total.waived += figures.waived
    return report
