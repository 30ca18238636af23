"""The victim of one fictional case: name, age, address, phones, email, language and needs.

Phone numbers come only from Ofcom's ranges reserved for drama (07700 900xxx, 020 7946 0xxx,
0161 496 0xxx) and email addresses only from example.org and example.com.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from victimcare.domain.model import Phone, Victim
from victimcare.services.demo.draws import pick, weighted
from victimcare.services.demo.names import (
    BACKGROUND_WEIGHTS,
    BACKGROUNDS,
    INTERPRETER_FOR,
    PREFERRED_NAMES,
)
from victimcare.services.demo.places import BLOCKS_OF_FLATS, DISTRICTS, INWARD_LETTERS, STREETS
from victimcare.services.demo.story import CaseStory

COMMUNICATION_NEEDS = (
    "Dyslexic: prefers calls to letters; read anything important aloud.",
    "Hearing impaired: uses Relay UK text relay, so allow time & check understanding.",
    "Autistic: give a clear agenda before calls; no unplanned visits.",
    "Needs EasyRead versions of any letters.",
    "Registered blind: letters in large print or Braille only.",
    "Anxious on the phone: book calls in advance by text.",
    "Learning disability: intermediary recommended for interviews and court.",
    "Speech difficulty after stroke: allow extra time; yes/no questions help.",
)


def draw_victim(story: CaseStory, category: str,
                opened_day: date) -> tuple[Victim, str, int, date]:
    """The victim, and what the rest of the case needs to know of them: gender ('f' or 'm'),
    age at the offence, and the offence date (which the age is counted from)."""
    rng = story.rng
    if story.required is not None:
        key, given, family, gender = story.required
        background = BACKGROUNDS[key]
    else:
        key = weighted(rng, BACKGROUND_WEIGHTS)
        background = BACKGROUNDS[key]
        mostly_women = category in ("sexual_offence", "domestic_abuse", "stalking_harassment")
        gender = "f" if rng.random() < (0.88 if mostly_women else 0.55) else "m"
        pool = background.female if gender == "f" else background.male
        given = pick(rng, pool)
        if rng.random() < 0.15:
            second = pick(rng, pool)
            if second != given:
                given = f"{given} {second}"
        family_choice = pick(rng, background.families)
        if isinstance(family_choice, tuple):
            family = family_choice[0] if gender == "f" else family_choice[1]
        else:
            family = family_choice
    first = given.split()[0]
    preferred = ""
    if first in PREFERRED_NAMES and (key == "arabic_script" or rng.random() < 0.5):
        preferred = pick(rng, PREFERRED_NAMES[first])

    # Ages: mostly adults; some children at the time, including non-recent offences.
    non_recent = rng.random() < 0.1
    if non_recent:
        offence_date = opened_day - timedelta(days=rng.randint(365, 365 * 20))
        age = rng.randint(6, 30)
    else:
        offence_date = opened_day - timedelta(days=min(rng.choice((0, 0, 1, 1, 2, 3, 5, 9,
                                                                   14, 30, 60)), 90))
        roll = rng.random()
        age = rng.randint(13, 17) if roll < 0.15 else (
            rng.randint(18, 35) if roll < 0.7 else rng.randint(36, 78))
    date_of_birth = offence_date - timedelta(days=int(age * 365.25) + rng.randint(1, 360))

    district, town = pick(rng, DISTRICTS)
    postcode = (f"{district} {rng.randint(1, 9)}{pick(rng, INWARD_LETTERS)}"
                f"{pick(rng, INWARD_LETTERS)}")
    street = f"{rng.randint(1, 240)} {pick(rng, STREETS)}"
    if rng.random() < 0.35:
        street = f"Flat {rng.randint(1, 48)}, {pick(rng, BLOCKS_OF_FLATS)}, {street}"
    address = f"{street}, {town}"

    phones = [Phone(f"07700 900{rng.randint(0, 999):03d}", "Mobile")]
    current_age = (opened_day - date_of_birth).days // 365
    if current_age < 18 or rng.random() < 0.08:
        phones.append(Phone(f"07700 900{rng.randint(0, 999):03d}",
                            pick(rng, ("Mum's mobile", "Dad's mobile", "Carer's mobile"))
                            if current_age < 18 else "Partner's mobile (safe)"))
    if rng.random() < 0.25:
        phones.append(pick(rng, (
            Phone(f"020 7946 0{rng.randint(0, 999):03d}", "Home"),
            Phone(f"020 7946 0{rng.randint(0, 999):03d}", "Work"),
            Phone(f"0161 496 0{rng.randint(0, 999):03d}", "Work (Manchester office)"),
        )))

    email = ""
    if rng.random() < 0.6:
        local = ascii_letters(preferred or first) or "contact"
        surname = ascii_letters(family)
        local = f"{local}.{surname}" if surname else f"{local}{rng.randint(1, 99)}"
        if rng.random() < 0.4:
            local += str(rng.randint(1, 99))
        email = f"{local}@{pick(rng, ('example.org', 'example.com'))}"

    language = "English"
    interpreter = False
    if background.language != "English" and rng.random() < background.other_language_share:
        language = background.language
        interpreter = rng.random() < 0.7
    communication = pick(rng, COMMUNICATION_NEEDS) if rng.random() < 0.12 else ""
    flags: list[str] = []
    if rng.random() < 0.28:
        flags = sorted(set(rng.sample(
            ("mental_disorder", "impaired_intelligence_or_social_functioning",
             "physical_disability", "intimidated", "intimidated"), rng.randint(1, 2))))
    victim = Victim(
        given_names=given, family_name=family, preferred_name=preferred,
        date_of_birth=date_of_birth, address=address, postcode=postcode, phones=phones,
        email=email, language=language, interpreter_needed=interpreter,
        interpreter_language=INTERPRETER_FOR.get(language, language) if interpreter else "",
        communication_needs=communication, vulnerability_flags=flags,
    )
    return victim, gender, age, offence_date


def ascii_letters(text: str) -> str:
    """Letters only, without accents, for an email address ('Wójcik' -> 'wojcik')."""
    special = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
               "å": "a", "Å": "A"}
    text = "".join(special.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha()).lower()
