"""What the contact log says: the narrative of each contact and the Victims' Code items it
covered, written to match each other and the stage the investigation had reached.

Placeholders ({n}, {she}, {support_the}...) are the words of `CaseStory.words`. Some texts
hold '&', '<' and quotes on purpose, because those break careless printing.
"""

from __future__ import annotations

from victimcare.domain.model import Case
from victimcare.domain.vocabulary import EVENT_KINDS
from victimcare.services.demo.draws import pick
from victimcare.services.demo.story import CaseStory

# What the officer told the victim about each event (placeholders: see CaseStory.words).
EVENT_TOLD: dict[str, str] = {
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

Said = tuple[str, tuple[str, ...]]  # narrative, Code items covered

# Attempts and written messages, by (outcome, method).
ATTEMPTS: dict[tuple[str, str], tuple[Said, ...]] = {
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

INITIAL_CONTACTS: tuple[Said, ...] = (
    ("Introduced myself as {hers} liaison officer. Explained the Victims' Code, assessed needs "
     "& offered a referral to {support_a}, which {she} accepted.",
     ("needs_assessed", "referral_offered")),
    ("First meeting with {n}. Went through safety planning and the Code. {She} said \"I just "
     "want someone to keep me in the loop\".", ("needs_assessed",)),
    ("Initial contact. Agreed how & when we'll update {her}. Needs assessed; referral to "
     "{support_a} offered.", ("needs_assessed", "referral_offered")),
)

CLOSING_CONTACTS: tuple[str, ...] = (
    "Told {n} the case is being closed & why; gave numbers for ongoing support.",
    "Closing call: {n} thanked the team. Explained how to get back in touch.",
    "Explained the case is closing; {support_the} will stay in touch. {She} has my email.",
)

TOPICS: dict[str, tuple[Said, ...]] = {
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

FROM_VICTIM: dict[str, tuple[Said, ...]] = {
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


def what_was_said(story: CaseStory, case: Case, purpose: str, method: str, with_whom: str,
                  direction: str, outcome: str, kinds: list[str],
                  stage: str) -> tuple[str, list[str]]:
    """The narrative and the Victims' Code items it covered, to match each other."""
    rng = story.rng
    words = story.words(case)
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
        text, covered = pick(rng, ATTEMPTS.get(key) or ATTEMPTS[(outcome, "phone")])
        who = {"parent_guardian": f"{n}'s {words['parent']}",
               "isva": f"{n}'s {words['support']}"}.get(with_whom, n)
        return text.format(who=who, Who=who[0].upper() + who[1:], **words), list(covered)
    if purpose == "initial":
        text, covered = pick(rng, INITIAL_CONTACTS)
        items = list(covered)
        if rng.random() < 0.5:
            items.append("investigation_update")
        return via + text.format(**words), items
    if purpose == "closing":
        return via + pick(rng, CLOSING_CONTACTS).format(**words), []
    if purpose == "event" and kinds:
        told = EVENT_TOLD[kinds[-1]].format(**words)
        covered = ["investigation_update"]
        extra = pick(rng, ("", " {She} was relieved.", " Questions answered.",
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
    pool = list(TOPICS["any"]) + list(TOPICS[stage])
    if direction == "from_victim":
        pool += FROM_VICTIM.get(stage, ()) + FROM_VICTIM["any"]
    if method == "visit":
        pool.append(("Home visit. Reviewed the safety plan & the new door alarm.",
                     ("needs_assessed",)))
    text, covered = pick(rng, pool)
    prefix = via or ("Video call. " if method == "video" else "")
    return prefix + text.format(**words), list(covered)
