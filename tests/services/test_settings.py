"""Settings: officer details go into the encrypted store with an audit row; preferences go to
a small owner-only file and never hold a name."""

from __future__ import annotations

import json
import os
import stat

import pytest

from victimcare.domain.validation import ValidationError
from victimcare.services import audit, preferences, settings
from victimcare.store import audit_log


def test_officer_details_are_updated_and_audited(db):
    officer = settings.update_officer(db, "  PC Siân Ó Briain ", "MP 7731", "Team C")
    assert (officer.name, officer.staff_number, officer.team) == (
        "PC Siân Ó Briain", "MP 7731", "Team C")
    assert settings.officer(db).name == "PC Siân Ó Briain"
    last = audit_log.audit_entries(db)[-1]
    assert (last.action, last.detail) == ("alteration", "officer details changed")
    assert "Siân" in last.officer  # the row names who the officer now is
    assert audit.verify_chain(db) is None


def test_unchanged_details_write_nothing(db):
    before = len(audit_log.audit_entries(db))
    current = settings.officer(db)
    settings.update_officer(db, current.name, current.staff_number, current.team)
    assert len(audit_log.audit_entries(db)) == before


def test_a_name_is_required(db):
    with pytest.raises(ValidationError) as caught:
        settings.update_officer(db, "  ", "1", "A")
    assert caught.value.problems[0].field == "name"
    assert settings.officer(db).name == "PC Test Officer"


def test_preferences_round_trip_owner_only_and_without_names(tmp_path):
    path = tmp_path / "config" / "preferences.json"
    assert preferences.load_preferences(path) == preferences.Preferences()  # no file: defaults
    prefs = preferences.Preferences(idle_lock_minutes=10, default_contact_frequency_days=28,
                                 database_path=str(tmp_path / "elsewhere.db"))
    preferences.save_preferences(prefs, path)
    assert preferences.load_preferences(path) == prefs
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert set(json.loads(path.read_text())) == {
        "idle_lock_minutes", "default_contact_frequency_days", "database_path"}
    assert preferences.load_preferences(path).database() == tmp_path / "elsewhere.db"


def test_broken_or_silly_preferences_fall_back_to_defaults(tmp_path):
    path = tmp_path / "preferences.json"
    path.write_text("{not json")
    assert preferences.load_preferences(path) == preferences.Preferences()
    path.write_text(json.dumps({"idle_lock_minutes": 0}))
    assert preferences.load_preferences(path).idle_lock_minutes == preferences.DEFAULT_IDLE_LOCK_MINUTES
    path.write_text(json.dumps({"idle_lock_minutes": True}))
    assert preferences.load_preferences(path).idle_lock_minutes == preferences.DEFAULT_IDLE_LOCK_MINUTES
    with pytest.raises(ValidationError):
        preferences.save_preferences(preferences.Preferences(idle_lock_minutes=500), path)
    with pytest.raises(ValidationError):
        preferences.save_preferences(preferences.Preferences(database_path="relative.db"), path)


def test_the_default_location_is_used_until_one_is_chosen(private_home):
    prefs = preferences.load_preferences()
    assert prefs.idle_lock_minutes == 5
    assert str(prefs.database()).startswith(str(private_home))
