"""Open, key and configure the SQLCipher database.

Every connection in victimcare is made here, so the order that keeps a file encrypted
(log level, key, proof the key works, then the other pragmas) lives in one place; so is
every change of key.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlcipher3

from victimcare.private_files import make_owner_only
from victimcare.store.database import (
    DamagedDatabaseError,
    Database,
    DatabaseExistsError,
    DatabaseMissingError,
    StorageFailure,
    UnlockError,
    disk_failures_as_store_errors,
)
from victimcare.store.migrations import create_schema, schema_version, upgrade

# SQLCipher's default key derivation (256,000 rounds of PBKDF2-HMAC-SHA512) is slow on
# purpose. Tests set this to a small number through `use_test_kdf()`; nothing in the
# application ever does, and the value is not stored in the file.
_kdf_iterations: int | None = None


def use_test_kdf(iterations: int | None) -> None:
    """Test-only: a cheap key derivation so the suite runs quickly. None restores the default."""
    global _kdf_iterations
    _kdf_iterations = iterations


def create_database(path: str | os.PathLike[str], passphrase: str) -> Database:
    """Create a new encrypted database with the current schema. Never overwrites a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(connect_new_keyed(path, passphrase), path)
    try:
        _choose_journal(db.connection)
        create_schema(db)
    except BaseException:
        db.close()
        raise
    db.ready = True
    return db


def open_database(path: str | os.PathLike[str], passphrase: str) -> Database:
    """Open an existing database, upgrading an older schema; refuse a newer one untouched."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseMissingError(f"There is no database at {path}.")
    if path.stat().st_size == 0:
        # SQLCipher would happily treat an empty file as a new database and write to it.
        raise UnlockError(f"{path} is empty: it is not a victimcare database.")
    old_umask = os.umask(0o077)
    try:
        conn = _connect(path, passphrase)
    finally:
        os.umask(old_umask)
    db = Database(conn, path)
    try:
        # Identify the file before anything writes to it: a foreign or newer file must be
        # left exactly as it was.
        schema_version(db, refuse_newer=True)
        _choose_journal(conn)
        upgrade(db)
        db.ready = True
    except (sqlcipher3.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise DamagedDatabaseError(
            f"{path.name} opened, but parts of it cannot be read: it may be damaged. "
            "It has not been changed; restore a backup or ask for help."
        ) from exc
    except BaseException:
        db.close()
        raise
    return db


def connect_new_keyed(path: Path, passphrase: str) -> sqlcipher3.Connection:
    """A keyed connection to a new, owner-only file, with no schema yet."""
    if path.exists():
        raise DatabaseExistsError(f"{path} already exists; refusing to overwrite it.")
    # The file and, because SQLite copies the main file's mode onto them, its -wal and -shm
    # companions must be readable by the owner only from the first byte.
    old_umask = os.umask(0o077)
    try:
        conn = _connect(path, passphrase)
    finally:
        os.umask(old_umask)
    make_owner_only(path)
    return conn


def _connect(path: Path, passphrase: str) -> sqlcipher3.Connection:
    if not isinstance(passphrase, str) or passphrase == "":
        raise UnlockError("A passphrase is required.")
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, detect_types=0, check_same_thread=True
    )
    conn.row_factory = sqlcipher3.Row
    try:
        # Keep SQLCipher's own "hmac check failed" lines off the user's terminal.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # The key comes before any statement that touches the file: a statement run first
        # would leave a new file in plaintext. set_key takes the text as bytes, so quotes,
        # spaces and emoji need no escaping.
        conn.set_key(passphrase.encode("utf-8"))
        if _kdf_iterations is not None:
            conn.execute(f"PRAGMA kdf_iter = {int(_kdf_iterations)}")
        # A wrong key is only noticed on the first read.
        with disk_failures_as_store_errors():
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except StorageFailure:
        conn.close()
        raise
    except (sqlcipher3.DatabaseError, sqlite3.DatabaseError) as exc:
        conn.close()
        raise UnlockError(
            "The passphrase is wrong, or this file is not a victimcare database."
        ) from exc
    # Deleted records are overwritten, not just unlinked, on every connection.
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    # SQLCipher never encrypts temp files: keep sorts and temp tables in memory.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA busy_timeout = 5000")
    # Every page read from disk is decrypted and authenticated; a 32 MB page cache keeps the
    # pages the Today list and the case list touch decrypted in memory between refreshes.
    conn.execute("PRAGMA cache_size = -32768")
    return conn


def library_versions() -> dict[str, str]:
    """The SQLCipher, SQLite and crypto library builds inside sqlcipher3 (for About).
    Asked of an in-memory database: no file is touched, and the key is a throwaway."""
    conn = sqlcipher3.connect(":memory:")
    try:
        versions = {
            "sqlcipher": conn.execute("PRAGMA cipher_version").fetchone()[0],
            "sqlite": conn.execute("SELECT sqlite_version()").fetchone()[0],
        }
        conn.set_key(b"about")  # the crypto provider answers only on a keyed connection
        row = conn.execute("PRAGMA cipher_provider_version").fetchone()
        versions["crypto"] = row[0] if row else ""
    finally:
        conn.close()
    return versions


def _choose_journal(conn: sqlcipher3.Connection) -> None:
    # WAL: a reader (a backup, a report built off the UI thread) never blocks the officer's
    # save, and a killed process loses nothing committed. WAL pages are encrypted like the
    # main file, and SQLite gives -wal and -shm the main file's owner-only mode.
    # synchronous=FULL so a commit that returned also survives a power cut.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def rekey(db: Database, passphrase: str) -> None:
    """Re-key every page of the open store with `passphrase`, and fold the WAL into the main
    file so no page encrypted under the old key remains."""
    db.connection.reset_key(passphrase.encode("utf-8"))
    # Re-keyed pages sit in the -wal until a checkpoint; until then the main file alone
    # would still open with the old key.
    db.checkpoint()
