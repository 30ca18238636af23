"""What an installed victimcare must do away from its source tree, wherever it came from (the
wheel in tests/test_packaging.py, the desktop bundle in tests/test_bundle.py): create a demo
store, print a contact summary, verify the store, and open the app up to its unlock window."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from victimcare import __version__

PASSPHRASE = "pass phrase 1234!"  # fictional cases only
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"
NOT_ENCRYPTED = "victimcare: note that this {} is NOT encrypted; keep it safe and delete it when done."


def private_env(workdir: Path) -> dict[str, str]:
    """A home of its own, so nothing lands in (or is read from) the real user's folders."""
    home = workdir / "home"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "VICTIMCARE_", "PYTHON"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               QT_QPA_PLATFORM="offscreen")
    return env


def run(program: list[str], args: list[str], workdir: Path, env: dict[str, str],
        stdin: str = "", timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([*program, *args], input=stdin, capture_output=True, text=True,
                          cwd=workdir, env=env, timeout=timeout)


def exercise(program: list[str], workdir: Path) -> None:
    """Every step asserts its exit code, what it printed and what it wrote."""
    env = private_env(workdir)
    once, twice = PASSPHRASE + "\n", PASSPHRASE + "\n" + PASSPHRASE + "\n"

    done = run(program, ["--version"], workdir, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"victimcare {__version__}\n", "")

    done = run(program, ["demo", "--db", "demo.db", "--cases", "4"], workdir, env, twice)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Created 4 fictional cases in demo.db.\n"
    assert (workdir / "demo.db").stat().st_mode & 0o777 == 0o600

    done = run(program, ["export", "--db", "demo.db", "--out", "demo.json"], workdir, env, once)
    assert done.returncode == 0, done.stderr
    reference = json.loads((workdir / "demo.json").read_text("utf-8"))["cases"][0]["reference"]

    done = run(program, ["print", "summary", "--db", "demo.db", "--case", reference,
                         "--out", "summary.pdf"], workdir, env, once)
    assert done.returncode == 0, done.stderr
    assert done.stderr == NOT_ENCRYPTED.format("PDF") + "\n"
    pdf = (workdir / "summary.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf  # the shipped font was found

    done = run(program, ["verify", "--db", "demo.db"], workdir, env, once)
    assert (done.returncode, done.stdout, done.stderr) == (0, "demo.db: sound.\n", "")

    done = run(program, ["--db", "demo.db"], workdir, {**env, "VICTIMCARE_START_CHECK": "1"},
               timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "victimcare start check: unlock window shown.\n"
    assert [line for line in done.stderr.splitlines() if line != OFFSCREEN_NOISE] == []
