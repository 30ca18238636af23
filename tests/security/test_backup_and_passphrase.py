"""Backups, restore and passphrase change: encrypted at every moment, verified before use."""

from __future__ import annotations

import io
import stat

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.factories import SEEDED_SECRETS, rich_case
from victimcare import cli
from victimcare.security.backup import BackupError, change_passphrase, make_backup, restore_backup
from victimcare.security.passphrase import weakness
from victimcare.services.setup import PassphraseRejected
from victimcare.store import UnlockError, case_list, open_database, records

NEW_PASSPHRASE = "lantern orbit quietly marmalade"
BACKUP_PASSPHRASE = "velvet anchor sixteen glacier"


def test_weak_passphrases_are_refused_with_advice():
    assert "at least 12" in weakness("short")
    assert "common" in weakness("password1234").lower()
    assert weakness("aaaaaaaaaaaaaa") is not None
    assert weakness(NEW_PASSPHRASE) is None


def test_passphrase_change_old_fails_new_opens(db_path, db):
    records.insert_case(db, rich_case())
    db.close()
    change_passphrase(db_path, TEST_PASSPHRASE, NEW_PASSPHRASE)
    with pytest.raises(UnlockError):
        open_database(db_path, TEST_PASSPHRASE)
    reopened = open_database(db_path, NEW_PASSPHRASE)
    assert case_list.case_summaries(reopened)[0].reference == "VC-2026-0042"
    reopened.close()
    # The main file alone (no -wal beside it) must already be under the new key.
    assert not db_path.with_name(db_path.name + "-wal").exists() or \
        db_path.with_name(db_path.name + "-wal").stat().st_size == 0


def test_passphrase_change_needs_the_old_one_and_a_strong_new_one(db_path, db):
    db.close()
    with pytest.raises(UnlockError):
        change_passphrase(db_path, "not the old one", NEW_PASSPHRASE)
    with pytest.raises(PassphraseRejected):
        change_passphrase(db_path, TEST_PASSPHRASE, "password1234")
    open_database(db_path, TEST_PASSPHRASE).close()


def test_backup_holds_the_same_data_and_opens_only_with_its_passphrase(db, tmp_path):
    case = records.insert_case(db, rich_case())
    out = tmp_path / "backup.vcb"
    make_backup(db, out, BACKUP_PASSPHRASE)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for secret in SEEDED_SECRETS:
        assert secret.encode() not in data
    with pytest.raises(UnlockError):
        open_database(out, TEST_PASSPHRASE)
    copy = open_database(out, BACKUP_PASSPHRASE)
    assert records.load_case(copy, case.id) == records.load_case(db, case.id)
    copy.close()
    assert not list(tmp_path.glob("*.partial*"))


def test_backup_refuses_to_overwrite(db, tmp_path):
    out = tmp_path / "exists.vcb"
    out.write_bytes(b"keep me")
    with pytest.raises(BackupError):
        make_backup(db, out, TEST_PASSPHRASE)
    assert out.read_bytes() == b"keep me"


def test_restore_replaces_the_database_after_checking_the_backup(db_path, db, tmp_path):
    records.insert_case(db, rich_case())
    out = tmp_path / "backup.vcb"
    make_backup(db, out, TEST_PASSPHRASE)
    records.insert_case(db, rich_case("VC-2026-0099"))  # made after the backup
    db.close()
    restore_backup(out, TEST_PASSPHRASE, db_path)
    restored = open_database(db_path, TEST_PASSPHRASE)
    assert [s.reference for s in case_list.case_summaries(restored)] == ["VC-2026-0042"]
    restored.close()
    assert not db_path.with_name(db_path.name + ".replaced").exists()


def _flip_byte(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("offset", [100, 4096 * 2 + 700, -20])
def test_damaged_backup_is_refused_and_nothing_replaced(db_path, db, tmp_path, offset):
    records.insert_case(db, rich_case())
    out = tmp_path / "backup.vcb"
    make_backup(db, out, TEST_PASSPHRASE)
    db.close()
    before = db_path.read_bytes()
    _flip_byte(out, offset if offset >= 0 else out.stat().st_size + offset)
    with pytest.raises((BackupError, UnlockError)):
        restore_backup(out, TEST_PASSPHRASE, db_path)
    assert db_path.read_bytes() == before
    assert not list(tmp_path.glob("*.restoring*"))


def test_cli_passwd_backup_restore(db_path, db, tmp_path, capsys):
    records.insert_case(db, rich_case())
    db.close()

    def run(argv, text):
        return cli.main(argv, stdin=io.StringIO(text))

    out = tmp_path / "b.vcb"
    assert run(["backup", "--db", str(db_path), "--out", str(out), "--separate-passphrase"],
               f"{TEST_PASSPHRASE}\n{BACKUP_PASSPHRASE}\n") == cli.EXIT_OK
    assert run(["passwd", "--db", str(db_path)],
               f"{TEST_PASSPHRASE}\n{NEW_PASSPHRASE}\n") == cli.EXIT_OK
    assert run(["verify", "--db", str(db_path)], TEST_PASSPHRASE + "\n") == cli.EXIT_LOCKED
    assert run(["verify", "--db", str(db_path)], NEW_PASSPHRASE + "\n") == cli.EXIT_OK
    assert run(["restore", "--from", str(out), "--db", str(db_path)],
               "wrong passphrase here\n") == cli.EXIT_LOCKED
    assert "Nothing was replaced" in capsys.readouterr().err
    assert run(["restore", "--from", str(out), "--db", str(db_path)],
               BACKUP_PASSPHRASE + "\n") == cli.EXIT_OK
    assert run(["verify", "--db", str(db_path)], BACKUP_PASSPHRASE + "\n") == cli.EXIT_OK
    assert run(["passwd", "--db", str(db_path)],
               f"{BACKUP_PASSPHRASE}\npassword1234\n") == cli.EXIT_BAD_INPUT
