"""Schema version and the straight chain of numbered migrations.

Each migration runs in one transaction together with the version bump, so a database is
always at exactly one version. A database written by a newer victimcare is refused, untouched.
"""

from __future__ import annotations

import glob
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from victimcare.private_files import make_owner_only
from victimcare.store.database import Database, NewerSchemaError, UnlockError

# What `meta` says a victimcare database is (0001_initial.sql writes it).
APPLICATION_ID = "victimcare"


def _sql_migration(name: str) -> Callable[[Database], None]:
    def run(db: Database) -> None:
        db.script(resources.files("victimcare.store.sql").joinpath(name).read_text("utf-8"))

    run.__name__ = name
    return run


# Position in this list + 1 is the schema version the migration produces. Append only.
MIGRATIONS: list[Callable[[Database], None]] = [
    _sql_migration("0001_initial.sql"),
    _sql_migration("0002_retention_decisions.sql"),
    _sql_migration("0003_worklist_index.sql"),
]

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database, *, refuse_newer: bool = False) -> int:
    """0 for an empty file, else the version recorded in `meta`."""
    has_meta = db.scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    )
    if not has_meta:
        if db.scalar("SELECT count(*) FROM sqlite_master"):
            raise UnlockError("This file is an encrypted database, but not a victimcare one.")
        return 0
    if db.scalar("SELECT value FROM meta WHERE key = 'application'") != APPLICATION_ID:
        raise UnlockError("This file is an encrypted database, but not a victimcare one.")
    version = int(db.scalar("SELECT value FROM meta WHERE key = 'schema_version'") or 0)
    if refuse_newer and version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"This database was written by a newer version of victimcare (schema {version}; "
            f"this version understands up to {SCHEMA_VERSION}). It has not been changed: "
            "update victimcare to open it."
        )
    return version


def create_schema(db: Database) -> None:
    upgrade(db, allow_empty=True)


def upgrade(db: Database, *, allow_empty: bool = False, target: int | None = None) -> None:
    target = SCHEMA_VERSION if target is None else target
    current = schema_version(db, refuse_newer=True)
    if current == 0 and not allow_empty:
        raise UnlockError("This file is an encrypted database, but not a victimcare one.")
    if 0 < current < target:
        _keep_copy_before_migrating(db, current)
    for version in range(current + 1, target + 1):
        with db.transaction():
            MIGRATIONS[version - 1](db)
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(version),),
            )


def upgrade_copies(path: Path) -> list[Path]:
    """The copies kept before upgrades, beside the database at `path`."""
    return sorted(path.parent.glob(f"{glob.escape(path.name)}.schema-*.bak"))


def _keep_copy_before_migrating(db: Database, current: int) -> None:
    """Copy the (still encrypted) file aside, so a failed upgrade can never cost data. The
    copy holds every case as it then was: erasing a case removes it (services.retention)."""
    # Fold the WAL into the main file first so the copy is complete on its own.
    db.checkpoint()
    copy = db.path.with_name(f"{db.path.name}.schema-{current}.bak")
    if not copy.exists():
        shutil.copyfile(db.path, copy)
        make_owner_only(copy)
