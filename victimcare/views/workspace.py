"""What was open when the app locked, and why it locked: a small value with no personal data.

While locked, the app keeps only this: fixed screen names, case references, which section of
each case was in front, the case list's filters (never its search text), and the reason and
time of the lock. Its short text form (`to_text` / `from_text`) lets the screens be opened
again in this process or in a fresh one started at the unlock window, which is how a later
version ends the unlocked process at lock time. `from_text` checks everything it reads, so a
damaged or hostile string is refused, never half-trusted. No Qt here: this is plain data.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

from victimcare.domain.timeutil import format_date, london

# The sections of a case, in the order of its tabs.
SECTIONS = ("overview", "log", "care-plan", "commitments", "events")
TOOLS = ("audit", "retention")
STATUSES = (None, "open", "closed")  # the case list's "Show" filter
REASONS = ("officer", "idle")
FORMAT = 1
MAX_REFERENCE = 64
MAX_SCREENS = 200


def _check_reference(reference: object) -> str:
    """A case reference as the store holds it: short, one line, no control characters."""
    if not isinstance(reference, str) or not reference.strip():
        raise ValueError("a case reference must be non-blank text")
    if len(reference) > MAX_REFERENCE:
        raise ValueError("a case reference is at most 64 characters")
    if any(unicodedata.category(ch).startswith("C") for ch in reference):
        raise ValueError("a case reference holds no control characters")
    return reference


@dataclass(frozen=True)
class OpenCase:
    """A case tab: the case by its reference, and the section that was in front."""

    reference: str
    section: str = "overview"

    def __post_init__(self) -> None:
        _check_reference(self.reference)
        if self.section not in SECTIONS:
            raise ValueError(f"a case section is one of {', '.join(SECTIONS)}")


Screen = OpenCase | str  # a case, or one of TOOLS


@dataclass(frozen=True)
class Workspace:
    """The main window's tabs after Today and Cases, in order, and which tab was in front
    (0 Today, 1 Cases, 2 the first of `screens`)."""

    screens: tuple[Screen, ...] = ()
    front: int = 0
    status: str | None = None
    enhanced_only: bool = False
    overdue_only: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.screens, tuple) or len(self.screens) > MAX_SCREENS:
            raise ValueError(f"at most {MAX_SCREENS} screens, as a tuple")
        for screen in self.screens:
            if not isinstance(screen, OpenCase) and screen not in TOOLS:
                raise ValueError(f"a screen is a case or one of {', '.join(TOOLS)}")
        tools = [s for s in self.screens if isinstance(s, str)]
        cases = [s.reference for s in self.screens if isinstance(s, OpenCase)]
        if len(set(tools)) != len(tools) or len(set(cases)) != len(cases):
            raise ValueError("each case and each tool is open once at most")
        if type(self.front) is not int or not 0 <= self.front < 2 + len(self.screens):
            raise ValueError("the tab in front must be one of the tabs")
        if self.status not in STATUSES:
            raise ValueError("the case list shows all, open or closed cases")
        if type(self.enhanced_only) is not bool or type(self.overdue_only) is not bool:
            raise ValueError("the case list's filters are on or off")

    def case_references(self) -> list[str]:
        return [s.reference for s in self.screens if isinstance(s, OpenCase)]


@dataclass(frozen=True)
class LockedSession:
    """Why and when the app locked, and what to open again after the unlock."""

    reason: str
    locked_at: datetime
    idle_seconds: int = 0
    workspace: Workspace = field(default_factory=Workspace)

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"a lock's reason is one of {', '.join(REASONS)}")
        if not isinstance(self.locked_at, datetime) or self.locked_at.utcoffset() is None:
            raise ValueError("the time of the lock needs its time zone")
        if type(self.idle_seconds) is not int or not 0 <= self.idle_seconds <= 7 * 86_400:
            raise ValueError("idle time is a whole number of seconds, at most a week")
        if (self.reason == "idle") != (self.idle_seconds > 0):
            raise ValueError("only an idle lock has an idle time")
        if not isinstance(self.workspace, Workspace):
            raise ValueError("a workspace is required")

    @classmethod
    def by_officer(cls, at: datetime, workspace: Workspace | None = None) -> LockedSession:
        return cls("officer", at, 0, workspace or Workspace())

    @classmethod
    def after_idle(cls, at: datetime, idle_ms: int,
                   workspace: Workspace | None = None) -> LockedSession:
        return cls("idle", at, max(1, math.ceil(idle_ms / 1000)), workspace or Workspace())

    # -- words -------------------------------------------------------------------------------
    def message(self, now: datetime) -> str:
        """For the unlock window: 'Locked by you at 14:02.' or 'Locked after 5 idle minutes,
        at 14:07.' The day is added when it was not today."""
        local = london(self.locked_at)
        when = f"{local:%H:%M}"
        if local.date() != london(now).date():
            when += f" on {format_date(local.date())}"
        if self.reason == "officer":
            return f"Locked by you at {when}."
        seconds = self.idle_seconds
        if seconds % 60 == 0:
            idle = f"{seconds // 60} idle minute{'s' if seconds != 60 else ''}"
        else:
            idle = f"{seconds} idle second{'s' if seconds != 1 else ''}"
        return f"Locked after {idle}, at {when}."

    # -- the short text form ------------------------------------------------------------------
    def to_text(self) -> str:
        """One line of JSON, for instance
        {"v":1,"why":"officer","at":"2026-03-05T14:02:00+00:00","idle":0,
         "tabs":[["case","VC-2026-0019","log"],["audit"]],"front":2,"list":[null,false,false]}
        """
        ws = self.workspace
        tabs = [["case", s.reference, s.section] if isinstance(s, OpenCase) else [s]
                for s in ws.screens]
        return json.dumps({
            "v": FORMAT, "why": self.reason,
            "at": self.locked_at.astimezone(UTC).isoformat(), "idle": self.idle_seconds,
            "tabs": tabs, "front": ws.front,
            "list": [ws.status, ws.enhanced_only, ws.overdue_only],
        }, separators=(",", ":"), ensure_ascii=True)

    @classmethod
    def from_text(cls, text: str) -> LockedSession:
        """The value `to_text` wrote. Raises ValueError for anything else."""
        if not isinstance(text, str) or len(text) > 40_000:
            raise ValueError("not a victimcare lock record")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise ValueError("not a victimcare lock record") from None
        expected = {"v", "why", "at", "idle", "tabs", "front", "list"}
        if not isinstance(data, dict) or set(data) != expected \
                or type(data["v"]) is not int or data["v"] != FORMAT:
            raise ValueError("not a victimcare lock record of this version")
        if not isinstance(data["at"], str):
            raise ValueError("the time of the lock is not a time")
        try:
            at = datetime.fromisoformat(data["at"])
        except ValueError:
            raise ValueError("the time of the lock is not a time") from None
        tabs = data["tabs"]
        if not isinstance(tabs, list) or len(tabs) > MAX_SCREENS:
            raise ValueError("the open screens are not a list")
        screens: list[Screen] = []
        for tab in tabs:
            if isinstance(tab, list) and len(tab) == 3 and tab[0] == "case":
                if not isinstance(tab[2], str):
                    raise ValueError("a case section is a name")
                screens.append(OpenCase(_check_reference(tab[1]), tab[2]))
            elif isinstance(tab, list) and len(tab) == 1 and tab[0] in TOOLS:
                screens.append(tab[0])
            else:
                raise ValueError("an open screen is a case or a tool")
        filters = data["list"]
        if not isinstance(filters, list) or len(filters) != 3:
            raise ValueError("the case list's filters are three values")
        status, enhanced, overdue = filters
        workspace = Workspace(tuple(screens), data["front"], status, enhanced, overdue)
        return cls(data["why"], at, data["idle"], workspace)
