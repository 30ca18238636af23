"""Settings, backup, passphrase change, the audit view and retention review, from the app."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import main_window_of
from tests.views.test_today import seed_worklist
from victimcare.services import preferences, settings
from victimcare.store import UnlockError, audit_log, case_list, open_database, records
from victimcare.views import ask

NEW_PASSPHRASE = "violet tractor harbour whisper 1987"


@pytest.fixture
def controller(qtbot, start_app, db_path):
    seed_worklist(db_path)
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    main_window_of(qtbot, controller)
    return controller


@pytest.fixture
def window(controller):
    return controller.main_window


def details(db) -> list[str]:
    return [entry.detail for entry in audit_log.audit_entries(db)]


# -- settings -----------------------------------------------------------------------------------
def test_settings_save_officer_details_and_preferences(qtbot, controller, window):
    dialog = window.show_settings()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.name_edit.text() == "PC Alex Morgan"
    assert dialog.idle_spin.value() == 5
    assert dialog.database_edit.text() == str(controller.db_path)
    dialog.name_edit.setText("PC Alex Morgan-Reid")
    dialog.team_edit.setText("Team D")
    dialog.idle_spin.setValue(9)
    dialog.frequency_spin.setValue(21)
    dialog.accept()
    assert not dialog.isVisible()
    assert window.officer_label.text() == "PC Alex Morgan-Reid"
    assert settings.officer(window.db).team == "Team D"
    assert "officer details changed" in details(window.db)
    prefs = preferences.load_preferences()
    assert (prefs.idle_lock_minutes, prefs.default_contact_frequency_days) == (9, 21)
    assert "Morgan" not in preferences.preferences_path().read_text()  # names never leave the store
    assert controller.inactivity.interval_ms() == 9 * 60_000
    assert prefs.database_path == ""  # unchanged field: the location preference stays as it was


def test_a_new_database_location_is_saved_for_next_start(qtbot, window, tmp_path):
    dialog = window.show_settings()
    dialog.database_edit.setText(str(tmp_path / "moved.db"))
    dialog.accept()
    assert preferences.load_preferences().database() == tmp_path / "moved.db"


def closing_asks_first(monkeypatch, dialog) -> bool:
    """Escape (reject) with typing asks; "Keep editing" keeps the dialog, "Discard" closes it."""
    answers = [False, True]
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text, **kw:
                        asked.append(title) or answers.pop(0))
    dialog.reject()
    kept = dialog.isVisible()
    dialog.reject()
    return asked == ["Discard changes?"] * 2 and kept and not dialog.isVisible()


def test_settings_refuse_an_empty_name_and_keep_what_was_typed(qtbot, window, monkeypatch):
    dialog = window.show_settings()
    dialog.name_edit.setText("")
    dialog.team_edit.setText("Team Z")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.message.text() == "Type the officer's name."
    assert dialog.team_edit.text() == "Team Z"
    assert closing_asks_first(monkeypatch, dialog)


# -- backup -------------------------------------------------------------------------------------
def test_backup_from_the_app_with_the_same_passphrase(qtbot, window, tmp_path, monkeypatch):
    dialog = window.show_backup()
    target = tmp_path / "copy.db"
    dialog.destination_edit.setText(str(target))
    dialog.current_edit.setText(TEST_PASSPHRASE)
    with qtbot.waitSignal(dialog.backup_made, timeout=20_000):
        dialog.start()
    assert dialog.progress.isVisible() and dialog.progress.value() == dialog.progress.maximum()
    assert dialog.current_edit.text() == ""
    copy = open_database(target, TEST_PASSPHRASE)
    try:
        assert len(case_list.case_summaries(copy)) == 3
    finally:
        copy.close()
    assert "backup made" in details(window.db)
    # Never over an existing file.
    dialog.current_edit.setText(TEST_PASSPHRASE)
    dialog.start()
    assert "already exists" in dialog.message.text()
    assert closing_asks_first(monkeypatch, dialog)  # the passphrase typed again


def test_backup_with_a_separate_passphrase_and_a_wrong_current_one(qtbot, window, tmp_path):
    dialog = window.show_backup()
    target = tmp_path / "separate.db"
    dialog.destination_edit.setText(str(target))
    dialog.current_edit.setText("wrong passphrase entirely")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=20_000)
    assert "not the passphrase" in dialog.message.text()
    assert not target.exists()

    dialog.separate_radio.setChecked(True)
    dialog.current_edit.setText(TEST_PASSPHRASE)
    dialog.new_edit.setText("short")
    dialog.repeat_edit.setText("short")
    dialog.start()
    assert not dialog.is_running() and dialog.message.isVisibleTo(dialog)

    dialog.new_edit.setText(NEW_PASSPHRASE)
    dialog.repeat_edit.setText(NEW_PASSPHRASE)
    with qtbot.waitSignal(dialog.backup_made, timeout=20_000):
        dialog.start()
    with pytest.raises(UnlockError):
        open_database(target, TEST_PASSPHRASE)
    open_database(target, NEW_PASSPHRASE).close()
    dialog.reject()


# -- passphrase change --------------------------------------------------------------------------
def test_change_passphrase_from_the_app(qtbot, controller, window, db_path):
    dialog = controller.show_change_passphrase()
    qtbot.waitUntil(dialog.isVisible)
    dialog.old_edit.setText("not it at all")
    dialog.new_edit.setText(NEW_PASSPHRASE)
    dialog.repeat_edit.setText(NEW_PASSPHRASE)
    dialog.accept()
    assert dialog.isVisible() and "not the passphrase" in dialog.message.text()

    dialog.old_edit.setText(TEST_PASSPHRASE)
    dialog.new_edit.setText(NEW_PASSPHRASE)
    dialog.repeat_edit.setText(NEW_PASSPHRASE + "x")
    dialog.accept()
    assert dialog.message.text() == "The two passphrases do not match."

    dialog.repeat_edit.setText(NEW_PASSPHRASE)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # The app carries on with the re-keyed store...
    assert controller.database is not None and window.db is controller.database
    assert window.today.model.rowCount() == 3
    assert "passphrase changed" in details(controller.database)
    # ...and the old passphrase no longer opens the file.
    with pytest.raises(UnlockError):
        open_database(db_path, TEST_PASSPHRASE)
    open_database(db_path, NEW_PASSPHRASE).close()


def test_a_weak_new_passphrase_is_refused_with_advice(qtbot, controller, monkeypatch):
    dialog = controller.show_change_passphrase()
    dialog.old_edit.setText(TEST_PASSPHRASE)
    qtbot.keyClicks(dialog.new_edit, "password123")
    assert dialog.strength_label.text() != "Strong enough."
    dialog.repeat_edit.setText("password123")
    dialog.accept()
    assert dialog.isVisible() and dialog.message.text()
    assert closing_asks_first(monkeypatch, dialog)


# -- audit view ---------------------------------------------------------------------------------
def test_the_audit_view_filters_and_verifies(qtbot, window):
    view = window.show_audit()
    total = view.model.rowCount()
    assert total > 3
    view.case_edit.setText("VC-2026-0002")
    assert 0 < view.model.rowCount() < total
    assert {e.case_reference for e in view.model.entries()} == {"VC-2026-0002"}
    view.case_edit.setText("")
    view.dates_check.setChecked(True)
    view.from_edit.setDate(view.from_edit.date().addYears(-5))
    view.to_edit.setDate(view.to_edit.date().addYears(-4))
    assert view.model.rowCount() == 0
    view.dates_check.setChecked(False)
    assert view.verify()
    assert view.verify_label.text().startswith("Chain verified")
    window.db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    try:
        window.db.execute("UPDATE audit_log SET detail = 'edited' WHERE id = 2")
    except Exception:
        pytest.skip("the store refuses audit edits outright")
    assert not view.verify()
    assert view.verify_label.text().startswith("Row 2 ")


# -- retention review ---------------------------------------------------------------------------
def close_for_review(db, reference: str) -> None:
    db.execute("UPDATE cases SET status = 'closed', closed_at = '2026-01-01T00:00:00+00:00', "
               "retention_review_date = '2026-01-02' WHERE reference = ?", (reference,))


def test_retention_keep_and_erase_asking_twice(qtbot, window, monkeypatch):
    close_for_review(window.db, "VC-2026-0001")
    close_for_review(window.db, "VC-2026-0002")
    view = window.show_retention()
    assert view.model.rowCount() == 2

    dialog = view.keep_selected()
    dialog.reason_edit.setText("Trial pending")
    dialog.date_edit.setDate(dialog.date_edit.date())  # a year from today
    dialog.accept()
    assert view.model.rowCount() == 1
    assert "kept until" in view.status_label.text()

    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text, **kw:
                        asked.append(text) or len(asked) < 2)
    dialog = view.erase_selected()
    dialog.reason_edit.setText("No policing purpose remains")
    dialog.accept()
    assert len(asked) == 2  # the second answer was no: nothing erased
    assert records.case_id_for_reference(window.db, "VC-2026-0002") is not None

    asked.clear()
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text, **kw:
                        asked.append(text) or True)
    dialog = view.erase_selected()
    dialog.reason_edit.setText("No policing purpose remains")
    dialog.accept()
    assert len(asked) == 2
    assert records.case_id_for_reference(window.db, "VC-2026-0002") is None
    assert view.model.rowCount() == 0
    assert window.case_list.model.rowCount() == 2  # the case list followed


def test_the_audit_print_scope_never_records_a_typed_name(qtbot, db):
    from victimcare.views.audit_view import AuditView

    view = AuditView(db)
    qtbot.addWidget(view)
    view.case_edit.setText("Zofia Wójcik")
    assert "Wójcik" not in view.scope() and "a case filter" in view.scope()
    view.case_edit.setText("VC-2026-0042")
    assert "case VC-2026-0042" in view.scope()
