"""Upgrades keep data: the store file each released victimcare wrote (tests/stores/, made by
tests/stores/make_store.py with that release) opens in today's code, is upgraded to today's
schema, and still holds everything it held, row for row and field for field.

The stores hold fictional demo cases only. Their passphrase, for anyone who wants to open one
in the app: "fixture store passphrase 2026!" (make_store.PASSPHRASE).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.stores.make_store import FOLDER, PASSPHRASE, plain
from victimcare.services import setup
from victimcare.services.integrity import store_problems
from victimcare.store import audit_log, officers, records
from victimcare.store.migrations import SCHEMA_VERSION, schema_version, upgrade_copies
from victimcare.store.opening import use_test_kdf

STORES = sorted(FOLDER.glob("victimcare-*-schema-*.db"))


def schema_of(store: Path) -> int:
    return int(store.stem.rsplit("-schema-", 1)[1])


def assert_holds(actual, expected, where: str = "") -> None:
    """Everything in `expected` is in `actual` unchanged; a later schema may add fields."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is gone"
            assert_holds(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
            assert_holds(got, want, f"{where}[{index}]")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def test_the_released_stores_are_kept():
    assert [store.name for store in STORES][:1] == ["victimcare-0.1.0-schema-3.db"]
    for store in STORES:
        assert store.with_suffix(".json").is_file(), f"{store.name} has no manifest"
        assert schema_of(store) <= SCHEMA_VERSION


@pytest.mark.parametrize("store", STORES, ids=lambda store: store.stem)
def test_released_store_opens_upgraded_with_nothing_lost(store, tmp_path):
    # Made with SQLCipher's real key derivation, as the app writes every store.
    use_test_kdf(None)
    expected = json.loads(store.with_suffix(".json").read_text("utf-8"))
    copy = tmp_path / store.name
    shutil.copyfile(store, copy)
    db = setup.unlock(copy, PASSPHRASE)
    try:
        assert schema_version(db) == SCHEMA_VERSION
        for table, count in expected["counts"].items():
            assert db.scalar(f'SELECT count(*) FROM "{table}"') == count, table
        assert_holds(plain(officers.officers(db)), expected["officers"], "officers")
        assert len(expected["cases"]) == 3
        for case in expected["cases"]:
            assert_holds(plain(records.load_case(db, case["id"])), case, case["reference"])
        assert audit_log.last_audit_hash(db) == expected["audit_head"]
        assert store_problems(db) == []
    finally:
        db.close()
    upgraded = schema_of(store) < SCHEMA_VERSION
    assert bool(upgrade_copies(copy)) == upgraded  # the copy kept before migrating


def test_the_check_sees_a_lost_field():
    """assert_holds must fail on a changed value, a missing key or a missing row."""
    case = {"victim": {"family_name": "Okafor"}, "contacts": [{"id": 1}, {"id": 2}]}
    for damaged in ({"victim": {"family_name": "Okafo"}, "contacts": [{"id": 1}, {"id": 2}]},
                    {"victim": {}, "contacts": [{"id": 1}, {"id": 2}]},
                    {"victim": {"family_name": "Okafor"}, "contacts": [{"id": 1}]}):
        with pytest.raises(AssertionError):
            assert_holds(damaged, case)
    assert_holds({**case, "new_field": 1}, case)  # a later schema may add
