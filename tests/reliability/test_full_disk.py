"""A disk that fills up: the save fails plainly, the store stays sound, earlier data stays."""

from __future__ import annotations

import io

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from tests.reliability.conftest import fill
from victimcare import cli
from victimcare.domain.model import Contact, Officer
from victimcare.security.backup import make_backup
from victimcare.services import cases, setup
from victimcare.services.integrity import store_problems
from victimcare.store import StorageFailure, case_list, open_database, records


def test_save_on_a_full_disk_fails_plainly_and_keeps_earlier_data(small_disk):
    path = small_disk / "store.db"
    db = setup.create_store(path, TEST_PASSPHRASE, Officer("PC Full", "F1"))
    case = rich_case()
    case.status, case.closed_at = "open", None
    records.insert_case(db, case)
    saved = cases.log_contact(db, case, Contact(case.opened_at, "phone", "to_victim", "victim",
                                                "spoke", [], "saved before the disk filled"))
    fill(small_disk)
    with pytest.raises(StorageFailure, match="disk is full") as failure:
        for n in range(2000):  # the WAL grows until the disk refuses it
            cases.log_contact(db, case, Contact(case.opened_at, "phone", "to_victim", "victim",
                                                "spoke", [], "x" * 4000 + str(n)))
    assert "nothing from this save was stored" in str(failure.value)
    db.close()
    (small_disk / "ballast").unlink()
    reopened = open_database(path, TEST_PASSPHRASE)
    assert store_problems(reopened) == []
    narratives = {c.narrative for c in records.contacts_for_case(reopened, case.id)}
    assert "saved before the disk filled" in narratives
    assert saved.id in {c.id for c in records.contacts_for_case(reopened, case.id)}
    reopened.close()


def test_backup_to_a_full_disk_fails_plainly_and_leaves_no_partial_file(db, small_disk):
    records.insert_case(db, rich_case())
    fill(small_disk, leave_bytes=8192)
    with pytest.raises((StorageFailure, OSError)):
        make_backup(db, small_disk / "backup.vcb", TEST_PASSPHRASE)
    assert not (small_disk / "backup.vcb").exists()
    assert [p.name for p in small_disk.iterdir()] == ["ballast"]
    assert store_problems(db) == []


def test_cli_import_onto_a_full_disk_says_so(small_disk, tmp_path, capsys):
    source = tmp_path / "source.db"
    assert cli.main(["demo", "--db", str(source), "--cases", "8"],
                    stdin=io.StringIO(TEST_PASSPHRASE + "\n")) == 0
    export = tmp_path / "all.json"
    assert cli.main(["export", "--db", str(source), "--out", str(export)],
                    stdin=io.StringIO(TEST_PASSPHRASE + "\n")) == 0
    target = small_disk / "target.db"
    setup.create_store(target, TEST_PASSPHRASE, Officer("PC Full", "F1")).close()
    fill(small_disk, leave_bytes=160 * 1024)  # room to open, not to import
    code = cli.main(["import", "--db", str(target), str(export)],
                    stdin=io.StringIO(TEST_PASSPHRASE + "\n"))
    err = capsys.readouterr().err
    assert code == cli.EXIT_PROBLEM, err
    assert "disk is full" in err and "nothing from this save was stored" in err
    assert "Traceback" not in err
    (small_disk / "ballast").unlink()
    reopened = open_database(target, TEST_PASSPHRASE)
    assert case_list.case_summaries(reopened) == []  # nothing half-imported
    assert store_problems(reopened) == []
    reopened.close()
