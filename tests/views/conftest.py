"""GUI test fixtures: no modal loop may ever block a run, and every window is closed after."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
)

from tests.conftest import TEST_PASSPHRASE
from victimcare import app
from victimcare.domain.model import Officer, Victim
from victimcare.services import cases, setup
from victimcare.views import ask

OFFICER = Officer("PC Alex Morgan", "MP4821", "Team B")


@pytest.fixture(autouse=True)
def no_modal_loops(request, monkeypatch):
    """A modal exec() in a test would hang until the timeout: make it fail at once instead.

    QDialog.exec does not cover QMessageBox.exec, and QMessageBox's static helpers run their
    loop in C++, so each is replaced on its own. Tests marked `real_dialogs` are let through:
    they show the real boxes and dialogs behind the seams and answer them from a timer
    (tests/views/real_modal.py), so the code the other tests replace runs too.
    """
    if request.node.get_closest_marker("real_dialogs") is not None:
        from tests.views.real_modal import stop_all

        yield
        stop_all()
        return

    def refuse(self, *args, **kwargs):
        pytest.fail(f"unexpected modal {type(self).__name__}.exec(): script it through "
                    "victimcare.views.ask or open() the dialog", pytrace=False)

    def refuse_static(*args, **kwargs):
        pytest.fail("unexpected QMessageBox static helper: use victimcare.views.ask",
                    pytrace=False)

    for cls in (QDialog, QMessageBox, QFileDialog, QInputDialog, QProgressDialog,
                QColorDialog, QFontDialog):
        monkeypatch.setattr(cls, "exec", refuse)
        if hasattr(cls, "exec_"):
            monkeypatch.setattr(cls, "exec_", refuse)
    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse_static))
    yield


@pytest.fixture
def told(monkeypatch):
    """Everything the app said to the officer through the ask seam, as (kind, title, text)."""
    said: list[tuple[str, str, str]] = []
    for kind in ("inform", "warn", "error"):
        monkeypatch.setattr(ask, kind, lambda parent, title, text, kind=kind:
                            said.append((kind, title, text)))
    return said


@pytest.fixture
def start_app(qtbot):
    """Start the app on a path without an event loop; every window it makes is closed after."""
    started: list[app.VictimcareApp] = []

    def start(path) -> app.VictimcareApp:
        controller = app.run([], db_path=path, exec=False)
        assert isinstance(controller, app.VictimcareApp)
        started.append(controller)
        for dialog in (controller.first_run_dialog, controller.unlock_dialog):
            if dialog is not None:
                # Closed the way the app closes it at the end: close() would ask about
                # anything a test left typed in it, as the window's close button does.
                qtbot.addWidget(dialog, before_close_func=lambda d: d.isVisible() and d.done(0))
        return controller

    yield start
    for controller in started:
        controller.shutdown()


def tab_order(start, count: int) -> list:
    """The `count` widgets Tab visits after `start`, skipping those that never take focus."""
    from PySide6.QtCore import Qt

    order, widget = [], start
    while len(order) < count:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            order.append(widget)
    return order


def main_window_of(qtbot, controller):
    """Wait for the main window, and have qtbot close it after the test."""
    qtbot.waitUntil(lambda: controller.main_window is not None
                    and controller.main_window.isVisible())
    qtbot.addWidget(controller.main_window)
    return controller.main_window


SEEDED_VICTIMS = (
    Victim("Zofia Anna", "Wójcik", preferred_name="Zosia"),
    Victim("Grace", "Okafor"),
    Victim("Siobhán", "O'Neill"),
)


@pytest.fixture
def seeded_store(db_path):
    """A closed store holding three fictional open cases, opened on known days."""
    db = setup.create_store(db_path, TEST_PASSPHRASE, OFFICER)
    try:
        for day, victim in zip((3, 1, 2), SEEDED_VICTIMS, strict=True):
            cases.new_case(db, victim, "sexual_offence",
                           now=datetime(2026, 3, day, 10, 0, tzinfo=UTC))
    finally:
        db.close()
    return db_path
