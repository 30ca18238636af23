"""The open store: one keyed connection with small typed helpers over plain SQL, and the
errors the store raises in plain words.

Connections are made, keyed and configured in victimcare.store.opening only; this module
knows nothing of opening or migrating, so the migrations can use it without a loop.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3


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

    def checkpoint(self) -> None:
        """Fold the WAL into the main file and empty it, so the file alone is complete and no
        old page lingers in the -wal."""
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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
    def in_transaction(self) -> bool:
        """Inside `transaction()`: what is written now is kept only if the whole of it is."""
        return self._depth > 0

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
