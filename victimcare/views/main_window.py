"""The main window: Today (the start screen), the case list, and each open case in a tab.

The screens are widgets of their own (`today_view`, `case_list_view`, `case_view`); the window
holds the menus, the toolbar, the status bar and the tabs, and opens the dialogs.

The window never owns the database's lifetime: the app hands it a connection (`attach`) and
takes it away (`detach`, on lock or passphrase change). Everything holding personal data hangs
off the tabs, so `detach` can drop all of it in one place.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QWidget,
)

from victimcare.domain.model import Officer
from victimcare.services import cases
from victimcare.store.database import Database
from victimcare.views import ask, style
from victimcare.views.case_list_view import CaseListView
from victimcare.views.open_screens import CASES_TAB, TODAY_TAB, reopen_screens, workspace_of
from victimcare.views.text import plain_tooltip
from victimcare.views.today_view import TodayView
from victimcare.views.workspace import Workspace

APP_TITLE = "victimcare"


class MainWindow(QMainWindow):
    case_activated = Signal(int)  # the id of the case the officer opened from the list
    window_closed = Signal()
    lock_requested = Signal()
    change_passphrase_requested = Signal()
    preferences_changed = Signal()

    def __init__(self, db: Database | None, officer: Officer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(style.app_icon())
        self.setMinimumSize(1000, 650)
        # Room for the Today list's safe-contact column on a laptop screen, never larger.
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            space = screen.availableGeometry()
            self.resize(min(1280, space.width()), min(820, space.height()))
        self.dialogs: list[QWidget] = []  # open dialogs of this window, closed on lock

        # Screens that missed a save while hidden (by id, so closed tabs leave nothing alive).
        self._stale: set[int] = set()
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(False)
        self.tabs.setAccessibleName("Screens")
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.setCentralWidget(self.tabs)

        self.today = TodayView(db, self.tabs)
        self.today.case_requested.connect(self.open_case)
        self.today.log_contact_requested.connect(self.log_contact_for)
        self.tabs.addTab(self.today, style.icon("today"), "&Today")
        self.case_list = CaseListView(db, self.tabs)
        self.case_list.case_requested.connect(self.open_case)
        self.tabs.addTab(self.case_list, style.icon("cases"), "&Cases")
        for fixed in (TODAY_TAB, CASES_TAB):  # the two screens that are always there
            for side in (self.tabs.tabBar().ButtonPosition.RightSide,
                         self.tabs.tabBar().ButtonPosition.LeftSide):
                self.tabs.tabBar().setTabButton(fixed, side, None)

        self._build_actions()
        self._build_status_bar(officer)
        self.case_list.counted.connect(self.count_label.setText)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.today.reload()
        self._list_cases_when_shown()
        self.tabs.setCurrentIndex(TODAY_TAB)
        self.today.table.setFocus()

    # -- building ----------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot,
                icon: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(style.icon(icon))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_case_action = self._action("&New case…", "Ctrl+N", self.new_case, "new-case",
                                            "Open a new case (Ctrl+N)")
        self.print_action = self._action("&Print…", "Ctrl+P", self.print_current, "print",
                                         "Print what is on screen (Ctrl+P)")
        self.close_tab_action = self._action("&Close", "Ctrl+W", self.close_current_tab,
                                             tip="Close the open case (Ctrl+W)")
        self.backup_action = self._action("&Back up…", None, self.show_backup)
        self.passphrase_action = self._action("C&hange passphrase…", None,
                                              self.change_passphrase_requested.emit)
        self.lock_action = self._action("&Lock", "Ctrl+Shift+L", self.lock_requested.emit,
                                        "lock", "Lock victimcare now (Ctrl+Shift+L)")
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action("&Find a case", "Ctrl+F", self.focus_search,
                                        tip="Search the cases (Ctrl+F)")
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.show_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.today_action = self._action("&Today", "Ctrl+1", self.show_today, "today",
                                         "What is due (Ctrl+1)")
        self.cases_action = self._action("&Cases", "Ctrl+2", self.show_cases, "cases",
                                         "The case list (Ctrl+2)")
        self.retention_action = self._action("&Retention review", None, self.show_retention)
        self.audit_action = self._action("&Audit log", None, self.show_audit)
        self.log_contact_action = self._action("&Log contact…", "Ctrl+L", self.log_contact,
                                               "log-contact",
                                               "Log a contact for the selected case (Ctrl+L)")

        file_menu = self.menuBar().addMenu("&File")
        for action in (self.new_case_action, self.print_action, self.close_tab_action, None,
                       self.backup_action, self.passphrase_action, None, self.lock_action,
                       self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        view_menu = self.menuBar().addMenu("&View")
        for action in (self.today_action, self.cases_action, None, self.retention_action,
                       self.audit_action):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)
        case_menu = self.menuBar().addMenu("C&ase")
        case_menu.addAction(self.log_contact_action)
        self.about_action = self._action("&About victimcare", None, self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(22, 22))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setAccessibleName("Main toolbar")
        for action in (self.today_action, self.cases_action, None, self.new_case_action,
                       self.log_contact_action, self.print_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.lock_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self, officer: Officer | None) -> None:
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of cases")
        self.officer_label = QLabel(officer.name if officer else "", self)
        self.officer_label.setTextFormat(Qt.TextFormat.PlainText)  # typed by the officer
        self.officer_label.setAccessibleName("Officer")
        for label in (self.count_label, self.officer_label):
            label.setContentsMargins(8, 2, 8, 2)
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.officer_label)

    # -- navigation --------------------------------------------------------------------------
    def show_today(self) -> None:
        self.tabs.setCurrentIndex(TODAY_TAB)
        self.today.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_cases(self) -> None:
        self.tabs.setCurrentIndex(CASES_TAB)
        self.case_list.focus_list()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(CASES_TAB)
        self.case_list.focus_search()

    def case_views(self) -> list:
        """Every open CaseView, in tab order."""
        views = []
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if hasattr(widget, "clear_personal_data") and hasattr(widget, "case_id"):
                views.append(widget)
        return views

    def current_case_view(self):
        widget = self.tabs.currentWidget()
        return widget if widget in self.case_views() else None

    def open_case(self, case_id: int) -> QWidget | None:
        """Show the case in its own tab (or switch to it when already open)."""
        if self.db is None:
            return None
        for view in self.case_views():
            if view.case_id == case_id:
                self.tabs.setCurrentWidget(view)
                return view
        from victimcare.views.case_view import CaseView  # built alongside; imported late

        view = CaseView(self.db, case_id, self.tabs)
        view.changed.connect(self.on_data_changed)
        own_shortcut = getattr(view, "log_shortcut", None)
        if own_shortcut is not None:
            # The window's Ctrl+L already reaches the open case; two would be ambiguous and
            # Qt would then fire neither.
            own_shortcut.setEnabled(False)
        index = self.tabs.addTab(view, view.reference)
        self.tabs.setTabToolTip(index,
                                plain_tooltip(f"Case {view.reference} (Ctrl+W closes it)"))
        self.tabs.setCurrentIndex(index)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.case_activated.emit(case_id)
        return view

    def close_tab(self, index: int) -> None:
        if index in (TODAY_TAB, CASES_TAB) or not 0 <= index < self.tabs.count():
            return
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if hasattr(widget, "clear_personal_data"):
            widget.clear_personal_data()
        widget.deleteLater()

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _on_tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        self._refresh_if_stale(widget)
        reference = getattr(widget, "reference", None) if widget is not None else None
        # The reference is not personal data; a victim's name never goes in a title bar,
        # where it would show in the task switcher and in screen shares.
        self.setWindowTitle(f"{reference} – {APP_TITLE}" if reference else APP_TITLE)
        self.close_tab_action.setEnabled(index not in (TODAY_TAB, CASES_TAB))

    # -- actions -----------------------------------------------------------------------------
    def _keep_dialog(self, dialog: QWidget) -> QWidget:
        """Track a dialog so lock can find it, and forget it when it closes."""
        self.dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.destroyed.connect(lambda *_: self._forget_dialog(dialog))
        finished = getattr(dialog, "finished", None)
        if finished is not None:
            finished.connect(lambda *_: self._forget_dialog(dialog))
        return dialog

    def _forget_dialog(self, dialog: QWidget) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def new_case(self) -> None:
        if self.db is None:
            return
        from victimcare.views.dialogs.new_case_dialog import NewCaseDialog

        dialog = NewCaseDialog(self.db, self)
        dialog.case_created.connect(self._on_case_created)
        self._keep_dialog(dialog)
        self.new_case_dialog = dialog
        dialog.open()

    def _on_case_created(self, case_id: int) -> None:
        self.on_cases_changed()
        self.open_case(case_id)

    def log_contact(self) -> None:
        """Ctrl+L: for the open case, the selected Today row, or the selected case."""
        view = self.current_case_view()
        if view is not None:
            view.log_contact()
            return
        if self.tabs.currentIndex() == TODAY_TAB:
            if not self.today.request_log_contact():
                ask.inform(self, APP_TITLE, "Choose a row in Today first.")
            return
        if self.tabs.currentIndex() == CASES_TAB:
            case_id = self.case_list.selected_case_id()
            if case_id is None:
                ask.inform(self, APP_TITLE, "Choose a case in the list first.")
                return
            self.log_contact_for(case_id, None)

    def log_contact_for(self, case_id: int, commitment_id: int | None) -> QWidget | None:
        if self.db is None:
            return None
        from victimcare.views.dialogs.log_contact_dialog import LogContactDialog

        case = cases.open_case(self.db, case_id)
        dialog = LogContactDialog(self.db, case, self, preselect_commitment_id=commitment_id)
        dialog.contact_logged.connect(lambda *_: self.on_data_changed())
        self._keep_dialog(dialog)
        self.log_contact_dialog = dialog
        dialog.open()
        return dialog

    def on_data_changed(self, *_args) -> None:
        """Something was saved: Today, the case list and other open cases may have changed.

        The screen in front refreshes now; the others when they are next shown, so a save
        costs one refresh, not one per open tab (and a case is only re-read, which is logged
        as consultation, when the officer looks at it again)."""
        if self.db is None:
            return
        sender = self.sender()
        screens = [self.today, self.case_list, *self.case_views()]
        self._stale = {id(w) for w in screens if w is not sender}
        self._refresh_if_stale(self.tabs.currentWidget())

    def on_cases_changed(self, *_args) -> None:
        """A case was added or erased: the count in the status bar is always in view."""
        self.on_data_changed()
        self._stale.add(id(self.case_list))
        self._refresh_if_stale(self.case_list)

    def _refresh_if_stale(self, widget: QWidget | None) -> None:
        if widget is None or id(widget) not in self._stale:
            return
        self._stale.discard(id(widget))
        if widget is self.today:
            self.today.reload()
        elif widget is self.case_list:
            self.case_list.refresh(recount=True)
        elif hasattr(widget, "reload"):
            widget.reload()

    def print_current(self) -> QWidget | None:
        """Ctrl+P prints what is in front: the open case, the worklist, the audit log."""
        if self.db is None:
            return None
        from victimcare.views.print_preview import PrintPreviewDialog

        widget = self.tabs.currentWidget()
        view = self.current_case_view()
        if view is not None:
            dialog = PrintPreviewDialog(self.db, ("summary", "log"), view.reference, self)
        elif hasattr(widget, "print_job"):
            dialog = PrintPreviewDialog(self.db, (), None, self, job=widget.print_job())
        elif widget is self.case_list and self.case_list.selected_case_id() is not None:
            dialog = PrintPreviewDialog(self.db, ("summary", "log"),
                                        self.case_list.selected_reference(), self)
        else:
            dialog = PrintPreviewDialog(self.db, ("worklist", "compliance"), None, self)
        self._keep_dialog(dialog)
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def _open_tool_tab(self, attribute: str, factory, title: str) -> QWidget | None:
        if self.db is None:
            return None
        existing = getattr(self, attribute, None)
        if existing is not None and shiboken6.isValid(existing) and self.tabs.indexOf(existing) >= 0:
            self.tabs.setCurrentWidget(existing)
            return existing
        widget = factory()
        setattr(self, attribute, widget)
        self.tabs.setCurrentIndex(self.tabs.addTab(widget, title))
        return widget

    def show_audit(self) -> QWidget | None:
        from victimcare.views.audit_view import AuditView

        return self._open_tool_tab("audit_view", lambda: AuditView(self.db, self.tabs),
                                   "Audit log")

    def show_retention(self) -> QWidget | None:
        from victimcare.views.retention_view import RetentionView

        def build():
            view = RetentionView(self.db, self.tabs)
            view.changed.connect(self.on_cases_changed)
            return view

        return self._open_tool_tab("retention_view", build, "Retention review")

    def show_settings(self) -> QWidget | None:
        if self.db is None:
            return None
        from victimcare.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db, self)
        dialog.officer_changed.connect(self._on_officer_changed)
        dialog.preferences_saved.connect(self.preferences_changed.emit)
        self._keep_dialog(dialog)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _on_officer_changed(self, officer: Officer) -> None:
        self.officer_label.setText(officer.name)

    def show_backup(self) -> QWidget | None:
        if self.db is None:
            return None
        from victimcare.views.security_dialogs import BackupDialog

        dialog = BackupDialog(self.db, self)
        self._keep_dialog(dialog)
        self.backup_dialog = dialog
        dialog.open()
        return dialog

    def show_about(self) -> QWidget:
        from victimcare.views.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        self._keep_dialog(dialog)
        self.about_dialog = dialog
        dialog.open()
        return dialog

    # -- lock and unlock ---------------------------------------------------------------------
    def detach(self, *, close_dialogs: bool = True) -> None:
        """Drop every piece of personal data and the connection (lock, passphrase change).

        KeePassXC's DatabaseWidget::lock(): the case tabs go (each wiped first), the models
        are emptied, the typed search goes, the officer's name goes; the window hides.
        """
        for dialog in list(self.dialogs) if close_dialogs else []:
            if shiboken6.isValid(dialog):
                from victimcare.views.lock import wipe_inputs

                discard = getattr(dialog, "discard", None)
                if callable(discard) and dialog.isVisible():
                    discard()  # the case dialogs empty themselves and close without asking
                wipe_inputs(dialog)
                if dialog.isVisible():
                    dialog.done(0)
                dialog.deleteLater()
        if close_dialogs:
            self.dialogs.clear()
        for index in reversed(range(CASES_TAB + 1, self.tabs.count())):
            self.close_tab(index)
        self.today.clear_personal_data()
        self.case_list.clear_personal_data()
        self.count_label.setText("")
        self.officer_label.setText("")
        self.db = None
        self.setWindowTitle(APP_TITLE)

    def attach(self, db: Database, officer: Officer | None,
               workspace: Workspace | None = None) -> None:
        """Take a connection again (after unlock) and show the officer's day, or the screens
        that were open when the app locked."""
        self.db = db
        self.officer_label.setText(officer.name if officer else "")
        if workspace is not None:
            self._set_list_filters(workspace)
        self.today.attach(db)
        self.case_list.db = db
        self._list_cases_when_shown()
        self.tabs.setCurrentIndex(TODAY_TAB)
        self.today.table.setFocus()
        if workspace is not None:
            self._reopen(workspace)

    def reopen(self, workspace: Workspace) -> None:
        """Open the screens of a workspace in a window that already has its store (a fresh
        process taking over from one that locked)."""
        self._set_list_filters(workspace)
        self._list_cases_when_shown()
        self._reopen(workspace)

    # -- what is open, over a lock -----------------------------------------------------------
    def workspace(self) -> Workspace:
        """The open screens by name and case reference: all that is kept while locked."""
        return workspace_of(self)

    def _set_list_filters(self, workspace: Workspace) -> None:
        # Applied once, by _list_cases_when_shown, not once per filter.
        self.case_list.set_filters(workspace.status, workspace.enhanced_only,
                                   workspace.overdue_only)

    def _list_cases_when_shown(self) -> None:
        """The case list is read when the officer first turns to it; the status bar counts
        the cases now."""
        if self.case_list.list_when_shown():
            self._stale.add(id(self.case_list))

    def _reopen(self, workspace: Workspace) -> None:
        reopen_screens(self, workspace)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Names leave the window with it; the database itself is closed by the app.
        self.detach()
        super().closeEvent(event)
        self.window_closed.emit()
