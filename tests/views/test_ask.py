"""The real boxes behind `victimcare.views.ask`: every other test replaces the seam, so these
show each kind of box for real, read it while it is up, and answer it with the keys or the
button the officer would use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.views.real_modal import answer, click, press
from victimcare.views import ask

pytestmark = pytest.mark.real_dialogs

MARKUP = 'Grace <b>Okafor</b> & <img src="/etc/passwd"> said "no"\nSecond line'
NOTICES = [(ask.inform, QMessageBox.Icon.Information), (ask.warn, QMessageBox.Icon.Warning),
           (ask.error, QMessageBox.Icon.Critical)]


@pytest.fixture
def parent(qtbot):
    window = QWidget()
    window.setWindowTitle("victimcare")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize(("notice", "icon"), NOTICES, ids=["inform", "warn", "error"])
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape], ids=["enter", "escape"])
def test_a_notice_shows_its_text_as_written_with_one_ok_that_enter_and_escape_press(
        qtbot, parent, notice, icon, key):
    seen = []
    answer(QMessageBox, press(key), seen)
    assert notice(parent, "Print", MARKUP) is None  # returned: the key closed the box

    [box] = seen
    assert (box.title, box.text, box.icon) == ("Print", MARKUP, icon)
    assert box.text_format == Qt.TextFormat.PlainText  # markup in a note is never drawn
    assert box.buttons == ["OK"]
    assert box.default == box.escape == "OK"


@pytest.mark.parametrize(("notice", "icon"), NOTICES, ids=["inform", "warn", "error"])
def test_a_notice_belongs_to_its_window_and_leaves_no_box_behind(qtbot, parent, notice, icon):
    owners = []
    answer(QMessageBox, lambda box: (owners.append(box.parentWidget()),
                                     press(Qt.Key.Key_Return)(box)))
    notice(parent, "victimcare", "Choose a row first.")
    assert owners == [parent]
    qtbot.waitUntil(lambda: not any(b.isVisible() for b in parent.findChildren(QMessageBox)))


def test_confirm_defaults_to_the_safe_answer(qtbot, parent):
    seen = []
    answer(QMessageBox, press(Qt.Key.Key_Return), seen)
    assert ask.confirm(parent, "Discard changes?", "Close without saving what you typed?",
                       yes="&Discard", no="&Keep editing") is False

    [box] = seen
    assert box.title == "Discard changes?"
    assert box.text == "Close without saving what you typed?"
    assert box.icon == QMessageBox.Icon.Question
    assert box.text_format == Qt.TextFormat.PlainText
    assert sorted(box.buttons) == ["&Discard", "&Keep editing"]
    assert box.default == "&Keep editing" and box.escape == "&Keep editing"


def test_confirm_is_true_only_when_the_yes_button_is_pressed(qtbot, parent):
    answer(QMessageBox, click("&Discard"))
    assert ask.confirm(parent, "Discard changes?", "Close?", yes="&Discard") is True
    answer(QMessageBox, click("Cancel"))
    assert ask.confirm(parent, "Discard changes?", "Close?", yes="&Discard") is False


@pytest.mark.parametrize(("key", "expected"), [(Qt.Key.Key_Return, True),
                                               (Qt.Key.Key_Escape, False)],
                         ids=["enter", "escape"])
def test_confirm_with_yes_as_default_still_escapes_to_no(qtbot, parent, key, expected):
    seen = []
    answer(QMessageBox, press(key), seen)
    assert ask.confirm(parent, "Save as PDF", MARKUP, yes="Save…", no="Cancel",
                       default_yes=True) is expected
    [box] = seen
    assert (box.default, box.escape) == ("Save…", "Cancel")
    assert box.text == MARKUP


def test_confirm_closed_by_its_window_button_answers_no(qtbot, parent):
    answer(QMessageBox, lambda box: box.close())
    assert ask.confirm(parent, "Erase", "Erase VC-2026-0001?", yes="&Erase") is False


def test_a_box_with_no_window_behind_it_still_shows(qtbot):
    # The one-instance refusal at start-up has no window yet.
    seen = []
    answer(QMessageBox, press(Qt.Key.Key_Escape), seen)
    ask.warn(None, "victimcare", "victimcare is already open on this database.")
    assert [box.text for box in seen] == ["victimcare is already open on this database."]
