"""The one owner of whatever victimcare puts on the clipboard (KeePassXC's `Clipboard`).

Every copy out of the app ends here: `copy()` from code, Ctrl+C (or Cut) in any table, label,
field or text box, and the Copy (or Cut) of a label's or field's context menu. The owner keeps a
digest of what it put there, never a second copy of the text, and clears the clipboard
`CLEAR_AFTER_MS` later, or at once on lock, if it still holds that text. Whatever the officer
copied from another program since is left alone.

Copies are made with hints that ask clipboard managers and the Windows clipboard history not
to keep them. On X11 and Wayland, text selected with the mouse also goes to the selection
that a middle click pastes; that is owned, timed and cleared the same way.
"""

from __future__ import annotations

import sys
import weakref

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CLEAR_AFTER_MS = 30_000

# Only these reach the filter's second line: it sees every event of the application.
_WATCHED = frozenset({QEvent.Type.KeyPress, QEvent.Type.ContextMenu})
_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | \
    Qt.TextInteractionFlag.TextSelectableByKeyboard
_MODES = (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection)


def _digest(text: str) -> bytes:
    import hashlib  # not before the unlock window paints: OpenSSL takes a while to load

    return hashlib.sha256(text.encode("utf-8")).digest()


def private_mime_data(text: str) -> QMimeData:
    """Plain text, marked as a secret for the clipboard managers that look for a mark."""
    mime = QMimeData()
    mime.setText(text)
    if sys.platform == "darwin":
        mime.setData("application/x-nspasteboard-concealed-type", text.encode("utf-8"))
    elif sys.platform == "win32":
        # Windows' own formats (learn.microsoft.com, "Clipboard formats": cloud clipboard and
        # clipboard history): kept out of Win+V history, the cloud clipboard and monitors.
        never = (0).to_bytes(4, "little")
        for name, value in (("ExcludeClipboardContentFromMonitorProcessing", never),
                            ("CanIncludeInClipboardHistory", never),
                            ("CanUploadToCloudClipboard", never)):
            mime.setData(f'application/x-qt-windows-mime;value="{name}"', value)
    else:
        mime.setData("x-kde-passwordManagerHint", b"secret")  # Klipper, wl-clip-persist
    return mime


def selected_text(widget: QWidget) -> str | None:
    """What Copy would take from `widget`: None when it is not a kind that holds text the
    owner copies itself (the widget then copies, and the owner adopts the result)."""
    if isinstance(widget, QAbstractItemView):
        # As Qt's own Ctrl+C on a view: the current cell as shown.
        index = widget.currentIndex()
        value = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
        return "" if value is None else str(value)
    if isinstance(widget, QLabel):
        return widget.selectedText() if widget.textInteractionFlags() & _SELECTABLE else None
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal:
            return ""  # a passphrase is never copied, as Qt's own field refuses too
        return widget.selectedText()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        # Qt marks paragraph ends with U+2029 in a selection; other programs expect newlines.
        return widget.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n")
    return None


def _remove_selection(widget: QWidget) -> None:
    """The second half of Cut, in fields that can be edited."""
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        widget.insert("")  # replaces the selection; undoable, as Cut is
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)) and not widget.isReadOnly():
        widget.textCursor().removeSelectedText()


class ClipboardOwner(QObject):
    """Use `owner()`: one per application, so a lock clears whatever any screen copied."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._digests: dict[QClipboard.Mode, bytes] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CLEAR_AFTER_MS)
        self._timer.timeout.connect(self.clear_if_ours)
        self._active = False
        self._setting = False

    # -- settings ----------------------------------------------------------------------------
    def set_interval_ms(self, interval_ms: int) -> None:
        """How long a copy stays: CLEAR_AFTER_MS, shorter in tests."""
        self._timer.setInterval(max(1, int(interval_ms)))

    def interval_ms(self) -> int:
        return self._timer.interval()

    # -- copying -----------------------------------------------------------------------------
    def copy(self, text: str) -> None:
        """Put `text` on the clipboard, to be cleared after the interval and on lock."""
        clipboard = QGuiApplication.clipboard()
        self._setting = True  # our own dataChanged: already adopted below
        try:
            clipboard.setMimeData(private_mime_data(text), QClipboard.Mode.Clipboard)
        finally:
            self._setting = False
        self._adopt(QClipboard.Mode.Clipboard, text)

    def copy_from(self, widget: QWidget, *, cut: bool = False) -> bool:
        """Copy (or cut) what is selected in `widget` through the owner. False when the widget
        is not one the owner copies from itself."""
        text = selected_text(widget)
        if text is None:
            return False
        if text:
            self.copy(text)
            if cut:
                _remove_selection(widget)
        return True

    def _adopt(self, mode: QClipboard.Mode, text: str) -> None:
        if not text:
            return
        self._digests[mode] = _digest(text)
        self._timer.start()  # restarts: the newest copy gets the whole interval

    def holds_ours(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> bool:
        """True while the clipboard still holds what the app put there."""
        digest = self._digests.get(mode)
        return digest is not None and _digest(QGuiApplication.clipboard().text(mode)) == digest

    def clear_if_ours(self) -> bool:
        """Clear what the app copied, if it is still there; leave anything else alone.
        True when something was cleared."""
        self._timer.stop()
        cleared = False
        clipboard = QGuiApplication.clipboard()
        for mode in _MODES:
            if self.holds_ours(mode):
                clipboard.clear(mode)
                cleared = True
        self._digests.clear()
        return cleared

    # -- watching the whole application -------------------------------------------------------
    def activate(self) -> None:
        if self._active:
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        clipboard = QGuiApplication.clipboard()
        clipboard.dataChanged.connect(self._on_clipboard_changed)
        clipboard.selectionChanged.connect(self._on_selection_changed)
        self._active = True

    def deactivate(self) -> None:
        if not self._active:
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        clipboard = QGuiApplication.clipboard()
        clipboard.dataChanged.disconnect(self._on_clipboard_changed)
        clipboard.selectionChanged.disconnect(self._on_selection_changed)
        self._active = False

    def is_active(self) -> bool:
        return self._active

    def _on_clipboard_changed(self) -> None:
        # A copy by some path the filter did not see (a widget of Qt's own, drag and drop into
        # a field): on platforms that say who owns the clipboard, ours is adopted all the same.
        clipboard = QGuiApplication.clipboard()
        if not self._setting and clipboard.ownsClipboard():
            self._adopt(QClipboard.Mode.Clipboard, clipboard.text())

    def _on_selection_changed(self) -> None:
        # Selecting text with the mouse fills X11's selection (pasted by a middle click).
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            self._adopt(QClipboard.Mode.Selection, clipboard.text(QClipboard.Mode.Selection))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in _WATCHED or not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.KeyPress:
            return self._on_key(watched, event)
        return self._on_context_menu(watched, event)

    def _on_key(self, widget: QWidget, event) -> bool:
        cut = event.matches(QKeySequence.StandardKey.Cut)
        if not (cut or event.matches(QKeySequence.StandardKey.Copy)):
            return False
        if self.copy_from(widget, cut=cut):
            event.accept()
            return True
        # Some other widget copies in its own way: adopt what it puts there.
        before = QGuiApplication.clipboard().text()
        QTimer.singleShot(0, lambda: self._adopt_if_changed(before))
        return False

    def _adopt_if_changed(self, before: str) -> None:
        text = QGuiApplication.clipboard().text()
        if text and text != before:
            self._adopt(QClipboard.Mode.Clipboard, text)

    def _on_context_menu(self, watched: QWidget, event) -> bool:
        target = watched
        parent = watched.parentWidget()
        if isinstance(parent, (QTextEdit, QPlainTextEdit)) and parent.viewport() is watched:
            target = parent  # a text box's menu is asked for on its viewport
        if target.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu:
            return False
        if isinstance(target, QLabel):
            if not target.textInteractionFlags() & _SELECTABLE or not target.text():
                return False
            menu = self._label_menu(target)
        elif isinstance(target, (QLineEdit, QTextEdit, QPlainTextEdit)):
            if isinstance(target.parentWidget(), QAbstractSpinBox):
                return False  # a date or number box adds its own steps to the menu
            menu = self._field_menu(target)
        else:
            return False
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        event.accept()
        return True

    def _label_menu(self, label: QLabel) -> QMenu:
        menu = QMenu(label)
        copy = menu.addAction("&Copy")
        copy.setObjectName("edit-copy")
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(label.hasSelectedText())
        self._copy_on(copy, label)
        if label.textFormat() == Qt.TextFormat.PlainText:
            select_all = menu.addAction("Select &All")
            select_all.setObjectName("select-all")
            target = weakref.ref(label)
            select_all.triggered.connect(
                lambda _checked=False: (found := target()) is not None
                and found.setSelection(0, len(found.text())))
        return menu

    def _copy_on(self, action, widget: QWidget, *, cut: bool = False) -> None:
        # A weak reference: the menu is the widget's child, and a strong one held by its
        # action could make the widget's last reference go while the menu is being deleted.
        target = weakref.ref(widget)
        action.triggered.connect(
            lambda _checked=False: (found := target()) is not None
            and self.copy_from(found, cut=cut))

    def _field_menu(self, field: QWidget) -> QMenu:
        """The field's own menu, with Copy and Cut made through the owner."""
        menu = field.createStandardContextMenu()
        for action in menu.actions():
            name = action.objectName()
            if name in ("edit-copy", "edit-cut"):
                action.triggered.disconnect()  # the field's own copy() would bypass the owner
                self._copy_on(action, field, cut=name == "edit-cut")
        return menu


_owner: ClipboardOwner | None = None


def owner() -> ClipboardOwner:
    """The application's one clipboard owner (made on first use, with the application)."""
    global _owner
    if _owner is None or not shiboken6.isValid(_owner):
        _owner = ClipboardOwner(QCoreApplication.instance())
    return _owner


def copy(text: str) -> None:
    owner().copy(text)


def clear_if_ours() -> bool:
    return owner().clear_if_ours()
