"""File locations and settings that are never personal data.

The database path, window geometry and the idle-lock minutes may go to QSettings-like plain
storage; names, addresses and anything typed about a victim never do.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "victimcare"
APP_AUTHOR = "victimcare"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return data_dir() / "victimcare.db"


def resources_dir() -> Path:
    """The top-level resources/ folder (icons, fonts, rules, styles)."""
    return Path(__file__).resolve().parent.parent / "resources"


def harden_process() -> None:
    """Private files by default, and no core dumps that could hold decrypted records."""
    # Everything victimcare creates (database, -wal, -shm, backups, PDFs the user saves)
    # should be readable by the owner only.
    os.umask(0o077)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass  # Not available on this platform; nothing more we can do from Python.
