"""The contact log tab: every entry, newest first, an amended entry holding its original and
each amendment; the selected entry in full below; Amend beside it (entries are evidential:
never edited in place)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPlainTextEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain import commitment_rules
from victimcare.domain.model import Case, Contact
from victimcare.domain.timeutil import format_datetime
from victimcare.views.case.parts import CaseHost, button, label, select_id, selected_id
from victimcare.views.contact_log_model import ID_ROLE, ContactLogModel
from victimcare.views.dialogs import AmendContactDialog
from victimcare.views.dialogs.amend_contact_dialog import entry_text, history_text
from victimcare.views.dialogs.form import clear_widget_text

# What each short column must fit, so the narrative gets what is left.
_COLUMN_SAMPLES = ("00/00/0000 00:00", "Contact made · amended", "Text message",
                   "Parent or guardian", "Voicemail left (attempt)", "Investigation update")


class ContactLogTab(QWidget):
    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.model = ContactLogModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Contact log, newest first")
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 4px 2px; }")
        self.tree.header().setStretchLastSection(True)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setAccessibleName("The selected entry in full")
        self.detail.setPlaceholderText("Select an entry to read it in full, with any "
                                       "amendments and the original.")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.amend_button = button(self, "A&mend entry…", self.amend_selected_contact,
                                   "Amend entry")
        self.summary = label(self, "Contact log summary", selectable=False)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.amend_button)
        # The header's Log contact holds Alt+L; this one is for the mouse, next to the log.
        self.log_button = button(self, "Log contact…", host.log_contact, "Log contact")
        bar.addWidget(self.log_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.tree.selectionModel().currentChanged.connect(self._show_detail)
        self.tree.activated.connect(lambda _index: self.amend_selected_contact())

    def focus_chain(self) -> list[QWidget]:
        return [self.tree, self.detail, self.amend_button, self.log_button]

    def show_case(self, case: Case) -> None:
        selected = self.selected_contact_id()
        self.model.set_case(case)
        header = self.tree.header()
        bold = QFont(self.font())
        bold.setBold(True)
        wide = QFontMetrics(bold)
        indent = self.tree.indentation()
        for column, sample in enumerate(_COLUMN_SAMPLES):
            extra = 2 * indent if column == 0 else 0  # room for the branch and a child row
            header.resizeSection(column, wide.horizontalAdvance(sample) + 16 + extra)
        made = sum(1 for c in case.contacts if commitment_rules.is_successful(c, case))
        attempts = len(case.contacts) - made
        self.summary.setText(f"{len(case.contacts)} entries: {made} contacts made, "
                             f"{attempts} attempts. Attempts are shown in italics.")
        self.detail.setPlainText("")
        if selected is not None:
            self.select_contact(selected)
        self.amend_button.setEnabled(bool(case.contacts))

    def _show_detail(self, current: QModelIndex, _previous: object = None) -> None:
        case = self.host.case
        contact = self._contact(current.data(ID_ROLE)) if current.isValid() else None
        if contact is None or case is None:
            self.detail.setPlainText("")
            return
        successful = commitment_rules.is_successful(contact, case)
        kind = "CONTACT MADE" if successful else "ATTEMPT (meets nothing)"
        if contact.amendments:
            text = (f"{kind}\n\nAS IT NOW READS\n{entry_text(contact.current, case)}\n\n"
                    + history_text(contact, case))
        else:
            text = (f"{kind} (recorded {format_datetime(contact.recorded_at)})\n"
                    + entry_text(contact, case))
        self.detail.setPlainText(text)

    def _contact(self, contact_id: int | None) -> Contact | None:
        case = self.host.case
        if case is None or contact_id is None:
            return None
        return next((c for c in case.contacts if c.id == contact_id), None)

    def selected_contact_id(self) -> int | None:
        return selected_id(self.tree)

    def select_contact(self, contact_id: int) -> None:
        select_id(self.tree, self.model, contact_id)

    def amend_selected_contact(self) -> AmendContactDialog | None:
        case = self.host.case
        contact = self._contact(self.selected_contact_id())
        if contact is None:
            if case and case.contacts:
                self.tree.setFocus()
                self.summary.setText("Select the entry to amend first.")
            return None
        dialog = AmendContactDialog(self.host.db, case, contact, self.host)
        return self.host.open_dialog(dialog, dialog.contact_amended)  # type: ignore[return-value]

    def clear(self) -> None:
        self.model.clear()
        self.summary.setText("")
        clear_widget_text(self)  # the entry in full, and its undo history
