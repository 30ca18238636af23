"""The care plan of one fictional case: needs by area, actions with owners and due dates,
and referrals to support agencies with the victim's consent."""

from __future__ import annotations

import random
from datetime import date, timedelta

from victimcare.domain.model import CareAction, CareNeed, CarePlan, Case, Referral, Victim
from victimcare.services.demo.draws import pick
from victimcare.services.demo.moments import local_day
from victimcare.services.demo.names import SUPPORT_WORKERS
from victimcare.services.demo.story import CaseStory

CARE_ACTIONS: tuple[tuple[str, str, str], ...] = (
    # description, owner, when it applies
    ("Arrange SARC follow-up appointment", "{support}", "sexual"),
    ("Apply for a non-molestation order", "Victim with IDVA", "da"),
    ("Fit door & window alarms (cocooning)", "Crime prevention officer", "any"),
    ("Ask CPS about special measures", "OIC", "court"),
    ("Refer to GP for counselling", "Victim", "any"),
    ("Discuss a housing transfer with the council", "Housing officer", "any"),
    ("Return phone after the download", "OIC", "suspect"),
    ("Book a pre-trial court visit", "Witness Service", "court"),
    ("Send the Code leaflet in {interp}", "Liaison officer", "interp"),
    ("Book the same {interp} interpreter for every call", "Liaison officer", "interp"),
    ("Help with a CICA compensation claim", "{support}", "any"),
    ("Arrange an intermediary assessment", "OIC", "comm"),
    ("Send letters in the format {n} needs", "Liaison officer", "comm"),
    ("Check the school's safeguarding lead is aware", "Liaison officer", "child"),
    ("Add a marker to the address (urgent response)", "Liaison officer", "any"),
    ("Claim travel expenses for the ABE interview", "Liaison officer", "sexual"),
    ("Change phone number & set up a safe phone", "Victim with IDVA", "da"),
)


def draw_care_plan(story: CaseStory, case: Case, opened_day: date) -> CarePlan:
    rng = story.rng
    yesterday = story.today - timedelta(days=1)
    end_day = local_day(case.closed_at) if case.closed_at else yesterday
    if case.status == "closed":
        review = end_day
    else:
        review = story.today + timedelta(days=rng.randint(-14, 42))
    plan = CarePlan(review_date=review, notes=pick(rng, (
        "", "", "Plan agreed with the victim at the first visit.",
        "Reviewed with ISVA; priorities are safety & sleep.",
        "Victim has copy of plan (sent by secure email).")))

    areas = ["safety", "emotional_support", "criminal_justice"]
    extras = [a for a in ("health_wellbeing", "housing", "finance", "children_dependants",
                          "communication") if rng.random() < 0.35]
    if case.victim.interpreter_needed or case.victim.communication_needs:
        extras.append("communication")
    words = story.words(case)
    for area in areas + sorted(set(extras)):
        level = rng.choices(("none", "low", "medium", "high"), weights=(1, 3, 4, 3))[0]
        if area == "communication" and (case.victim.interpreter_needed
                                        or case.victim.communication_needs):
            level = rng.choice(("medium", "high"))
        plan.needs.append(CareNeed(area, level, _need_note(rng, area, level, case.victim,
                                                           words, case.offence_category)))

    applies = {"any"}
    if case.offence_category == "sexual_offence":
        applies.add("sexual")
    if case.offence_category in ("domestic_abuse", "stalking_harassment"):
        applies.add("da")
    if case.events:
        applies.add("suspect")
    if any(e.kind == "charged" for e in case.events):
        applies.add("court")
    if case.victim.interpreter_needed:
        applies.add("interp")
    if case.victim.communication_needs:
        applies.add("comm")
    if story.under_18:
        applies.add("child")
    possible = [a for a in CARE_ACTIONS if a[2] in applies]
    for description, owner, _ in rng.sample(possible, rng.randint(1, min(5, len(possible)))):
        description, owner = description.format(**words), owner.format(**words)
        created = opened_day + timedelta(days=rng.randint(0, max(0, (end_day - opened_day).days)))
        due = created + timedelta(days=rng.randint(3, 28))
        action = CareAction(description, owner, due)
        if due <= yesterday or case.status == "closed":
            action.status = rng.choices(("done", "cancelled", "open"),
                                        weights=(7, 1, 0 if case.status == "closed" else 2))[0]
        elif rng.random() < 0.2:
            action.status = "done"
        if action.status == "done":
            latest = min(due + timedelta(days=5), end_day)
            action.completed_on = created + timedelta(
                days=rng.randint(0, max(0, (latest - created).days)))
        plan.actions.append(action)

    for agency in _agencies(story, case):
        plan.referrals.append(_referral(story, agency, opened_day, end_day))
    return plan


def _agencies(story: CaseStory, case: Case) -> list[str]:
    rng = story.rng
    category = case.offence_category
    chosen: list[str] = []
    if category == "sexual_offence":
        chosen += ["isva"] + [a for a in ("sarc", "rape_crisis") if rng.random() < 0.6]
    elif category in ("domestic_abuse", "stalking_harassment"):
        chosen += ["idva"] + (["marac"] if rng.random() < 0.4 else [])
    else:
        chosen.append("victim_support")
    if story.under_18:
        chosen.append("childrens_social_care")
    if "mental_disorder" in case.victim.vulnerability_flags or rng.random() < 0.1:
        chosen.append("mental_health")
    if case.safe_contact.suspect_lives_with or rng.random() < 0.07:
        chosen.append("housing")
    if "impaired_intelligence_or_social_functioning" in case.victim.vulnerability_flags:
        chosen.append("adults_social_care")
    if rng.random() < 0.03:
        chosen.append("other")
    return list(dict.fromkeys(chosen))


def _referral(story: CaseStory, agency: str, opened_day: date, end_day: date) -> Referral:
    rng = story.rng
    referral = Referral(agency)
    roll = rng.random()
    if roll < 0.1 and agency not in ("marac", "childrens_social_care"):
        referral.consent = "not_asked"
        referral.notes = "To discuss at the next visit."
        return referral
    if roll < 0.2 and agency not in ("marac", "childrens_social_care"):
        referral.consent = "refused"
        referral.consent_date = opened_day + timedelta(days=rng.randint(0, 7))
        referral.consent_date = min(referral.consent_date, end_day)
        referral.status = "closed"
        referral.notes = "Victim declined for now; can be offered again."
        return referral
    referral.consent = "given"
    referral.consent_date = min(opened_day + timedelta(days=rng.randint(0, 10)), end_day)
    referral.referred_on = min(referral.consent_date + timedelta(days=rng.randint(0, 2)),
                               end_day)
    referral.status = rng.choices(("made", "accepted", "declined", "closed"),
                                  weights=(2, 6, 1, 2))[0]
    if agency in ("marac", "childrens_social_care") and rng.random() < 0.5:
        referral.notes = "Safeguarding referral: consent sought, shared on a need-to-know basis."
    elif referral.status == "declined":
        referral.notes = "Service at capacity; waiting list advice given."
    elif referral.status == "accepted" and agency in ("isva", "idva"):
        kind = agency
        referral.notes = f"Allocated to {pick(rng, SUPPORT_WORKERS[kind])}."
    return referral


def _need_note(rng: random.Random, area: str, level: str, victim: Victim,
               words: dict[str, str], category: str) -> str:
    if level == "none":
        return ""
    if area == "communication":
        if victim.communication_needs:
            return victim.communication_needs
        if victim.interpreter_needed:
            return f"{words['interp']} interpreter for all calls & meetings."
    notes = {
        "safety": ("Suspect knows the address.", "Panic alarm fitted.",
                   "Worried about the suspect's friends."),
        "health_wellbeing": ("Not sleeping; GP aware.", "Long-term condition: hospital "
                             "appointments weekly.", "Drinking more since the offence."),
        "emotional_support": ("On the waiting list for counselling.",
                              "Sees {support_the} weekly & has friends close by.",
                              "Very anxious about court."),
        "housing": ("Wants to move away from the area.", "Temporary accommodation (hostel).",
                    "Rent arrears since taking time off work."),
        "finance": ("Lost shifts at work; advice on expenses.", "Universal Credit delayed."),
        "children_dependants": ("Two children under 5; childcare for court needed.",
                                "Cares for {hers} mother."),
        "criminal_justice": ("Wants to know what to expect at court.",
                             "Asked about giving evidence by live link."),
        "communication": ("Prefers texts to arrange calls.", "Likes things in writing afterwards."),
    }[area]
    if area == "health_wellbeing" and category == "sexual_offence":
        notes = (*notes, "Follow-up at the SARC due.")
    return pick(rng, notes).format(**words)
