"""A second copy of the app on the same database is refused plainly, and so are the commands
that would change a store the app has open (restore, passwd, import)."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from victimcare import cli
from victimcare.domain.model import Officer
from victimcare.security.backup import make_backup
from victimcare.security.instance import AlreadyRunning, InstanceLock
from victimcare.services.setup import create_store
from victimcare.services.transfer import export_to_file
from victimcare.store import records


def test_second_lock_on_the_same_database_is_refused(tmp_path):
    database = tmp_path / "store.db"
    first = InstanceLock(database)
    first.acquire()
    try:
        with pytest.raises(AlreadyRunning, match="already open"):
            InstanceLock(database).acquire()
        InstanceLock(tmp_path / "other.db").acquire()  # a different database is fine
    finally:
        first.release()
    with InstanceLock(database) as again:
        assert again.held


def test_lock_held_by_another_process_is_seen_and_freed_when_it_dies(tmp_path):
    database = tmp_path / "store.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from victimcare.security.instance import InstanceLock
            InstanceLock(Path({str(database)!r})).acquire()
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunning):
            InstanceLock(database).acquire()
    finally:
        holder.kill()
        holder.wait()
    with InstanceLock(database):
        pass


# -- the command line refuses to change a store the app has open ----------------------------------
NEW_PASSPHRASE = "lantern orbit quietly marmalade"
OPEN_MESSAGE = "victimcare is open on this database: close it first"


@pytest.fixture
def store_with_backup_and_export(db_path, db, tmp_path):
    """A store with one case, a backup of it, and an export of a second store's case."""
    records.insert_case(db, rich_case())
    backup = tmp_path / "store.vcb"
    make_backup(db, backup, TEST_PASSPHRASE)
    db.close()
    source_path = tmp_path / "source.db"  # the export holds a case the store does not have
    source = create_store(source_path, TEST_PASSPHRASE, Officer("PC Source", "S1", "T"))
    records.insert_case(source, rich_case("VC-2026-0077"))
    export = tmp_path / "cases.json"
    export_to_file(source, export)
    source.close()
    return db_path, backup, export


def _commands(db_path, backup, export):
    """restore, passwd and import, each with the input it would read."""
    return {
        "restore": (["restore", "--from", str(backup), "--db", str(db_path)],
                    TEST_PASSPHRASE + "\n"),
        "passwd": (["passwd", "--db", str(db_path)], f"{TEST_PASSPHRASE}\n{NEW_PASSPHRASE}\n"),
        "import": (["import", "--db", str(db_path), str(export)], TEST_PASSPHRASE + "\n"),
    }


def _files(db_path):
    return {p.name: p.read_bytes() for p in db_path.parent.iterdir()
            if p.name.startswith(db_path.name) and not p.name.endswith(".lock")}


@pytest.mark.parametrize("command", ["restore", "passwd", "import"])
def test_the_command_line_refuses_to_change_a_store_the_app_has_open(
        store_with_backup_and_export, command, capsys):
    db_path, backup, export = store_with_backup_and_export
    argv, typed = _commands(db_path, backup, export)[command]
    before = _files(db_path)
    stdin = io.StringIO(typed)
    with InstanceLock(db_path):  # what the running app holds for as long as it is open
        assert cli.main(argv, stdin=stdin) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert OPEN_MESSAGE in err and "Nothing was changed" in err
    assert "Traceback" not in err
    assert _files(db_path) == before  # not a byte changed
    assert stdin.tell() == 0  # refused before asking for any passphrase

    # With the app closed, the same command goes through.
    assert cli.main(argv, stdin=io.StringIO(typed)) == cli.EXIT_OK
    with InstanceLock(db_path):  # and the command let go of the lock again
        pass


def test_reading_commands_still_work_while_the_app_is_open(store_with_backup_and_export,
                                                           tmp_path):
    db_path, _backup, _export = store_with_backup_and_export
    with InstanceLock(db_path):
        assert cli.main(["verify", "--db", str(db_path)],
                        stdin=io.StringIO(TEST_PASSPHRASE + "\n")) == cli.EXIT_OK
        assert cli.main(["export", "--db", str(db_path), "--out", str(tmp_path / "o.json")],
                        stdin=io.StringIO(TEST_PASSPHRASE + "\n")) == cli.EXIT_OK


def test_restore_is_refused_while_another_process_holds_the_store(store_with_backup_and_export):
    """The app in another process: a real second process holding the app's lock."""
    db_path, backup, _export = store_with_backup_and_export
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from victimcare.security.instance import InstanceLock
            InstanceLock(Path({str(db_path)!r})).acquire()
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        before = _files(db_path)
        result = subprocess.run(
            [sys.executable, "-m", "victimcare.cli", "restore", "--from", str(backup),
             "--db", str(db_path)], input=TEST_PASSPHRASE + "\n", capture_output=True,
            text=True, timeout=120)
        assert result.returncode == cli.EXIT_BAD_INPUT
        assert OPEN_MESSAGE in result.stderr and "Traceback" not in result.stderr
        assert _files(db_path) == before
    finally:
        holder.kill()
        holder.wait()
