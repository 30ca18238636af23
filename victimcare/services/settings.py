"""The officer's details, inside the encrypted store.

The officer's name, staff number and team are personal data: they live in the encrypted
database, with an audit row when they change. The app's non-personal preferences are kept
apart, in victimcare.services.preferences.
"""

from __future__ import annotations

from pathlib import Path

from victimcare.domain.model import Officer
from victimcare.domain.problems import Problem, ValidationError
from victimcare.services import audit, preferences
from victimcare.store import officers
from victimcare.store.database import Database


# -- the officer (encrypted store) --------------------------------------------------------------
def officer(db: Database) -> Officer | None:
    return officers.first_officer(db)


def officer_problems(name: str, staff_number: str, team: str) -> list[Problem]:
    name, staff_number, team = name.strip(), staff_number.strip(), team.strip()
    problems = []
    if not name:
        problems.append(Problem("name", "Type the officer's name."))
    if len(name) > 200 or len(staff_number) > 50 or len(team) > 200:
        problems.append(Problem("name", "That is too long for a name, staff number or team."))
    return problems


def update_officer(db: Database, name: str, staff_number: str, team: str) -> Officer:
    """Change the officer's details; the audit row says that they changed, not what to."""
    problems = officer_problems(name, staff_number, team)
    if problems:
        raise ValidationError(problems)
    name, staff_number, team = name.strip(), staff_number.strip(), team.strip()
    current = officer(db)
    if current is None:
        raise ValidationError([Problem("name", "This database has no officer to update.")])
    if (current.name, current.staff_number, current.team) == (name, staff_number, team):
        return current
    with db.transaction():
        officers.rename_officer(db, current.id, name, staff_number, team)
        # Logged after the change, so the row names the officer as they now are.
        audit.record(db, "alteration", "", "officer details changed")
    return Officer(name, staff_number, team, current.created_at, id=current.id)


def save_settings(db: Database, name: str, staff_number: str, team: str,
                  prefs: preferences.Preferences, preferences_file: Path | None = None) -> Officer:
    """The Settings window's Save: the officer's details (in the store, with an audit row when
    they change) and the app's preferences (their file), both or neither. Every problem with
    either is found before anything is written."""
    problems = officer_problems(name, staff_number, team)
    try:
        preferences.check_preferences(prefs)
    except ValidationError as exc:
        problems += exc.problems
    if problems:
        raise ValidationError(problems)
    with preferences.put_back_on_failure(preferences_file), db.transaction():
        officer = update_officer(db, name, staff_number, team)
        # The file is written last: only the commit can fail after it, and then the file is
        # put back as it was.
        preferences.save_preferences(prefs, preferences_file)
    return officer
