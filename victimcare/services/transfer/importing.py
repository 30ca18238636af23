"""Importing: check the whole document, then write every case in one transaction, its
statutory and agreed-contact commitments replayed from its events and contacts."""

from __future__ import annotations

import os
from pathlib import Path

from victimcare.domain.code_rules import load_rules
from victimcare.domain.commitment_rules import replay
from victimcare.domain.model import Officer
from victimcare.domain.timeutil import utc_now
from victimcare.services import audit
from victimcare.services.transfer.document import ParsedCase, read_document
from victimcare.services.transfer.reading import ImportRejected, load_json
from victimcare.store import care_plan, commitments, officers, records
from victimcare.store.database import Database


def parse_export(text: str, source_name: str = "file") -> dict:
    """Parse and check a whole export without touching any store; returns the document.

    Raises ImportRejected naming every problem found. Checks that need a store (a reference
    already held) are made by import_data."""
    document = load_json(text, source_name)
    read_document(document, source_name)
    return document


def import_data(db: Database, document: dict, source_name: str = "document") -> list[str]:
    """Add every case in an export document; returns their references in file order.

    The document is checked here whether or not parse_export has seen it. Nothing is written
    unless all of it is sound and no reference is already held; then all cases go in one
    transaction, each logged as a collection."""
    parsed = read_document(document, source_name)
    imported: list[str] = []
    with db.transaction():
        # Inside the transaction (BEGIN IMMEDIATE holds the write lock), so no case can
        # arrive between this check and the insert.
        clashes = [
            f"{item.path}.reference: '{item.case.reference}' is already in this database"
            for item in parsed
            if records.case_id_for_reference(db, item.case.reference) is not None
        ]
        if clashes:
            raise ImportRejected(source_name, clashes)
        officer_ids: dict[tuple[str, str], int] = {}
        for item in parsed:
            _write_case(db, item, officer_ids)
            audit.record(db, "collection", item.case.reference, "imported from file")
            imported.append(item.case.reference)
    return imported


def import_from_file(db: Database, path: str | os.PathLike[str]) -> list[str]:
    path = Path(path)
    source = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRejected(source, [f"could not be read ({exc.strerror or exc})"]) from None
    try:
        # utf-8-sig: a byte-order mark added by a text editor is not a reason to refuse.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            source, [f"is not UTF-8 text (byte {exc.start} cannot be read)"]) from None
    return import_data(db, load_json(text, source), source_name=source)


def _write_case(db: Database, item: ParsedCase,
                officer_ids: dict[tuple[str, str], int]) -> None:
    """Store one checked case; the caller holds the transaction."""
    for record, officer in item.officers:
        record.officer_id = _officer_id(db, officer, officer_ids)
    case = item.case
    records.insert_case(db, case)
    # Actions and commitments point at needs, events and contacts whose ids exist only now.
    for action, need in item.actions:
        action.need_id = None if need is None else need.id
        care_plan.add_action(db, case.id, action)
        case.care_plan.actions.append(action)
    # Statutory and agreed-contact commitments are derived from the events and contacts,
    # replayed in time order exactly as if entered by hand; only promises (the officer's own
    # free choice) are taken from the file.
    derived = replay(case, load_rules(case.code_version))
    for links in item.commitments:
        commitment = links.commitment
        if commitment.kind != "promise":
            continue
        commitment.event_id = None if links.event is None else links.event.id
        commitment.met_by_contact_id = None if links.contact is None else links.contact.id
        derived.append(commitment)
    for commitment in derived:
        commitments.add_commitment(db, case.id, commitment)
        case.commitments.append(commitment)


def _officer_id(db: Database, officer: tuple[str, str],
                known: dict[tuple[str, str], int]) -> int:
    """The store's officer with this name and staff number, added if there is none."""
    if officer not in known:
        name, staff_number = officer
        found = officers.officer_id_named(db, name, staff_number)
        if found is None:
            found = officers.add_officer(
                db, Officer(name, staff_number, created_at=utc_now())).id
        known[officer] = found
    return known[officer]
