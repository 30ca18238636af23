"""Checking a whole export document and turning it into the case model, before anything is
written: every problem is found (and named by its JSON path) in one pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from victimcare.domain import vocabulary as vocab
from victimcare.domain.code_rules import available_versions
from victimcare.domain.model import (
    CareAction,
    CareNeed,
    CarePlan,
    Case,
    CaseEvent,
    Commitment,
    Contact,
    ContactAgreement,
    ContactAmendment,
    Phone,
    Referral,
    SafeContactRules,
    Victim,
)
from victimcare.domain.timeutil import london, utc_now
from victimcare.domain.validation import case_problems, contact_problems, event_problems
from victimcare.services.transfer.fields import (
    ACTION,
    ACTION_CHILDREN,
    AGREEMENT,
    AMENDMENT,
    AMENDMENT_CHILDREN,
    CARE_PLAN,
    CARE_PLAN_CHILDREN,
    CASE,
    CASE_CHILDREN,
    COMMITMENT,
    COMMITMENT_CHILDREN,
    CONTACT,
    CONTACT_CHILDREN,
    EVENT,
    FORMAT_NAME,
    FORMAT_VERSION,
    NEED,
    PHONE,
    REFERRAL,
    SAFE_CONTACT,
    VICTIM,
    VICTIM_CHILDREN,
    field_names,
)
from victimcare.services.transfer.reading import ImportRejected, Reader, describe

# Longer than any real contact agreement; a larger number would overflow date arithmetic later.
_MAX_FREQUENCY_DAYS = 3650

@dataclass
class CommitmentLinks:
    """A commitment waiting for its event's and contact's ids, known only once they are stored."""

    commitment: Commitment
    event: CaseEvent | None
    contact: Contact | None


@dataclass
class ParsedCase:
    path: str
    case: Case  # care plan actions and commitments are written after the rest, see _write_case
    actions: list[tuple[CareAction, CareNeed | None]] = field(default_factory=list)
    commitments: list[CommitmentLinks] = field(default_factory=list)
    # (record with an officer_id, (name, staff_number)) to resolve against the target store
    officers: list[tuple[Any, tuple[str, str]]] = field(default_factory=list)


def read_document(document: Any, source: str) -> list[ParsedCase]:
    """Check the whole document and build the cases it holds, or raise ImportRejected."""
    if not isinstance(document, dict):
        raise ImportRejected(source, [
            f"is not a victimcare export: it holds {describe(document)}, not an object"])
    if "format" not in document:
        raise ImportRejected(source, ["is not a victimcare export: it has no 'format' field"])
    if document["format"] != FORMAT_NAME:
        raise ImportRejected(source, [
            f"format: {describe(document['format'])} is not a victimcare export "
            f"(expected \"{FORMAT_NAME}\")"])
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportRejected(source, [
            f"version: should be a whole number, not {describe(version)}"])
    if version > FORMAT_VERSION:
        raise ImportRejected(source, [
            f"version: this file is export format version {version}, written by a newer "
            f"victimcare; this victimcare reads version {FORMAT_VERSION}. Update victimcare "
            "to import it"])
    if version < 1:
        raise ImportRejected(source, [f"version: {version} is not an export format version"])

    reader = Reader()
    reader.object(document, "", "an export", ("format", "version", "exported_at", "cases"))
    reader.value(document, "", "exported_at", "time")
    today = london(utc_now()).date()
    known_versions = set(available_versions())
    parsed: list[ParsedCase] = []
    first_seen: dict[str, str] = {}
    for i, raw_case in enumerate(reader.items(document, "", "cases")):
        item = _read_case(reader, raw_case, i, today, known_versions)
        if item is None:
            continue
        reference = item.case.reference
        if reference in first_seen:
            reader.problem(f"{item.path}.reference",
                           f"'{reference}' appears twice in this file (also {first_seen[reference]})")
        else:
            first_seen[reference] = f"cases[{i}]"
        parsed.append(item)
    if reader.problems:
        raise ImportRejected(source, [f"{path}: {message}" for path, message in reader.problems])
    return parsed


def _read_case(reader: Reader, raw: Any, index: int, today: date,
               known_versions: set[str]) -> ParsedCase | None:
    path = f"cases[{index}]"
    if isinstance(raw, dict) and isinstance(raw.get("reference"), str):
        path += f" ({raw['reference']})"
    obj = reader.object(raw, path, "a case", field_names(CASE, *CASE_CHILDREN))
    if obj is None:
        return None
    item = ParsedCase(path=path, case=Case(victim=Victim(""), **reader.fields(obj, path, CASE)))
    case = item.case
    if case.code_version and case.code_version not in known_versions:
        reader.problem(f"{path}.code_version",
                       f"'{case.code_version}' is not a Victims' Code version this victimcare "
                       f"knows ({', '.join(sorted(known_versions))})")
    officer = reader.officer(obj, path)
    if officer is not None:
        item.officers.append((case, officer))

    victim_path = f"{path}.victim"
    victim_obj = reader.child(obj, path, "victim", "the victim", field_names(VICTIM, *VICTIM_CHILDREN))
    case.victim = Victim(**reader.fields(victim_obj, victim_path, VICTIM))
    if victim_obj is not None:
        for j, raw_phone in enumerate(reader.items(victim_obj, victim_path, "phones")):
            phone_path = f"{victim_path}.phones[{j}]"
            phone_obj = reader.object(raw_phone, phone_path, "a phone", field_names(PHONE))
            if phone_obj is not None:
                case.victim.phones.append(Phone(**reader.fields(phone_obj, phone_path, PHONE)))

    flags = case.victim.vulnerability_flags
    for j, flag in enumerate(flags):
        if flag in flags[:j]:
            # The store keeps a flag once: a repeat would not survive the round trip.
            reader.problem(f"{victim_path}.vulnerability_flags[{j}]", f"'{flag}' is listed twice")

    safe_obj = reader.child(obj, path, "safe_contact", "the safe-contact rules",
                            field_names(SAFE_CONTACT))
    case.safe_contact = SafeContactRules(
        **reader.fields(safe_obj, f"{path}.safe_contact", SAFE_CONTACT))
    agreement_obj = reader.child(obj, path, "agreement", "the contact agreement",
                                 field_names(AGREEMENT))
    case.agreement = ContactAgreement(
        **reader.fields(agreement_obj, f"{path}.agreement", AGREEMENT))
    if (case.agreement.frequency_days or 0) > _MAX_FREQUENCY_DAYS:
        reader.problem(f"{path}.agreement.frequency_days",
                       f"{case.agreement.frequency_days} days is more than the "
                       f"{_MAX_FREQUENCY_DAYS} allowed")
    reader.domain_problems(path, case_problems(case, today))

    event_keys = _read_events(reader, obj, path, case)
    contact_keys = _read_contacts(reader, obj, path, case, item)
    _read_care_plan(reader, obj, path, item)
    item.commitments = _commitments_from_document(reader, obj, path, event_keys, contact_keys)
    return item


def _read_events(reader: Reader, obj: dict, path: str, case: Case) -> dict[str, CaseEvent]:
    keys: dict[str, CaseEvent] = {}
    for j, raw in enumerate(reader.items(obj, path, "events")):
        where = f"{path}.events[{j}]"
        event_obj = reader.object(raw, where, "an event", field_names(EVENT, "key"))
        if event_obj is None:
            continue
        key = reader.key(event_obj, where, keys, "event")
        event = CaseEvent(**reader.fields(event_obj, where, EVENT))
        reader.domain_problems(where, event_problems(event))
        case.events.append(event)
        if key is not None:
            keys[key] = event
    return keys


def _read_contacts(reader: Reader, obj: dict, path: str, case: Case,
                   item: ParsedCase) -> dict[str, Contact]:
    keys: dict[str, Contact] = {}
    for j, raw in enumerate(reader.items(obj, path, "contacts")):
        where = f"{path}.contacts[{j}]"
        contact_obj = reader.object(raw, where, "a contact", field_names(CONTACT, *CONTACT_CHILDREN))
        if contact_obj is None:
            continue
        key = reader.key(contact_obj, where, keys, "contact")
        contact = Contact(**reader.fields(contact_obj, where, CONTACT))
        reader.domain_problems(where, contact_problems(contact))
        officer = reader.officer(contact_obj, where)
        if officer is not None:
            item.officers.append((contact, officer))
        for k, raw_amendment in enumerate(reader.items(contact_obj, where, "amendments")):
            amendment_path = f"{where}.amendments[{k}]"
            amendment_obj = reader.object(raw_amendment, amendment_path, "an amendment",
                                          field_names(AMENDMENT, *AMENDMENT_CHILDREN))
            if amendment_obj is None:
                continue
            amendment = ContactAmendment(**reader.fields(amendment_obj, amendment_path, AMENDMENT))
            reader.domain_problems(amendment_path, contact_problems(amendment))
            officer = reader.officer(amendment_obj, amendment_path)
            if officer is not None:
                item.officers.append((amendment, officer))
            contact.amendments.append(amendment)
        case.contacts.append(contact)
        if key is not None:
            keys[key] = contact
    return keys


def _read_care_plan(reader: Reader, obj: dict, path: str, item: ParsedCase) -> None:
    where = f"{path}.care_plan"
    plan_obj = reader.child(obj, path, "care_plan", "the care plan",
                            field_names(CARE_PLAN, *CARE_PLAN_CHILDREN))
    plan = CarePlan(**reader.fields(plan_obj, where, CARE_PLAN))
    item.case.care_plan = plan
    if plan_obj is None:
        return
    need_keys: dict[str, CareNeed] = {}
    for j, raw in enumerate(reader.items(plan_obj, where, "needs")):
        need_path = f"{where}.needs[{j}]"
        need_obj = reader.object(raw, need_path, "a need", field_names(NEED, "key"))
        if need_obj is None:
            continue
        key = reader.key(need_obj, need_path, need_keys, "need")
        need = CareNeed(**reader.fields(need_obj, need_path, NEED))
        reader.word(need.area, need_path, "area", vocab.NEED_AREAS, "need area")
        reader.word(need.level, need_path, "level", vocab.NEED_LEVELS, "need level")
        plan.needs.append(need)
        if key is not None:
            need_keys[key] = need
    for j, raw in enumerate(reader.items(plan_obj, where, "actions")):
        action_path = f"{where}.actions[{j}]"
        action_obj = reader.object(raw, action_path, "an action", field_names(ACTION, *ACTION_CHILDREN))
        if action_obj is None:
            continue
        action = CareAction(**reader.fields(action_obj, action_path, ACTION))
        if not action.description.strip():
            reader.problem(f"{action_path}.description", "an action needs a description")
        reader.word(action.status, action_path, "status", vocab.ACTION_STATUSES, "action status")
        need = reader.reference(action_obj, action_path, "need", need_keys, "a need")
        item.actions.append((action, need))
    for j, raw in enumerate(reader.items(plan_obj, where, "referrals")):
        referral_path = f"{where}.referrals[{j}]"
        referral_obj = reader.object(raw, referral_path, "a referral", field_names(REFERRAL))
        if referral_obj is None:
            continue
        referral = Referral(**reader.fields(referral_obj, referral_path, REFERRAL))
        reader.word(referral.agency, referral_path, "agency", vocab.REFERRAL_AGENCIES, "agency")
        reader.word(referral.consent, referral_path, "consent", vocab.CONSENT, "consent answer")
        reader.word(referral.status, referral_path, "status", vocab.REFERRAL_STATUSES,
                    "referral status")
        plan.referrals.append(referral)


def _commitments_from_document(reader: Reader, obj: dict, path: str,
                               event_keys: dict[str, CaseEvent],
                               contact_keys: dict[str, Contact]) -> list[CommitmentLinks]:
    """The case's commitments as the file gives them, each with the event and contact it
    points at. Kept apart because commitments follow from events and contacts: a later format
    may derive them instead of carrying them."""
    found: list[CommitmentLinks] = []
    for j, raw in enumerate(reader.items(obj, path, "commitments")):
        where = f"{path}.commitments[{j}]"
        commitment_obj = reader.object(raw, where, "a commitment",
                                       field_names(COMMITMENT, *COMMITMENT_CHILDREN))
        if commitment_obj is None:
            continue
        commitment = Commitment(**reader.fields(commitment_obj, where, COMMITMENT))
        reader.word(commitment.kind, where, "kind", vocab.COMMITMENT_KINDS, "commitment kind")
        if not commitment.reason.strip():
            reader.problem(f"{where}.reason", "a commitment needs a reason")
        event = reader.reference(commitment_obj, where, "event", event_keys, "an event")
        contact = reader.reference(commitment_obj, where, "met_by_contact", contact_keys,
                                   "a contact")
        met_by_given = commitment_obj.get("met_by_contact") is not None
        both_given = "met_at" in commitment_obj and "met_by_contact" in commitment_obj
        if both_given and met_by_given != (commitment.met_at is not None):
            reader.problem(f"{where}.met_at", "met_at and met_by_contact go together: give "
                                              "both (met) or neither (not met)")
        if commitment.waived_at is not None and not commitment.waived_reason.strip():
            reader.problem(f"{where}.waived_reason", "a waived commitment needs a reason")
        found.append(CommitmentLinks(commitment, event, contact))
    return found
