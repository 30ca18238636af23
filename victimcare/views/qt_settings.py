"""Qt's own settings files stay unwritten.

victimcare keeps no QSettings of its own, but Qt does: every QFileDialog, when it closes, writes
the folder it last showed, its history and its sidebar to `~/.config/QtProject.conf` in plain
text. An officer who saves a PDF into a folder named after a victim would leave that name on
disk, outside the encrypted store. Pointing every QSettings location at a path that can never
be created (under the null device, which is not a folder) makes those writes fail quietly:
the dialogs work as before and simply forget, as nothing else in victimcare remembers either.
(On Windows the native format is the registry, which setPath does not move; there the file
dialog is the system's own, as for every program.)
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

NOWHERE = os.path.join(os.devnull, "victimcare-keeps-no-qt-settings")


def keep_qt_settings_off_disk() -> None:
    """Call before any Qt dialog is made (setPath does not move QSettings already open)."""
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, NOWHERE)
