"""The encrypted store: keying, file protection, pragmas, migrations and evidential rules."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import stat

import pytest
import sqlcipher3

from tests.conftest import TEST_PASSPHRASE
from tests.factories import SEEDED_SECRETS, rich_case
from victimcare.store import (
    DatabaseExistsError,
    NewerSchemaError,
    UnlockError,
    case_list,
    create_database,
    migrations,
    open_database,
    records,
)
from victimcare.store.opening import use_test_kdf


def _strip_ids(value):
    """Compare records without the ids the store assigns."""
    if dataclasses.is_dataclass(value):
        return {f.name: _strip_ids(getattr(value, f.name))
                for f in dataclasses.fields(value) if f.name not in ("id", "need_id")}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_record_type_round_trips(db):
    case = records.insert_case(db, rich_case())
    loaded = records.load_case(db, case.id)
    assert _strip_ids(loaded) == _strip_ids(rich_case())
    assert loaded.contacts[0].current.narrative == "Corrected narrative"
    assert loaded.contacts[0].narrative.startswith("Disclosed the abuse")


@pytest.mark.parametrize("passphrase", [
    "it's a \"quoted\" phrase; DROP TABLE",
    "  spaces  inside and out  ",
    "пароль для проверки",
    "كلمة مرور طويلة",
    "🐴🔋📎 horse battery",
    "back\\slash and 'single' quotes''",
])
def test_any_typed_passphrase_works(tmp_path, passphrase):
    path = tmp_path / "p.db"
    create_database(path, passphrase).close()
    open_database(path, passphrase).close()
    with pytest.raises(UnlockError):
        open_database(path, passphrase + "x")


def test_wrong_passphrase_is_one_typed_error_and_quiet(db_path, db, capfd):
    db.close()
    with pytest.raises(UnlockError, match="passphrase is wrong"):
        open_database(db_path, "not the passphrase")
    captured = capfd.readouterr()
    assert "hmac" not in captured.err.lower()
    assert captured.err == ""


def test_file_is_encrypted_private_and_unreadable_by_plain_sqlite(db_path, db):
    records.insert_case(db, rich_case())
    # Look at the -wal before it is folded back on close: it must be ciphertext too.
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()
    files = [db_path, wal, db_path.with_name(db_path.name + "-shm")]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    contents = {path: path.read_bytes() for path in files}
    db.close()
    contents[db_path] = db_path.read_bytes()
    assert not contents[db_path].startswith(b"SQLite format 3")
    for path, data in contents.items():
        for secret in SEEDED_SECRETS:
            assert secret.encode("utf-8") not in data, (secret, path)
    plain = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_connection_settings(db):
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.scalar("PRAGMA secure_delete") == 1
    assert db.scalar("PRAGMA temp_store") == 2  # memory
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL


def test_production_keeps_sqlcipher_default_key_derivation(tmp_path):
    use_test_kdf(None)
    db = create_database(tmp_path / "real.db", TEST_PASSPHRASE)
    assert db.scalar("PRAGMA kdf_iter") == "256000"
    db.close()


def test_create_refuses_to_overwrite(db_path, db):
    with pytest.raises(DatabaseExistsError):
        create_database(db_path, TEST_PASSPHRASE)


def test_migrations_from_the_first_schema_match_a_fresh_create(tmp_path, monkeypatch):
    """A store made at schema 1 and upgraded step by step ends exactly like a fresh one."""
    full_chain = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", full_chain[:1])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)
    old = create_database(tmp_path / "old.db", TEST_PASSPHRASE)
    assert migrations.schema_version(old) == 1
    records.insert_case(old, rich_case())
    old.close()
    monkeypatch.undo()

    upgraded = open_database(tmp_path / "old.db", TEST_PASSPHRASE)
    fresh = create_database(tmp_path / "fresh.db", TEST_PASSPHRASE)

    def schema(db):
        return [tuple(r) for r in db.all(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name")]

    assert migrations.schema_version(upgraded) == migrations.SCHEMA_VERSION > 1
    assert schema(upgraded) == schema(fresh)
    assert case_list.case_summaries(upgraded)[0].reference == "VC-2026-0042"
    upgraded.close()
    fresh.close()


def test_older_schema_is_upgraded_with_a_copy_kept(db_path, db, monkeypatch):
    records.insert_case(db, rich_case())
    db.close()

    def add_column(database):
        database.execute("ALTER TABLE cases ADD COLUMN example TEXT NOT NULL DEFAULT 'x'")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_column])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    upgraded = open_database(db_path, TEST_PASSPHRASE)
    assert migrations.schema_version(upgraded) == migrations.SCHEMA_VERSION
    assert upgraded.scalar("SELECT example FROM cases") == "x"
    assert case_list.case_summaries(upgraded)[0].reference == "VC-2026-0042"
    upgraded.close()
    copy = db_path.with_name(db_path.name + f".schema-{migrations.SCHEMA_VERSION - 1}.bak")
    assert copy.exists() and stat.S_IMODE(copy.stat().st_mode) == 0o600
    kept = open_database(copy, TEST_PASSPHRASE)  # still opens: it is at schema 1 -> upgraded
    kept.close()


def test_failed_migration_leaves_the_old_version(db_path, db, monkeypatch):
    db.close()

    def broken(database):
        database.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    with pytest.raises(RuntimeError):
        open_database(db_path, TEST_PASSPHRASE)
    monkeypatch.undo()
    reopened = open_database(db_path, TEST_PASSPHRASE)
    assert migrations.schema_version(reopened) == migrations.SCHEMA_VERSION  # not the broken one
    assert reopened.scalar("SELECT count(*) FROM sqlite_master WHERE name='half_done'") == 0
    reopened.close()


def test_newer_schema_is_refused_and_left_untouched(db_path, db):
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.close()
    before = _digest(db_path)
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_database(db_path, TEST_PASSPHRASE)
    assert _digest(db_path) == before


def test_foreign_encrypted_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = '{TEST_PASSPHRASE}'")
    conn.execute("PRAGMA kdf_iter = 64")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(UnlockError, match="not a victimcare"):
        open_database(path, TEST_PASSPHRASE)
    assert _digest(path) == before


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n" + bytes(5000), b"SQLite format 3\x00" + bytes(4080)])
def test_files_that_are_not_victimcare_databases(tmp_path, content):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(UnlockError):
        open_database(path, TEST_PASSPHRASE)
    assert path.read_bytes() == content


def test_contact_entries_cannot_be_edited_or_deleted(db):
    case = records.insert_case(db, rich_case())
    contact_id = case.contacts[0].id
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot be edited"):
        db.execute("UPDATE contacts SET narrative = 'rewritten' WHERE id = ?", (contact_id,))
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot be deleted"):
        db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot be edited"):
        db.execute("UPDATE contact_amendments SET reason = 'x'")
    assert records.load_case(db, case.id).contacts[0].narrative.startswith("Disclosed")


def test_transaction_rolls_back_on_error(db):
    with pytest.raises(ValueError):
        with db.transaction():
            records.insert_case(db, rich_case())
            raise ValueError("stop")
    assert db.scalar("SELECT count(*) FROM cases") == 0
    assert db.scalar("SELECT count(*) FROM contacts") == 0
