"""Is the store sound? SQLite's page checks, SQLCipher's page authentication, foreign keys,
and the audit log's hash chain."""

from __future__ import annotations

import sqlite3

import sqlcipher3

from victimcare.domain.audit_chain import first_break
from victimcare.store.audit_log import audit_entries
from victimcare.store.database import Database


def store_problems(db: Database) -> list[str]:
    """Each problem found, in plain words; empty when the store is sound."""
    problems: list[str] = []
    checks = [
        # Every page's HMAC: catches bytes flipped inside the encrypted file.
        ("encrypted page check", "PRAGMA cipher_integrity_check", lambda r: str(r[0])),
        ("database structure", "PRAGMA integrity_check",
         lambda r: None if r[0] == "ok" else str(r[0])),
        ("links between records", "PRAGMA foreign_key_check",
         lambda r: f"a row in {r[0]} (row {r[1]}) points to a missing {r[2]} record"),
    ]
    for label, sql, describe in checks:
        try:
            found = db.all(sql)
        except (sqlcipher3.DatabaseError, sqlite3.DatabaseError):
            problems.append(f"{label}: the file could not be read (it may be damaged)")
            continue
        problems.extend(f"{label}: {text}" for text in map(describe, found) if text)
    try:
        broken = first_break(audit_entries(db))
    except (sqlcipher3.DatabaseError, sqlite3.DatabaseError):
        problems.append("audit log: could not be read (it may be damaged)")
    else:
        if broken is not None:
            problems.append(f"audit log row {broken.entry_id} {broken.problem}")
    return problems
