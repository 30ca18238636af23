"""A second copy of the app on the same database is refused plainly."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from victimcare.security.instance import AlreadyRunning, InstanceLock


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
