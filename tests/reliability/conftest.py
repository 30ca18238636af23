"""Fixtures for fault tests: a small filesystem that fills up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs the test can fill. Needs Linux and permission to mount (root in CI)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("a small tmpfs can only be mounted on Linux")
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs",
                           str(mount_point)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip() or 'not permitted'}); "
                    "run as root to include the full-disk tests")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(directory, leave_bytes: int = 0) -> None:
    """Fill the filesystem holding `directory`, leaving about `leave_bytes` free."""
    stats = os.statvfs(directory)
    free = stats.f_bavail * stats.f_frsize - leave_bytes
    with open(os.path.join(directory, "ballast"), "wb") as ballast:
        while free > 0:
            chunk = min(free, 1 << 16)
            try:
                ballast.write(b"\0" * chunk)
                ballast.flush()
            except OSError:
                break
            free -= chunk
