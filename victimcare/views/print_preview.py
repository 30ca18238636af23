"""Print preview, printing and "Save as PDF", with no file written on the way.

The document is built as bytes (ReportLab, in memory), held in a QBuffer, shown by QtPdf and
painted page by page onto the printer. A PDF only reaches the disk when the officer chooses
"Save as PDF…" and confirms they know the file is not encrypted.

Building a long document (a 2,000-entry log) takes seconds, so it runs on a worker thread.
The database connection belongs to the UI thread (sqlcipher's check_same_thread), so the data
is loaded here first (fast), and the worker only turns those plain dataclasses into bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QRectF, QSize, Qt, QThread, Signal
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.validation import ValidationError
from victimcare.private_files import FileExistsRefused
from victimcare.services import audit, printing
from victimcare.store.database import Database, StoreError
from victimcare.views import ask, style

KIND_LABELS = {
    "summary": "Case contact summary",
    "log": "Contact log",
    "worklist": "Worklist",
    "compliance": "Victims' Code compliance report",
}
CASE_KINDS = printing.CASE_KINDS
UNENCRYPTED_WARNING = (
    "A saved PDF is not encrypted: anyone who can open the folder you choose can read it.\n\n"
    "Save it only where your force allows (not a shared or removable drive unless approved), "
    "and delete it when it is no longer needed. Saving is recorded in the audit log."
)
MAX_RENDER_DPI = 300  # a page at 1200 dpi is a 140 MB image; 300 prints crisply


@dataclass
class PrintJob:
    """One document: loaded on the UI thread, `build` runs on a worker and touches no database."""

    title: str                 # said in the dialog's title bar (never a victim's name)
    case_reference: str        # for the audit row ('' for documents about every case)
    detail: str                # what was printed, for the audit row
    file_stem: str             # suggested file name (reference and kind, never a name)
    build: Callable[[], bytes]


def prepare_job(db: Database, kind: str, *, case_reference: str | None = None,
                redact: bool = False, start: date | None = None, end: date | None = None,
                now: datetime | None = None) -> PrintJob:
    """Load what `kind` needs (on the calling, UI, thread) and return a job that builds it.

    The loading is `printing.prepare_document`, shared with `build_document`; the
    disclosure is logged when the officer prints or saves, not on preview.
    """
    now = now or utc_now()
    document = printing.prepare_document(db, kind, case_reference=case_reference,
                                         redact=redact, start=start, end=end, now=now)
    if kind in CASE_KINDS:
        reference, redacted = document.case_reference, " (redacted)" if redact else ""
        return PrintJob(f"{KIND_LABELS[kind]}{redacted} – {reference}", reference,
                        f"{kind}{redacted}",
                        f"{reference}-{kind}{'-redacted' if redact else ''}", document.build)
    if kind == "worklist":
        return PrintJob(KIND_LABELS[kind], "", "worklist", f"worklist-{london(now):%Y-%m-%d}",
                        document.build)
    return PrintJob(KIND_LABELS[kind], "", f"compliance {start:%d/%m/%Y}-{end:%d/%m/%Y}",
                    f"compliance-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}", document.build)


def choose_save_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save: the seam most tests replace, with tests of its own against the real
    QFileDialog. A file that is already there is refused after (never written over), so the
    dialog itself does not offer to replace it."""
    start = Path.home() / "Documents"
    folder = start if start.is_dir() else Path.home()
    dialog = QFileDialog(parent, "Save as PDF (not encrypted)", str(folder),
                         "PDF documents (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.setDefaultSuffix("pdf")
    dialog.selectFile(suggested)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if not shiboken6.isValid(dialog):
        # A lock while it asked closed and deleted it (victimcare.views.lock): nothing was
        # chosen, and the preview it belonged to is gone too.
        return None
    chosen = dialog.selectedFiles() if accepted else []
    dialog.deleteLater()
    return chosen[0] if chosen and chosen[0] else None


def chosen_pages(printer: QPrinter, count: int, current: int = 0) -> list[int]:
    """The pages (0-based, in printing order) the print dialog asked for: its range (all, the
    current page, "2-3" or "1,4-6"), its order, and its copies when the printer cannot make
    copies itself (a PDF file cannot)."""
    every = list(range(count))
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        pages = [current] if 0 <= current < count else []
    elif mode == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if ranges.isEmpty() and printer.fromPage():
            pages = every[printer.fromPage() - 1:printer.toPage() or count]
        else:
            pages = [page - 1 for span in ranges.toRangeList()
                     for page in range(span.from_, span.to + 1) if 1 <= page <= count]
    else:
        pages = every
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies > 1:
        pages = pages * copies if printer.collateCopies() else [p for p in pages
                                                                 for _ in range(copies)]
    return pages


class _BuildThread(QThread):
    """Runs one job's `build` (pure Python, no connection) and hands the bytes back."""

    built = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, generation: int, build: Callable[[], bytes]) -> None:
        super().__init__()
        self.generation = generation
        self._build = build

    def run(self) -> None:
        try:
            pdf = self._build()
        except Exception as exc:  # reported as a calm message; never the text (it may quote data)
            self.failed.emit(self.generation, type(exc).__name__)
            return
        self.built.emit(self.generation, pdf)


class _PrintThread(QThread):
    """Paints the chosen pages onto the printer off the UI thread: one page at 300 dpi takes
    a tenth of a second to render and draw, and a long log has hundreds, so the window stays
    usable while it prints. The thread reads its own QPdfDocument over a copy of the bytes
    (QtPdf serialises every pdfium call) and paints with its own QPainter, which Qt allows
    on a QPrinter outside the UI thread."""

    progressed = Signal(int, int)  # pages sent, pages to send
    ended = Signal(int, str)       # pages sent, and "" or what went wrong ("start", "stopped")

    def __init__(self, pdf: bytes, printer: QPrinter, pages: list[int]) -> None:
        super().__init__()
        self._pdf = pdf
        self.printer = printer
        self.pages = pages
        self._stopped = False
        self.sent = 0
        self.problem = ""

    def stop(self) -> None:
        self._stopped = True

    def run(self) -> None:
        data = QByteArray(self._pdf)
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()  # belongs to this thread; a QBuffer loads at once
        document.load(buffer)
        try:
            self.problem = self._paint(document) if document.status() == QPdfDocument.Status.Ready \
                else "start"
        finally:
            document.close()
            buffer.close()
        self.ended.emit(self.sent, self.problem)

    def _paint(self, document: QPdfDocument) -> str:
        printer = self.printer
        output = printer.outputFileName()
        if output and not _make_private(Path(output)):
            return "start"  # said calmly, before Qt would print its own warning to stderr
        painter = QPainter()
        if not painter.begin(printer):
            return "start"
        try:
            dpi = min(printer.resolution(), MAX_RENDER_DPI)
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            for page in self.pages:
                if self._stopped:
                    break
                if self.sent:
                    printer.newPage()
                points = document.pagePointSize(page)
                scale = min(target.width() / points.width(), target.height() / points.height())
                image = document.render(
                    page, QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72)))
                painter.drawImage(QRectF(0, 0, points.width() * scale, points.height() * scale),
                                  image)
                self.sent += 1
                self.progressed.emit(self.sent, len(self.pages))
        finally:
            if self._stopped:
                printer.abort()  # a spooled job is dropped where the printer allows it
            painter.end()
        if self._stopped:
            if output:  # half a document in a file is worse than none
                Path(output).unlink(missing_ok=True)
                self.sent = 0
            return "stopped"
        return ""


def _make_private(path: Path) -> bool:
    """Make the file a printout goes to owner-only before Qt writes into it (Qt would create
    it with the umask, 0644 here, and keeps the mode of a file that is there). False when the
    file cannot be written at all."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)
    except OSError:
        return False
    return True


# Threads still running after their dialog closed: kept alive until they finish.
_running: set[QThread] = set()


def _forget_thread(thread: QThread) -> None:
    _running.discard(thread)
    thread.deleteLater()


def wait_for_builds(timeout_ms: int = 30_000) -> None:
    """Block until every build or print thread has finished (app shutdown, tests)."""
    for thread in list(_running):
        thread.wait(timeout_ms)


class PrintPreviewDialog(QDialog):
    """Shows one document; Print… and Save as PDF… act on exactly what is shown."""

    document_ready = Signal()
    saved = Signal(str)
    printed = Signal(int)  # the pages sent

    def __init__(self, db: Database, kinds: Sequence[str], case_reference: str | None = None,
                 parent: QWidget | None = None, *, job: PrintJob | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.case_reference = case_reference
        self.kinds = tuple(kinds)
        self.job: PrintJob | None = job
        self._fixed_job = job
        self._generation = 0
        self._pdf = QByteArray()
        self._buffer: QBuffer | None = None
        self.printer: QPrinter | None = None
        self.print_dialog: QPrintDialog | None = None
        self.print_thread: _PrintThread | None = None
        self._print_detail = ""
        # Where the keyboard was before printing disabled the buttons (Qt moves it on, to
        # Close), and where Qt moved it: put back when printing ends, so a key pressed after
        # a print does not close the preview.
        self._focus_while_printing: tuple[QWidget | None, QWidget | None] = (None, None)
        self.setWindowTitle("Print preview – victimcare")
        self.setWindowIcon(style.app_icon())
        self.setModal(True)
        self.resize(900, 860)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Document preview")

        self._build_options()

        self.progress_label = QLabel("Preparing the document…", self)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: ReportLab gives no progress to report
        self.progress.setAccessibleName("Preparing the document")
        self.progress.setMaximumWidth(320)
        busy = QWidget(self)
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch(1)
        busy_layout.addWidget(self.progress_label)
        busy_layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addStretch(1)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setAccessibleName("Problem")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(busy)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.error_label)

        self.pages_label = QLabel(self)
        self.pages_label.setAccessibleName("Pages")
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.print_progress = QProgressBar(self)
        self.print_progress.setAccessibleName("Printing")
        self.print_progress.setMaximumWidth(200)
        self.print_progress.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(style.icon("print"), "&Print…", self)
        self.print_button.setAccessibleName("Print")
        self.print_button.setDefault(True)
        self.save_button = QPushButton("Save as P&DF…", self)
        self.save_button.setAccessibleName("Save as PDF (not encrypted)")
        self.close_button = QPushButton("&Close", self)
        self.close_button.setAccessibleName("Close")
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        # The buttons act without closing: the officer may print and then save.
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.save_as_pdf)
        self.close_button.clicked.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.pages_label)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.print_progress)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        if self.kinds:
            layout.addWidget(self.options)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        # Tab in reading order: the options, the pages, the buttons under them.
        chain = [self.kind_combo, self.redact_check, self.from_edit, self.to_edit, self.view,
                 self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.document.statusChanged.connect(self._on_document_status)
        self.rebuild()

    # -- options -----------------------------------------------------------------------------
    def _build_options(self) -> None:
        self.options = QWidget(self)
        row = QHBoxLayout(self.options)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind_combo = QComboBox(self.options)
        for kind in self.kinds:
            self.kind_combo.addItem(KIND_LABELS[kind], kind)
        self.kind_combo.setAccessibleName("Document")
        kind_label = QLabel("D&ocument:", self.options)
        kind_label.setBuddy(self.kind_combo)
        self.redact_check = QCheckBox("&Redacted copy (no address, phone, email or date of "
                                      "birth) for another agency", self.options)
        self.redact_check.setAccessibleName("Redacted copy")
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addMonths(-3), self.options)
        self.to_edit = QDateEdit(today, self.options)
        for edit, name in ((self.from_edit, "Period from"), (self.to_edit, "Period to")):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
        self.from_label = QLabel("&From:", self.options)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel("&To:", self.options)
        self.to_label.setBuddy(self.to_edit)
        row.addWidget(kind_label)
        row.addWidget(self.kind_combo)
        row.addSpacing(12)
        row.addWidget(self.redact_check)
        row.addWidget(self.from_label)
        row.addWidget(self.from_edit)
        row.addWidget(self.to_label)
        row.addWidget(self.to_edit)
        row.addStretch(1)
        self.options.setVisible(bool(self.kinds))
        self._sync_options()
        self.kind_combo.currentIndexChanged.connect(self._on_options_changed)
        self.redact_check.toggled.connect(self._on_options_changed)
        self.from_edit.dateChanged.connect(self._on_options_changed)
        self.to_edit.dateChanged.connect(self._on_options_changed)

    def _sync_options(self) -> None:
        kind = self.kind()
        self.redact_check.setVisible(kind in CASE_KINDS)
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(kind == "compliance")

    def _on_options_changed(self, *_args) -> None:
        self._sync_options()
        self.rebuild()

    def kind(self) -> str | None:
        return self.kind_combo.currentData() if self.kinds else None

    def set_kind(self, kind: str) -> None:
        index = self.kind_combo.findData(kind)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    # -- building ----------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Load on this thread, build on a worker; the result arrives by signal."""
        self._generation += 1
        self._set_ready(False)
        self.status_label.setText("")
        try:
            if self._fixed_job is not None:
                self.job = self._fixed_job
            else:
                self.job = prepare_job(
                    self.db, self.kind() or "", case_reference=self.case_reference,
                    redact=self.redact_check.isChecked(),
                    start=self.from_edit.date().toPython() if self.kind() == "compliance" else None,
                    end=self.to_edit.date().toPython() if self.kind() == "compliance" else None)
        except ValidationError as exc:
            self._show_problem(" ".join(p.message for p in exc.problems))
            return
        self.setWindowTitle(f"{self.job.title} – print preview – victimcare")
        self.stack.setCurrentIndex(0)
        thread = _BuildThread(self._generation, self.job.build)
        thread.built.connect(self._on_built)
        thread.failed.connect(self._on_failed)
        thread.finished.connect(partial(_forget_thread, thread))
        _running.add(thread)
        self.build_thread = thread
        thread.start()

    def _on_built(self, generation: int, pdf: bytes) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return  # the officer changed the options while it was building
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._pdf = QByteArray(pdf)
        self._buffer = QBuffer(self._pdf, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def _on_failed(self, generation: int, kind: str) -> None:
        if generation == self._generation:
            self._show_problem("The document could not be prepared. Nothing was printed or "
                               f"saved. ({kind})")

    def _on_document_status(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self.stack.setCurrentWidget(self.view)
            count = self.document.pageCount()
            self.pages_label.setText(f"{count} page{'s' if count != 1 else ''}")
            self._set_ready(True)
            self.document_ready.emit()
        elif status == QPdfDocument.Status.Error:
            self._show_problem("The document could not be shown.")

    def _show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.stack.setCurrentWidget(self.error_label)
        self.pages_label.setText("")
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        # While a print runs, the document it reads stays as it is.
        ready = ready and self.print_thread is None
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.options.setEnabled(self.print_thread is None)

    def is_ready(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready and not self._pdf.isEmpty()

    def pdf_bytes(self) -> bytes:
        return bytes(self._pdf.data())

    # -- printing ----------------------------------------------------------------------------
    def choose_printer(self) -> QPrintDialog | None:
        """Open the system's print dialog (window-modal, not a blocking exec()); printing
        starts when the officer accepts it."""
        if not self.is_ready() or self.is_printing():
            return None
        count = max(1, self.document.pageCount())
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(self.job.file_stem if self.job else "victimcare")
        self.printer.setFromTo(1, count)
        first = self.document.pagePointSize(0)
        if first.width() > first.height():  # the contact log is landscape: so is its paper
            self.printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle("Print – victimcare")
        dialog.setMinMax(1, count)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        printer = self.printer
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = dialog
        # PySide6 gives QPrintDialog only open(receiver, member); QDialog's own open() works.
        QDialog.open(dialog)
        return dialog

    def print_to(self, printer: QPrinter) -> bool:
        """Start painting the pages chosen in `printer` (range, order, copies) on a worker;
        `printed` says how many were sent. The disclosure is logged when it ends."""
        if not self.is_ready() or self.job is None or self.is_printing():
            return False
        current = self.view.pageNavigator().currentPage()
        pages = chosen_pages(printer, self.document.pageCount(), current)
        if not pages:
            self.status_label.setText("The pages chosen are not in this document.")
            return False
        printer.setFullPage(True)  # the PDF has its own margins: the whole sheet, as a viewer
        thread = _PrintThread(self.pdf_bytes(), printer, pages)
        thread.progressed.connect(self._on_print_progress)
        thread.ended.connect(partial(self._on_print_ended, thread))
        thread.finished.connect(partial(_forget_thread, thread))
        _running.add(thread)
        self.print_thread = thread
        self._print_detail = self._printed_words(printer, pages)
        self.print_progress.setRange(0, len(pages))
        self.print_progress.setValue(0)
        self.print_progress.setVisible(True)
        self.status_label.setText(f"Printing 0 of {len(pages)} pages…")
        before = self.focusWidget()
        self._set_ready(False)
        self._focus_while_printing = (before, self.focusWidget())
        thread.start()
        return True

    def is_printing(self) -> bool:
        return self.print_thread is not None

    def _printed_words(self, printer: QPrinter, pages: list[int]) -> str:
        """What the audit row says was printed: the document, which pages if not all, how
        many copies if more than one, and whether it went to a file."""
        assert self.job is not None
        count, distinct = self.document.pageCount(), sorted({page + 1 for page in pages})
        which = []
        if len(distinct) != count:
            which.append(f"page{'s' if len(distinct) > 1 else ''} "
                         f"{', '.join(map(str, distinct))} of {count}")
        copies = printer.copyCount()  # made here or by the printer itself
        if copies > 1:
            which.append(f"{copies} copies")
        words = f"printed {self.job.detail}" + (f" ({'; '.join(which)})" if which else "")
        return words + (" to a PDF file" if printer.outputFileName() else "")

    def _on_print_progress(self, sent: int, total: int) -> None:
        if shiboken6.isValid(self) and self.is_printing():
            self.print_progress.setValue(sent)
            self.status_label.setText(f"Printing {sent} of {total} pages…")

    def _on_print_ended(self, thread: _PrintThread, sent: int, problem: str) -> None:
        if not shiboken6.isValid(self) or self.print_thread is not thread:
            return  # already handled when the dialog closed
        self._after_printing(thread, sent, problem)
        if problem == "start":
            self.status_label.setText("Nothing was printed.")
            ask.warn(self, "Print", "The printer could not be started. Nothing was printed.")
            return
        self.status_label.setText("Printing stopped." if problem else
                                  f"Sent {sent} page{'s' if sent != 1 else ''} to the printer.")
        self.printed.emit(sent)

    def _after_printing(self, thread: _PrintThread, sent: int, problem: str) -> None:
        """Log what was sent (a disclosure, however it ended) and make the buttons usable."""
        self.print_thread = None
        self.print_progress.setVisible(False)
        self._set_ready(self.is_ready())
        before, moved_to = self._focus_while_printing
        self._focus_while_printing = (None, None)
        if (before is not None and before is not moved_to and shiboken6.isValid(before)
                and before.isEnabled() and self.focusWidget() is moved_to):
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        if sent and self.job is not None:
            detail = self._print_detail
            if problem == "stopped":
                detail += f": stopped after {sent} of {len(thread.pages)} pages"
            audit.record(self.db, "disclosure", self.job.case_reference, detail)

    # -- saving ------------------------------------------------------------------------------
    def save_as_pdf(self) -> str | None:
        """An explicit choice, after a reminder that the file is not encrypted."""
        if not self.is_ready() or self.job is None:
            return None
        if not ask.confirm(self, "Save as PDF", UNENCRYPTED_WARNING,
                           yes="Save unencrypted PDF…", no="Cancel"):
            return None
        chosen = choose_save_path(self, f"{self.job.file_stem}.pdf")
        if not chosen or not shiboken6.isValid(self) or not self.is_ready():
            return None  # cancelled, or the preview was closed (a lock) while it asked
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            printing.save_pdf(self.db, self.pdf_bytes(), path, self.job.case_reference,
                              f"{self.job.detail} saved as PDF")
        except FileExistsRefused:
            ask.warn(self, "Save as PDF", f"{path.name} already exists there. Choose another "
                                          "name: victimcare never writes over a file.")
            return None
        except OSError as exc:
            ask.warn(self, "Save as PDF", f"The PDF could not be saved: "
                                          f"{exc.strerror or 'the disk refused'}.")
            return None
        except StoreError as exc:
            ask.warn(self, "Save as PDF", f"The PDF was not saved: {exc}")
            return None
        self.status_label.setText(f"Saved as {path.name} (not encrypted).")
        self.saved.emit(os.fspath(path))
        return os.fspath(path)

    # -- closing -----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._generation += 1  # a build still running is ignored when it ends
        thread = self.print_thread
        if thread is not None:
            # Closing (or locking) stops a print: the page being drawn is finished, what was
            # sent is logged now, while the store is still open.
            thread.stop()
            thread.wait()
            self._after_printing(thread, thread.sent, thread.problem)
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._pdf = QByteArray()
        super().done(result)

