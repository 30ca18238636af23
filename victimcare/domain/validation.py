"""Checks on records before they are stored, each naming the field and saying what is wrong."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from victimcare.domain import vocabulary as vocab
from victimcare.domain.model import Case, CaseEvent, Contact, ContactAmendment
from victimcare.domain.problems import Problem, ValidationError

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

# Long enough for any real record, short enough that a printout stays a printout: a
# narrative of 20,000 characters is about eight printed pages.
LONG_TEXT_LIMIT = 20_000
SHORT_TEXT_LIMIT = 500


def text_problems(field: str, value: str, limit: int) -> list[Problem]:
    if len(value) > limit:
        return [Problem(field, f"is {len(value):,} characters long; the most is {limit:,}. "
                               "Split it into more than one entry.")]
    return []


def _texts(problems: list[Problem], record: object, prefix: str, long: tuple[str, ...],
           short: tuple[str, ...]) -> None:
    for name in long:
        problems.extend(text_problems(prefix + name, getattr(record, name), LONG_TEXT_LIMIT))
    for name in short:
        problems.extend(text_problems(prefix + name, getattr(record, name), SHORT_TEXT_LIMIT))


def _check_word(problems: list[Problem], field: str, value: str, words: dict[str, str],
                what: str) -> None:
    if value not in words:
        problems.append(Problem(field, f"'{value}' is not a known {what}"))


def case_problems(case: Case, today: date) -> list[Problem]:
    problems: list[Problem] = []
    victim = case.victim
    _texts(problems, case, "", ("notes", "closure_reason", "enhanced_override_reason"),
           ("reference", "crime_reference"))
    _texts(problems, victim, "victim.", ("address", "communication_needs"),
           ("given_names", "family_name", "preferred_name", "postcode", "email", "language",
            "interpreter_language"))
    for i, phone in enumerate(victim.phones):
        _texts(problems, phone, f"victim.phones[{i}].", (), ("number", "label"))
    _texts(problems, case.safe_contact, "safe_contact.", ("notes",), ())
    _texts(problems, case.agreement, "agreement.", ("notes", "waiver_reason"), ("through_name",))
    if not case.reference.strip():
        problems.append(Problem("reference", "A case reference is required."))
    _check_word(problems, "offence_category", case.offence_category, vocab.OFFENCE_CATEGORIES,
                "offence category")
    if case.status not in vocab.CASE_STATUSES:
        problems.append(Problem("status", f"'{case.status}' is not open or closed"))
    if case.status == "closed" and case.closed_at is None:
        problems.append(Problem("closed_at", "A closed case needs the date it was closed."))
    if not victim.given_names.strip():
        problems.append(Problem("victim.given_names", "The victim's given name is required."))
    if case.offence_date and case.offence_date > today:
        problems.append(Problem("offence_date", "The offence date is in the future."))
    if victim.date_of_birth:
        if victim.date_of_birth > today:
            problems.append(Problem("victim.date_of_birth", "Date of birth is in the future."))
        if case.offence_date and victim.date_of_birth > case.offence_date:
            problems.append(
                Problem("victim.date_of_birth", "Date of birth is after the offence date.")
            )
    for flag in victim.vulnerability_flags:
        _check_word(problems, "victim.vulnerability_flags", flag, vocab.VULNERABILITY_FLAGS,
                    "vulnerability flag")
    for i, phone in enumerate(victim.phones):
        if not any(ch.isdigit() for ch in phone.number):
            problems.append(Problem(f"victim.phones[{i}]", f"'{phone.number}' has no digits"))
    if case.enhanced_override is not None and not case.enhanced_override_reason.strip():
        problems.append(
            Problem("enhanced_override_reason", "Overriding enhanced rights needs a reason.")
        )
    safe = case.safe_contact
    for name in ("call_from", "call_until"):
        value = getattr(safe, name)
        if value is not None and not _TIME.match(value):
            problems.append(Problem(f"safe_contact.{name}", f"'{value}' is not a time (HH:MM)"))
    if (safe.call_from is None) != (safe.call_until is None):
        problems.append(Problem("safe_contact.call_until", "Give both ends of the safe call window."))
    agreement = case.agreement
    if agreement.frequency_days is not None and agreement.frequency_days < 1:
        problems.append(Problem("agreement.frequency_days", "Contact every N days needs N of 1 or more."))
    _check_word(problems, "agreement.method", agreement.method, vocab.CONTACT_METHODS, "contact method")
    _check_word(problems, "agreement.through_whom", agreement.through_whom, vocab.CONTACT_PARTIES,
                "contact party")
    if (agreement.opted_out or agreement.paused) and not agreement.waiver_reason.strip():
        problems.append(Problem("agreement.waiver_reason", "An opt-out or pause needs a reason."))
    return problems


EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
# A little slack for a laptop clock that runs fast; beyond that a time is a typing slip.
FUTURE_SLACK = timedelta(days=1)


def _when_problems(field: str, moment: datetime) -> list[Problem]:
    if moment.tzinfo is None:
        return [Problem(field, "The time needs a time zone.")]
    if moment < EARLIEST:
        return [Problem(field, "is before 1900: check the year.")]
    if moment > datetime.now(UTC) + FUTURE_SLACK:
        return [Problem(field, "is in the future: record what has happened, when it happened.")]
    return []


def event_problems(event: CaseEvent) -> list[Problem]:
    problems: list[Problem] = []
    _texts(problems, event, "", ("notes",), ())
    _check_word(problems, "kind", event.kind, vocab.EVENT_KINDS, "event kind")
    problems.extend(_when_problems("occurred_at", event.occurred_at))
    return problems


def contact_problems(contact: Contact | ContactAmendment) -> list[Problem]:
    problems: list[Problem] = []
    _texts(problems, contact, "", ("narrative",), ())
    if isinstance(contact, ContactAmendment):
        _texts(problems, contact, "", ("reason",), ())
    _check_word(problems, "method", contact.method, vocab.CONTACT_METHODS, "contact method")
    _check_word(problems, "direction", contact.direction, vocab.DIRECTIONS, "direction")
    _check_word(problems, "with_whom", contact.with_whom, vocab.CONTACT_PARTIES, "contact party")
    _check_word(problems, "outcome", contact.outcome, vocab.CONTACT_OUTCOMES, "outcome")
    for item in contact.covered:
        _check_word(problems, "covered", item, vocab.CODE_ITEMS, "Victims' Code item")
    problems.extend(_when_problems("occurred_at", contact.occurred_at))
    if isinstance(contact, ContactAmendment) and not contact.reason.strip():
        problems.append(Problem("reason", "An amendment needs a reason."))
    return problems


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)
