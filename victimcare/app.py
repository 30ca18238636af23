"""The desktop app's bootstrap: hardening, logging, the error hook, unlock, the main window.

`run(exec=False)` builds everything and returns the controller without entering Qt's event
loop, as Anki's `_run(argv, exec=True)` does "for testing purposes". Nothing here blocks in a
modal `exec()`: the dialogs are opened with `open()` and the flow carries on from their
`accepted` / `rejected` signals, so a test can type into them and press their buttons.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from victimcare import config
from victimcare.security.instance import AlreadyRunning, InstanceLock
from victimcare.services import preferences
from victimcare.views import lock, style
from victimcare.views.lock import InactivityTimer, LockShortcut, ThrottledUnlockDialog

# The unlock dialog should paint as soon as Qt can: the main window, the services behind it
# and the passphrase-strength dictionary are imported only when they are first needed.
if TYPE_CHECKING:
    from victimcare.store.database import Database
    from victimcare.views.first_run_dialog import FirstRunDialog
    from victimcare.views.main_window import MainWindow
    from victimcare.views.workspace import LockedSession

log = logging.getLogger(__name__)

APP_TITLE = "victimcare"
FRIENDLY_ERROR = (
    "Something went wrong. Nothing you saved has been lost.\n\n"
    "If it happens again, close victimcare and open it again. If it still happens, tell "
    "whoever looks after this laptop what you were doing at the time (not what you typed)."
)
MIN_POINT_SIZE = 10  # Qt's default on a bare X server is small for a long day's reading


# -- a PySide6 6.12 work-around ------------------------------------------------------------------
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
    import traceback  # only ever needed when something has gone wrong

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
    store = sys.modules.get("victimcare.store.database")  # not imported here: it loads SQLCipher
    if store is not None and issubclass(kind, store.StoreClosedError):
        # Code the lock interrupted (under a message box, say) reached for the store it closed:
        # nothing was written, and the unlock window is what the officer should see.
        return
    if QApplication.instance() is None:
        print(f"victimcare: unexpected error ({kind.__name__}); nothing more was changed.",
              file=sys.stderr)
        return
    if _showing_error:
        return  # an error while the message is up must not stack boxes on top of it
    _showing_error = True
    try:
        parent = QApplication.activeModalWidget() or QApplication.activeWindow()
        from victimcare.views import ask

        ask.error(parent, APP_TITLE, FRIENDLY_ERROR)
    finally:
        _showing_error = False


def install_excepthook() -> None:
    sys.excepthook = excepthook


# -- loading while the officer types ----------------------------------------------------------
# What unlocking needs next, loaded once the unlock window is up and the officer is typing,
# one module per turn of the event loop so a keypress never waits long.
PRELOAD_AFTER_MS = 250
PRELOAD = [
    "victimcare.services.setup",        # the store, SQLCipher, the audit log
    "victimcare.services.commitments",  # Today's list
    "victimcare.views.main_window",     # the window and its screens
    "victimcare.views.case_view",       # a case and its dialogs
]
_preload_queue = list(PRELOAD)


def start_preload() -> None:
    """Load what unlocking needs next. The bank holidays load in a thread of their own: the
    `holidays` package imports every country it knows (a fifth of a second), which the first
    deadline counted (the officer's first save) would otherwise wait for, and it touches no
    Qt object."""
    threading.Thread(target=_warm_bank_holidays, name="victimcare-preload", daemon=True).start()
    preload_next()


def _warm_bank_holidays() -> None:
    from victimcare.domain import working_days  # imports `holidays`: here, off the GUI thread

    working_days.warm()


def preload_next() -> None:
    if not _preload_queue:
        return
    importlib.import_module(_preload_queue.pop(0))
    if _preload_queue:
        QTimer.singleShot(0, preload_next)


# -- the controller ---------------------------------------------------------------------------
class VictimcareApp(QObject):
    """Owns the QApplication's windows, the open database and the one-instance lock.

    Flow: first-run dialog (no database yet) or unlock dialog, then the main window. The
    dialogs are reachable as attributes so tests can drive them without a modal loop.
    """

    finished = Signal(int)  # the exit code; the event loop (when there is one) ends on it

    def __init__(self, qapp: QApplication, db_path: Path,
                 resume: LockedSession | None = None) -> None:
        super().__init__()
        self.qapp = qapp
        self.db_path = Path(db_path)
        self.database: Database | None = None
        self.first_run_dialog: FirstRunDialog | None = None
        self.unlock_dialog: ThrottledUnlockDialog | None = None
        self.main_window: MainWindow | None = None
        self.passphrase_dialog = None
        self.exit_code: int | None = None
        self.locked = False
        # While locked: why, when, and the screens to open again (case references only). Given
        # at start-up when a fresh process takes over from a locked one.
        self.locked_session: LockedSession | None = resume
        self._lock_after_backup = False
        self._lock_after_backup_idle = False
        self._lock = InstanceLock(self.db_path)
        self.preferences = preferences.load_preferences()
        self.inactivity = InactivityTimer(self)
        self.inactivity.set_minutes(self.preferences.idle_lock_minutes)
        self.inactivity.inactive.connect(self.on_idle)
        # Ctrl+Shift+L from inside any dialog or message box; watching from the first unlock.
        self.lock_keys = LockShortcut(self)
        self.lock_keys.activated.connect(self.lock)

    def start(self) -> None:
        try:
            # Two copies on one database would each hold a key and could write over the other.
            self._lock.acquire()
        except AlreadyRunning as exc:
            from victimcare.views import ask  # loaded only to turn the officer away

            ask.warn(None, APP_TITLE, str(exc))
            self._finish(1)
            return
        except OSError as exc:
            from victimcare.views import ask

            ask.warn(None, APP_TITLE, f"victimcare cannot use the folder {self.db_path.parent}: "
                                      f"{exc.strerror or 'the disk refused'}.")
            self._finish(1)
            return
        if self.db_path.exists():
            self.unlock_dialog = ThrottledUnlockDialog(self.db_path)
            self.unlock_dialog.setWindowIcon(style.app_icon())
            self.unlock_dialog.accepted.connect(self._on_unlocked)
            self.unlock_dialog.rejected.connect(self._on_dialog_rejected)
            if self.locked_session is not None:
                from victimcare.domain.timeutil import utc_now

                self.unlock_dialog.show_lock_note(self.locked_session.message(utc_now()))
            self.unlock_dialog.open()
            QTimer.singleShot(PRELOAD_AFTER_MS, start_preload)
        else:
            from victimcare.views.first_run_dialog import FirstRunDialog

            self.first_run_dialog = FirstRunDialog(self.db_path)
            self.first_run_dialog.accepted.connect(self._on_store_created)
            self.first_run_dialog.rejected.connect(self._on_dialog_rejected)
            self.first_run_dialog.open()

    def _on_store_created(self) -> None:
        assert self.first_run_dialog is not None
        self._open_main_window(self.first_run_dialog.take_database())

    def _on_unlocked(self) -> None:
        from victimcare.services import audit

        assert self.unlock_dialog is not None
        database = self.unlock_dialog.take_database()
        failures = self.unlock_dialog.take_failed_attempts()
        if database is not None and failures:
            # Only now can it be written: the audit log is inside the database.
            audit.record(database, "consultation", "",
                         f"{failures} failed unlock attempt{'s' if failures != 1 else ''}")
        if self.locked:
            self._reopen_after_lock(database)
        else:
            self._open_main_window(database)

    def _on_dialog_rejected(self) -> None:
        if self.locked and self.main_window is not None and shiboken6.isValid(self.main_window):
            self.main_window.close()  # emits window_closed, which finishes
        self._finish(0)

    def _open_main_window(self, database: Database | None) -> None:
        from victimcare.services import setup
        from victimcare.views.main_window import MainWindow

        if database is None:  # accepted without a store: cannot happen, but never guess
            self._finish(1)
            return
        self.database = database
        self.main_window = MainWindow(database, setup.current_officer(database))
        self.main_window.setWindowIcon(style.app_icon())
        self.main_window.window_closed.connect(self._on_main_window_closed)
        self.main_window.lock_requested.connect(self.lock)
        self.main_window.change_passphrase_requested.connect(self.show_change_passphrase)
        self.main_window.preferences_changed.connect(self.on_preferences_changed)
        session, self.locked_session = self.locked_session, None
        if session is not None:  # taking over from a process that locked
            self.main_window.reopen(session.workspace)
        self.main_window.show()
        self.main_window.raise_()
        self.main_window.activateWindow()
        self._watch_while_unlocked()

    def _watch_while_unlocked(self) -> None:
        from victimcare.views import clipboard  # its widgets load after the unlock window paints

        clipboard.owner().activate()
        self.inactivity.activate()
        self.lock_keys.activate()

    def _on_main_window_closed(self) -> None:
        self._finish(0)

    # -- locking ---------------------------------------------------------------------------
    def on_idle(self) -> None:
        backup = getattr(self.main_window, "backup_dialog", None)
        if backup is not None and shiboken6.isValid(backup) and backup.is_running():
            # A backup is copying every page: let it finish, and lock after the next idle spell.
            self.inactivity.activate()
            return
        self.lock(idle=True)

    def _lock_when_backup_done(self) -> None:
        self._lock_after_backup = False
        self.lock(idle=self._lock_after_backup_idle)

    def lock(self, *, idle: bool = False) -> None:
        """Lock now: nothing personal stays in a window, a model or the clipboard, and the
        connection (which holds the key) is closed. The instance lock stays held. What stays
        in memory is `locked_session`: why, when, and the open screens by case reference.

        Called from inside a modal dialog's or message box's own event loop too (the lock
        keys, the idle timer): the boxes are closed, and `ask` tells their callers no."""
        if self.locked or self.database is None or self.main_window is None:
            return
        backup = getattr(self.main_window, "backup_dialog", None)
        if backup is not None and shiboken6.isValid(backup) and backup.is_running():
            # Locking now would delete the dialog under a thread still copying pages (and
            # holding the passphrases), and lose its audit row: lock the moment it is done.
            if not self._lock_after_backup:
                self._lock_after_backup = True
                self._lock_after_backup_idle = idle
                backup.thread.finished.connect(self._lock_when_backup_done)
            return
        from victimcare.domain.timeutil import utc_now
        from victimcare.views import clipboard
        from victimcare.views.workspace import LockedSession

        self.locked = True
        self.inactivity.deactivate()
        self.lock_keys.deactivate()
        workspace = self.main_window.workspace()
        self.locked_session = (
            LockedSession.after_idle(utc_now(), self.inactivity.interval_ms(), workspace) if idle
            else LockedSession.by_officer(utc_now(), workspace))
        # A half-typed dialog is discarded, not saved anywhere: the officer may be away and
        # whoever is at the keyboard must not be asked about it.
        lock.close_open_dialogs(keep=(self.unlock_dialog, self.first_run_dialog))
        clipboard.clear_if_ours()
        self.main_window.detach()
        self.main_window.hide()
        self.passphrase_dialog = None
        # Deleted now, not at the next loop turn: the dialogs' and case tabs' widgets hold
        # what was typed and shown.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.database.close()
        self.database = None
        self._show_unlock(locked=True)

    def _show_unlock(self, *, locked: bool) -> None:
        dialog = self.unlock_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = ThrottledUnlockDialog(self.db_path)
            dialog.setWindowIcon(style.app_icon())
            dialog.accepted.connect(self._on_unlocked)
            dialog.rejected.connect(self._on_dialog_rejected)
            self.unlock_dialog = dialog
        dialog.passphrase_edit.setText("")
        dialog.message.clear_message()
        from victimcare.domain.timeutil import utc_now

        session = self.locked_session
        dialog.show_lock_note(session.message(utc_now()) if locked and session else "")
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    def _reopen_after_lock(self, database: Database | None) -> None:
        from victimcare.services import setup

        if database is None or self.main_window is None:
            self._finish(1)
            return
        session, self.locked_session = self.locked_session, None
        self.locked = False
        self.database = database
        self.main_window.attach(database, setup.current_officer(database),
                                session.workspace if session else None)
        self.main_window.show()
        self.main_window.raise_()
        self.main_window.activateWindow()
        self._watch_while_unlocked()

    def on_preferences_changed(self) -> None:
        self.preferences = preferences.load_preferences()
        self.inactivity.set_minutes(self.preferences.idle_lock_minutes)

    # -- passphrase change -----------------------------------------------------------------
    def show_change_passphrase(self):
        from victimcare.services import setup

        if self.database is None or self.main_window is None:
            return None
        from victimcare.views.security_dialogs import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.db_path, setup.current_officer(self.database),
                                        self.main_window)
        dialog.change_confirmed.connect(self.change_passphrase)
        self.main_window._keep_dialog(dialog)
        self.passphrase_dialog = dialog
        dialog.open()
        return dialog

    def change_passphrase(self, old: str, new: str) -> None:
        """Close the app's connection (a re-key needs the file to itself), re-key, reopen with
        the new passphrase. On any failure the old one still opens the file: reopen with it."""
        from victimcare.security.backup import change_passphrase
        from victimcare.services import audit, setup
        from victimcare.store.database import StoreError

        dialog = self.passphrase_dialog
        if self.database is None or self.main_window is None:
            return
        officer = setup.current_officer(self.database)
        self.main_window.detach(close_dialogs=False)  # this dialog stays to say how it went
        self.database.close()
        self.database = None
        try:
            change_passphrase(self.db_path, old, new)
        except (StoreError, ValueError, OSError) as exc:
            self.database = setup.unlock(self.db_path, old)
            self.main_window.attach(self.database, officer)
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.refuse(str(exc) if not isinstance(exc, OSError) else
                              "The database file could not be rewritten; nothing changed.")
            return
        self.database = setup.unlock(self.db_path, new)
        audit.record(self.database, "alteration", "", "passphrase changed")
        self.main_window.attach(self.database, officer)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.succeeded()

    def _finish(self, code: int) -> None:
        if self.exit_code is not None:
            return
        self.exit_code = code
        self._close_store()
        self.finished.emit(code)

    def _close_store(self) -> None:
        self.inactivity.deactivate()
        self.lock_keys.deactivate()
        if self.main_window is not None:  # the clipboard was only ever ours after an unlock
            from victimcare.views import clipboard

            clipboard.clear_if_ours()  # what was copied does not outlive the app
            clipboard.owner().deactivate()
        if self.database is not None:
            self.database.close()
            self.database = None
        self._lock.release()

    def shutdown(self) -> None:
        """Close every window, the database and the lock. Safe to call twice, and after Qt
        (or a test's qtbot) has already deleted the windows."""
        for widget in (self.main_window, self.unlock_dialog, self.first_run_dialog):
            if widget is not None and shiboken6.isValid(widget):
                if isinstance(widget, QDialog):
                    widget.done(QDialog.DialogCode.Rejected)  # close() would ask about typing
                else:
                    widget.close()
                widget.deleteLater()
        from victimcare.views.print_preview import wait_for_builds

        wait_for_builds()  # a QThread destroyed while running aborts the process
        self._finish(0 if self.exit_code is None else self.exit_code)
        self._close_store()


# -- the start check ----------------------------------------------------------------------------
# For whoever builds or installs victimcare (tests/test_packaging.py, tests/test_bundle.py, the
# README): with this set to 1 the app opens as usual, waits until its first window is up and
# the modules unlocking needs have loaded, says which window it reached, and leaves.
START_CHECK = "VICTIMCARE_START_CHECK"
START_CHECK_POLL_MS = 200


def _start_check(controller: VictimcareApp) -> None:
    if controller.unlock_dialog is not None and _preload_queue:  # preloading while one types
        QTimer.singleShot(START_CHECK_POLL_MS, lambda: _start_check(controller))
        return
    if controller.unlock_dialog is not None and controller.unlock_dialog.isVisible():
        reached = "unlock window"
    elif controller.first_run_dialog is not None and controller.first_run_dialog.isVisible():
        reached = "first-run window"
    else:
        reached = None
    if sys.stdout is not None:  # a windowed Windows program has none
        print(f"victimcare start check: {reached or 'no window'} shown.", flush=True)
    controller._finish(0 if reached else 1)


# -- the entry point --------------------------------------------------------------------------
def _application(argv: list[str] | None) -> QApplication:
    from victimcare.views.qt_settings import keep_qt_settings_off_disk

    keep_qt_settings_off_disk()  # before any file dialog: Qt's own would record its folders
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qapp = QApplication(list(sys.argv if argv is None else argv))
    qapp.setApplicationName(config.APP_NAME)
    qapp.setOrganizationName(config.APP_AUTHOR)
    qapp.setWindowIcon(style.app_icon())
    font = qapp.font()
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        qapp.setFont(font)
    return qapp


def run(argv: list[str] | None = None, *, db_path: Path | None = None,
        exec: bool = True,  # noqa: A002 - Anki's name for the seam
        resume: LockedSession | None = None) -> int | VictimcareApp:
    """Open the app. Returns the exit code, or with exec=False the started controller
    (its `qapp` is the QApplication) without entering the event loop. `resume`: the lock this
    start takes over from (the unlock window says why, and unlocking reopens its screens)."""
    config.harden_process()
    configure_logging()
    if exec:
        # Only for real runs: under test, pytest-qt's own hook must keep seeing errors.
        install_excepthook()
    qapp = _application(argv)
    where = Path(db_path) if db_path else preferences.load_preferences().database()
    controller = VictimcareApp(qapp, where, resume)
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
    if os.environ.get(START_CHECK) == "1":
        QTimer.singleShot(PRELOAD_AFTER_MS + START_CHECK_POLL_MS, lambda: _start_check(controller))
    try:
        code = qapp.exec()
    finally:
        controller.finished.disconnect(qapp.exit)
        controller.shutdown()
    return code

