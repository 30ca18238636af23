"""The audit log's rows (the chain itself is victimcare.domain.audit_chain)."""

from __future__ import annotations

from victimcare.domain.model import AuditEntry
from victimcare.store import rows
from victimcare.store.database import Database


def last_audit_hash(db: Database) -> str:
    return db.scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1") or ""


def insert_audit(db: Database, entry: AuditEntry) -> AuditEntry:
    entry.id = rows.insert(db, "audit_log", entry)
    return entry


def audit_entries(db: Database, case_reference: str | None = None) -> list[AuditEntry]:
    if case_reference is None:
        found = db.all("SELECT * FROM audit_log ORDER BY id")
    else:
        found = db.all(
            "SELECT * FROM audit_log WHERE case_reference = ? ORDER BY id", (case_reference,)
        )
    return [rows.build(AuditEntry, r) for r in found]


def newest_audit_entry(db: Database) -> AuditEntry | None:
    row = db.first("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")
    return rows.build(AuditEntry, row) if row is not None else None


def audit_entry(db: Database, entry_id: int) -> AuditEntry | None:
    row = db.first("SELECT * FROM audit_log WHERE id = ?", (entry_id,))
    return rows.build(AuditEntry, row) if row is not None else None
