"""The command line: exit codes and plain messages, with the passphrase on standard input."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from victimcare import cli
from victimcare.store import open_database, records


def run(argv, stdin_text=TEST_PASSPHRASE + "\n"):
    return cli.main(argv, stdin=io.StringIO(stdin_text))


def test_init_creates_an_encrypted_store(tmp_path, capsys):
    path = tmp_path / "new.db"
    assert run(["init", "--db", str(path), "--officer", "PC Ó Briain"]) == cli.EXIT_OK
    db = open_database(path, TEST_PASSPHRASE)
    assert db.scalar("SELECT name FROM officers") == "PC Ó Briain"
    db.close()


def test_init_refuses_an_existing_file(tmp_path, capsys):
    path = tmp_path / "exists.db"
    path.write_bytes(b"precious")
    assert run(["init", "--db", str(path)]) == cli.EXIT_BAD_INPUT
    assert "refusing to overwrite" in capsys.readouterr().err
    assert path.read_bytes() == b"precious"


def test_init_refuses_a_weak_passphrase(tmp_path, capsys):
    path = tmp_path / "weak.db"
    assert run(["init", "--db", str(path)], "short\n") == cli.EXIT_BAD_INPUT
    assert "at least 12 characters" in capsys.readouterr().err
    assert not path.exists()


def test_no_passphrase_is_bad_input(db_path, db, capsys):
    db.close()
    assert run(["verify", "--db", str(db_path)], "") == cli.EXIT_BAD_INPUT
    assert "no passphrase" in capsys.readouterr().err


def test_verify_sound_store(db_path, db, capsys):
    records.insert_case(db, rich_case())
    db.close()
    assert run(["verify", "--db", str(db_path)]) == cli.EXIT_OK
    assert "sound" in capsys.readouterr().out


def test_db_option_before_the_command(db_path, db):
    db.close()
    assert run(["--db", str(db_path), "verify"]) == cli.EXIT_OK


def test_verify_reports_a_tampered_audit_log(db_path, db, capsys):
    records.insert_case(db, rich_case())
    db.execute("UPDATE audit_log SET detail = 'nothing to see' WHERE id = 1")
    db.close()
    assert run(["verify", "--db", str(db_path)]) == cli.EXIT_PROBLEM
    assert "audit log row 1" in capsys.readouterr().err


def test_verify_reports_flipped_bytes(db_path, db, capsys):
    records.insert_case(db, rich_case())
    db.close()
    data = bytearray(db_path.read_bytes())
    data[4096 * 3 + 100] ^= 0xFF  # inside a data page, not page 1 (which holds the salt)
    db_path.write_bytes(bytes(data))
    code = run(["verify", "--db", str(db_path)])
    assert code == cli.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert err.startswith("victimcare: ") and "Traceback" not in err


def test_wrong_passphrase_exits_3(db_path, db, capsys):
    db.close()
    assert run(["verify", "--db", str(db_path)], "not it at all\n") == cli.EXIT_LOCKED
    err = capsys.readouterr().err
    assert "passphrase is wrong" in err
    assert "Traceback" not in err


def test_missing_database_is_bad_input(tmp_path, capsys):
    assert run(["verify", "--db", str(tmp_path / "absent.db")]) == cli.EXIT_BAD_INPUT
    assert "no such database" in capsys.readouterr().err


def test_unknown_command_is_bad_usage(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(["frobnicate"])
    assert exit_info.value.code == cli.EXIT_BAD_INPUT


def test_unexpected_errors_show_no_traceback_or_message(db_path, db, capsys, monkeypatch):
    db.close()

    def explode(_db):
        raise RuntimeError("Zofia Wójcik lives at 17 Laburnum Grove")

    monkeypatch.setattr("victimcare.services.integrity.store_problems", explode)
    assert run(["verify", "--db", str(db_path)]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "RuntimeError" in err
    assert "Wójcik" not in err and "Traceback" not in err


def test_real_process_wrong_passphrase_and_real_key_derivation(tmp_path):
    """A separate process keeps SQLCipher's default cost: create, verify, then a wrong key."""
    path = tmp_path / "real.db"
    env = {k: v for k, v in os.environ.items()}
    env["HOME"] = str(tmp_path)

    def victimcare(*args, stdin):
        return subprocess.run([sys.executable, "-m", "victimcare.cli", *args], input=stdin,
                              capture_output=True, text=True, env=env, timeout=120)

    made = victimcare("init", "--db", str(path), "--officer", "PC Real", stdin=TEST_PASSPHRASE + "\n")
    assert made.returncode == 0, made.stderr
    good = victimcare("verify", "--db", str(path), stdin=TEST_PASSPHRASE + "\n")
    assert good.returncode == 0, good.stderr
    bad = victimcare("verify", "--db", str(path), stdin="wrong passphrase\n")
    assert bad.returncode == 3
    assert bad.stderr.strip().startswith("victimcare: ")
    assert "Traceback" not in bad.stderr and "hmac" not in bad.stderr.lower()
    assert len(bad.stderr.strip().splitlines()) <= 2
