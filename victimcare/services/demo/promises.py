"""The promises an officer makes in conversation ("I'll ring you back with the hearing
time"), and whether a later contact kept them.

Only promises: statutory and agreed commitments are derived from the Code rules.
"""

from __future__ import annotations

from datetime import timedelta

from victimcare.domain.model import Case, Commitment
from victimcare.services.demo.draws import pick
from victimcare.services.demo.moments import local_day, london_time, next_working_day
from victimcare.services.demo.story import CaseStory

PROMISES: dict[str, tuple[str, ...]] = {
    "early": ("Confirm the referral to {support_a} has been picked up",
              "Post the Code leaflet in large print",
              "Call back once the officer in the case is back from leave",
              "Find out when the phone will be returned"),
    "investigation": ("Call after the CPS meeting", "Chase the lab for the forensic results",
                      "Check whether bail conditions include an exclusion zone",
                      "Find out when the phone will be returned"),
    "court": ("Ring back with the hearing time", "Send the Victim Personal Statement form",
              "Book the court familiarisation visit", "Call after the CPS meeting"),
    "after_nfa": ("Send the right-to-review form", "Call back once the review is logged"),
    "after_sentence": ("Call back with the CICA reference",
                       "Ring once probation confirms the VCS officer"),
    "after": ("Call back with the CICA reference", "Check in after the weekend"),
}


def promise_stage(stage: str) -> str:
    """Which of the PROMISES lists fits an investigation at `stage` (see CaseStory.stage)."""
    if stage in ("no_suspect", "pre_arrest"):
        return "early"
    if stage in ("investigation", "bail", "rui"):
        return "investigation"
    if stage in ("court", "sentence"):
        return "court"
    return stage if stage in ("after_nfa", "after_sentence") else "after"


def draw_promises(story: CaseStory, case: Case) -> list[Commitment]:
    """A few promises the officer made in conversation, some met by a later contact."""
    rng = story.rng
    made: list[Commitment] = []
    contacts = case.contacts
    seeds = list(story.promise_seeds)
    if case.status == "open" and contacts and rng.random() < 0.25:
        last_spoke = [c for c in contacts[-4:] if c.outcome == "spoke"
                      and c.direction == "to_victim"]
        if last_spoke:
            stage = promise_stage(story.stage(last_spoke[-1].occurred_at))
            reason = pick(rng, PROMISES[stage]).format(**story.words(case))
            seeds.append((last_spoke[-1], reason))
    for contact, reason in seeds[:3]:
        if contact.id is None or all(contact is not c for c in contacts):
            continue
        created = contact.recorded_at or contact.occurred_at
        due_day = next_working_day(local_day(created) + timedelta(days=rng.randint(1, 7)))
        commitment = Commitment(kind="promise", reason=reason,
                                due_at=london_time(due_day, 17, 0), created_at=created)
        later = [c for c in contacts if c.occurred_at > created
                 and c.outcome in ("spoke", "replied")]
        if later and rng.random() < 0.85:
            met_by = later[0] if rng.random() < 0.8 else later[min(1, len(later) - 1)]
            commitment.met_by_contact_id = met_by.id
            commitment.met_at = met_by.occurred_at
        elif case.status == "closed" or local_day(created) < story.today - timedelta(days=30):
            # A closed case leaves no promise hanging, and an officer who carries a case
            # for months has long since kept or overtaken an old one.
            continue
        made.append(commitment)
    return made
