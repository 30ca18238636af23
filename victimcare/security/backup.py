"""Encrypted backups, restore, and passphrase change.

A backup is never plaintext at any moment: pages go from the keyed store straight into a
keyed copy (victimcare.store.copies), written beside the destination under a temporary name,
checked, then atomically renamed into place.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from victimcare.private_files import make_owner_only
from victimcare.security.passphrase import check_new_passphrase
from victimcare.store import StoreError, UnlockError, open_database
from victimcare.store.copies import BackupError, write_keyed_copy
from victimcare.store.database import Database
from victimcare.store.integrity import store_problems
from victimcare.store.opening import rekey

__all__ = ["BackupError", "change_passphrase", "make_backup", "restore_backup"]


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def make_backup(db: Database, destination: str | os.PathLike[str], passphrase: str,
                progress: Callable[[int, int], None] | None = None) -> None:
    """Write a consistent encrypted copy of the open store to `destination`, keyed with
    `passphrase` (the store's own, or a separate one). Refuses to overwrite a file."""
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; refusing to overwrite it.")
    if not destination.parent.is_dir():
        raise BackupError(f"{destination.parent} is not a folder: choose where the backup goes.")
    partial = destination.with_name(destination.name + ".partial")
    for leftover in [partial, *_companions(partial)]:
        leftover.unlink(missing_ok=True)
    try:
        write_keyed_copy(db, partial, passphrase, progress)
    except BaseException:
        for leftover in [partial, *_companions(partial)]:
            leftover.unlink(missing_ok=True)
        raise
    _fsync_file(partial)
    os.replace(partial, destination)
    _fsync_dir(destination.parent)


def restore_backup(backup: str | os.PathLike[str], passphrase: str,
                   database: str | os.PathLike[str]) -> None:
    """Replace `database` with `backup` after proving the backup opens and is sound.

    The replaced file is kept (as `<name>.replaced`) until the restored one has opened.
    """
    backup, database = Path(backup), Path(database)
    if not backup.is_file():
        raise BackupError(f"{backup}: no such backup.")
    incoming = database.with_name(database.name + ".restoring")
    for leftover in [incoming, *_companions(incoming)]:
        leftover.unlink(missing_ok=True)
    shutil.copyfile(backup, incoming)
    make_owner_only(incoming)
    try:
        try:
            candidate = open_database(incoming, passphrase)
        except UnlockError:
            raise
        except StoreError as exc:
            raise BackupError(f"{backup.name} cannot be restored: {exc}") from None
        try:
            problems = store_problems(candidate)
            candidate.checkpoint()
        finally:
            candidate.close()
        if problems:
            raise BackupError(f"{backup.name} is damaged ({problems[0]}); nothing was replaced.")
        _fsync_file(incoming)
    except BaseException:
        for leftover in [incoming, *_companions(incoming)]:
            leftover.unlink(missing_ok=True)
        raise
    replaced = database.with_name(database.name + ".replaced")
    had_database = database.exists()
    if had_database:
        os.replace(database, replaced)
        for companion in _companions(database):
            companion.unlink(missing_ok=True)  # belonged to the replaced file
    os.replace(incoming, database)
    _fsync_dir(database.parent)
    try:
        open_database(database, passphrase).close()
    except BaseException:
        if had_database:  # put the original back exactly as it was
            os.replace(replaced, database)
        raise
    if had_database:
        replaced.unlink()


def change_passphrase(path: str | os.PathLike[str], old: str, new: str) -> None:
    """Verify the old passphrase, re-key every page with the new one, and fold the WAL in so
    no page encrypted under the old key remains; then prove it by reopening."""
    path = Path(path)
    check_new_passphrase(new)
    db = open_database(path, old)
    try:
        rekey(db, new)
    finally:
        db.close()
    open_database(path, new).close()


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # not possible on this platform (Windows)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
