"""Help > About victimcare: the version, the rules and holiday data it decides deadlines with,
the libraries that keep and show the data, and the licences it ships with (read from the
LICENSES folder installed beside it). Nothing personal: it can stay open through a lock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from victimcare.services import about
from victimcare.views import style
from victimcare.views.dialog_message import set_plain, set_plain_selectable

NO_LICENCES = ("The licence files are missing from this installation. They are part of "
               "victimcare: reinstall it, or ask whoever installed it for them.")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About victimcare")
        self.setWindowIcon(style.app_icon())
        self.resize(900, 600)
        layout = QVBoxLayout(self)

        heading = QLabel(about.version_line(), self)
        set_plain(heading)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        summary = QLabel("Offline, encrypted case and contact keeping for victim liaison "
                         "officers.", self)
        set_plain(summary)
        layout.addWidget(summary)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._versions_page(), "Versions")
        self.tabs.addTab(self._licences_page(), "Licences")
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

    def _versions_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.version_labels: dict[str, QLabel] = {}
        for component in about.components():
            text = component.version + (f"\n{component.detail}" if component.detail else "")
            value = QLabel(text, page)
            set_plain_selectable(value)
            value.setWordWrap(True)
            form.addRow(f"{component.name}:", value)
            self.version_labels[component.name] = value
        return page

    def _licences_page(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.licence_list = QListWidget(splitter)
        self.licence_list.setAccessibleName("Licence files")
        # Read-only, and no link is followed: the app never goes on line.
        self.licence_text = QTextBrowser(splitter)
        self.licence_text.setOpenLinks(False)
        self.licence_text.setAccessibleName("Licence text")
        splitter.setStretchFactor(1, 1)
        files = about.licence_files()
        for path in files:
            item = QListWidgetItem(path.name, self.licence_list)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
        self.licence_list.currentItemChanged.connect(self._show_licence)
        if files:
            self.licence_list.setCurrentRow(0)
        else:
            self.licence_text.setPlainText(NO_LICENCES)
        splitter.setSizes([190, 690])
        return splitter

    def _show_licence(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        from pathlib import Path

        path = Path(item.data(Qt.ItemDataRole.UserRole))
        try:
            text = path.read_text("utf-8", errors="replace")
        except OSError:
            self.licence_text.setPlainText(NO_LICENCES)
            return
        if path.suffix == ".md":  # our own notes, with tables: shown as they read on line
            self.licence_text.setFont(self.font())
            self.licence_text.setMarkdown(text)
        else:  # licence texts are laid out in fixed-width columns
            self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.licence_text.setPlainText(text)
