"""The care plan's rows: its header (review date, notes), needs, actions and referrals.

Care-plan rows are working notes, corrected in place; an update names the case as well as
the row, so a row of another case is never touched.
"""

from __future__ import annotations

from victimcare.domain.model import CareAction, CareNeed, CarePlan, Referral
from victimcare.store import rows
from victimcare.store.database import Database


def insert_care_plan(db: Database, case_id: int, plan: CarePlan) -> None:
    rows.insert(db, "care_plans", plan, case_id=case_id)
    for need in plan.needs:
        need.id = rows.insert(db, "care_needs", need, case_id=case_id)
    for action in plan.actions:
        action.id = rows.insert(db, "care_actions", action, case_id=case_id)
    for referral in plan.referrals:
        referral.id = rows.insert(db, "referrals", referral, case_id=case_id)


def load_care_plan(db: Database, case_id: int) -> CarePlan:
    row = db.first("SELECT * FROM care_plans WHERE case_id = ?", (case_id,))
    return rows.build(
        CarePlan,
        row,
        needs=[rows.build(CareNeed, r) for r in db.all(
            "SELECT * FROM care_needs WHERE case_id = ? ORDER BY id", (case_id,))],
        actions=[rows.build(CareAction, r) for r in db.all(
            "SELECT * FROM care_actions WHERE case_id = ? ORDER BY id", (case_id,))],
        referrals=[rows.build(Referral, r) for r in db.all(
            "SELECT * FROM referrals WHERE case_id = ? ORDER BY id", (case_id,))],
    )


def save_care_plan_header(db: Database, case_id: int, plan: CarePlan) -> None:
    rows.update(db, "care_plans", plan, "case_id", case_id)


def add_need(db: Database, case_id: int, need: CareNeed) -> CareNeed:
    need.id = rows.insert(db, "care_needs", need, case_id=case_id)
    return need


def add_action(db: Database, case_id: int, action: CareAction) -> CareAction:
    action.id = rows.insert(db, "care_actions", action, case_id=case_id)
    return action


def add_referral(db: Database, case_id: int, referral: Referral) -> Referral:
    referral.id = rows.insert(db, "referrals", referral, case_id=case_id)
    return referral


def update_need(db: Database, case_id: int, need: CareNeed) -> bool:
    """Write the need over its row; False (and nothing written) when the case has no such need."""
    return _update_in_case(db, "care_needs", case_id, need)


def update_action(db: Database, case_id: int, action: CareAction) -> bool:
    """Write the action over its row; False (and nothing written) when the case has no such
    action."""
    return _update_in_case(db, "care_actions", case_id, action)


def update_referral(db: Database, case_id: int, referral: Referral) -> bool:
    """Write the referral over its row; False (and nothing written) when the case has no such
    referral."""
    return _update_in_case(db, "referrals", case_id, referral)


def _update_in_case(db: Database, table: str, case_id: int,
                    record: CareNeed | CareAction | Referral) -> bool:
    # The table name comes from this module, never from input.
    if record.id is None or db.scalar(f"SELECT count(*) FROM {table} WHERE id = ? AND case_id = ?",
                                      (record.id, case_id)) != 1:
        return False
    rows.update(db, table, record, "id", record.id)
    return True
