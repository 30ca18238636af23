"""Locking: the idle timer, the lock keys, closing what is open, and a slowed-down unlock.

The shape is KeePassXC's: `InactivityTimer` (an application-wide event filter restarting a
single-shot timer) and `DatabaseWidget::lock()` (close dialogs, clear the clipboard, drop the
models and the connection). The orchestration itself (which windows, which connection) lives in
`victimcare.app.VictimcareApp.lock`; this module holds the parts that know nothing of the app.
The clipboard has an owner of its own, `victimcare.views.clipboard`.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from victimcare.views.unlock_dialog import WRONG_PASSPHRASE, UnlockDialog

# Only what a person does counts as activity: timers, paints and focus changes do not.
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
})
RESTART_GRANULARITY_S = 0.1  # restarting a QTimer thousands of times a second is waste


class InactivityTimer(QObject):
    """Emits `inactive` once when nobody has touched the app for `interval_ms`.

    The filter sees every event of the whole application, so it does a set lookup and, at
    most ten times a second, a timer restart; nothing else.
    """

    inactive = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._last_restart = 0.0
        self._active = False

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(max(1, int(interval_ms)))
        if self._active:
            self._timer.start()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def interval_ms(self) -> int:
        return self._timer.interval()

    def activate(self) -> None:
        if not self._active:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._active = True
        self._timer.start()

    def deactivate(self) -> None:
        if self._active:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._active = False
        self._timer.stop()

    def is_active(self) -> bool:
        return self._active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY_EVENTS:
            now = time.monotonic()
            if now - self._last_restart >= RESTART_GRANULARITY_S:
                self._last_restart = now
                self._timer.start()
        return False

    def _on_timeout(self) -> None:
        self.deactivate()  # one lock per idle period; unlocking activates it again
        self.inactive.emit()


# -- the lock keys, from anywhere ---------------------------------------------------------------
class LockShortcut(QObject):
    """Ctrl+Shift+L from any window of the app: a modal dialog, a message box, a print preview.

    A QShortcut, even with Qt.ApplicationShortcut, does not fire while a modal dialog blocks
    the window it belongs to, so an application-wide event filter watches for the keys. The
    lock itself runs on the next turn of whichever event loop is running (a message box's own
    included), never inside the key event of a widget it is about to delete.
    """

    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.activated.emit)
        self._active = False

    def activate(self) -> None:
        if not self._active:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._active = True

    def deactivate(self) -> None:
        if self._active:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._active = False
        self._pending.stop()

    def is_active(self) -> bool:
        return self._active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == _KEY_PRESS and is_lock_key(event):
            self._pending.start()  # a held key's repeats make one lock
            return True
        return False


_KEY_PRESS = QEvent.Type.KeyPress
_lock_key: tuple | None = None


def is_lock_key(event: QEvent) -> bool:
    """Ctrl+Shift+L (Cmd+Shift+L on a Mac, where Qt's Control is the Command key)."""
    global _lock_key
    if _lock_key is None:
        # Looked up on first use, after the unlock window has painted: the first touch of
        # PySide6's `Qt` namespace builds all of its enums.
        from PySide6.QtCore import Qt

        _lock_key = (Qt.Key.Key_L,
                     Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
                     ~Qt.KeyboardModifier.KeypadModifier)
    key, modifiers, ignored = _lock_key
    return event.key() == key and (event.modifiers() & ignored) == modifiers


# -- closing what is open ------------------------------------------------------------------------
def wipe_inputs(widget: QWidget) -> None:
    """Empty every text input under `widget`. setText(""), not clear(): clear() can be undone."""
    # Imported here, not before the unlock window paints: each class takes a while to load.
    from PySide6.QtWidgets import (
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    for edit in widget.findChildren(QLineEdit):
        edit.setText("")
    for edit in widget.findChildren(QTextEdit):
        edit.setPlainText("")
        edit.document().clearUndoRedoStacks()
    for edit in widget.findChildren(QPlainTextEdit):
        edit.setPlainText("")
        edit.document().clearUndoRedoStacks()
    for box in widget.findChildren(QComboBox):
        if box.isEditable():
            box.setEditText("")
    for spin in widget.findChildren(QAbstractSpinBox):
        spin.clear()


def close_open_dialogs(keep: tuple[QWidget | None, ...] = ()) -> int:
    """Discard every dialog (and message box) without asking and without saving.

    `done()` rather than `reject()`: a dialog that asks "discard your changes?" on reject
    must not hold the lock up. What was typed is wiped, never written anywhere; hidden
    dialogs kept for reuse are wiped and deleted too, since they still hold their text.
    Returns how many were open.
    """
    # An open menu or list popup grabs the keyboard: the unlock window could not be typed in.
    for _ in range(10):
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    closed = 0
    for widget in QApplication.topLevelWidgets():
        if widget in keep or not isinstance(widget, QDialog):
            continue
        visible = widget.isVisible()
        discard = getattr(widget, "discard", None)  # the case dialogs' own "empty and close"
        if visible and callable(discard):
            discard()
        wipe_inputs(widget)
        if visible:
            if widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
            closed += 1
        widget.deleteLater()
    return closed


# -- unlocking, slowed down -------------------------------------------------------------------
MAX_DELAY_S = 30


def delay_after(failures: int) -> int:
    """Seconds to wait before the next try: none after a first slip, then 1, 2, 4 ... 30."""
    if failures < 2:
        return 0
    return min(2 ** (failures - 2), MAX_DELAY_S)


class ThrottledUnlockDialog(UnlockDialog):
    """The unlock dialog, with a growing wait after each wrong passphrase.

    `failed_attempts` is read by the app once unlocked and written to the audit log (the log is
    inside the database, so it can only be written after a successful unlock).
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(path, parent)
        self.failed_attempts = 0
        self._ready_at = 0.0
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(250)
        self.wait_timer.timeout.connect(self._on_wait_tick)

    def seconds_to_wait(self) -> int:
        return max(0, int(self._ready_at - time.monotonic() + 0.999))

    def accept(self) -> None:
        if self.seconds_to_wait() > 0:
            return  # the button is disabled; Return in the field must not get round that
        typed = bool(self.passphrase_edit.text())
        super().accept()
        # Success clears the message (and the app has already taken the database); a wrong
        # passphrase leaves WRONG_PASSPHRASE showing. An empty field is not an attempt.
        if typed and self.message.text() == WRONG_PASSPHRASE:
            self.failed_attempts += 1
            delay = delay_after(self.failed_attempts)
            if delay:
                self._ready_at = time.monotonic() + delay
                self.unlock_button.setEnabled(False)
                self._on_wait_tick()
                self.wait_timer.start()

    def _on_wait_tick(self) -> None:
        remaining = self.seconds_to_wait()
        if remaining <= 0:
            self.wait_timer.stop()
            self.unlock_button.setEnabled(True)
            self.unlock_button.setText("&Unlock")
            self.passphrase_edit.setFocus()  # Qt's OtherFocusReason
            return
        self.unlock_button.setText(f"Wait {remaining} s")

    def take_failed_attempts(self) -> int:
        count, self.failed_attempts = self.failed_attempts, 0
        return count
