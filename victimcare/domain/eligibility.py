"""Enhanced rights under the Victims' Code: derived from the facts, overridable with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from victimcare.domain.code_rules import CodeRules
from victimcare.domain.model import Case


@dataclass(frozen=True)
class Eligibility:
    enhanced: bool
    reasons: tuple[str, ...]          # why the facts give (or would give) enhanced rights
    overridden: bool = False
    override_reason: str = ""

    def describe(self) -> str:
        if self.overridden:
            state = "Enhanced rights" if self.enhanced else "Standard rights"
            return f"{state} (officer's decision: {self.override_reason})"
        if self.enhanced:
            return "Enhanced rights: " + ", ".join(self.reasons)
        return "Standard rights"


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def under_18_at_offence(case: Case) -> bool:
    born, offence = case.victim.date_of_birth, case.offence_date
    return born is not None and offence is not None and age_on(born, offence) < 18


def grounds(case: Case, rules: CodeRules) -> list[str]:
    """The rule keys that make this case enhanced, in a stable order."""
    found: list[str] = []
    if case.offence_category in rules.enhanced_offence_categories:
        found.append(case.offence_category)
    flags = set(case.victim.vulnerability_flags)
    if under_18_at_offence(case):
        flags.add("under_18_at_offence")
    found.extend(sorted(flags & rules.enhanced_vulnerability_flags))
    if case.persistently_targeted and rules.persistently_targeted_enhanced:
        found.append("persistently_targeted")
    return found


def eligibility(case: Case, rules: CodeRules) -> Eligibility:
    reasons = tuple(rules.reason(g) for g in grounds(case, rules))
    if case.enhanced_override is not None:
        return Eligibility(case.enhanced_override, reasons, True, case.enhanced_override_reason)
    return Eligibility(bool(reasons), reasons)
