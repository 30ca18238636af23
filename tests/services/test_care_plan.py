"""Care-plan use cases: validated, audited without the officer's words, kept in step."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from victimcare.domain.model import CareAction, CareNeed, Referral, Victim
from victimcare.domain.validation import ValidationError
from victimcare.services import care_plan, cases
from victimcare.store import audit_log, records

SECRET = "Lives with her aunt Marta at 4 Elm Row"


@pytest.fixture
def case(db):
    return cases.new_case(db, Victim("Grace", "Okafor"), "sexual_offence",
                          now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def fields(exc: pytest.ExceptionInfo) -> set[str]:
    return {p.field for p in exc.value.problems}


def test_needs_are_added_and_corrected_in_place(db, case):
    need = care_plan.add_need(db, case, CareNeed("housing", "high", f"  {SECRET}  "))
    assert need.id is not None and need.notes == SECRET
    care_plan.update_need(db, case, replace(need, level="medium"))
    stored = records.load_case(db, case.id).care_plan.needs
    assert [(n.area, n.level, n.notes) for n in stored] == [("housing", "medium", SECRET)]
    assert case.care_plan.needs[0].level == "medium"


def test_a_need_outside_the_vocabulary_is_refused(db, case):
    with pytest.raises(ValidationError) as exc:
        care_plan.add_need(db, case, CareNeed("astrology", "extreme"))
    assert fields(exc) == {"area", "level"}
    assert records.load_case(db, case.id).care_plan.needs == []


def test_actions_belong_to_a_need_of_the_same_case(db, case):
    need = care_plan.add_need(db, case, CareNeed("safety", "high"))
    action = care_plan.add_action(db, case, CareAction("Fit door alarm", "Crime prevention",
                                                       date(2026, 3, 20), need_id=need.id))
    done = care_plan.update_action(db, case, replace(action, status="done",
                                                     completed_on=date(2026, 3, 3)))
    assert records.load_case(db, case.id).care_plan.actions == [done]
    with pytest.raises(ValidationError) as exc:
        care_plan.add_action(db, case, CareAction("", need_id=9999))
    assert fields(exc) == {"description", "need_id"}
    with pytest.raises(ValidationError, match="Only an action marked done"):
        care_plan.update_action(db, case, replace(action, status="open",
                                                  completed_on=date(2026, 3, 3)))


def test_a_referral_needs_consent_before_it_is_made(db, case):
    with pytest.raises(ValidationError) as exc:
        care_plan.add_referral(db, case, Referral("isva", "not_asked",
                                                  referred_on=date(2026, 3, 3), status="made"))
    assert "consent" in fields(exc)
    referral = care_plan.add_referral(db, case, Referral(
        "isva", "given", consent_date=date(2026, 3, 2), referred_on=date(2026, 3, 3),
        status="made", notes=SECRET))
    accepted = care_plan.update_referral(db, case, replace(referral, status="accepted"))
    assert records.load_case(db, case.id).care_plan.referrals == [accepted]


def test_a_safeguarding_referral_may_go_without_consent(db, case):
    referral = care_plan.add_referral(db, case, Referral(
        "marac", "refused", consent_date=date(2026, 3, 2), referred_on=date(2026, 3, 2),
        status="made"))
    assert referral.id is not None


def test_referral_dates_are_checked(db, case):
    with pytest.raises(ValidationError) as exc:
        care_plan.add_referral(db, case, Referral("isva", "given"))
    assert fields(exc) == {"consent_date"}
    with pytest.raises(ValidationError) as exc:
        care_plan.add_referral(db, case, Referral(
            "isva", "given", consent_date=date(2026, 3, 5), referred_on=date(2026, 3, 4),
            status="made"))
    assert fields(exc) == {"referred_on"}


def test_rows_of_another_case_cannot_be_changed(db, case):
    other = cases.new_case(db, Victim("Siobhán", "O'Neill"), "sexual_offence",
                           now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    need = care_plan.add_need(db, other, CareNeed("housing", "low"))
    case.care_plan.needs.append(need)  # even if a caller muddles its lists
    with pytest.raises(ValidationError, match="not part of this care plan"):
        care_plan.update_need(db, case, replace(need, level="high"))
    assert records.load_case(db, other.id).care_plan.needs[0].level == "low"


def test_review_date_is_set_and_cleared(db, case):
    care_plan.set_review_date(db, case, date(2026, 4, 1), "After the ISVA meeting")
    plan = records.load_case(db, case.id).care_plan
    assert (plan.review_date, plan.notes) == (date(2026, 4, 1), "After the ISVA meeting")
    care_plan.set_review_date(db, case, None)
    plan = records.load_case(db, case.id).care_plan
    assert (plan.review_date, plan.notes) == (None, "After the ISVA meeting")
    with pytest.raises(ValidationError, match="before the case was opened"):
        care_plan.set_review_date(db, case, date(2026, 1, 1))


def test_every_change_is_audited_without_the_officers_words(db, case):
    need = care_plan.add_need(db, case, CareNeed("housing", "high", SECRET))
    care_plan.update_need(db, case, replace(need, notes=SECRET + "!"))
    action = care_plan.add_action(db, case, CareAction(SECRET, SECRET))
    care_plan.update_action(db, case, replace(action, description=SECRET + "?"))
    referral = care_plan.add_referral(db, case, Referral("rape_crisis", notes=SECRET))
    care_plan.update_referral(db, case, replace(referral, notes=""))
    care_plan.set_review_date(db, case, date(2026, 4, 1), SECRET)
    entries = [e for e in audit_log.audit_entries(db, case.reference)
               if e.detail.startswith(("care plan", "referral"))]
    assert [(e.action, e.detail) for e in entries] == [
        ("collection", "care plan need added"),
        ("alteration", "care plan need changed"),
        ("collection", "care plan action added"),
        ("alteration", "care plan action changed"),
        ("collection", "referral added: rape_crisis"),
        ("alteration", "referral changed: rape_crisis"),
        ("alteration", "care plan review date set"),
    ]
    assert not any("Marta" in e.detail for e in audit_log.audit_entries(db))
