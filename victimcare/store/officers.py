"""Officers: the one this store belongs to, and those that imported cases name."""

from __future__ import annotations

from victimcare.domain.model import Officer
from victimcare.store import rows
from victimcare.store.database import Database

# The store's own officer is the first one added (when the store was created); an import may
# add others, as the authors of the entries it brings.
_FIRST = "SELECT * FROM officers ORDER BY id LIMIT 1"


def add_officer(db: Database, officer: Officer) -> Officer:
    officer.id = rows.insert(db, "officers", officer)
    return officer


def officers(db: Database) -> list[Officer]:
    return [rows.build(Officer, row) for row in db.all("SELECT * FROM officers ORDER BY id")]


def first_officer(db: Database) -> Officer | None:
    """The officer this store belongs to, or None in a store with no officer yet."""
    row = db.first(_FIRST)
    return None if row is None else rows.build(Officer, row)


def first_officer_id(db: Database) -> int | None:
    """The id of the officer this store belongs to: the author of what is entered here."""
    return db.scalar("SELECT id FROM officers ORDER BY id LIMIT 1")


def officer_id_named(db: Database, name: str, staff_number: str) -> int | None:
    """The first officer with exactly this name and staff number, or None."""
    return db.scalar(
        "SELECT id FROM officers WHERE name = ? AND staff_number = ? ORDER BY id LIMIT 1",
        (name, staff_number),
    )


def rename_officer(db: Database, officer_id: int, name: str, staff_number: str,
                   team: str) -> None:
    """Change an officer's name, staff number and team (when they joined stays)."""
    db.execute("UPDATE officers SET name = ?, staff_number = ?, team = ? WHERE id = ?",
               (name, staff_number, team, officer_id))
