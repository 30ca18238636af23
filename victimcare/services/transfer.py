"""Export and import of whole cases as one JSON document ("victimcare-export", version 1).

Export answers the right of access (Data Protection Act 2018 s.45) and moves cases between
stores: every field of every record, and no internal database id. Records inside a case point
at each other by local keys given in order (events E1, E2, ...; contacts C1, ...; needs N1, ...),
so a file means the same whichever store it came from or goes to. docs/export-format.md is the
specification.

Import is all-or-nothing: the whole document is read and checked first, each problem named by
its JSON path, and only then are the cases written, in one transaction.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from victimcare.domain import vocabulary as vocab
from victimcare.domain.code_rules import available_versions, load_rules
from victimcare.domain.commitment_rules import replay
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
    Officer,
    Phone,
    Referral,
    SafeContactRules,
    Victim,
)
from victimcare.domain.timeutil import london, to_storage, utc_now
from victimcare.domain.validation import (
    Problem,
    case_problems,
    contact_problems,
    event_problems,
)
from victimcare.private_files import write_new_private_file
from victimcare.services import audit
from victimcare.store import care_plan, commitments, officers, records
from victimcare.store.database import Database

FORMAT_NAME = "victimcare-export"
FORMAT_VERSION = 1

# Enough to act on without burying the first problem; the count of the rest is given.
_PROBLEMS_SHOWN = 10

# Longer than any real contact agreement; a larger number would overflow date arithmetic later.
_MAX_FREQUENCY_DAYS = 3650


class ImportRejected(ValueError):
    """The document cannot be imported and nothing was written.

    The message names the source, then each problem as `JSON path: what is wrong`.
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        shown = self.problems[:_PROBLEMS_SHOWN]
        text = "; ".join(shown)
        rest = len(self.problems) - len(shown)
        if rest:
            text += f"; and {rest} more problem{'s' if rest > 1 else ''}"
        if not text.endswith("."):
            text += "."
        super().__init__(f"{source}: {text}")


# -- the fields of each record ----------------------------------------------------------------
# (JSON name, dataclass attribute, kind). One table drives both directions, so export and
# import cannot drift apart. Kinds:
#   text   a string                      text?  a string or null
#   bool   true or false                 bool?  true, false or null (not yet asked)
#   int?   a whole number or null        words  a list of strings
#   date?  "YYYY-MM-DD" or null
#   time   ISO 8601 with an offset       time?  the same, or null
_Spec = tuple[tuple[str, str, str], ...]

_CASE: _Spec = (
    ("reference", "reference", "text"),
    ("crime_reference", "crime_reference", "text"),
    ("offence_category", "offence_category", "text"),
    ("offence_date", "offence_date", "date?"),
    ("code_version", "code_version", "text"),
    ("status", "status", "text"),
    ("opened_at", "opened_at", "time"),
    ("closed_at", "closed_at", "time?"),
    ("closure_reason", "closure_reason", "text"),
    ("retention_review_date", "retention_review_date", "date?"),
    ("persistently_targeted", "persistently_targeted", "bool"),
    ("enhanced_override", "enhanced_override", "bool?"),
    ("enhanced_override_reason", "enhanced_override_reason", "text"),
    ("notes", "notes", "text"),
)
_CASE_CHILDREN = ("officer", "victim", "safe_contact", "agreement", "events", "contacts",
                  "care_plan", "commitments")

_VICTIM: _Spec = (
    ("given_names", "given_names", "text"),
    ("family_name", "family_name", "text"),
    ("preferred_name", "preferred_name", "text"),
    ("date_of_birth", "date_of_birth", "date?"),
    ("address", "address", "text"),
    ("postcode", "postcode", "text"),
    ("email", "email", "text"),
    ("language", "language", "text"),
    ("interpreter_needed", "interpreter_needed", "bool"),
    ("interpreter_language", "interpreter_language", "text"),
    ("communication_needs", "communication_needs", "text"),
    ("vulnerability_flags", "vulnerability_flags", "words"),
)
_VICTIM_CHILDREN = ("phones",)

_PHONE: _Spec = (
    ("number", "number", "text"),
    ("label", "label", "text"),
)

_SAFE_CONTACT: _Spec = (
    ("voicemail_ok", "voicemail_ok", "bool?"),
    ("texts_ok", "texts_ok", "bool?"),
    ("letters_ok", "letters_ok", "bool?"),
    ("email_ok", "email_ok", "bool?"),
    ("call_from", "call_from", "text?"),
    ("call_until", "call_until", "text?"),
    ("suspect_lives_with", "suspect_lives_with", "bool"),
    ("suspect_lives_near", "suspect_lives_near", "bool"),
    ("notes", "notes", "text"),
)

_AGREEMENT: _Spec = (
    ("frequency_days", "frequency_days", "int?"),
    ("method", "method", "text"),
    ("through_whom", "through_whom", "text"),
    ("through_name", "through_name", "text"),
    ("start_date", "start_date", "date?"),
    ("opted_out", "opted_out", "bool"),
    ("paused", "paused", "bool"),
    ("waiver_reason", "waiver_reason", "text"),
    ("notes", "notes", "text"),
)

_EVENT: _Spec = (
    ("kind", "kind", "text"),
    ("occurred_at", "occurred_at", "time"),
    ("recorded_at", "recorded_at", "time"),
    ("notes", "notes", "text"),
)

_CONTACT: _Spec = (
    ("occurred_at", "occurred_at", "time"),
    ("method", "method", "text"),
    ("direction", "direction", "text"),
    ("with_whom", "with_whom", "text"),
    ("outcome", "outcome", "text"),
    ("covered", "covered", "words"),
    ("narrative", "narrative", "text"),
    ("recorded_at", "recorded_at", "time"),
)
_CONTACT_CHILDREN = ("key", "officer", "amendments")

_AMENDMENT: _Spec = (
    ("reason", "reason", "text"),
    ("occurred_at", "occurred_at", "time"),
    ("method", "method", "text"),
    ("direction", "direction", "text"),
    ("with_whom", "with_whom", "text"),
    ("outcome", "outcome", "text"),
    ("covered", "covered", "words"),
    ("narrative", "narrative", "text"),
    ("amended_at", "amended_at", "time"),
)
_AMENDMENT_CHILDREN = ("officer",)

_CARE_PLAN: _Spec = (
    ("review_date", "review_date", "date?"),
    ("notes", "notes", "text"),
)
_CARE_PLAN_CHILDREN = ("needs", "actions", "referrals")

_NEED: _Spec = (
    ("area", "area", "text"),
    ("level", "level", "text"),
    ("notes", "notes", "text"),
)

_ACTION: _Spec = (
    ("description", "description", "text"),
    ("owner", "owner", "text"),
    ("due_date", "due_date", "date?"),
    ("status", "status", "text"),
    ("completed_on", "completed_on", "date?"),
)
_ACTION_CHILDREN = ("need",)

_REFERRAL: _Spec = (
    ("agency", "agency", "text"),
    ("consent", "consent", "text"),
    ("consent_date", "consent_date", "date?"),
    ("referred_on", "referred_on", "date?"),
    ("status", "status", "text"),
    ("notes", "notes", "text"),
)

_COMMITMENT: _Spec = (
    ("kind", "kind", "text"),
    ("reason", "reason", "text"),
    ("due", "due_at", "time"),
    ("created_at", "created_at", "time"),
    ("met_at", "met_at", "time?"),
    ("waived_at", "waived_at", "time?"),
    ("waived_reason", "waived_reason", "text"),
)
# `status` is written for the reader's benefit and ignored on import: it is derived.
_COMMITMENT_CHILDREN = ("event", "met_by_contact", "status")

_OFFICER_FIELDS = ("name", "staff_number")


def _names(spec: _Spec, *extra: str) -> tuple[str, ...]:
    return (*(name for name, _, _ in spec), *extra)


# -- export ----------------------------------------------------------------------------------
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


def _fields_document(record: Any, spec: _Spec) -> dict[str, Any]:
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
        **_fields_document(case, _CASE),
        "officer": _officer_document(case.officer_id, officers),
        "victim": {
            **_fields_document(victim, _VICTIM),
            "phones": [_fields_document(phone, _PHONE) for phone in victim.phones],
        },
        "safe_contact": _fields_document(case.safe_contact, _SAFE_CONTACT),
        "agreement": _fields_document(case.agreement, _AGREEMENT),
        "events": [
            {"key": event_keys[event.id], **_fields_document(event, _EVENT)}
            for event in case.events
        ],
        "contacts": [
            {
                "key": contact_keys[contact.id],
                **_fields_document(contact, _CONTACT),
                "officer": _officer_document(contact.officer_id, officers),
                "amendments": [
                    {
                        **_fields_document(amendment, _AMENDMENT),
                        "officer": _officer_document(amendment.officer_id, officers),
                    }
                    for amendment in contact.amendments
                ],
            }
            for contact in case.contacts
        ],
        "care_plan": {
            **_fields_document(plan, _CARE_PLAN),
            "needs": [{"key": need_keys[need.id], **_fields_document(need, _NEED)}
                      for need in plan.needs],
            "actions": [
                {**_fields_document(action, _ACTION),
                 "need": None if action.need_id is None else need_keys[action.need_id]}
                for action in plan.actions
            ],
            "referrals": [_fields_document(referral, _REFERRAL) for referral in plan.referrals],
        },
        "commitments": [_commitment_document(commitment, event_keys, contact_keys, now)
                        for commitment in case.commitments],
    }


def _commitment_document(commitment: Commitment, event_keys: dict[int, str],
                         contact_keys: dict[int, str], now: datetime) -> dict:
    plain = _fields_document(commitment, _COMMITMENT)
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


# -- import ----------------------------------------------------------------------------------
def parse_export(text: str, source_name: str = "file") -> dict:
    """Parse and check a whole export without touching any store; returns the document.

    Raises ImportRejected naming every problem found. Checks that need a store (a reference
    already held) are made by import_data."""
    document = _load_json(text, source_name)
    _read_document(document, source_name)
    return document


def import_data(db: Database, document: dict, source_name: str = "document") -> list[str]:
    """Add every case in an export document; returns their references in file order.

    The document is checked here whether or not parse_export has seen it. Nothing is written
    unless all of it is sound and no reference is already held; then all cases go in one
    transaction, each logged as a collection."""
    parsed = _read_document(document, source_name)
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
    return import_data(db, _load_json(text, source), source_name=source)


# -- reading JSON ------------------------------------------------------------------------------
class _RepeatedKey(ValueError):
    pass


class _NotANumber(ValueError):
    pass


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict:
    # json.loads would keep the last of two equal keys and silently drop the first.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RepeatedKey(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)


def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_refuse_repeated_keys,
                          parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportRejected(source, [
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]) from None
    except _RepeatedKey as exc:
        raise ImportRejected(source, [
            f"is not a usable export: the field '{exc}' appears twice in one object"]) from None
    except _NotANumber as exc:
        raise ImportRejected(source, [
            f"is not valid JSON: {exc} is not a number JSON allows"]) from None
    except RecursionError:
        raise ImportRejected(source, ["is not a usable export: it is nested too deeply"]) from None


# -- checking a document and turning it into the case model ----------------------------------
@dataclass
class _CommitmentLinks:
    """A commitment waiting for its event's and contact's ids, known only once they are stored."""

    commitment: Commitment
    event: CaseEvent | None
    contact: Contact | None


@dataclass
class _ParsedCase:
    path: str
    case: Case  # care plan actions and commitments are written after the rest, see _write_case
    actions: list[tuple[CareAction, CareNeed | None]] = field(default_factory=list)
    commitments: list[_CommitmentLinks] = field(default_factory=list)
    # (record with an officer_id, (name, staff_number)) to resolve against the target store
    officers: list[tuple[Any, tuple[str, str]]] = field(default_factory=list)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME_START = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MISSING = object()


def _describe(value: Any) -> str:
    """A JSON value as a person would recognise it in a message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _within(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer + ".") or inner.startswith(outer + "[")


class _Reader:
    """Reads a document into the case model, noting each problem with its JSON path.

    A value that is missing or of the wrong type is replaced by a harmless stand-in so reading
    can go on and find the other problems; a second complaint about the same place (or inside
    a place already found wrong) is left out, so each mistake is reported once.
    """

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, path: str, message: str) -> None:
        for seen, _ in self.problems:
            if _within(path, seen) or _within(seen, path):
                return
        self.problems.append((path, message))

    def domain_problems(self, path: str, problems: Iterable[Problem]) -> None:
        for found in problems:
            # validation.py names a list's field for any bad item in it; point at the item.
            self.problem(_join(path, found.field), found.message.rstrip("."))

    # -- containers -------------------------------------------------------------------------
    def object(self, value: Any, path: str, what: str, allowed: Iterable[str]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, f"should be an object describing {what}, not {_describe(value)}")
            return None
        allowed = set(allowed)
        for key in value:
            if key not in allowed:
                self.problem(_join(path, key), f"is not a field of {what}")
        return value

    def member(self, obj: dict, path: str, name: str) -> Any:
        if name not in obj:
            self.problem(_join(path, name), "is missing")
            return _MISSING
        return obj[name]

    def child(self, obj: dict, path: str, name: str, what: str,
              allowed: Iterable[str]) -> dict | None:
        value = self.member(obj, path, name)
        if value is _MISSING:
            return None
        return self.object(value, _join(path, name), what, allowed)

    def items(self, obj: dict, path: str, name: str) -> list:
        value = self.member(obj, path, name)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.problem(_join(path, name), f"should be a list, not {_describe(value)}")
            return []
        return value

    # -- plain values ------------------------------------------------------------------------
    def fields(self, obj: dict | None, path: str, spec: _Spec) -> dict[str, Any]:
        if obj is None:
            return {attr: _STAND_IN[kind] for _, attr, kind in spec}
        return {attr: self.value(obj, path, name, kind) for name, attr, kind in spec}

    def value(self, obj: dict, path: str, name: str, kind: str) -> Any:
        where = _join(path, name)
        raw = self.member(obj, path, name)
        if raw is _MISSING:
            return _STAND_IN[kind]
        if raw is None and kind.endswith("?"):
            return None
        reader = getattr(self, "_" + kind.rstrip("?"))
        return reader(raw, where, kind.endswith("?"))

    def _wrong(self, where: str, expected: str, nullable: bool, raw: Any, stand_in: Any) -> Any:
        self.problem(where, f"should be {expected}{' or null' if nullable else ''}, "
                            f"not {_describe(raw)}")
        return stand_in

    def _text(self, raw: Any, where: str, nullable: bool) -> str:
        if not isinstance(raw, str):
            return self._wrong(where, "text", nullable, raw, "")
        if _SURROGATE.search(raw):
            # JSON can spell half a character ("\ud800"); the store cannot hold it.
            self.problem(where, "holds an unpaired surrogate escape, which is not text")
            return ""
        return raw

    def _bool(self, raw: Any, where: str, nullable: bool) -> bool:
        if not isinstance(raw, bool):
            return self._wrong(where, "true or false", nullable, raw, False)
        return raw

    def _int(self, raw: Any, where: str, nullable: bool) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            return self._wrong(where, "a whole number", nullable, raw, None)
        return raw

    def _date(self, raw: Any, where: str, nullable: bool) -> date | None:
        if not isinstance(raw, str):
            return self._wrong(where, "a date (YYYY-MM-DD)", nullable, raw, None)
        try:
            if not _DATE.fullmatch(raw):
                raise ValueError
            return date.fromisoformat(raw)
        except ValueError:
            self.problem(where, f"'{raw}' is not a date (YYYY-MM-DD)")
            return None

    def _time(self, raw: Any, where: str, nullable: bool) -> datetime | None:
        example = "e.g. 2026-03-01T14:00:00+00:00"
        stand_in = None if nullable else _EPOCH
        if not isinstance(raw, str):
            return self._wrong(where, f"a time ({example})", nullable, raw, stand_in)
        try:
            if not _TIME_START.match(raw):
                raise ValueError
            moment = datetime.fromisoformat(raw)
        except ValueError:
            self.problem(where, f"'{raw}' is not a time (ISO 8601 with offset, {example})")
            return stand_in
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.problem(where, f"'{raw}' has no UTC offset: add one (e.g. +00:00) so the "
                                "moment is unambiguous")
            return stand_in
        try:
            moment = moment.astimezone(UTC)
            london(moment)  # the app shows every time in London: it must be showable
        except (OverflowError, ValueError):
            self.problem(where, f"'{raw}' is out of range")
            return stand_in
        return moment

    def _words(self, raw: Any, where: str, nullable: bool) -> list[str]:
        if not isinstance(raw, list):
            return self._wrong(where, "a list of words", nullable, raw, [])
        return [self._text(item, f"{where}[{i}]", False) for i, item in enumerate(raw)]

    # -- words from a closed vocabulary validation.py does not check ---------------------
    def word(self, value: str, path: str, name: str, words: dict[str, str], what: str) -> None:
        if value not in words:
            self.problem(_join(path, name), f"'{value}' is not a known {what}")

    # -- local keys and officers ------------------------------------------------------------
    def key(self, obj: dict, path: str, taken: dict[str, Any], what: str) -> str | None:
        raw = self.member(obj, path, "key")
        if raw is _MISSING:
            return None
        key = self._text(raw, _join(path, "key"), False)
        if not key.strip():
            self.problem(_join(path, "key"), f"{what} needs a key (such as the one export gives)")
            return None
        if key in taken:
            self.problem(_join(path, "key"), f"'{key}' is the key of another {what} in this "
                                             "case: keys must be unique")
            return None
        return key

    def reference(self, obj: dict, path: str, name: str, keys: dict[str, Any],
                  what: str) -> Any:
        raw = self.member(obj, path, name)
        if raw is _MISSING or raw is None:
            return None
        key = self._text(raw, _join(path, name), True)
        if key and key not in keys:
            self.problem(_join(path, name), f"'{key}' is not the key of {what} in this case")
        return keys.get(key)

    def officer(self, obj: dict, path: str) -> tuple[str, str] | None:
        raw = self.member(obj, path, "officer")
        if raw is _MISSING or raw is None:
            return None
        where = _join(path, "officer")
        found = self.object(raw, where, "an officer", _OFFICER_FIELDS)
        if found is None:
            return None
        name = self.value(found, where, "name", "text")
        staff_number = self.value(found, where, "staff_number", "text")
        if not name.strip():
            self.problem(_join(where, "name"), "an officer needs a name")
        return (name, staff_number)


_STAND_IN: dict[str, Any] = {
    "text": "", "text?": None, "bool": False, "bool?": None, "int?": None, "date?": None,
    "time": _EPOCH, "time?": None, "words": [],
}


def _read_document(document: Any, source: str) -> list[_ParsedCase]:
    """Check the whole document and build the cases it holds, or raise ImportRejected."""
    if not isinstance(document, dict):
        raise ImportRejected(source, [
            f"is not a victimcare export: it holds {_describe(document)}, not an object"])
    if "format" not in document:
        raise ImportRejected(source, ["is not a victimcare export: it has no 'format' field"])
    if document["format"] != FORMAT_NAME:
        raise ImportRejected(source, [
            f"format: {_describe(document['format'])} is not a victimcare export "
            f"(expected \"{FORMAT_NAME}\")"])
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportRejected(source, [
            f"version: should be a whole number, not {_describe(version)}"])
    if version > FORMAT_VERSION:
        raise ImportRejected(source, [
            f"version: this file is export format version {version}, written by a newer "
            f"victimcare; this victimcare reads version {FORMAT_VERSION}. Update victimcare "
            "to import it"])
    if version < 1:
        raise ImportRejected(source, [f"version: {version} is not an export format version"])

    reader = _Reader()
    reader.object(document, "", "an export", ("format", "version", "exported_at", "cases"))
    reader.value(document, "", "exported_at", "time")
    today = london(utc_now()).date()
    known_versions = set(available_versions())
    parsed: list[_ParsedCase] = []
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


def _read_case(reader: _Reader, raw: Any, index: int, today: date,
               known_versions: set[str]) -> _ParsedCase | None:
    path = f"cases[{index}]"
    if isinstance(raw, dict) and isinstance(raw.get("reference"), str):
        path += f" ({raw['reference']})"
    obj = reader.object(raw, path, "a case", _names(_CASE, *_CASE_CHILDREN))
    if obj is None:
        return None
    item = _ParsedCase(path=path, case=Case(victim=Victim(""), **reader.fields(obj, path, _CASE)))
    case = item.case
    if case.code_version and case.code_version not in known_versions:
        reader.problem(f"{path}.code_version",
                       f"'{case.code_version}' is not a Victims' Code version this victimcare "
                       f"knows ({', '.join(sorted(known_versions))})")
    officer = reader.officer(obj, path)
    if officer is not None:
        item.officers.append((case, officer))

    victim_path = f"{path}.victim"
    victim_obj = reader.child(obj, path, "victim", "the victim", _names(_VICTIM, *_VICTIM_CHILDREN))
    case.victim = Victim(**reader.fields(victim_obj, victim_path, _VICTIM))
    if victim_obj is not None:
        for j, raw_phone in enumerate(reader.items(victim_obj, victim_path, "phones")):
            phone_path = f"{victim_path}.phones[{j}]"
            phone_obj = reader.object(raw_phone, phone_path, "a phone", _names(_PHONE))
            if phone_obj is not None:
                case.victim.phones.append(Phone(**reader.fields(phone_obj, phone_path, _PHONE)))

    flags = case.victim.vulnerability_flags
    for j, flag in enumerate(flags):
        if flag in flags[:j]:
            # The store keeps a flag once: a repeat would not survive the round trip.
            reader.problem(f"{victim_path}.vulnerability_flags[{j}]", f"'{flag}' is listed twice")

    safe_obj = reader.child(obj, path, "safe_contact", "the safe-contact rules",
                            _names(_SAFE_CONTACT))
    case.safe_contact = SafeContactRules(
        **reader.fields(safe_obj, f"{path}.safe_contact", _SAFE_CONTACT))
    agreement_obj = reader.child(obj, path, "agreement", "the contact agreement",
                                 _names(_AGREEMENT))
    case.agreement = ContactAgreement(
        **reader.fields(agreement_obj, f"{path}.agreement", _AGREEMENT))
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


def _read_events(reader: _Reader, obj: dict, path: str, case: Case) -> dict[str, CaseEvent]:
    keys: dict[str, CaseEvent] = {}
    for j, raw in enumerate(reader.items(obj, path, "events")):
        where = f"{path}.events[{j}]"
        event_obj = reader.object(raw, where, "an event", _names(_EVENT, "key"))
        if event_obj is None:
            continue
        key = reader.key(event_obj, where, keys, "event")
        event = CaseEvent(**reader.fields(event_obj, where, _EVENT))
        reader.domain_problems(where, event_problems(event))
        case.events.append(event)
        if key is not None:
            keys[key] = event
    return keys


def _read_contacts(reader: _Reader, obj: dict, path: str, case: Case,
                   item: _ParsedCase) -> dict[str, Contact]:
    keys: dict[str, Contact] = {}
    for j, raw in enumerate(reader.items(obj, path, "contacts")):
        where = f"{path}.contacts[{j}]"
        contact_obj = reader.object(raw, where, "a contact", _names(_CONTACT, *_CONTACT_CHILDREN))
        if contact_obj is None:
            continue
        key = reader.key(contact_obj, where, keys, "contact")
        contact = Contact(**reader.fields(contact_obj, where, _CONTACT))
        reader.domain_problems(where, contact_problems(contact))
        officer = reader.officer(contact_obj, where)
        if officer is not None:
            item.officers.append((contact, officer))
        for k, raw_amendment in enumerate(reader.items(contact_obj, where, "amendments")):
            amendment_path = f"{where}.amendments[{k}]"
            amendment_obj = reader.object(raw_amendment, amendment_path, "an amendment",
                                          _names(_AMENDMENT, *_AMENDMENT_CHILDREN))
            if amendment_obj is None:
                continue
            amendment = ContactAmendment(**reader.fields(amendment_obj, amendment_path, _AMENDMENT))
            reader.domain_problems(amendment_path, contact_problems(amendment))
            officer = reader.officer(amendment_obj, amendment_path)
            if officer is not None:
                item.officers.append((amendment, officer))
            contact.amendments.append(amendment)
        case.contacts.append(contact)
        if key is not None:
            keys[key] = contact
    return keys


def _read_care_plan(reader: _Reader, obj: dict, path: str, item: _ParsedCase) -> None:
    where = f"{path}.care_plan"
    plan_obj = reader.child(obj, path, "care_plan", "the care plan",
                            _names(_CARE_PLAN, *_CARE_PLAN_CHILDREN))
    plan = CarePlan(**reader.fields(plan_obj, where, _CARE_PLAN))
    item.case.care_plan = plan
    if plan_obj is None:
        return
    need_keys: dict[str, CareNeed] = {}
    for j, raw in enumerate(reader.items(plan_obj, where, "needs")):
        need_path = f"{where}.needs[{j}]"
        need_obj = reader.object(raw, need_path, "a need", _names(_NEED, "key"))
        if need_obj is None:
            continue
        key = reader.key(need_obj, need_path, need_keys, "need")
        need = CareNeed(**reader.fields(need_obj, need_path, _NEED))
        reader.word(need.area, need_path, "area", vocab.NEED_AREAS, "need area")
        reader.word(need.level, need_path, "level", vocab.NEED_LEVELS, "need level")
        plan.needs.append(need)
        if key is not None:
            need_keys[key] = need
    for j, raw in enumerate(reader.items(plan_obj, where, "actions")):
        action_path = f"{where}.actions[{j}]"
        action_obj = reader.object(raw, action_path, "an action", _names(_ACTION, *_ACTION_CHILDREN))
        if action_obj is None:
            continue
        action = CareAction(**reader.fields(action_obj, action_path, _ACTION))
        if not action.description.strip():
            reader.problem(f"{action_path}.description", "an action needs a description")
        reader.word(action.status, action_path, "status", vocab.ACTION_STATUSES, "action status")
        need = reader.reference(action_obj, action_path, "need", need_keys, "a need")
        item.actions.append((action, need))
    for j, raw in enumerate(reader.items(plan_obj, where, "referrals")):
        referral_path = f"{where}.referrals[{j}]"
        referral_obj = reader.object(raw, referral_path, "a referral", _names(_REFERRAL))
        if referral_obj is None:
            continue
        referral = Referral(**reader.fields(referral_obj, referral_path, _REFERRAL))
        reader.word(referral.agency, referral_path, "agency", vocab.REFERRAL_AGENCIES, "agency")
        reader.word(referral.consent, referral_path, "consent", vocab.CONSENT, "consent answer")
        reader.word(referral.status, referral_path, "status", vocab.REFERRAL_STATUSES,
                    "referral status")
        plan.referrals.append(referral)


def _commitments_from_document(reader: _Reader, obj: dict, path: str,
                               event_keys: dict[str, CaseEvent],
                               contact_keys: dict[str, Contact]) -> list[_CommitmentLinks]:
    """The case's commitments as the file gives them, each with the event and contact it
    points at. Kept apart because commitments follow from events and contacts: a later format
    may derive them instead of carrying them."""
    found: list[_CommitmentLinks] = []
    for j, raw in enumerate(reader.items(obj, path, "commitments")):
        where = f"{path}.commitments[{j}]"
        commitment_obj = reader.object(raw, where, "a commitment",
                                       _names(_COMMITMENT, *_COMMITMENT_CHILDREN))
        if commitment_obj is None:
            continue
        commitment = Commitment(**reader.fields(commitment_obj, where, _COMMITMENT))
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
        found.append(_CommitmentLinks(commitment, event, contact))
    return found


# -- writing ---------------------------------------------------------------------------------
def _write_case(db: Database, item: _ParsedCase,
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
