"""First run: who the officer is, and the passphrase that will encrypt the new database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.model import Officer
from victimcare.services import setup
from victimcare.store.database import Database, StoreError
from victimcare.views.dialog_message import FIELD_STYLE, DialogMessage, mark_invalid

PASSPHRASE_ADVICE = (
    f"Use at least {setup.MIN_PASSPHRASE_LENGTH} characters: four or more unrelated words "
    "you do not use anywhere else work well. Nobody can open the database without it, "
    "not even an administrator, so never write it down where it could be found with the laptop."
)


class FirstRunDialog(QDialog):
    """Creates the store when the officer presses Create; `database` holds it afterwards.

    Nothing typed is ever thrown away on a refusal: the officer corrects the one field named.
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.database: Database | None = None
        self.setWindowTitle("Set up victimcare")
        self.setStyleSheet(FIELD_STYLE)
        self.setMinimumWidth(560)

        intro = QLabel(
            "<b>Welcome to victimcare.</b> Everything you record is kept in one encrypted "
            "database on this computer. Tell it who you are, and choose the passphrase that "
            "will lock it.",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.name_edit = self._line_edit("Your name", "As it should appear on your records")
        self.staff_number_edit = self._line_edit("Staff number", "Optional")
        self.team_edit = self._line_edit("Team", "Optional")
        self.passphrase_edit = self._line_edit("New passphrase", "")
        self.repeat_edit = self._line_edit("Type the passphrase again", "")
        for edit in (self.passphrase_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._buddy("Your &name (required):", self.name_edit), self.name_edit)
        form.addRow(self._buddy("&Staff number:", self.staff_number_edit), self.staff_number_edit)
        form.addRow(self._buddy("&Team:", self.team_edit), self.team_edit)
        form.addRow(self._buddy("New &passphrase:", self.passphrase_edit), self.passphrase_edit)
        form.addRow(self._buddy("Type it &again:", self.repeat_edit), self.repeat_edit)

        self.advice_label = QLabel(PASSPHRASE_ADVICE, self)
        self.advice_label.setWordWrap(True)
        self.advice_label.setAccessibleName("What makes a good passphrase")

        self.location_label = QLabel(
            f"The database will be created at:\n{self.path}", self
        )
        self.location_label.setWordWrap(True)
        self.location_label.setTextFormat(Qt.TextFormat.PlainText)
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setAccessibleName("Where the database will be stored")

        self.message = DialogMessage(self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("&Create database")
        self.create_button.setAccessibleName("Create database")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Quit")
        cancel.setAccessibleName("Quit without creating a database")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)  # right under the fields it talks about
        layout.addWidget(self.advice_label)
        layout.addWidget(self.location_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        # The reading order, top to bottom, then the buttons.
        QWidget.setTabOrder(self.name_edit, self.staff_number_edit)
        QWidget.setTabOrder(self.staff_number_edit, self.team_edit)
        QWidget.setTabOrder(self.team_edit, self.passphrase_edit)
        QWidget.setTabOrder(self.passphrase_edit, self.repeat_edit)
        QWidget.setTabOrder(self.repeat_edit, self.buttons)
        self.name_edit.setFocus()

        for edit in self._edits():
            edit.textEdited.connect(lambda _text, e=edit: mark_invalid(e, False))

    # -- building ----------------------------------------------------------------------------
    def _line_edit(self, accessible_name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(accessible_name)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return edit

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    def _edits(self) -> tuple[QLineEdit, ...]:
        return (self.name_edit, self.staff_number_edit, self.team_edit, self.passphrase_edit,
                self.repeat_edit)

    def reject(self) -> None:
        """Escape, Quit and the close button ask before what was typed is lost (Quit ends
        the app: nothing is saved until the database is created)."""
        from victimcare.views.dialogs.form import confirm_discard

        if any(edit.text() for edit in self._edits()) and not confirm_discard(self):
            return
        super().reject()

    # -- creating ----------------------------------------------------------------------------
    def accept(self) -> None:
        name = self.name_edit.text().strip()
        staff_number = self.staff_number_edit.text().strip()
        team = self.team_edit.text().strip()
        passphrase = self.passphrase_edit.text()
        repeated = self.repeat_edit.text()
        if not name:
            self._refuse("Enter your name: it goes on every entry you make.", self.name_edit)
            return
        if not passphrase:
            self._refuse("Choose a passphrase to lock the database.", self.passphrase_edit)
            return
        try:
            # The officer's own name and team are the first words a guesser would try.
            setup.check_new_passphrase(passphrase, repeated, context=[name, staff_number, team])
        except setup.PassphraseRejected as exc:
            field = self.repeat_edit if passphrase != repeated else self.passphrase_edit
            self._refuse(str(exc), field)
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.database = setup.create_store(
                self.path, passphrase, Officer(name, staff_number, team)
            )
        except setup.PassphraseRejected as exc:
            self._refuse(str(exc), self.passphrase_edit)
            return
        except (StoreError, ValueError) as exc:
            self._refuse(str(exc), None)
            return
        except OSError as exc:
            self._refuse(f"The database could not be created there: "
                         f"{exc.strerror or 'the disk refused'}.", None)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.message.clear_message()
        # setText, not clear(): clear() can be undone, which would bring the passphrase back.
        self.passphrase_edit.setText("")
        self.repeat_edit.setText("")
        super().accept()

    def _refuse(self, text: str, field: QLineEdit | None) -> None:
        self.message.show_message(text)
        if field is not None:
            mark_invalid(field, True)
            field.setFocus()

    def take_database(self) -> Database | None:
        """Hand the open store to the caller; the dialog keeps no reference to it."""
        database, self.database = self.database, None
        return database
