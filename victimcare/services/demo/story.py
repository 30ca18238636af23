"""What the parts of one case share while it is drawn: the run's random source, the day, who
the victim is (for the pronouns in every note), and how far the investigation got."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from victimcare.domain.model import Case, CaseEvent, Contact
from victimcare.services.demo.draws import pick
from victimcare.services.demo.moments import london_time

# The stage of an investigation after each kind of event (a verdict depends on its outcome).
STAGE_AFTER_EVENT: dict[str, str] = {
    "arrested": "investigation", "interviewed_under_caution": "investigation",
    "bailed": "bail", "bail_varied": "bail", "released_under_investigation": "rui",
    "charged": "court", "first_hearing_set": "court", "trial_date_set": "court",
    "sentenced": "after_sentence", "decision_not_to_prosecute": "after_nfa",
    "released_without_charge": "after_nfa", "out_of_court_disposal": "after_oocd",
}


class CaseStory:
    """One case in the making. Every random choice goes through the run's single `rng`."""

    def __init__(self, rng: random.Random, today: date, officer_id: int | None,
                 required: tuple[str, str, str, str] | None) -> None:
        self.rng = rng
        self.today = today
        self.officer_id = officer_id
        # (background, given names, family name, gender) when this case must have that victim.
        self.required = required
        # Nothing that happened may be in the future: the last moment anything occurs is
        # 21:00 yesterday (London), leaving room for it to be recorded before midnight.
        self.limit = london_time(today - timedelta(days=1), 21, 0)
        # Contacts in which the officer promised something, and what (see promises.py).
        self.promise_seeds: list[tuple[Contact, str]] = []
        self.events: list[CaseEvent] = []
        self.ending = ""
        self.case_category = ""
        self.first_name = ""
        self.she, self.her, self.hers = "she", "her", "her"
        self.under_18 = False
        self._words: dict[str, str] | None = None

    def meet_victim(self, first_name: str, gender: str, age_at_offence: int,
                    category: str) -> None:
        self.first_name = first_name
        self.she, self.her = ("she", "her") if gender == "f" else ("he", "him")
        self.hers = "her" if gender == "f" else "his"
        self.under_18 = age_at_offence < 18
        self.case_category = category

    def words(self, case: Case) -> dict[str, str]:
        """The words the notes are written with ({n}, {she}, {support_the}...).

        Drawn the first time a note needs them, once the agreement is known; that first call
        is part of the random sequence, so it must stay where it is."""
        if self._words is None:
            victim = case.victim
            support = {"domestic_abuse": "IDVA", "stalking_harassment": "IDVA",
                       "sexual_offence": "ISVA"}.get(case.offence_category, "Victim Support")
            through = case.agreement.through_name
            the = support if support == "Victim Support" else f"the {support}"
            self._words = {
                "n": self.first_name, "she": self.she, "She": self.she.capitalize(),
                "her": self.her, "hers": self.hers,
                "self_": "herself" if self.she == "she" else "himself",
                "support": support, "support_the": the, "Support_the": the[0].upper() + the[1:],
                "support_a": support if support == "Victim Support" else f"an {support}",
                "support_name": (f"{support} {through.split(' (')[0]}"
                                 if case.agreement.through_whom == "isva" and through
                                 else f"{self.hers} {support}" if support != "Victim Support"
                                 else "Victim Support"),
                "parent": (through.split(":")[0].lower()
                           if case.agreement.through_whom == "parent_guardian" and ":" in through
                           else pick(self.rng, ("mum", "dad", "mum", "carer"))),
                "interp": victim.interpreter_language or victim.language,
                "freq": str(case.agreement.frequency_days or 14),
            }
        return self._words

    def stage(self, moment: datetime) -> str:
        """Where the investigation had got to at `moment`, which decides what there is to say."""
        last = None
        for event in self.events:
            if event.occurred_at > moment:
                break
            last = event
        if last is None:
            return "no_suspect" if self.ending == "no_suspect" else "pre_arrest"
        if last.kind == "verdict":
            return "after_not_guilty" if last.notes.startswith("Not guilty") else "sentence"
        return STAGE_AFTER_EVENT[last.kind]
