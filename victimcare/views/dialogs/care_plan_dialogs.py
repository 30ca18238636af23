"""Care-plan editors: a need, an action, a referral (with consent) and the review date."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from victimcare.domain import vocabulary as vocab
from victimcare.domain.model import CareAction, CareNeed, Case, Referral
from victimcare.domain.validation import Problem
from victimcare.services import care_plan
from victimcare.store.database import Database
from victimcare.views.dialogs.form import FormDialog, combo, line_edit, plain_text, set_combo
from victimcare.views.widgets.when_edit import DateEdit


class _CarePlanDialog(FormDialog):
    saved = Signal()

    def __init__(self, title: str, db: Database, case: Case, parent: QWidget | None) -> None:
        super().__init__(f"{title} — {case.reference}", parent)
        self.db = db
        self.case = case
        self.setMinimumWidth(520)

    def _chain(self, *widgets: QWidget) -> None:
        """Tab order. A date field goes in whole (its line and its Calendar button move
        together), and so do the buttons: the button box orders them as they are drawn."""
        chain = [*widgets, self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)


class NeedDialog(_CarePlanDialog):
    def __init__(self, db: Database, case: Case, need: CareNeed | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit need" if need else "Add need", db, case, parent)
        self.need = need
        form = self.form()
        self.area_combo = combo(vocab.NEED_AREAS, "Area of need", self,
                                need.area if need else None)
        self.level_combo = combo(vocab.NEED_LEVELS, "Level of need", self,
                                 need.level if need else "medium")
        self.notes_edit = plain_text("Need notes", self, need.notes if need else "", lines=4)
        self.add_row(form, "&Area:", self.area_combo, "area")
        self.add_row(form, "&Level:", self.level_combo, "level")
        self.add_row(form, "&Notes:", self.notes_edit, "notes")
        self.finish_layout(form)
        self._chain(self.area_combo, self.level_combo, self.notes_edit)
        self.watch(self.area_combo, self.level_combo, self.notes_edit)
        self.area_combo.setFocus()

    def save(self) -> None:
        need = CareNeed(self.area_combo.currentData(), self.level_combo.currentData(),
                        self.notes_edit.toPlainText())
        if self.need is None:
            self.need = care_plan.add_need(self.db, self.case, need)
        else:
            self.need = care_plan.update_need(self.db, self.case, replace(need, id=self.need.id))
        self.saved.emit()


class ActionDialog(_CarePlanDialog):
    def __init__(self, db: Database, case: Case, action: CareAction | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit action" if action else "Add action", db, case, parent)
        self.action = action
        form = self.form()
        self.description_edit = line_edit("What is to be done", self,
                                          action.description if action else "")
        self.need_combo = QComboBox(self)
        self.need_combo.setAccessibleName("For which need")
        self.need_combo.addItem("No particular need", None)
        for need in case.care_plan.needs:
            self.need_combo.addItem(vocab.NEED_AREAS.get(need.area, need.area)
                                    + f" ({vocab.NEED_LEVELS.get(need.level, need.level).lower()})",
                                    need.id)
        set_combo(self.need_combo, action.need_id if action else None)
        self.owner_edit = line_edit("Who will do it", self, action.owner if action else "",
                                    "e.g. me, the ISVA, Crime prevention")
        self.due_edit = DateEdit("Action due date", self)
        self.due_edit.set_value(action.due_date if action else None)
        self.status_combo = combo(vocab.ACTION_STATUSES, "Action status", self,
                                  action.status if action else "open")
        self.completed_edit = DateEdit("Date completed", self)
        self.completed_edit.set_value(action.completed_on if action else None)
        self.add_row(form, "&Action (required):", self.description_edit, "description")
        self.add_row(form, "For &need:", self.need_combo, "need_id")
        self.add_row(form, "&Owner:", self.owner_edit, "owner")
        self.add_row(form, "&Due by:", self.due_edit, "due_date")
        self.add_row(form, "S&tatus:", self.status_combo, "status")
        self.add_row(form, "&Completed on:", self.completed_edit, "completed_on")
        self.finish_layout(form)
        self._chain(self.description_edit, self.need_combo, self.owner_edit, self.due_edit,
                    self.status_combo, self.completed_edit)
        self.watch(self.description_edit, self.need_combo, self.owner_edit, self.due_edit,
                   self.status_combo, self.completed_edit)
        self.description_edit.setFocus()

    def check(self) -> list[Problem]:
        found = [self.problem_for_typed("due_date", self.due_edit, "Due by"),
                 self.problem_for_typed("completed_on", self.completed_edit, "Completed on")]
        return [p for p in found if p]

    def save(self) -> None:
        action = CareAction(
            description=self.description_edit.text(), owner=self.owner_edit.text(),
            due_date=self.due_edit.value(), status=self.status_combo.currentData(),
            completed_on=self.completed_edit.value(), need_id=self.need_combo.currentData())
        if self.action is None:
            self.action = care_plan.add_action(self.db, self.case, action)
        else:
            self.action = care_plan.update_action(self.db, self.case,
                                                  replace(action, id=self.action.id))
        self.saved.emit()


class ReferralDialog(_CarePlanDialog):
    def __init__(self, db: Database, case: Case, referral: Referral | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit referral" if referral else "Add referral", db, case, parent)
        self.referral = referral
        form = self.form()
        self.agency_combo = combo(vocab.REFERRAL_AGENCIES, "Service referred to", self,
                                  referral.agency if referral else None)
        self.consent_combo = combo(vocab.CONSENT, "Victim's consent", self,
                                   referral.consent if referral else "not_asked")
        self.consent_date_edit = DateEdit("Date consent was asked", self)
        self.consent_date_edit.set_value(referral.consent_date if referral else None)
        self.referred_edit = DateEdit("Date referred", self)
        self.referred_edit.set_value(referral.referred_on if referral else None)
        self.status_combo = combo(vocab.REFERRAL_STATUSES, "Referral status", self,
                                  referral.status if referral else "planned")
        self.notes_edit = plain_text("Referral notes", self, referral.notes if referral else "",
                                     lines=3)
        self.add_row(form, "Ser&vice:", self.agency_combo, "agency")
        self.add_row(form, "&Consent:", self.consent_combo, "consent")
        self.add_row(form, "Consent &date:", self.consent_date_edit, "consent_date")
        self.add_row(form, "&Referred on:", self.referred_edit, "referred_on")
        self.add_row(form, "S&tatus:", self.status_combo, "status")
        self.add_row(form, "&Notes:", self.notes_edit, "notes")
        self.finish_layout(form)
        self._chain(self.agency_combo, self.consent_combo, self.consent_date_edit,
                    self.referred_edit, self.status_combo, self.notes_edit)
        self.watch(self.agency_combo, self.consent_combo, self.consent_date_edit,
                   self.referred_edit, self.status_combo, self.notes_edit)
        self.agency_combo.setFocus()

    def check(self) -> list[Problem]:
        found = [self.problem_for_typed("consent_date", self.consent_date_edit, "Consent date"),
                 self.problem_for_typed("referred_on", self.referred_edit, "Referred on")]
        return [p for p in found if p]

    def save(self) -> None:
        referral = Referral(
            agency=self.agency_combo.currentData(), consent=self.consent_combo.currentData(),
            consent_date=self.consent_date_edit.value(), referred_on=self.referred_edit.value(),
            status=self.status_combo.currentData(), notes=self.notes_edit.toPlainText())
        if self.referral is None:
            self.referral = care_plan.add_referral(self.db, self.case, referral)
        else:
            self.referral = care_plan.update_referral(self.db, self.case,
                                                      replace(referral, id=self.referral.id))
        self.saved.emit()


class ReviewDateDialog(_CarePlanDialog):
    def __init__(self, db: Database, case: Case, parent: QWidget | None = None) -> None:
        super().__init__("Care plan review", db, case, parent)
        form = self.form()
        self.review_edit = DateEdit("Care plan review date", self)
        self.review_edit.set_value(case.care_plan.review_date)
        self.notes_edit = plain_text("Care plan notes", self, case.care_plan.notes, lines=3)
        self.add_row(form, "&Review by:", self.review_edit, "review_date")
        self.add_row(form, "&Notes:", self.notes_edit, "notes")
        self.finish_layout(form)
        self._chain(self.review_edit, self.notes_edit)
        self.watch(self.review_edit, self.notes_edit)
        self.review_edit.setFocus()

    def check(self) -> list[Problem]:
        problem = self.problem_for_typed("review_date", self.review_edit, "Review by")
        return [problem] if problem else []

    def save(self) -> None:
        care_plan.set_review_date(self.db, self.case, self.review_edit.value(),
                                  self.notes_edit.toPlainText())
        self.saved.emit()
