"""One button, one service call: when the last write of a Save fails, the window says so,
stays open with what was typed, the store holds nothing of it, and Save again stores it once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.failing_writes import counted_writes, failing_commit, raise_full_disk, store_contents
from tests.views.conftest import main_window_of
from tests.views.test_case_dialogs import case, choose, clock, save, shown, type_into  # noqa: F401
from tests.views.test_today import seed_worklist
from victimcare.services import preferences, settings
from victimcare.store import audit_log, records
from victimcare.views import ask, print_preview
from victimcare.views.dialogs import LogContactDialog
from victimcare.views.print_preview import PrintPreviewDialog

FULL_DISK = "nothing from this save was stored"


def fill_in_contact_with_promise(qtbot, dialog) -> None:
    choose(dialog.contact_fields.outcome_combo, "spoke")
    type_into(qtbot, dialog.contact_fields.narrative_edit, "Explained the CPS timetable")
    type_into(qtbot, dialog.promise_edit, "Call after the CPS decision")
    type_into(qtbot, dialog.promise_due_edit, "12/03/2026 17:00")


def test_log_contact_with_a_promise_is_one_save(qtbot, db, case):  # noqa: F811
    dialog = shown(qtbot, LogContactDialog(db, case))
    fill_in_contact_with_promise(qtbot, dialog)
    with counted_writes(db) as made, qtbot.waitSignal(dialog.contact_logged):
        save(qtbot, dialog)
    stored = records.load_case(db, case.id)
    assert len(stored.contacts) == 1
    assert [c.reason for c in stored.commitments if c.kind == "promise"] == [
        "Call after the CPS decision"]
    # Both went in one transaction, the promise's audit row its last write.
    assert made.transactions == 1
    assert made[-1].startswith("INSERT INTO audit_log")
    assert [e.detail for e in audit_log.audit_entries(db)][-2:] == [
        "contact logged", "promise recorded"]


def test_a_failed_promise_leaves_no_contact_and_a_second_save_stores_one(qtbot, db, case,  # noqa: F811
                                                                     monkeypatch):
    dialog = shown(qtbot, LogContactDialog(db, case))
    fill_in_contact_with_promise(qtbot, dialog)
    real_insert, disk = audit_log.insert_audit, {"full": True}

    def promise_row_fails(database, entry):
        # The Save's last write (see the test above): the promise's audit row.
        if disk["full"] and entry.detail == "promise recorded":
            raise_full_disk()
        return real_insert(database, entry)

    monkeypatch.setattr(audit_log, "insert_audit", promise_row_fails)
    before = store_contents(db)
    save(qtbot, dialog)
    assert FULL_DISK in dialog.message.text()
    assert dialog.isVisible() and dialog.promise_edit.text() == "Call after the CPS decision"
    assert store_contents(db) == before
    assert records.load_case(db, case.id).contacts == [] and case.contacts == []
    disk["full"] = False
    with qtbot.waitSignal(dialog.contact_logged):
        save(qtbot, dialog)
    stored = records.load_case(db, case.id)
    assert len(stored.contacts) == 1  # not two evidential entries for one call
    assert len([c for c in stored.commitments if c.kind == "promise"]) == 1
    assert case.contacts == stored.contacts


# -- the app's windows --------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, start_app, db_path):
    seed_worklist(db_path)
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    return main_window_of(qtbot, controller)


def test_settings_that_cannot_be_saved_change_nothing(qtbot, window, monkeypatch):
    path = preferences.preferences_path()
    preferences.save_preferences(preferences.Preferences(idle_lock_minutes=7))
    kept, before = path.read_bytes(), store_contents(window.db)
    dialog = window.show_settings()
    qtbot.waitUntil(dialog.isVisible)
    dialog.name_edit.setText("PC Alex Morgan-Reid")
    dialog.idle_spin.setValue(9)

    real_save = preferences.save_preferences

    def disk_full(prefs, where=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(preferences, "save_preferences", disk_full)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.message.text() == ("The settings could not be saved (No space left on "
                                     "device): nothing was changed.")
    assert store_contents(window.db) == before  # the name is as it was, and no audit row
    assert settings.officer(window.db).name == "PC Alex Morgan"
    assert window.officer_label.text() == "PC Alex Morgan"
    assert path.read_bytes() == kept
    monkeypatch.setattr(preferences, "save_preferences", real_save)
    with failing_commit(window.db):
        dialog.accept()  # the file is written, then the commit is refused
    assert dialog.isVisible() and FULL_DISK in dialog.message.text()
    assert store_contents(window.db) == before and path.read_bytes() == kept
    dialog.accept()
    assert not dialog.isVisible()
    assert settings.officer(window.db).name == "PC Alex Morgan-Reid"
    assert preferences.load_preferences().idle_lock_minutes == 9


def test_save_as_pdf_whose_disclosure_cannot_be_logged_leaves_no_file(qtbot, window, tmp_path,
                                                                      monkeypatch):
    dialog = PrintPreviewDialog(window.db, ("summary", "log"), "VC-2026-0001", window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=20_000)
    monkeypatch.setattr(ask, "confirm", lambda *a, **kw: True)
    monkeypatch.setattr(print_preview, "choose_save_path",
                        lambda parent, name: str(tmp_path / "visit.pdf"))
    told = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: told.append(text))
    before = store_contents(window.db)
    with failing_commit(window.db):
        assert dialog.save_as_pdf() is None
    assert told and told[0].startswith("The PDF was not saved: ") and FULL_DISK in told[0]
    assert not (tmp_path / "visit.pdf").exists()
    assert store_contents(window.db) == before
    saved = Path(dialog.save_as_pdf())
    assert saved.read_bytes() == dialog.pdf_bytes()
    assert [e.detail for e in audit_log.audit_entries(window.db)
            if e.action == "disclosure"] == ["summary saved as PDF"]
    print_preview.wait_for_builds()
