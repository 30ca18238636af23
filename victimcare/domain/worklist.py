"""What the officer owes today: one open commitment of an open case, as Today and the printed
worklist show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from victimcare.domain.model import SafeContactRules


@dataclass
class WorkItem:
    commitment_id: int
    case_id: int
    case_reference: str
    victim_name: str
    kind: str
    reason: str
    due_at: datetime
    bucket: str                      # overdue, today, week
    safe_contact: SafeContactRules
    agreed_method: str


def bucket(due_at: datetime, now: datetime, end_of_today: datetime) -> str:
    """Overdue once the due time has passed; else due today, or later this week."""
    return "overdue" if due_at < now else "today" if due_at <= end_of_today else "week"
