"""What happened in one fictional investigation: the case events from arrest to sentence (or
wherever it stopped), and whether and why the case was closed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from victimcare.domain.model import Case, CaseEvent
from victimcare.services.demo.draws import pick
from victimcare.services.demo.moments import local_day, london_time, next_working_day
from victimcare.services.demo.offences import (
    CHARGES,
    CLOSURE_REASONS,
    NO_SUSPECT_SHARE,
    OOCD_CATEGORIES,
    SERIOUS_OFFENCES,
)
from victimcare.services.demo.places import CROWN_COURTS, MAGISTRATES_COURTS
from victimcare.services.demo.story import CaseStory


def draw_events(story: CaseStory, category: str, opened_at: datetime,
                horizon: date) -> tuple[list[CaseEvent], str]:
    """A plausible sequence of events up to `horizon`, and how far the case got."""
    rng = story.rng
    events: list[CaseEvent] = []
    latest = story.limit

    def add(kind: str, moment: datetime, notes: str) -> bool:
        if local_day(moment) > horizon or moment > latest:
            return False
        recorded = moment + timedelta(minutes=rng.randint(5, 150))
        events.append(CaseEvent(kind, moment, notes, recorded_at=min(recorded, latest
                                                                     + timedelta(hours=2))))
        return True

    def office(after: datetime, min_days: int, max_days: int) -> datetime:
        wait = timedelta(days=rng.randint(min_days, max_days))
        day = next_working_day(local_day(after) + wait)
        moment = london_time(day, rng.randint(9, 16), rng.choice((0, 10, 15, 25, 30, 40, 45)))
        return moment if moment > after else after + timedelta(hours=1)

    if rng.random() < NO_SUSPECT_SHARE.get(category, 0.0):
        return events, "no_suspect"
    charge = pick(rng, CHARGES[category])
    start = opened_at + timedelta(days=rng.choice((0, 1, 2, 3, 5, 8, 13, 21, 30)))
    start_day = local_day(start)
    if rng.random() < 0.82:
        arrest = london_time(start_day, rng.randint(7, 14), rng.choice((0, 15, 30, 45)))
        if arrest <= opened_at:
            arrest = opened_at + timedelta(hours=2)
        if not add("arrested", arrest, pick(rng, (
                "Suspect arrested at home address; phone seized.",
                "Arrested at his workplace without incident.",
                "Suspect attended the station by appointment & was arrested.",
                "Arrested after a stop in the street (circulated as wanted)."))):
            return events, "none"
        interview = arrest + timedelta(hours=rng.randint(2, 6))
    else:
        interview = london_time(next_working_day(start_day), rng.randint(10, 15))
        if interview <= opened_at:
            interview = opened_at + timedelta(hours=3)
    voluntary = not events
    accounts = ["Interviewed with solicitor present: no comment.",
                "Prepared statement read by solicitor, then no comment.",
                "Interviewed: denies the offence.", "Interviewed: partial admissions."]
    if category == "sexual_offence":
        accounts.append("Interviewed: denies the offence, says it was consensual.")
    if category == "domestic_abuse":
        accounts.append(f"Interviewed: says {story.she} is making it up to get the flat.")
    account = pick(rng, accounts)
    if voluntary:
        account = "Voluntary interview under caution (not arrested). " + account
    if not add("interviewed_under_caution", interview, account):
        return events, "interviewed"
    after = interview + timedelta(hours=rng.randint(1, 3))
    roll = rng.random()
    if roll < 0.12:
        if not add("charged", after, f"Charged with {charge}; remanded in custody."):
            return events, "interviewed"
        return _court(story, events, add, office, after, charge, remanded=True)
    if roll < 0.22:
        add("released_without_charge", after,
            "Released without charge: no further action. Victim to be told of the VRR scheme.")
        return events, "rwc"
    if roll < 0.6:
        bail_to = local_day(after) + timedelta(days=rng.choice((28, 42, 56, 84)))
        if not add("bailed", after,
                   f"Bailed to return on {bail_to:%d/%m/%Y}. Conditions: no contact with "
                   f"the victim directly or indirectly; not to enter {_street_hint(story)}."):
            return events, "interviewed"
        if rng.random() < 0.3:
            varied = office(after, 10, 60)
            if not add("bail_varied", varied, pick(rng, (
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
        if not add("released_under_investigation", after, pick(rng, reasons)):
            return events, "interviewed"
        stage = "rui"

    decided = office(after, 30, 270)
    roll = rng.random()
    if roll < 0.55:
        if not add("charged", decided, f"CPS authorised charge: {charge}. Bailed to court."):
            return events, stage
        return _court(story, events, add, office, decided, charge, remanded=False)
    if roll < 0.65 and category in OOCD_CATEGORIES:
        add("out_of_court_disposal", decided, pick(rng, (
            "Conditional caution: attend a course & pay compensation of £150.",
            "Community resolution with a written apology, agreed with the victim.")))
        return events, "oocd" if events[-1].kind == "out_of_court_disposal" else stage
    if add("decision_not_to_prosecute", decided, pick(rng, (
            "CPS: evidential test not met. Victim to be told the reasons and how to ask "
            "for a review (VRR, 3 months).",
            "No further action by police: insufficient evidence. VRR letter to follow.",
            "CPS decision: no realistic prospect of conviction <consent disputed, no "
            "independent evidence>. Right to review explained."))):
        return events, "nfa"
    return events, stage


def _court(story: CaseStory, events: list[CaseEvent], add: Callable[[str, datetime, str], bool],
           office: Callable[[datetime, int, int], datetime], charged_at: datetime,
           charge: str, remanded: bool) -> tuple[list[CaseEvent], str]:
    rng = story.rng
    wait = timedelta(days=1 if remanded else rng.randint(14, 28))
    first = next_working_day(local_day(charged_at) + wait)
    set_at = charged_at + timedelta(minutes=rng.randint(20, 180))
    if not add("first_hearing_set", set_at,
               f"First hearing at {pick(rng, MAGISTRATES_COURTS)} on {first:%d/%m/%Y} at 10:00."):
        return events, "charged"
    ptph = office(london_time(first, 12), 21, 35)
    guilty_plea = rng.random() < 0.25
    if guilty_plea:
        if not add("verdict", ptph, f"Pleaded guilty to {charge} at the PTPH."):
            return events, "court"
        verdict_at, guilty = ptph, True
    else:
        trial = next_working_day(local_day(ptph) + timedelta(days=rng.randint(120, 420)))
        if not add("trial_date_set", ptph,
                   f"Trial fixed for {trial:%d/%m/%Y} at {pick(rng, CROWN_COURTS)} "
                   f"(time estimate {rng.randint(3, 8)} days). Special measures applied for."):
            return events, "court"
        verdict_at = london_time(trial, 11) + timedelta(days=rng.randint(3, 9))
        guilty = rng.random() < 0.6
        outcome = (pick(rng, ("Guilty on all counts.", "Guilty of the main count; "
                              "not guilty of the second."))
                   if guilty else "Not guilty on all counts. Victim told before leaving court.")
        if not add("verdict", verdict_at, outcome):
            return events, "court"
    if not guilty:
        return events, "not_guilty"
    sentence = office(verdict_at, 21, 56)
    if story.case_category in SERIOUS_OFFENCES:
        sentences = [f"{rng.randint(4, 14)} years' imprisonment; indefinite restraining "
                     "order.",
                     f"{rng.randint(3, 9)} years' imprisonment; restraining order for "
                     f"{rng.randint(5, 10)} years."]
        if story.case_category == "sexual_offence":
            sentences.append(f"Extended sentence of {rng.randint(8, 16)} years; SHPO made.")
    else:
        sentences = [f"{rng.randint(6, 30)} months' imprisonment; restraining order for "
                     "5 years.",
                     "Suspended sentence with a rehabilitation requirement & restraining "
                     "order.",
                     f"Community order with {rng.randint(80, 200)} hours' unpaid work & a "
                     "restraining order."]
    if not add("sentenced", sentence, pick(rng, sentences)):
        return events, "verdict"
    return events, "sentenced"


def _street_hint(story: CaseStory) -> str:
    return pick(story.rng, ("the victim's road", "the borough of the victim's address",
                            "any address where the victim lives or works"))


def close_case(story: CaseStory, case: Case, ending: str, withdraw_day: date | None,
               opened_day: date) -> None:
    """Close the case once its outcome is some weeks old (months after a decision the victim
    may ask to have reviewed), or on the day the victim withdrew; most such cases are."""
    rng = story.rng
    yesterday = story.today - timedelta(days=1)
    last_day = local_day(case.events[-1].occurred_at) if case.events else opened_day
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
    closed_day = next_working_day(closed_day)
    if closed_day > yesterday:
        return
    case.status = "closed"
    case.closed_at = london_time(closed_day, rng.randint(9, 17), rng.choice((0, 15, 30, 45)))
    case.closure_reason = pick(rng, CLOSURE_REASONS[reason_key])
    years = rng.choice((2, 3, 6)) if case.offence_category != "sexual_offence" else 6
    try:
        case.retention_review_date = closed_day.replace(year=closed_day.year + years)
    except ValueError:  # 29 February
        case.retention_review_date = date(closed_day.year + years, 2, 28)
