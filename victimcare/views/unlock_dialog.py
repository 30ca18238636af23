"""Unlocking: the passphrase and nothing else.

Whoever sees this screen may not be the officer, so it shows nothing from inside the database,
not even the officer's name: only where the file is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from victimcare.views.dialog_message import (
    FIELD_STYLE,
    DialogMessage,
    mark_invalid,
    set_plain,
    set_plain_selectable,
)

# The store (and SQLCipher with it) is imported when Unlock is pressed, not before the window
# first paints: the officer is still typing when the app loads it (victimcare.app).
if TYPE_CHECKING:
    from victimcare.store.database import Database

WRONG_PASSPHRASE = "That passphrase did not open the database. Try again."


class UnlockDialog(QDialog):
    """Opens the store when the officer presses Unlock; `database` holds it afterwards."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.database: Database | None = None
        self.setWindowTitle("Unlock victimcare")
        self.setStyleSheet(FIELD_STYLE)
        self.setMinimumWidth(460)

        # Two plain labels, one bold, rather than one of rich text: the first rich-text label
        # loads Qt's HTML machinery, which took longer than the rest of this window to draw.
        locked = QLabel("victimcare is locked.", self)
        set_plain(locked)
        bold = locked.font()
        bold.setBold(True)
        locked.setFont(bold)
        invitation = QLabel("Type your passphrase to open it.", self)
        set_plain(invitation)
        invitation.setWordWrap(True)
        heading = QHBoxLayout()
        heading.setSpacing(locked.fontMetrics().horizontalAdvance(" "))  # one sentence
        heading.addWidget(locked)
        heading.addWidget(invitation, 1)

        # Why it is locked ("Locked by you at 14:02."): hidden at start-up, when it is not.
        self.lock_note = QLabel(self)
        set_plain(self.lock_note)
        self.lock_note.setWordWrap(True)
        self.lock_note.setAccessibleName("Why victimcare is locked")
        self.lock_note.setVisible(False)

        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.passphrase_edit.textEdited.connect(self._on_edited)
        passphrase_label = QLabel("&Passphrase:", self)
        passphrase_label.setBuddy(self.passphrase_edit)
        row = QHBoxLayout()
        row.addWidget(passphrase_label)
        row.addWidget(self.passphrase_edit, 1)

        self.location_label = QLabel(f"Database: {self.path}", self)
        set_plain_selectable(self.location_label)
        self.location_label.setWordWrap(True)
        self.location_label.setAccessibleName("Database file")

        self.message = DialogMessage(self)

        # Made empty and given its buttons after: QDialogButtonBox(buttons, self) chooses
        # among overloads that take one of Qt's enums, which builds every enum in PySide6's
        # `Qt` namespace (about 25 ms) before this window can paint.
        self.buttons = QDialogButtonBox(parent=self)
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.unlock_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.unlock_button.setText("&Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        quit_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        quit_button.setText("&Quit")
        quit_button.setAccessibleName("Quit")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self.lock_note)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.location_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        QWidget.setTabOrder(self.passphrase_edit, self.buttons)
        self.passphrase_edit.setFocus()

    def show_lock_note(self, text: str) -> None:
        """Say that the app was locked, when and why; an empty text hides the line."""
        self.lock_note.setText(text)
        self.lock_note.setVisible(bool(text))

    def _on_edited(self, _text: str) -> None:
        mark_invalid(self.passphrase_edit, False)

    def accept(self) -> None:
        from PySide6.QtCore import Qt

        from victimcare.services import setup
        from victimcare.store.database import StoreError, UnlockError

        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self._refuse("Type your passphrase first.")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.database = setup.unlock(self.path, passphrase)
        except UnlockError as exc:
            # A wrong key fails inside SQLCipher (the cause); an empty or unreadable file is
            # refused before any key is tried, and its own message says what is wrong.
            self._refuse(WRONG_PASSPHRASE if exc.__cause__ is not None else str(exc))
            return
        except StoreError as exc:  # newer schema, damaged, missing: plain words already
            self._refuse(str(exc), wipe=False)
            return
        except OSError as exc:
            self._refuse(f"The database file could not be read: "
                         f"{exc.strerror or 'the disk refused'}.", wipe=False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.message.clear_message()
        # setText, not clear(): clear() can be undone, which would bring the passphrase back.
        self.passphrase_edit.setText("")
        super().accept()

    def _refuse(self, text: str, *, wipe: bool = True) -> None:
        self.message.show_message(text)
        if wipe:
            # A wrong passphrase is retyped, not edited: KeePassXC clears the field too.
            self.passphrase_edit.setText("")
            mark_invalid(self.passphrase_edit, True)
        self.passphrase_edit.setFocus()

    def take_database(self) -> Database | None:
        """Hand the open store to the caller; the dialog keeps no reference to it."""
        database, self.database = self.database, None
        return database
