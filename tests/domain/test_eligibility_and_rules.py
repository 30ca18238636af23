"""Enhanced rights and the Code rules file."""

from __future__ import annotations

from datetime import date

import pytest

from victimcare.domain import vocabulary
from victimcare.domain.code_rules import RulesError, available_versions, load_rules, parse_rules
from victimcare.domain.eligibility import eligibility
from victimcare.domain.model import Case, Victim
from victimcare.domain.validation import case_problems

RULES = load_rules("victims-code-2020")


def case_with(category="burglary", born=None, offence=date(2026, 6, 1), flags=(), **kw):
    victim = Victim("Sam", "Okafor", date_of_birth=born, vulnerability_flags=list(flags))
    return Case("VC-2026-0001", category, "victims-code-2020", victim, offence_date=offence, **kw)


def test_rules_file_names_the_whole_vocabulary():
    assert "victims-code-2020" in available_versions()
    assert set(RULES.events) == set(vocabulary.EVENT_KINDS)
    assert RULES.enhanced_offence_categories <= set(vocabulary.OFFENCE_CATEGORIES)
    assert RULES.enhanced_vulnerability_flags - {"under_18_at_offence"} == set(
        vocabulary.VULNERABILITY_FLAGS)
    arrested = RULES.events["arrested"]
    assert (arrested.standard_days, arrested.enhanced_days) == (5, 1)
    assert not RULES.events["verdict"].obliges_update


def test_a_malformed_rules_file_is_named():
    with pytest.raises(RulesError, match="bad.toml: enhanced_rights is missing"):
        parse_rules({"code_version": "x", "title": "t", "events": {}}, "bad.toml")
    with pytest.raises(RulesError, match="events.arrested.inform_within_working_days.enhanced"):
        parse_rules({"code_version": "x", "title": "t",
                     "enhanced_rights": {"offence_categories": [], "vulnerability_flags": []},
                     "events": {"arrested": {"label": "A",
                                             "inform_within_working_days": {"standard": 5}}}},
                    "bad.toml")


def test_sexual_offence_is_enhanced_with_its_reason():
    result = eligibility(case_with("sexual_offence"), RULES)
    assert result.enhanced and result.reasons == ("sexual offence",)
    assert result.describe() == "Enhanced rights: sexual offence"


def test_seventeen_year_old_burglary_victim_is_enhanced_eighteen_is_not():
    seventeen = case_with(born=date(2008, 6, 2), offence=date(2026, 6, 1))
    eighteen = case_with(born=date(2008, 6, 1), offence=date(2026, 6, 1))
    assert eligibility(seventeen, RULES).enhanced
    assert eligibility(seventeen, RULES).reasons == ("under 18 at the time of the offence",)
    assert not eligibility(eighteen, RULES).enhanced


def test_vulnerability_and_persistent_targeting_give_enhanced_rights():
    assert eligibility(case_with(flags=["intimidated"]), RULES).reasons == (
        "fear or distress about testifying",)
    assert eligibility(case_with(persistently_targeted=True), RULES).reasons == (
        "persistently targeted",)
    assert not eligibility(case_with(), RULES).enhanced


def test_override_needs_a_reason_and_is_kept():
    refused = case_with(enhanced_override=True, enhanced_override_reason="")
    assert any(p.field == "enhanced_override_reason" for p in case_problems(refused, date(2026, 11, 1)))
    kept = case_with(enhanced_override=True, enhanced_override_reason="Victim is a key witness")
    result = eligibility(kept, RULES)
    assert result.enhanced and result.overridden
    assert "Victim is a key witness" in result.describe()
    lowered = eligibility(case_with("sexual_offence", enhanced_override=False,
                                    enhanced_override_reason="Supervisor"), RULES)
    assert not lowered.enhanced and lowered.reasons == ("sexual offence",)
