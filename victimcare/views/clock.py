"""The time every screen and dialog treats as now: one home, so a test can stand the whole
of the views on a known day by replacing `now` (the services keep their own clock).

Plain Python: no Qt.
"""

from __future__ import annotations

from datetime import date, datetime

from victimcare.domain.timeutil import london, utc_now


def now() -> datetime:
    return utc_now()


def today() -> date:
    """Today in London, by `now`."""
    return london(now()).date()
