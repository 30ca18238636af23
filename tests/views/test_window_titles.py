"""No victim's name in any window title: task switchers and screen sharing show titles.

Every dialog and screen the app has for a case is opened, on a case whose victim has a known
name, and every top-level window's title is read while it is open. A dialog class added later
without being opened here fails the test, so the walk stays complete.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

import victimcare.views
from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from tests.views.conftest import OFFICER, main_window_of
from tests.views.test_lock_anywhere import REAL_MESSAGE_BOX_EXEC
from victimcare.domain import commitment_rules
from victimcare.domain.model import Contact
from victimcare.services import setup
from victimcare.store import records
from victimcare.views.dialogs.form import FormDialog

# rich_case's victim: Zofia Anna Wójcik, known as Zosia.
NAMES = ("Zofia", "Anna", "Wójcik", "Wojcik", "Zosia")
OPEN_REFERENCE, CLOSED_REFERENCE = "VC-2026-0042", "VC-2026-0043"
# Base classes never shown by themselves.
NEVER_SHOWN_ALONE = {"FormDialog", "_CarePlanDialog", "UnlockDialog"}


def every_dialog_class() -> set[str]:
    """Every QDialog subclass the app defines, found by importing all of victimcare.views."""
    found = set()
    for module_info in pkgutil.walk_packages(victimcare.views.__path__, "victimcare.views."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found.add(name)
    return found - NEVER_SHOWN_ALONE


@pytest.fixture
def store(db_path):
    db = setup.create_store(db_path, TEST_PASSPHRASE, OFFICER)
    try:
        case = rich_case(OPEN_REFERENCE)
        case = replace(case, status="open", closed_at=None, closure_reason="",
                       retention_review_date=None)
        # A conversation after the open promise was made, so it can be marked met by it.
        case.contacts.append(Contact(datetime(2026, 2, 20, 10, 0, tzinfo=UTC), "phone",
                                     "to_victim", "victim", "spoke", [], "Rang as promised",
                                     recorded_at=datetime(2026, 2, 20, 10, 5, tzinfo=UTC)))
        records.insert_case(db, case)
        closed = rich_case(CLOSED_REFERENCE)
        closed.retention_review_date = date(2026, 1, 1)  # due for its review
        records.insert_case(db, closed)
    finally:
        db.close()
    return db_path


class TitleWatch:
    """Reads every top-level window's title; remembers what was seen and any name in one."""

    def __init__(self) -> None:
        self.classes: set[str] = set()
        self.titles: set[str] = set()
        self.leaks: list[str] = []

    def look(self, where: str) -> None:
        for widget in QApplication.topLevelWidgets():
            if not shiboken6.isValid(widget):
                continue
            title = widget.windowTitle()
            if widget.isVisible():
                self.classes.add(type(widget).__name__)
                self.titles.add(title)
            if any(name.casefold() in title.casefold() for name in NAMES):
                self.leaks.append(f"{where}: {type(widget).__name__} '{title}'")


def close(dialog) -> None:
    if dialog is None or not shiboken6.isValid(dialog):
        return
    if isinstance(dialog, FormDialog):
        dialog.discard()
    else:
        dialog.done(QDialog.DialogCode.Rejected)


def test_no_window_title_names_the_victim(qtbot, start_app, store, monkeypatch, tmp_path):
    watch = TitleWatch()
    controller = start_app(store)
    watch.look("unlock window")
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    window = main_window_of(qtbot, controller)

    def shown(where: str, opener):
        dialog = opener()
        assert dialog is not None, where
        qtbot.waitUntil(dialog.isVisible)
        watch.look(where)
        close(dialog)

    open_id = records.case_id_for_reference(controller.database, OPEN_REFERENCE)
    view = window.open_case(open_id)
    watch.look("a case in front")
    assert window.windowTitle() == f"{OPEN_REFERENCE} – victimcare"

    for name in ("log_contact", "record_event", "edit_victim", "close_case",
                 "care_plan_tab.add_need", "care_plan_tab.add_action", "care_plan_tab.add_referral",
                 "care_plan_tab.set_review_date", "commitments_tab.add_promise"):
        shown(f"case: {name.split('.')[-1]}", functools.reduce(getattr, name.split("."), view))
    view.log_tab.select_contact(view.case.contacts[0].id)
    shown("case: amend entry", view.log_tab.amend_selected_contact)
    plan = view.care_plan_tab
    for table, name in ((plan.needs_table, "edit_need"), (plan.actions_table, "edit_action"),
                        (plan.referrals_table, "edit_referral")):
        table.setCurrentIndex(table.model().index(0, 0))
        shown(f"case: {name}", getattr(plan, name))
    promise = next(c for c in view.case.commitments if commitment_rules.is_open(c))
    view.commitments_tab.select_commitment(promise.id)
    shown("case: waive", view.commitments_tab.waive_selected)
    view.commitments_tab.select_commitment(promise.id)
    shown("case: mark met by an entry", view.commitments_tab.meet_selected)
    shown("window: log contact", lambda: window.log_contact_for(open_id, promise.id))

    preview = window.print_current()
    qtbot.waitUntil(preview.is_ready, timeout=20_000)
    watch.look("print preview: summary")
    preview.set_kind("log")
    qtbot.waitUntil(preview.is_ready, timeout=20_000)
    watch.look("print preview: log")
    close(preview)

    # A real message box: "Discard changes?" over a dialog with typed text.
    monkeypatch.setattr(QMessageBox, "exec", REAL_MESSAGE_BOX_EXEC)
    dialog = view.log_contact()
    qtbot.waitUntil(dialog.isVisible)
    dialog.contact_fields.narrative_edit.setPlainText("Zosia asked about the trial")

    def read_and_keep_editing() -> None:
        box = QApplication.activeModalWidget()
        watch.look("message box: discard changes")
        if isinstance(box, QMessageBox):
            next(b for b in box.buttons() if b.text() == "&Keep editing").click()

    QTimer.singleShot(0, read_and_keep_editing)
    dialog.reject()
    assert "Discard changes?" in watch.titles
    close(dialog)

    def new_case():
        window.new_case()
        return window.new_case_dialog

    for where, opener in (("new case", new_case), ("settings", window.show_settings),
                          ("backup", window.show_backup),
                          ("change passphrase", controller.show_change_passphrase),
                          ("about", window.show_about)):
        shown(where, opener)
    window.show_audit()
    watch.look("audit log")
    shown("print preview: audit log", window.print_current)
    window.show_today()
    shown("print preview: worklist", window.print_current)

    retention = window.show_retention()
    retention.table.selectRow(0)
    assert retention.selected().summary.reference == CLOSED_REFERENCE
    shown("retention: keep", retention.keep_selected)
    retention.table.selectRow(0)
    shown("retention: erase", retention.erase_selected)

    window.lock_action.trigger()
    watch.look("locked")
    first_run = start_app(tmp_path / "new" / "store.db")
    watch.look("first run")
    close(first_run.first_run_dialog)

    assert watch.leaks == []
    missing = every_dialog_class() - watch.classes
    assert missing == set(), f"dialogs this walk never opened: {sorted(missing)}"
