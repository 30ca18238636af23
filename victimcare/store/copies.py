"""Whole-store copies for backups: pages go from the keyed store straight into a keyed copy
(SQLite's online backup between two SQLCipher connections), so no page is ever plaintext.

Where the copy goes, its temporary name and the rename into place are
victimcare.security.backup's business; this module only fills and proves the copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from victimcare.store.database import Database, StoreError, disk_failures_as_store_errors
from victimcare.store.opening import connect_new_keyed


class BackupError(StoreError):
    """A backup or restore that could not be completed; nothing was replaced."""


def write_keyed_copy(db: Database, path: Path, passphrase: str,
                     progress: Callable[[int, int], None] | None = None) -> None:
    """Copy every page of the open store into a new file at `path`, keyed with `passphrase`,
    then prove the copy reads back whole and fold its WAL in. Refuses an existing file; on
    failure the partial file is left for the caller to remove."""
    target = connect_new_keyed(path, passphrase)
    try:
        def report(status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        with disk_failures_as_store_errors():
            db.connection.backup(target, pages=256, progress=report)
        # Prove the copy before it takes the real name.
        problems = target.execute("PRAGMA cipher_integrity_check").fetchall()
        if problems or target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError("The backup copy did not check out; nothing was kept.")
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
