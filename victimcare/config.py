"""File locations and settings that are never personal data.

The database path, window geometry and the idle-lock minutes may go to QSettings-like plain
storage; names, addresses and anything typed about a victim never do.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "victimcare"
APP_AUTHOR = "victimcare"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return data_dir() / "victimcare.db"


@cache
def resources_dir() -> Path:
    """The icons, fonts and rule files: the repository's top-level resources/ folder, which
    pyproject.toml installs as the package `victimcare.resources` (and the desktop bundle
    carries in the same place)."""
    try:
        found = resources.files("victimcare.resources")
    except ModuleNotFoundError:
        # Run from a checkout that was never installed (PYTHONPATH pointing at it).
        return Path(__file__).resolve().parent.parent / "resources"
    # Fonts go to ReportLab and icons to Qt as file names, so the package must be real
    # files; a wheel is always installed unpacked, and so is the bundle.
    if not isinstance(found, Path):
        raise RuntimeError("victimcare's resources are not plain files: reinstall victimcare.")
    return found


def harden_process() -> None:
    """Private files by default, and no core dumps that could hold decrypted records."""
    # Everything victimcare creates (database, -wal, -shm, backups, PDFs the user saves)
    # should be readable by the owner only. On Windows the umask only governs the read-only
    # flag: there a new file takes the permissions of its folder (see private_files.py).
    os.umask(0o077)
    if os.name == "nt" or sys.platform == "win32":
        # Windows has no RLIMIT_CORE. Whether a crash leaves a memory dump there is Windows
        # Error Reporting's setting (LocalDumps, excluded applications), a policy for whoever
        # manages the laptop: the README's "Building for Windows" says so.
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass  # Not available on this platform; nothing more we can do from Python.
