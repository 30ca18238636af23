"""Open, key and configure the SQLCipher database.

Every connection in victimcare is made here, so the order that keeps a file encrypted
(log level, key, proof the key works, then the other pragmas) lives in one place.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from victimcare.security.files import make_owner_only

# SQLCipher's default key derivation (256,000 rounds of PBKDF2-HMAC-SHA512) is slow on
# purpose. Tests set this to a small number through `use_test_kdf()`; nothing in the
# application ever does, and the value is not stored in the file.
_kdf_iterations: int | None = None

APPLICATION_ID = "victimcare"


class StoreError(Exception):
    """A problem with the database that the user can act on; the message is plain words."""


class UnlockError(StoreError):
    """Wrong passphrase, or the file is not a victimcare database."""


class NewerSchemaError(StoreError):
    """The file was written by a newer victimcare; we refuse to touch it."""


class DatabaseExistsError(StoreError):
    """Refusing to create a database over an existing file."""


class DamagedDatabaseError(StoreError):
    """The passphrase opened the file, but some of its pages cannot be read."""


class StorageFailure(StoreError):
    """The disk refused a write (full, removed, read-only): the save did not happen."""


# SQLite's primary result codes for a disk that cannot take the write.
_DISK_FAILURES = {
    "SQLITE_FULL": "The disk is full",
    "SQLITE_IOERR": "The disk could not be written",
    "SQLITE_READONLY": "The database file cannot be written (read-only)",
    "SQLITE_CANTOPEN": "The database file can no longer be reached",
    "SQLITE_BUSY": "The database is busy in another program",
}


_PRIMARY_BY_MESSAGE = {
    "database or disk is full": "SQLITE_FULL",
    "disk I/O error": "SQLITE_IOERR",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "database is locked": "SQLITE_BUSY",
}


@contextmanager
def disk_failures_as_store_errors() -> Iterator[None]:
    try:
        yield
    except (sqlcipher3.OperationalError, sqlcipher3.DatabaseError) as exc:
        name = (getattr(exc, "sqlite_errorname", "") or "").split("_")
        primary = "_".join(name[:2])
        if not primary:  # some calls (the backup API) raise without the error code
            primary = _PRIMARY_BY_MESSAGE.get(str(exc), "")
        if primary in _DISK_FAILURES:
            raise StorageFailure(
                f"{_DISK_FAILURES[primary]}: nothing from this save was stored, and what was "
                "saved before is safe. Free some space or check the drive, then try again."
            ) from exc
        raise


class StoreClosedError(RuntimeError):
    """The store was used after it was closed: code that a lock interrupted reached for it.

    Not a StoreError on purpose: no handler should turn it into a message for the officer
    (who now sees the unlock window); it ends the interrupted action, having written nothing.
    """


class DatabaseMissingError(StoreError):
    """There is no database file at the path given."""


def use_test_kdf(iterations: int | None) -> None:
    """Test-only: a cheap key derivation so the suite runs quickly. None restores the default."""
    global _kdf_iterations
    _kdf_iterations = iterations


class Database:
    """One keyed connection with small typed helpers over plain SQL."""

    def __init__(self, connection: sqlcipher3.Connection, path: Path) -> None:
        self._conn = connection
        self.path = path
        self._depth = 0
        # Set once the file is known to be ours and current: only then may close() write.
        self.ready = False

    # -- queries ---------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return the last inserted row id."""
        with disk_failures_as_store_errors():
            cursor = self._live.execute(sql, params)
        return cursor.lastrowid

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with disk_failures_as_store_errors():
            self._live.executemany(sql, rows)

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlcipher3.Row]:
        return self._live.execute(sql, params).fetchall()

    def first(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlcipher3.Row | None:
        return self._live.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self._live.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def script(self, sql: str) -> None:
        """Run several statements inside the current transaction (executescript would commit)."""
        for statement in _split_statements(sql):
            self._live.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All-or-nothing: commit on success, roll back on any error. Nests as one transaction."""
        if self._depth == 0:
            with disk_failures_as_store_errors():
                self._live.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            # SQLite may already have rolled back by itself (a full disk does that).
            if self._depth == 0 and self._conn is not None and self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                with disk_failures_as_store_errors():
                    self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @property
    def connection(self) -> sqlcipher3.Connection:
        return self._conn

    @property
    def _live(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise StoreClosedError("the database is closed")
        return self._conn

    def close(self) -> None:
        if self._conn is not None and self.ready:
            try:
                # Keeps the query planner's statistics fresh; cheap when nothing changed.
                self._conn.execute("PRAGMA optimize")
            except sqlcipher3.Error:
                pass  # closing must not fail over statistics (a full disk, a read-only file)
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def create_database(path: str | os.PathLike[str], passphrase: str) -> Database:
    """Create a new encrypted database with the current schema. Never overwrites a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(connect_new_keyed(path, passphrase), path)
    try:
        from victimcare.store.migrations import create_schema

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
        from victimcare.store.migrations import schema_version, upgrade

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


def _split_statements(sql: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
