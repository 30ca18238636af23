"""Print preview: bytes in memory, nothing on disk until "Save as PDF" is chosen and confirmed;
printing and saving are disclosures in the audit log."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageRanges
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from tests.conftest import TEST_PASSPHRASE
from tests.factories import rich_case
from tests.views.conftest import main_window_of
from tests.views.real_modal import answer, click, press
from tests.views.test_today import seed_worklist
from victimcare.reports.case_documents import contact_log
from victimcare.store import audit_log
from victimcare.views import ask, print_preview
from victimcare.views.print_preview import (
    UNENCRYPTED_WARNING,
    PrintJob,
    PrintPreviewDialog,
    chosen_pages,
)


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
    return [e.detail for e in audit_log.audit_entries(window.db) if e.action == "disclosure"]


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
    entry = [e for e in audit_log.audit_entries(window.db) if e.action == "disclosure"][0]
    assert entry.case_reference == "VC-2026-0001"

    # An existing file is never written over.
    told = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: told.append(text))
    assert dialog.save_as_pdf() is None
    assert "already exists" in told[0]
    assert disclosures(window) == ["summary saved as PDF"]


# -- saving, against the real boxes and the real file dialog -------------------------------------
def type_file_name(path: Path) -> Callable[[QFileDialog], None]:
    """Type `path` as the file name in a (Qt-drawn) file dialog and press Enter."""

    def act(file_dialog: QFileDialog) -> None:
        edit = file_dialog.findChild(QLineEdit, "fileNameEdit")
        edit.setText(str(path))
        QTest.keyClick(edit, Qt.Key.Key_Return)

    return act


@pytest.mark.real_dialogs
def test_save_as_pdf_warns_in_a_real_box_then_asks_where_in_the_real_file_dialog(
        qtbot, window, tmp_path, private_home):
    (private_home / "Documents").mkdir()
    dialog = preview(qtbot, PrintPreviewDialog(window.db, ("summary", "log"), "VC-2026-0001",
                                               window))
    warned, asked_where = [], []

    def where(file_dialog: QFileDialog) -> None:
        asked_where.append((file_dialog.windowTitle(), file_dialog.acceptMode(),
                            file_dialog.directory().absolutePath(),
                            file_dialog.findChild(QLineEdit, "fileNameEdit").text()))
        type_file_name(tmp_path / "visit")(file_dialog)

    answer(QMessageBox, lambda box: (answer(QFileDialog, where),
                                     click("Save unencrypted PDF…")(box)), warned)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [box] = warned
    assert (box.title, box.text, box.icon) == ("Save as PDF", UNENCRYPTED_WARNING,
                                               QMessageBox.Icon.Question)
    assert box.default == box.escape == "Cancel"  # Enter alone never saves
    assert asked_where == [("Save as PDF (not encrypted)", QFileDialog.AcceptMode.AcceptSave,
                            str(private_home / "Documents"), "VC-2026-0001-summary.pdf")]
    path = tmp_path / "visit.pdf"  # the dialog adds the suffix
    assert saved.args == [str(path)]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_bytes() == dialog.pdf_bytes()
    assert disclosures(window) == ["summary saved as PDF"]

    # The same name again: a real warning, and the file is left as it was.
    path.write_bytes(b"the officer's own copy")
    refused = []
    answer(QMessageBox, lambda box: (
        answer(QFileDialog, lambda fd: (answer(QMessageBox, press(Qt.Key.Key_Return), refused),
                                        type_file_name(path)(fd))),
        click("Save unencrypted PDF…")(box)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [(b.title, b.icon) for b in refused] == [("Save as PDF", QMessageBox.Icon.Warning)]
    assert "visit.pdf already exists" in refused[0].text and "never writes over" in refused[0].text
    assert path.read_bytes() == b"the officer's own copy"
    assert disclosures(window) == ["summary saved as PDF"]


@pytest.mark.real_dialogs
@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return], ids=["escape", "enter"])
def test_the_unencrypted_warning_answered_with_a_key_saves_nothing(qtbot, window, tmp_path,
                                                                   private_home, key):
    dialog = preview(qtbot, PrintPreviewDialog(window.db, ("summary", "log"), "VC-2026-0001",
                                               window))
    before = files_under(tmp_path, private_home)
    file_dialogs = []
    stop_waiting = answer(QFileDialog, lambda fd: (file_dialogs.append(fd), fd.reject()))
    answer(QMessageBox, press(key))
    assert dialog.save_as_pdf() is None
    stop_waiting()
    assert file_dialogs == []  # never asked where
    assert files_under(tmp_path, private_home) == before
    assert disclosures(window) == []


@pytest.mark.real_dialogs
def test_choose_save_path_is_the_real_file_dialog(qtbot, tmp_path, private_home):
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = []

    def cancel(file_dialog: QFileDialog) -> None:
        shown.append((file_dialog.parentWidget(), file_dialog.directory().absolutePath(),
                      file_dialog.nameFilters(), file_dialog.defaultSuffix()))
        QTest.keyClick(file_dialog.focusWidget() or file_dialog, Qt.Key.Key_Escape)

    answer(QFileDialog, cancel)
    assert print_preview.choose_save_path(parent, "VC-2026-0001-log.pdf") is None
    # No Documents folder: it starts at home. Only PDFs are offered, and ".pdf" is added.
    assert shown == [(parent, str(private_home), ["PDF documents (*.pdf)"], "pdf")]

    answer(QFileDialog, type_file_name(tmp_path / "log"))
    assert print_preview.choose_save_path(parent, "VC-2026-0001-log.pdf") == str(
        tmp_path / "log.pdf")
    assert not (tmp_path / "log.pdf").exists()  # choosing is not writing


# -- printing, against Qt's real printer and print dialog ---------------------------------------
# A QPrinter writing a PDF file stands in for a printer: what it receives is exactly what a
# printer would, page images painted by the same code. Those pages are images, so they are
# read back by rendering them and comparing each with the page of the preview it should be.

@pytest.fixture
def long_log(qtbot, db):
    """A preview of a ten-page (landscape) contact log, with nothing else behind it."""
    case = rich_case()
    # Notes of different lengths, so no two pages of the log look alike.
    case.contacts = [replace(case.contacts[0], amendments=[],
                             narrative=f"Entry {n}: " + "detail " * (n * 37 % 90))
                     for n in range(60)]
    job = PrintJob("Contact log – VC-2026-0042", "VC-2026-0042", "log", "VC-2026-0042-log",
                   partial(contact_log, case, "PC Test Officer", datetime(2026, 11, 1, tzinfo=UTC)))
    dialog = preview(qtbot, PrintPreviewDialog(db, (), "VC-2026-0042", job=job))
    assert dialog.document.pageCount() == 10
    dialog.show()
    return dialog


def pdf_printer(path: Path, *, landscape: bool = True,
                mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if landscape:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def rendered_pages(pdf: bytes, size: tuple[int, int]) -> list[Image.Image]:
    """Every page of `pdf` drawn by QtPdf at `size`, in grey."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    assert document.status() == QPdfDocument.Status.Ready
    pages = []
    for page in range(document.pageCount()):
        image = document.render(page, QSize(*size)).convertToFormat(
            QImage.Format.Format_Grayscale8)
        pages.append(Image.frombuffer("L", size, bytes(image.constBits()), "raw", "L",
                                      image.bytesPerLine(), 1))
    document.close()
    return pages


def printed_sheets(printed: Path) -> list[Image.Image]:
    """What the printer was sent: one page image per sheet (Qt stores each as a JPEG)."""
    sheets = []
    for page in PdfReader(printed).pages:
        [image] = page["/Resources"]["/XObject"].values()
        raw = image.get_object()
        assert raw["/Filter"] == "/DCTDecode"
        sheets.append(Image.open(io.BytesIO(raw._data)).convert("L"))
    return sheets


def difference(a: Image.Image, b: Image.Image) -> float:
    """The mean difference in grey level (of 255) between two images of one size."""
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def assert_printed(printed: Path, source: bytes, pages: list[int]) -> None:
    """`printed` holds exactly the source's `pages` (0-based), in that order: each sheet is
    the preview's own rendering of that page (but for JPEG's rounding), and unlike any other
    page of the document."""
    reader = PdfReader(printed)
    assert len(reader.pages) == len(pages)
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    sheets = printed_sheets(printed)
    wanted = rendered_pages(source, sheets[0].size)
    for sheet, page in zip(sheets, pages, strict=True):
        distances = [difference(sheet, other) for other in wanted]
        assert distances[page] < 1.0  # measured: under 0.4 at 96 dpi, under 0.3 at 300
        assert sorted(distances)[1] > 2 * distances[page] + 0.3  # the next nearest: over 1.1


def marked_top_and_bottom(pdf: bytes) -> bool:
    """Every page of the document says OFFICIAL-SENSITIVE at its top and at its bottom."""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        heights: list[float] = []

        def note(text, cm, tm, font, size, heights=heights):
            if "OFFICIAL-SENSITIVE" in text:
                heights.append(tm[5])

        page.extract_text(visitor_text=note)
        height = float(page.mediabox.height)
        if not (heights and max(heights) > height * 0.9 and min(heights) < height * 0.1):
            return False
    return True


def test_printing_paints_every_page_and_is_audited(qtbot, long_log, db, tmp_path):
    assert marked_top_and_bottom(long_log.pdf_bytes())
    sheets = []
    long_log.print_progress.valueChanged.connect(sheets.append)
    with qtbot.waitSignal(long_log.printed, timeout=60_000) as done:
        # At screen resolution (96 dpi) to be quick; the print dialog's test prints at 300.
        assert long_log.print_to(pdf_printer(tmp_path / "printer.pdf",
                                             mode=QPrinter.PrinterMode.ScreenResolution))
        # It prints on a worker: the window is still answering while the pages go.
        assert long_log.is_printing() and not long_log.print_button.isEnabled()
        assert not long_log.save_button.isEnabled() and long_log.print_progress.isVisible()
    assert done.args == [10]
    assert sheets == list(range(11))  # told page by page, on the window's own thread
    assert_printed(tmp_path / "printer.pdf", long_log.pdf_bytes(), list(range(10)))
    assert stat.S_IMODE(os.stat(tmp_path / "printer.pdf").st_mode) == 0o600
    assert long_log.print_button.isEnabled() and not long_log.print_progress.isVisible()
    assert long_log.status_label.text() == "Sent 10 pages to the printer."
    assert [e.detail for e in audit_log.audit_entries(db) if e.action == "disclosure"] == [
        "printed log to a PDF file"]


@pytest.mark.real_dialogs
def test_print_opens_the_real_print_dialog_and_prints_the_pages_chosen(qtbot, long_log, db,
                                                                      tmp_path):
    output = tmp_path / "chosen.pdf"
    shown = []

    def choose_pages_two_to_three(dialog: QPrintDialog) -> None:
        shown.append((dialog.windowTitle(), dialog.isModal(),
                      dialog.printer().pageLayout().orientation()))
        printers = dialog.findChild(QComboBox, "printers")
        printers.setCurrentIndex(printers.findText("Print to File (PDF)"))
        dialog.findChild(QLineEdit, "filename").setText(str(output))
        dialog.findChild(QRadioButton, "printRange").setChecked(True)
        dialog.findChild(QSpinBox, "to").setValue(3)
        dialog.findChild(QSpinBox, "from").setValue(2)
        [ok] = [b for b in dialog.findChildren(QPushButton) if b.text() == "&Print"]
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    answer(QPrintDialog, choose_pages_two_to_three)
    with qtbot.waitSignal(long_log.printed, timeout=60_000) as done:
        qtbot.mouseClick(long_log.print_button, Qt.MouseButton.LeftButton)
    assert shown == [("Print – victimcare", True, QPageLayout.Orientation.Landscape)]
    assert done.args == [2]
    assert_printed(output, long_log.pdf_bytes(), [1, 2])
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o600
    assert [e.detail for e in audit_log.audit_entries(db) if e.action == "disclosure"] == [
        "printed log (pages 2, 3 of 10) to a PDF file"]


@pytest.mark.real_dialogs
def test_cancelling_the_print_dialog_prints_nothing(qtbot, long_log, db):
    closed = []
    answer(QPrintDialog, lambda dialog: (closed.append(dialog), dialog.reject()))
    qtbot.mouseClick(long_log.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(closed) and QApplication.activeModalWidget() is not closed[0])
    assert not long_log.is_printing() and long_log.print_button.isEnabled()
    assert [e for e in audit_log.audit_entries(db) if e.action == "disclosure"] == []


def test_copies_are_printed_and_said_in_the_audit(qtbot, long_log, db, tmp_path):
    printer = pdf_printer(tmp_path / "copies.pdf", mode=QPrinter.PrinterMode.ScreenResolution)
    _printer_with(printer, pages="2-3", copies=2)
    with qtbot.waitSignal(long_log.printed, timeout=60_000) as done:
        assert long_log.print_to(printer)
    assert done.args == [4]
    assert_printed(tmp_path / "copies.pdf", long_log.pdf_bytes(), [1, 2, 1, 2])
    assert [e.detail for e in audit_log.audit_entries(db) if e.action == "disclosure"] == [
        "printed log (pages 2, 3 of 10; 2 copies) to a PDF file"]


def test_closing_the_preview_stops_a_print_and_leaves_no_half_file(qtbot, long_log, db,
                                                                   tmp_path):
    printer = pdf_printer(tmp_path / "stopped.pdf")
    printer.setCopyCount(5)  # forty pages: far more than can go before the first is reported
    long_log.print_progress.valueChanged.connect(lambda sent: sent and long_log.reject())
    assert long_log.print_to(printer)
    ends = []
    long_log.print_thread.ended.connect(lambda sent, problem: ends.append((sent, problem)))
    qtbot.waitUntil(lambda: not long_log.isVisible() and bool(ends))  # ends comes queued
    assert ends == [(0, "stopped")]  # the pages drawn went with the half file
    assert not long_log.is_printing()
    assert not (tmp_path / "stopped.pdf").exists()
    assert [e for e in audit_log.audit_entries(db) if e.action == "disclosure"] == []


def test_a_printer_that_cannot_start_is_said_in_words(qtbot, long_log, db, tmp_path, told):
    printer = pdf_printer(tmp_path / "no such folder" / "out.pdf")
    assert long_log.print_to(printer)
    qtbot.waitUntil(lambda: not long_log.is_printing(), timeout=30_000)
    assert told == [("warn", "Print", "The printer could not be started. Nothing was printed.")]
    assert long_log.status_label.text() == "Nothing was printed."
    assert [e for e in audit_log.audit_entries(db) if e.action == "disclosure"] == []


def _printer_with(printer: QPrinter, *, pages: str | None = None, current: bool = False,
                  copies: int = 1, collate: bool = True, reverse: bool = False) -> QPrinter:
    if pages is not None:
        ranges = QPageRanges.fromString(pages)
        printer.setPageRanges(ranges)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
    if current:
        printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    printer.setCopyCount(copies)
    printer.setCollateCopies(collate)
    if reverse:
        printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    return printer


@pytest.mark.parametrize(("settings", "expected"), [
    ({}, [0, 1, 2, 3, 4, 5]),
    ({"pages": "2-3"}, [1, 2]),
    ({"pages": "1,4-6"}, [0, 3, 4, 5]),
    ({"pages": "5-9"}, [4, 5]),                       # past the end: what there is
    ({"pages": "8-9"}, []),
    ({"current": True}, [3]),
    ({"reverse": True, "pages": "1-3"}, [2, 1, 0]),
    ({"copies": 2, "pages": "1-2"}, [0, 1, 0, 1]),    # a PDF file cannot make copies itself
    ({"copies": 2, "collate": False, "pages": "1-2"}, [0, 0, 1, 1]),
])
def test_the_pages_chosen_in_the_dialog(qapp, tmp_path, settings, expected):
    printer = _printer_with(pdf_printer(tmp_path / "x.pdf"), **settings)
    assert chosen_pages(printer, 6, current=3) == expected


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
