"""The demo's output, pinned: the same seed, size and day always store exactly the same rows.

Each digest is a SHA-256 over a canonical JSON dump of every table the demo writes to (row ids
and the search index included), so any change to any value, row order or random draw shows.
Only what reads the wall clock is left out: the audit log's time and the hashes chained over it,
and the officer row the test store was created with.

A digest changes only when the demo is meant to produce different data; then say so in the
commit and put the new digest here. Refactoring the generator must leave every one unchanged.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from victimcare.services.demo import generate_demo
from victimcare.store.database import Database

TODAY = date(2026, 11, 28)

# Columns whose values come from the clock when the test runs, not from the demo.
_WALL_CLOCK_COLUMNS = {
    "audit_log": {"at", "prev_hash", "hash"},
    "officers": {"created_at"},
}


def _tables(db: Database) -> list[str]:
    """Every table holding data, including the full-text index (but not its shadow tables)."""
    names = [row[0] for row in db.all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return [name for name in names if not name.startswith("case_search_")]


def _rows(db: Database, table: str) -> list[dict]:
    skipped = _WALL_CLOCK_COLUMNS.get(table, set())
    if table == "case_search":
        rows = db.all("SELECT rowid, body FROM case_search ORDER BY rowid")
        return [{"rowid": row[0], "body": row[1]} for row in rows]
    without_rowid = db.scalar(
        "SELECT sql FROM sqlite_master WHERE name = ?", (table,)).rstrip().upper().endswith(
        "WITHOUT ROWID")
    order = "" if without_rowid else " ORDER BY rowid"
    rows = [{key: row[key] for key in row.keys() if key not in skipped}
            for row in db.all(f"SELECT * FROM {table}{order}")]  # noqa: S608 (names from the schema)
    if without_rowid:
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True))
    return rows


def store_digest(db: Database) -> str:
    """SHA-256 of every stored row, as canonical JSON."""
    dump = {table: _rows(db, table) for table in _tables(db)}
    text = json.dumps(dump, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest_of_references(references: list[str]) -> str:
    return hashlib.sha256("\n".join(references).encode("utf-8")).hexdigest()


@pytest.mark.parametrize(("seed", "cases", "expected"), [
    (0, 4, "bf7449b311d547a88fe8e46d6fbd735f9123e72a89bf7f66bebbb7ecf9413b57"),
    (7, 30, "410867d036fc6b8dafbfbeb7ad03faf1140915b77c639cf1a91b91554e4292de"),
    (5, 120, "7c0803bcbcbf907e6f74e439c89488b9396376bef4c65588faa58aa121e85475"),
    # More than one transaction's worth (500), so the chunking is pinned too.
    (2026, 520, "5a5a6848cdb6ab1b5d4beece34b1a55240dec1bfbe7d302d8b6cb3aae2294cf5"),
])
def test_the_same_seed_size_and_day_store_exactly_the_pinned_rows(db, seed, cases, expected):
    progress: list[tuple[int, int]] = []
    references = generate_demo(db, cases, seed=seed, today=TODAY,
                               progress=lambda done, total: progress.append((done, total)))
    assert len(references) == cases
    assert progress[-1] == (cases, cases)
    assert progress == [(n, cases) for n in range(50, cases, 50)] + [(cases, cases)]
    assert store_digest(db) == expected


def test_a_second_run_into_the_same_store_continues_the_references_as_pinned(db):
    first = generate_demo(db, 12, seed=5, today=TODAY)
    second = generate_demo(db, 12, seed=6, today=TODAY)
    assert _digest_of_references(first + second) == (
        "eece82261e5330dac528370c0e30ab8550d1818686bec2c89e57297d227fa528")
    assert store_digest(db) == (
        "070fd38449d4bef0fec09c95c8fe6685db3b846214f0ee99a0f89343704a1ff2")


def test_the_digest_sees_a_single_changed_value(db):
    """The pin can fail: one letter added to one name changes the digest."""
    generate_demo(db, 4, seed=0, today=TODAY)
    before = store_digest(db)
    db.execute("UPDATE victims SET given_names = given_names || 'x' WHERE id = "
               "(SELECT max(id) FROM victims)")
    assert store_digest(db) != before
