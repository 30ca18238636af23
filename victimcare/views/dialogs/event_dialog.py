"""Record what happened in the investigation, seeing the deadline it creates before saving."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from victimcare.domain import vocabulary as vocab
from victimcare.domain.code_rules import CodeRules
from victimcare.domain.commitment_rules import statutory_due
from victimcare.domain.eligibility import eligibility
from victimcare.domain.model import Case, CaseEvent
from victimcare.domain.timeutil import format_date, format_datetime, london
from victimcare.domain.validation import Problem
from victimcare.services import cases, commitments
from victimcare.store.database import Database
from victimcare.views import clock
from victimcare.views.dialogs.form import FormDialog, combo, plain_text
from victimcare.views.dialogs.log_contact_dialog import FUTURE_SLACK
from victimcare.views.widgets.when_edit import WhenEdit

PREVIEW_STYLE = "QLabel { padding: 8px; border-radius: 4px; background: #e8f0fe; color: #174ea6; }"
PLAIN_STYLE = "QLabel { padding: 8px; border-radius: 4px; background: #f1f3f4; color: #3c4043; }"
OVERDUE_STYLE = ("QLabel { padding: 8px; border-radius: 4px; background: #fce8e6; "
                 "color: #8c1d18; font-weight: 600; }")


def deadline_preview(case: Case, rules: CodeRules, kind: str,
                     occurred_at: datetime | None, at: datetime) -> tuple[str, str]:
    """What recording this event will owe the victim, in words, and how urgent:
    'none', 'due' or 'overdue'."""
    rule = rules.events.get(kind)
    label = rules.event_label(kind)
    if rule is None or not rule.obliges_update:
        note = f" {rule.note}" if rule is not None and rule.note else ""
        return f"No update duty: “{label}” is recorded for the timeline only.{note}", "none"
    if occurred_at is None:
        return "Enter when it happened to see the deadline it creates.", "none"
    rights = eligibility(case, rules)
    due = statutory_due(CaseEvent(kind, occurred_at), rules, rights.enhanced)
    assert due is not None
    days = rule.working_days(rights.enhanced)
    day_words = "1 working day" if days == 1 else f"{days} working days"
    rights_words = "enhanced rights" if rights.enhanced else "standard rights"
    text = (f"Creates a Victims' Code deadline: inform the victim by the end of "
            f"{london(due):%A} {format_date(london(due).date())} "
            f"(due {format_datetime(due)}; {day_words}, {rights_words}).")
    if due < at:
        return (text + "\n⚠ Already overdue: that time has passed, so the deadline will show "
                       "as overdue as soon as it is saved. Tell the victim now."), "overdue"
    return text, "due"


class EventDialog(FormDialog):
    event_recorded = Signal(int)  # the event's id

    save_text = "&Record event"

    def __init__(self, db: Database, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(f"Record event — {case.reference}", parent)
        self.db = db
        self.case = case
        self.rules = commitments.rules_for(case)
        self.saved_event: CaseEvent | None = None
        self.setMinimumWidth(600)

        form = self.form()
        self.kind_combo = combo(vocab.EVENT_KINDS, "What happened", self)
        self.when_edit = WhenEdit("When it happened", self)
        self.notes_edit = plain_text("Event notes", self, lines=3)
        self.preview_label = QLabel(self)
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setAccessibleName("The deadline this event creates")
        self.add_row(form, "&What happened:", self.kind_combo, "kind")
        self.add_row(form, "W&hen:", self.when_edit, "occurred_at")
        self.add_row(form, "&Notes:", self.notes_edit, "notes")
        self.finish_layout(form, self.preview_label)
        chain = [self.kind_combo, self.when_edit, self.notes_edit, self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.kind_combo.currentIndexChanged.connect(self._show_preview)
        self.when_edit.changed.connect(self._show_preview)
        self.watch(self.kind_combo, self.when_edit, self.notes_edit)
        self._show_preview()
        self.kind_combo.setFocus()

    def _show_preview(self, *_args) -> None:
        text, urgency = deadline_preview(self.case, self.rules, self.kind_combo.currentData(),
                                         self.when_edit.value(), clock.now())
        self.preview_label.setText(text)
        self.preview_label.setAccessibleDescription(text)
        self.preview_label.setStyleSheet({"none": PLAIN_STYLE, "due": PREVIEW_STYLE,
                                          "overdue": OVERDUE_STYLE}[urgency])

    def check(self) -> list[Problem]:
        problem = self.problem_for_typed("occurred_at", self.when_edit, "When", required=True)
        if problem:
            return [problem]
        when = self.when_edit.value()
        if when is not None and when > clock.now() + FUTURE_SLACK:
            return [Problem("occurred_at", "When: that time is still to come. Record an "
                                           "event once it has happened.")]
        return []

    def save(self) -> None:
        event = CaseEvent(self.kind_combo.currentData(), self.when_edit.value(),
                          self.notes_edit.toPlainText().strip())
        self.saved_event = cases.record_event(self.db, self.case, event)
        self.event_recorded.emit(self.saved_event.id)
