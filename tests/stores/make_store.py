"""Make the store file a released victimcare writes, for tests/store/test_upgrades.py.

    .venv/bin/python -m tests.stores.make_store

Run once per release, with that release's code checked out: it writes
tests/stores/victimcare-<version>-schema-<N>.db, a small store of fictional demo cases keyed
with PASSPHRASE at SQLCipher's real key derivation (as the app writes it), and beside it
<same>.json, what the store held: every table's row count and a few whole cases. It refuses
to remake a file that exists: a released store is kept as it was made, and later versions of
victimcare must open and upgrade it with nothing lost.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

from victimcare import __version__
from victimcare.domain.model import Officer
from victimcare.services import retention, setup
from victimcare.services.demo import generate_demo
from victimcare.store import audit_log, case_list, officers, records
from victimcare.store.database import Database
from victimcare.store.migrations import SCHEMA_VERSION

PASSPHRASE = "fixture store passphrase 2026!"  # fictional data only; see test_upgrades.py
OFFICER = Officer("PC Fixture Officer", "FX1001", "Fixture Team")
CASES, SEED, TODAY = 12, 18, date(2026, 11, 2)
CASES_IN_FULL = 3  # whole cases kept in the manifest
FOLDER = Path(__file__).resolve().parent


def store_name(version: str = __version__, schema: int = SCHEMA_VERSION) -> str:
    return f"victimcare-{version}-schema-{schema}"


def plain(value):
    """A dataclass tree as JSON-ready values (dates and enums as text)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def manifest(db: Database) -> dict:
    """What the store holds, read through the same code the app reads it with."""
    tables = [row[0] for row in db.all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'case_search_%' ORDER BY name")]
    counts = {name: db.scalar(f'SELECT count(*) FROM "{name}"') for name in tables}
    case_ids = records.all_case_ids(db)[:CASES_IN_FULL]
    return {
        "made_by": __version__,
        "schema": SCHEMA_VERSION,
        "counts": counts,
        "officers": plain(officers.officers(db)),
        # Each with its victim, safe-contact rules, agreement, events, contact log (with
        # amendments), care plan and commitments.
        "cases": [plain(records.load_case(db, case_id)) for case_id in case_ids],
        "audit_head": audit_log.last_audit_hash(db),
    }


def main() -> int:
    target = FOLDER / f"{store_name()}.db"
    if target.exists():
        print(f"{target.name} exists: a released store is never remade.", file=sys.stderr)
        return 1
    db = setup.create_store(target, PASSPHRASE, OFFICER)
    try:
        generate_demo(db, CASES, SEED, today=TODAY)
        # Schema 2's retention decisions, one of each kind, through the app's own services.
        closed = [case.id for case in case_list.case_summaries(db, "closed")]
        retention.keep(db, closed[0], "Trial pending for a linked case.", date(2031, 1, 6))
        retention.erase(db, closed[1], "Retention period over; nothing pending.")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file to commit
        held = manifest(db)
    finally:
        db.close()
    (FOLDER / f"{store_name()}.json").write_text(
        json.dumps(held, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Wrote {target.name} and its manifest ({held['counts']['cases']} cases).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
