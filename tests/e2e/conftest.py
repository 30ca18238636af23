"""End-to-end fixtures: the real app on a store on disk, and a guard against a stray box.

tests/views/conftest.py (its autouse `no_modal_loops`) does not reach here: in these tests
every message box, file dialog and print dialog is Qt's real one, shown by the app's own code
and answered with keys. What stops a box nobody answers from hanging the run is the watchdog
below (it closes the box and fails the test naming it) and, behind it, pytest-timeout in its
thread mode, which ends the run even if Qt never returns to Python.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from tests.conftest import TEST_PASSPHRASE
from victimcare import app
from victimcare.domain.model import Contact, Officer, SafeContactRules, Victim
from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.working_days import end_of_day
from victimcare.services import cases, commitments, setup
from victimcare.views import print_preview

OFFICER = Officer("PC Alex Morgan", "MP4821", "Team B")
WATCHDOG_POLL_MS = 100
UNANSWERED_AFTER_S = 20  # longer than any wait of the walk's own (real_modal: ten seconds)


@pytest.fixture(autouse=True)
def unanswered_boxes_fail():
    """A modal box or dialog in its own loop that nobody answers is closed after a while, and
    the test fails naming it: a hung modal fails, it never hangs the run."""
    from PySide6.QtPrintSupport import QPrintDialog

    kinds = (QMessageBox, QFileDialog, QPrintDialog)
    stuck: list[str] = []
    since: dict[int, int] = {}

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not isinstance(widget, kinds) or not widget.isVisible():
            since.clear()
            return
        polls = since.get(id(widget), 0) + 1
        since.clear()
        since[id(widget)] = polls
        if polls * WATCHDOG_POLL_MS >= UNANSWERED_AFTER_S * 1000:
            text = widget.text() if isinstance(widget, QMessageBox) else ""
            stuck.append(f"{type(widget).__name__} {widget.windowTitle()!r} {text!r}")
            since.clear()
            widget.done(QDialog.DialogCode.Rejected)

    timer = QTimer()
    timer.setInterval(WATCHDOG_POLL_MS)
    timer.timeout.connect(look)
    timer.start()
    yield stuck
    timer.stop()
    from tests.e2e.driver import stop_waiting

    stop_waiting()
    assert not stuck, f"nobody answered: {stuck}"


def seed_store(path) -> None:
    """Three open cases, made by the services as the app would make them: something owed on
    each (overdue, due today, due this week), and a long contact log on the overdue one, so
    its printout runs to several pages."""
    db = setup.create_store(path, TEST_PASSPHRASE, OFFICER)
    try:
        now = utc_now()
        plans = (
            (Victim("Zofia Anna", "Wójcik", preferred_name="Zosia"),
             SafeContactRules(voicemail_ok=False, texts_ok=True),
             "Call about the charging decision", now - timedelta(days=3)),
            (Victim("Grace", "Okafor"), SafeContactRules(voicemail_ok=True),
             "Ring back after CPS meeting", end_of_day(london(now).date())),
            (Victim("Siobhán", "O'Neill"), SafeContactRules(voicemail_ok=None),
             "Send the leaflet", now + timedelta(days=4)),
        )
        for number, (victim, rules, reason, due) in enumerate(plans):
            case = cases.new_case(db, victim, "sexual_offence", safe_contact=rules,
                                  now=now - timedelta(days=40))
            if number == 0:
                for day in range(30, 0, -1):
                    cases.log_contact(db, case, Contact(
                        occurred_at=now - timedelta(days=day, hours=2), method="phone",
                        direction="to_victim", with_whom="victim", outcome="no_answer",
                        narrative=f"Tried the agreed number, day {day}: no answer, no "
                                  "voicemail left as agreed. " * 3), meets=[])
            commitments.add_promise(db, case, reason, due)
    finally:
        db.close()


@pytest.fixture
def store_on_disk(db_path):
    seed_store(db_path)
    return db_path


@pytest.fixture
def real_app(qtbot, store_on_disk):
    """The app as `victimcare` starts it (app.run), without an event loop of its own: the
    test's waits turn Qt's loop. Everything is closed afterwards, whatever the test did."""
    controller = app.run([], db_path=store_on_disk, exec=False)
    assert isinstance(controller, app.VictimcareApp)
    yield controller
    controller.shutdown()
    print_preview.wait_for_builds()
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.isVisible():
            widget.close()
