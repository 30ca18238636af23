"""Reading and writing a whole case: the case row, its victim, safe-contact rules and
agreement, its events and contact log, and the search index built from them. Plain SQL; the
row conversion is victimcare.store.rows, the other tables have their own modules.
"""

from __future__ import annotations

from victimcare.domain.model import (
    Case,
    CaseEvent,
    Contact,
    ContactAgreement,
    ContactAmendment,
    Phone,
    SafeContactRules,
    Victim,
)
from victimcare.store import rows
from victimcare.store.care_plan import insert_care_plan, load_care_plan
from victimcare.store.commitments import add_commitment, commitments_for_case
from victimcare.store.database import Database

# add_commitment is used here, and the demo generator reaches it through `records` too.


# -- cases ----------------------------------------------------------------------------------
def insert_case(db: Database, case: Case) -> Case:
    """Store a whole case graph as given, in one transaction. Sets every id."""
    with db.transaction():
        case.id = rows.insert(db, "cases", case)
        _insert_victim(db, case.id, case.victim)
        rows.insert(db, "safe_contact_rules", case.safe_contact, case_id=case.id)
        rows.insert(db, "contact_agreements", case.agreement, case_id=case.id)
        for event in case.events:
            add_event(db, case.id, event)
        for contact in case.contacts:
            add_contact(db, case.id, contact)
            for amendment in contact.amendments:
                add_amendment(db, contact.id, amendment)
        insert_care_plan(db, case.id, case.care_plan)
        for commitment in case.commitments:
            add_commitment(db, case.id, commitment)
        reindex_case(db, case.id)
    return case


def _insert_victim(db: Database, case_id: int, victim: Victim) -> None:
    victim.id = rows.insert(db, "victims", victim, case_id=case_id)
    _insert_victim_lists(db, victim)


def _insert_victim_lists(db: Database, victim: Victim) -> None:
    db.executemany(
        "INSERT INTO victim_phones (victim_id, position, label, number) VALUES (?, ?, ?, ?)",
        [(victim.id, i, p.label, p.number) for i, p in enumerate(victim.phones)],
    )
    db.executemany(
        "INSERT INTO vulnerability_flags (victim_id, flag) VALUES (?, ?)",
        [(victim.id, flag) for flag in sorted(set(victim.vulnerability_flags))],
    )


def update_case_details(db: Database, case: Case) -> None:
    """Write the case row, victim, safe-contact rules and agreement (not the logs)."""
    with db.transaction():
        rows.update(db, "cases", case, "id", case.id)
        rows.update(db, "victims", case.victim, "id", case.victim.id)
        db.execute("DELETE FROM victim_phones WHERE victim_id = ?", (case.victim.id,))
        db.execute("DELETE FROM vulnerability_flags WHERE victim_id = ?", (case.victim.id,))
        _insert_victim_lists(db, case.victim)
        rows.update(db, "safe_contact_rules", case.safe_contact, "case_id", case.id)
        rows.update(db, "contact_agreements", case.agreement, "case_id", case.id)
        reindex_case(db, case.id)


def case_id_for_reference(db: Database, reference: str) -> int | None:
    return db.scalar("SELECT id FROM cases WHERE reference = ?", (reference,))


def reference_and_status(db: Database, case_id: int) -> tuple[str, str] | None:
    """The case's reference and status (open, closed), or None when there is no such case."""
    row = db.first("SELECT reference, status FROM cases WHERE id = ?", (case_id,))
    return None if row is None else (row["reference"], row["status"])


def case_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM cases"))


def all_case_ids(db: Database) -> list[int]:
    return [row[0] for row in db.all("SELECT id FROM cases ORDER BY reference")]


def next_case_reference(db: Database, year: int) -> str:
    prefix = f"VC-{year}-"
    # Compared as numbers, so VC-2026-10000 comes after VC-2026-9999.
    last = db.scalar(
        "SELECT max(CAST(substr(reference, ?) AS INTEGER)) FROM cases WHERE reference LIKE ?",
        (len(prefix) + 1, prefix + "%"),
    )
    return f"{prefix}{(last or 0) + 1:04d}"


def load_case(db: Database, case_id: int) -> Case:
    row = db.first("SELECT * FROM cases WHERE id = ?", (case_id,))
    if row is None:
        raise KeyError(case_id)
    victim_row = db.first("SELECT * FROM victims WHERE case_id = ?", (case_id,))
    phones = [
        Phone(number=r["number"], label=r["label"])
        for r in db.all(
            "SELECT * FROM victim_phones WHERE victim_id = ? ORDER BY position", (victim_row["id"],)
        )
    ]
    flags = [
        r["flag"]
        for r in db.all(
            "SELECT flag FROM vulnerability_flags WHERE victim_id = ? ORDER BY flag",
            (victim_row["id"],),
        )
    ]
    victim = rows.build(Victim, victim_row, phones=phones, vulnerability_flags=flags)
    safe = rows.build(
        SafeContactRules, db.first("SELECT * FROM safe_contact_rules WHERE case_id = ?", (case_id,))
    )
    agreement = rows.build(
        ContactAgreement,
        db.first("SELECT * FROM contact_agreements WHERE case_id = ?", (case_id,)),
    )
    events = [
        rows.build(CaseEvent, r)
        for r in db.all(
            "SELECT * FROM case_events WHERE case_id = ? ORDER BY occurred_at, id", (case_id,)
        )
    ]
    return rows.build(
        Case,
        row,
        victim=victim,
        safe_contact=safe,
        agreement=agreement,
        events=events,
        contacts=contacts_for_case(db, case_id),
        care_plan=load_care_plan(db, case_id),
        commitments=commitments_for_case(db, case_id),
    )


# -- events, contacts, amendments -------------------------------------------------------------
def add_event(db: Database, case_id: int, event: CaseEvent) -> CaseEvent:
    event.id = rows.insert(db, "case_events", event, case_id=case_id)
    return event


def add_contact(db: Database, case_id: int, contact: Contact) -> Contact:
    contact.id = rows.insert(db, "contacts", contact, case_id=case_id)
    return contact


def add_amendment(db: Database, contact_id: int, amendment: ContactAmendment) -> ContactAmendment:
    amendment.id = rows.insert(db, "contact_amendments", amendment, contact_id=contact_id)
    return amendment


def contacts_for_case(db: Database, case_id: int) -> list[Contact]:
    amendments: dict[int, list[ContactAmendment]] = {}
    for r in db.all(
        "SELECT a.* FROM contact_amendments a JOIN contacts c ON c.id = a.contact_id "
        "WHERE c.case_id = ? ORDER BY a.id",
        (case_id,),
    ):
        amendments.setdefault(r["contact_id"], []).append(rows.build(ContactAmendment, r))
    return [
        rows.build(Contact, r, amendments=amendments.get(r["id"], []))
        for r in db.all(
            "SELECT * FROM contacts WHERE case_id = ? ORDER BY occurred_at, id", (case_id,)
        )
    ]


# -- the search index -------------------------------------------------------------------------
def reindex_case(db: Database, case_id: int) -> None:
    """Refresh the case's full-text entry from what an officer might search for."""
    parts: list[str] = []
    row = db.first(
        "SELECT c.reference, c.crime_reference, c.notes, v.id AS victim_id, v.given_names, "
        "v.family_name, v.preferred_name, v.email, v.postcode "
        "FROM cases c JOIN victims v ON v.case_id = c.id WHERE c.id = ?",
        (case_id,),
    )
    if row is None:
        return
    parts.extend(str(row[k]) for k in (
        "reference", "crime_reference", "given_names", "family_name", "preferred_name",
        "email", "postcode", "notes"))
    # Phone numbers are indexed as typed and as bare digits, so "07700 900123" and
    # "07700900123" both find the case.
    for number in db.all("SELECT number FROM victim_phones WHERE victim_id = ?", (row["victim_id"],)):
        digits = "".join(ch for ch in number[0] if ch.isdigit())
        parts.extend([number[0], digits])
    for text in db.all("SELECT narrative FROM contacts WHERE case_id = ?", (case_id,)):
        parts.append(text[0])
    for text in db.all(
        "SELECT a.narrative FROM contact_amendments a JOIN contacts c ON c.id = a.contact_id "
        "WHERE c.case_id = ?",
        (case_id,),
    ):
        parts.append(text[0])
    for text in db.all("SELECT notes FROM case_events WHERE case_id = ?", (case_id,)):
        parts.append(text[0])
    body = "\n".join(p for p in parts if p)
    db.execute("DELETE FROM case_search WHERE rowid = ?", (case_id,))
    db.execute("INSERT INTO case_search (rowid, body) VALUES (?, ?)", (case_id, body))
