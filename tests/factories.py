"""Hand-built records for tests: one case with every record type and every field filled."""

from __future__ import annotations

from datetime import UTC, date, datetime

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

SEEDED_SECRETS = (
    "Wójcik", "Nguyễn", "حداد", "17 Laburnum Grove", "NW3 9QZ", "07700 900461",
    "zofia.w@example.org", "Disclosed the abuse to her GP first",
)


def rich_case(reference: str = "VC-2026-0042") -> Case:
    t = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731
    return Case(
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
        enhanced_override=True,
        enhanced_override_reason="Supervisor decision 12/03",
        notes="Keys held by neighbour",
        victim=Victim(
            given_names="Zofia Anna",
            family_name="Wójcik",
            preferred_name="Zosia",
            date_of_birth=date(2001, 7, 3),
            address="17 Laburnum Grove, London",
            postcode="NW3 9QZ",
            phones=[Phone("07700 900461", "mobile"), Phone("020 7946 0321", "work")],
            email="zofia.w@example.org",
            language="Polish",
            interpreter_needed=True,
            interpreter_language="Polish",
            communication_needs="Prefers written summaries after calls",
            vulnerability_flags=["intimidated", "mental_disorder"],
        ),
        safe_contact=SafeContactRules(
            voicemail_ok=False, texts_ok=True, letters_ok=None, email_ok=True,
            call_from="10:00", call_until="16:00", suspect_lives_with=False,
            suspect_lives_near=True, notes="Never mention police on voicemail",
        ),
        agreement=ContactAgreement(
            frequency_days=14, method="phone", through_whom="isva", through_name="Nguyễn Thị Mai",
            start_date=date(2026, 2, 20), opted_out=False, paused=True,
            waiver_reason="In hospital until March", notes="Text first",
        ),
        events=[
            CaseEvent("arrested", t(2026, 2, 17, 14, 30), "Arrested at home address",
                      recorded_at=t(2026, 2, 17, 16, 0)),
            CaseEvent("released_under_investigation", t(2026, 2, 18, 10, 0), "",
                      recorded_at=t(2026, 2, 18, 11, 0)),
        ],
        contacts=[
            Contact(t(2026, 2, 17, 17, 0), "phone", "to_victim", "victim", "spoke",
                    ["investigation_update", "referral_offered"],
                    "Disclosed the abuse to her GP first <b>&</b> \"quoted\"",
                    recorded_at=t(2026, 2, 17, 17, 20),
                    amendments=[
                        ContactAmendment("Wrong time recorded", t(2026, 2, 17, 18, 0), "phone",
                                         "to_victim", "victim", "spoke", ["investigation_update"],
                                         "Corrected narrative", amended_at=t(2026, 2, 18, 9, 0)),
                    ]),
            Contact(t(2026, 2, 19, 11, 0), "sms", "to_victim", "victim", "message_sent", [],
                    "Text asking her to call back", recorded_at=t(2026, 2, 19, 11, 1)),
        ],
        care_plan=CarePlan(
            review_date=date(2026, 4, 1),
            notes="Review after ISVA meeting",
            needs=[CareNeed("safety", "high", "Suspect lives nearby"),
                   CareNeed("housing", "medium", "")],
            actions=[CareAction("Fit door alarm", "Crime prevention", date(2026, 3, 1), "done",
                                date(2026, 2, 27))],
            referrals=[Referral("isva", "given", date(2026, 2, 17), date(2026, 2, 18),
                                "accepted", "Allocated to the Havens ISVA")],
        ),
        commitments=[
            Commitment("promise", "Send leaflet", t(2026, 3, 1, 23, 59, 59),
                       created_at=t(2026, 2, 19, 11, 3), waived_at=t(2026, 2, 20, 9, 0),
                       waived_reason="Victim declined"),
            Commitment("promise", "Call after the CPS meeting", t(2026, 3, 6, 23, 59, 59),
                       created_at=t(2026, 2, 19, 11, 2)),
        ],
    )
