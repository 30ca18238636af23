"""One user action, one transaction: whichever of its writes fails (the last one above all),
nothing of the action is stored, the case on screen is as it was, and Save again stores it
all, once.

Each action is first run on a copy of the store to learn what it writes and what the store
holds after it. Then, on the real store, its first write is made to fail as a full disk
would, then its second, and so on to its last; after each the store and the case in memory
must be exactly as before. Last, the action runs again for real and must leave the store
exactly as it left the copy: nothing stored twice, nothing left out because the case in
memory still showed a write the store never kept.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.failing_writes import counted_writes, freeze_clock, store_contents
from victimcare.domain import code_rules
from victimcare.domain.model import (
    CareAction,
    CareNeed,
    CaseEvent,
    Contact,
    ContactAgreement,
    ContactAmendment,
    Referral,
    Victim,
)
from victimcare.domain.timeutil import LONDON
from victimcare.security.backup import make_backup
from victimcare.services import care_plan, cases, commitments, retention
from victimcare.store import StorageFailure, open_database

MOMENT = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)  # a Friday: "now" for every write
OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def spoke(when: datetime, narrative: str = "Update given", covered=("investigation_update",),
          outcome: str = "spoke") -> Contact:
    return Contact(when, "phone", "to_victim", "victim", outcome, list(covered), narrative)


@pytest.fixture
def second_code_version(tmp_path, monkeypatch):
    """A second Victims' Code rules file, so a case can be moved to it."""
    real = code_rules.rules_dir()
    folder = tmp_path / "rules"
    folder.mkdir()
    text = (real / "victims-code-2020.toml").read_text("utf-8")
    (folder / "victims-code-2020.toml").write_text(text, "utf-8")
    (folder / "draft-2026.toml").write_text(
        text.replace('code_version = "victims-code-2020"', 'code_version = "draft-2026"')
            .replace("standard = 5, enhanced = 1", "standard = 5, enhanced = 2"), "utf-8")
    monkeypatch.setattr(code_rules, "rules_dir", lambda: folder)
    code_rules.load_rules.cache_clear()
    yield
    code_rules.load_rules.cache_clear()


@pytest.fixture
def world(db, monkeypatch, second_code_version):
    """An open case with something of everything, and a closed one awaiting review."""
    freeze_clock(monkeypatch, MOMENT)
    case = cases.new_case(
        db, Victim("Grace", "Okafor", phones=[]), "sexual_offence", offence_date=date(2026, 2, 28),
        now=OPENED, agreement=ContactAgreement(frequency_days=14, start_date=date(2026, 3, 2)))
    cases.record_event(db, case, CaseEvent("arrested", local(2026, 3, 5, 15, 0)))
    cases.log_contact(db, case, spoke(local(2026, 3, 6, 10, 0)))
    commitments.add_promise(db, case, "Call after the CPS meeting", local(2026, 3, 27, 17, 0))
    cases.log_contact(db, case, spoke(local(2026, 3, 20, 12, 30), "She rang back",
                                      outcome="replied"), meets=[])
    need = care_plan.add_need(db, case, CareNeed("housing", "high", "Needs a move"))
    care_plan.add_action(db, case, CareAction("Housing referral", "Officer", need_id=need.id))
    care_plan.add_referral(db, case, Referral("isva", "given", date(2026, 3, 6)))
    closed = cases.new_case(db, Victim("Amir", "Haddad"), "sexual_offence", now=OPENED)
    cases.close_case(db, closed, "NFA: victim withdrew", date(2033, 3, 20))
    return {"case": case, "closed": closed}


def _met_by_first_contact(case):
    return next(c for c in case.commitments if c.met_by_contact_id == case.contacts[0].id)


def _open_promise(case):
    return next(c for c in case.commitments if c.kind == "promise" and c.met_at is None)


def _with_new_agreement(db, world):
    # The victim window saves a case built from what was typed: a new object, not the shown one.
    changed = copy.deepcopy(world["case"])
    changed.agreement = replace(changed.agreement, frequency_days=7, method="visit")
    changed.victim.given_names = "Grace Adaeze"
    cases.update_case(db, changed, "victim and safe-contact details changed")


ACTIONS: dict[str, Callable] = {
    "log a contact with a promise": lambda db, w: cases.log_contact(
        db, w["case"], spoke(local(2026, 3, 20, 11, 0), "Spoke about the CPS file"),
        promise="Call once the CPS decide", promise_due=local(2026, 3, 27, 17, 0)),
    "log a contact that meets what is owed": lambda db, w: cases.log_contact(
        db, w["case"], spoke(local(2026, 3, 20, 11, 30))),
    "amend a contact so it meets nothing (re-meeting)": lambda db, w: cases.amend_contact(
        db, w["case"], w["case"].contacts[0], ContactAmendment(
            "It went to voicemail", local(2026, 3, 6, 10, 0), "phone", "to_victim", "victim",
            "no_answer")),
    "amend a contact to another time": lambda db, w: cases.amend_contact(
        db, w["case"], copy.deepcopy(w["case"].contacts[0]), ContactAmendment(
            "Typed the wrong hour", local(2026, 3, 6, 11, 0), "phone", "to_victim", "victim",
            "spoke", ["investigation_update"])),
    "close the case": lambda db, w: cases.close_case(
        db, w["case"], "Victim moved abroad", date(2033, 3, 20)),
    "change the victim and the agreement": _with_new_agreement,
    "record an event": lambda db, w: cases.record_event(
        db, w["case"], CaseEvent("charged", local(2026, 3, 19, 16, 0), "Two counts")),
    "move to another Code version": lambda db, w: cases.move_to_code_version(
        db, w["case"], "draft-2026"),
    "add a promise": lambda db, w: commitments.add_promise(
        db, w["case"], "Send the leaflet", local(2026, 3, 25, 17, 0)),
    "waive a commitment": lambda db, w: commitments.waive(
        db, w["case"], _open_promise(w["case"]).id, "Victim asked not to be called"),
    "mark a promise met by an entry already logged": lambda db, w: commitments.meet_by_entry(
        db, w["case"], _open_promise(w["case"]).id, w["case"].contacts[-1].id),
    "add a need": lambda db, w: care_plan.add_need(db, w["case"], CareNeed("finance", "low")),
    "correct a need": lambda db, w: care_plan.update_need(
        db, w["case"], replace(w["case"].care_plan.needs[0], level="medium")),
    "add an action": lambda db, w: care_plan.add_action(
        db, w["case"], CareAction("Call the council", "Officer")),
    "correct an action": lambda db, w: care_plan.update_action(
        db, w["case"], replace(w["case"].care_plan.actions[0], status="done",
                               completed_on=date(2026, 3, 19))),
    "add a referral": lambda db, w: care_plan.add_referral(
        db, w["case"], Referral("victim_support", "given", date(2026, 3, 19))),
    "correct a referral": lambda db, w: care_plan.update_referral(
        db, w["case"], replace(w["case"].care_plan.referrals[0], status="made",
                               referred_on=date(2026, 3, 19))),
    "set the care plan review": lambda db, w: care_plan.set_review_date(
        db, w["case"], date(2026, 4, 20), "Review after the move"),
    "open a new case": lambda db, w: cases.new_case(
        db, Victim("Chloe", "Evans"), "sexual_offence",
        agreement=ContactAgreement(frequency_days=28)),
    "keep a closed case at review": lambda db, w: retention.keep(
        db, w["closed"].id, "Linked to an open investigation", date(2027, 3, 20)),
    "erase a closed case": lambda db, w: retention.erase(
        db, w["closed"].id, "Retention period over"),
}


def what_it_stores(db, world, act, tmp_path) -> tuple[int, dict]:
    """Run the action on a copy of the store: how many writes it makes inside its
    transaction, and everything the store then holds."""
    copy_path = tmp_path / "copy.db"
    make_backup(db, copy_path, TEST_PASSPHRASE)
    other = open_database(copy_path, TEST_PASSPHRASE)
    try:
        with counted_writes(other) as made:
            act(other, copy.deepcopy(world))
        assert made.transactions == 1, "one user action is one transaction"
        return len(made), store_contents(other)
    finally:
        other.close()


@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_write_failing_leaves_nothing_and_a_retry_stores_it_once(db, world, tmp_path, name):
    act = ACTIONS[name]
    writes, after_success = what_it_stores(db, world, act, tmp_path)
    assert writes >= 2, "a single write needs no all-or-nothing test"
    before, shown = store_contents(db), copy.deepcopy(world)
    # The last write first: it is the one that leaves the most behind if anything does.
    for failing in [writes, *range(1, writes)]:
        with counted_writes(db, fail_at=failing), pytest.raises(StorageFailure) as failure:
            act(db, world)
        assert "nothing from this save was stored" in str(failure.value)
        assert store_contents(db) == before, f"write {failing} of {writes} left rows behind"
        assert world == shown, f"write {failing} of {writes} left the case changed in memory"
    act(db, world)
    assert store_contents(db) == after_success


def test_log_contact_with_a_promise_stores_both_together(db, world):
    case = world["case"]
    before = (len(case.contacts), len([c for c in case.commitments if c.kind == "promise"]))
    with counted_writes(db) as made:
        cases.log_contact(db, case, spoke(local(2026, 3, 20, 11, 0)),
                          promise="Call once the CPS decide",
                          promise_due=local(2026, 3, 27, 17, 0))
    assert sum("INSERT INTO contacts" in sql for sql in made) == 1
    assert sum("INSERT INTO commitments" in sql for sql in made) == 1
    from victimcare.store import records

    stored = records.load_case(db, case.id)
    assert len(stored.contacts) == before[0] + 1
    promises = [c for c in stored.commitments if c.kind == "promise"]
    assert len(promises) == before[1] + 1
    assert "Call once the CPS decide" in {c.reason for c in promises}


def test_a_promise_with_a_problem_stores_no_contact_either(db, world):
    from victimcare.domain.validation import ValidationError

    before = store_contents(db)
    with pytest.raises(ValidationError) as refused:
        cases.log_contact(db, world["case"], spoke(local(2026, 3, 20, 11, 0)),
                          promise="   ", promise_due=local(2026, 3, 27, 17, 0))
    assert {p.field for p in refused.value.problems} == {"reason"}
    with pytest.raises(ValidationError) as refused:
        cases.log_contact(db, world["case"], spoke(local(2026, 3, 20, 11, 0)),
                          promise="Ring back", promise_due=datetime(2026, 3, 27, 17, 0))
    assert {p.field for p in refused.value.problems} == {"due_at"}
    assert store_contents(db) == before


# -- actions that write a file as well as the store -------------------------------------------
def test_settings_whose_file_cannot_be_written_change_no_officer(db, tmp_path, monkeypatch):
    from victimcare.services import preferences, settings

    path = tmp_path / "preferences.json"
    preferences.save_preferences(preferences.Preferences(idle_lock_minutes=7), path)
    kept, before = path.read_bytes(), store_contents(db)

    def disk_full(prefs, where=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(preferences, "save_preferences", disk_full)
    with pytest.raises(OSError):
        settings.save_settings(db, "PC Renamed", "T9", "Team Z",
                               preferences.Preferences(idle_lock_minutes=12), path)
    assert store_contents(db) == before  # no new name, no audit row
    assert path.read_bytes() == kept


@pytest.mark.parametrize("had_file", [True, False], ids=["file replaced", "file new"])
def test_settings_whose_commit_fails_put_the_preferences_file_back(db, tmp_path, had_file):
    from tests.failing_writes import failing_commit
    from victimcare.services import preferences, settings

    path = tmp_path / "preferences.json"
    if had_file:
        preferences.save_preferences(preferences.Preferences(idle_lock_minutes=7), path)
    kept = path.read_bytes() if had_file else None
    before = store_contents(db)
    with failing_commit(db), pytest.raises(StorageFailure):
        settings.save_settings(db, "PC Renamed", "T9", "Team Z",
                               preferences.Preferences(idle_lock_minutes=12), path)
    assert store_contents(db) == before
    assert (path.read_bytes() if path.exists() else None) == kept
    # And Save again does both.
    officer = settings.save_settings(db, "PC Renamed", "T9", "Team Z",
                                     preferences.Preferences(idle_lock_minutes=12), path)
    assert settings.officer(db) == officer and officer.name == "PC Renamed"
    assert preferences.load_preferences(path).idle_lock_minutes == 12


def test_settings_problems_in_both_halves_are_all_named_and_nothing_is_written(db, tmp_path):
    from victimcare.domain.validation import ValidationError
    from victimcare.services import preferences, settings

    path, before = tmp_path / "preferences.json", store_contents(db)
    with pytest.raises(ValidationError) as refused:
        settings.save_settings(db, "  ", "T9", "Team Z",
                               preferences.Preferences(database_path="relative.db"), path)
    assert {p.field for p in refused.value.problems} == {"name", "database_path"}
    assert store_contents(db) == before and not path.exists()


def test_a_pdf_that_cannot_be_written_logs_no_disclosure(db, tmp_path):
    from victimcare.private_files import FileExistsRefused
    from victimcare.services import printing

    target = tmp_path / "log.pdf"
    target.write_bytes(b"someone else's file")
    before = store_contents(db)
    with pytest.raises(FileExistsRefused):
        printing.save_pdf(db, b"%PDF-1.4 test", target, "VC-2026-0001", "log saved as PDF")
    assert store_contents(db) == before
    assert target.read_bytes() == b"someone else's file"


def test_a_pdf_whose_disclosure_cannot_be_committed_is_not_left_on_disk(db, tmp_path):
    from tests.failing_writes import failing_commit
    from victimcare.services import printing
    from victimcare.store import audit_log

    target, before = tmp_path / "log.pdf", store_contents(db)
    with failing_commit(db), pytest.raises(StorageFailure):
        printing.save_pdf(db, b"%PDF-1.4 test", target, "VC-2026-0001", "log saved as PDF")
    assert store_contents(db) == before
    assert not target.exists()
    printing.save_pdf(db, b"%PDF-1.4 test", target, "VC-2026-0001", "log saved as PDF")
    assert target.read_bytes() == b"%PDF-1.4 test"
    assert audit_log.audit_entries(db)[-1].detail == "log saved as PDF"
