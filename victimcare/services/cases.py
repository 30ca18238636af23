"""Case use cases: create, open, search, update, log contacts and events.

Each function is one user action: it validates, writes in one transaction, keeps the search
index in step and records the processing in the audit log.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from victimcare.domain.model import (
    Case,
    CaseEvent,
    CaseSummary,
    Contact,
    ContactAmendment,
    Victim,
)
from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.validation import (
    Problem,
    case_problems,
    contact_problems,
    event_problems,
    raise_if,
)
from victimcare.services import audit, commitments
from victimcare.services.action import case_action
from victimcare.store import case_list, officers, records
from victimcare.store.database import Database

CURRENT_CODE_VERSION = "victims-code-2020"


def new_case(
    db: Database,
    victim: Victim,
    offence_category: str,
    *,
    crime_reference: str = "",
    offence_date: date | None = None,
    now: datetime | None = None,
    **details: object,
) -> Case:
    """Create a case with the next local reference (VC-YYYY-NNNN) for the year it is opened."""
    now = now or utc_now()
    with db.transaction():
        case = Case(
            reference=records.next_case_reference(db, london(now).year),
            offence_category=offence_category,
            code_version=CURRENT_CODE_VERSION,
            victim=victim,
            crime_reference=crime_reference,
            offence_date=offence_date,
            opened_at=now,
            officer_id=officers.first_officer_id(db),
            **details,  # type: ignore[arg-type]
        )
        raise_if(case_problems(case, london(now).date()))
        records.insert_case(db, case)
        commitments.refresh_agreed(db, case)
        audit.record(db, "collection", case.reference, "case opened")
    return case


def open_case(db: Database, case_id: int) -> Case:
    """Load a case for viewing; viewing is consultation and is logged."""
    case = records.load_case(db, case_id)
    audit.record(db, "consultation", case.reference, "case opened for viewing")
    return case


def case_id_for_reference(db: Database, reference: str) -> int | None:
    """The case with this reference, or None (erased, or never held). Reads no personal data."""
    return records.case_id_for_reference(db, reference)


def update_case(db: Database, case: Case, what: str = "case details changed") -> None:
    raise_if(case_problems(case, london(utc_now()).date()))
    with case_action(db, case):
        records.update_case_details(db, case)
        # Eligibility or the agreement may have changed: open deadlines follow the facts.
        commitments.recompute_statutory(db, case)
        commitments.refresh_agreed(db, case)
        audit.record(db, "alteration", case.reference, what)


def record_event(db: Database, case: Case, event: CaseEvent) -> CaseEvent:
    raise_if(event_problems(event))
    event = replace(event, recorded_at=event.recorded_at or utc_now())
    with case_action(db, case):
        records.add_event(db, case.id, event)
        case.events.append(event)
        commitments.on_event_recorded(db, case, event)
        records.reindex_case(db, case.id)
        audit.record(db, "collection", case.reference, f"event recorded: {event.kind}")
    return event


def log_contact(db: Database, case: Case, contact: Contact,
                meets: list[int] | None = None, *, promise: str = "",
                promise_due: datetime | None = None) -> Contact:
    """Log a contact and mark the commitments it meets: the rules' defaults when `meets` is
    None, else exactly the commitment ids given (the officer may untick defaults). A promise
    made in the conversation (`promise`, due `promise_due`) is recorded with it: the entry and
    the promise are stored together or not at all, so a failed Save can be repeated."""
    problems = contact_problems(contact)
    if promise.strip() or promise_due is not None:
        problems += commitments.promise_problems(promise, promise_due)
    raise_if(problems)
    contact = replace(contact, recorded_at=contact.recorded_at or utc_now(), amendments=[])
    with case_action(db, case):
        if contact.officer_id is None:
            contact.officer_id = officers.first_officer_id(db)
        records.add_contact(db, case.id, contact)
        case.contacts.append(contact)
        commitments.on_contact_logged(db, case, contact, meets)
        records.reindex_case(db, case.id)
        audit.record(db, "collection", case.reference, "contact logged")
        if promise_due is not None:
            commitments.record_promise(db, case, promise, promise_due)
    return contact


def amend_contact(db: Database, case: Case, contact: Contact,
                  amendment: ContactAmendment) -> ContactAmendment:
    """Correct a contact entry. The original stays as written; the amendment says why."""
    raise_if(contact_problems(amendment))
    amendment = replace(amendment, amended_at=amendment.amended_at or utc_now())
    # The case's own copy of the entry is what the commitment rules read; the caller's copy
    # (when it is another object) is kept in step with it.
    own = next((c for c in case.contacts if c.id == contact.id), contact)
    touched = [own] if own is contact else [own, contact]
    try:
        with case_action(db, case):
            if amendment.officer_id is None:
                amendment.officer_id = officers.first_officer_id(db)
            records.add_amendment(db, contact.id, amendment)
            for entry in touched:
                entry.amendments.append(amendment)
            # Re-meeting: what the corrected entry no longer meets is owed again.
            commitments.on_contact_amended(db, case, own)
            records.reindex_case(db, case.id)
            # The reason is the officer's own words and may name people: it stays in the
            # record.
            audit.record(db, "alteration", case.reference, "contact entry amended")
    except BaseException:
        if contact is not own and amendment in contact.amendments:
            contact.amendments.remove(amendment)  # the case's own copy is put back above
        raise
    return amendment


def count_cases(db: Database) -> int:
    """Every case in the store, open or closed."""
    return records.case_count(db)


def list_cases(db: Database, status: str | None = None) -> list[CaseSummary]:
    return case_list.case_summaries(db, status)


_WORD = re.compile(r"\w+", re.UNICODE)


def search_query(text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word, as a prefix, must match.

    Each word is quoted, so FTS5 syntax in the input (AND, NEAR, *, quotes) is just text.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    return " AND ".join('"' + word.replace('"', '""') + '"*' for word in words)


def search_cases(db: Database, text: str, status: str | None = None) -> list[CaseSummary]:
    query = search_query(text)
    if query is None:
        return list_cases(db, status)
    found = case_list.search_cases(db, query)
    return [s for s in found if status is None or s.status == status]


def move_to_code_version(db: Database, case: Case, code_version: str) -> None:
    """The officer moves a case to another Code version: open deadlines follow its rules."""
    from victimcare.domain.code_rules import load_rules

    load_rules(code_version)  # refuses an unknown version before anything changes
    with case_action(db, case):
        previous, case.code_version = case.code_version, code_version
        update_case(db, case, f"moved from {previous} to {code_version}")


def close_case(db: Database, case: Case, reason: str, retention_review_date: date,
               now: datetime | None = None) -> None:
    """Close a case: record why and when its retention is reviewed, and waive what is still
    owed with the closure as the reason, so nothing stays silently open or overdue."""
    now = now or utc_now()
    problems = []
    if not reason.strip():
        problems.append(Problem("closure_reason", "Say why the case is being closed."))
    if retention_review_date <= london(now).date():
        problems.append(Problem("retention_review_date", "The retention review date must be in the future."))
    if case.status == "closed":
        problems.append(Problem("status", "This case is already closed."))
    raise_if(problems)
    with case_action(db, case):
        case.status, case.closed_at = "closed", now
        case.closure_reason, case.retention_review_date = reason.strip(), retention_review_date
        records.update_case_details(db, case)
        for commitment in case.commitments:
            if commitment.met_at is None and commitment.waived_at is None:
                commitments.waive_row(db, commitment, f"Case closed: {reason.strip()}", now)
        commitments.reload(db, case)
        audit.record(db, "alteration", case.reference, "case closed")


def enhanced_case_ids(db: Database) -> set[int]:
    """Cases with enhanced rights, decided by the domain rule over one query's facts."""
    from victimcare.domain.code_rules import RulesError, load_rules
    from victimcare.domain.eligibility import eligibility

    found: set[int] = set()
    for case_id, skeleton in case_list.eligibility_facts(db):
        try:
            rules = load_rules(skeleton.code_version)
        except RulesError:
            continue  # an unknown Code version: not for a list filter to decide
        if eligibility(skeleton, rules).enhanced:
            found.add(case_id)
    return found


def overdue_case_ids(db: Database) -> set[int]:
    """Open cases owing something past its due time."""
    return {item.case_id for item in commitments.worklist(db) if item.bucket == "overdue"}
