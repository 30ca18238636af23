"""What the fictional cases are about: how often each offence comes up, the charges, how
often nobody is identified, and why a case closes."""

from __future__ import annotations

OFFENCE_WEIGHTS: dict[str, int] = {
    "sexual_offence": 62, "domestic_abuse": 12, "stalking_harassment": 6, "assault": 5,
    "burglary": 3, "robbery": 2, "hate_crime": 2, "gbh_with_intent": 2, "human_trafficking": 1,
    "kidnap": 1, "false_imprisonment": 1, "fraud": 1, "attempted_murder": 1, "other": 1,
}
CHARGES: dict[str, tuple[str, ...]] = {
    "sexual_offence": ("rape", "rape (two counts)", "sexual assault", "assault by penetration",
                       "rape & sexual assault", "causing a person to engage in sexual activity"),
    "domestic_abuse": ("controlling or coercive behaviour", "assault occasioning ABH",
                       "non-fatal strangulation", "criminal damage & common assault"),
    "stalking_harassment": ("stalking involving fear of violence", "harassment",
                            "stalking & breach of a restraining order"),
    "assault": ("assault occasioning ABH", "common assault"),
    "burglary": ("burglary of a dwelling",),
    "robbery": ("robbery",),
    "hate_crime": ("racially aggravated assault", "religiously aggravated harassment"),
    "gbh_with_intent": ("wounding with intent (s.18)",),
    "human_trafficking": ("arranging travel with a view to exploitation",),
    "kidnap": ("kidnap",),
    "false_imprisonment": ("false imprisonment",),
    "fraud": ("fraud by false representation",),
    "attempted_murder": ("attempted murder",),
    "other": ("threats to kill", "disclosing private sexual images"),
}
# Most reports name a suspect; these are the shares where nobody is ever identified.
NO_SUSPECT_SHARE: dict[str, float] = {
    "sexual_offence": 0.08, "burglary": 0.5, "robbery": 0.4, "fraud": 0.4, "assault": 0.15,
    "hate_crime": 0.3, "arson_endangering_life": 0.3, "gbh_with_intent": 0.15, "other": 0.2,
}
# Offences whose sentences run to years, not months.
SERIOUS_OFFENCES = frozenset({"sexual_offence", "gbh_with_intent", "attempted_murder", "kidnap",
                              "human_trafficking", "false_imprisonment", "robbery",
                              "arson_endangering_life"})
# Offences an out-of-court disposal (a caution, a community resolution) can settle.
OOCD_CATEGORIES = frozenset({"assault", "burglary", "stalking_harassment", "fraud", "other"})

CLOSURE_REASONS: dict[str, tuple[str, ...]] = {
    "sentenced": ("Offender sentenced; victim content for contact to end. VCS referral explained.",
                  "Sentence passed & victim told of the Victim Contact Scheme; no further updates "
                  "wanted."),
    "not_guilty": ("Not guilty verdict; victim supported & given the complaint routes.",),
    "nfa": ("No further action; right-to-review period over, no review requested.",
            "CPS decision upheld on review; victim told and support remains in place."),
    "rwc": ("Suspect released without charge; victim informed and did not seek a review.",),
    "oocd": ("Out-of-court disposal given; victim consulted and content.",),
    "withdrawn": ("Victim withdrew support for the investigation; told how to re-engage.",
                  "Victim asked that the investigation stop; safety plan handed to support "
                  "services."),
    "undetected": ("Undetected: no suspect identified after all lines of enquiry.",),
}
