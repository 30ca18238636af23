"""Writing the export: every field of every record of each case, local keys in place of
database ids, and a disclosure logged per case exported."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from victimcare.domain.model import Case, Commitment, Officer
from victimcare.domain.timeutil import to_storage, utc_now
from victimcare.private_files import write_new_private_file
from victimcare.services import audit
from victimcare.services.transfer.fields import (
    ACTION,
    AGREEMENT,
    AMENDMENT,
    CARE_PLAN,
    CASE,
    COMMITMENT,
    CONTACT,
    EVENT,
    FORMAT_NAME,
    FORMAT_VERSION,
    NEED,
    PHONE,
    REFERRAL,
    SAFE_CONTACT,
    VICTIM,
    Spec,
)
from victimcare.store import officers, records
from victimcare.store.database import Database


def export_data(db: Database, case_reference: str | None = None,
                now: datetime | None = None) -> dict:
    """Every case (or the one named), complete, as a JSON-ready dict; each case exported is
    logged as a disclosure. Cases come in reference order and the same store always gives the
    same document, apart from `exported_at`."""
    now = now or utc_now()
    # One transaction: a consistent snapshot, and the disclosure rows all or none.
    with db.transaction():
        if case_reference is None:
            case_ids = records.all_case_ids(db)
        else:
            case_id = records.case_id_for_reference(db, case_reference)
            if case_id is None:
                raise LookupError(f"There is no case {case_reference}.")
            case_ids = [case_id]
        authors = {officer.id: officer for officer in officers.officers(db)}
        cases = [_case_document(records.load_case(db, case_id), authors, now)
                 for case_id in case_ids]
        for case in cases:
            audit.record(db, "disclosure", case["reference"], "exported to file")
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": to_storage(now),
        "cases": cases,
    }


def export_to_file(db: Database, path: str | os.PathLike[str],
                   case_reference: str | None = None) -> int:
    """Write the export as UTF-8 JSON to a new owner-only file; returns the number of cases.

    The disclosure is logged exactly when the file exists: a failed write rolls the audit rows
    back, and a failed commit removes the file."""
    written = False
    try:
        with db.transaction():
            document = export_data(db, case_reference)
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            write_new_private_file(path, text.encode("utf-8"))
            written = True
    except BaseException:
        if written:
            Path(path).unlink(missing_ok=True)
        raise
    return len(document["cases"])


def _encode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind.startswith("time"):
        return to_storage(value)
    if kind.startswith("date"):
        return value.isoformat()
    if kind == "words":
        return list(value)
    return value


def _fields_document(record: Any, spec: Spec) -> dict[str, Any]:
    return {name: _encode(kind, getattr(record, attr)) for name, attr, kind in spec}


def _officer_document(officer_id: int | None, officers: dict[int, Officer]) -> dict | None:
    if officer_id is None:
        return None
    officer = officers[officer_id]
    return {"name": officer.name, "staff_number": officer.staff_number}


def _case_document(case: Case, officers: dict[int, Officer], now: datetime) -> dict:
    # Local keys follow the order load_case gives: events and contacts by time then id,
    # needs by id. Another store gives the same keys to the same records.
    event_keys = {event.id: f"E{n}" for n, event in enumerate(case.events, 1)}
    contact_keys = {contact.id: f"C{n}" for n, contact in enumerate(case.contacts, 1)}
    need_keys = {need.id: f"N{n}" for n, need in enumerate(case.care_plan.needs, 1)}

    victim = case.victim
    plan = case.care_plan
    return {
        **_fields_document(case, CASE),
        "officer": _officer_document(case.officer_id, officers),
        "victim": {
            **_fields_document(victim, VICTIM),
            "phones": [_fields_document(phone, PHONE) for phone in victim.phones],
        },
        "safe_contact": _fields_document(case.safe_contact, SAFE_CONTACT),
        "agreement": _fields_document(case.agreement, AGREEMENT),
        "events": [
            {"key": event_keys[event.id], **_fields_document(event, EVENT)}
            for event in case.events
        ],
        "contacts": [
            {
                "key": contact_keys[contact.id],
                **_fields_document(contact, CONTACT),
                "officer": _officer_document(contact.officer_id, officers),
                "amendments": [
                    {
                        **_fields_document(amendment, AMENDMENT),
                        "officer": _officer_document(amendment.officer_id, officers),
                    }
                    for amendment in contact.amendments
                ],
            }
            for contact in case.contacts
        ],
        "care_plan": {
            **_fields_document(plan, CARE_PLAN),
            "needs": [{"key": need_keys[need.id], **_fields_document(need, NEED)}
                      for need in plan.needs],
            "actions": [
                {**_fields_document(action, ACTION),
                 "need": None if action.need_id is None else need_keys[action.need_id]}
                for action in plan.actions
            ],
            "referrals": [_fields_document(referral, REFERRAL) for referral in plan.referrals],
        },
        "commitments": [_commitment_document(commitment, event_keys, contact_keys, now)
                        for commitment in case.commitments],
    }


def _commitment_document(commitment: Commitment, event_keys: dict[int, str],
                         contact_keys: dict[int, str], now: datetime) -> dict:
    plain = _fields_document(commitment, COMMITMENT)
    return {
        "kind": plain["kind"],
        "reason": plain["reason"],
        "event": None if commitment.event_id is None else event_keys[commitment.event_id],
        "due": plain["due"],
        "created_at": plain["created_at"],
        "met_by_contact": (None if commitment.met_by_contact_id is None
                           else contact_keys[commitment.met_by_contact_id]),
        "met_at": plain["met_at"],
        "waived_at": plain["waived_at"],
        "waived_reason": plain["waived_reason"],
        # Derived from the facts and the export time; import ignores it.
        "status": commitment.status(now),
    }
