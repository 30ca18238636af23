"""Backup and passphrase change, from inside the app.

A backup runs on a worker thread with its own connection (a connection belongs to one thread),
opened with the passphrase the officer types: that also proves the person asking for a copy of
every record knows it. A passphrase change needs the file to itself, so the app closes its own
connection first (VictimcareApp.change_passphrase) and reopens with the new passphrase.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.model import Officer
from victimcare.services import audit, setup
from victimcare.store.database import Database, StoreError, UnlockError
from victimcare.views import style
from victimcare.views.dialog_message import FIELD_STYLE, DialogMessage, mark_invalid

WRONG_CURRENT = "That is not the passphrase that opens this database."


def choose_backup_path(parent: QWidget | None, suggested: str) -> str | None:
    """The seam tests replace: a file dialog would block in exec()."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        parent, "Back up to", suggested, "victimcare backup (*.db)",
        options=QFileDialog.Option.DontConfirmOverwrite)
    return path or None


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class _BackupThread(QThread):
    progressed = Signal(int, int)
    succeeded = Signal()
    failed = Signal(str)

    def __init__(self, database: Path, current: str, destination: Path, passphrase: str) -> None:
        super().__init__()
        self._database, self._current = database, current
        self._destination, self._passphrase = destination, passphrase

    def run(self) -> None:
        from victimcare.security.backup import make_backup

        try:
            source = setup.unlock(self._database, self._current)
        except UnlockError:
            self.failed.emit(WRONG_CURRENT)
            return
        except (StoreError, OSError):
            self.failed.emit("The database could not be opened for the backup.")
            return
        try:
            make_backup(source, self._destination, self._passphrase,
                        progress=lambda done, total: self.progressed.emit(done, total))
        except StoreError as exc:  # plain words already (exists, did not check out)
            self.failed.emit(str(exc))
            return
        except OSError as exc:
            self.failed.emit(f"The backup could not be written: {exc.strerror or 'the disk refused'}.")
            return
        finally:
            source.close()
            # The passphrases are needed no longer; do not keep them for the thread's life.
            self._current = self._passphrase = ""
        self.succeeded.emit()


class BackupDialog(QDialog):
    """An encrypted copy of the whole store, with the same or a separate passphrase."""

    backup_made = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.thread: _BackupThread | None = None
        self.setWindowTitle("Back up – victimcare")
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(FIELD_STYLE)
        self.setMinimumWidth(560)

        intro = QLabel("The backup is encrypted like the database itself. Keep it somewhere "
                       "safe and away from this laptop.", self)
        intro.setWordWrap(True)

        self.destination_edit = QLineEdit(self)
        self.destination_edit.setAccessibleName("Backup file")
        suggested = Path.home() / f"victimcare-backup-{date.today():%Y-%m-%d}.db"
        self.destination_edit.setText(str(suggested))
        self._destination_as_offered = str(suggested)
        browse = QPushButton("Bro&wse…", self)
        browse.setAccessibleName("Choose where to save the backup")
        browse.clicked.connect(self._browse)
        destination_row = QHBoxLayout()
        destination_row.addWidget(self.destination_edit, 1)
        destination_row.addWidget(browse)

        self.current_edit = _password_field(self, "Current passphrase")
        self.same_radio = QRadioButton("The &same passphrase as the database", self)
        self.separate_radio = QRadioButton("A s&eparate passphrase for the backup", self)
        self.same_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.same_radio)
        group.addButton(self.separate_radio)
        self.new_edit = _password_field(self, "Backup passphrase")
        self.repeat_edit = _password_field(self, "Backup passphrase again")
        self.separate_radio.toggled.connect(self._sync)

        form = QFormLayout()
        # A label given a layout (not a widget) has no buddy, and would show its "&".
        destination_label = QLabel("Save &to:", self)
        destination_label.setBuddy(self.destination_edit)
        form.addRow(destination_label, destination_row)
        form.addRow("&Current passphrase:", self.current_edit)
        form.addRow("Backup opens with:", self.same_radio)
        form.addRow("", self.separate_radio)
        form.addRow("&Backup passphrase:", self.new_edit)
        form.addRow("&Repeat it:", self.repeat_edit)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Backup progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        self.message = DialogMessage(self)
        self.done_label = QLabel(self)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setWordWrap(True)
        self.done_label.setAccessibleName("Result")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        # Standard buttons take the platform's words, "&Close" on some desktops: said here,
        # so no Alt letter depends on the desktop.
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Close")
        self.start_button = self.buttons.addButton("Back &up", QDialogButtonBox.ButtonRole.ActionRole)
        self.start_button.setAccessibleName("Start the backup")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.done_label)
        layout.addWidget(self.buttons)
        self._sync()
        self.current_edit.setFocus()

    def _holds_typing(self) -> bool:
        return (any(edit.text() for edit in (self.current_edit, self.new_edit, self.repeat_edit))
                or self.destination_edit.text() != self._destination_as_offered)

    def reject(self) -> None:
        """Escape and Close ask before typed passphrases or a chosen file are lost."""
        from victimcare.views.dialogs.form import confirm_discard

        if not self.is_running() and self._holds_typing() and not confirm_discard(self):
            return
        super().reject()

    def _sync(self) -> None:
        separate = self.separate_radio.isChecked()
        self.new_edit.setEnabled(separate)
        self.repeat_edit.setEnabled(separate)

    def _browse(self) -> None:
        chosen = choose_backup_path(self, self.destination_edit.text())
        if chosen:
            self.destination_edit.setText(chosen)

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def start(self) -> None:
        if self.is_running():
            return
        self.message.clear_message()
        self.done_label.setText("")
        for edit in (self.current_edit, self.new_edit, self.destination_edit):
            mark_invalid(edit, False)
        destination = Path(self.destination_edit.text().strip()).expanduser()
        if not self.destination_edit.text().strip():
            return self._refuse(self.destination_edit, "Say where to save the backup.")
        if destination.exists():
            return self._refuse(self.destination_edit, f"{destination.name} already exists there: "
                                "choose another name. A backup never replaces a file.")
        if not destination.parent.is_dir():
            return self._refuse(self.destination_edit, "That folder does not exist.")
        current = self.current_edit.text()
        if not current:
            return self._refuse(self.current_edit, "Type the current passphrase.")
        passphrase = current
        if self.separate_radio.isChecked():
            passphrase = self.new_edit.text()
            try:
                setup.check_new_passphrase(passphrase, self.repeat_edit.text())
            except setup.PassphraseRejected as exc:
                return self._refuse(self.new_edit, str(exc))
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.start_button.setEnabled(False)
        self.destination = destination
        self.thread = _BackupThread(Path(self.db.path), current, destination, passphrase)
        self.thread.progressed.connect(self._on_progress)
        self.thread.succeeded.connect(self._on_succeeded)
        self.thread.failed.connect(self._on_failed)
        self.thread.finished.connect(self._on_finished)
        self.thread.start()

    def _refuse(self, field: QLineEdit, text: str) -> None:
        mark_invalid(field, True)
        field.setFocus()
        self.message.show_message(text)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_succeeded(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if self.db is not None and self.db.connection is not None:
            audit.record(self.db, "disclosure", "", "backup made")
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.setText("")
        self._destination_as_offered = self.destination_edit.text()  # done: nothing to lose
        self.done_label.setText(f"Backup saved as {self.destination.name}.")
        self.backup_made.emit(str(self.destination))

    def _on_failed(self, text: str) -> None:
        self.progress.setVisible(False)
        field = self.current_edit if text == WRONG_CURRENT else self.destination_edit
        if field is self.current_edit:
            field.setText("")
        self._refuse(field, text)

    def _on_finished(self) -> None:
        self.start_button.setEnabled(True)

    def done(self, result: int) -> None:
        if self.thread is not None:
            # The copy is consistent only if it finishes; it takes seconds, so wait for it.
            self.thread.wait()
        super().done(result)


class ChangePassphraseDialog(QDialog):
    """Asks for the old and new passphrases and checks them; the app does the re-keying."""

    change_confirmed = Signal(str, str)  # old, new

    def __init__(self, database_path: Path, officer: Officer | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_path = Path(database_path)
        self.context = [officer.name, officer.staff_number, officer.team] if officer else []
        self.setWindowTitle("Change passphrase – victimcare")
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(FIELD_STYLE)
        self.setMinimumWidth(520)

        intro = QLabel("Every page of the database is re-encrypted with the new passphrase. "
                       "The old one will no longer open it, nor will anything else. Backups "
                       "made before keep the passphrase they were made with.", self)
        intro.setWordWrap(True)
        self.old_edit = _password_field(self, "Current passphrase")
        self.new_edit = _password_field(self, "New passphrase")
        self.repeat_edit = _password_field(self, "New passphrase again")
        self.strength_label = QLabel(self)
        self.strength_label.setWordWrap(True)
        self.strength_label.setTextFormat(Qt.TextFormat.PlainText)
        self.strength_label.setAccessibleName("Passphrase advice")
        self.new_edit.textEdited.connect(self._on_new_edited)
        form = QFormLayout()
        form.addRow("&Current passphrase:", self.old_edit)
        form.addRow("&New passphrase:", self.new_edit)
        form.addRow("", self.strength_label)
        form.addRow("&Repeat it:", self.repeat_edit)
        self.message = DialogMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.change_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.change_button.setText("C&hange passphrase")
        self.change_button.setAccessibleName("Change passphrase")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.old_edit.setFocus()

    def reject(self) -> None:
        """Escape, Cancel and the close button ask before typed passphrases are lost."""
        from victimcare.views.dialogs.form import confirm_discard

        typed = any(edit.text() for edit in (self.old_edit, self.new_edit, self.repeat_edit))
        if typed and not confirm_discard(self):
            return
        super().reject()

    def _on_new_edited(self, text: str) -> None:
        from victimcare.security.passphrase import weakness

        mark_invalid(self.new_edit, False)
        problem = weakness(text, self.context) if text else None
        self.strength_label.setText(problem or ("Strong enough." if text else ""))
        colour = "#b3261e" if problem else style.GOOD
        self.strength_label.setStyleSheet(f"QLabel {{ color: {colour}; }}")

    def accept(self) -> None:
        old, new = self.old_edit.text(), self.new_edit.text()
        for edit in (self.old_edit, self.new_edit):
            mark_invalid(edit, False)
        if not old:
            return self.refuse("Type the current passphrase.", self.old_edit)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            setup.unlock(self.database_path, old).close()
        except UnlockError:
            return self.refuse(WRONG_CURRENT, self.old_edit, wipe=True)
        except (StoreError, OSError):
            return self.refuse("The database could not be opened.", self.old_edit)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if new == old:
            return self.refuse("The new passphrase is the same as the current one.",
                               self.new_edit)
        try:
            setup.check_new_passphrase(new, self.repeat_edit.text(), context=self.context)
        except setup.PassphraseRejected as exc:
            return self.refuse(str(exc), self.new_edit)
        self.message.clear_message()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.change_confirmed.emit(old, new)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def refuse(self, text: str, field: QLineEdit | None = None, *, wipe: bool = False) -> None:
        field = field or self.new_edit
        if wipe:
            field.setText("")
        mark_invalid(field, True)
        field.setFocus()
        self.message.show_message(text)

    def succeeded(self) -> None:
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.setText("")
        super().accept()
