"""The commitments tab: what the officer owes the victim (Victims' Code deadlines, the agreed
contact, promises), still owed first; each is met by a contact or waived with a reason."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from victimcare.domain import commitment_rules, describe
from victimcare.domain.model import Case, Commitment, Contact
from victimcare.domain.timeutil import format_datetime
from victimcare.services import commitments
from victimcare.views import clock
from victimcare.views.case.parts import (
    CaseHost,
    button,
    fit_columns,
    item,
    label,
    select_id,
    selected_id,
    table,
)
from victimcare.views.dialogs import LogContactDialog, MeetByEntryDialog, PromiseDialog, WaiveDialog

# Status colours always travel with the status word: colour alone tells some people nothing.
STATUS_COLOURS = {
    "due": ("#e8f0fe", "#174ea6"),
    "overdue": ("#fce8e6", "#8c1d18"),
    "met": ("#e6f4ea", "#0d5224"),
    "met_late": ("#fef7e0", "#7a4b00"),
    "waived": ("#f1f3f4", "#3c4043"),
}


def done_words(commitment: Commitment, contacts: dict[int, Contact]) -> str:
    """How it ended, if it has: waived with the reason, or met by which kind of contact."""
    if commitment.waived_at is not None:
        return describe.waived_words(commitment)
    if commitment.met_at is not None:
        return describe.met_words(commitment, contacts.get(commitment.met_by_contact_id))
    return ""


class CommitmentsModel(QStandardItemModel):
    HEADERS = ("Status", "Kind", "What is owed", "Due", "Met or waived")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        at = clock.now()
        contacts = {c.id: c for c in case.contacts}
        # What is still owed first, soonest due at the top; then what was done, newest first.
        still_open = sorted((c for c in case.commitments if commitment_rules.is_open(c)),
                            key=lambda c: (c.due_at, c.id or 0))
        done = sorted((c for c in case.commitments if not commitment_rules.is_open(c)),
                      key=lambda c: (c.due_at, c.id or 0), reverse=True)
        bold = QFont()
        bold.setBold(True)
        for commitment in still_open + done:
            status = commitment.status(at)
            background, foreground = STATUS_COLOURS[status]
            status_item = item(describe.status_words(status), commitment.id)
            status_item.setBackground(QBrush(QColor(background)))
            status_item.setForeground(QBrush(QColor(foreground)))
            status_item.setFont(bold)
            self.appendRow([status_item,
                            item(describe.commitment_kind_words(commitment), commitment.id),
                            item(commitment.reason, commitment.id),
                            item(format_datetime(commitment.due_at), commitment.id),
                            item(done_words(commitment, contacts), commitment.id)])


class CommitmentsTab(QWidget):
    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.model = CommitmentsModel(self)
        self.table = table(self, self.model, "Commitments")
        self.summary = label(self, "Commitments summary", selectable=False)
        self.promise_button = button(self, "Add &promise…", self.add_promise)
        self.meet_button = button(self, "Mark &met by a contact…", self.meet_selected,
                                  "Mark met by a contact")
        self.waive_button = button(self, "&Waive…", self.waive_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for each in (self.promise_button, self.meet_button, self.waive_button):
            bar.addWidget(each)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._enable_buttons())

    def focus_chain(self) -> list[QWidget]:
        """The list first: Mark met and Waive act on its selected row."""
        return [self.table, self.promise_button, self.meet_button, self.waive_button]

    def show_case(self, case: Case) -> None:
        self.model.set_case(case)
        fit_columns(self.table, widest=420)
        self.summary.setText(describe.status_counts(case.commitments, clock.now())
                             or "Nothing is owed on this case.")
        self._enable_buttons()

    def clear(self) -> None:
        self.model.clear()
        self.summary.setText("")

    def _enable_buttons(self) -> None:
        commitment = self.selected_commitment()
        is_open = commitment is not None and commitment_rules.is_open(commitment)
        self.meet_button.setEnabled(is_open)
        self.waive_button.setEnabled(is_open)

    def selected_commitment(self) -> Commitment | None:
        case = self.host.case
        wanted = selected_id(self.table)
        if case is None or wanted is None:
            return None
        return next((c for c in case.commitments if c.id == wanted), None)

    def select_commitment(self, commitment_id: int) -> None:
        select_id(self.table, self.model, commitment_id)

    # -- actions ---------------------------------------------------------------------------
    def add_promise(self) -> PromiseDialog | None:
        case = self.host.case
        if case is None:
            return None
        dialog = PromiseDialog(self.host.db, case, self.host)
        return self.host.open_dialog(dialog, dialog.promise_added)  # type: ignore[return-value]

    def waive_selected(self) -> WaiveDialog | None:
        commitment = self.selected_commitment()
        if commitment is None or not commitment_rules.is_open(commitment):
            return None
        dialog = WaiveDialog(self.host.db, self.host.case, commitment, self.host)
        return self.host.open_dialog(dialog, dialog.waived)  # type: ignore[return-value]

    def meet_selected(self) -> LogContactDialog | MeetByEntryDialog | None:
        """A commitment is met by a contact. A promise kept in a conversation already logged
        is marked met by that entry (the call is not logged twice); otherwise the officer logs
        the contact, with this commitment ticked."""
        case = self.host.case
        commitment = self.selected_commitment()
        if commitment is None or not commitment_rules.is_open(commitment) or case is None:
            return None
        entries = commitments.entries_that_could_meet(case, commitment)
        if not entries:
            return self.host.log_contact(preselect_commitment_id=commitment.id)
        dialog = MeetByEntryDialog(self.host.db, case, commitment, entries, self.host)
        dialog.log_new_requested.connect(
            lambda commitment_id: self.host.log_contact(preselect_commitment_id=commitment_id))
        return self.host.open_dialog(dialog, dialog.met)  # type: ignore[return-value]
