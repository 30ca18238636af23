"""Export and import: complete, exact, deterministic, and all-or-nothing on a bad file."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_PASSPHRASE
from victimcare.domain.code_rules import load_rules
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
from victimcare.private_files import FileExistsRefused
from victimcare.services import audit, cases, setup
from victimcare.services.transfer import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ImportRejected,
    export_data,
    export_to_file,
    import_data,
    import_from_file,
    parse_export,
)
from victimcare.store import audit_log, records
from victimcare.store import care_plan as stored_care_plan
from victimcare.store import commitments as stored_commitments
from victimcare.store import officers as stored_officers

REFERENCE = "VC-2026-0042"
NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
MARKUP = '<b>&"\''  # text that breaks naive HTML, XML, CSV or SQL quoting


def t(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def officer_id(db, name: str, staff_number: str) -> int:
    found = db.scalar("SELECT id FROM officers WHERE name = ? AND staff_number = ?",
                      (name, staff_number))
    if found is None:
        found = stored_officers.add_officer(db, Officer(name, staff_number, "Team C",
                                                created_at=t(2026, 1, 5, 9, 0))).id
    return found


def store_rich_case(db, reference: str = REFERENCE) -> Case:
    """Every record type, every field away from its default, stored as the app would hold it."""
    lead = officer_id(db, "PC Test Officer", "T1001")
    helper = officer_id(db, "DC Nguyễn Văn An", "D4242")
    case = Case(
        reference=reference,
        offence_category="sexual_offence",
        code_version="victims-code-2020",
        crime_reference="01/7755/26",
        offence_date=date(2026, 2, 14),
        status="closed",
        opened_at=t(2026, 2, 16, 9, 0),
        closed_at=t(2026, 10, 1, 12, 0),
        closure_reason="NFA: victim withdrew support",
        retention_review_date=date(2032, 10, 1),
        persistently_targeted=True,
        enhanced_override=False,
        enhanced_override_reason=f"Supervisor's decision {MARKUP}",
        officer_id=lead,
        notes=f"Keys held by neighbour {MARKUP}",
        victim=Victim(
            given_names="Zofia Anna",
            family_name="Wójcik",
            preferred_name="Zosia",
            date_of_birth=date(2001, 7, 3),
            address="17 Laburnum Grove\nLondon",
            postcode="NW3 9QZ",
            phones=[Phone("07700 900461", "mobile"), Phone("020 7946 0321", "work — after 6")],
            email="zofia.w@example.org",
            language="Polish",
            interpreter_needed=True,
            interpreter_language="Polish",
            communication_needs="Her sister Layla حداد interprets; written summaries please",
            vulnerability_flags=["intimidated", "mental_disorder"],
        ),
        safe_contact=SafeContactRules(
            voicemail_ok=False, texts_ok=True, letters_ok=None, email_ok=True,
            call_from="10:00", call_until="16:00", suspect_lives_with=True,
            suspect_lives_near=True, notes=f'Never say "police" on voicemail {MARKUP}',
        ),
        agreement=ContactAgreement(
            frequency_days=14, method="sms", through_whom="isva", through_name="Nguyễn Thị Mai",
            start_date=date(2026, 2, 20), opted_out=True, paused=True,
            waiver_reason="Asked for a break until the trial", notes="Text first",
        ),
        # Stored out of time order, with a tie: keys must follow occurred_at, then id.
        events=[
            CaseEvent("released_under_investigation", t(2026, 2, 18, 10, 0), "",
                      recorded_at=t(2026, 2, 18, 11, 0)),
            CaseEvent("arrested", t(2026, 2, 17, 14, 30), f"Arrested at home {MARKUP}",
                      recorded_at=datetime(2026, 2, 17, 16, 0, 0, 123456, tzinfo=UTC)),
            CaseEvent("interviewed_under_caution", t(2026, 2, 18, 10, 0), "Same minute as RUI",
                      recorded_at=t(2026, 2, 18, 12, 0)),
        ],
        contacts=[
            Contact(t(2026, 2, 17, 17, 0), "phone", "to_victim", "victim", "spoke",
                    ["investigation_update", "referral_offered"],
                    f'She said "I\'m safe" {MARKUP}\nSecond line', recorded_at=t(2026, 2, 17, 17, 20),
                    officer_id=lead,
                    amendments=[
                        ContactAmendment("Wrong time recorded", t(2026, 2, 17, 18, 0), "phone",
                                         "to_victim", "victim", "spoke", ["investigation_update"],
                                         "Corrected", amended_at=t(2026, 2, 18, 9, 0),
                                         officer_id=helper),
                        ContactAmendment(f"Added the VPS offer {MARKUP}", t(2026, 2, 17, 18, 0),
                                         "visit", "from_victim", "interpreter", "replied",
                                         ["investigation_update", "vps_offered"],
                                         "Corrected again — Wójcik", amended_at=t(2026, 2, 19, 9, 0),
                                         officer_id=None),
                    ]),
            Contact(t(2026, 2, 19, 11, 0), "sms", "to_victim", "isva", "message_sent", [],
                    "Text to the ISVA", recorded_at=t(2026, 2, 19, 11, 1), officer_id=None),
            Contact(t(2026, 2, 18, 15, 0), "video", "from_victim", "victim", "replied",
                    ["right_to_review", "compensation"], "Nguyễn Thị Mai joined the call",
                    recorded_at=t(2026, 2, 18, 15, 30), officer_id=helper),
        ],
        care_plan=CarePlan(
            review_date=date(2026, 4, 1),
            notes=f"Review after ISVA meeting {MARKUP}",
            needs=[CareNeed("safety", "high", "Suspect lives nearby"),
                   CareNeed("housing", "medium", "Wants to move")],
            referrals=[
                Referral("isva", "given", date(2026, 2, 17), date(2026, 2, 18), "accepted",
                         "Allocated to the Havens ISVA"),
                Referral("housing", "refused", date(2026, 2, 20), None, "closed", MARKUP),
            ],
        ),
    )
    records.insert_case(db, case)
    safety, housing = case.care_plan.needs
    for action in (
        CareAction("Fit door alarm", f"Crime prevention {MARKUP}", date(2026, 3, 1), "done",
                   date(2026, 2, 27), need_id=safety.id),
        CareAction("Chase the council", "", None, "open", None, need_id=None),
        CareAction("Letter of support", "ISVA", date(2026, 3, 10), "cancelled", None,
                   need_id=housing.id),
    ):
        stored_care_plan.add_action(db, case.id, action)
    # What the live app would hold: statutory and agreed commitments follow from the facts
    # (the importer derives them the same way); a promise is the officer's own.
    stored = records.load_case(db, case.id)
    derived = replay(stored, load_rules(stored.code_version))
    assert any(c.met_by_contact_id for c in derived) and any(c.waived_at for c in derived)
    for commitment in (
        *derived,
        Commitment("promise", "Send the leaflet", t(2026, 3, 1, 23, 59, 59),
                   created_at=t(2026, 2, 19, 11, 3), waived_at=t(2026, 2, 20, 9, 0),
                   waived_reason=f"Victim declined {MARKUP}"),
        Commitment("promise", "Ring after the ISVA visit", t(2026, 2, 17, 23, 59, 59),
                   created_at=t(2026, 2, 17, 11, 4), met_by_contact_id=stored.contacts[-1].id,
                   met_at=stored.contacts[-1].occurred_at),
        Commitment("promise", "Call after the trial", t(2026, 4, 1, 23, 59, 59),
                   created_at=t(2026, 2, 19, 11, 5)),
    ):
        stored_commitments.add_commitment(db, case.id, commitment)
    return records.load_case(db, case.id)


def portable(db, case: Case) -> dict:
    """The case as plain data with store ids left out and links shown as what they point at."""
    officers = {o.id: (o.name, o.staff_number) for o in stored_officers.officers(db)}
    links = {
        "officer_id": officers,
        "event_id": {e.id: ("event", i) for i, e in enumerate(case.events)},
        "met_by_contact_id": {c.id: ("contact", i) for i, c in enumerate(case.contacts)},
        "need_id": {n.id: ("need", i) for i, n in enumerate(case.care_plan.needs)},
    }

    def walk(value):
        if isinstance(value, dict):
            return {k: (links[k][v] if k in links and v is not None else walk(v))
                    for k, v in value.items() if k != "id"}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(dataclasses.asdict(case))


def table_counts(db) -> dict[str, int]:
    names = [r[0] for r in db.all(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: db.scalar(f'SELECT count(*) FROM "{name}"') for name in names}


def without_time_of_export(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.fixture
def target(tmp_path):
    """A second, fresh store belonging to another officer."""
    store = setup.create_store(tmp_path / "target.db", TEST_PASSPHRASE,
                               Officer("DS Receiving Officer", "R2002", "Team B"))
    yield store
    store.close()


@pytest.fixture
def source_case(db):
    return store_rich_case(db)


@pytest.fixture
def exported(db, source_case):
    return export_data(db, now=NOW)


# -- the round trip ---------------------------------------------------------------------------
def test_round_trip_gives_the_same_document_and_the_same_case(db, source_case, target, tmp_path):
    path = tmp_path / "export.json"
    assert export_to_file(db, path) == 1
    first = json.loads(path.read_text("utf-8"))

    assert import_from_file(target, path) == [REFERENCE]
    second = export_data(target, now=datetime.fromisoformat(first["exported_at"]))
    assert without_time_of_export(second) == without_time_of_export(first)

    imported = records.load_case(target, records.case_id_for_reference(target, REFERENCE))
    want, got = portable(db, source_case), portable(target, imported)
    for name in want:
        assert got[name] == want[name], name
    assert got == want


def test_export_holds_every_field_of_every_record(exported):
    case = exported["cases"][0]

    def names(cls, drop=(), add=()):
        return {f.name for f in dataclasses.fields(cls)} - {"id", *drop} | set(add)

    assert set(case) == names(Case, drop={"officer_id"}, add={"officer"})
    assert set(case["victim"]) == names(Victim)
    assert set(case["victim"]["phones"][0]) == names(Phone)
    assert set(case["safe_contact"]) == names(SafeContactRules)
    assert set(case["agreement"]) == names(ContactAgreement)
    assert set(case["events"][0]) == names(CaseEvent, add={"key"})
    assert set(case["contacts"][0]) == names(Contact, drop={"officer_id"}, add={"key", "officer"})
    assert set(case["contacts"][0]["amendments"][0]) == names(
        ContactAmendment, drop={"officer_id"}, add={"officer"})
    assert set(case["care_plan"]) == names(CarePlan)
    assert set(case["care_plan"]["needs"][0]) == names(CareNeed, add={"key"})
    assert set(case["care_plan"]["actions"][0]) == names(CareAction, drop={"need_id"}, add={"need"})
    assert set(case["care_plan"]["referrals"][0]) == names(Referral)
    assert set(case["commitments"][0]) == names(
        Commitment, drop={"due_at", "event_id", "met_by_contact_id"},
        add={"due", "event", "met_by_contact", "status"})


def test_export_shape_keys_times_and_links(exported):
    assert exported["format"] == FORMAT_NAME and exported["version"] == FORMAT_VERSION
    assert exported["exported_at"] == "2026-03-03T12:00:00+00:00"
    case = exported["cases"][0]
    assert case["opened_at"] == "2026-02-16T09:00:00+00:00"
    assert case["offence_date"] == "2026-02-14"
    assert case["officer"] == {"name": "PC Test Officer", "staff_number": "T1001"}
    assert case["safe_contact"]["letters_ok"] is None
    assert case["safe_contact"]["voicemail_ok"] is False
    # Events by time, then by id for the tie.
    assert [(e["key"], e["kind"]) for e in case["events"]] == [
        ("E1", "arrested"), ("E2", "released_under_investigation"),
        ("E3", "interviewed_under_caution")]
    assert case["events"][0]["recorded_at"] == "2026-02-17T16:00:00.123456+00:00"
    assert [c["key"] for c in case["contacts"]] == ["C1", "C2", "C3"]
    assert [c["method"] for c in case["contacts"]] == ["phone", "video", "sms"]
    first = case["contacts"][0]
    assert first["narrative"].startswith('She said "I\'m safe"')
    assert [a["reason"] for a in first["amendments"]] == [
        "Wrong time recorded", f"Added the VPS offer {MARKUP}"]
    assert first["amendments"][0]["officer"] == {"name": "DC Nguyễn Văn An",
                                                 "staff_number": "D4242"}
    assert first["amendments"][1]["officer"] is None
    assert [a["need"] for a in case["care_plan"]["actions"]] == ["N1", None, "N2"]
    by_reason = {c["reason"]: c for c in case["commitments"]}
    arrested = by_reason["Inform the victim: suspect arrested"]
    assert (arrested["event"], arrested["met_by_contact"], arrested["status"]) == ("E1", "C1", "met")
    rui = by_reason["Inform the victim: suspect released under investigation"]
    assert (rui["event"], rui["met_by_contact"], rui["status"]) == ("E2", None, "overdue")
    assert by_reason["Inform the victim: suspect interviewed under caution"]["event"] == "E3"
    assert by_reason["Send the leaflet"]["status"] == "waived"
    late = by_reason["Ring after the ISVA visit"]
    assert (late["met_by_contact"], late["status"]) == ("C3", "met_late")
    assert by_reason["Call after the trial"]["status"] == "due"
    agreed = by_reason["Agreed contact every 14 days"]
    assert (agreed["status"], agreed["waived_reason"]) == (
        "waived", "Asked for a break until the trial")
    assert agreed["due"] == "2026-03-06T23:59:59+00:00"


def test_export_is_deterministic_and_in_reference_order(db, source_case):
    store_rich_case(db, "VC-2026-0007")
    first, second = export_data(db, now=NOW), export_data(db, now=NOW)
    assert [c["reference"] for c in first["cases"]] == ["VC-2026-0007", REFERENCE]
    assert json.dumps(without_time_of_export(first)) == json.dumps(
        without_time_of_export(second))


def test_export_of_one_case_and_of_an_unknown_case(db, source_case):
    store_rich_case(db, "VC-2026-0007")
    assert [c["reference"] for c in export_data(db, REFERENCE)["cases"]] == [REFERENCE]
    with pytest.raises(LookupError, match="There is no case VC-1999-0001"):
        export_data(db, "VC-1999-0001")


def test_each_exported_case_is_logged_as_a_disclosure(db, source_case):
    store_rich_case(db, "VC-2026-0007")
    before = len(audit_log.audit_entries(db))
    export_data(db)
    logged = audit_log.audit_entries(db)[before:]
    assert [(e.action, e.case_reference, e.detail) for e in logged] == [
        ("disclosure", "VC-2026-0007", "exported to file"),
        ("disclosure", REFERENCE, "exported to file")]
    assert audit.verify_chain(db) is None


def test_export_file_is_owner_only_utf8_and_never_overwrites(db, source_case, tmp_path):
    path = tmp_path / "export.json"
    export_to_file(db, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    # Written as UTF-8 characters, not \u escapes: the file is readable as it stands.
    for text in ("Wójcik", "Nguyễn", "حداد"):
        assert text.encode("utf-8") in data
    audit_rows = len(audit_log.audit_entries(db))
    with pytest.raises(FileExistsRefused):
        export_to_file(db, path)
    assert path.read_bytes() == data
    assert len(audit_log.audit_entries(db)) == audit_rows  # no disclosure logged for no file


def test_import_logs_a_collection_per_case_and_maps_officers(db, source_case, target, exported):
    store_rich_case(db, "VC-2026-0007")
    document = export_data(db)
    before = len(audit_log.audit_entries(target))
    assert import_data(target, document) == ["VC-2026-0007", REFERENCE]
    logged = audit_log.audit_entries(target)[before:]
    assert [(e.action, e.case_reference, e.detail) for e in logged] == [
        ("collection", "VC-2026-0007", "imported from file"),
        ("collection", REFERENCE, "imported from file")]
    assert audit.verify_chain(target) is None
    # The store's own officer stays first; the case's officers were added once each.
    assert [(o.name, o.staff_number) for o in stored_officers.officers(target)] == [
        ("DS Receiving Officer", "R2002"), ("PC Test Officer", "T1001"),
        ("DC Nguyễn Văn An", "D4242")]


def test_import_reuses_an_officer_already_in_the_store(db, source_case, exported, tmp_path):
    same = setup.create_store(tmp_path / "same.db", TEST_PASSPHRASE,
                              Officer("PC Test Officer", "T1001", "Team A"))
    try:
        import_data(same, exported)
        assert [(o.name, o.staff_number) for o in stored_officers.officers(same)] == [
            ("PC Test Officer", "T1001"), ("DC Nguyễn Văn An", "D4242")]
        imported = records.load_case(same, records.case_id_for_reference(same, REFERENCE))
        assert imported.officer_id == stored_officers.officers(same)[0].id
    finally:
        same.close()


def test_imported_case_is_found_by_search(target, exported):
    import_data(target, exported)
    assert [s.reference for s in cases.search_cases(target, "wojcik")] == [REFERENCE]
    assert [s.reference for s in cases.search_cases(target, "07700900461")] == [REFERENCE]


def test_status_is_ignored_on_import_and_times_with_other_offsets_are_the_same_moment(
        target, exported):
    case = exported["cases"][0]
    for commitment in case["commitments"]:
        commitment["status"] = "whatever the file says"
    case["opened_at"] = "2026-02-16T10:00:00+01:00"
    case["events"][0]["occurred_at"] = "2026-02-17T14:30:00Z"
    import_data(target, exported)
    again = export_data(target, now=NOW)["cases"][0]
    assert again["opened_at"] == "2026-02-16T09:00:00+00:00"
    assert again["events"][0]["occurred_at"] == "2026-02-17T14:30:00+00:00"
    assert {c["status"] for c in again["commitments"]} == {
        "met", "met_late", "overdue", "waived", "due"}


def test_unicode_and_markup_survive_exactly(db, target, tmp_path):
    victim = Victim("Thị Mai", "Nguyễn", preferred_name="ليلى حداد",
                    address=f'Flat 2 {MARKUP}\r\n"Quoted" road', postcode="E1 6AN",
                    communication_needs="\u200fمرحبا\u200f — emoji 🙂, tab\there")
    case = cases.new_case(db, victim, "hate_crime", now=NOW, notes=f"Wójcik {MARKUP}")
    contact = Contact(t(2026, 3, 3, 10, 0), "phone", "to_victim", "victim", "spoke", [],
                      f"Ł ß ç ễ ﷺ {MARKUP} \\ back\\slash")
    cases.log_contact(db, case, contact, meets=[])
    path = tmp_path / "unicode.json"
    export_to_file(db, path)
    import_from_file(target, path)
    got = records.load_case(target, records.case_id_for_reference(target, case.reference))
    assert got.victim.given_names == "Thị Mai"
    assert got.victim.family_name == "Nguyễn"
    assert got.victim.preferred_name == "ليلى حداد"
    assert got.victim.address == f'Flat 2 {MARKUP}\r\n"Quoted" road'
    assert got.victim.communication_needs == victim.communication_needs
    assert got.notes == f"Wójcik {MARKUP}"
    assert got.contacts[0].narrative == contact.narrative


# -- property: any text in a narrative comes back exactly --------------------------------------
_references = (f"VC-2099-{n:04d}" for n in itertools.count(1))


@settings(max_examples=40, deadline=None,
          # The two stores are shared on purpose: each example uses a new case reference.
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(narrative=st.text(), reason=st.text(min_size=1).filter(str.strip))
def test_any_narrative_round_trips_exactly(db, target, narrative, reason):
    reference = next(_references)
    case = Case(reference, "assault", "victims-code-2020", Victim("Ana"), opened_at=NOW,
                contacts=[Contact(NOW, "phone", "to_victim", "victim", "spoke", [], narrative,
                                  recorded_at=NOW, amendments=[
                                      ContactAmendment(reason, NOW, "phone", "to_victim",
                                                       "victim", "spoke", [], narrative,
                                                       amended_at=NOW)])])
    records.insert_case(db, case)
    text = json.dumps(export_data(db, reference), ensure_ascii=False)
    import_data(target, parse_export(text))
    got = records.load_case(target, records.case_id_for_reference(target, reference))
    assert got.contacts[0].narrative == narrative
    assert got.contacts[0].amendments[0].narrative == narrative
    assert got.contacts[0].amendments[0].reason == reason


# -- refusals: the message names the problem, and the store is untouched ------------------------
def refused(target, tmp_path, content: str | bytes | dict, *expected: str) -> str:
    """Import `content` from a file; it must be refused with every expected fragment in the
    message, and every table of the target must hold what it held before."""
    path = tmp_path / "incoming.json"
    if isinstance(content, dict):
        # ASCII escapes, so a lone surrogate can be written at all (as "\ud800").
        content = json.dumps(content, indent=2)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    before = table_counts(target)
    with pytest.raises(ImportRejected) as caught:
        import_from_file(target, path)
    message = str(caught.value)
    assert message.startswith("incoming.json: ")
    for fragment in expected:
        assert fragment in message
    assert table_counts(target) == before
    return message


P = f"cases[0] ({REFERENCE})"


def _set(path: str, value):
    """A mutation setting one field, the path given as dotted keys and list indexes."""
    def mutate(case: dict) -> None:
        *parents, last = path.split(".")
        node = case
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return mutate


def _delete(path: str):
    def mutate(case: dict) -> None:
        *parents, last = path.split(".")
        node = case
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]
    return mutate


def _commitment(reason: str, name: str, value):
    def mutate(case: dict) -> None:
        [found] = [c for c in case["commitments"] if c["reason"] == reason]
        found[name] = value
    return mutate


ARRESTED = "Inform the victim: suspect arrested"
LEAFLET = "Send the leaflet"

BAD_CASES = {
    "missing field": (
        _delete("victim.given_names"), f"{P}.victim.given_names: is missing"),
    "missing list": (_delete("events"), f"{P}.events: is missing"),
    "wrong type, bool": (
        _set("persistently_targeted", "yes"),
        f'{P}.persistently_targeted: should be true or false, not "yes"'),
    "wrong type, tri-state": (
        _set("safe_contact.voicemail_ok", 0),
        f"{P}.safe_contact.voicemail_ok: should be true or false or null, not 0"),
    "wrong type, number": (
        _set("agreement.frequency_days", "14"),
        f'{P}.agreement.frequency_days: should be a whole number or null, not "14"'),
    "wrong type, text": (_set("notes", 12), f"{P}.notes: should be text, not 12"),
    "wrong type, list": (_set("contacts", {}), f"{P}.contacts: should be a list, not an object"),
    "wrong type, object": (
        _set("victim", "Zofia"), f'{P}.victim: should be an object describing the victim'),
    "unknown event kind": (
        _set("events.0.kind", "escaped"), f"{P}.events[0].kind: 'escaped' is not a known event kind"),
    "unknown outcome": (
        _set("contacts.1.outcome", "maybe"),
        f"{P}.contacts[1].outcome: 'maybe' is not a known outcome"),
    "unknown method in an amendment": (
        _set("contacts.0.amendments.1.method", "pigeon"),
        f"{P}.contacts[0].amendments[1].method: 'pigeon' is not a known contact method"),
    "amendment without a reason": (
        _set("contacts.0.amendments.0.reason", " "),
        f"{P}.contacts[0].amendments[0].reason: An amendment needs a reason"),
    "unknown Code item": (
        _set("contacts.0.covered", ["investigation_update", "gossip"]),
        f"{P}.contacts[0].covered: 'gossip' is not a known Victims' Code item"),
    "unknown offence category": (
        _set("offence_category", "theft_of_bicycle"),
        f"{P}.offence_category: 'theft_of_bicycle' is not a known offence category"),
    "unknown vulnerability flag": (
        _set("victim.vulnerability_flags", ["intimidated", "shy"]),
        f"{P}.victim.vulnerability_flags: 'shy' is not a known vulnerability flag"),
    "repeated vulnerability flag": (
        _set("victim.vulnerability_flags", ["intimidated", "intimidated"]),
        f"{P}.victim.vulnerability_flags[1]: 'intimidated' is listed twice"),
    "unknown need area": (
        _set("care_plan.needs.0.area", "luck"),
        f"{P}.care_plan.needs[0].area: 'luck' is not a known need area"),
    "unknown referral agency": (
        _set("care_plan.referrals.0.agency", "ghostbusters"),
        f"{P}.care_plan.referrals[0].agency: 'ghostbusters' is not a known agency"),
    "unknown action status": (
        _set("care_plan.actions.0.status", "pending"),
        f"{P}.care_plan.actions[0].status: 'pending' is not a known action status"),
    "unknown commitment kind": (
        _commitment(LEAFLET, "kind", "wish"), "'wish' is not a known commitment kind"),
    "unknown Code version": (
        _set("code_version", "victims-code-2031"),
        f"{P}.code_version: 'victims-code-2031' is not a Victims' Code version"),
    "bad date": (
        _set("victim.date_of_birth", "31/02/1990"),
        f"{P}.victim.date_of_birth: '31/02/1990' is not a date (YYYY-MM-DD)"),
    "impossible date": (
        _set("care_plan.review_date", "2026-02-30"),
        f"{P}.care_plan.review_date: '2026-02-30' is not a date (YYYY-MM-DD)"),
    "date of birth after the offence": (
        _set("victim.date_of_birth", "2026-02-15"),
        f"{P}.victim.date_of_birth: Date of birth is after the offence date"),
    "naive time": (
        _set("events.0.occurred_at", "2026-02-17T14:30:00"),
        f"{P}.events[0].occurred_at: '2026-02-17T14:30:00' has no UTC offset"),
    "not a time": (
        _set("contacts.2.recorded_at", "yesterday"),
        f"{P}.contacts[2].recorded_at: 'yesterday' is not a time (ISO 8601 with offset"),
    "a date where a time belongs": (
        _set("opened_at", "2026-02-16"), f"{P}.opened_at: '2026-02-16' is not a time"),
    "dangling event key": (
        _commitment(ARRESTED, "event", "E9"), "'E9' is not the key of an event in this case"),
    "dangling contact key": (
        _commitment(ARRESTED, "met_by_contact", "C99"),
        "'C99' is not the key of a contact in this case"),
    "dangling need key": (
        _set("care_plan.actions.0.need", "N7"),
        f"{P}.care_plan.actions[0].need: 'N7' is not the key of a need in this case"),
    "duplicate local key": (
        _set("events.1.key", "E1"),
        f"{P}.events[1].key: 'E1' is the key of another event in this case"),
    "met with no contact": (
        _commitment(ARRESTED, "met_by_contact", None), "met_at and met_by_contact go together"),
    "waived with no reason": (
        _commitment(LEAFLET, "waived_reason", ""), "a waived commitment needs a reason"),
    "unknown field": (
        _set("contacts.0.narative", "typo"), f"{P}.contacts[0].narative: is not a field of a contact"),
    "officer without a name": (
        _set("officer", {"name": "", "staff_number": "T1001"}),
        f"{P}.officer.name: an officer needs a name"),
    "unpaired surrogate": (
        _set("notes", "\ud800"), f"{P}.notes: holds an unpaired surrogate"),
    "opt-out without a reason": (
        _set("agreement.waiver_reason", ""),
        f"{P}.agreement.waiver_reason: An opt-out or pause needs a reason"),
}


@pytest.mark.parametrize("mutate, expected", BAD_CASES.values(), ids=BAD_CASES.keys())
def test_a_bad_case_is_refused_by_name(target, tmp_path, exported, mutate, expected):
    mutate(exported["cases"][0])
    refused(target, tmp_path, exported, expected)
    # The same check, without any store.
    with pytest.raises(ImportRejected, match="^export.json: "):
        parse_export(json.dumps(exported), "export.json")


def test_bad_json_names_line_and_column(target, tmp_path, exported):
    text = json.dumps(exported, indent=2).replace('"version": 1,', '"version": 1,,', 1)
    refused(target, tmp_path, text, "is not valid JSON", "line 3, column 16")


def test_wrong_format_name(target, tmp_path, exported):
    exported["format"] = "victimcare-backup"
    refused(target, tmp_path, exported,
            'format: "victimcare-backup" is not a victimcare export (expected "victimcare-export")')


def test_no_format_at_all(target, tmp_path):
    refused(target, tmp_path, {"cases": []}, "is not a victimcare export: it has no 'format'")
    refused(target, tmp_path, "[1, 2]", "is not a victimcare export: it holds a list")


def test_newer_version_is_refused_plainly(target, tmp_path, exported):
    exported["version"] = FORMAT_VERSION + 1
    exported["cases"][0]["something_new"] = True  # not even looked at
    message = refused(target, tmp_path, exported, "version 2, written by a newer victimcare",
                      "Update victimcare to import it")
    assert "something_new" not in message


def test_version_must_be_a_number(target, tmp_path, exported):
    exported["version"] = "1"
    refused(target, tmp_path, exported, 'version: should be a whole number, not "1"')


def test_missing_top_level_field(target, tmp_path, exported):
    del exported["exported_at"]
    refused(target, tmp_path, exported, "incoming.json: exported_at: is missing")


def test_json_that_is_not_quite_data(target, tmp_path, exported):
    text = json.dumps(exported)
    refused(target, tmp_path, text.replace('"frequency_days": 14', '"frequency_days": NaN'),
            "NaN is not a number JSON allows")
    refused(target, tmp_path, text.replace('"notes": "Text first"',
                                           '"notes": "Text first", "notes": "Second"'),
            "the field 'notes' appears twice in one object")
    refused(target, tmp_path, "\u00e9".encode("latin-1") + text.encode("utf-8"),
            "is not UTF-8 text")


def test_byte_order_mark_is_accepted(target, tmp_path, exported):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(exported).encode("utf-8"))
    assert import_from_file(target, path) == [REFERENCE]


def test_duplicate_reference_within_the_file(target, tmp_path, exported):
    exported["cases"].append(copy.deepcopy(exported["cases"][0]))
    refused(target, tmp_path, exported,
            f"cases[1] ({REFERENCE}).reference: '{REFERENCE}' appears twice in this file "
            "(also cases[0])")


def test_reference_already_in_the_database(db, target, tmp_path, exported):
    store_rich_case(target, REFERENCE)
    refused(target, tmp_path, exported,
            f"{P}.reference: '{REFERENCE}' is already in this database")
    # The check needs a store: parsing alone accepts the file.
    assert parse_export(json.dumps(exported))["cases"][0]["reference"] == REFERENCE


def test_a_good_case_followed_by_a_bad_one_imports_neither(db, target, tmp_path):
    store_rich_case(db, "VC-2026-0001")
    store_rich_case(db, "VC-2026-0002")
    document = export_data(db)
    document["cases"][1]["contacts"][0]["outcome"] = "maybe"
    refused(target, tmp_path, document,
            "cases[1] (VC-2026-0002).contacts[0].outcome: 'maybe' is not a known outcome")
    assert records.case_id_for_reference(target, "VC-2026-0001") is None


def test_a_failure_while_writing_leaves_nothing_behind(db, target, tmp_path, monkeypatch):
    """Checks pass, then the store fails on the second case: the first is rolled back too."""
    store_rich_case(db, "VC-2026-0001")
    store_rich_case(db, "VC-2026-0002")
    document = export_data(db)
    real_insert = records.insert_case
    calls = []

    def failing_insert(store, case):
        calls.append(case.reference)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_insert(store, case)

    monkeypatch.setattr(records, "insert_case", failing_insert)
    before = table_counts(target)
    with pytest.raises(OSError, match="disk full"):
        import_data(target, document)
    assert calls == ["VC-2026-0001", "VC-2026-0002"]
    assert table_counts(target) == before


def test_every_problem_is_named_once(target, tmp_path, exported):
    case = exported["cases"][0]
    case["contacts"][0]["outcome"] = "maybe"
    case["contacts"][0]["method"] = 7  # wrong type: reported as such, not also as unknown word
    case["victim"]["date_of_birth"] = "1990/01/01"
    message = refused(target, tmp_path, exported)
    assert message.count("contacts[0].method") == 1
    assert "contacts[0].method: should be text, not 7" in message
    assert "contacts[0].outcome: 'maybe'" in message
    assert "victim.date_of_birth: '1990/01/01'" in message


def test_a_long_list_of_problems_is_cut_short(target, tmp_path, exported):
    case = exported["cases"][0]
    for contact in case["contacts"]:
        contact["outcome"] = contact["method"] = contact["direction"] = contact["with_whom"] = "?"
    message = refused(target, tmp_path, exported)
    assert message.endswith("; and 2 more problems.")


def test_the_example_in_the_format_document_is_a_valid_export(target):
    """docs/export-format.md must not drift from the code: its example imports and comes back."""
    text = (Path(__file__).parents[2] / "docs" / "export-format.md").read_text("utf-8")
    example = text.split("```json\n", 1)[1].split("\n```", 1)[0]
    document = parse_export(example, "export-format.md")
    assert import_data(target, document) == ["VC-2026-0001"]
    again = export_data(target, now=datetime.fromisoformat(document["exported_at"]))
    assert again["cases"] == document["cases"]
