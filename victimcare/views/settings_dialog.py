"""Settings: the officer's details (in the encrypted store) and the app's preferences.

The officer's name goes into the database with an audit row, never into a settings file; the
preferences file only holds numbers and the database location.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from victimcare import config
from victimcare.domain.model import Officer
from victimcare.domain.validation import ValidationError
from victimcare.services import preferences, settings
from victimcare.store.database import Database, StoreError
from victimcare.views import style
from victimcare.views.dialog_message import FIELD_STYLE, DialogMessage, mark_invalid


def choose_database_path(parent: QWidget | None, current: str) -> str | None:
    """The seam tests replace: a file dialog would block in exec()."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        parent, "Where the database lives", current, "victimcare database (*.db)",
        options=QFileDialog.Option.DontConfirmOverwrite)
    return path or None


class SettingsDialog(QDialog):
    officer_changed = Signal(Officer)
    preferences_saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 preferences_file: Path | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.preferences_file = preferences_file
        self.preferences = preferences.load_preferences(preferences_file)
        self.current_database = Path(db.path) if db.path else self.preferences.database()
        self.setWindowTitle("Settings – victimcare")
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(FIELD_STYLE)
        self.setMinimumWidth(620)

        officer = settings.officer(db) or Officer("")
        officer_box = QGroupBox("Officer (kept inside the encrypted database)", self)
        officer_form = QFormLayout(officer_box)
        self.name_edit = QLineEdit(officer.name, officer_box)
        self.name_edit.setAccessibleName("Officer's name")
        self.staff_edit = QLineEdit(officer.staff_number, officer_box)
        self.staff_edit.setAccessibleName("Staff number")
        self.team_edit = QLineEdit(officer.team, officer_box)
        self.team_edit.setAccessibleName("Team")
        officer_form.addRow("&Name:", self.name_edit)
        officer_form.addRow("S&taff number:", self.staff_edit)
        officer_form.addRow("T&eam:", self.team_edit)

        prefs_box = QGroupBox("This laptop", self)
        prefs_form = QFormLayout(prefs_box)
        self.idle_spin = QSpinBox(prefs_box)
        self.idle_spin.setRange(1, preferences.MAX_IDLE_LOCK_MINUTES)
        self.idle_spin.setSuffix(" minutes")
        self.idle_spin.setValue(self.preferences.idle_lock_minutes)
        self.idle_spin.setAccessibleName("Lock after minutes without use")
        self.frequency_spin = QSpinBox(prefs_box)
        self.frequency_spin.setRange(1, 365)
        self.frequency_spin.setSuffix(" days")
        self.frequency_spin.setValue(self.preferences.default_contact_frequency_days)
        self.frequency_spin.setAccessibleName("Default contact frequency for new cases")
        prefs_form.addRow("&Lock after:", self.idle_spin)
        prefs_form.addRow("Default &contact every:", self.frequency_spin)

        # The file in use now; saving leaves the preference alone unless this is changed.
        self.database_edit = QLineEdit(str(self.current_database), prefs_box)
        self.database_edit.setCursorPosition(0)
        self.database_edit.setAccessibleName("Database location")
        self.database_edit.setToolTip("Takes effect the next time victimcare starts")
        browse = QPushButton("&Browse…", prefs_box)
        browse.setAccessibleName("Choose the database location")
        browse.clicked.connect(self._browse)
        database_row = QHBoxLayout()
        database_row.addWidget(self.database_edit, 1)
        database_row.addWidget(browse)
        database_label = QLabel("&Database file:", prefs_box)
        database_label.setBuddy(self.database_edit)
        prefs_form.addRow(database_label, database_row)
        note = QLabel("A new location takes effect the next time victimcare starts. Moving "
                      "the file itself is up to you (restore a backup there).", prefs_box)
        note.setWordWrap(True)
        note.setStyleSheet(f"QLabel {{ color: {style.MUTED}; }}")
        prefs_form.addRow("", note)

        self.message = DialogMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save settings")
        # Said here, not left to the platform (some desktops give these their own "&").
        self.save_button.setText("&Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(officer_box)
        layout.addWidget(prefs_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._as_opened = self._values()
        self.name_edit.setFocus()

    def _values(self) -> tuple:
        return (self.name_edit.text(), self.staff_edit.text(), self.team_edit.text(),
                self.idle_spin.value(), self.frequency_spin.value(), self.database_edit.text())

    def reject(self) -> None:
        """Escape, Cancel and the close button ask before changed settings are lost."""
        from victimcare.views.dialogs.form import confirm_discard

        if self._values() != self._as_opened and not confirm_discard(self):
            return
        super().reject()

    def _browse(self) -> None:
        chosen = choose_database_path(self, self.database_edit.text())
        if chosen:
            self.database_edit.setText(chosen)

    def accept(self) -> None:
        mark_invalid(self.name_edit, False)
        database_text = self.database_edit.text().strip()
        database_path = self.preferences.database_path
        if database_text and Path(database_text) != self.current_database:
            chosen = Path(database_text).expanduser()
            database_path = ("" if chosen == config.default_database_path()
                             else str(chosen))
        prefs = preferences.Preferences(
            idle_lock_minutes=self.idle_spin.value(),
            default_contact_frequency_days=self.frequency_spin.value(),
            database_path=database_path,
        )
        try:
            officer = settings.save_settings(self.db, self.name_edit.text(),
                                             self.staff_edit.text(), self.team_edit.text(),
                                             prefs, self.preferences_file)
        except ValidationError as exc:
            if any(p.field == "name" for p in exc.problems):
                mark_invalid(self.name_edit, True)
                self.name_edit.setFocus()
            self.message.show_message(" ".join(p.message for p in exc.problems))
            return
        except OSError as exc:
            self.message.show_message("The settings could not be saved "
                                      f"({exc.strerror or 'the disk refused'}): nothing was "
                                      "changed.")
            return
        except StoreError as exc:
            self.message.show_message(str(exc))
            return
        self.officer_changed.emit(officer)
        self.preferences_saved.emit()
        super().accept()
