"""Killed mid-write: SIGKILL at random moments loses nothing whose save had returned."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from victimcare.services.integrity import store_problems
from victimcare.store import open_database, records

KILLS = 50
ROOT = Path(__file__).resolve().parents[2]


def test_fifty_random_kills_lose_no_saved_contact(db_path, db):
    case = rich_case()
    case.status, case.closed_at = "open", None
    records.insert_case(db, case)
    db.close()
    rng = random.Random(20261128)
    saved: set[int] = set()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.writer", str(db_path), TEST_PASSPHRASE],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        saved.update(int(line) for line in out.split() if line.isdigit())

        reopened = open_database(db_path, TEST_PASSPHRASE)
        try:
            stored = {row[0] for row in reopened.all("SELECT id FROM contacts")}
            assert saved <= stored, f"lost {sorted(saved - stored)[:5]}"
        finally:
            reopened.close()
    final = open_database(db_path, TEST_PASSPHRASE)
    assert store_problems(final) == []
    assert len(saved) > KILLS  # the children really were writing when killed
    final.close()
