"""Creating and opening the officer's store."""

from __future__ import annotations

import os
from pathlib import Path

from victimcare.domain.model import Officer
from victimcare.domain.timeutil import utc_now
from victimcare.services import audit
from victimcare.store import create_database, open_database, records
from victimcare.store.database import Database

MIN_PASSPHRASE_LENGTH = 12


class PassphraseRejected(ValueError):
    """A new passphrase that is too weak to protect the store."""


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> None:
    if repeated is not None and passphrase != repeated:
        raise PassphraseRejected("The two passphrases do not match.")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphraseRejected(
            f"Use at least {MIN_PASSPHRASE_LENGTH} characters: a few unrelated words work well."
        )
    if passphrase.strip() != passphrase or not passphrase.strip():
        raise PassphraseRejected("The passphrase must not start or end with a space.")


def create_store(path: str | os.PathLike[str], passphrase: str, officer: Officer) -> Database:
    """A new, empty, encrypted store that belongs to this officer."""
    check_new_passphrase(passphrase)
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
