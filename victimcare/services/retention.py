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
from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.validation import Problem, ValidationError
from victimcare.services import audit
from victimcare.store import case_list, migrations, records
from victimcare.store import retention as stored
from victimcare.store.database import Database


@dataclass
class ReviewDue:
    summary: CaseSummary
    review_date: date


def reviews_due(db: Database, today: date | None = None) -> list[ReviewDue]:
    today = today or london(utc_now()).date()
    due = stored.closed_cases_due_review(db, today)
    summaries = {s.id: s for s in case_list.case_summaries(db, "closed")}
    return [ReviewDue(summaries[case_id], review_date) for case_id, review_date in due]


def _closed_case_reference(db: Database, case_id: int) -> str:
    found = records.reference_and_status(db, case_id)
    if found is None:
        raise ValidationError([Problem("case", "There is no such case.")])
    reference, status = found
    if status != "closed":
        raise ValidationError([Problem("case", "Only a closed case can be reviewed or erased.")])
    return reference


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
        stored.set_retention_review_date(db, case_id, next_review)
        _record_decision(db, reference, "keep", reason.strip(), next_review)
        audit.record(db, "alteration", reference,
                     f"retention review: kept until {next_review.isoformat()}")


def erase(db: Database, case_id: int, reason: str) -> str:
    """Erase a closed case and everything under it, for good. Returns its reference."""
    reference = _closed_case_reference(db, case_id)
    if not reason.strip():
        raise ValidationError([Problem("reason", "Say why the case is being erased.")])
    with db.transaction():
        stored.erase_case(db, case_id)
        _record_decision(db, reference, "erase", reason.strip(), None)
        audit.record(db, "erasure", reference, "case and all its records erased")
    stored.leave_no_trace_of_erased_rows(db)
    # A copy kept before a schema upgrade still holds the case: erased means erased there too.
    if db.path is not None:
        for copy in migrations.upgrade_copies(Path(db.path)):
            copy.unlink(missing_ok=True)
    return reference


def _record_decision(db: Database, reference: str, decision: str, reason: str,
                     next_review: date | None) -> None:
    stored.add_retention_decision(db, reference, utc_now(), audit.current_officer_label(db),
                                  decision, reason, next_review)
