"""The desktop app's bootstrap: hardening, logging, the error hook, unlock, the main window.

`run(exec=False)` builds everything and returns the controller without entering Qt's event
loop, as Anki's `_run(argv, exec=True)` does "for testing purposes". Nothing here blocks in a
modal `exec()`: the dialogs are opened with `open()` and the flow carries on from their
`accepted` / `rejected` signals, so a test can type into them and press their buttons.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from victimcare import config
from victimcare.security.instance import AlreadyRunning, InstanceLock
from victimcare.services import setup
from victimcare.store.database import Database
from victimcare.views import ask
from victimcare.views.first_run_dialog import FirstRunDialog
from victimcare.views.main_window import MainWindow
from victimcare.views.unlock_dialog import UnlockDialog

log = logging.getLogger(__name__)

APP_TITLE = "victimcare"
FRIENDLY_ERROR = (
    "Something went wrong. Nothing you saved has been lost.\n\n"
    "If it happens again, close victimcare and open it again. If it still happens, tell "
    "whoever looks after this laptop what you were doing at the time (not what you typed)."
)
MIN_POINT_SIZE = 10  # Qt's default on a bare X server is small for a long day's reading


# -- errors and logs --------------------------------------------------------------------------
def configure_logging() -> None:
    """Warnings and worse to stderr only: a log file would be personal data left on disk."""
    logging.basicConfig(
        level=logging.WARNING,
        stream=sys.stderr,
        format="victimcare: %(levelname)s %(name)s: %(message)s",
    )


def where_raised(tb: TracebackType | None) -> str:
    """'module:line' of the innermost frame: never a path (it names the user) nor a message."""
    if tb is None:
        return "?"
    frame, line = list(traceback.walk_tb(tb))[-1]
    return f"{frame.f_globals.get('__name__', '?')}:{line}"


_showing_error = False


def excepthook(kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
    """The user gets a calm sentence, never a traceback. The log gets the exception's type and
    where it was raised, at debug level only: its message may quote a victim's details."""
    global _showing_error
    if issubclass(kind, KeyboardInterrupt):
        app = QApplication.instance()
        if app is not None:
            app.exit(1)
        return
    log.debug("unexpected %s at %s", kind.__name__, where_raised(tb))
    if QApplication.instance() is None:
        print(f"victimcare: unexpected error ({kind.__name__}); nothing more was changed.",
              file=sys.stderr)
        return
    if _showing_error:
        return  # an error while the message is up must not stack boxes on top of it
    _showing_error = True
    try:
        parent = QApplication.activeModalWidget() or QApplication.activeWindow()
        ask.error(parent, APP_TITLE, FRIENDLY_ERROR)
    finally:
        _showing_error = False


def install_excepthook() -> None:
    sys.excepthook = excepthook


# -- the controller ---------------------------------------------------------------------------
class VictimcareApp(QObject):
    """Owns the QApplication's windows, the open database and the one-instance lock.

    Flow: first-run dialog (no database yet) or unlock dialog, then the main window. The
    dialogs are reachable as attributes so tests can drive them without a modal loop.
    """

    finished = Signal(int)  # the exit code; the event loop (when there is one) ends on it

    def __init__(self, qapp: QApplication, db_path: Path) -> None:
        super().__init__()
        self.qapp = qapp
        self.db_path = Path(db_path)
        self.database: Database | None = None
        self.first_run_dialog: FirstRunDialog | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.main_window: MainWindow | None = None
        self.exit_code: int | None = None
        self._lock = InstanceLock(self.db_path)

    def start(self) -> None:
        try:
            # Two copies on one database would each hold a key and could write over the other.
            self._lock.acquire()
        except AlreadyRunning as exc:
            ask.warn(None, APP_TITLE, str(exc))
            self._finish(1)
            return
        except OSError as exc:
            ask.warn(None, APP_TITLE, f"victimcare cannot use the folder {self.db_path.parent}: "
                                      f"{exc.strerror or 'the disk refused'}.")
            self._finish(1)
            return
        if self.db_path.exists():
            self.unlock_dialog = UnlockDialog(self.db_path)
            self.unlock_dialog.accepted.connect(self._on_unlocked)
            self.unlock_dialog.rejected.connect(self._on_dialog_rejected)
            self.unlock_dialog.open()
        else:
            self.first_run_dialog = FirstRunDialog(self.db_path)
            self.first_run_dialog.accepted.connect(self._on_store_created)
            self.first_run_dialog.rejected.connect(self._on_dialog_rejected)
            self.first_run_dialog.open()

    def _on_store_created(self) -> None:
        assert self.first_run_dialog is not None
        self._open_main_window(self.first_run_dialog.take_database())

    def _on_unlocked(self) -> None:
        assert self.unlock_dialog is not None
        self._open_main_window(self.unlock_dialog.take_database())

    def _on_dialog_rejected(self) -> None:
        self._finish(0)

    def _open_main_window(self, database: Database | None) -> None:
        if database is None:  # accepted without a store: cannot happen, but never guess
            self._finish(1)
            return
        self.database = database
        self.main_window = MainWindow(database, setup.current_officer(database))
        self.main_window.window_closed.connect(self._on_main_window_closed)
        self.main_window.show()
        self.main_window.raise_()
        self.main_window.activateWindow()

    def _on_main_window_closed(self) -> None:
        self._finish(0)

    def _finish(self, code: int) -> None:
        if self.exit_code is not None:
            return
        self.exit_code = code
        self._close_store()
        self.finished.emit(code)

    def _close_store(self) -> None:
        if self.database is not None:
            self.database.close()
            self.database = None
        self._lock.release()

    def shutdown(self) -> None:
        """Close every window, the database and the lock. Safe to call twice, and after Qt
        (or a test's qtbot) has already deleted the windows."""
        for widget in (self.main_window, self.unlock_dialog, self.first_run_dialog):
            if widget is not None and shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
        self._finish(0 if self.exit_code is None else self.exit_code)
        self._close_store()


# -- the entry point --------------------------------------------------------------------------
def _application(argv: list[str] | None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qapp = QApplication(list(sys.argv if argv is None else argv))
    qapp.setApplicationName(config.APP_NAME)
    qapp.setOrganizationName(config.APP_AUTHOR)
    font = qapp.font()
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        qapp.setFont(font)
    return qapp


def run(argv: list[str] | None = None, *, db_path: Path | None = None,
        exec: bool = True) -> int | VictimcareApp:  # noqa: A002 - Anki's name for the seam
    """Open the app. Returns the exit code, or with exec=False the started controller
    (its `qapp` is the QApplication) without entering the event loop."""
    config.harden_process()
    configure_logging()
    if exec:
        # Only for real runs: under test, pytest-qt's own hook must keep seeing errors.
        install_excepthook()
    qapp = _application(argv)
    controller = VictimcareApp(qapp, Path(db_path) if db_path else config.default_database_path())
    if not exec:
        controller.start()
        return controller
    # The app ends when the controller says so (a dialog cancelled, the window closed), not
    # when a dialog hides on its way to the main window.
    qapp.setQuitOnLastWindowClosed(False)
    controller.start()
    if controller.exit_code is not None:  # turned away before any window opened
        controller.shutdown()
        return controller.exit_code
    # Connected only while the loop runs: QApplication.exit() outside exec() leaves a flag
    # set that makes the next event loop return at once.
    controller.finished.connect(qapp.exit)
    try:
        code = qapp.exec()
    finally:
        controller.finished.disconnect(qapp.exit)
        controller.shutdown()
    return code

