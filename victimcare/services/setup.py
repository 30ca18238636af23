"""Creating and opening the officer's store."""

from __future__ import annotations

import os
from pathlib import Path

from victimcare.domain.model import Officer
from victimcare.domain.timeutil import utc_now
from victimcare.security.passphrase import MIN_LENGTH, weakness
from victimcare.services import audit
from victimcare.store import create_database, open_database, records
from victimcare.store.database import Database

MIN_PASSPHRASE_LENGTH = MIN_LENGTH


class PassphraseRejected(ValueError):
    """A new passphrase that is too weak to protect the store."""


def check_new_passphrase(passphrase: str, repeated: str | None = None,
                         context: list[str] | None = None) -> None:
    """Refuse a new passphrase that does not match its repeat or is too weak, saying why."""
    if repeated is not None and passphrase != repeated:
        raise PassphraseRejected("The two passphrases do not match.")
    problem = weakness(passphrase, context)
    if problem:
        raise PassphraseRejected(problem)


def create_store(path: str | os.PathLike[str], passphrase: str, officer: Officer) -> Database:
    """A new, empty, encrypted store that belongs to this officer."""
    check_new_passphrase(passphrase, context=[officer.name, officer.staff_number, officer.team])
    if not officer.name.strip():
        raise ValueError("The officer's name is required.")
    db = create_database(Path(path), passphrase)
    try:
        with db.transaction():
            records.add_officer(db, Officer(officer.name.strip(), officer.staff_number.strip(),
                                            officer.team.strip(), created_at=utc_now()))
            audit.record(db, "collection", "", "store created")
    except BaseException:
        db.close()
        raise
    return db


def unlock(path: str | os.PathLike[str], passphrase: str) -> Database:
    return open_database(Path(path), passphrase)


def current_officer(db: Database) -> Officer | None:
    found = records.officers(db)
    return found[0] if found else None
