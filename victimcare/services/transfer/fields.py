"""The export format's fields: which JSON name holds which attribute of which record, and of
what kind. One table drives both directions, so export and import cannot drift apart."""

from __future__ import annotations

FORMAT_NAME = "victimcare-export"
FORMAT_VERSION = 1

# (JSON name, dataclass attribute, kind). Kinds:
#   text   a string                      text?  a string or null
#   bool   true or false                 bool?  true, false or null (not yet asked)
#   int?   a whole number or null        words  a list of strings
#   date?  "YYYY-MM-DD" or null
#   time   ISO 8601 with an offset       time?  the same, or null
Spec = tuple[tuple[str, str, str], ...]

CASE: Spec = (
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
CASE_CHILDREN = ("officer", "victim", "safe_contact", "agreement", "events", "contacts",
                  "care_plan", "commitments")

VICTIM: Spec = (
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
VICTIM_CHILDREN = ("phones",)

PHONE: Spec = (
    ("number", "number", "text"),
    ("label", "label", "text"),
)

SAFE_CONTACT: Spec = (
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

AGREEMENT: Spec = (
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

EVENT: Spec = (
    ("kind", "kind", "text"),
    ("occurred_at", "occurred_at", "time"),
    ("recorded_at", "recorded_at", "time"),
    ("notes", "notes", "text"),
)

CONTACT: Spec = (
    ("occurred_at", "occurred_at", "time"),
    ("method", "method", "text"),
    ("direction", "direction", "text"),
    ("with_whom", "with_whom", "text"),
    ("outcome", "outcome", "text"),
    ("covered", "covered", "words"),
    ("narrative", "narrative", "text"),
    ("recorded_at", "recorded_at", "time"),
)
CONTACT_CHILDREN = ("key", "officer", "amendments")

AMENDMENT: Spec = (
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
AMENDMENT_CHILDREN = ("officer",)

CARE_PLAN: Spec = (
    ("review_date", "review_date", "date?"),
    ("notes", "notes", "text"),
)
CARE_PLAN_CHILDREN = ("needs", "actions", "referrals")

NEED: Spec = (
    ("area", "area", "text"),
    ("level", "level", "text"),
    ("notes", "notes", "text"),
)

ACTION: Spec = (
    ("description", "description", "text"),
    ("owner", "owner", "text"),
    ("due_date", "due_date", "date?"),
    ("status", "status", "text"),
    ("completed_on", "completed_on", "date?"),
)
ACTION_CHILDREN = ("need",)

REFERRAL: Spec = (
    ("agency", "agency", "text"),
    ("consent", "consent", "text"),
    ("consent_date", "consent_date", "date?"),
    ("referred_on", "referred_on", "date?"),
    ("status", "status", "text"),
    ("notes", "notes", "text"),
)

COMMITMENT: Spec = (
    ("kind", "kind", "text"),
    ("reason", "reason", "text"),
    ("due", "due_at", "time"),
    ("created_at", "created_at", "time"),
    ("met_at", "met_at", "time?"),
    ("waived_at", "waived_at", "time?"),
    ("waived_reason", "waived_reason", "text"),
)
# `status` is written for the reader's benefit and ignored on import: it is derived.
COMMITMENT_CHILDREN = ("event", "met_by_contact", "status")

OFFICER_FIELDS = ("name", "staff_number")


def field_names(spec: Spec, *extra: str) -> tuple[str, ...]:
    return (*(name for name, _, _ in spec), *extra)
