"""The contact log of one fictional case: an initial contact, an update after each day with
events (retried until someone is reached), routine calls inside the safe window, a closing
call, and now and then an amendment that corrects an entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from victimcare.domain.model import Case, CaseEvent, Contact, ContactAmendment
from victimcare.domain.vocabulary import SUCCESSFUL_OUTCOMES
from victimcare.services.demo.draws import pick
from victimcare.services.demo.moments import (
    local_day,
    london_time,
    minutes_of_day,
    next_working_day,
)
from victimcare.services.demo.narratives import what_was_said
from victimcare.services.demo.promises import PROMISES, promise_stage
from victimcare.services.demo.story import CaseStory


def draw_contacts(story: CaseStory, case: Case, opened_at: datetime,
                  end: datetime) -> list[Contact]:
    rng = story.rng
    if end <= opened_at:
        end = opened_at + timedelta(hours=1)
    life_days = max(0, (end - opened_at).days)
    if life_days < 7:
        target = rng.randint(3, 6)
    else:
        target = max(5, min(60, round(6 + life_days / 9 + rng.gauss(0, 5))))
    if case.agreement.opted_out or case.agreement.paused:
        target = max(5, target // 2)
    contacts: list[Contact] = []

    first = opened_at + timedelta(minutes=rng.randint(15, 120))
    contacts.append(_contact(story, case, first, "initial"))
    # Each day with events gets an update soon after (the statutory duty to tell).
    by_day: dict[date, list[CaseEvent]] = {}
    for event in case.events:
        by_day.setdefault(local_day(event.occurred_at), []).append(event)
    for day_events in by_day.values():
        told_after = day_events[-1].occurred_at
        moment = told_after + timedelta(minutes=rng.randint(30, 60 * 26))
        moment = _fit_window(story, case, moment, not_before=told_after)
        if moment >= end:
            continue
        contact = _contact(story, case, moment, "event", day_events)
        contacts.append(contact)
        if contact.outcome not in SUCCESSFUL_OUTCOMES:
            retry = _fit_window(story, case, moment + timedelta(hours=rng.randint(2, 30)),
                                not_before=moment + timedelta(minutes=30))
            if retry < end:
                contacts.append(_contact(story, case, retry, "event", day_events,
                                         force_spoke=True))
    span = (end - opened_at).total_seconds()
    per_day: dict[date, list[datetime]] = {}
    for contact in contacts:
        per_day.setdefault(local_day(contact.occurred_at), []).append(contact.occurred_at)
    attempts = 0
    while len(contacts) < target and attempts < target * 4:
        attempts += 1
        moment = _fit_window(story, case, opened_at + timedelta(seconds=rng.random() * span),
                             not_before=opened_at)
        if not opened_at < moment < end:
            continue
        # Once the outcome is known there is less to say, so calls thin out.
        if story.stage(moment).startswith("after") and rng.random() < 0.6:
            continue
        # At most two routine contacts a day, and not minutes apart.
        same_day = per_day.setdefault(local_day(moment), [])
        if len(same_day) >= 2 or any(abs(moment - t) < timedelta(minutes=90)
                                     for t in same_day):
            continue
        same_day.append(moment)
        contacts.append(_contact(story, case, moment, "routine"))
    contacts.sort(key=lambda c: c.occurred_at)
    if case.status == "closed" and case.closed_at is not None:
        moment = _fit_window(story, case, case.closed_at, same_day=True)
        if moment >= case.closed_at:
            moment -= timedelta(days=1)
        moment = max(moment, contacts[-1].occurred_at + timedelta(minutes=rng.randint(5, 40)))
        if moment < case.closed_at:
            contacts.append(_contact(story, case, moment, "closing"))
    return [c for c in contacts if c.occurred_at <= story.limit]


def _fit_window(story: CaseStory, case: Case, moment: datetime, same_day: bool = False,
                not_before: datetime | None = None) -> datetime:
    """Move a call to a working day and a time inside the victim's safe call window,
    never earlier than `not_before` (a call about an arrest comes after the arrest)."""
    rng = story.rng
    day = local_day(moment)
    if not same_day and rng.random() < 0.9:
        day = next_working_day(day)
    safe = case.safe_contact
    lo, hi = 8 * 60 + 30, 18 * 60 + 30
    if safe.call_from and safe.call_until:
        lo, hi = minutes_of_day(safe.call_from), minutes_of_day(safe.call_until) - 5
    minute = rng.randint(lo, max(lo, hi))
    fitted = london_time(day, minute // 60, minute % 60)
    while not_before is not None and fitted <= not_before:
        day = next_working_day(day + timedelta(days=1))
        fitted = london_time(day, minute // 60, minute % 60)
    return fitted


def _contact(story: CaseStory, case: Case, moment: datetime, purpose: str,
             events: list[CaseEvent] | None = None, force_spoke: bool = False) -> Contact:
    rng = story.rng
    safe = case.safe_contact
    agreement = case.agreement
    direction = "to_victim"
    if purpose == "routine" and rng.random() < 0.22:
        direction = "from_victim"

    # How: the agreed method about half the time, otherwise whatever is safe.
    if purpose in ("initial", "closing"):
        method = rng.choices(("phone", "visit"), weights=(3, 2))[0]
    elif rng.random() < 0.55:
        method = agreement.method
    else:
        method = rng.choices(("phone", "sms", "email", "visit", "video", "letter"),
                             weights=(60, 12, 8, 8, 6, 3))[0]
    if direction == "from_victim" and method in ("visit", "video", "letter"):
        method = "phone"
    if method == "sms" and safe.texts_ok is not True:
        method = "phone"
    if method == "email" and (safe.email_ok is not True or not case.victim.email):
        method = "phone"
    if method == "letter" and safe.letters_ok is not True:
        method = "phone"

    # Who.
    with_whom = "victim"
    if agreement.through_whom != "victim" and rng.random() < 0.75:
        with_whom = agreement.through_whom
    elif story.under_18 and rng.random() < 0.3:
        with_whom = "parent_guardian"
    elif case.victim.interpreter_needed and method in ("phone", "visit", "video") \
            and rng.random() < 0.5:
        with_whom = "interpreter"
    elif "ntermediary" in case.victim.communication_needs and method != "letter" \
            and rng.random() < 0.4:
        with_whom = "intermediary"

    # What came of it.
    if method in ("phone", "video", "visit"):
        if force_spoke or direction == "from_victim" or purpose in ("initial", "closing"):
            outcome = "spoke"
        else:
            roll = rng.random()
            if roll < 0.7 or (method == "visit" and roll < 0.9):
                outcome = "spoke"
            elif roll < 0.97 and method == "phone" and safe.voicemail_ok is True \
                    and roll >= 0.85:
                outcome = "voicemail_left"
            elif roll >= 0.97 and with_whom == "victim":
                outcome = "declined"
            else:
                outcome = "no_answer"
    elif method == "letter":
        outcome = "letter_sent"
    else:
        outcome = "replied" if direction == "from_victim" else "message_sent"

    kinds = [e.kind for e in events or []]
    stage = story.stage(moment)
    narrative, covered = what_was_said(story, case, purpose, method, with_whom, direction,
                                       outcome, kinds, stage)
    contact = Contact(
        occurred_at=moment, method=method, direction=direction, with_whom=with_whom,
        outcome=outcome, covered=covered, narrative=narrative,
        recorded_at=moment + timedelta(minutes=rng.randint(2, 110)),
        officer_id=story.officer_id,
    )
    if rng.random() < 0.025:
        amendment = _amendment(story, contact)
        if amendment is not None:
            contact.amendments.append(amendment)
    if outcome == "spoke" and direction == "to_victim" and purpose != "closing" \
            and rng.random() < 0.05:
        reason = pick(rng, PROMISES[promise_stage(stage)])
        story.promise_seeds.append((contact, reason.format(**story.words(case))))
    return contact


def _amendment(story: CaseStory, contact: Contact) -> ContactAmendment | None:
    rng = story.rng
    amended_at = contact.recorded_at + timedelta(minutes=rng.randint(10, 60 * 48))
    if amended_at > story.limit + timedelta(hours=2):
        return None
    corrected = ContactAmendment(
        reason="", occurred_at=contact.occurred_at, method=contact.method,
        direction=contact.direction, with_whom=contact.with_whom, outcome=contact.outcome,
        covered=list(contact.covered), narrative=contact.narrative, amended_at=amended_at,
        officer_id=story.officer_id,
    )
    roll = rng.random()
    if roll < 0.4:
        shift = timedelta(minutes=rng.choice((-60, -45, -30, -15, 15, 30)))
        return replace(corrected, reason="Wrong time recorded",
                       occurred_at=contact.occurred_at + shift)
    if roll < 0.6 and contact.method in ("phone", "video"):
        return replace(corrected, reason="Wrong method selected: it was a "
                       + ("video call" if contact.method == "phone" else "phone call"),
                       method="video" if contact.method == "phone" else "phone")
    if roll < 0.75 and contact.outcome == "no_answer" and contact.method == "phone":
        return replace(corrected, reason="Outcome recorded wrongly: a voicemail was left",
                       outcome="voicemail_left",
                       narrative="Left a short voicemail asking for a call back; no details "
                                 "given.")
    if roll < 0.85 and contact.outcome in SUCCESSFUL_OUTCOMES and "investigation_update" not in \
            contact.covered:
        return replace(corrected, reason="Investigation update given but not ticked",
                       covered=[*contact.covered, "investigation_update"])
    return replace(corrected, reason="Added detail left out of the first note",
                   narrative=contact.narrative + " " + pick(rng, (
                       "Victim also asked that we don't call on Mondays.",
                       "ISVA was on the call too.",
                       "Gave the 101 & 999 advice again.",
                       "She asked for this to be noted: \"I'm not withdrawing\".")))
