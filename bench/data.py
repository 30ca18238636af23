"""Fictional databases for the benchmark, built once with the demo generator and reused.

They live in bench-data/ (git-ignored). Everything in them is made up by `victimcare demo`,
so the unencrypted copies used as baselines hold no personal data.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3

from victimcare.domain.model import Contact, Officer
from victimcare.services import setup
from victimcare.services.demo import generate_demo
from victimcare.store import migrations, open_database, records
from victimcare.store.database import Database

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"
PASSPHRASE = "fictional bench data only 2026"
SEED = 7
# Extra contacts added to two cases: one to open in the app, one to print.
OPEN_CASE_CONTACTS = 500
PRINT_CASE_CONTACTS = 1000


def encrypted_path(cases: int) -> Path:
    return DATA / f"cases-{cases}.db"


def plain_path(cases: int) -> Path:
    return DATA / f"cases-{cases}-plain.db"


def ensure(cases: int, log=print) -> tuple[Path, Path]:
    """The encrypted store and its unencrypted twin, made if missing."""
    DATA.mkdir(exist_ok=True)
    encrypted, plain = encrypted_path(cases), plain_path(cases)
    if not encrypted.exists():
        log(f"  building {cases} fictional cases (once; reused next time)...")
        # Built under a temporary name, so an interrupted build is never reused half-made.
        building = encrypted.with_name(encrypted.name + ".building")
        for leftover in DATA.glob(building.name + "*"):
            leftover.unlink()
        db = setup.create_store(building, PASSPHRASE, Officer("Bench Officer", "B0001"))
        generate_demo(db, cases, SEED)
        first, second = records.all_case_ids(db)[:2]
        _add_contacts(db, first, OPEN_CASE_CONTACTS)
        _add_contacts(db, second, PRINT_CASE_CONTACTS)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        building.rename(encrypted)
        plain.unlink(missing_ok=True)
    if plain.exists() and _plain_schema(plain) != migrations.SCHEMA_VERSION:
        plain.unlink()  # a baseline must have the same schema (and indexes) as the store
    if not plain.exists():
        db = open_database(encrypted, PASSPHRASE)  # upgrades the store's schema first
        # An unencrypted copy of the same pages: the baseline that shows what encryption costs.
        db.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        db.execute("SELECT sqlcipher_export('plain')")
        db.execute("DETACH DATABASE plain")
        db.close()
    return encrypted, plain


def _add_contacts(db: Database, case_id: int, count: int) -> None:
    """Bring a case up to about `count` contacts, for the case-opening and PDF figures."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=700)
    with db.transaction():
        for n in range(count):
            records.add_contact(db, case_id, Contact(
                start + timedelta(hours=16 * n), "phone", "to_victim", "victim",
                "spoke" if n % 4 else "no_answer", ["investigation_update"] if n % 3 == 0 else [],
                f"Fictional bench contact {n}: discussed progress, support and next steps.",
                recorded_at=start + timedelta(hours=16 * n, minutes=5)))
        records.reindex_case(db, case_id)


def case_with_contacts(db: Database, at_least: int) -> int:
    """The case with the fewest contacts among those with at least `at_least`."""
    return db.scalar(
        "SELECT case_id FROM contacts GROUP BY case_id HAVING count(*) >= ? "
        "ORDER BY count(*) LIMIT 1", (at_least,))


def _plain_schema(path: Path) -> int:
    db = open_plain(path)
    try:
        return int(db.scalar("SELECT value FROM meta WHERE key = 'schema_version'") or 0)
    finally:
        db.close()


def open_plain(path: Path) -> Database:
    """The unencrypted twin through the same Database helpers (no key: plain SQLite pages)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.row_factory = sqlcipher3.Row
    conn.execute("PRAGMA temp_store = MEMORY")
    return Database(conn, path)
