"""Close a case: why, and when its retention is next reviewed (six years on by default)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from victimcare.domain import commitment_rules
from victimcare.domain.model import Case
from victimcare.domain.validation import Problem
from victimcare.services import cases
from victimcare.store.database import Database
from victimcare.views import clock
from victimcare.views.dialogs.form import FormDialog, plain_text
from victimcare.views.widgets.when_edit import DateEdit

RETENTION_YEARS = 6


def years_on(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


class CloseCaseDialog(FormDialog):
    case_closed = Signal(int)  # the case's id

    save_text = "C&lose case"

    def __init__(self, db: Database, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(f"Close case — {case.reference}", parent)
        self.db = db
        self.case = case
        self.setMinimumWidth(560)
        still_open = [c for c in case.commitments if commitment_rules.is_open(c)]
        self.warning_label = QLabel(self)
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setAccessibleName("What closing does")
        count = len(still_open)
        owed = ("Nothing is still owed to the victim." if not count else
                f"{count} commitment{'s are' if count != 1 else ' is'} still open: closing "
                "waives them, with the closure reason.")
        self.warning_label.setText(owed + " The record is kept until the retention review "
                                          "date, when keeping or erasing it is decided.")
        form = self.form()
        self.reason_edit = plain_text("Reason for closing", self, lines=3)
        self.reason_edit.setPlaceholderText("e.g. NFA, victim withdrew support; sentenced")
        self.review_edit = DateEdit("Retention review date", self)
        self.review_edit.set_value(years_on(clock.today(), RETENTION_YEARS))
        self.add_row(form, "&Reason (required):", self.reason_edit, "closure_reason")
        self.add_row(form, "Retention re&view:", self.review_edit, "retention_review_date")
        self.finish_layout(self.warning_label, form)
        chain = [self.reason_edit, self.review_edit, self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.watch(self.reason_edit, self.review_edit)
        self.reason_edit.setFocus()

    def check(self) -> list[Problem]:
        found = []
        if not self.reason_edit.toPlainText().strip():
            found.append(Problem("closure_reason", "Say why the case is being closed."))
        problem = self.problem_for_typed("retention_review_date", self.review_edit,
                                         "Retention review date", required=True)
        if problem:
            found.append(problem)
        return found

    def save(self) -> None:
        cases.close_case(self.db, self.case, self.reason_edit.toPlainText(),
                         self.review_edit.value())
        self.case_closed.emit(self.case.id)
