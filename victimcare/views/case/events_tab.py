"""The events tab: what happened in the investigation, newest first, and the update each
event obliges (the Victims' Code deadline and whether it was met)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from victimcare.domain import describe
from victimcare.domain.model import Case
from victimcare.domain.timeutil import format_datetime
from victimcare.services import commitments
from victimcare.views import clock
from victimcare.views.case.parts import CaseHost, button, fit_columns, item, label, table
from victimcare.views.text import first_line


class EventsModel(QStandardItemModel):
    HEADERS = ("When", "Event", "What it owes the victim", "Notes", "Recorded")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        rules = commitments.rules_for(case)
        owed = {c.event_id: c for c in case.commitments if c.event_id is not None}
        at = clock.now()
        for event in sorted(case.events, key=lambda e: (e.occurred_at, e.id or 0), reverse=True):
            commitment = owed.get(event.id)
            if commitment is not None:
                status = describe.status_words(commitment.status(at))
                duty = f"Inform by {format_datetime(commitment.due_at)} — {status}"
            else:
                duty = "No update duty"
            self.appendRow([
                item(format_datetime(event.occurred_at), event.id),
                item(rules.event_label(event.kind), event.id),
                item(duty, event.id),
                item(first_line(event.notes), event.id, event.notes or None),
                item(format_datetime(event.recorded_at), event.id),
            ])


class EventsTab(QWidget):
    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventsModel(self)
        self.table = table(self, self.model, "Investigation events, newest first")
        self.summary = label(self, "Events summary", selectable=False)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        # The header's Record event holds Alt+D.
        self.event_button = button(self, "Record event…", host.record_event)
        bar.addWidget(self.event_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def focus_chain(self) -> list[QWidget]:
        return [self.event_button, self.table]

    def show_case(self, case: Case) -> None:
        self.model.set_case(case)
        fit_columns(self.table, widest=420)
        self.summary.setText(f"{len(case.events)} events, newest first."
                             if case.events else "No events recorded yet.")

    def clear(self) -> None:
        self.model.clear()
        self.summary.setText("")
