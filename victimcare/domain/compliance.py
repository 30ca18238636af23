"""Victims' Code compliance figures: how the statutory commitments falling due in a period
were met, per case and overall."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class ComplianceFigures:
    due: int = 0
    met_on_time: int = 0
    met_late: int = 0
    still_open: int = 0
    waived: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Met on time as a share of those that had to be met (waived ones aside)."""
        counted = self.due - self.waived
        return None if counted <= 0 else self.met_on_time / counted


@dataclass
class ComplianceReport:
    start: date
    end: date
    overall: ComplianceFigures
    by_case: dict[str, ComplianceFigures] = field(default_factory=dict)
