"""Corrupt or foreign files: a clear message, the right exit code, and the file untouched."""

from __future__ import annotations

import hashlib
import io
import sqlite3

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from victimcare import cli
from victimcare.store import case_list, records


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(path):
    return cli.main(["verify", "--db", str(path)], stdin=io.StringIO(TEST_PASSPHRASE + "\n"))


@pytest.fixture
def sound_store(db_path, db):
    records.insert_case(db, rich_case())
    db.close()
    return db_path


def truncated(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flipped(path):
    data = bytearray(path.read_bytes())
    for offset in (4096 + 17, 4096 * 5 + 999):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def zero_length(path):
    path.write_bytes(b"")


def plain_sqlite(path):
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text)")
    conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.commit()
    conn.close()


def pdf_renamed(path):
    path.write_bytes(b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 300 + b"%%EOF\n")


@pytest.mark.parametrize("damage", [truncated, flipped, zero_length, plain_sqlite, pdf_renamed])
def test_verify_names_the_problem_and_never_repairs(sound_store, damage, capsys):
    damage(sound_store)
    before = digest(sound_store)
    code = verify(sound_store)
    assert code in (cli.EXIT_PROBLEM, cli.EXIT_LOCKED)
    err = capsys.readouterr().err
    assert err.startswith("victimcare: ") and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 20
    assert digest(sound_store) == before
    # Opening for other work is refused the same way, still without touching the file.
    code = cli.main(["export", "--db", str(sound_store), "--out", str(sound_store) + ".json"],
                    stdin=io.StringIO(TEST_PASSPHRASE + "\n"))
    assert code in (cli.EXIT_PROBLEM, cli.EXIT_LOCKED)
    assert digest(sound_store) == before


def test_moved_away_while_open_fails_plainly_and_damages_nothing(db_path, db, tmp_path):
    from victimcare.domain.model import Contact
    from victimcare.services import cases
    from victimcare.store import StoreError, open_database

    case = records.insert_case(db, rich_case())
    moved = tmp_path / "moved" / "store.db"
    moved.parent.mkdir()
    for suffix in ("", "-wal", "-shm"):
        source = db_path.with_name(db_path.name + suffix)
        if source.exists():
            source.rename(moved.with_name(moved.name + suffix))
    # On Linux the open file moves with its handle, so saving still works and lands in the
    # moved file; what must never happen is a new empty database appearing at the old path.
    try:
        cases.log_contact(db, case, Contact(case.opened_at, "phone", "to_victim", "victim",
                                            "spoke", [], "after the move"))
    except StoreError:
        pass
    db.close()
    assert not db_path.exists()
    reopened = open_database(moved, TEST_PASSPHRASE)
    assert case_list.case_summaries(reopened)[0].reference == case.reference
    reopened.close()
