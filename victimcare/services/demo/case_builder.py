"""One whole fictional case, drawn part by part in the order the random draws have always
been made: the case and its victim, what happened in the investigation and whether it closed,
how the victim may be contacted, the contact log, then the care plan.

The order is the output: drawing any part earlier or later changes every case after it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from victimcare.domain.model import Case
from victimcare.services.cases import CURRENT_CODE_VERSION
from victimcare.services.demo.care_plan import draw_care_plan
from victimcare.services.demo.contact_log import draw_contacts
from victimcare.services.demo.draws import pick, weighted
from victimcare.services.demo.investigation import close_case, draw_events
from victimcare.services.demo.moments import local_day
from victimcare.services.demo.offences import OFFENCE_WEIGHTS
from victimcare.services.demo.safe_contact import draw_agreement, draw_safe_contact
from victimcare.services.demo.story import CaseStory
from victimcare.services.demo.victim import draw_victim


def build_case(story: CaseStory, reference: str, opened_at: datetime) -> Case:
    """The whole case graph except its commitments, which need the stored row ids."""
    rng = story.rng
    category = weighted(rng, OFFENCE_WEIGHTS)
    opened_day = local_day(opened_at)
    victim, gender, age_at_offence, offence_date = draw_victim(story, category, opened_day)
    story.meet_victim(victim.preferred_name or victim.given_names.split()[0], gender,
                      age_at_offence, category)

    case = Case(
        reference=reference,
        offence_category=category,
        code_version=CURRENT_CODE_VERSION,
        victim=victim,
        crime_reference=f"{rng.randint(1000000, 9999999)}/{opened_day.year % 100:02d}",
        offence_date=offence_date,
        opened_at=opened_at,
        officer_id=story.officer_id,
    )
    case.persistently_targeted = rng.random() < (0.35 if category == "stalking_harassment"
                                                 else 0.06)
    if rng.random() < 0.02:
        case.enhanced_override = True
        case.enhanced_override_reason = (
            "Victim very distressed about giving evidence: treat as intimidated.")
    if (opened_day - offence_date).days > 365:
        case.notes = pick(rng, (
            "Non-recent report; victim disclosed to a school counsellor first.",
            "Non-recent: reported after seeing the suspect in the news <name withheld>.",
            "Non-recent report; victim wants to be kept informed but not pressured."))
    elif rng.random() < 0.2:
        notes = ["Linked to another report on the same suspect (see crime reference notes).",
                 "Victim works nights: best contact mid-afternoon.",
                 "Reported via the online form & followed up by phone."]
        if category == "sexual_offence":
            notes.append("Third-party report by a friend; victim engaged after SARC visit.")
        case.notes = pick(rng, notes)

    withdraw_day: date | None = None
    if rng.random() < 0.06:
        candidate = opened_day + timedelta(days=rng.randint(20, 240))
        if candidate < story.today - timedelta(days=1):
            withdraw_day = candidate
    # Nothing more happens in an investigation from the day the victim withdraws.
    horizon = (withdraw_day - timedelta(days=1) if withdraw_day is not None
               else story.today - timedelta(days=1))
    case.events, ending = draw_events(story, category, opened_at, horizon)
    story.events, story.ending = case.events, ending
    close_case(story, case, ending, withdraw_day, opened_day)

    case.safe_contact = draw_safe_contact(story, category)
    case.agreement = draw_agreement(story, victim, opened_day, case)
    end = case.closed_at if case.closed_at is not None else story.limit
    case.contacts = draw_contacts(story, case, opened_at, min(end, story.limit))
    case.care_plan = draw_care_plan(story, case, opened_day)
    return case
