"""Retention review and erasure: erased means gone, from every table and every free page."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from tests.factories import SEEDED_SECRETS, rich_case
from victimcare.domain.model import Case, Victim
from victimcare.domain.validation import ValidationError
from victimcare.services import retention
from victimcare.store import migrations, records


def test_closed_cases_past_their_review_date_are_listed(db):
    due = records.insert_case(db, rich_case("VC-2026-0001"))  # review 2032-10-01
    later = rich_case("VC-2026-0002")
    later.retention_review_date = date(2040, 1, 1)
    records.insert_case(db, later)
    listed = retention.reviews_due(db, today=date(2033, 1, 1))
    assert [r.summary.reference for r in listed] == [due.reference]


def test_keep_needs_a_reason_and_a_future_date(db):
    case = records.insert_case(db, rich_case())
    with pytest.raises(ValidationError):
        retention.keep(db, case.id, "", date.today() + timedelta(days=365))
    with pytest.raises(ValidationError):
        retention.keep(db, case.id, "Linked series", date(2020, 1, 1))
    retention.keep(db, case.id, "Linked series still under investigation", date(2031, 5, 1))
    assert records.load_case(db, case.id).retention_review_date == date(2031, 5, 1)
    decision = db.first("SELECT * FROM retention_decisions")
    assert decision["decision"] == "keep" and decision["next_review_date"] == "2031-05-01"


def test_open_cases_cannot_be_erased(db):
    case = rich_case()
    case.status, case.closed_at = "open", None
    stored = records.insert_case(db, case)
    with pytest.raises(ValidationError, match="closed"):
        retention.erase(db, stored.id, "Not needed")


def test_erasure_leaves_no_trace_in_any_table_or_free_page(db, db_path):
    erased = records.insert_case(db, rich_case("VC-2026-0001"))
    kept = records.insert_case(db, Case("VC-2026-0002", "assault", "victims-code-2020",
                                        Victim("Tunde", "Adeyemi"), opened_at=rich_case().opened_at))
    reference = retention.erase(db, erased.id, "Review: no policing purpose")
    assert reference == "VC-2026-0001"

    tables = [r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = []
    for table in tables:
        for row in db.all(f'SELECT * FROM "{table}"'):
            dump.extend(str(v) for v in tuple(row))
    text = "\n".join(dump)
    for secret in ("Wójcik", "Laburnum", "900461", "Disclosed the abuse", "zofia.w"):
        assert secret not in text, secret
    assert db.scalar("SELECT count(*) FROM case_search WHERE case_search MATCH 'wojcik'") == 0
    assert db.scalar("PRAGMA freelist_count") == 0
    assert db.scalar("SELECT count(*) FROM contacts WHERE case_id = ?", (erased.id,)) == 0
    assert records.load_case(db, kept.id).victim.family_name == "Adeyemi"
    erasure = db.first("SELECT * FROM audit_log WHERE action = 'erasure'")
    assert erasure["case_reference"] == "VC-2026-0001"
    assert db.first("SELECT decision FROM retention_decisions")[0] == "erase"
    # And in the raw (encrypted) file nothing of the seeded text appears either.
    db.close()
    raw = db_path.read_bytes()
    for secret in SEEDED_SECRETS:
        assert secret.encode() not in raw


def test_erasure_also_removes_copies_kept_before_schema_upgrades(db, db_path):
    erased = records.insert_case(db, rich_case("VC-2026-0001"))
    # What an upgrade leaves beside the store (migrations._keep_copy_before_migrating).
    copy = db_path.with_name(db_path.name + ".schema-2.bak")
    shutil.copyfile(db_path, copy)
    unrelated = db_path.with_name("other.db.schema-2.bak")
    unrelated.write_bytes(b"not this store's")
    assert migrations.upgrade_copies(db_path) == [copy]
    retention.erase(db, erased.id, "Review: no policing purpose")
    assert not copy.exists()
    assert unrelated.exists()  # another store's copy is not this erasure's business
