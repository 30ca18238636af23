"""The Data Protection Act 2018 s.62 log, hash-chained inside the encrypted database."""

from __future__ import annotations

from victimcare.domain.audit_chain import ChainBreak, Fingerprint, entry_hash, first_break
from victimcare.domain.model import AuditEntry
from victimcare.domain.timeutil import utc_now
from victimcare.store import audit_log, officers
from victimcare.store.database import Database


def record(db: Database, action: str, case_reference: str = "", detail: str = "",
           officer: str | None = None) -> AuditEntry:
    """Append one row to the audit log, chained to the row before it."""
    with db.transaction():
        who = officer if officer is not None else current_officer_label(db)
        entry = AuditEntry(
            at=utc_now(), officer=who, action=action, case_reference=case_reference,
            detail=detail, prev_hash=audit_log.last_audit_hash(db),
        )
        entry.hash = entry_hash(entry)
        return audit_log.insert_audit(db, entry)


def current_officer_label(db: Database) -> str:
    officer = officers.first_officer(db)
    if officer is None:
        return "unknown officer"
    return f"{officer.name} ({officer.staff_number})" if officer.staff_number else officer.name


def entries(db: Database, case_reference: str | None = None) -> list[AuditEntry]:
    """The log's rows in the order written (one case's only, when a reference is given)."""
    return audit_log.audit_entries(db, case_reference)


def verify_chain(db: Database) -> ChainBreak | None:
    """The first row whose hash or link does not match, or None when the chain is whole."""
    return first_break(audit_log.audit_entries(db))


def fingerprint(db: Database) -> Fingerprint:
    """The log's newest row, as every printout and export carries it."""
    return Fingerprint.of(audit_log.newest_audit_entry(db))


def fingerprint_problem(db: Database, anchor: Fingerprint) -> str | None:
    """None when the log still holds the row `anchor` names, unchanged; else what is wrong."""
    entry = audit_log.audit_entry(db, anchor.entry_id)
    if entry is None:
        return f"audit entry {anchor.entry_id} is missing (rows were deleted)"
    if not anchor.matches(entry):
        return f"audit entry {anchor.entry_id} is not the one fingerprinted (history was rewritten)"
    return None
