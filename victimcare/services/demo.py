"""Fictional demonstration data: whole case graphs that look like an officer's real caseload.

Everything here is invented. Names are drawn from many backgrounds (and deliberately include
letters outside ASCII, an apostrophe and Arabic script, because those break careless code).
Addresses are on made-up streets with postcodes in London districts that do not exist
(for example N23 or SE29), so no generated address can be a real one. Phone numbers come only
from Ofcom's ranges reserved for drama (07700 900xxx, 020 7946 0xxx, 0161 496 0xxx) and
email addresses only from example.org and example.com.

The same seed and the same `today` always give exactly the same data: one `random.Random`
drives every choice, and no clock is read except to default `today`.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

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
    Phone,
    Referral,
    SafeContactRules,
    Victim,
)
from victimcare.domain.timeutil import LONDON
from victimcare.domain.vocabulary import EVENT_KINDS, SUCCESSFUL_OUTCOMES
from victimcare.domain.working_days import is_working_day
from victimcare.services import audit
from victimcare.services.cases import CURRENT_CODE_VERSION
from victimcare.store import demo_data, records
from victimcare.store.database import Database

T = TypeVar("T")

CASES_PER_TRANSACTION = 500
HISTORY_DAYS = 730  # cases are opened over the two years before `today`


# -- names ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Background:
    female: tuple[str, ...]
    male: tuple[str, ...]
    # A family name, or (female form, male form) where the language has both.
    families: tuple[str | tuple[str, str], ...]
    language: str = "English"
    other_language_share: float = 0.0  # how many prefer their own language over English


_BACKGROUNDS: dict[str, _Background] = {
    "english": _Background(
        ("Emma", "Olivia", "Sophie", "Jessica", "Charlotte", "Chloe", "Hannah", "Lauren", "Amy",
         "Rebecca", "Zoë", "Katie", "Danielle", "Gemma", "Abigail", "Megan"),
        ("Jack", "Thomas", "Daniel", "James", "Ryan", "Liam", "Callum", "Joshua"),
        ("Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Hughes", "Walker", "Wright",
         "Clarke", "Robinson", "Thompson", "Ashworth", "Pemberton-Lowe"),
    ),
    "irish_scottish": _Background(
        ("Siobhán", "Aoife", "Niamh", "Caoimhe", "Eilidh", "Morag", "Róisín", "Saoirse",
         "Orla", "Ailsa"),
        ("Ciarán", "Seán", "Pádraig", "Ruairí", "Hamish"),
        ("Ó Briain", "O'Connor", "MacLeod", "Ó Súilleabháin", "McAllister", "Gallagher",
         "Murphy", "O'Neill", "MacDonald", "Mac Giolla Phádraig"),
    ),
    "polish": _Background(
        ("Zofia", "Agnieszka", "Małgorzata", "Katarzyna", "Łucja", "Joanna", "Magdalena",
         "Aleksandra"),
        ("Paweł", "Michał", "Wojciech", "Łukasz", "Jakub"),
        ("Wójcik", "Kowalczyk", ("Dąbrowska", "Dąbrowski"), "Nowak",
         ("Lewandowska", "Lewandowski"), ("Wiśniewska", "Wiśniewski"),
         ("Zielińska", "Zieliński"), ("Woźniak", "Woźniak")),
        "Polish", 0.35,
    ),
    "vietnamese": _Background(
        ("Linh", "Thảo", "Hương", "Trâm", "Ngọc Anh", "Phương", "Mai"),
        ("Minh", "Tuấn", "Đức", "Quang"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"),
        "Vietnamese", 0.5,
    ),
    "arabic_script": _Background(
        ("ليلى", "مريم", "نور", "فاطمة", "سلمى"),
        ("يوسف", "عمر", "خالد"),
        ("حداد", "الخطيب", "منصور", "العلي"),
        "Arabic", 0.9,
    ),
    "arabic_latin": _Background(
        ("Layla", "Yasmin", "Rania", "Noor", "Hiba", "Salma"),
        ("Karim", "Omar", "Youssef"),
        ("Haddad", "Mansour", "Al-Khatib", "Saleh", "El-Amin"),
        "Arabic", 0.3,
    ),
    "nigerian": _Background(
        ("Chiamaka", "Ngozi", "Adaeze", "Oluwaseun", "Folake", "Temitope", "Ifeoma", "Bisola"),
        ("Tunde", "Chinedu", "Emeka", "Olumide"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Oyelaran", "Nwosu"),
    ),
    "punjabi_sikh": _Background(
        ("Harpreet", "Simran", "Jaspreet", "Manpreet", "Gurleen"),
        ("Gurpreet", "Harjit", "Amrik"),
        (("Kaur", "Singh"), "Gill", "Sandhu", "Dhillon", "Bains"),
        "Punjabi", 0.15,
    ),
    "bangladeshi": _Background(
        ("Nusrat", "Shabana", "Fatima", "Rumana", "Tahmina", "Sumaiya"),
        ("Imran", "Shahid", "Rafiq"),
        ("Begum", "Rahman", "Chowdhury", "Ahmed", "Miah", "Uddin"),
        "Bengali", 0.25,
    ),
    "pakistani": _Background(
        ("Aisha", "Sana", "Zainab", "Hira", "Mehwish"),
        ("Bilal", "Usman", "Tariq"),
        ("Khan", "Hussain", "Iqbal", "Butt", "Malik"),
        "Urdu", 0.2,
    ),
    "indian": _Background(
        ("Priya", "Ritu", "Anjali", "Deepa", "Kavya", "Lakshmi"),
        ("Rajesh", "Arjun", "Vikram"),
        ("Patel", "Sharma", "Iyer", "Joshi", "Nair", "Mehta"),
        "Gujarati", 0.1,
    ),
    "german": _Background(
        ("Anja", "Lena", "Jürgen", "Käthe", "Mareike", "Sabine"),
        ("Jürgen", "Matthias", "Jörg"),
        ("Müller", "Schäfer", "Becker", "Weiß", "Köhler"),
        "German", 0.1,
    ),
    "nordic": _Background(
        ("Åsa", "Ingrid", "Sigrún", "Maja", "Linnéa"),
        ("Søren", "Björn", "Ørjan"),
        ("Øberg", "Sørensen", "Håkansson", "Lindqvist"),
        "Norwegian", 0.05,
    ),
    "turkish": _Background(
        ("Ayşe", "Elif", "Zeynep", "Gülşen", "Büşra", "Merve"),
        ("Gökhan", "Emre", "Barış"),
        ("Şahin", "Yılmaz", "Çelik", "Öztürk", "Doğan", "Aydın"),
        "Turkish", 0.4,
    ),
    "portuguese": _Background(
        ("Beatriz", "Inês", "Conceição", "Luana", "Graça", "Joana"),
        ("João", "Tiago", "Gonçalo"),
        ("Ferreira", "Gonçalves", "Araújo", "Simões", "Magalhães"),
        "Portuguese", 0.3,
    ),
    "chinese": _Background(
        ("Wei", "Mei", "Xiaoling", "Jing", "Yan", "Hui"),
        ("Jun", "Hao", "Zhiwei"),
        ("Chen", "Wang", "Li", "Zhang", "Liu", "Huang"),
        "Mandarin", 0.3,
    ),
    "czech_slovak": _Background(
        ("Tereza", "Lucie", "Kateřina", "Zuzana", "Markéta"),
        ("Jiří", "Tomáš", "Ondřej"),
        (("Nováková", "Novák"), ("Dvořáková", "Dvořák"), ("Horváthová", "Horváth"),
         ("Černá", "Černý")),
        "Czech", 0.3,
    ),
    "romanian": _Background(
        ("Ștefania", "Andreea", "Ioana", "Mădălina", "Elena"),
        ("Mihai", "Andrei", "Ștefan"),
        ("Popescu", "Ionescu", "Dumitrescu", "Stănescu", "Munteanu"),
        "Romanian", 0.4,
    ),
    "somali": _Background(
        ("Hodan", "Ayaan", "Sagal", "Hibaaq", "Ifrah"),
        ("Abdi", "Mahad", "Liban"),
        ("Warsame", "Farah", "Hassan", "Abdullahi", "Jama"),
        "Somali", 0.35,
    ),
    "caribbean": _Background(
        ("Shanice", "Tanisha", "Renée", "Marcia", "Jodie-Ann", "Chantelle"),
        ("Marcus", "Andre", "Delroy"),
        ("Campbell", "Baptiste", "Francis", "Edwards", "McKenzie", "St. Clair"),
    ),
}

# How often each background is drawn, in a London caseload.
_BACKGROUND_WEIGHTS: dict[str, int] = {
    "english": 30, "irish_scottish": 7, "polish": 7, "vietnamese": 3, "arabic_script": 2,
    "arabic_latin": 3, "nigerian": 7, "punjabi_sikh": 3,
    "bangladeshi": 4, "pakistani": 3, "indian": 4, "german": 2, "nordic": 1,
    "turkish": 4, "portuguese": 4, "chinese": 3, "czech_slovak": 3, "romanian": 5,
    "somali": 4, "caribbean": 7,
}

_PREFERRED: dict[str, tuple[str, ...]] = {
    "Katarzyna": ("Kasia",), "Małgorzata": ("Gosia",), "Aleksandra": ("Ola",),
    "Oluwaseun": ("Seun",), "Temitope": ("Tope",), "Rebecca": ("Becky", "Bex"),
    "Abigail": ("Abbie",), "Jessica": ("Jess",), "Harpreet": ("Preet",),
    "Xiaoling": ("Lily",), "Wei": ("Vivian",), "Linh": ("Lynn",), "Ngọc Anh": ("Anna",),
    "Siobhán": ("Shiv",), "Ștefania": ("Ștefi",), "Daniel": ("Dan",), "Thomas": ("Tom",),
    "ليلى": ("Layla",), "مريم": ("Maryam",), "نور": ("Noor",), "فاطمة": ("Fatima",),
    "سلمى": ("Salma",), "Ifeoma": ("Ify",), "Joshua": ("Josh",), "Kateřina": ("Katka",),
}

# The four names every run of four or more cases must contain (the awkward ones).
_REQUIRED_VICTIMS: tuple[tuple[str, str, str, str], ...] = (
    # background, given names, family name, gender
    ("polish", "Agnieszka Maria", "Wójcik", "f"),
    ("irish_scottish", "Siobhán", "Ó Briain", "f"),
    ("vietnamese", "Thảo", "Nguyễn", "f"),
    ("arabic_script", "ليلى", "حداد", "f"),
)

_SUPPORT_WORKERS: dict[str, tuple[str, ...]] = {
    "isva": ("Jo Whitfield", "Sam Adebayo-Hart", "Nia Price", "Becca O'Donnell",
             "Marta Kozłowska", "Dee Ramsay"),
    "idva": ("Priya Lakhani", "Claire Dunmore", "Tamsin Yeo", "Grace Ọkọ́"),
}

_COURTS = ("Snaresbrook Crown Court", "Wood Green Crown Court", "Isleworth Crown Court",
           "Inner London Crown Court", "Harrow Crown Court", "Croydon Crown Court")
_MAGISTRATES = ("Highbury Corner Magistrates' Court", "Thames Magistrates' Court",
                "Willesden Magistrates' Court", "Bromley Magistrates' Court",
                "Uxbridge Magistrates' Court")

# -- places ---------------------------------------------------------------------------------
_STREETS = (
    "Larkspur Road", "Cobbold Mews", "Thistlewood Avenue", "Quillan Street", "Marlowe Gardens",
    "Juniper Close", "Hartswell Lane", "Bramblecote Road", "Ashdown Terrace", "Wrenfield Court",
    "Fennimore Street", "Tollgate Rise", "Orchardine Way", "Pelham Vale", "Saffron Hythe",
    "Kestrel Walk", "Merriweather Place", "Gorsefield Crescent", "Linnet Row", "Caddington Yard",
    "St Aldric's Row", "Weavers' Approach", "Mulberry Hollow", "Quayside Parade",
)
_BLOCKS = ("Kestrel House", "Tamar Court", "Heron Point", "Bellamy House", "Osier Tower",
           "Wyvern Lodge")
# Outward codes that do not exist (each London postcode area stops short of these numbers).
_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("N23", "London"), ("N24", "London"), ("E21", "London"), ("E22", "London"),
    ("SE29", "London"), ("SE30", "London"), ("NW12", "London"), ("W15", "London"),
    ("SW21", "London"), ("SW22", "London"), ("BR9", "Bromley"), ("IG12", "Ilford"),
    ("RM21", "Romford"), ("UB12", "Uxbridge"), ("HA10", "Harrow"), ("EN12", "Enfield"),
    ("TW21", "Twickenham"), ("DA19", "Bexley"),
)
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses in the inward code

_INTERPRETER_FOR: dict[str, str] = {"Bengali": "Bengali (Sylheti)", "Mandarin": "Mandarin"}

# -- offences -------------------------------------------------------------------------------
_OFFENCE_WEIGHTS: dict[str, int] = {
    "sexual_offence": 62, "domestic_abuse": 12, "stalking_harassment": 6, "assault": 5,
    "burglary": 3, "robbery": 2, "hate_crime": 2, "gbh_with_intent": 2, "human_trafficking": 1,
    "kidnap": 1, "false_imprisonment": 1, "fraud": 1, "attempted_murder": 1, "other": 1,
}
_CHARGES: dict[str, tuple[str, ...]] = {
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
_NO_SUSPECT_SHARE: dict[str, float] = {
    "sexual_offence": 0.08, "burglary": 0.5, "robbery": 0.4, "fraud": 0.4, "assault": 0.15,
    "hate_crime": 0.3, "arson_endangering_life": 0.3, "gbh_with_intent": 0.15, "other": 0.2,
}
_SERIOUS = frozenset({"sexual_offence", "gbh_with_intent", "attempted_murder", "kidnap",
                      "human_trafficking", "false_imprisonment", "robbery",
                      "arson_endangering_life"})
_OOCD_CATEGORIES = frozenset({"assault", "burglary", "stalking_harassment", "fraud", "other"})

_CLOSURE_REASONS: dict[str, tuple[str, ...]] = {
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

# -- contacts -------------------------------------------------------------------------------
SUCCESSFUL = SUCCESSFUL_OUTCOMES

_STAGE_OF_EVENT: dict[str, str] = {
    "arrested": "investigation", "interviewed_under_caution": "investigation",
    "bailed": "bail", "bail_varied": "bail", "released_under_investigation": "rui",
    "charged": "court", "first_hearing_set": "court", "trial_date_set": "court",
    "sentenced": "after_sentence", "decision_not_to_prosecute": "after_nfa",
    "released_without_charge": "after_nfa", "out_of_court_disposal": "after_oocd",
}

# What the officer told the victim about each event (placeholders: see _CaseBuilder._words).
_EVENT_TOLD: dict[str, str] = {
    "arrested": "Told {n} the suspect has been arrested.",
    "interviewed_under_caution": "Told {n} the suspect has been interviewed under caution.",
    "released_under_investigation": "Told {n} the suspect was interviewed & released under "
                                    "investigation (no bail conditions).",
    "bailed": "Told {n} the suspect is on bail & went through the conditions.",
    "bail_varied": "Told {n} the bail conditions have changed & what that means for {her}.",
    "charged": "Told {n} the suspect has been charged. Explained what happens at court.",
    "released_without_charge": "Told {n} the suspect was released without charge, the "
                               "reasons, and how to ask for a review.",
    "out_of_court_disposal": "Explained the out-of-court disposal to {n} & why it was chosen.",
    "decision_not_to_prosecute": "Gave {n} the decision not to prosecute & the reasons. "
                                 "Explained the right to review (3 months) and how to ask.",
    "first_hearing_set": "Gave {n} the first hearing date; {she} does not need to attend.",
    "trial_date_set": "Gave {n} the trial date. Discussed special measures & a court visit.",
    "verdict": "Spoke to {n} about the verdict; {support_the} with {her}.",
    "sentenced": "Told {n} the sentence & about the Victim Contact Scheme.",
}

_Said = tuple[str, tuple[str, ...]]  # narrative, Code items covered

# Attempts and written messages, by (outcome, method).
_ATTEMPTS: dict[tuple[str, str], tuple[_Said, ...]] = {
    ("no_answer", "phone"): (
        ("Called {who}: no answer. No voicemail left (safe-contact rules).", ()),
        ("No answer. Will try again tomorrow within the safe window.", ()),
        ("Rang twice, no answer. Did not text, as agreed with {n}.", ()),
        ("No reply; phone rang out.", ()),
    ),
    ("no_answer", "video"): (("Sent the video link; {who} didn't join. Will ring instead.", ()),),
    ("no_answer", "visit"): (
        ("Visited at the agreed time: no answer at the door. Nothing left at the address.", ()),
    ),
    ("voicemail_left", ""): (
        ("Left a short voicemail asking for a call back; no details given.", ()),
        ("Voicemail: \"Hello, it's the safeguarding team, please call me back.\"", ()),
        ("Left a message; mentioned no case details as agreed.", ()),
    ),
    ("declined", ""): (
        ("{Who} answered but said it wasn't a good time & hung up.", ()),
        ("{Who} declined to talk today; asked me to call next week instead.", ()),
    ),
    ("message_sent", "sms"): (
        ("Text: 'Hi, it's the safeguarding team. Please call when it's safe to talk.'", ()),
        ("Texted {who} to book a call for later this week.", ()),
        ("Text sent with the date & time of the next update call.", ()),
    ),
    ("message_sent", "email"): (
        ("Emailed {who} the update we discussed & the Code leaflet link.",
         ("investigation_update",)),
        ("Email sent confirming the next call <no case details in the subject line>.", ()),
    ),
    ("replied", "sms"): (
        ("{Who} texted back: \"thanks for letting me know x\".", ()),
        ("{Who} replied by text: can we move Thursday's call to Friday?", ()),
        ("{Who} texted asking whether {n} needs to go to court <no date yet>.", ()),
    ),
    ("replied", "email"): (
        ("Email from {who} with questions about the VPS & compensation.", ()),
        ("{Who} replied by email: happy with the call plan.", ()),
    ),
    ("letter_sent", ""): (
        ("Letter posted confirming the update given by phone.", ("investigation_update",)),
        ("Posted the Victims' Code leaflet and my contact details.", ()),
    ),
}

_INITIAL: tuple[_Said, ...] = (
    ("Introduced myself as {hers} liaison officer. Explained the Victims' Code, assessed needs "
     "& offered a referral to {support_a}, which {she} accepted.",
     ("needs_assessed", "referral_offered")),
    ("First meeting with {n}. Went through safety planning and the Code. {She} said \"I just "
     "want someone to keep me in the loop\".", ("needs_assessed",)),
    ("Initial contact. Agreed how & when we'll update {her}. Needs assessed; referral to "
     "{support_a} offered.", ("needs_assessed", "referral_offered")),
)

_CLOSING: tuple[str, ...] = (
    "Told {n} the case is being closed & why; gave numbers for ongoing support.",
    "Closing call: {n} thanked the team. Explained how to get back in touch.",
    "Explained the case is closing; {support_the} will stay in touch. {She} has my email.",
)

_TOPICS: dict[str, tuple[_Said, ...]] = {
    "any": (
        ("{n} reports feeling low; GP appointment booked & {support_the} aware.",
         ("needs_assessed",)),
        ("Checked in with {n}; no new concerns. Next call in {freq} days as agreed.", ()),
        ("Housing update: council has {n} on the priority list; letter of support sent.",
         ("needs_assessed",)),
        ("Talked about counselling; {n} would like a referral & consented.", ("referral_offered",)),
        ("Reviewed the care plan with {n}: sleeping better, still anxious going out.",
         ("needs_assessed",)),
        ("{n} asked about travel expenses; explained how to claim.", ()),
    ),
    "no_suspect": (
        ("Update: CCTV trawl done, nothing of evidential value so far. {She} asked \"so what "
         "happens now?\"", ("investigation_update",)),
        ("Update: house-to-house complete & forensic submission made.", ("investigation_update",)),
        ("Explained no suspect has been identified yet & which enquiries remain.",
         ("investigation_update",)),
    ),
    "pre_arrest": (
        ("Update: suspect not yet located; circulated as wanted. Safety plan reviewed.",
         ("investigation_update", "needs_assessed")),
        ("Explained the arrest plan in general terms; {she} will be told as soon as it happens.",
         ("investigation_update",)),
    ),
    "investigation": (
        ("Update: still waiting for the phone download. {She} asked about timescales & I "
         "explained the backlog.", ("investigation_update",)),
        ("Forensic results <still awaited>; chased the lab again & told {n}.",
         ("investigation_update",)),
        ("{n} asked when {hers} phone will be returned. Chased the exhibits officer.", ()),
    ),
    "bail": (
        ("Reminded {n} of the bail conditions & to call 999 if they are broken.",
         ("investigation_update",)),
        ("Update: file with CPS for a charging decision; suspect still on bail.",
         ("investigation_update",)),
        ("{n} asked if the suspect knows where {she} lives now. Reassured; bail conditions "
         "still in place.", ("investigation_update",)),
        ("Update: still waiting for the phone download. {She} asked about timescales & I "
         "explained the backlog.", ("investigation_update",)),
    ),
    "rui": (
        ("Explained the 'released under investigation' status again & what happens next.",
         ("investigation_update",)),
        ("Update: file with CPS for a charging decision; explained it can take weeks.",
         ("investigation_update",)),
        ("Forensic results <still awaited>; chased the lab again & told {n}.",
         ("investigation_update",)),
        ("Third-party material requested (medical records); explained why & {n} consented.",
         ("investigation_update",)),
    ),
    "court": (
        ("Discussed the Victim Personal Statement; {n} wants to write it {self_}.",
         ("vps_offered",)),
        ("Talked through special measures (screens & live link) for trial.",
         ("investigation_update",)),
        ("{n} worried about meeting the suspect's family at court. Explained separate waiting "
         "areas & the Witness Service.", ()),
        ("Court familiarisation visit booked with the Witness Service.", ()),
        ("Trial still listed; no change. {She} asked \"will it go ahead this time?\"",
         ("investigation_update",)),
    ),
    "sentence": (
        ("Helped {n} finish the VPS to be read at sentencing.", ("vps_offered",)),
        ("Explained the sentencing hearing & that {she} can choose whether to attend.",
         ("investigation_update",)),
    ),
    "after_sentence": (
        ("Explained the Victim Contact Scheme & that probation will be in touch.", ()),
        ("Talked about compensation: CICA application with help from {support_the}.",
         ("compensation",)),
    ),
    "after_not_guilty": (
        ("Check-in after the verdict; {n} is angry & upset. {Support_the} still involved.",
         ("needs_assessed",)),
        ("Explained the complaint routes & that the verdict cannot be reviewed by us.", ()),
    ),
    "after_nfa": (
        ("{n} asked about the right to review; went through it again & sent the form.",
         ("right_to_review",)),
        ("Check-in after the decision; {n} coping, {support_the} still involved.",
         ("needs_assessed",)),
    ),
    "after_oocd": (
        ("Confirmed the conditions of the caution have been met.", ("investigation_update",)),
    ),
}

_FROM_VICTIM: dict[str, tuple[_Said, ...]] = {
    "any": (
        ("{n} called to ask for an update; gave the latest from the officer in the case.",
         ("investigation_update",)),
        ("{n} rang to say {she} has a new job & prefers calls after 5pm.", ()),
    ),
    "bail": (
        ("{n} rang in distressed after seeing the suspect near {hers} work. Logged as a possible "
         "bail breach; OIC informed.", ()),
    ),
    "investigation": (
        ("{n} called: suspect's friend messaged {her} on Instagram. Screenshots sent to OIC & "
         "added to the file.", ()),
    ),
    "court": (
        ("{n} called about childcare on the trial dates; passed to the Witness Service.", ()),
    ),
    "after_sentence": (
        ("{n} asked what happens if {she} sees the offender's family; restraining order "
         "explained.", ()),
    ),
}

_PROMISES: dict[str, tuple[str, ...]] = {
    "early": ("Confirm the referral to {support_a} has been picked up",
              "Post the Code leaflet in large print",
              "Call back once the officer in the case is back from leave",
              "Find out when the phone will be returned"),
    "investigation": ("Call after the CPS meeting", "Chase the lab for the forensic results",
                      "Check whether bail conditions include an exclusion zone",
                      "Find out when the phone will be returned"),
    "court": ("Ring back with the hearing time", "Send the Victim Personal Statement form",
              "Book the court familiarisation visit", "Call after the CPS meeting"),
    "after_nfa": ("Send the right-to-review form", "Call back once the review is logged"),
    "after_sentence": ("Call back with the CICA reference",
                       "Ring once probation confirms the VCS officer"),
    "after": ("Call back with the CICA reference", "Check in after the weekend"),
}


def _promise_stage(stage: str) -> str:
    if stage in ("no_suspect", "pre_arrest"):
        return "early"
    if stage in ("investigation", "bail", "rui"):
        return "investigation"
    if stage in ("court", "sentence"):
        return "court"
    return stage if stage in ("after_nfa", "after_sentence") else "after"


_COMM_NEEDS = (
    "Dyslexic: prefers calls to letters; read anything important aloud.",
    "Hearing impaired: uses Relay UK text relay, so allow time & check understanding.",
    "Autistic: give a clear agenda before calls; no unplanned visits.",
    "Needs EasyRead versions of any letters.",
    "Registered blind: letters in large print or Braille only.",
    "Anxious on the phone: book calls in advance by text.",
    "Learning disability: intermediary recommended for interviews and court.",
    "Speech difficulty after stroke: allow extra time; yes/no questions help.",
)
_SAFE_NOTES = (
    "Use the code word \"dentist\" to check it is safe to talk.",
    "Mum opens the post: nothing with police markings.",
    "Call the second number only (work phone) during the week.",
    "If a man answers, hang up & do not leave a message.",
    "Shares a phone with {hers} sister; ask for {her} by name.",
    "Happy for ISVA to be on the call.",
    "Do not visit the home address; meet at the ISVA's office.",
    "Suspect has access to {hers} email account: no emails.",
)
_WAIVERS = (
    ("opted_out", "Victim asked for updates only at key stages (charge & court)."),
    ("opted_out", "Victim does not want routine calls; will contact us if needed."),
    ("paused", "Paused while victim is in hospital; review on return."),
    ("paused", "Paused at victim's request during exams; restart after June."),
)


def generate_demo(db: Database, case_count: int, seed: int, today: date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Add case_count realistic fictional cases; returns their references. Same seed and same
    `today` give exactly the same data."""
    if case_count <= 0:
        return []
    if today is None:
        today = datetime.now(LONDON).date()
    rng = random.Random(seed)
    officers = records.officers(db)
    officer_id = officers[0].id if officers else None
    last_number = demo_data.highest_reference_numbers(db)

    # Cases are generated oldest first, so references run in the order cases were opened.
    openings = sorted(_opening_time(rng, today) for _ in range(case_count))
    required = dict(zip(rng.sample(range(case_count), min(case_count, len(_REQUIRED_VICTIMS))),
                        _REQUIRED_VICTIMS, strict=False))

    # Several hundred cases per transaction: one commit per case would be far slower, and a
    # single transaction for thousands of cases would grow the WAL file without limit.
    references: list[str] = []
    done = 0
    rules = load_rules(CURRENT_CODE_VERSION)
    try:
        while done < case_count:
            chunk_end = min(case_count, done + CASES_PER_TRANSACTION)
            with db.transaction():
                chunk: list[str] = []
                for index in range(done, chunk_end):
                    opened_at = openings[index]
                    year = opened_at.astimezone(LONDON).year
                    last_number[year] = last_number.get(year, 0) + 1
                    reference = f"VC-{year}-{last_number[year]:04d}"
                    builder = _CaseBuilder(rng, today, officer_id, required.get(index))
                    case = builder.build(reference, opened_at)
                    records.insert_case(db, case)
                    # Commitments point at events and contacts, so they follow the insert:
                    # statutory and agreed ones derived by the Code rules exactly as the
                    # importer derives them, promises from the builder.
                    for commitment in [*replay(case, rules), *builder.promises(case)]:
                        records.add_commitment(db, case.id, commitment)
                        case.commitments.append(commitment)
                    chunk.append(reference)
                    if progress is not None and (index + 1) % 50 == 0 and index + 1 < case_count:
                        progress(index + 1, case_count)
                if chunk_end == case_count:
                    audit.record(db, "collection", "",
                                 f"{case_count} fictional demo cases generated")
            references.extend(chunk)
            done = chunk_end
    except BaseException:
        # Earlier chunks are committed: the s.62 log must still say what was collected.
        if references:
            audit.record(db, "collection", "", f"{len(references)} fictional demo cases "
                         f"generated (stopped early at {len(references)} of {case_count})")
        raise
    if progress is not None:
        progress(case_count, case_count)
    return references


# -- time helpers ---------------------------------------------------------------------------
def _at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Europe/London wall-clock time on `day`, as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


def _local_day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _opening_time(rng: random.Random, today: date) -> datetime:
    day = today - timedelta(days=rng.randint(1, HISTORY_DAYS))
    return _at(day, rng.randint(8, 19), rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)))


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def _ascii(text: str) -> str:
    """Letters only, without accents, for an email address ('Wójcik' -> 'wojcik')."""
    special = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
               "å": "a", "Å": "A"}
    text = "".join(special.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha()).lower()


# -- one case -------------------------------------------------------------------------------
class _CaseBuilder:
    """Builds one case graph. Every random choice goes through the run's single `rng`."""

    def __init__(self, rng: random.Random, today: date, officer_id: int | None,
                 required: tuple[str, str, str, str] | None) -> None:
        self.rng = rng
        self.today = today
        self.officer_id = officer_id
        self.required = required
        # Nothing that happened may be in the future: the last moment anything occurs is
        # 21:00 yesterday (London), leaving room for it to be recorded before midnight.
        self.limit = _at(today - timedelta(days=1), 21, 0)
        self.promise_seeds: list[tuple[Contact, str]] = []
        self.words: dict[str, str] | None = None
        self.events: list[CaseEvent] = []
        self.ending = ""

    # -- the whole case ---------------------------------------------------------------------
    def build(self, reference: str, opened_at: datetime) -> Case:
        rng = self.rng
        category = _weighted(rng, _OFFENCE_WEIGHTS)
        opened_day = _local_day(opened_at)
        victim, gender, age_at_offence, offence_date = self._victim(category, opened_day)
        self.first_name = victim.preferred_name or victim.given_names.split()[0]
        self.she, self.her = ("she", "her") if gender == "f" else ("he", "him")
        self.hers = "her" if gender == "f" else "his"
        self.under_18 = age_at_offence < 18
        self.case_category = category

        case = Case(
            reference=reference,
            offence_category=category,
            code_version=CURRENT_CODE_VERSION,
            victim=victim,
            crime_reference=f"{rng.randint(1000000, 9999999)}/{opened_day.year % 100:02d}",
            offence_date=offence_date,
            opened_at=opened_at,
            officer_id=self.officer_id,
        )
        case.persistently_targeted = rng.random() < (0.35 if category == "stalking_harassment"
                                                     else 0.06)
        if rng.random() < 0.02:
            case.enhanced_override = True
            case.enhanced_override_reason = (
                "Victim very distressed about giving evidence: treat as intimidated.")
        if (opened_day - offence_date).days > 365:
            case.notes = _pick(rng, (
                "Non-recent report; victim disclosed to a school counsellor first.",
                "Non-recent: reported after seeing the suspect in the news <name withheld>.",
                "Non-recent report; victim wants to be kept informed but not pressured."))
        elif rng.random() < 0.2:
            notes = ["Linked to another report on the same suspect (see crime reference notes).",
                     "Victim works nights: best contact mid-afternoon.",
                     "Reported via the online form & followed up by phone."]
            if category == "sexual_offence":
                notes.append("Third-party report by a friend; victim engaged after SARC visit.")
            case.notes = _pick(rng, notes)

        withdraw_day: date | None = None
        if rng.random() < 0.06:
            candidate = opened_day + timedelta(days=rng.randint(20, 240))
            if candidate < self.today - timedelta(days=1):
                withdraw_day = candidate
        # Nothing more happens in an investigation from the day the victim withdraws.
        horizon = (withdraw_day - timedelta(days=1) if withdraw_day is not None
                   else self.today - timedelta(days=1))
        case.events, ending = self._events(category, opened_at, horizon)
        self.events, self.ending = case.events, ending
        self._close(case, ending, withdraw_day, opened_day)

        case.safe_contact = self._safe_contact(category)
        case.agreement = self._agreement(victim, opened_day, case)
        end = case.closed_at if case.closed_at is not None else self.limit
        case.contacts = self._contacts(case, opened_at, min(end, self.limit))
        case.care_plan = self._care_plan(case, opened_day)
        return case

    # -- the victim -------------------------------------------------------------------------
    def _victim(self, category: str, opened_day: date) -> tuple[Victim, str, int, date]:
        rng = self.rng
        if self.required is not None:
            key, given, family, gender = self.required
            background = _BACKGROUNDS[key]
        else:
            key = _weighted(rng, _BACKGROUND_WEIGHTS)
            background = _BACKGROUNDS[key]
            mostly_women = category in ("sexual_offence", "domestic_abuse", "stalking_harassment")
            gender = "f" if rng.random() < (0.88 if mostly_women else 0.55) else "m"
            pool = background.female if gender == "f" else background.male
            given = _pick(rng, pool)
            if rng.random() < 0.15:
                second = _pick(rng, pool)
                if second != given:
                    given = f"{given} {second}"
            family_choice = _pick(rng, background.families)
            if isinstance(family_choice, tuple):
                family = family_choice[0] if gender == "f" else family_choice[1]
            else:
                family = family_choice
        first = given.split()[0]
        preferred = ""
        if first in _PREFERRED and (key == "arabic_script" or rng.random() < 0.5):
            preferred = _pick(rng, _PREFERRED[first])

        # Ages: mostly adults; some children at the time, including non-recent offences.
        non_recent = rng.random() < 0.1
        if non_recent:
            offence_date = opened_day - timedelta(days=rng.randint(365, 365 * 20))
            age = rng.randint(6, 30)
        else:
            offence_date = opened_day - timedelta(days=min(rng.choice((0, 0, 1, 1, 2, 3, 5, 9,
                                                                       14, 30, 60)), 90))
            roll = rng.random()
            age = rng.randint(13, 17) if roll < 0.15 else (
                rng.randint(18, 35) if roll < 0.7 else rng.randint(36, 78))
        date_of_birth = offence_date - timedelta(days=int(age * 365.25) + rng.randint(1, 360))

        district, town = _pick(rng, _DISTRICTS)
        postcode = (f"{district} {rng.randint(1, 9)}{_pick(rng, _INWARD_LETTERS)}"
                    f"{_pick(rng, _INWARD_LETTERS)}")
        street = f"{rng.randint(1, 240)} {_pick(rng, _STREETS)}"
        if rng.random() < 0.35:
            street = f"Flat {rng.randint(1, 48)}, {_pick(rng, _BLOCKS)}, {street}"
        address = f"{street}, {town}"

        phones = [Phone(f"07700 900{rng.randint(0, 999):03d}", "Mobile")]
        current_age = (opened_day - date_of_birth).days // 365
        if current_age < 18 or rng.random() < 0.08:
            phones.append(Phone(f"07700 900{rng.randint(0, 999):03d}",
                                _pick(rng, ("Mum's mobile", "Dad's mobile", "Carer's mobile"))
                                if current_age < 18 else "Partner's mobile (safe)"))
        if rng.random() < 0.25:
            phones.append(_pick(rng, (
                Phone(f"020 7946 0{rng.randint(0, 999):03d}", "Home"),
                Phone(f"020 7946 0{rng.randint(0, 999):03d}", "Work"),
                Phone(f"0161 496 0{rng.randint(0, 999):03d}", "Work (Manchester office)"),
            )))

        email = ""
        if rng.random() < 0.6:
            local = _ascii(preferred or first) or "contact"
            surname = _ascii(family)
            local = f"{local}.{surname}" if surname else f"{local}{rng.randint(1, 99)}"
            if rng.random() < 0.4:
                local += str(rng.randint(1, 99))
            email = f"{local}@{_pick(rng, ('example.org', 'example.com'))}"

        language = "English"
        interpreter = False
        if background.language != "English" and rng.random() < background.other_language_share:
            language = background.language
            interpreter = rng.random() < 0.7
        communication = _pick(rng, _COMM_NEEDS) if rng.random() < 0.12 else ""
        flags: list[str] = []
        if rng.random() < 0.28:
            flags = sorted(set(rng.sample(
                ("mental_disorder", "impaired_intelligence_or_social_functioning",
                 "physical_disability", "intimidated", "intimidated"), rng.randint(1, 2))))
        victim = Victim(
            given_names=given, family_name=family, preferred_name=preferred,
            date_of_birth=date_of_birth, address=address, postcode=postcode, phones=phones,
            email=email, language=language, interpreter_needed=interpreter,
            interpreter_language=_INTERPRETER_FOR.get(language, language) if interpreter else "",
            communication_needs=communication, vulnerability_flags=flags,
        )
        return victim, gender, age, offence_date

    # -- what happened in the investigation --------------------------------------------------
    def _events(self, category: str, opened_at: datetime,
                horizon: date) -> tuple[list[CaseEvent], str]:
        """A plausible sequence of events up to `horizon`, and how far the case got."""
        rng = self.rng
        events: list[CaseEvent] = []
        latest = self.limit

        def add(kind: str, moment: datetime, notes: str) -> bool:
            if _local_day(moment) > horizon or moment > latest:
                return False
            recorded = moment + timedelta(minutes=rng.randint(5, 150))
            events.append(CaseEvent(kind, moment, notes, recorded_at=min(recorded, latest
                                                                         + timedelta(hours=2))))
            return True

        def office(after: datetime, min_days: int, max_days: int) -> datetime:
            day = _next_working_day(_local_day(after) + timedelta(days=rng.randint(min_days,
                                                                                   max_days)))
            moment = _at(day, rng.randint(9, 16), rng.choice((0, 10, 15, 25, 30, 40, 45)))
            return moment if moment > after else after + timedelta(hours=1)

        if rng.random() < _NO_SUSPECT_SHARE.get(category, 0.0):
            return events, "no_suspect"
        charge = _pick(rng, _CHARGES[category])
        start = opened_at + timedelta(days=rng.choice((0, 1, 2, 3, 5, 8, 13, 21, 30)))
        start_day = _local_day(start)
        if rng.random() < 0.82:
            arrest = _at(start_day, rng.randint(7, 14), rng.choice((0, 15, 30, 45)))
            if arrest <= opened_at:
                arrest = opened_at + timedelta(hours=2)
            if not add("arrested", arrest, _pick(rng, (
                    "Suspect arrested at home address; phone seized.",
                    "Arrested at his workplace without incident.",
                    "Suspect attended the station by appointment & was arrested.",
                    "Arrested after a stop in the street (circulated as wanted)."))):
                return events, "none"
            interview = arrest + timedelta(hours=rng.randint(2, 6))
        else:
            interview = _at(_next_working_day(start_day), rng.randint(10, 15))
            if interview <= opened_at:
                interview = opened_at + timedelta(hours=3)
        voluntary = not events
        accounts = ["Interviewed with solicitor present: no comment.",
                    "Prepared statement read by solicitor, then no comment.",
                    "Interviewed: denies the offence.", "Interviewed: partial admissions."]
        if category == "sexual_offence":
            accounts.append("Interviewed: denies the offence, says it was consensual.")
        if category == "domestic_abuse":
            accounts.append(f"Interviewed: says {self.she} is making it up to get the flat.")
        account = _pick(rng, accounts)
        if voluntary:
            account = "Voluntary interview under caution (not arrested). " + account
        if not add("interviewed_under_caution", interview, account):
            return events, "interviewed"
        after = interview + timedelta(hours=rng.randint(1, 3))
        roll = rng.random()
        if roll < 0.12:
            if not add("charged", after, f"Charged with {charge}; remanded in custody."):
                return events, "interviewed"
            return self._court(events, add, office, after, charge, remanded=True)
        if roll < 0.22:
            add("released_without_charge", after,
                "Released without charge: no further action. Victim to be told of the VRR scheme.")
            return events, "rwc"
        if roll < 0.6:
            bail_to = _local_day(after) + timedelta(days=rng.choice((28, 42, 56, 84)))
            if not add("bailed", after,
                       f"Bailed to return on {bail_to:%d/%m/%Y}. Conditions: no contact with "
                       f"the victim directly or indirectly; not to enter {self._street_hint()}."):
                return events, "interviewed"
            if rng.random() < 0.3:
                varied = office(after, 10, 60)
                if not add("bail_varied", varied, _pick(rng, (
                        "Bail extended by the superintendent; conditions unchanged.",
                        "Exclusion zone widened to include the victim's workplace.",
                        "Curfew condition removed by the court on the defence's application."))):
                    return events, "bailed"
                after = varied
            stage = "bailed"
        else:
            reasons = ["Released under investigation pending download of both phones.",
                       "RUI while CCTV & third-party material are obtained."]
            if category == "sexual_offence":
                reasons.append("RUI: awaiting forensic results from the SARC examination.")
            if not add("released_under_investigation", after, _pick(rng, reasons)):
                return events, "interviewed"
            stage = "rui"

        decided = office(after, 30, 270)
        roll = rng.random()
        if roll < 0.55:
            if not add("charged", decided, f"CPS authorised charge: {charge}. Bailed to court."):
                return events, stage
            return self._court(events, add, office, decided, charge, remanded=False)
        if roll < 0.65 and category in _OOCD_CATEGORIES:
            add("out_of_court_disposal", decided, _pick(rng, (
                "Conditional caution: attend a course & pay compensation of £150.",
                "Community resolution with a written apology, agreed with the victim.")))
            return events, "oocd" if events[-1].kind == "out_of_court_disposal" else stage
        if add("decision_not_to_prosecute", decided, _pick(rng, (
                "CPS: evidential test not met. Victim to be told the reasons and how to ask "
                "for a review (VRR, 3 months).",
                "No further action by police: insufficient evidence. VRR letter to follow.",
                "CPS decision: no realistic prospect of conviction <consent disputed, no "
                "independent evidence>. Right to review explained."))):
            return events, "nfa"
        return events, stage

    def _court(self, events: list[CaseEvent], add: Callable[[str, datetime, str], bool],
               office: Callable[[datetime, int, int], datetime], charged_at: datetime,
               charge: str, remanded: bool) -> tuple[list[CaseEvent], str]:
        rng = self.rng
        first = _next_working_day(_local_day(charged_at) + timedelta(days=1 if remanded
                                                                     else rng.randint(14, 28)))
        set_at = charged_at + timedelta(minutes=rng.randint(20, 180))
        if not add("first_hearing_set", set_at,
                   f"First hearing at {_pick(rng, _MAGISTRATES)} on {first:%d/%m/%Y} at 10:00."):
            return events, "charged"
        ptph = office(_at(first, 12), 21, 35)
        guilty_plea = rng.random() < 0.25
        if guilty_plea:
            if not add("verdict", ptph, f"Pleaded guilty to {charge} at the PTPH."):
                return events, "court"
            verdict_at, guilty = ptph, True
        else:
            trial = _next_working_day(_local_day(ptph) + timedelta(days=rng.randint(120, 420)))
            if not add("trial_date_set", ptph,
                       f"Trial fixed for {trial:%d/%m/%Y} at {_pick(rng, _COURTS)} "
                       f"(time estimate {rng.randint(3, 8)} days). Special measures applied for."):
                return events, "court"
            verdict_at = _at(trial, 11) + timedelta(days=rng.randint(3, 9))
            guilty = rng.random() < 0.6
            outcome = (_pick(rng, ("Guilty on all counts.", "Guilty of the main count; "
                                   "not guilty of the second."))
                       if guilty else "Not guilty on all counts. Victim told before leaving court.")
            if not add("verdict", verdict_at, outcome):
                return events, "court"
        if not guilty:
            return events, "not_guilty"
        sentence = office(verdict_at, 21, 56)
        if self.case_category in _SERIOUS:
            sentences = [f"{rng.randint(4, 14)} years' imprisonment; indefinite restraining "
                         "order.",
                         f"{rng.randint(3, 9)} years' imprisonment; restraining order for "
                         f"{rng.randint(5, 10)} years."]
            if self.case_category == "sexual_offence":
                sentences.append(f"Extended sentence of {rng.randint(8, 16)} years; SHPO made.")
        else:
            sentences = [f"{rng.randint(6, 30)} months' imprisonment; restraining order for "
                         "5 years.",
                         "Suspended sentence with a rehabilitation requirement & restraining "
                         "order.",
                         f"Community order with {rng.randint(80, 200)} hours' unpaid work & a "
                         "restraining order."]
        if not add("sentenced", sentence, _pick(rng, sentences)):
            return events, "verdict"
        return events, "sentenced"

    def _street_hint(self) -> str:
        return _pick(self.rng, ("the victim's road", "the borough of the victim's address",
                                "any address where the victim lives or works"))

    def _close(self, case: Case, ending: str, withdraw_day: date | None,
               opened_day: date) -> None:
        rng = self.rng
        yesterday = self.today - timedelta(days=1)
        last_day = _local_day(case.events[-1].occurred_at) if case.events else opened_day
        closed_day: date | None = None
        reason_key = ""
        if withdraw_day is not None:
            closed_day, reason_key = withdraw_day, "withdrawn"
        elif ending in ("sentenced", "not_guilty", "rwc", "oocd", "nfa"):
            wait = rng.randint(95, 130) if ending in ("nfa", "rwc") else rng.randint(14, 60)
            if last_day + timedelta(days=wait) <= yesterday and rng.random() < 0.92:
                closed_day, reason_key = last_day + timedelta(days=wait), {
                    "sentenced": "sentenced", "not_guilty": "not_guilty", "rwc": "rwc",
                    "oocd": "oocd", "nfa": "nfa"}[ending]
        elif ending == "no_suspect":
            wait = rng.randint(120, 300)
            if opened_day + timedelta(days=wait) <= yesterday and rng.random() < 0.5:
                closed_day, reason_key = opened_day + timedelta(days=wait), "undetected"
        if closed_day is None:
            return
        closed_day = _next_working_day(closed_day)
        if closed_day > yesterday:
            return
        case.status = "closed"
        case.closed_at = _at(closed_day, rng.randint(9, 17), rng.choice((0, 15, 30, 45)))
        case.closure_reason = _pick(rng, _CLOSURE_REASONS[reason_key])
        years = rng.choice((2, 3, 6)) if case.offence_category != "sexual_offence" else 6
        try:
            case.retention_review_date = closed_day.replace(year=closed_day.year + years)
        except ValueError:  # 29 February
            case.retention_review_date = date(closed_day.year + years, 2, 28)

    # -- safe contact and the agreement -------------------------------------------------------
    def _safe_contact(self, category: str) -> SafeContactRules:
        rng = self.rng

        def tri(yes: float, no: float) -> bool | None:
            roll = rng.random()
            return True if roll < yes else (False if roll < yes + no else None)

        lives_with = category == "domestic_abuse" and rng.random() < 0.2
        lives_near = not lives_with and rng.random() < (0.3 if category in (
            "domestic_abuse", "stalking_harassment") else 0.1)
        rules = SafeContactRules(
            voicemail_ok=tri(0.25, 0.6) if lives_with else tri(0.5, 0.35),
            texts_ok=tri(0.3, 0.6) if lives_with else tri(0.65, 0.2),
            letters_ok=False if lives_with else tri(0.45, 0.4),
            email_ok=tri(0.5, 0.3),
            suspect_lives_with=lives_with,
            suspect_lives_near=lives_near,
        )
        if lives_with or rng.random() < 0.45:
            rules.call_from, rules.call_until = _pick(rng, (
                ("09:00", "17:00"), ("10:00", "16:00"), ("12:00", "14:00"), ("09:30", "12:00"),
                ("13:00", "17:30"), ("17:30", "20:00"), ("08:30", "11:00")))
        notes = []
        if lives_with:
            notes.append("Suspect lives at the address: call only in the agreed window.")
        elif lives_near:
            notes.append(_pick(rng, ("Suspect lives on the same estate.",
                                     "Suspect lives two streets away & knows {hers} car.",
                                     "Suspect's family live opposite.")))
        if rng.random() < 0.3:
            notes.append(_pick(rng, _SAFE_NOTES))
        notes = [note.format(her=self.her, hers=self.hers) for note in notes]
        rules.notes = " ".join(notes)
        return rules

    def _agreement(self, victim: Victim, opened_day: date, case: Case) -> ContactAgreement:
        rng = self.rng
        agreement = ContactAgreement(
            frequency_days=rng.choices((7, 14, 28, None), weights=(2, 5, 4, 1))[0],
            method=rng.choices(("phone", "visit", "video", "email", "sms"),
                               weights=(80, 6, 5, 5, 4))[0],
            start_date=opened_day + timedelta(days=rng.randint(0, 3)),
        )
        if agreement.start_date > self.today - timedelta(days=1):
            agreement.start_date = opened_day
        if self.under_18 and (self.today - victim.date_of_birth).days < 18 * 365 + 200 \
                and rng.random() < 0.7:
            agreement.through_whom = "parent_guardian"
            agreement.through_name = self._parent(victim)
        elif case.offence_category in ("sexual_offence", "domestic_abuse",
                                       "stalking_harassment") and rng.random() < 0.15:
            agreement.through_whom = "isva"
            kind = "idva" if case.offence_category in ("domestic_abuse",
                                                       "stalking_harassment") else "isva"
            agreement.through_name = f"{_pick(rng, _SUPPORT_WORKERS[kind])} ({kind.upper()})"
        if victim.interpreter_needed:
            agreement.notes = f"Book an interpreter ({victim.interpreter_language}) for every call."
        elif rng.random() < 0.2:
            agreement.notes = _pick(rng, (
                "Prefers a quick text first to check it's a good time.",
                "Updates by phone; anything in writing goes by email.",
                f"Happy to have calls on speaker with {self.hers} partner present.",
                f"Agreed: call even if there is no news, so {self.she} knows we haven't "
                "forgotten.",
            ))
        roll = rng.random()
        if roll < 0.08:
            kind, reason = _pick(rng, _WAIVERS)
            agreement.opted_out = kind == "opted_out"
            agreement.paused = kind == "paused"
            agreement.waiver_reason = reason
        return agreement

    def _parent(self, victim: Victim) -> str:
        """Who a child's updates go through, named as the officer would write it."""
        rng = self.rng
        relation = _pick(rng, ("Mum", "Mum", "Dad", "Aunt", "Foster carer"))
        if relation == "Foster carer":
            english = _BACKGROUNDS["english"]
            surname = _pick(rng, english.families)
            return f"{relation}: {_pick(rng, english.female)} {surname}"
        female = relation != "Dad"
        background = _BACKGROUNDS["english"]
        surname = victim.family_name
        for candidate in _BACKGROUNDS.values():
            for family in candidate.families:
                forms = family if isinstance(family, tuple) else (family, family)
                if surname in forms:
                    background = candidate
                    surname = forms[0] if female else forms[1]
                    break
            else:
                continue
            break
        given = _pick(rng, background.female if female else background.male)
        return f"{relation}: {given} {surname}".strip()

    # -- the contact log --------------------------------------------------------------------
    def _contacts(self, case: Case, opened_at: datetime, end: datetime) -> list[Contact]:
        rng = self.rng
        if end <= opened_at:
            end = opened_at + timedelta(hours=1)
        life_days = max(0, (end - opened_at).days)
        if life_days < 7:
            target = rng.randint(3, 6)
        else:
            target = max(5, min(60, round(6 + life_days / 9 + rng.gauss(0, 5))))
        if case.agreement.opted_out or case.agreement.paused:
            target = max(5, target // 2)
        contacts: list[Contact] = []

        first = opened_at + timedelta(minutes=rng.randint(15, 120))
        contacts.append(self._contact(case, first, "initial"))
        # Each day with events gets an update soon after (the statutory duty to tell).
        by_day: dict[date, list[CaseEvent]] = {}
        for event in case.events:
            by_day.setdefault(_local_day(event.occurred_at), []).append(event)
        for day_events in by_day.values():
            told_after = day_events[-1].occurred_at
            moment = told_after + timedelta(minutes=rng.randint(30, 60 * 26))
            moment = self._fit_window(case, moment, not_before=told_after)
            if moment >= end:
                continue
            contact = self._contact(case, moment, "event", day_events)
            contacts.append(contact)
            if contact.outcome not in SUCCESSFUL:
                retry = self._fit_window(case, moment + timedelta(hours=rng.randint(2, 30)),
                                         not_before=moment + timedelta(minutes=30))
                if retry < end:
                    contacts.append(self._contact(case, retry, "event", day_events,
                                                  force_spoke=True))
        span = (end - opened_at).total_seconds()
        per_day: dict[date, list[datetime]] = {}
        for contact in contacts:
            per_day.setdefault(_local_day(contact.occurred_at), []).append(contact.occurred_at)
        attempts = 0
        while len(contacts) < target and attempts < target * 4:
            attempts += 1
            moment = self._fit_window(case, opened_at + timedelta(seconds=rng.random() * span),
                                      not_before=opened_at)
            if not opened_at < moment < end:
                continue
            # Once the outcome is known there is less to say, so calls thin out.
            if self._stage(moment).startswith("after") and rng.random() < 0.6:
                continue
            # At most two routine contacts a day, and not minutes apart.
            same_day = per_day.setdefault(_local_day(moment), [])
            if len(same_day) >= 2 or any(abs(moment - t) < timedelta(minutes=90)
                                         for t in same_day):
                continue
            same_day.append(moment)
            contacts.append(self._contact(case, moment, "routine"))
        contacts.sort(key=lambda c: c.occurred_at)
        if case.status == "closed" and case.closed_at is not None:
            moment = self._fit_window(case, case.closed_at, same_day=True)
            if moment >= case.closed_at:
                moment -= timedelta(days=1)
            moment = max(moment, contacts[-1].occurred_at + timedelta(minutes=rng.randint(5, 40)))
            if moment < case.closed_at:
                contacts.append(self._contact(case, moment, "closing"))
        return [c for c in contacts if c.occurred_at <= self.limit]

    def _fit_window(self, case: Case, moment: datetime, same_day: bool = False,
                    not_before: datetime | None = None) -> datetime:
        """Move a call to a working day and a time inside the victim's safe call window,
        never earlier than `not_before` (a call about an arrest comes after the arrest)."""
        rng = self.rng
        day = _local_day(moment)
        if not same_day and rng.random() < 0.9:
            day = _next_working_day(day)
        safe = case.safe_contact
        lo, hi = 8 * 60 + 30, 18 * 60 + 30
        if safe.call_from and safe.call_until:
            lo, hi = _minutes(safe.call_from), _minutes(safe.call_until) - 5
        minute = rng.randint(lo, max(lo, hi))
        fitted = _at(day, minute // 60, minute % 60)
        while not_before is not None and fitted <= not_before:
            day = _next_working_day(day + timedelta(days=1))
            fitted = _at(day, minute // 60, minute % 60)
        return fitted

    def _stage(self, moment: datetime) -> str:
        """Where the investigation had got to at `moment`, which decides what there is to say."""
        last = None
        for event in self.events:
            if event.occurred_at > moment:
                break
            last = event
        if last is None:
            return "no_suspect" if self.ending == "no_suspect" else "pre_arrest"
        if last.kind == "verdict":
            return "after_not_guilty" if last.notes.startswith("Not guilty") else "sentence"
        return _STAGE_OF_EVENT[last.kind]

    def _contact(self, case: Case, moment: datetime, purpose: str,
                 events: list[CaseEvent] | None = None, force_spoke: bool = False) -> Contact:
        rng = self.rng
        safe = case.safe_contact
        agreement = case.agreement
        direction = "to_victim"
        if purpose == "routine" and rng.random() < 0.22:
            direction = "from_victim"

        # How: the agreed method about half the time, otherwise whatever is safe.
        if purpose in ("initial", "closing"):
            method = rng.choices(("phone", "visit"), weights=(3, 2))[0]
        elif rng.random() < 0.55:
            method = agreement.method
        else:
            method = rng.choices(("phone", "sms", "email", "visit", "video", "letter"),
                                 weights=(60, 12, 8, 8, 6, 3))[0]
        if direction == "from_victim" and method in ("visit", "video", "letter"):
            method = "phone"
        if method == "sms" and safe.texts_ok is not True:
            method = "phone"
        if method == "email" and (safe.email_ok is not True or not case.victim.email):
            method = "phone"
        if method == "letter" and safe.letters_ok is not True:
            method = "phone"

        # Who.
        with_whom = "victim"
        if agreement.through_whom != "victim" and rng.random() < 0.75:
            with_whom = agreement.through_whom
        elif self.under_18 and rng.random() < 0.3:
            with_whom = "parent_guardian"
        elif case.victim.interpreter_needed and method in ("phone", "visit", "video") \
                and rng.random() < 0.5:
            with_whom = "interpreter"
        elif "ntermediary" in case.victim.communication_needs and method != "letter" \
                and rng.random() < 0.4:
            with_whom = "intermediary"

        # What came of it.
        if method in ("phone", "video", "visit"):
            if force_spoke or direction == "from_victim" or purpose in ("initial", "closing"):
                outcome = "spoke"
            else:
                roll = rng.random()
                if roll < 0.7 or (method == "visit" and roll < 0.9):
                    outcome = "spoke"
                elif roll < 0.97 and method == "phone" and safe.voicemail_ok is True \
                        and roll >= 0.85:
                    outcome = "voicemail_left"
                elif roll >= 0.97 and with_whom == "victim":
                    outcome = "declined"
                else:
                    outcome = "no_answer"
        elif method == "letter":
            outcome = "letter_sent"
        else:
            outcome = "replied" if direction == "from_victim" else "message_sent"

        kinds = [e.kind for e in events or []]
        stage = self._stage(moment)
        narrative, covered = self._what_was_said(case, purpose, method, with_whom, direction,
                                                 outcome, kinds, stage)
        contact = Contact(
            occurred_at=moment, method=method, direction=direction, with_whom=with_whom,
            outcome=outcome, covered=covered, narrative=narrative,
            recorded_at=moment + timedelta(minutes=rng.randint(2, 110)),
            officer_id=self.officer_id,
        )
        if rng.random() < 0.025:
            amendment = self._amendment(contact)
            if amendment is not None:
                contact.amendments.append(amendment)
        if outcome == "spoke" and direction == "to_victim" and purpose != "closing" \
                and rng.random() < 0.05:
            reason = _pick(rng, _PROMISES[_promise_stage(stage)])
            self.promise_seeds.append((contact, reason.format(**self._words(case))))
        return contact

    def _amendment(self, contact: Contact) -> ContactAmendment | None:
        rng = self.rng
        amended_at = contact.recorded_at + timedelta(minutes=rng.randint(10, 60 * 48))
        if amended_at > self.limit + timedelta(hours=2):
            return None
        corrected = ContactAmendment(
            reason="", occurred_at=contact.occurred_at, method=contact.method,
            direction=contact.direction, with_whom=contact.with_whom, outcome=contact.outcome,
            covered=list(contact.covered), narrative=contact.narrative, amended_at=amended_at,
            officer_id=self.officer_id,
        )
        roll = rng.random()
        if roll < 0.4:
            shift = timedelta(minutes=rng.choice((-60, -45, -30, -15, 15, 30)))
            return replace(corrected, reason="Wrong time recorded",
                           occurred_at=contact.occurred_at + shift)
        if roll < 0.6 and contact.method in ("phone", "video"):
            return replace(corrected, reason="Wrong method selected: it was a "
                           + ("video call" if contact.method == "phone" else "phone call"),
                           method="video" if contact.method == "phone" else "phone")
        if roll < 0.75 and contact.outcome == "no_answer" and contact.method == "phone":
            return replace(corrected, reason="Outcome recorded wrongly: a voicemail was left",
                           outcome="voicemail_left",
                           narrative="Left a short voicemail asking for a call back; no details "
                                     "given.")
        if roll < 0.85 and contact.outcome in SUCCESSFUL and "investigation_update" not in \
                contact.covered:
            return replace(corrected, reason="Investigation update given but not ticked",
                           covered=[*contact.covered, "investigation_update"])
        return replace(corrected, reason="Added detail left out of the first note",
                       narrative=contact.narrative + " " + _pick(rng, (
                           "Victim also asked that we don't call on Mondays.",
                           "ISVA was on the call too.",
                           "Gave the 101 & 999 advice again.",
                           "She asked for this to be noted: \"I'm not withdrawing\".")))

    def _what_was_said(self, case: Case, purpose: str, method: str, with_whom: str,
                       direction: str, outcome: str, kinds: list[str],
                       stage: str) -> tuple[str, list[str]]:
        """The narrative and the Victims' Code items it covered, to match each other."""
        rng = self.rng
        words = self._words(case)
        n = words["n"]
        via = {
            "victim": "",
            "parent_guardian": f"Spoke to {n}'s {words['parent']}. ",
            "isva": f"Via {words['support_name']}. ",
            "intermediary": "Through the intermediary. ",
            "interpreter": f"With the {words['interp']} interpreter. ",
        }[with_whom]
        if outcome in ("no_answer", "voicemail_left", "declined", "message_sent", "replied",
                       "letter_sent"):
            if outcome == "letter_sent" and {"decision_not_to_prosecute",
                                             "released_without_charge"} & set(kinds):
                return ("Letter posted: the decision, the reasons & how to ask for a review "
                        "(VRR).", ["investigation_update", "right_to_review"])
            if outcome == "letter_sent" and purpose == "event":
                told = EVENT_KINDS[kinds[-1]].lower()
                return f"Letter posted confirming the update ({told}).", ["investigation_update"]
            key = (outcome, method if outcome in ("no_answer", "message_sent", "replied")
                   else "")
            text, covered = _pick(rng, _ATTEMPTS.get(key) or _ATTEMPTS[(outcome, "phone")])
            who = {"parent_guardian": f"{n}'s {words['parent']}",
                   "isva": f"{n}'s {words['support']}"}.get(with_whom, n)
            return text.format(who=who, Who=who[0].upper() + who[1:], **words), list(covered)
        if purpose == "initial":
            text, covered = _pick(rng, _INITIAL)
            items = list(covered)
            if rng.random() < 0.5:
                items.append("investigation_update")
            return via + text.format(**words), items
        if purpose == "closing":
            return via + _pick(rng, _CLOSING).format(**words), []
        if purpose == "event" and kinds:
            told = _EVENT_TOLD[kinds[-1]].format(**words)
            covered = ["investigation_update"]
            extra = _pick(rng, ("", " {She} was relieved.", " Questions answered.",
                                " {She} said \"at last\".", " Will confirm in writing if safe."))
            if "charged" in kinds and rng.random() < 0.7:
                covered.append("vps_offered")
                extra = " Offered the chance to make a VPS."
            if {"decision_not_to_prosecute", "released_without_charge"} & set(kinds):
                covered.append("right_to_review")
            if "sentenced" in kinds and rng.random() < 0.6:
                covered.append("compensation")
                extra = " Explained the compensation order & CICA."
            return via + told + extra.format(**words), covered
        pool = list(_TOPICS["any"]) + list(_TOPICS[stage])
        if direction == "from_victim":
            pool += _FROM_VICTIM.get(stage, ()) + _FROM_VICTIM["any"]
        if method == "visit":
            pool.append(("Home visit. Reviewed the safety plan & the new door alarm.",
                         ("needs_assessed",)))
        text, covered = _pick(rng, pool)
        prefix = via or ("Video call. " if method == "video" else "")
        return prefix + text.format(**words), list(covered)

    def _words(self, case: Case) -> dict[str, str]:
        if self.words is None:
            victim = case.victim
            support = {"domestic_abuse": "IDVA", "stalking_harassment": "IDVA",
                       "sexual_offence": "ISVA"}.get(case.offence_category, "Victim Support")
            through = case.agreement.through_name
            the = support if support == "Victim Support" else f"the {support}"
            self.words = {
                "n": self.first_name, "she": self.she, "She": self.she.capitalize(),
                "her": self.her, "hers": self.hers,
                "self_": "herself" if self.she == "she" else "himself",
                "support": support, "support_the": the, "Support_the": the[0].upper() + the[1:],
                "support_a": support if support == "Victim Support" else f"an {support}",
                "support_name": (f"{support} {through.split(' (')[0]}"
                                 if case.agreement.through_whom == "isva" and through
                                 else f"{self.hers} {support}" if support != "Victim Support"
                                 else "Victim Support"),
                "parent": (through.split(":")[0].lower()
                           if case.agreement.through_whom == "parent_guardian" and ":" in through
                           else _pick(self.rng, ("mum", "dad", "mum", "carer"))),
                "interp": victim.interpreter_language or victim.language,
                "freq": str(case.agreement.frequency_days or 14),
            }
        return self.words

    # -- the care plan ----------------------------------------------------------------------
    def _care_plan(self, case: Case, opened_day: date) -> CarePlan:
        rng = self.rng
        yesterday = self.today - timedelta(days=1)
        end_day = _local_day(case.closed_at) if case.closed_at else yesterday
        if case.status == "closed":
            review = end_day
        else:
            review = self.today + timedelta(days=rng.randint(-14, 42))
        plan = CarePlan(review_date=review, notes=_pick(rng, (
            "", "", "Plan agreed with the victim at the first visit.",
            "Reviewed with ISVA; priorities are safety & sleep.",
            "Victim has copy of plan (sent by secure email).")))

        areas = ["safety", "emotional_support", "criminal_justice"]
        extras = [a for a in ("health_wellbeing", "housing", "finance", "children_dependants",
                              "communication") if rng.random() < 0.35]
        if case.victim.interpreter_needed or case.victim.communication_needs:
            extras.append("communication")
        words = self._words(case)
        for area in areas + sorted(set(extras)):
            level = rng.choices(("none", "low", "medium", "high"), weights=(1, 3, 4, 3))[0]
            if area == "communication" and (case.victim.interpreter_needed
                                            or case.victim.communication_needs):
                level = rng.choice(("medium", "high"))
            plan.needs.append(CareNeed(area, level, _need_note(rng, area, level, case.victim,
                                                               words, case.offence_category)))

        applies = {"any"}
        if case.offence_category == "sexual_offence":
            applies.add("sexual")
        if case.offence_category in ("domestic_abuse", "stalking_harassment"):
            applies.add("da")
        if case.events:
            applies.add("suspect")
        if any(e.kind == "charged" for e in case.events):
            applies.add("court")
        if case.victim.interpreter_needed:
            applies.add("interp")
        if case.victim.communication_needs:
            applies.add("comm")
        if self.under_18:
            applies.add("child")
        possible = [a for a in _ACTIONS if a[2] in applies]
        for description, owner, _ in rng.sample(possible, rng.randint(1, min(5, len(possible)))):
            description, owner = description.format(**words), owner.format(**words)
            created = opened_day + timedelta(days=rng.randint(0, max(0, (end_day - opened_day).days)))
            due = created + timedelta(days=rng.randint(3, 28))
            action = CareAction(description, owner, due)
            if due <= yesterday or case.status == "closed":
                action.status = rng.choices(("done", "cancelled", "open"),
                                            weights=(7, 1, 0 if case.status == "closed" else 2))[0]
            elif rng.random() < 0.2:
                action.status = "done"
            if action.status == "done":
                latest = min(due + timedelta(days=5), end_day)
                action.completed_on = created + timedelta(
                    days=rng.randint(0, max(0, (latest - created).days)))
            plan.actions.append(action)

        for agency in self._agencies(case):
            plan.referrals.append(self._referral(agency, opened_day, end_day))
        return plan

    def _agencies(self, case: Case) -> list[str]:
        rng = self.rng
        category = case.offence_category
        chosen: list[str] = []
        if category == "sexual_offence":
            chosen += ["isva"] + [a for a in ("sarc", "rape_crisis") if rng.random() < 0.6]
        elif category in ("domestic_abuse", "stalking_harassment"):
            chosen += ["idva"] + (["marac"] if rng.random() < 0.4 else [])
        else:
            chosen.append("victim_support")
        if self.under_18:
            chosen.append("childrens_social_care")
        if "mental_disorder" in case.victim.vulnerability_flags or rng.random() < 0.1:
            chosen.append("mental_health")
        if case.safe_contact.suspect_lives_with or rng.random() < 0.07:
            chosen.append("housing")
        if "impaired_intelligence_or_social_functioning" in case.victim.vulnerability_flags:
            chosen.append("adults_social_care")
        if rng.random() < 0.03:
            chosen.append("other")
        return list(dict.fromkeys(chosen))

    def _referral(self, agency: str, opened_day: date, end_day: date) -> Referral:
        rng = self.rng
        referral = Referral(agency)
        roll = rng.random()
        if roll < 0.1 and agency not in ("marac", "childrens_social_care"):
            referral.consent = "not_asked"
            referral.notes = "To discuss at the next visit."
            return referral
        if roll < 0.2 and agency not in ("marac", "childrens_social_care"):
            referral.consent = "refused"
            referral.consent_date = opened_day + timedelta(days=rng.randint(0, 7))
            referral.consent_date = min(referral.consent_date, end_day)
            referral.status = "closed"
            referral.notes = "Victim declined for now; can be offered again."
            return referral
        referral.consent = "given"
        referral.consent_date = min(opened_day + timedelta(days=rng.randint(0, 10)), end_day)
        referral.referred_on = min(referral.consent_date + timedelta(days=rng.randint(0, 2)),
                                   end_day)
        referral.status = rng.choices(("made", "accepted", "declined", "closed"),
                                      weights=(2, 6, 1, 2))[0]
        if agency in ("marac", "childrens_social_care") and rng.random() < 0.5:
            referral.notes = "Safeguarding referral: consent sought, shared on a need-to-know basis."
        elif referral.status == "declined":
            referral.notes = "Service at capacity; waiting list advice given."
        elif referral.status == "accepted" and agency in ("isva", "idva"):
            kind = agency
            referral.notes = f"Allocated to {_pick(rng, _SUPPORT_WORKERS[kind])}."
        return referral

    # -- promises -----------------------------------------------------------------------------
    def promises(self, case: Case) -> list[Commitment]:
        """A few promises the officer made in conversation, some met by a later contact.

        Only promises: statutory and agreed commitments are derived from the Code rules."""
        rng = self.rng
        made: list[Commitment] = []
        contacts = case.contacts
        seeds = list(self.promise_seeds)
        if case.status == "open" and contacts and rng.random() < 0.25:
            last_spoke = [c for c in contacts[-4:] if c.outcome == "spoke"
                          and c.direction == "to_victim"]
            if last_spoke:
                stage = _promise_stage(self._stage(last_spoke[-1].occurred_at))
                reason = _pick(rng, _PROMISES[stage]).format(**self._words(case))
                seeds.append((last_spoke[-1], reason))
        for contact, reason in seeds[:3]:
            if contact.id is None or all(contact is not c for c in contacts):
                continue
            created = contact.recorded_at or contact.occurred_at
            due_day = _next_working_day(_local_day(created) + timedelta(days=rng.randint(1, 7)))
            commitment = Commitment(kind="promise", reason=reason,
                                    due_at=_at(due_day, 17, 0), created_at=created)
            later = [c for c in contacts if c.occurred_at > created
                     and c.outcome in ("spoke", "replied")]
            if later and rng.random() < 0.85:
                met_by = later[0] if rng.random() < 0.8 else later[min(1, len(later) - 1)]
                commitment.met_by_contact_id = met_by.id
                commitment.met_at = met_by.occurred_at
            elif case.status == "closed" or _local_day(created) < self.today - timedelta(days=30):
                # A closed case leaves no promise hanging, and an officer who carries a case
                # for months has long since kept or overtaken an old one.
                continue
            made.append(commitment)
        return made


_ACTIONS: tuple[tuple[str, str, str], ...] = (
    # description, owner, when it applies
    ("Arrange SARC follow-up appointment", "{support}", "sexual"),
    ("Apply for a non-molestation order", "Victim with IDVA", "da"),
    ("Fit door & window alarms (cocooning)", "Crime prevention officer", "any"),
    ("Ask CPS about special measures", "OIC", "court"),
    ("Refer to GP for counselling", "Victim", "any"),
    ("Discuss a housing transfer with the council", "Housing officer", "any"),
    ("Return phone after the download", "OIC", "suspect"),
    ("Book a pre-trial court visit", "Witness Service", "court"),
    ("Send the Code leaflet in {interp}", "Liaison officer", "interp"),
    ("Book the same {interp} interpreter for every call", "Liaison officer", "interp"),
    ("Help with a CICA compensation claim", "{support}", "any"),
    ("Arrange an intermediary assessment", "OIC", "comm"),
    ("Send letters in the format {n} needs", "Liaison officer", "comm"),
    ("Check the school's safeguarding lead is aware", "Liaison officer", "child"),
    ("Add a marker to the address (urgent response)", "Liaison officer", "any"),
    ("Claim travel expenses for the ABE interview", "Liaison officer", "sexual"),
    ("Change phone number & set up a safe phone", "Victim with IDVA", "da"),
)


def _need_note(rng: random.Random, area: str, level: str, victim: Victim,
               words: dict[str, str], category: str) -> str:
    if level == "none":
        return ""
    if area == "communication":
        if victim.communication_needs:
            return victim.communication_needs
        if victim.interpreter_needed:
            return f"{words['interp']} interpreter for all calls & meetings."
    notes = {
        "safety": ("Suspect knows the address.", "Panic alarm fitted.",
                   "Worried about the suspect's friends."),
        "health_wellbeing": ("Not sleeping; GP aware.", "Long-term condition: hospital "
                             "appointments weekly.", "Drinking more since the offence."),
        "emotional_support": ("On the waiting list for counselling.",
                               "Sees {support_the} weekly & has friends close by.", "Very anxious about court."),
        "housing": ("Wants to move away from the area.", "Temporary accommodation (hostel).",
                    "Rent arrears since taking time off work."),
        "finance": ("Lost shifts at work; advice on expenses.", "Universal Credit delayed."),
        "children_dependants": ("Two children under 5; childcare for court needed.",
                                "Cares for {hers} mother."),
        "criminal_justice": ("Wants to know what to expect at court.",
                             "Asked about giving evidence by live link."),
        "communication": ("Prefers texts to arrange calls.", "Likes things in writing afterwards."),
    }[area]
    if area == "health_wellbeing" and category == "sexual_offence":
        notes = (*notes, "Follow-up at the SARC due.")
    return _pick(rng, notes).format(**words)
