"""Care-plan use cases: needs, actions, referrals and the review date.

Unlike contact log entries, care-plan rows are working notes, not evidence: a row may be
corrected in place. Every change is still validated, written in one transaction and recorded
in the audit log; the audit detail names what kind of row changed and never carries the
officer's own words (they may name people).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from victimcare.domain import vocabulary as vocab
from victimcare.domain.model import CareAction, CareNeed, Case, Referral
from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.validation import Problem, raise_if
from victimcare.services import audit
from victimcare.store import care_plan as stored
from victimcare.store.database import Database

# Agencies a safeguarding referral may go to without the victim's consent (a risk to life or
# to a child): for the rest, a referral is made only once consent is recorded.
REFERRAL_WITHOUT_CONSENT = frozenset({"marac", "childrens_social_care", "adults_social_care"})
_REFERRAL_SENT = frozenset({"made", "accepted", "declined"})


def _today() -> date:
    return london(utc_now()).date()


def _word(problems: list[Problem], field: str, value: str, words: dict[str, str],
          message: str) -> None:
    if value not in words:
        problems.append(Problem(field, message))


def _not_future(problems: list[Problem], field: str, day: date | None, what: str,
                today: date) -> None:
    if day is not None and day > today:
        problems.append(Problem(field, f"The {what} is in the future."))


# -- validation -------------------------------------------------------------------------------
def need_problems(need: CareNeed) -> list[Problem]:
    problems: list[Problem] = []
    _word(problems, "area", need.area, vocab.NEED_AREAS, "Choose the area of need.")
    _word(problems, "level", need.level, vocab.NEED_LEVELS, "Choose the level of need.")
    return problems


def action_problems(case: Case, action: CareAction, today: date | None = None) -> list[Problem]:
    today = today or _today()
    problems: list[Problem] = []
    if not action.description.strip():
        problems.append(Problem("description", "Say what is to be done."))
    _word(problems, "status", action.status, vocab.ACTION_STATUSES, "Choose the action's status.")
    if action.need_id is not None and action.need_id not in {n.id for n in case.care_plan.needs}:
        problems.append(Problem("need_id", "That need is not part of this care plan."))
    if action.completed_on is not None:
        if action.status != "done":
            problems.append(Problem("completed_on",
                                    "Only an action marked done has a completion date."))
        _not_future(problems, "completed_on", action.completed_on, "completion date", today)
    return problems


def referral_problems(referral: Referral, today: date | None = None) -> list[Problem]:
    today = today or _today()
    problems: list[Problem] = []
    _word(problems, "agency", referral.agency, vocab.REFERRAL_AGENCIES, "Choose the service.")
    _word(problems, "consent", referral.consent, vocab.CONSENT, "Record whether consent was given.")
    _word(problems, "status", referral.status, vocab.REFERRAL_STATUSES,
          "Choose the referral's status.")
    if referral.consent in ("given", "refused") and referral.consent_date is None:
        problems.append(Problem("consent_date", "Give the date the victim was asked."))
    if referral.consent == "not_asked" and referral.consent_date is not None:
        problems.append(Problem("consent_date",
                                "A consent date needs consent to be given or refused."))
    _not_future(problems, "consent_date", referral.consent_date, "consent date", today)
    _not_future(problems, "referred_on", referral.referred_on, "referral date", today)
    sent = referral.status in _REFERRAL_SENT or referral.referred_on is not None
    if sent and referral.consent != "given" and referral.agency not in REFERRAL_WITHOUT_CONSENT:
        # Explicit consent comes first for victims of sexual offences and domestic abuse.
        problems.append(Problem("consent", "Record the victim's consent before the referral "
                                           "is made."))
    if (referral.referred_on and referral.consent_date
            and referral.consent == "given" and referral.referred_on < referral.consent_date):
        problems.append(Problem("referred_on", "The referral date is before consent was given."))
    if referral.status in _REFERRAL_SENT and referral.referred_on is None:
        problems.append(Problem("referred_on", "Give the date the referral was made."))
    return problems


def review_problems(case: Case, review_date: date | None) -> list[Problem]:
    opened = london(case.opened_at).date() if case.opened_at else None
    if review_date is not None and opened is not None and review_date < opened:
        return [Problem("review_date", "The review date is before the case was opened.")]
    return []


# -- changes ----------------------------------------------------------------------------------
def _replace_in(rows: list, updated) -> None:
    for i, row in enumerate(rows):
        if row.id == updated.id:
            rows[i] = updated
            return
    raise KeyError(updated.id)


def _require_written(written: bool) -> None:
    if not written:
        raise_if([Problem("id", "That entry is not part of this care plan.")])


def add_need(db: Database, case: Case, need: CareNeed) -> CareNeed:
    need = replace(need, notes=need.notes.strip(), id=None)
    raise_if(need_problems(need))
    with db.transaction():
        stored.add_need(db, case.id, need)
        audit.record(db, "collection", case.reference, "care plan need added")
    case.care_plan.needs.append(need)
    return need


def update_need(db: Database, case: Case, need: CareNeed) -> CareNeed:
    need = replace(need, notes=need.notes.strip())
    raise_if(need_problems(need))
    with db.transaction():
        _require_written(stored.update_need(db, case.id, need))
        audit.record(db, "alteration", case.reference, "care plan need changed")
    _replace_in(case.care_plan.needs, need)
    return need


def add_action(db: Database, case: Case, action: CareAction) -> CareAction:
    action = replace(action, description=action.description.strip(), owner=action.owner.strip(),
                     id=None)
    raise_if(action_problems(case, action))
    with db.transaction():
        stored.add_action(db, case.id, action)
        audit.record(db, "collection", case.reference, "care plan action added")
    case.care_plan.actions.append(action)
    return action


def update_action(db: Database, case: Case, action: CareAction) -> CareAction:
    action = replace(action, description=action.description.strip(), owner=action.owner.strip())
    raise_if(action_problems(case, action))
    with db.transaction():
        _require_written(stored.update_action(db, case.id, action))
        audit.record(db, "alteration", case.reference, "care plan action changed")
    _replace_in(case.care_plan.actions, action)
    return action


def add_referral(db: Database, case: Case, referral: Referral) -> Referral:
    referral = replace(referral, notes=referral.notes.strip(), id=None)
    raise_if(referral_problems(referral))
    with db.transaction():
        stored.add_referral(db, case.id, referral)
        audit.record(db, "collection", case.reference, f"referral added: {referral.agency}")
    case.care_plan.referrals.append(referral)
    return referral


def update_referral(db: Database, case: Case, referral: Referral) -> Referral:
    referral = replace(referral, notes=referral.notes.strip())
    raise_if(referral_problems(referral))
    with db.transaction():
        _require_written(stored.update_referral(db, case.id, referral))
        audit.record(db, "alteration", case.reference, f"referral changed: {referral.agency}")
    _replace_in(case.care_plan.referrals, referral)
    return referral


def set_review_date(db: Database, case: Case, review_date: date | None,
                    notes: str | None = None) -> None:
    """Set (or clear) the care plan's review date, and its notes when given."""
    raise_if(review_problems(case, review_date))
    plan = replace(case.care_plan, review_date=review_date,
                   notes=case.care_plan.notes if notes is None else notes.strip())
    with db.transaction():
        stored.save_care_plan_header(db, case.id, plan)
        audit.record(db, "alteration", case.reference, "care plan review date set")
    case.care_plan.review_date, case.care_plan.notes = plan.review_date, plan.notes
