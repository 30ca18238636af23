"""The case model as plain dataclasses.

Times are timezone-aware datetimes (stored in UTC, shown in Europe/London); calendar facts
such as a date of birth are plain dates. `id` is None until the record is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Officer:
    name: str
    staff_number: str = ""
    team: str = ""
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class Phone:
    number: str
    label: str = ""


@dataclass
class Victim:
    given_names: str
    family_name: str = ""
    preferred_name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""
    phones: list[Phone] = field(default_factory=list)
    email: str = ""
    language: str = "English"
    interpreter_needed: bool = False
    interpreter_language: str = ""
    communication_needs: str = ""
    vulnerability_flags: list[str] = field(default_factory=list)
    id: int | None = None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)

    @property
    def display_name(self) -> str:
        """The name an officer uses: preferred name first, with the full name beside it."""
        if self.preferred_name and self.preferred_name != self.given_names:
            return f"{self.preferred_name} ({self.full_name})"
        return self.full_name


@dataclass
class SafeContactRules:
    """None for a permission means it has not been asked yet, which is treated as 'not safe'."""

    voicemail_ok: bool | None = None
    texts_ok: bool | None = None
    letters_ok: bool | None = None
    email_ok: bool | None = None
    call_from: str | None = None  # 'HH:MM' local time
    call_until: str | None = None
    suspect_lives_with: bool = False
    suspect_lives_near: bool = False
    notes: str = ""


@dataclass
class ContactAgreement:
    frequency_days: int | None = None
    method: str = "phone"
    through_whom: str = "victim"
    through_name: str = ""
    start_date: date | None = None
    opted_out: bool = False
    paused: bool = False
    waiver_reason: str = ""
    notes: str = ""


@dataclass
class CaseEvent:
    kind: str
    occurred_at: datetime
    notes: str = ""
    recorded_at: datetime | None = None
    id: int | None = None


@dataclass
class ContactAmendment:
    """A correction to a contact entry: the corrected fields in full, and why."""

    reason: str
    occurred_at: datetime
    method: str
    direction: str
    with_whom: str
    outcome: str
    covered: list[str] = field(default_factory=list)
    narrative: str = ""
    amended_at: datetime | None = None
    officer_id: int | None = None
    id: int | None = None


@dataclass
class Contact:
    occurred_at: datetime
    method: str
    direction: str
    with_whom: str
    outcome: str
    covered: list[str] = field(default_factory=list)
    narrative: str = ""
    recorded_at: datetime | None = None
    officer_id: int | None = None
    amendments: list[ContactAmendment] = field(default_factory=list)
    id: int | None = None

    @property
    def current(self) -> Contact | ContactAmendment:
        """What the entry says now: the latest amendment, or the original."""
        return self.amendments[-1] if self.amendments else self


@dataclass
class CareNeed:
    area: str
    level: str
    notes: str = ""
    id: int | None = None


@dataclass
class CareAction:
    description: str
    owner: str = ""
    due_date: date | None = None
    status: str = "open"
    completed_on: date | None = None
    need_id: int | None = None
    id: int | None = None


@dataclass
class Referral:
    agency: str
    consent: str = "not_asked"
    consent_date: date | None = None
    referred_on: date | None = None
    status: str = "planned"
    notes: str = ""
    id: int | None = None


@dataclass
class CarePlan:
    review_date: date | None = None
    notes: str = ""
    needs: list[CareNeed] = field(default_factory=list)
    actions: list[CareAction] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)


@dataclass
class Commitment:
    kind: str  # statutory, agreed, promise
    reason: str
    due_at: datetime
    event_id: int | None = None
    created_at: datetime | None = None
    met_by_contact_id: int | None = None
    met_at: datetime | None = None
    waived_at: datetime | None = None
    waived_reason: str = ""
    id: int | None = None

    def status(self, now: datetime) -> str:
        """Computed from the facts, never stored: due, overdue, met, met_late or waived."""
        if self.waived_at is not None:
            return "waived"
        if self.met_at is not None:
            return "met" if self.met_at <= self.due_at else "met_late"
        return "overdue" if now > self.due_at else "due"


@dataclass
class Case:
    reference: str
    offence_category: str
    code_version: str
    victim: Victim
    crime_reference: str = ""
    offence_date: date | None = None
    status: str = "open"
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    closure_reason: str = ""
    retention_review_date: date | None = None
    persistently_targeted: bool = False
    enhanced_override: bool | None = None
    enhanced_override_reason: str = ""
    officer_id: int | None = None
    notes: str = ""
    safe_contact: SafeContactRules = field(default_factory=SafeContactRules)
    agreement: ContactAgreement = field(default_factory=ContactAgreement)
    events: list[CaseEvent] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    care_plan: CarePlan = field(default_factory=CarePlan)
    commitments: list[Commitment] = field(default_factory=list)
    id: int | None = None


@dataclass
class AuditEntry:
    at: datetime
    officer: str
    action: str
    case_reference: str = ""
    detail: str = ""
    prev_hash: str = ""
    hash: str = ""
    id: int | None = None


@dataclass
class CaseSummary:
    """One row of the case list: enough to show and sort, nothing more."""

    id: int
    reference: str
    victim_name: str
    status: str
    offence_category: str
    crime_reference: str
    opened_at: datetime
