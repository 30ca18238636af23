"""The care plan tab: the review date, the victim's needs, the actions that meet them, and
the referrals made with the victim's consent."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QTableView, QVBoxLayout, QWidget

from victimcare.domain import describe
from victimcare.domain import vocabulary as vocab
from victimcare.domain.model import Case
from victimcare.domain.timeutil import format_date
from victimcare.views.case.parts import (
    CaseHost,
    button,
    fit_columns,
    item,
    label,
    selected_id,
    table,
)
from victimcare.views.dialogs import ActionDialog, NeedDialog, ReferralDialog, ReviewDateDialog
from victimcare.views.text import first_line


class NeedsModel(QStandardItemModel):
    HEADERS = ("Area", "Level", "Notes")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        for need in describe.needs_in_order(case.care_plan.needs):
            self.appendRow([item(vocab.label(vocab.NEED_AREAS, need.area), need.id),
                            item(vocab.label(vocab.NEED_LEVELS, need.level), need.id),
                            item(first_line(need.notes), need.id, need.notes or None)])


class ActionsModel(QStandardItemModel):
    HEADERS = ("Action", "For need", "Owner", "Due", "Status", "Completed")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        needs = {n.id: n for n in case.care_plan.needs}
        for action in case.care_plan.actions:
            need = needs.get(action.need_id)
            self.appendRow([
                item(action.description, action.id),
                item(vocab.label(vocab.NEED_AREAS, need.area) if need else "", action.id),
                item(action.owner, action.id),
                item(format_date(action.due_date), action.id),
                item(vocab.label(vocab.ACTION_STATUSES, action.status), action.id),
                item(format_date(action.completed_on), action.id),
            ])


class ReferralsModel(QStandardItemModel):
    HEADERS = ("Service", "Consent", "Consent date", "Referred on", "Status", "Notes")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        for referral in case.care_plan.referrals:
            self.appendRow([
                item(vocab.label(vocab.REFERRAL_AGENCIES, referral.agency), referral.id),
                item(vocab.label(vocab.CONSENT, referral.consent), referral.id),
                item(format_date(referral.consent_date), referral.id),
                item(format_date(referral.referred_on), referral.id),
                item(vocab.label(vocab.REFERRAL_STATUSES, referral.status), referral.id),
                item(first_line(referral.notes), referral.id, referral.notes or None),
            ])


class CarePlanTab(QWidget):
    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.review_label = label(self, "Care plan review")
        self.needs_model, self.actions_model, self.referrals_model = (
            NeedsModel(self), ActionsModel(self), ReferralsModel(self))
        self.needs_table = table(self, self.needs_model, "Needs")
        self.actions_table = table(self, self.actions_model, "Actions")
        self.referrals_table = table(self, self.referrals_model, "Referrals")
        self.needs_table.activated.connect(lambda _i: self.edit_need())
        self.actions_table.activated.connect(lambda _i: self.edit_action())
        self.referrals_table.activated.connect(lambda _i: self.edit_referral())
        self.stops: list[QWidget] = []  # each table, then its Add and Edit buttons
        review_bar = QHBoxLayout()
        review_bar.addWidget(self.review_label, 1)
        self.review_button = button(self, "Set revie&w date…", self.set_review_date,
                                    "Set review date")
        review_bar.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(review_bar)
        for title, list_view, add, edit in (
                ("Needs", self.needs_table, ("Add &need…", self.add_need),
                 ("Edit need…", self.edit_need)),
                ("Actions", self.actions_table, ("Add act&ion…", self.add_action),
                 ("Edit action…", self.edit_action)),
                ("Referrals (with the victim's consent)", self.referrals_table,
                 ("Add &referral…", self.add_referral),
                 ("Edit referral…", self.edit_referral))):
            box = QGroupBox(title, self)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(list_view)
            bar = QHBoxLayout()
            bar.addStretch(1)
            buttons = (button(self, *add), button(self, *edit))
            for each in buttons:
                bar.addWidget(each)
            self.stops.extend((list_view, *buttons))
            box_layout.addLayout(bar)
            layout.addWidget(box, 1)

    def focus_chain(self) -> list[QWidget]:
        return [self.review_button, *self.stops]

    def show_case(self, case: Case) -> None:
        plan = case.care_plan
        review = (f"Review by {format_date(plan.review_date)}" if plan.review_date
                  else "No review date set")
        self.review_label.setText(review + (f" · {plan.notes}" if plan.notes else ""))
        self.needs_model.set_case(case)
        self.actions_model.set_case(case)
        self.referrals_model.set_case(case)
        for list_view in (self.needs_table, self.actions_table, self.referrals_table):
            fit_columns(list_view)

    def clear(self) -> None:
        self.review_label.setText("")
        for model in (self.needs_model, self.actions_model, self.referrals_model):
            model.clear()

    # -- actions ---------------------------------------------------------------------------
    def _selected(self, list_view: QTableView, records: list):
        wanted = selected_id(list_view)
        return next((r for r in records if r.id == wanted), None)

    def add_need(self) -> NeedDialog | None:
        return self._open(NeedDialog)

    def edit_need(self) -> NeedDialog | None:
        return self._edit(NeedDialog, self.needs_table, lambda plan: plan.needs)

    def add_action(self) -> ActionDialog | None:
        return self._open(ActionDialog)

    def edit_action(self) -> ActionDialog | None:
        return self._edit(ActionDialog, self.actions_table, lambda plan: plan.actions)

    def add_referral(self) -> ReferralDialog | None:
        return self._open(ReferralDialog)

    def edit_referral(self) -> ReferralDialog | None:
        return self._edit(ReferralDialog, self.referrals_table, lambda plan: plan.referrals)

    def set_review_date(self) -> ReviewDateDialog | None:
        case = self.host.case
        if case is None:
            return None
        dialog = ReviewDateDialog(self.host.db, case, self.host)
        return self.host.open_dialog(dialog, dialog.saved)  # type: ignore[return-value]

    def _open(self, dialog_class, record=None):
        """A dialog that adds (record None) or edits one record of the plan."""
        case = self.host.case
        if case is None:
            return None
        dialog = dialog_class(self.host.db, case, record, self.host)
        return self.host.open_dialog(dialog, dialog.saved)

    def _edit(self, dialog_class, list_view: QTableView, records_of):
        case = self.host.case
        record = self._selected(list_view, records_of(case.care_plan)) if case else None
        return None if record is None else self._open(dialog_class, record)
