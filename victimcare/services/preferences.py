"""The app's non-personal preferences: the idle lock minutes, the default contact frequency
and where the database lives, in a small JSON file in the per-user configuration folder,
written owner-only. Names and anything else personal stay in the encrypted store
(victimcare.services.settings).

Read before the unlock window opens, so this module imports nothing heavy.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from victimcare import config
from victimcare.domain.problems import Problem, ValidationError
from victimcare.private_files import BINARY

DEFAULT_IDLE_LOCK_MINUTES = 5
MAX_IDLE_LOCK_MINUTES = 60  # an unattended, unlocked laptop for longer is not a setting
DEFAULT_CONTACT_FREQUENCY_DAYS = 14
PREFERENCES_FILE = "preferences.json"


@dataclass
class Preferences:
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    default_contact_frequency_days: int = DEFAULT_CONTACT_FREQUENCY_DAYS
    database_path: str = ""  # empty: the default location

    def database(self) -> Path:
        return Path(self.database_path) if self.database_path else config.default_database_path()


def preferences_path() -> Path:
    return Path(platformdirs.user_config_dir(config.APP_NAME, config.APP_AUTHOR)) / PREFERENCES_FILE


def check_preferences(prefs: Preferences) -> None:
    problems = []
    if not 1 <= prefs.idle_lock_minutes <= MAX_IDLE_LOCK_MINUTES:
        problems.append(Problem("idle_lock_minutes",
                                f"Lock after 1 to {MAX_IDLE_LOCK_MINUTES} minutes without use."))
    if not 1 <= prefs.default_contact_frequency_days <= 365:
        problems.append(Problem("default_contact_frequency_days",
                                "The contact frequency is between 1 and 365 days."))
    if prefs.database_path and not Path(prefs.database_path).is_absolute():
        problems.append(Problem("database_path", "Give the database's full location."))
    if problems:
        raise ValidationError(problems)


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences; a missing or unreadable file gives the defaults (never an error:
    a broken preferences file must not stop an officer reaching their cases)."""
    path = path or preferences_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    prefs = Preferences()
    for f in fields(Preferences):
        value = raw.get(f.name)
        if isinstance(value, type(getattr(prefs, f.name))) and not isinstance(value, bool):
            setattr(prefs, f.name, value)
    try:
        check_preferences(prefs)
    except ValidationError:
        return Preferences()
    return prefs


def save_preferences(prefs: Preferences, path: Path | None = None) -> None:
    """Write through a temporary file and an atomic rename, owner-only."""
    check_preferences(prefs)
    path = path or preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | BINARY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(prefs), handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


@contextmanager
def put_back_on_failure(path: Path | None = None) -> Iterator[None]:
    """For an action that saves the preferences among other writes: if the block raises, the
    preferences file is put back exactly as it was (or removed, if there was none)."""
    path = path or preferences_path()
    try:
        previous = path.read_bytes()
    except FileNotFoundError:
        previous = None
    try:
        yield
    except BaseException:
        if previous is None:
            path.unlink(missing_ok=True)
        elif not path.is_file() or path.read_bytes() != previous:
            _replace_with(path, previous)
        raise


def _replace_with(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | BINARY, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
