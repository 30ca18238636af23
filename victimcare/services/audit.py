"""The Data Protection Act 2018 s.62 log, hash-chained inside the encrypted database."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from victimcare.domain.model import AuditEntry
from victimcare.domain.timeutil import to_storage, utc_now
from victimcare.store import records
from victimcare.store.database import Database


def _entry_hash(entry: AuditEntry) -> str:
    # Unit separators keep field boundaries unambiguous whatever the text holds.
    canonical = "\x1f".join(
        [entry.prev_hash, to_storage(entry.at), entry.officer, entry.action,
         entry.case_reference, entry.detail]
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(db: Database, action: str, case_reference: str = "", detail: str = "",
           officer: str | None = None) -> AuditEntry:
    """Append one row to the audit log, chained to the row before it."""
    with db.transaction():
        who = officer if officer is not None else current_officer_label(db)
        entry = AuditEntry(
            at=utc_now(), officer=who, action=action, case_reference=case_reference,
            detail=detail, prev_hash=records.last_audit_hash(db),
        )
        entry.hash = _entry_hash(entry)
        return records.insert_audit(db, entry)


def current_officer_label(db: Database) -> str:
    officer = db.first("SELECT name, staff_number FROM officers ORDER BY id LIMIT 1")
    if officer is None:
        return "unknown officer"
    return f"{officer['name']} ({officer['staff_number']})" if officer["staff_number"] else officer["name"]


@dataclass
class ChainBreak:
    entry_id: int
    problem: str


def verify_chain(db: Database) -> ChainBreak | None:
    """The first row whose hash or link does not match, or None when the chain is whole."""
    previous = ""
    for entry in records.audit_entries(db):
        if entry.prev_hash != previous:
            return ChainBreak(entry.id or 0, "does not follow the row before it (a row was removed or changed)")
        if _entry_hash(entry) != entry.hash:
            return ChainBreak(entry.id or 0, "has been altered since it was written")
        previous = entry.hash
    return None
