"""How the victim of one fictional case may be contacted: the safe-contact rules and the
contact agreement (how often, how, and through whom)."""

from __future__ import annotations

from datetime import date, timedelta

from victimcare.domain.model import Case, ContactAgreement, SafeContactRules, Victim
from victimcare.services.demo.draws import pick
from victimcare.services.demo.names import BACKGROUNDS, SUPPORT_WORKERS
from victimcare.services.demo.story import CaseStory

SAFE_CONTACT_NOTES = (
    "Use the code word \"dentist\" to check it is safe to talk.",
    "Mum opens the post: nothing with police markings.",
    "Call the second number only (work phone) during the week.",
    "If a man answers, hang up & do not leave a message.",
    "Shares a phone with {hers} sister; ask for {her} by name.",
    "Happy for ISVA to be on the call.",
    "Do not visit the home address; meet at the ISVA's office.",
    "Suspect has access to {hers} email account: no emails.",
)
WAIVERS = (
    ("opted_out", "Victim asked for updates only at key stages (charge & court)."),
    ("opted_out", "Victim does not want routine calls; will contact us if needed."),
    ("paused", "Paused while victim is in hospital; review on return."),
    ("paused", "Paused at victim's request during exams; restart after June."),
)


def draw_safe_contact(story: CaseStory, category: str) -> SafeContactRules:
    rng = story.rng

    def tri(yes: float, no: float) -> bool | None:
        roll = rng.random()
        return True if roll < yes else (False if roll < yes + no else None)

    lives_with = category == "domestic_abuse" and rng.random() < 0.2
    lives_near = not lives_with and rng.random() < (0.3 if category in (
        "domestic_abuse", "stalking_harassment") else 0.1)
    rules = SafeContactRules(
        voicemail_ok=tri(0.25, 0.6) if lives_with else tri(0.5, 0.35),
        texts_ok=tri(0.3, 0.6) if lives_with else tri(0.65, 0.2),
        letters_ok=False if lives_with else tri(0.45, 0.4),
        email_ok=tri(0.5, 0.3),
        suspect_lives_with=lives_with,
        suspect_lives_near=lives_near,
    )
    if lives_with or rng.random() < 0.45:
        rules.call_from, rules.call_until = pick(rng, (
            ("09:00", "17:00"), ("10:00", "16:00"), ("12:00", "14:00"), ("09:30", "12:00"),
            ("13:00", "17:30"), ("17:30", "20:00"), ("08:30", "11:00")))
    notes = []
    if lives_with:
        notes.append("Suspect lives at the address: call only in the agreed window.")
    elif lives_near:
        notes.append(pick(rng, ("Suspect lives on the same estate.",
                                "Suspect lives two streets away & knows {hers} car.",
                                "Suspect's family live opposite.")))
    if rng.random() < 0.3:
        notes.append(pick(rng, SAFE_CONTACT_NOTES))
    notes = [note.format(her=story.her, hers=story.hers) for note in notes]
    rules.notes = " ".join(notes)
    return rules


def draw_agreement(story: CaseStory, victim: Victim, opened_day: date,
                   case: Case) -> ContactAgreement:
    rng = story.rng
    agreement = ContactAgreement(
        frequency_days=rng.choices((7, 14, 28, None), weights=(2, 5, 4, 1))[0],
        method=rng.choices(("phone", "visit", "video", "email", "sms"),
                           weights=(80, 6, 5, 5, 4))[0],
        start_date=opened_day + timedelta(days=rng.randint(0, 3)),
    )
    if agreement.start_date > story.today - timedelta(days=1):
        agreement.start_date = opened_day
    if story.under_18 and (story.today - victim.date_of_birth).days < 18 * 365 + 200 \
            and rng.random() < 0.7:
        agreement.through_whom = "parent_guardian"
        agreement.through_name = _parent(story, victim)
    elif case.offence_category in ("sexual_offence", "domestic_abuse",
                                   "stalking_harassment") and rng.random() < 0.15:
        agreement.through_whom = "isva"
        kind = "idva" if case.offence_category in ("domestic_abuse",
                                                   "stalking_harassment") else "isva"
        agreement.through_name = f"{pick(rng, SUPPORT_WORKERS[kind])} ({kind.upper()})"
    if victim.interpreter_needed:
        agreement.notes = f"Book an interpreter ({victim.interpreter_language}) for every call."
    elif rng.random() < 0.2:
        agreement.notes = pick(rng, (
            "Prefers a quick text first to check it's a good time.",
            "Updates by phone; anything in writing goes by email.",
            f"Happy to have calls on speaker with {story.hers} partner present.",
            f"Agreed: call even if there is no news, so {story.she} knows we haven't "
            "forgotten.",
        ))
    roll = rng.random()
    if roll < 0.08:
        kind, reason = pick(rng, WAIVERS)
        agreement.opted_out = kind == "opted_out"
        agreement.paused = kind == "paused"
        agreement.waiver_reason = reason
    return agreement


def _parent(story: CaseStory, victim: Victim) -> str:
    """Who a child's updates go through, named as the officer would write it."""
    rng = story.rng
    relation = pick(rng, ("Mum", "Mum", "Dad", "Aunt", "Foster carer"))
    if relation == "Foster carer":
        english = BACKGROUNDS["english"]
        surname = pick(rng, english.families)
        return f"{relation}: {pick(rng, english.female)} {surname}"
    female = relation != "Dad"
    background = BACKGROUNDS["english"]
    surname = victim.family_name
    for candidate in BACKGROUNDS.values():
        for family in candidate.families:
            forms = family if isinstance(family, tuple) else (family, family)
            if surname in forms:
                background = candidate
                surname = forms[0] if female else forms[1]
                break
        else:
            continue
        break
    given = pick(rng, background.female if female else background.male)
    return f"{relation}: {given} {surname}".strip()
