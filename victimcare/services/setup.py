"""Creating and opening the officer's store."""

from __future__ import annotations

import os
from pathlib import Path

from victimcare.domain.model import Officer
from victimcare.domain.timeutil import utc_now
from victimcare.security.passphrase import MIN_LENGTH, PassphraseRejected, check_new_passphrase
from victimcare.services import audit
from victimcare.store import create_database, officers, open_database
from victimcare.store.database import Database

MIN_PASSPHRASE_LENGTH = MIN_LENGTH


# The views check a new passphrase as it is typed, through this module.
__all__ = ["MIN_PASSPHRASE_LENGTH", "PassphraseRejected", "check_new_passphrase",
           "create_store", "current_officer", "unlock"]


def create_store(path: str | os.PathLike[str], passphrase: str, officer: Officer) -> Database:
    """A new, empty, encrypted store that belongs to this officer."""
    check_new_passphrase(passphrase, context=[officer.name, officer.staff_number, officer.team])
    if not officer.name.strip():
        raise ValueError("The officer's name is required.")
    db = create_database(Path(path), passphrase)
    try:
        with db.transaction():
            officers.add_officer(db, Officer(officer.name.strip(), officer.staff_number.strip(),
                                            officer.team.strip(), created_at=utc_now()))
            audit.record(db, "collection", "", "store created")
    except BaseException:
        db.close()
        raise
    return db


def unlock(path: str | os.PathLike[str], passphrase: str) -> Database:
    return open_database(Path(path), passphrase)


def current_officer(db: Database) -> Officer | None:
    return officers.first_officer(db)
