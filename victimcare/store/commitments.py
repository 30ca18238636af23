"""Commitments' rows: what the officer owes each victim, and the two questions asked of all of
them at once (what is due soon, and how the statutory ones were met in a period)."""

from __future__ import annotations

from datetime import datetime

from victimcare.domain.compliance import ComplianceFigures
from victimcare.domain.model import Commitment, SafeContactRules, Victim
from victimcare.domain.timeutil import from_storage, to_storage
from victimcare.domain.worklist import WorkItem
from victimcare.store import rows
from victimcare.store.database import Database


def add_commitment(db: Database, case_id: int, commitment: Commitment) -> Commitment:
    commitment.id = rows.insert(db, "commitments", commitment, case_id=case_id)
    return commitment


def commitments_for_case(db: Database, case_id: int) -> list[Commitment]:
    return [
        rows.build(Commitment, r)
        for r in db.all(
            "SELECT * FROM commitments WHERE case_id = ? ORDER BY due_at, id", (case_id,)
        )
    ]


# -- one commitment ---------------------------------------------------------------------------
def mark_met(db: Database, commitment_id: int, contact_id: int, met_at: datetime) -> None:
    db.execute("UPDATE commitments SET met_by_contact_id = ?, met_at = ? WHERE id = ?",
               (contact_id, to_storage(met_at), commitment_id))


def move_met_time(db: Database, commitment_id: int, met_at: datetime) -> None:
    """The contact that met it was corrected to another time: it was met then."""
    db.execute("UPDATE commitments SET met_at = ? WHERE id = ?",
               (to_storage(met_at), commitment_id))


def mark_unmet(db: Database, commitment_id: int) -> None:
    """The contact that met it turns out not to meet it: owed again."""
    db.execute("UPDATE commitments SET met_by_contact_id = NULL, met_at = NULL WHERE id = ?",
               (commitment_id,))


def move_due(db: Database, commitment_id: int, due_at: datetime, reason: str | None = None) -> None:
    """A new due time (and, when given, the reason the commitment states)."""
    if reason is None:
        db.execute("UPDATE commitments SET due_at = ? WHERE id = ?",
                   (to_storage(due_at), commitment_id))
    else:
        db.execute("UPDATE commitments SET due_at = ?, reason = ? WHERE id = ?",
                   (to_storage(due_at), reason, commitment_id))


def mark_waived(db: Database, commitment_id: int, waived_at: datetime, reason: str) -> None:
    db.execute("UPDATE commitments SET waived_at = ?, waived_reason = ? WHERE id = ?",
               (to_storage(waived_at), reason, commitment_id))


def mark_waived_if_open(db: Database, case_id: int, commitment_id: int, waived_at: datetime,
                        reason: str) -> None:
    """Waive the case's commitment unless it is already met or waived (then nothing changes)."""
    db.execute(
        "UPDATE commitments SET waived_at = ?, waived_reason = ? "
        "WHERE id = ? AND case_id = ? AND met_at IS NULL AND waived_at IS NULL",
        (to_storage(waived_at), reason, commitment_id, case_id),
    )


# -- all cases --------------------------------------------------------------------------------
WORKLIST_SQL = (
    "SELECT m.id, m.case_id, m.kind, m.reason, m.due_at, c.reference, "
    "v.given_names, v.family_name, v.preferred_name, a.method AS agreed_method, s.* "
    # Named, not left to the planner: without fresh statistics SQLite starts from the
    # open cases instead and reads every commitment they ever had.
    "FROM commitments m INDEXED BY commitments_open "
    "JOIN cases c ON c.id = m.case_id AND c.status = 'open' "
    "JOIN victims v ON v.case_id = c.id "
    "JOIN safe_contact_rules s ON s.case_id = c.id "
    "JOIN contact_agreements a ON a.case_id = c.id "
    "WHERE m.met_at IS NULL AND m.waived_at IS NULL AND m.due_at <= ? "
    "ORDER BY m.due_at, m.id"
)


def open_commitments_due(db: Database, until: datetime) -> list[WorkItem]:
    """Open commitments of open cases due by `until`, by due time, each with its case's
    safe-contact rules. `bucket` is left empty: it depends on when the officer asks."""
    items = []
    for r in db.all(WORKLIST_SQL, (to_storage(until),)):
        victim = Victim(r["given_names"], r["family_name"], r["preferred_name"])
        items.append(WorkItem(
            commitment_id=r["id"], case_id=r["case_id"], case_reference=r["reference"],
            victim_name=victim.display_name, kind=r["kind"], reason=r["reason"],
            due_at=from_storage(r["due_at"]), bucket="",
            # s.* is the whole safe-contact row; the one row builder reads its own columns.
            safe_contact=rows.build(SafeContactRules, r), agreed_method=r["agreed_method"],
        ))
    return items


def statutory_figures_by_case(db: Database, after: datetime,
                              until: datetime) -> dict[str, ComplianceFigures]:
    """For each case reference, how its statutory commitments due after `after` and by
    `until` stand: met on time, met late, still open, waived."""
    found = db.all(
        "SELECT c.reference, "
        "count(*) AS due, "
        "sum(m.met_at IS NOT NULL AND m.met_at <= m.due_at) AS on_time, "
        "sum(m.met_at IS NOT NULL AND m.met_at > m.due_at) AS late, "
        "sum(m.met_at IS NULL AND m.waived_at IS NULL) AS open, "
        "sum(m.met_at IS NULL AND m.waived_at IS NOT NULL) AS waived "
        "FROM commitments m JOIN cases c ON c.id = m.case_id "
        "WHERE m.kind = 'statutory' AND m.due_at > ? AND m.due_at <= ? "
        "GROUP BY c.reference ORDER BY c.reference",
        (to_storage(after), to_storage(until)),
    )
    return {r["reference"]: ComplianceFigures(r["due"], r["on_time"], r["late"], r["open"],
                                              r["waived"])
            for r in found}
