"""The case list: one summary row per case, full-text search, and the facts a list filter
decides enhanced rights from. Reads only."""

from __future__ import annotations

from typing import Any

from victimcare.domain.model import Case, CaseSummary, Victim
from victimcare.domain.timeutil import from_storage
from victimcare.store import rows
from victimcare.store.database import Database

_SUMMARY_SQL = (
    "SELECT c.id, c.reference, c.status, c.offence_category, c.crime_reference, c.opened_at, "
    "v.given_names, v.family_name, v.preferred_name "
    "FROM cases c JOIN victims v ON v.case_id = c.id "
)


def _summary(row: Any) -> CaseSummary:
    victim = Victim(
        given_names=row["given_names"],
        family_name=row["family_name"],
        preferred_name=row["preferred_name"],
    )
    return CaseSummary(
        id=row["id"],
        reference=row["reference"],
        victim_name=victim.display_name,
        status=row["status"],
        offence_category=row["offence_category"],
        crime_reference=row["crime_reference"],
        opened_at=from_storage(row["opened_at"]),
    )


def case_summaries(db: Database, status: str | None = None) -> list[CaseSummary]:
    where, params = ("WHERE c.status = ? ", (status,)) if status else ("", ())
    return [_summary(r) for r in db.all(_SUMMARY_SQL + where + "ORDER BY c.reference", params)]


def search_cases(db: Database, fts_query: str, limit: int = 500) -> list[CaseSummary]:
    """Cases whose indexed text matches an FTS5 query (built by the caller, never raw input)."""
    return [
        _summary(r)
        for r in db.all(
            _SUMMARY_SQL
            + "WHERE c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?) "
            "ORDER BY c.reference LIMIT ?",
            (fts_query, limit),
        )
    ]


def eligibility_facts(db: Database) -> list[tuple[int, Case]]:
    """Every case as a skeleton holding only what enhanced rights are decided from (offence,
    dates, vulnerability flags, persistent targeting, the override), in one query."""
    found = db.all(
        "SELECT c.id, c.reference, c.offence_category, c.code_version, c.offence_date, "
        "c.persistently_targeted, c.enhanced_override, c.enhanced_override_reason, "
        "v.date_of_birth, (SELECT group_concat(f.flag, ' ') FROM vulnerability_flags f "
        "WHERE f.victim_id = v.id) AS flags "
        "FROM cases c JOIN victims v ON v.case_id = c.id")
    skeletons = []
    for r in found:
        victim = Victim("", date_of_birth=rows.decode("date", r["date_of_birth"]),
                        vulnerability_flags=(r["flags"] or "").split())
        skeletons.append((r["id"], Case(
            reference=r["reference"], offence_category=r["offence_category"],
            code_version=r["code_version"], victim=victim,
            offence_date=rows.decode("date", r["offence_date"]),
            persistently_targeted=bool(r["persistently_targeted"]),
            enhanced_override=rows.decode("bool | None", r["enhanced_override"]),
            enhanced_override_reason=r["enhanced_override_reason"],
        )))
    return skeletons
