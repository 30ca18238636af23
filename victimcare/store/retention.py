"""Retention of closed cases: review dates, the decisions taken at review, and erasure."""

from __future__ import annotations

from datetime import date, datetime

from victimcare.domain.timeutil import to_storage
from victimcare.store.database import Database


def closed_cases_due_review(db: Database, today: date) -> list[tuple[int, date]]:
    """(case id, review date) of each closed case whose review date has come, earliest first."""
    return [(r["id"], date.fromisoformat(r["retention_review_date"])) for r in db.all(
        "SELECT id, retention_review_date FROM cases WHERE status = 'closed' "
        "AND retention_review_date IS NOT NULL AND retention_review_date <= ? "
        "ORDER BY retention_review_date, reference",
        (today.isoformat(),),
    )]


def set_retention_review_date(db: Database, case_id: int, review: date) -> None:
    db.execute("UPDATE cases SET retention_review_date = ? WHERE id = ?",
               (review.isoformat(), case_id))


def add_retention_decision(db: Database, case_reference: str, decided_at: datetime,
                           officer: str, decision: str, reason: str,
                           next_review: date | None) -> None:
    """The decision outlives the case: it names the case by reference, not by row."""
    db.execute(
        "INSERT INTO retention_decisions (case_reference, decided_at, officer, decision, reason, "
        "next_review_date) VALUES (?, ?, ?, ?, ?, ?)",
        (case_reference, to_storage(decided_at), officer, decision, reason,
         next_review.isoformat() if next_review else None),
    )


def erase_case(db: Database, case_id: int) -> None:
    """Delete the case and every row under it, all or nothing (as part of the caller's
    transaction when there is one)."""
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


def leave_no_trace_of_erased_rows(db: Database) -> None:
    """After an erasure has committed: purge what deleted rows leave behind in the file."""
    # FTS5 keeps tokens of deleted rows in its segments until they are merged.
    db.execute("INSERT INTO case_search (case_search) VALUES ('optimize')")
    # Rewrite the file so no free page holds the erased rows, then fold the WAL in, so the
    # old pages do not linger there either.
    db.execute("VACUUM")
    db.checkpoint()
