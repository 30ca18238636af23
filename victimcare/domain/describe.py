"""The words a person reads about a case, written once for the screens and the paper.

A commitment's status, a phone line, the vulnerability list, the order of the needs, the
contact agreement: the case view, the dialogs and the printed documents all say these, and
each used to say them in its own copy, free to drift. Where paper and screen deliberately
differ (paper has no colour, so what needs acting on is in capitals), the difference is a
rule here, next to the words it changes.

Plain Python: no Qt, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from victimcare.domain import vocabulary as vocab
from victimcare.domain.eligibility import under_18_at_offence
from victimcare.domain.model import (
    AuditEntry,
    CareNeed,
    Case,
    Commitment,
    Contact,
    ContactAgreement,
    ContactAmendment,
    Phone,
    SafeContactRules,
    Victim,
)
from victimcare.domain.timeutil import format_datetime, london

# -- commitments ------------------------------------------------------------------------------
# In the order the commitments tab counts them.
STATUS_WORDS: dict[str, str] = {
    "due": "Due",
    "overdue": "Overdue",
    "met": "Met",
    "met_late": "Met late",
    "waived": "Waived",
}
# On paper there is no colour to say "act on this": those statuses are printed in capitals.
_SHOUTED_ON_PAPER = frozenset({"overdue", "met_late"})


def status_words(status: str) -> str:
    """A commitment's status as the screens say it: 'Met late'."""
    return STATUS_WORDS.get(status, status)


def printed_status_words(status: str) -> str:
    """The same status on paper: 'MET LATE', 'OVERDUE', and 'Met on time' (a printout read
    on its own has no late/on-time colour beside it)."""
    if status == "met":
        return "Met on time"
    words = status_words(status)
    return words.upper() if status in _SHOUTED_ON_PAPER else words


def status_counts(commitments: Iterable[Commitment], at: datetime,
                  statuses: Iterable[str] = tuple(STATUS_WORDS)) -> str:
    """'2 overdue, 1 met late' over `statuses` (in their order), capitalised; '' when none."""
    counts: dict[str, int] = {}
    for commitment in commitments:
        status = commitment.status(at)
        counts[status] = counts.get(status, 0) + 1
    parts = [f"{counts[s]} {status_words(s).lower()}" for s in statuses if counts.get(s)]
    return ", ".join(parts).capitalize()


def commitment_kind_words(commitment: Commitment) -> str:
    return vocab.label(vocab.COMMITMENT_KINDS, commitment.kind)


def waived_words(commitment: Commitment) -> str:
    return (f"Waived {format_datetime(commitment.waived_at)}: "
            f"{commitment.waived_reason or 'no reason'}")


def met_words(commitment: Commitment, by: Contact | None = None) -> str:
    """'Met 05/03/2026 15:45', with how when the entry that met it is known:
    ' by phone (spoke)'."""
    how = ""
    if by is not None:
        entry = by.current
        how = (f" by {vocab.label(vocab.CONTACT_METHODS, entry.method).lower()} "
               f"({vocab.label(vocab.CONTACT_OUTCOMES, entry.outcome).lower()})")
    return f"Met {format_datetime(commitment.met_at)}{how}"


# -- contact entries ------------------------------------------------------------------------
def covered_words(entry: Contact | ContactAmendment) -> str:
    """The Victims' Code items a contact covered, in words, in the order recorded ('' for
    none)."""
    return ", ".join(vocab.label(vocab.CODE_ITEMS, item) for item in entry.covered)


# -- the victim -------------------------------------------------------------------------------
def phone_line(phone: Phone) -> str:
    """'07700 900092 (Mobile)', or the number alone when it has no label."""
    return f"{phone.number} ({phone.label})" if phone.label else phone.number


def phone_lines(phones: Iterable[Phone]) -> list[str]:
    return [phone_line(p) for p in phones]


def interpreter_language(victim: Victim) -> str:
    """The language an interpreter is needed for, as printed ('' when none is needed)."""
    if not victim.interpreter_needed:
        return ""
    return victim.interpreter_language or "language not recorded"


UNDER_18_AT_OFFENCE = "Under 18 at the time of the offence"


def vulnerability_words(case: Case) -> list[str]:
    """Each vulnerability in words, the one derived from the dates (under 18) first."""
    found = [vocab.label(vocab.VULNERABILITY_FLAGS, f) for f in case.victim.vulnerability_flags]
    if under_18_at_offence(case):
        found.insert(0, UNDER_18_AT_OFFENCE)
    return found


# -- the care plan ----------------------------------------------------------------------------
def needs_in_order(needs: Iterable[CareNeed]) -> list[CareNeed]:
    """In the order of the need areas (safety first), then as they were added; an area this
    version does not know goes last."""
    order = list(vocab.NEED_AREAS)
    return sorted(needs, key=lambda n: (order.index(n.area) if n.area in order else 99,
                                        n.id or 0))


# -- the contact agreement --------------------------------------------------------------------
def named_party(through_whom: str, through_name: str) -> str:
    """The person updates go through, with their name when recorded: 'ISVA (Sam Okoro)'."""
    party = vocab.label(vocab.CONTACT_PARTIES, through_whom)
    return f"{party} ({through_name})" if through_name else party


def through_the(through_whom: str, through_name: str) -> str:
    """The party inside a sentence: 'the ISVA (Sam Okoro)', 'the parent or guardian'."""
    party = vocab.label(vocab.CONTACT_PARTIES, through_whom)
    words = f"the {party if party.isupper() else party.lower()}"
    return f"{words} ({through_name})" if through_name else words


def agreement_words(case: Case) -> str:
    """The agreement in one sentence, as the case view and the log contact dialog say it."""
    agreement = case.agreement
    if agreement.opted_out:
        return f"Agreed contact: the victim has opted out of updates ({agreement.waiver_reason})."
    if agreement.paused:
        return f"Agreed contact: paused ({agreement.waiver_reason})."
    method = vocab.label(vocab.CONTACT_METHODS, agreement.method).lower()
    who = ("the victim" if agreement.through_whom == "victim"
           else named_party(agreement.through_whom, agreement.through_name))
    every = (f"every {agreement.frequency_days} days, " if agreement.frequency_days
             else "no agreed frequency, ")
    return f"Agreed contact: {every}by {method}, through {who}."


def every_days(agreement: ContactAgreement, otherwise: str) -> str:
    """'Every 14 days', or `otherwise` when no frequency was agreed."""
    return f"Every {agreement.frequency_days} days" if agreement.frequency_days else otherwise


# -- safe contact -----------------------------------------------------------------------------
# The screen says each rule as a sentence a person acts on ("NO voicemail"); the paper as a
# verdict ("NOT SAFE"). Both read a question never asked as not safe.
NOT_ASKED_ON_SCREEN = "Not yet asked (treat as not safe)"


def permission_on_screen(value: bool | None, yes: str, no: str) -> str:
    return NOT_ASKED_ON_SCREEN if value is None else yes if value else no


def printed_permission(value: bool | None) -> str:
    if value is True:
        return "OK"
    if value is False:
        return "NOT SAFE"
    return "NOT SAFE – not yet asked"


def has_call_window(rules: SafeContactRules) -> bool:
    return bool(rules.call_from and rules.call_until)


def call_window_on_screen(rules: SafeContactRules) -> str:
    return f"{rules.call_from}-{rules.call_until} only" if has_call_window(rules) else "Any time"


def printed_call_window(rules: SafeContactRules) -> str:
    if has_call_window(rules):
        return f"{rules.call_from} to {rules.call_until}"
    return "Not recorded – ask before calling"


def suspect_on_screen(rules: SafeContactRules) -> str:
    if rules.suspect_lives_with:
        return "LIVES WITH THE VICTIM"
    return "Lives nearby" if rules.suspect_lives_near else "Not known to live nearby"


def printed_suspect(rules: SafeContactRules) -> str:
    if rules.suspect_lives_with:
        return "LIVES WITH the victim"
    if rules.suspect_lives_near:
        return "LIVES NEAR the victim"
    return "Not recorded as living with or near the victim"


# -- due dates --------------------------------------------------------------------------------
def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def days_overdue(due: datetime, now: datetime) -> int:
    """Whole London days since the day it was due: 0 when it fell due earlier today."""
    return (london(now).date() - london(due).date()).days


def due_in_words(item_due: datetime, bucket: str, now: datetime) -> str:
    """'overdue by 3 days', 'overdue since 09:00', 'due today 23:59', 'tomorrow 17:00',
    'in 4 days' (Europe/London days and clock)."""
    due = london(item_due)
    days = -days_overdue(item_due, now)
    if bucket == "overdue" or item_due < now:
        if days >= 0:
            return f"overdue since {due:%H:%M}"
        return f"overdue by {plural(-days, 'day')}"
    if days <= 0:
        return f"due today {due:%H:%M}"
    if days == 1:
        return f"due tomorrow {due:%H:%M}"
    return f"in {days} days ({due:%a %d/%m})"


def due_at_words(due: datetime) -> str:
    """The due date and time in full, London clock: 'Tue 03/11/2026 23:59'."""
    return f"{london(due):%a %d/%m/%Y %H:%M}"


# -- the audit log ----------------------------------------------------------------------------
AUDIT_COLUMNS = ("When", "Officer", "Action", "Case", "Detail")


def audit_row_words(entry: AuditEntry) -> tuple[str, str, str, str, str]:
    """One audit row as the screen lists it and the printed log prints it."""
    return (format_datetime(entry.at), entry.officer,
            vocab.AUDIT_ACTIONS.get(entry.action, entry.action), entry.case_reference,
            entry.detail)
