"""Making one write of a user action fail, to prove the action stores all of it or nothing.

Every statement that changes the store goes through `Database.execute` or `executemany`;
counting those made inside the action's transaction numbers its writes, so a test can make
the first, the third or the last of them fail as a full disk would, with the message the
officer would see.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import sqlcipher3

from victimcare.domain import timeutil
from victimcare.store.database import Database, disk_failures_as_store_errors


def store_contents(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table (the search index's own tables included), in a stable order."""
    tables = [r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table' "
                                   "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: sorted((tuple(row) for row in db.all(f'SELECT * FROM "{name}"')), key=repr)
            for name in tables}


def raise_full_disk() -> None:
    """Fail as a full disk does, with the message the officer is shown."""
    # The store's own translation of SQLite's error, so the message is the one shown.
    with disk_failures_as_store_errors():
        raise sqlcipher3.OperationalError("database or disk is full")


class Writes(list):
    """The SQL of each write made inside a transaction, and how many transactions (outermost
    ones: nested ones join them) held those writes."""

    transactions = 0


@contextmanager
def counted_writes(db: Database, fail_at: int | None = None) -> Iterator[Writes]:
    """Count the writes made inside a transaction while the block runs; the `fail_at`-th
    (1 = the first) fails as a full disk does."""
    made = Writes()
    execute, executemany, transaction = db.execute, db.executemany, db.transaction

    def counting(run: Callable, sql: str, *args):
        if db.in_transaction:
            made.append(sql)
            if len(made) == fail_at:
                raise_full_disk()
        return run(sql, *args)

    def counted_transaction():
        if not db.in_transaction:
            made.transactions += 1
        return transaction()

    db.execute = lambda sql, *args: counting(execute, sql, *args)  # type: ignore[method-assign]
    db.executemany = lambda sql, *args: counting(executemany, sql, *args)  # type: ignore[method-assign]
    db.transaction = counted_transaction  # type: ignore[method-assign]
    try:
        yield made
    finally:
        del db.execute, db.executemany, db.transaction


def freeze_clock(monkeypatch, moment: datetime) -> None:
    """Every victimcare module that reads the time through timeutil.utc_now reads `moment`,
    so an action run twice writes the very same rows."""
    real = timeutil.utc_now
    for name, module in list(sys.modules.items()):
        if name.startswith("victimcare") and getattr(module, "utc_now", None) is real:
            monkeypatch.setattr(module, "utc_now", lambda: moment)


class _CommitRefused:
    """The store's connection, refusing to COMMIT as a disk that filled at the last moment."""

    def __init__(self, connection: sqlcipher3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, *args):
        if sql == "COMMIT":
            raise sqlcipher3.OperationalError("database or disk is full")
        return self._connection.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._connection, name)


@contextmanager
def failing_commit(db: Database) -> Iterator[None]:
    """The next COMMIT fails (everything before it succeeds): the very last write there is."""
    real = db._conn
    db._conn = _CommitRefused(real)  # type: ignore[assignment]
    try:
        yield
    finally:
        db._conn = real
