"""One case: who the victim is, how to contact them safely, and everything owed and done.

The header (name, references, rights, safe-contact banner) stays in view whatever tab is
shown; each tab is a widget of its own in `victimcare.views.case`. Every change goes through
a dialog and a service; the view then redraws from the case the service kept up to date, and
says so with `changed`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.model import Case
from victimcare.services import cases
from victimcare.store.database import Database
from victimcare.views.case.care_plan_tab import CarePlanTab
from victimcare.views.case.commitments_tab import CommitmentsTab
from victimcare.views.case.events_tab import EventsTab
from victimcare.views.case.header import CaseHeader
from victimcare.views.case.log_tab import ContactLogTab
from victimcare.views.case.overview_tab import OverviewTab
from victimcare.views.case.parts import button, set_tab_order
from victimcare.views.dialogs import CloseCaseDialog, EventDialog, LogContactDialog, VictimDialog
from victimcare.views.dialogs.form import FormDialog, clear_widget_text
from victimcare.views.workspace import SECTIONS


class CaseView(QWidget):
    changed = Signal()  # something about the case was saved

    def __init__(self, db: Database, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._case_id = case_id
        self.case: Case | None = None
        self.dialog: QDialog | None = None  # the dialog open now, if any

        self.header = CaseHeader(self)
        self._build_actions()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Case sections")
        self.tabs.setDocumentMode(True)
        self.overview_tab = OverviewTab(self, self)
        self.log_tab = ContactLogTab(self, self)
        self.care_plan_tab = CarePlanTab(self, self)
        self.commitments_tab = CommitmentsTab(self, self)
        self.events_tab = EventsTab(self, self)
        for tab, title in zip(self.section_tabs(), ("&1 Overview", "&2 Contact log",
                                                    "&3 Care plan", "&4 Commitments",
                                                    "&5 Events"), strict=True):
            self.tabs.addTab(tab, title)
            # Tab goes the case's buttons, the section tabs, then the section in front, in
            # reading order (a list before the buttons that act on its selected row). The tab
            # widget and its tab bar stay where Qt put them: the tab widget hands its focus
            # to the bar, so moving the bar alone would make Tab stop on it twice.
            set_tab_order(tab.focus_chain())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addLayout(self.actions_layout)
        layout.addWidget(self.tabs, 1)
        # Tabs that missed a redraw: drawn when the officer turns to them.
        self._stale_tabs: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _index: self._draw(self.tabs.currentWidget()))

        self.reload()

    # -- properties ------------------------------------------------------------------------
    @property
    def case_id(self) -> int:
        return self._case_id

    @property
    def reference(self) -> str:
        return self.case.reference if self.case else ""

    def section_tabs(self) -> list[QWidget]:
        """The section tabs, in the order of `workspace.SECTIONS`."""
        return [self.overview_tab, self.log_tab, self.care_plan_tab, self.commitments_tab,
                self.events_tab]

    def section(self) -> str:
        """The name of the section in front (kept over a lock: a name, never its content)."""
        tabs = self.section_tabs()
        current = self.tabs.currentWidget()
        return SECTIONS[tabs.index(current)] if current in tabs else SECTIONS[0]

    def show_section(self, name: str) -> None:
        if name in SECTIONS:
            self.tabs.setCurrentWidget(self.section_tabs()[SECTIONS.index(name)])

    # -- building --------------------------------------------------------------------------
    def _build_actions(self) -> None:
        # The Alt letters of the whole case view, its five tabs (Alt+1 to Alt+5) and the main
        # window (File, Edit, View, Case menus; Today and Cases) are all live at once, and no
        # two may share a letter: tests/views/test_keyboard.py checks every tab.
        self.log_button = button(self, "&Log contact… (Ctrl+L)", self.log_contact, "Log contact")
        self.event_button = button(self, "Recor&d event…", self.record_event, "Record event")
        self.edit_button = button(self, "Edit victim && &safe contact…", self.edit_victim)
        self.close_button = button(self, "Cl&ose case…", self.close_case, "Close case")
        self.log_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.log_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.log_shortcut.activated.connect(self.log_contact)
        self.actions_layout = QHBoxLayout()
        for each in (self.log_button, self.event_button, self.edit_button):
            self.actions_layout.addWidget(each)
        self.actions_layout.addStretch(1)
        self.actions_layout.addWidget(self.close_button)

    # -- showing ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the case again from the store (viewing is logged as consultation)."""
        self.case = cases.open_case(self.db, self._case_id)
        self._show()

    def _show(self, *, only_in_front: bool = False) -> None:
        """Draw the case. After a save only the header and the tab in front are redrawn; the
        other tabs are redrawn when the officer turns to them (a 500-entry log costs tens of
        milliseconds to rebuild, and a save should feel instant)."""
        case = self.case
        assert case is not None
        self.header.show_case(case)
        self.setWindowTitle(f"{case.reference} — victimcare")
        self._stale_tabs = set(self.section_tabs())
        if only_in_front:
            self._draw(self.tabs.currentWidget())
        else:
            for tab in self.section_tabs():
                self._draw(tab)
        self.close_button.setEnabled(case.status == "open")

    def _draw(self, tab: QWidget | None) -> None:
        if tab in self._stale_tabs and self.case is not None:
            self._stale_tabs.discard(tab)
            tab.show_case(self.case)  # type: ignore[union-attr]

    # -- dialogs ---------------------------------------------------------------------------
    def open_dialog(self, dialog: FormDialog, signal: SignalInstance,
                    after: Callable[[], None] | None = None) -> FormDialog:
        """Show `dialog`, one at a time: while one is open, it is brought to the front and
        the new one dropped. When `signal` says something was saved, the view redraws."""
        if self.dialog is not None and self.dialog.isVisible():
            dialog.deleteLater()  # built but never shown: it must not linger holding the case
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog  # type: ignore[return-value]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        signal.connect(lambda *_: (after or self._saved)())
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _saved(self) -> None:
        if self.case is not None:
            self._show(only_in_front=True)
        self.changed.emit()

    def log_contact(self, preselect_commitment_id: int | None = None) -> LogContactDialog | None:
        if self.case is None:
            return None
        dialog = LogContactDialog(self.db, self.case, self,
                                  preselect_commitment_id=preselect_commitment_id)
        return self.open_dialog(dialog, dialog.contact_logged)  # type: ignore[return-value]

    def record_event(self) -> EventDialog | None:
        if self.case is None:
            return None
        dialog = EventDialog(self.db, self.case, self)
        return self.open_dialog(dialog, dialog.event_recorded)  # type: ignore[return-value]

    def edit_victim(self) -> VictimDialog | None:
        if self.case is None:
            return None
        dialog = VictimDialog(self.db, self.case, self)

        def adopt() -> None:
            self.case = dialog.case
            self._saved()
        return self.open_dialog(dialog, dialog.case_saved, adopt)  # type: ignore[return-value]

    def close_case(self) -> CloseCaseDialog | None:
        if self.case is None or self.case.status != "open":
            return None
        dialog = CloseCaseDialog(self.db, self.case, self)
        return self.open_dialog(dialog, dialog.case_closed)  # type: ignore[return-value]

    # -- locking ---------------------------------------------------------------------------
    def clear_personal_data(self) -> None:
        """Empty every widget and model that holds anything about the victim or the case.
        The lock calls this before it deletes the view."""
        self._stale_tabs.clear()
        for dialog in self.findChildren(QDialog):
            if isinstance(dialog, FormDialog):
                dialog.discard()
            else:
                dialog.reject()
            clear_widget_text(dialog)
            for text in dialog.findChildren(QLabel):
                text.setText("")
            for each in dialog.findChildren(QAbstractButton):
                if each.accessibleName().startswith("Meets:"):
                    each.setText("")
            dialog.setWindowTitle("")
            dialog.setParent(None)  # out of the view's tree at once; deleted by the event loop
            dialog.deleteLater()
        self.dialog = None
        self.case = None
        self.header.clear()
        for tab in self.section_tabs():
            tab.clear()  # type: ignore[attr-defined]
        self.setWindowTitle("victimcare")
        for each in (self.log_button, self.event_button, self.edit_button, self.close_button):
            each.setEnabled(False)
        self.log_shortcut.setEnabled(False)
