"""Print preview: bytes in memory, nothing on disk until "Save as PDF" is chosen and confirmed;
printing and saving are disclosures in the audit log."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import main_window_of
from tests.views.test_today import seed_worklist
from victimcare.store import records
from victimcare.views import ask, print_preview
from victimcare.views.print_preview import UNENCRYPTED_WARNING, PrintPreviewDialog


@pytest.fixture(autouse=True)
def builds_finish():
    yield
    print_preview.wait_for_builds()


@pytest.fixture
def window(qtbot, start_app, db_path):
    seed_worklist(db_path)
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    return main_window_of(qtbot, controller)


def files_under(*folders: Path) -> set[Path]:
    return {path for folder in folders for path in folder.rglob("*")}


def preview(qtbot, dialog: PrintPreviewDialog, *, owned: bool = True) -> PrintPreviewDialog:
    if owned:  # the window's own dialogs delete themselves on close
        qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=20_000)
    return dialog


def disclosures(window) -> list[str]:
    return [e.detail for e in records.audit_entries(window.db) if e.action == "disclosure"]


def test_the_preview_writes_no_file(qtbot, window, db_path, private_home):
    before = files_under(db_path.parent, private_home)
    dialog = preview(qtbot, PrintPreviewDialog(window.db, ("summary", "log"), "VC-2026-0001",
                                               window))
    assert dialog.document.pageCount() >= 1
    assert dialog.pdf_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(dialog.pdf_bytes())).pages)
    assert "OFFICIAL-SENSITIVE" in text and "Wójcik" in text
    assert dialog.pages_label.text().endswith(("page", "pages"))
    after = files_under(db_path.parent, private_home)
    # Only the database's own companions may change; no PDF, no temporary file.
    new = {p for p in after - before if not p.name.startswith(db_path.name)}
    assert new == set()
    assert disclosures(window) == []  # looking at a preview is not a disclosure
    assert "Wójcik" not in dialog.windowTitle()


def test_redacted_copy_and_log_are_options(qtbot, window):
    dialog = preview(qtbot, PrintPreviewDialog(window.db, ("summary", "log"), "VC-2026-0001",
                                               window))
    dialog.redact_check.setChecked(True)
    qtbot.waitUntil(lambda: dialog.is_ready() and "(redacted)" in dialog.job.title,
                    timeout=20_000)
    dialog.set_kind("log")
    qtbot.waitUntil(lambda: dialog.is_ready() and dialog.job.detail == "log (redacted)",
                    timeout=20_000)
    assert not dialog.from_edit.isVisibleTo(dialog)


def test_save_as_pdf_asks_first_then_writes_a_private_file_and_audits(qtbot, window, tmp_path,
                                                                       monkeypatch):
    dialog = preview(qtbot, PrintPreviewDialog(window.db, ("summary", "log"), "VC-2026-0001",
                                               window))
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text, **kw:
                        asked.append(text) or False)
    monkeypatch.setattr(print_preview, "choose_save_path",
                        lambda parent, suggested: pytest.fail("asked where before confirming"))
    assert dialog.save_as_pdf() is None  # declined: nothing written
    assert asked == [UNENCRYPTED_WARNING] and "not encrypted" in asked[0]

    monkeypatch.setattr(ask, "confirm", lambda *a, **kw: True)
    suggested = []
    monkeypatch.setattr(print_preview, "choose_save_path",
                        lambda parent, name: suggested.append(name) or str(tmp_path / "visit"))
    saved = Path(dialog.save_as_pdf())
    assert suggested == ["VC-2026-0001-summary.pdf"]  # a reference, never a name
    assert saved == tmp_path / "visit.pdf"
    assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600
    assert saved.read_bytes() == dialog.pdf_bytes()
    assert disclosures(window) == ["summary saved as PDF"]
    entry = [e for e in records.audit_entries(window.db) if e.action == "disclosure"][0]
    assert entry.case_reference == "VC-2026-0001"

    # An existing file is never written over.
    told = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: told.append(text))
    assert dialog.save_as_pdf() is None
    assert "already exists" in told[0]
    assert disclosures(window) == ["summary saved as PDF"]


def test_printing_paints_every_page_and_is_audited(qtbot, window, tmp_path):
    dialog = preview(qtbot, PrintPreviewDialog(window.db, ("summary", "log"), "VC-2026-0001",
                                               window))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))  # stands in for a real printer
    assert dialog.print_to(printer) == dialog.document.pageCount()
    assert len(PdfReader(tmp_path / "printer.pdf").pages) == dialog.document.pageCount()
    assert disclosures(window) == ["printed summary"]


def test_ctrl_p_prints_what_is_in_front(qtbot, window):
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    window.show_today()
    dialog = preview(qtbot, window.print_current(), owned=False)
    assert dialog.kind() == "worklist"
    dialog.set_kind("compliance")
    assert dialog.from_edit.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.is_ready() and dialog.job.detail.startswith("compliance"),
                    timeout=20_000)
    dialog.reject()

    view = window.open_case(window.today.model.item_at(0).case_id)
    dialog = preview(qtbot, window.print_current(), owned=False)
    assert dialog.kind() == "summary"
    assert dialog.job.case_reference == view.reference
    dialog.reject()

    window.show_audit()
    dialog = preview(qtbot, window.print_current(), owned=False)
    assert dialog.job.title == "Audit log"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.pdf_bytes())).pages)
    assert text.count("OFFICIAL-SENSITIVE") >= 2 and "Collection" in text
    dialog.reject()


def test_a_case_that_is_gone_is_said_in_words(qtbot, window):
    dialog = PrintPreviewDialog(window.db, ("summary",), "VC-2099-9999", window)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentWidget() is dialog.error_label
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.kind_combo.accessibleName() and dialog.view.accessibleName()
