"""The closed vocabularies of the case model, with the words a person reads.

Offence categories, event kinds and vulnerability flags that the Victims' Code rules depend on
are listed here for validation and display; which of them give enhanced rights or oblige an
update, and within how long, lives in the Code rules file, never here.
"""

from __future__ import annotations


def label(words: dict[str, str], key: str) -> str:
    """The words a person reads for `key`; a key the list lacks (from an older or newer
    version) is shown as itself, underscores as spaces, never as an error."""
    return words.get(key, key.replace("_", " "))


OFFENCE_CATEGORIES: dict[str, str] = {
    "sexual_offence": "Sexual offence",
    "domestic_abuse": "Domestic abuse",
    "hate_crime": "Hate crime",
    "terrorism": "Terrorism",
    "human_trafficking": "Human trafficking",
    "attempted_murder": "Attempted murder",
    "kidnap": "Kidnap",
    "false_imprisonment": "False imprisonment",
    "arson_endangering_life": "Arson with intent to endanger life",
    "gbh_with_intent": "Wounding or GBH with intent",
    "bereaved_by_crime": "Bereaved by crime",
    "burglary": "Burglary",
    "robbery": "Robbery",
    "assault": "Assault",
    "stalking_harassment": "Stalking or harassment",
    "fraud": "Fraud",
    "other": "Other",
}

EVENT_KINDS: dict[str, str] = {
    "arrested": "Suspect arrested",
    "interviewed_under_caution": "Suspect interviewed under caution",
    "charged": "Suspect charged",
    "released_without_charge": "Suspect released without charge",
    "released_under_investigation": "Suspect released under investigation",
    "bailed": "Suspect released on bail",
    "bail_varied": "Bail conditions changed",
    "out_of_court_disposal": "Out-of-court disposal given",
    "decision_not_to_prosecute": "Decision not to prosecute",
    "first_hearing_set": "First hearing date set",
    "trial_date_set": "Trial date set",
    "verdict": "Verdict",
    "sentenced": "Sentenced",
}

VULNERABILITY_FLAGS: dict[str, str] = {
    # under_18_at_offence is derived from the date of birth and the offence date, never typed.
    "mental_disorder": "Mental disorder",
    "impaired_intelligence_or_social_functioning": "Significant impairment of intelligence and social functioning",
    "physical_disability": "Physical disability",
    "intimidated": "Fear or distress about testifying",
}

CONTACT_METHODS: dict[str, str] = {
    "phone": "Phone",
    "visit": "Visit",
    "video": "Video call",
    "email": "Email",
    "letter": "Letter",
    "sms": "Text message",
}

DIRECTIONS: dict[str, str] = {
    "to_victim": "To the victim",
    "from_victim": "From the victim",
}

CONTACT_PARTIES: dict[str, str] = {
    "victim": "Victim",
    "parent_guardian": "Parent or guardian",
    "isva": "ISVA",
    "intermediary": "Intermediary",
    "interpreter": "Interpreter",
}

CONTACT_OUTCOMES: dict[str, str] = {
    "spoke": "Spoke",
    "no_answer": "No answer",
    "voicemail_left": "Voicemail left",
    "message_sent": "Message sent",
    "letter_sent": "Letter sent",
    "declined": "Declined",
    "replied": "Victim replied",
}

# Only a real conversation or a reply meets an update commitment; the rest are attempts.
SUCCESSFUL_OUTCOMES: frozenset[str] = frozenset({"spoke", "replied"})

CODE_ITEMS: dict[str, str] = {
    "investigation_update": "Investigation update",
    "vps_offered": "Victim Personal Statement offered",
    "referral_offered": "Referral offered",
    "needs_assessed": "Needs assessed",
    "compensation": "Compensation",
    "right_to_review": "Right to review",
}

NEED_AREAS: dict[str, str] = {
    "safety": "Safety",
    "health_wellbeing": "Health and wellbeing",
    "emotional_support": "Emotional support",
    "housing": "Housing",
    "finance": "Finance",
    "children_dependants": "Children and dependants",
    "criminal_justice": "Criminal justice process",
    "communication": "Communication",
}

NEED_LEVELS: dict[str, str] = {
    "none": "None",
    "low": "Low",
    "medium": "Medium",
    "high": "High",
}

ACTION_STATUSES: dict[str, str] = {
    "open": "Open",
    "done": "Done",
    "cancelled": "Cancelled",
}

REFERRAL_AGENCIES: dict[str, str] = {
    "isva": "ISVA",
    "idva": "IDVA",
    "sarc": "SARC (e.g. the Havens)",
    "victim_support": "Victim Support",
    "rape_crisis": "Rape Crisis",
    "marac": "MARAC",
    "childrens_social_care": "Children's social care",
    "adults_social_care": "Adults' social care",
    "mental_health": "Mental health services",
    "housing": "Housing",
    "other": "Other",
}

CONSENT: dict[str, str] = {
    "not_asked": "Not yet asked",
    "given": "Given",
    "refused": "Refused",
}

REFERRAL_STATUSES: dict[str, str] = {
    "planned": "Planned",
    "made": "Made",
    "accepted": "Accepted",
    "declined": "Declined by the service",
    "closed": "Closed",
}

COMMITMENT_KINDS: dict[str, str] = {
    "statutory": "Victims' Code",
    "agreed": "Agreed contact",
    "promise": "Promise",
}

CASE_STATUSES: dict[str, str] = {"open": "Open", "closed": "Closed"}

AUDIT_ACTIONS: dict[str, str] = {
    "collection": "Collection",
    "alteration": "Alteration",
    "consultation": "Consultation",
    "disclosure": "Disclosure",
    "combination": "Combination",
    "erasure": "Erasure",
}
