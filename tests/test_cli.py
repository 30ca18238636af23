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
from victimcare.store import case_list, open_database, records


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


def test_demo_makes_a_new_store_and_refuses_an_existing_one(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert run(["demo", "--db", str(path), "--cases", "6", "--seed", "3"]) == cli.EXIT_OK
    db = open_database(path, TEST_PASSPHRASE)
    assert len(case_list.case_summaries(db)) == 6
    db.close()
    before = path.read_bytes()
    assert run(["demo", "--db", str(path), "--cases", "6"]) == cli.EXIT_BAD_INPUT
    assert path.read_bytes() == before
    assert run(["demo", "--db", str(tmp_path / "x.db"), "--cases", "0"]) == cli.EXIT_BAD_INPUT
    assert "--cases" in capsys.readouterr().err


def test_export_then_import_into_another_store(tmp_path, capsys):
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    out = tmp_path / "all.json"
    assert run(["demo", "--db", str(source), "--cases", "4"]) == cli.EXIT_OK
    assert run(["init", "--db", str(target), "--officer", "PC B"]) == cli.EXIT_OK
    assert run(["export", "--db", str(source), "--out", str(out)]) == cli.EXIT_OK
    assert "NOT encrypted" in capsys.readouterr().err
    assert stat_mode(out) == 0o600
    assert run(["import", "--db", str(target), str(out)]) == cli.EXIT_OK
    db = open_database(target, TEST_PASSPHRASE)
    assert len(case_list.case_summaries(db)) == 4
    db.close()
    # The same file again: every reference is already held, so nothing is imported.
    assert run(["import", "--db", str(target), str(out)]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "already in this database" in err and "Nothing was imported" in err


def test_export_one_case_and_an_unknown_case(tmp_path, capsys):
    source = tmp_path / "a.db"
    assert run(["demo", "--db", str(source), "--cases", "3"]) == cli.EXIT_OK
    db = open_database(source, TEST_PASSPHRASE)
    reference = case_list.case_summaries(db)[0].reference
    db.close()
    assert run(["export", "--db", str(source), "--case", reference,
                "--out", str(tmp_path / "one.json")]) == cli.EXIT_OK
    assert run(["export", "--db", str(source), "--case", "VC-1999-0001",
                "--out", str(tmp_path / "none.json")]) == cli.EXIT_BAD_INPUT
    assert "no case VC-1999-0001" in capsys.readouterr().err
    assert not (tmp_path / "none.json").exists()


def test_malformed_import_names_the_problem_and_changes_nothing(db_path, db, tmp_path, capsys):
    db.close()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "victimcare-export", "version": 1, "cases": [\n  {"reference": }\n]}')
    before = db_path.read_bytes()
    assert run(["import", "--db", str(db_path), str(bad)]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "line 2" in err and "Traceback" not in err
    assert db_path.read_bytes() == before
    assert run(["import", "--db", str(db_path), str(tmp_path / "absent.json")]) == cli.EXIT_BAD_INPUT


def test_export_to_a_missing_folder_is_bad_input(db_path, db, tmp_path, capsys):
    db.close()
    code = run(["export", "--db", str(db_path), "--out", str(tmp_path / "no" / "such.json")])
    assert code == cli.EXIT_BAD_INPUT
    assert "Traceback" not in capsys.readouterr().err


def stat_mode(path):
    import stat as stat_module

    return stat_module.S_IMODE(path.stat().st_mode)


def test_print_writes_a_private_pdf_and_refuses_bad_requests(tmp_path, capsys):
    source = tmp_path / "a.db"
    assert run(["demo", "--db", str(source), "--cases", "3"]) == cli.EXIT_OK
    db = open_database(source, TEST_PASSPHRASE)
    reference = case_list.case_summaries(db)[0].reference
    db.close()
    out = tmp_path / "summary.pdf"
    assert run(["print", "summary", "--db", str(source), "--case", reference, "--redact",
                "--out", str(out)]) == cli.EXIT_OK
    assert out.read_bytes().startswith(b"%PDF") and stat_mode(out) == 0o600
    assert "NOT encrypted" in capsys.readouterr().err
    assert run(["print", "compliance", "--db", str(source), "--from", "01/01/2026",
                "--to", "31/10/2026", "--out", str(tmp_path / "c.pdf")]) == cli.EXIT_OK
    assert run(["print", "log", "--db", str(source),
                "--out", str(tmp_path / "nocase.pdf")]) == cli.EXIT_BAD_INPUT
    assert run(["print", "summary", "--db", str(source), "--case", "VC-1999-0001",
                "--out", str(tmp_path / "unknown.pdf")]) == cli.EXIT_BAD_INPUT
    with pytest.raises(SystemExit) as bad_date:
        run(["print", "compliance", "--db", str(source), "--from", "31/02/2026",
             "--to", "01/03/2026", "--out", str(tmp_path / "d.pdf")])
    assert bad_date.value.code == cli.EXIT_BAD_INPUT
    assert "is not a date" in capsys.readouterr().err
    assert not any((tmp_path / name).exists() for name in ("nocase.pdf", "unknown.pdf", "d.pdf"))
    assert run(["print", "summary", "--db", str(source), "--case", reference,
                "--out", str(out)]) == cli.EXIT_BAD_INPUT  # never overwrites


def test_verify_reports_a_deleted_audit_row(db_path, db, capsys):
    records.insert_case(db, rich_case())
    from victimcare.services import audit

    for _ in range(3):
        audit.record(db, "consultation", "VC-2026-0042", "case opened for viewing")
    middle = db.scalar("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2")
    db.execute("DELETE FROM audit_log WHERE id = ?", (middle,))
    db.close()
    assert run(["verify", "--db", str(db_path)]) == cli.EXIT_PROBLEM
    assert f"audit log row {middle + 1} does not follow" in capsys.readouterr().err


def test_odd_command_line_input_is_bad_input_not_an_internal_error(db_path, db, tmp_path, capsys):
    db.close()
    assert run(["backup", "--db", str(db_path), "--out",
                str(tmp_path / "missing" / "b.vcb")]) == cli.EXIT_BAD_INPUT
    assert "is not a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as early:
        run(["print", "compliance", "--db", str(db_path), "--from", "01/01/0001",
             "--to", "01/01/2026", "--out", str(tmp_path / "c.pdf")])
    assert early.value.code == cli.EXIT_BAD_INPUT
    assert "before 1900" in capsys.readouterr().err
    assert run(["verify", "--db", str(db_path)], "caf\udce9 passphrase\n") == cli.EXIT_BAD_INPUT
    assert "not valid text" in capsys.readouterr().err
