"""Retention review and erasure of closed cases (Data Protection Act 2018 Part 3).

Each closed case has a review date. At review the officer decides: keep it (with a reason and
a new review date) or erase it. Erasure is real: rows are deleted with secure_delete on, the
full-text index is purged and rebuilt, and the file is vacuumed so no free page keeps a trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from victimcare.domain.model import CaseSummary
from victimcare.domain.timeutil import london, to_storage, utc_now
from victimcare.domain.validation import Problem, ValidationError
from victimcare.services import audit
from victimcare.store import migrations, records
from victimcare.store.database import Database


@dataclass
class ReviewDue:
    summary: CaseSummary
    review_date: date


def reviews_due(db: Database, today: date | None = None) -> list[ReviewDue]:
    today = today or london(utc_now()).date()
    rows = db.all(
        "SELECT id, retention_review_date FROM cases WHERE status = 'closed' "
        "AND retention_review_date IS NOT NULL AND retention_review_date <= ? "
        "ORDER BY retention_review_date, reference",
        (today.isoformat(),),
    )
    summaries = {s.id: s for s in records.case_summaries(db, "closed")}
    return [ReviewDue(summaries[r["id"]], date.fromisoformat(r["retention_review_date"]))
            for r in rows]


def _closed_case_reference(db: Database, case_id: int) -> str:
    row = db.first("SELECT reference, status FROM cases WHERE id = ?", (case_id,))
    if row is None:
        raise ValidationError([Problem("case", "There is no such case.")])
    if row["status"] != "closed":
        raise ValidationError([Problem("case", "Only a closed case can be reviewed or erased.")])
    return row["reference"]


def keep(db: Database, case_id: int, reason: str, next_review: date) -> None:
    reference = _closed_case_reference(db, case_id)
    problems = []
    if not reason.strip():
        problems.append(Problem("reason", "Say why the case is still needed for a policing purpose."))
    if next_review <= london(utc_now()).date():
        problems.append(Problem("next_review_date", "The next review date must be in the future."))
    if problems:
        raise ValidationError(problems)
    with db.transaction():
        db.execute("UPDATE cases SET retention_review_date = ? WHERE id = ?",
                   (next_review.isoformat(), case_id))
        _record_decision(db, reference, "keep", reason.strip(), next_review)
        audit.record(db, "alteration", reference,
                     f"retention review: kept until {next_review.isoformat()}")


def erase(db: Database, case_id: int, reason: str) -> str:
    """Erase a closed case and everything under it, for good. Returns its reference."""
    reference = _closed_case_reference(db, case_id)
    if not reason.strip():
        raise ValidationError([Problem("reason", "Say why the case is being erased.")])
    with db.transaction():
        # The evidential-record triggers let log rows go only for a case named here.
        db.execute("INSERT INTO erasure_in_progress (case_id) VALUES (?)", (case_id,))
        db.execute("DELETE FROM case_search WHERE rowid = ?", (case_id,))
        db.execute("DELETE FROM commitments WHERE case_id = ?", (case_id,))
        db.execute("DELETE FROM contact_amendments WHERE contact_id IN "
                   "(SELECT id FROM contacts WHERE case_id = ?)", (case_id,))
        db.execute("DELETE FROM contacts WHERE case_id = ?", (case_id,))
        db.execute("DELETE FROM cases WHERE id = ?", (case_id,))  # cascades to the rest
        db.execute("DELETE FROM erasure_in_progress WHERE case_id = ?", (case_id,))
        _record_decision(db, reference, "erase", reason.strip(), None)
        audit.record(db, "erasure", reference, "case and all its records erased")
    # FTS5 keeps tokens of deleted rows in its segments until they are merged.
    db.execute("INSERT INTO case_search (case_search) VALUES ('optimize')")
    # Rewrite the file so no free page holds the erased rows, then fold the WAL in, so the
    # old pages do not linger there either.
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # A copy kept before a schema upgrade still holds the case: erased means erased there too.
    if db.path is not None:
        for copy in migrations.upgrade_copies(Path(db.path)):
            copy.unlink(missing_ok=True)
    return reference


def _record_decision(db: Database, reference: str, decision: str, reason: str,
                     next_review: date | None) -> None:
    db.execute(
        "INSERT INTO retention_decisions (case_reference, decided_at, officer, decision, reason, "
        "next_review_date) VALUES (?, ?, ?, ?, ?, ?)",
        (reference, to_storage(utc_now()), audit.current_officer_label(db), decision, reason,
         next_review.isoformat() if next_review else None),
    )
