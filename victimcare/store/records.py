"""Reading and writing the case model. Plain SQL, one function per record type.

Field conversion is driven by each dataclass's annotations, so a column and its field share
one name and one rule: datetimes go to UTC text, dates to ISO text, bools to 0/1, lists of
words to JSON.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any, TypeVar

from victimcare.domain.model import (
    AuditEntry,
    CareAction,
    CareNeed,
    CarePlan,
    Case,
    CaseEvent,
    CaseSummary,
    Commitment,
    Contact,
    ContactAgreement,
    ContactAmendment,
    Officer,
    Phone,
    Referral,
    SafeContactRules,
    Victim,
)
from victimcare.domain.timeutil import from_storage, to_storage
from victimcare.store.database import Database

T = TypeVar("T")

# Fields that live in other tables (child lists) or are computed, per record type.
_NOT_COLUMNS = {
    "phones", "vulnerability_flags", "amendments", "needs", "actions", "referrals",
    "victim", "safe_contact", "agreement", "events", "contacts", "care_plan", "commitments",
}


def _columns(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if f.name not in _NOT_COLUMNS and f.name != "id"]


def _encode(annotation: str, value: Any) -> Any:
    if value is None:
        return None
    if annotation.startswith("datetime"):
        return to_storage(value)
    if annotation.startswith("date"):
        return value.isoformat()
    if annotation.startswith("bool"):
        return 1 if value else 0
    if annotation.startswith("list[str]"):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _decode(annotation: str, value: Any) -> Any:
    if value is None:
        return None
    if annotation.startswith("datetime"):
        return from_storage(value)
    if annotation.startswith("date"):
        return date.fromisoformat(value)
    if annotation.startswith("bool"):
        return bool(value)
    if annotation.startswith("list[str]"):
        return list(json.loads(value))
    return value


def _insert(db: Database, table: str, record: Any, **extra: Any) -> int:
    values = {f.name: _encode(str(f.type), getattr(record, f.name)) for f in _columns(type(record))}
    values.update(extra)
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    return db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))


def _update(db: Database, table: str, record: Any, key: str, key_value: Any) -> None:
    values = {f.name: _encode(str(f.type), getattr(record, f.name)) for f in _columns(type(record))}
    assignments = ", ".join(f"{name} = ?" for name in values)
    db.execute(
        f"UPDATE {table} SET {assignments} WHERE {key} = ?", [*values.values(), key_value]
    )


def _build(cls: type[T], row: Any, **children: Any) -> T:
    kwargs = {f.name: _decode(str(f.type), row[f.name]) for f in _columns(cls)}
    if "id" in row.keys() and any(f.name == "id" for f in dataclasses.fields(cls)):
        kwargs["id"] = row["id"]
    kwargs.update(children)
    return cls(**kwargs)


# -- officers -------------------------------------------------------------------------------
def add_officer(db: Database, officer: Officer) -> Officer:
    officer.id = _insert(db, "officers", officer)
    return officer


def officers(db: Database) -> list[Officer]:
    return [_build(Officer, row) for row in db.all("SELECT * FROM officers ORDER BY id")]


# -- cases ----------------------------------------------------------------------------------
def insert_case(db: Database, case: Case) -> Case:
    """Store a whole case graph as given, in one transaction. Sets every id."""
    with db.transaction():
        case.id = _insert(db, "cases", case)
        _insert_victim(db, case.id, case.victim)
        _insert(db, "safe_contact_rules", case.safe_contact, case_id=case.id)
        _insert(db, "contact_agreements", case.agreement, case_id=case.id)
        for event in case.events:
            add_event(db, case.id, event)
        for contact in case.contacts:
            add_contact(db, case.id, contact)
            for amendment in contact.amendments:
                add_amendment(db, contact.id, amendment)
        _insert_care_plan(db, case.id, case.care_plan)
        for commitment in case.commitments:
            add_commitment(db, case.id, commitment)
        reindex_case(db, case.id)
    return case


def _insert_victim(db: Database, case_id: int, victim: Victim) -> None:
    victim.id = _insert(db, "victims", victim, case_id=case_id)
    db.executemany(
        "INSERT INTO victim_phones (victim_id, position, label, number) VALUES (?, ?, ?, ?)",
        [(victim.id, i, p.label, p.number) for i, p in enumerate(victim.phones)],
    )
    db.executemany(
        "INSERT INTO vulnerability_flags (victim_id, flag) VALUES (?, ?)",
        [(victim.id, flag) for flag in sorted(set(victim.vulnerability_flags))],
    )


def _insert_care_plan(db: Database, case_id: int, plan: CarePlan) -> None:
    _insert(db, "care_plans", plan, case_id=case_id)
    for need in plan.needs:
        need.id = _insert(db, "care_needs", need, case_id=case_id)
    for action in plan.actions:
        action.id = _insert(db, "care_actions", action, case_id=case_id)
    for referral in plan.referrals:
        referral.id = _insert(db, "referrals", referral, case_id=case_id)


def update_case_details(db: Database, case: Case) -> None:
    """Write the case row, victim, safe-contact rules and agreement (not the logs)."""
    with db.transaction():
        _update(db, "cases", case, "id", case.id)
        _update(db, "victims", case.victim, "id", case.victim.id)
        db.execute("DELETE FROM victim_phones WHERE victim_id = ?", (case.victim.id,))
        db.execute("DELETE FROM vulnerability_flags WHERE victim_id = ?", (case.victim.id,))
        db.executemany(
            "INSERT INTO victim_phones (victim_id, position, label, number) VALUES (?, ?, ?, ?)",
            [(case.victim.id, i, p.label, p.number) for i, p in enumerate(case.victim.phones)],
        )
        db.executemany(
            "INSERT INTO vulnerability_flags (victim_id, flag) VALUES (?, ?)",
            [(case.victim.id, f) for f in sorted(set(case.victim.vulnerability_flags))],
        )
        _update(db, "safe_contact_rules", case.safe_contact, "case_id", case.id)
        _update(db, "contact_agreements", case.agreement, "case_id", case.id)
        reindex_case(db, case.id)


def case_id_for_reference(db: Database, reference: str) -> int | None:
    return db.scalar("SELECT id FROM cases WHERE reference = ?", (reference,))


def case_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM cases"))


def all_case_ids(db: Database) -> list[int]:
    return [row[0] for row in db.all("SELECT id FROM cases ORDER BY reference")]


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
    victim = _build(Victim, victim_row, phones=phones, vulnerability_flags=flags)
    safe = _build(
        SafeContactRules, db.first("SELECT * FROM safe_contact_rules WHERE case_id = ?", (case_id,))
    )
    agreement = _build(
        ContactAgreement,
        db.first("SELECT * FROM contact_agreements WHERE case_id = ?", (case_id,)),
    )
    events = [
        _build(CaseEvent, r)
        for r in db.all(
            "SELECT * FROM case_events WHERE case_id = ? ORDER BY occurred_at, id", (case_id,)
        )
    ]
    return _build(
        Case,
        row,
        victim=victim,
        safe_contact=safe,
        agreement=agreement,
        events=events,
        contacts=contacts_for_case(db, case_id),
        care_plan=_load_care_plan(db, case_id),
        commitments=commitments_for_case(db, case_id),
    )


def _load_care_plan(db: Database, case_id: int) -> CarePlan:
    row = db.first("SELECT * FROM care_plans WHERE case_id = ?", (case_id,))
    return _build(
        CarePlan,
        row,
        needs=[_build(CareNeed, r) for r in db.all(
            "SELECT * FROM care_needs WHERE case_id = ? ORDER BY id", (case_id,))],
        actions=[_build(CareAction, r) for r in db.all(
            "SELECT * FROM care_actions WHERE case_id = ? ORDER BY id", (case_id,))],
        referrals=[_build(Referral, r) for r in db.all(
            "SELECT * FROM referrals WHERE case_id = ? ORDER BY id", (case_id,))],
    )


# -- events, contacts, amendments -------------------------------------------------------------
def add_event(db: Database, case_id: int, event: CaseEvent) -> CaseEvent:
    event.id = _insert(db, "case_events", event, case_id=case_id)
    return event


def add_contact(db: Database, case_id: int, contact: Contact) -> Contact:
    contact.id = _insert(db, "contacts", contact, case_id=case_id)
    return contact


def add_amendment(db: Database, contact_id: int, amendment: ContactAmendment) -> ContactAmendment:
    amendment.id = _insert(db, "contact_amendments", amendment, contact_id=contact_id)
    return amendment


def contacts_for_case(db: Database, case_id: int) -> list[Contact]:
    amendments: dict[int, list[ContactAmendment]] = {}
    for r in db.all(
        "SELECT a.* FROM contact_amendments a JOIN contacts c ON c.id = a.contact_id "
        "WHERE c.case_id = ? ORDER BY a.id",
        (case_id,),
    ):
        amendments.setdefault(r["contact_id"], []).append(_build(ContactAmendment, r))
    return [
        _build(Contact, r, amendments=amendments.get(r["id"], []))
        for r in db.all(
            "SELECT * FROM contacts WHERE case_id = ? ORDER BY occurred_at, id", (case_id,)
        )
    ]


# -- care plan ------------------------------------------------------------------------------
def save_care_plan_header(db: Database, case_id: int, plan: CarePlan) -> None:
    _update(db, "care_plans", plan, "case_id", case_id)


def add_need(db: Database, case_id: int, need: CareNeed) -> CareNeed:
    need.id = _insert(db, "care_needs", need, case_id=case_id)
    return need


def add_action(db: Database, case_id: int, action: CareAction) -> CareAction:
    action.id = _insert(db, "care_actions", action, case_id=case_id)
    return action


def add_referral(db: Database, case_id: int, referral: Referral) -> Referral:
    referral.id = _insert(db, "referrals", referral, case_id=case_id)
    return referral


# -- commitments ----------------------------------------------------------------------------
def add_commitment(db: Database, case_id: int, commitment: Commitment) -> Commitment:
    commitment.id = _insert(db, "commitments", commitment, case_id=case_id)
    return commitment


def commitments_for_case(db: Database, case_id: int) -> list[Commitment]:
    return [
        _build(Commitment, r)
        for r in db.all(
            "SELECT * FROM commitments WHERE case_id = ? ORDER BY due_at, id", (case_id,)
        )
    ]


# -- the case list and search ---------------------------------------------------------------
_SUMMARY_SQL = (
    "SELECT c.id, c.reference, c.status, c.offence_category, c.crime_reference, c.opened_at, "
    "v.given_names, v.family_name, v.preferred_name "
    "FROM cases c JOIN victims v ON v.case_id = c.id "
)


def _summary(row: Any) -> CaseSummary:
    victim = Victim(
        given_names=row["given_names"],
        family_name=row["family_name"],
        preferred_name=row["preferred_name"],
    )
    return CaseSummary(
        id=row["id"],
        reference=row["reference"],
        victim_name=victim.display_name,
        status=row["status"],
        offence_category=row["offence_category"],
        crime_reference=row["crime_reference"],
        opened_at=from_storage(row["opened_at"]),
    )


def case_summaries(db: Database, status: str | None = None) -> list[CaseSummary]:
    where, params = ("WHERE c.status = ? ", (status,)) if status else ("", ())
    return [_summary(r) for r in db.all(_SUMMARY_SQL + where + "ORDER BY c.reference", params)]


def search_cases(db: Database, fts_query: str, limit: int = 500) -> list[CaseSummary]:
    """Cases whose indexed text matches an FTS5 query (built by the caller, never raw input)."""
    return [
        _summary(r)
        for r in db.all(
            _SUMMARY_SQL
            + "WHERE c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?) "
            "ORDER BY c.reference LIMIT ?",
            (fts_query, limit),
        )
    ]


def eligibility_facts(db: Database) -> list[tuple[int, Case]]:
    """Every case as a skeleton holding only what enhanced rights are decided from (offence,
    dates, vulnerability flags, persistent targeting, the override), in one query."""
    rows = db.all(
        "SELECT c.id, c.reference, c.offence_category, c.code_version, c.offence_date, "
        "c.persistently_targeted, c.enhanced_override, c.enhanced_override_reason, "
        "v.date_of_birth, (SELECT group_concat(f.flag, ' ') FROM vulnerability_flags f "
        "WHERE f.victim_id = v.id) AS flags "
        "FROM cases c JOIN victims v ON v.case_id = c.id")
    skeletons = []
    for r in rows:
        victim = Victim("", date_of_birth=_decode("date", r["date_of_birth"]),
                        vulnerability_flags=(r["flags"] or "").split())
        skeletons.append((r["id"], Case(
            reference=r["reference"], offence_category=r["offence_category"],
            code_version=r["code_version"], victim=victim,
            offence_date=_decode("date", r["offence_date"]),
            persistently_targeted=bool(r["persistently_targeted"]),
            enhanced_override=_decode("bool | None", r["enhanced_override"]),
            enhanced_override_reason=r["enhanced_override_reason"],
        )))
    return skeletons


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


# -- audit log ------------------------------------------------------------------------------
def last_audit_hash(db: Database) -> str:
    return db.scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1") or ""


def insert_audit(db: Database, entry: AuditEntry) -> AuditEntry:
    entry.id = _insert(db, "audit_log", entry)
    return entry


def audit_entries(db: Database, case_reference: str | None = None) -> list[AuditEntry]:
    if case_reference is None:
        rows = db.all("SELECT * FROM audit_log ORDER BY id")
    else:
        rows = db.all(
            "SELECT * FROM audit_log WHERE case_reference = ? ORDER BY id", (case_reference,)
        )
    return [_build(AuditEntry, r) for r in rows]


def next_case_reference(db: Database, year: int) -> str:
    prefix = f"VC-{year}-"
    # Compared as numbers, so VC-2026-10000 comes after VC-2026-9999.
    last = db.scalar(
        "SELECT max(CAST(substr(reference, ?) AS INTEGER)) FROM cases WHERE reference LIKE ?",
        (len(prefix) + 1, prefix + "%"),
    )
    return f"{prefix}{(last or 0) + 1:04d}"
