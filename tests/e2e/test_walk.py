"""An officer's hour with the real app, by keys and clicks only (issue 13).

The app is started as `victimcare` starts it (`app.run`) on a store on disk, and every message
box, file dialog and print dialog in the walk is Qt's real one, brought up by the app's own
code and answered with keys. Nothing in `victimcare` is replaced. The walk checks what the
officer would see at each step; a failure names the step. At the end nothing may have been
written to stderr, no Qt warning logged, and no exception may have reached sys.excepthook.
"""

from __future__ import annotations

import io
import os
import re
import stat

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QPushButton

from tests.e2e.driver import (
    Walk,
    answer_box_with_keys,
    answer_file_dialog_with_keys,
    click,
    click_tab,
    focused,
    has_ink,
    modal,
    named,
    press,
    shortcut,
    type_text,
)
from tests.e2e.steps import assert_locked_by_the_officer, open_preview, unlock_by_keys
from tests.views.test_lock import SECRETS
from victimcare.store import audit_log
from victimcare.views.dialogs.log_contact_dialog import LogContactDialog
from victimcare.views.print_preview import UNENCRYPTED_WARNING
from victimcare.views.today_view import DUE as TODAY_DUE
from victimcare.views.today_view import REFERENCE as TODAY_REFERENCE

# Well inside pytest-timeout's thread mode, which ends a run Qt never hands back.
pytestmark = pytest.mark.timeout(180, method="thread")

KEPT_NARRATIVE = "Spoke to her about the bail conditions; she is happy with Thursday calls."
DISCARDED_NARRATIVE = "A draft the officer throws away"
LOCKED_NARRATIVE = "Half-typed when the officer locked"
# Offscreen Qt says these of itself (it has no window manager to ask); never the app.
QT_WARNINGS_IGNORED = ("This plugin does not support propagateSizeHints",
                       "This plugin does not support raise()",
                       "This plugin does not support grabbing the keyboard")


def contact_count(controller) -> int:
    return int(controller.database.scalar("SELECT count(*) FROM contacts"))


def disclosures(controller) -> list[str]:
    """What the audit log says left the app, oldest first."""
    return [e.detail for e in sorted(audit_log.audit_entries(controller.database),
                                     key=lambda e: e.id) if e.action == "disclosure"]


def log_texts(view) -> list[str]:
    """Every cell of the contact log's top-level rows, as the tree shows them."""
    model = view.log_tab.tree.model()
    return [str(model.index(row, column).data() or "")
            for row in range(model.rowCount()) for column in range(model.columnCount())]


def open_log_contact(walk: Walk, window) -> LogContactDialog:
    walk.back_to(window)
    shortcut("log contact")
    dialog = walk.wait_for_window(LogContactDialog, "the Log contact dialog")
    assert dialog.parentWidget() is not None and dialog.parentWidget().window() is window
    assert not any(secret in dialog.windowTitle() for secret in SECRETS), dialog.windowTitle()
    return dialog


def type_narrative(dialog: LogContactDialog, text: str) -> QPlainTextEdit:
    narrative = named(dialog, QPlainTextEdit, "Narrative")
    click(narrative)
    assert focused() is narrative
    type_text(text)
    assert narrative.toPlainText() == text
    return narrative


def test_an_officers_hour_by_keys_and_clicks(qtbot, real_app, tmp_path, capfd, qtlog):
    controller = real_app
    walk = Walk(qtbot)
    with qtbot.captureExceptions() as exceptions:
        walk.exceptions = exceptions
        _walk(walk, controller, tmp_path)
    out, err = capfd.readouterr()
    assert err == "", f"the app wrote to stderr during the walk: {err!r}"
    assert out == "", f"the app wrote to stdout during the walk: {out!r}"
    warnings = [r.message for r in qtlog.records
                if r.type != 0 and not r.message.startswith(QT_WARNINGS_IGNORED)]  # 0: debug
    assert warnings == [], f"Qt warned during the walk: {warnings}"
    assert walk.steps[-1] == "quit"


def _walk(walk: Walk, controller, tmp_path) -> None:
    with walk.step("unlock: type the passphrase, Enter"):
        unlock_by_keys(walk, controller)

    window = controller.main_window
    today = window.today
    with walk.step("Today is in front, with the rows owed, soonest first"):
        assert window.tabs.currentWidget() is today
        walk.wait(lambda: focused() is today.table, "the cursor in Today's list")
        assert today.model.rowCount() == 3
        assert [today.model.index(r, 0).data() for r in range(3)] == [
            "Overdue", "Due today", "This week"]
        due = [today.model.index(r, TODAY_DUE).data() for r in range(3)]
        assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", d) for d in due), due
        assert window.windowTitle() == "victimcare"

    with walk.step("open a case: Enter on the selected Today row"):
        first = today.model.index(0, TODAY_REFERENCE).data()
        press(Qt.Key.Key_Return)
        walk.wait(lambda: window.current_case_view() is not None, "the case tab")
        first_view = window.current_case_view()
        assert first_view.reference == first
        assert window.windowTitle() == f"{first} – victimcare"  # a reference, never a name

    with walk.step("open a second case from the Cases search: type, Down, Enter"):
        shortcut("find a case")
        walk.wait(lambda: focused() is window.case_list.search_edit,
                  "the cursor in the case search")
        type_text("Okafor")
        press(Qt.Key.Key_Down)  # at once, not after the typing pause: it searches first
        assert focused() is window.case_list.table, "Down left the cursor in the search"
        assert window.case_list.model.rowCount() == 1
        assert window.case_list.table.currentIndex().row() == 0
        press(Qt.Key.Key_Return)
        walk.wait(lambda: window.current_case_view() not in (None, first_view),
                  "the second case tab")
        second_view = window.current_case_view()
        second = second_view.reference
        assert second != first
        assert "Okafor" in second_view.header.name_label.text()

    with walk.step("back to the first case by its tab"):
        click_tab(window.tabs.tabBar(), window.tabs.indexOf(first_view))
        assert window.current_case_view() is first_view
        click_tab(first_view.tabs.tabBar(), first_view.tabs.indexOf(first_view.log_tab))
        assert first_view.section() == "log"
        entries_before = first_view.log_tab.tree.model().rowCount()
        saved_before = contact_count(controller)

    with walk.step("log a contact: Ctrl+L, outcome and narrative by keys, save by keys"):
        dialog = open_log_contact(walk, window)
        outcome = named(dialog, QComboBox, "Outcome")
        walk.wait(lambda: focused() is outcome, "the cursor in Outcome")
        type_text("Spoke")  # a list picks the item its typed letters begin
        assert outcome.currentData() == "spoke"
        type_narrative(dialog, KEPT_NARRATIVE)
        press(Qt.Key.Key_Tab)  # out of the narrative, which takes Enter as a new line
        assert not isinstance(focused(), QPlainTextEdit)
        assert not isinstance(focused(), QPushButton) or focused() is dialog.save_button
        press(Qt.Key.Key_Return)  # the default button: Log contact
        walk.wait(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(),
                  "the dialog to close after saving")
        assert contact_count(controller) == saved_before + 1
        walk.wait(lambda: first_view.log_tab.tree.model().rowCount() == entries_before + 1,
                  "the new entry in the contact log")
        assert KEPT_NARRATIVE in log_texts(first_view)

    with walk.step("Escape with typed text asks, and 'Keep editing' keeps it"):
        dialog = open_log_contact(walk, window)
        narrative = type_narrative(dialog, DISCARDED_NARRATIVE)
        asked = answer_box_with_keys(None, key=Qt.Key.Key_Escape)  # Escape in the box too
        press(Qt.Key.Key_Escape)
        assert asked.problem == ""
        assert (asked.box.title, asked.box.text) == (
            "Discard changes?", "You have changes that are not saved. Close and lose them?")
        assert asked.box.default == asked.box.escape == "Keep editing"
        assert sorted(asked.box.buttons) == ["Discard changes", "Keep editing"]
        assert dialog.isVisible() and narrative.toPlainText() == DISCARDED_NARRATIVE
        assert modal() is dialog

    with walk.step("Escape again, Tab to 'Discard changes', Enter: closed, nothing saved"):
        walk.back_to(dialog)
        assert focused() is narrative  # the cursor is back where it was
        asked = answer_box_with_keys("Discard changes", key=Qt.Key.Key_Return)
        press(Qt.Key.Key_Escape)
        assert asked.problem == ""
        assert asked.box.title == "Discard changes?"
        walk.wait(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(),
                  "the dialog to close")
        assert contact_count(controller) == saved_before + 1
        assert DISCARDED_NARRATIVE not in log_texts(first_view)

    with walk.step("lock from inside Log contact with typed text: Ctrl+Shift+L"):
        dialog = open_log_contact(walk, window)
        type_narrative(dialog, LOCKED_NARRATIVE)
        shortcut("lock")
        assert_locked_by_the_officer(walk, controller, LOCKED_NARRATIVE, KEPT_NARRATIVE)
        assert not shiboken6.isValid(dialog) or not dialog.isVisible()

    with walk.step("unlock again: the same case tabs are open, the same one in front"):
        unlock_by_keys(walk, controller)
        assert [view.reference for view in window.case_views()] == [first, second]
        view = window.current_case_view()
        assert view is not None and view.reference == first
        assert view.section() == "log"
        assert contact_count(controller) == saved_before + 1  # the half-typed entry: gone
        assert LOCKED_NARRATIVE not in log_texts(view)
        assert window.windowTitle() == f"{first} – victimcare"

    with walk.step("print preview: Ctrl+P, and the preview renders"):
        preview = open_preview(walk, window)
        pages = preview.document.pageCount()
        assert pages >= 2, f"{pages} page(s): the seeded log should run longer"
        assert preview.pages_label.text() == f"{pages} pages"
        assert not any(secret in preview.windowTitle() for secret in SECRETS)
        walk.wait(lambda: has_ink(preview.view.viewport().grab().toImage()),
                  "the first page drawn in the preview")

    saved_path = tmp_path / "pdfs" / "walk-summary"
    saved_path.parent.mkdir()
    with walk.step("Save as PDF: the real warning, by keys; the real file dialog, by keys"):
        warned = answer_box_with_keys("Save unencrypted PDF…", key=Qt.Key.Key_Return)
        where = answer_file_dialog_with_keys(str(saved_path))
        click(named(preview, QPushButton, "Save as PDF (not encrypted)"))
        assert warned.problem == "" and where.problem == ""
        assert (warned.box.title, warned.box.text) == ("Save as PDF", UNENCRYPTED_WARNING)
        assert warned.box.default == warned.box.escape == "Cancel"
        assert where.box.title == "Save as PDF (not encrypted)"
        assert where.box.text == f"{first}-summary.pdf"  # suggested: a reference, no name
        written = saved_path.with_suffix(".pdf")
        walk.wait(written.exists, f"{written.name} to be written")
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
        assert preview.status_label.text() == f"Saved as {written.name} (not encrypted)."
        assert written.read_bytes().startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(written.read_bytes()))
        assert len(reader.pages) == pages
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text()
            assert text.count("OFFICIAL-SENSITIVE") >= 2, f"page {number}: top and bottom"
        assert first in reader.pages[0].extract_text()
        assert disclosures(controller) == ["summary saved as PDF"]

    printed_path = tmp_path / "printed.pdf"
    with walk.step("Print…: the real print dialog, to a file, by keys"):
        click(named(preview, QPushButton, "Print"))
        printing = walk.wait_for_window(QPrintDialog, "the print dialog")
        printers = printing.findChild(QComboBox, "printers")
        walk.wait(lambda: focused() is printers, "the cursor in the printer list")
        type_text("Print to File")
        assert printers.currentText() == "Print to File (PDF)"
        file_name = printing.findChild(QLineEdit, "filename")
        click(file_name)
        shortcut("select all")
        type_text(str(printed_path))
        if QApplication.activePopupWidget() is not None:  # the name completer
            press(Qt.Key.Key_Escape)
        with walk.qtbot.waitSignal(preview.printed, timeout=60_000) as sent:
            press(Qt.Key.Key_Return)  # the default button: Print
        assert sent.args == [pages]
        assert printed_path.exists()
        assert stat.S_IMODE(os.stat(printed_path).st_mode) == 0o600
        assert len(PdfReader(printed_path).pages) == pages
        assert preview.status_label.text() == f"Sent {pages} pages to the printer."
        assert disclosures(controller) == ["summary saved as PDF",
                                           "printed summary to a PDF file"]
        walk.back_to(preview)
        assert focused() is preview.print_button, "the keyboard moved off Print while printing"

    with walk.step("close the preview with Escape"):
        walk.back_to(preview)
        assert modal() is preview
        press(Qt.Key.Key_Escape)
        walk.wait(lambda: not shiboken6.isValid(preview) or not preview.isVisible(),
                  "the preview to close")

    with walk.step("quit"):
        walk.back_to(window)
        finished = []
        controller.finished.connect(finished.append)
        shortcut("quit")
        walk.wait(lambda: finished == [0], "the app to finish")
        assert controller.database is None
        assert not window.isVisible()

