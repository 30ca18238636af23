"""What the officer owes the victim, derived from events, contacts and the contact agreement.

The same functions serve the live app (one fact at a time) and the importer (replaying a
case's facts in time order), so both always agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from victimcare.domain.code_rules import CodeRules
from victimcare.domain.conversation import is_conversation
from victimcare.domain.eligibility import eligibility
from victimcare.domain.model import Case, CaseEvent, Commitment, Contact, ContactAgreement
from victimcare.domain.timeutil import london
from victimcare.domain.working_days import (
    end_of_day,
    previous_working_day_on_or_before,
    working_day_deadline,
)


def statutory_for(event: CaseEvent, rules: CodeRules, enhanced: bool,
                  created_at: datetime) -> Commitment | None:
    """'Inform the victim of <event>' due within the Code's working days, if the event obliges."""
    rule = rules.events.get(event.kind)
    if rule is None or not rule.obliges_update:
        return None
    days = rule.working_days(enhanced)
    return Commitment(
        kind="statutory",
        reason=f"Inform the victim: {rule.label.lower()}",
        due_at=working_day_deadline(event.occurred_at, days),
        event_id=event.id,
        created_at=created_at,
    )


def statutory_due(event: CaseEvent, rules: CodeRules, enhanced: bool) -> datetime | None:
    rule = rules.events.get(event.kind)
    if rule is None or not rule.obliges_update:
        return None
    return working_day_deadline(event.occurred_at, rule.working_days(enhanced))


def is_successful(contact: Contact, case: Case) -> bool:
    """The entry, as it now reads, is a conversation that counts (the one rule in
    domain.conversation, which the contact log on screen and on paper use too)."""
    return is_conversation(contact.current, case)


def agreed_due(last_contact_day: date, frequency_days: int) -> datetime:
    """N calendar days on; when that is not a working day, the working day before it."""
    return end_of_day(previous_working_day_on_or_before(
        last_contact_day + timedelta(days=frequency_days)))


def agreement_active(agreement: ContactAgreement) -> bool:
    return bool(agreement.frequency_days) and not agreement.opted_out and not agreement.paused


def next_agreed(agreement: ContactAgreement, from_day: date, created_at: datetime) -> Commitment | None:
    if not agreement_active(agreement):
        return None
    return Commitment(
        kind="agreed",
        reason=f"Agreed contact every {agreement.frequency_days} days",
        due_at=agreed_due(from_day, agreement.frequency_days),
        created_at=created_at,
    )


def is_open(commitment: Commitment) -> bool:
    return commitment.met_at is None and commitment.waived_at is None


def due_next(commitments: list[Commitment]) -> Commitment | None:
    """The open commitment with the earliest due time (overdue ones come first by that)."""
    still_open = [c for c in commitments if is_open(c)]
    return min(still_open, key=lambda c: (c.due_at, c.id or 0), default=None)


def default_meets(open_commitments: list[Commitment], contact: Contact, case: Case,
                  events: dict[int, CaseEvent],
                  latest_success: datetime | None = None) -> list[Commitment]:
    """Which open commitments a newly logged contact meets unless the officer unticks them.

    A successful contact that covered an investigation update meets every open statutory
    commitment whose event came before it; any successful contact meets the open agreed
    contact, unless it is older than the latest successful contact already logged (a
    back-dated entry cannot keep a promise made after it) or than the agreement itself.
    Promises are met only by the officer's choice. Attempts meet nothing.
    """
    if not is_successful(contact, case):
        return []
    agreement = case.agreement
    view = contact.current
    chosen = []
    for commitment in open_commitments:
        if not is_open(commitment):
            continue
        if commitment.kind == "agreed":
            after_latest = latest_success is None or view.occurred_at >= latest_success
            after_start = (agreement.start_date is None
                           or london(view.occurred_at).date() >= agreement.start_date)
            if after_latest and after_start:
                chosen.append(commitment)
        elif commitment.kind == "statutory" and "investigation_update" in view.covered:
            event = events.get(commitment.event_id) if commitment.event_id else None
            if event is not None and event.occurred_at <= view.occurred_at:
                chosen.append(commitment)
    return chosen


def agreement_start_day(case: Case) -> date:
    if case.agreement.start_date is not None:
        return case.agreement.start_date
    return london(case.opened_at).date() if case.opened_at else date.today()


def replay(case: Case, rules: CodeRules) -> list[Commitment]:
    """Derive the statutory and agreed commitments of a case from its facts, in time order,
    exactly as if each event and contact had been entered by hand as it happened.

    Events and contacts must carry their stored ids. Promises are not derived (they are the
    officer's free choice) and are left to the caller.
    """
    enhanced = eligibility(case, rules).enhanced
    events_by_id = {e.id: e for e in case.events if e.id is not None}
    facts: list[tuple[datetime, int, CaseEvent | Contact]] = []
    facts.extend((e.occurred_at, 0, e) for e in case.events)
    facts.extend((c.current.occurred_at, 1, c) for c in case.contacts)
    facts.sort(key=lambda fact: (fact[0], fact[1], fact[2].id or 0))

    derived: list[Commitment] = []
    start_day = agreement_start_day(case)
    first_agreed = next_agreed(case.agreement, start_day, _created(case, start_day))
    if first_agreed is not None:
        derived.append(first_agreed)
    for _, _, fact in facts:
        if isinstance(fact, CaseEvent):
            commitment = statutory_for(fact, rules, enhanced, fact.recorded_at or fact.occurred_at)
            if commitment is not None:
                derived.append(commitment)
            continue
        moment = fact.current.occurred_at
        met = default_meets(derived, fact, case, events_by_id)
        for commitment in met:
            commitment.met_by_contact_id = fact.id
            commitment.met_at = moment
        if any(c.kind == "agreed" for c in met):
            follow_on = next_agreed(case.agreement, london(moment).date(), moment)
            if follow_on is not None:
                derived.append(follow_on)
    if case.agreement.frequency_days and not agreement_active(case.agreement):
        # Opted out or paused: the agreed commitment is shown waived with the reason, never
        # silently dropped. The history of pauses is not kept, so the waiver is dated at the
        # latest known fact.
        derived.append(Commitment(
            kind="agreed", reason=f"Agreed contact every {case.agreement.frequency_days} days",
            due_at=agreed_due(start_day, case.agreement.frequency_days),
            created_at=_created(case, start_day),
            waived_at=facts[-1][0] if facts else _created(case, start_day),
            waived_reason=case.agreement.waiver_reason,
        ))
    derived.sort(key=lambda c: (c.due_at, c.created_at or c.due_at))
    return derived


def _created(case: Case, start_day: date) -> datetime:
    return case.opened_at or end_of_day(start_day)
