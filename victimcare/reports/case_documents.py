"""The two case documents: the case contact summary and the contact log.

Both print the contact log in time order with every amendment under the entry it corrects:
entries are evidential, so the original stays on paper exactly as first written. The
redacted copies leave out the address, postcode, phone numbers, email and date of birth.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from victimcare.domain import vocabulary as vocab
from victimcare.domain.code_rules import CodeRules
from victimcare.domain.conversation import ATTEMPT_MARK, is_attempt
from victimcare.domain.describe import (
    commitment_kind_words,
    covered_words,
    every_days,
    interpreter_language,
    met_words,
    named_party,
    needs_in_order,
    phone_lines,
    printed_status_words,
    through_the,
    vulnerability_words,
    waived_words,
)
from victimcare.domain.eligibility import age_on, eligibility
from victimcare.domain.model import (
    CarePlan,
    Case,
    Commitment,
    Contact,
    ContactAgreement,
    ContactAmendment,
    Victim,
)
from victimcare.domain.timeutil import format_date, format_datetime, london
from victimcare.reports.fonts import ITALIC, register_fonts
from victimcare.reports.layout import DocumentInfo, build_pdf, title_block
from victimcare.reports.safe_contact import safe_contact_block
from victimcare.reports.styles import (
    AMENDMENT_FILL,
    BODY,
    CELL,
    CELL_BOLD,
    CELL_ITALIC,
    MUTED,
    NOTE,
    RULE,
    RULE_DARK,
    SOFT_FILL,
    RowGroup,
    base_table_style,
    data_tables,
    facts_table,
    header_row,
    heading,
    para,
    rich,
    subheading,
    text_lines,
)

REMOVED = "Removed from this copy"
NOT_RECORDED = "Not recorded"

LOG_HEADER = ("Date", "Time", "Method", "With whom", "Outcome", "Covered", "Narrative")
# Widths of every column but the narrative, which takes the rest of the line.
_LOG_WIDTHS_PORTRAIT = (55, 33, 54, 52, 64, 78)
_LOG_WIDTHS_LANDSCAPE = (56, 35, 68, 74, 92, 124)


def _local_date(moment: datetime) -> str:
    return london(moment).strftime("%d/%m/%Y")


def _local_time(moment: datetime) -> str:
    return london(moment).strftime("%H:%M")


# -- the victim, the case, the agreement ------------------------------------------------------
def _victim_subtitle(victim: Victim) -> str:
    return f"Victim: {victim.display_name}"


def _phones(victim: Victim) -> str:
    return "\n".join(phone_lines(victim.phones)) or NOT_RECORDED


def _language(victim: Victim) -> str:
    text = victim.language or NOT_RECORDED
    if victim.interpreter_needed:
        text += f" – interpreter needed ({interpreter_language(victim)})"
    return text


def _victim_facts(case: Case, today: date, redact: bool) -> list[tuple[str, str]]:
    victim = case.victim
    if redact:
        born = address = postcode = phones = email = REMOVED
    else:
        born = (f"{format_date(victim.date_of_birth)} (aged {age_on(victim.date_of_birth, today)})"
                if victim.date_of_birth else NOT_RECORDED)
        address = victim.address or NOT_RECORDED
        postcode = victim.postcode or NOT_RECORDED
        phones = _phones(victim)
        email = victim.email or NOT_RECORDED
    flags = vulnerability_words(case)
    return [
        ("Name", victim.full_name),
        ("Preferred name", victim.preferred_name or victim.given_names),
        ("Date of birth", born),
        ("Language", _language(victim)),
        ("Address", address),
        ("Postcode", postcode),
        ("Phone numbers", phones),
        ("Email", email),
        ("Communication needs", victim.communication_needs or "None recorded"),
        ("Vulnerability", "; ".join(flags) or "None recorded"),
    ]


def _case_facts(case: Case, rules: CodeRules) -> list[tuple[str, str]]:
    if case.status == "closed":
        status = f"Closed {format_datetime(case.closed_at)}"
        if case.closure_reason:
            status += f" – {case.closure_reason}"
    else:
        status = vocab.label(vocab.CASE_STATUSES, case.status)
    facts = [
        ("Case reference", case.reference),
        ("Crime reference", case.crime_reference or NOT_RECORDED),
        ("Offence", vocab.label(vocab.OFFENCE_CATEGORIES, case.offence_category)),
        ("Offence date", format_date(case.offence_date) or NOT_RECORDED),
        ("Opened", format_datetime(case.opened_at) or NOT_RECORDED),
        ("Status", status),
        ("Victims' Code", rules.title),
    ]
    if case.retention_review_date:
        facts.append(("Retention review", format_date(case.retention_review_date)))
    if case.notes.strip():
        facts.append(("Case notes", case.notes))
    return facts


def _rights(case: Case, rules: CodeRules) -> list[Flowable]:
    found = eligibility(case, rules)
    out: list[Flowable] = [para(found.describe(), CELL_BOLD.clone("rights", fontSize=9,
                                                                   leading=12))]
    if found.overridden and found.reasons:
        out.append(para("Grounds on the facts: " + ", ".join(found.reasons), BODY))
    days = sorted({rule.working_days(found.enhanced) for rule in rules.events.values()
                   if rule.obliges_update})
    if days:
        within = " or ".join(str(d) for d in days)
        unit = "working day" if days == [1] else "working days"
        out.append(para(
            f"The victim must be told of each arrest, interview under caution, charge, release, "
            f"bail decision, out-of-court disposal or decision not to prosecute within "
            f"{within} {unit}.", NOTE))
    return out


def _agreement_facts(agreement: ContactAgreement) -> list[tuple[str, str]]:
    if agreement.opted_out:
        state = f"OPTED OUT of updates – {agreement.waiver_reason or 'no reason recorded'}"
    elif agreement.paused:
        state = f"PAUSED – {agreement.waiver_reason or 'no reason recorded'}"
    elif agreement.frequency_days:
        state = "Active"
    else:
        state = "No regular contact agreed"
    return [
        ("How often", every_days(agreement, "Not agreed")),
        ("State", state),
        ("Method", vocab.label(vocab.CONTACT_METHODS, agreement.method)),
        ("Through", named_party(agreement.through_whom, agreement.through_name)),
        ("From", format_date(agreement.start_date) or NOT_RECORDED),
        ("Notes", agreement.notes or "None"),
    ]


# -- events, care plan, commitments -------------------------------------------------------------
def _none(text: str = "None recorded.") -> Flowable:
    return para(text, NOTE)


def _events(case: Case, rules: CodeRules, info: DocumentInfo) -> list[Flowable]:
    width = info.frame_width
    if not case.events:
        return [_none("No events recorded.")]
    widths = [58, 36, 150, 90]
    groups = [
        RowGroup([[_local_date(e.occurred_at), _local_time(e.occurred_at),
                   para(rules.event_label(e.kind)), para(format_datetime(e.recorded_at)),
                   para(e.notes)]])
        for e in sorted(case.events, key=lambda e: (e.occurred_at, e.id or 0))
    ]
    return data_tables(("Date", "Time", "Event", "Recorded", "Notes"), groups,
                       [*widths, width - sum(widths)], page_height=info.frame_height)


def _care_plan(plan: CarePlan, info: DocumentInfo) -> list[Flowable]:
    width, height = info.frame_width, info.frame_height
    out: list[Flowable] = [facts_table([
        ("Review date", format_date(plan.review_date) or NOT_RECORDED),
        ("Plan notes", plan.notes or "None"),
    ], width, page_height=height)]
    needs = needs_in_order(plan.needs)
    out.append(subheading("Needs"))
    if needs:
        widths = [130, 60]
        out += data_tables(("Area", "Level", "Notes"), [
            RowGroup([[para(vocab.label(vocab.NEED_AREAS, n.area)),
                       para(vocab.label(vocab.NEED_LEVELS, n.level),
                            CELL_BOLD if n.level == "high" else CELL),
                       para(n.notes)]]) for n in needs
        ], [*widths, width - sum(widths)], page_height=height)
    else:
        out.append(_none())
    out.append(subheading("Actions"))
    if plan.actions:
        widths = [100, 62, 55, 62]
        out += data_tables(("Action", "Owner", "Due", "Status", "Completed"), [
            RowGroup([[para(a.description), para(a.owner), para(format_date(a.due_date)),
                       para(vocab.label(vocab.ACTION_STATUSES, a.status)),
                       para(format_date(a.completed_on))]]) for a in plan.actions
        ], [width - sum(widths), *widths], page_height=height)
    else:
        out.append(_none())
    out.append(subheading("Referrals"))
    if plan.referrals:
        widths = [100, 90, 62, 80]
        rows = []
        for r in plan.referrals:
            consent = vocab.label(vocab.CONSENT, r.consent)
            if r.consent_date:
                consent += f" ({format_date(r.consent_date)})"
            rows.append(RowGroup([[
                para(vocab.label(vocab.REFERRAL_AGENCIES, r.agency)),
                para(consent, CELL if r.consent == "given" else CELL_BOLD),
                para(format_date(r.referred_on) or "Not yet"),
                para(vocab.label(vocab.REFERRAL_STATUSES, r.status)),
                para(r.notes),
            ]]))
        out += data_tables(("Service", "Consent", "Referred on", "Status", "Notes"), rows,
                           [*widths, width - sum(widths)], page_height=height)
    else:
        out.append(_none())
    return out


def _commitments(commitments: list[Commitment], now: datetime,
                 info: DocumentInfo) -> list[Flowable]:
    width = info.frame_width
    if not commitments:
        return [_none("No commitments recorded.")]
    widths = [72, 80, 70]
    groups = []
    for c in sorted(commitments, key=lambda c: (c.due_at, c.id or 0)):
        status = c.status(now)
        if status == "waived":
            detail = waived_words(c)
        elif c.met_at is not None:
            detail = met_words(c)
        else:
            detail = ""
        style = CELL_BOLD if status in ("overdue", "met_late") else CELL
        groups.append(RowGroup([[
            para(commitment_kind_words(c)),
            para(c.reason),
            para(format_datetime(c.due_at)),
            para(printed_status_words(status), style),
            para(detail, CELL_ITALIC if status == "waived" else CELL),
        ]]))
    return data_tables(("Kind", "What is owed", "Due by", "Status", "Met or waived"), groups,
                       [widths[0], width - sum(widths) - 150, widths[1], widths[2], 150],
                       page_height=info.frame_height)


# -- the contact log ---------------------------------------------------------------------------
def _entry_cells(view: Contact | ContactAmendment, case: Case, narrative: Flowable,
                 widths: list[float]) -> list:
    attempt = is_attempt(view, case)
    style = CELL_ITALIC if attempt else CELL
    direction = vocab.label(vocab.DIRECTIONS, view.direction)
    outcome = vocab.label(vocab.CONTACT_OUTCOMES, view.outcome)
    covered = covered_words(view)
    return [
        _local_date(view.occurred_at),
        _local_time(view.occurred_at),
        text_lines(widths[2], vocab.label(vocab.CONTACT_METHODS, view.method),
                   ("small", direction), style=style),
        text_lines(widths[3], vocab.label(vocab.CONTACT_PARTIES, view.with_whom), style=style),
        (text_lines(widths[4], outcome, ("i", ATTEMPT_MARK), style=style) if attempt
         else text_lines(widths[4], outcome, style=CELL_BOLD)),
        text_lines(widths[5], covered or "–", style=style),
        narrative,
    ]


# Plain-string cells of an attempt's row: italic and grey like its Paragraph cells.
_ATTEMPT_ROW = [("FONTNAME", (0, 0), (-1, 0), ITALIC), ("TEXTCOLOR", (0, 0), (-1, 0), MUTED)]


def _recorded_note(contact: Contact) -> tuple[str, str] | None:
    """Say when an entry was written up, where that was not at the time (evidential)."""
    if contact.recorded_at and contact.recorded_at - contact.occurred_at > timedelta(hours=1):
        return ("small", f"Recorded {format_datetime(contact.recorded_at)}")
    return None


def contact_groups(case: Case, widths: list[float]) -> list[RowGroup]:
    """One group per entry, in time order: the original row, then each amendment, each row
    marked a conversation or an attempt on its own fields (the rule the screen uses too)."""
    groups = []
    ordered = sorted(case.contacts, key=lambda c: (c.current.occurred_at, c.id or 0))
    for contact in ordered:
        parts: list = []
        if contact.amendments:
            count = len(contact.amendments)
            parts.append(("b", "Original entry, as first written – amended below"
                          if count == 1 else
                          f"Original entry, as first written – amended {count} times below"))
        parts.append(contact.narrative or "–")
        note = _recorded_note(contact)
        if note:
            parts.append(note)
        rows = [_entry_cells(contact, case, text_lines(widths[6], *parts), widths)]
        commands: list[tuple] = []
        if is_attempt(contact, case):
            commands += _ATTEMPT_ROW
            commands.append(("BACKGROUND", (0, 0), (-1, 0), SOFT_FILL))
        for number, amendment in enumerate(contact.amendments, start=1):
            label = (f"AMENDMENT {number} to the entry of {format_datetime(contact.occurred_at)}"
                     f" – made {format_datetime(amendment.amended_at)}")
            narrative = rich(("b", label), ("br", ""), ("b", "Reason: "), amendment.reason,
                             ("br", ""), amendment.narrative or "–")
            rows.append(_entry_cells(amendment, case, narrative, widths))
            if is_attempt(amendment, case):
                commands += [(name, (c0, number), (c1, number), *rest)
                             for name, (c0, _), (c1, _), *rest in _ATTEMPT_ROW]
            commands += [
                ("BACKGROUND", (0, number), (-1, number), AMENDMENT_FILL),
                ("LINEBEFORE", (0, number), (0, number), 2.5, RULE_DARK),
            ]
        groups.append(RowGroup(rows, commands))
    return groups


def _log_widths(width: float, landscape: bool) -> list[float]:
    fixed = _LOG_WIDTHS_LANDSCAPE if landscape else _LOG_WIDTHS_PORTRAIT
    return [*fixed, width - sum(fixed)]


def _log_section(case: Case, info: DocumentInfo) -> list[Flowable]:
    """The log under its heading: the key, then every entry with its amendments."""
    if not case.contacts:
        return [_none("No contact logged yet.")]
    widths = _log_widths(info.frame_width, landscape=info.landscape)
    return [_log_key(), Spacer(1, 4),
            *data_tables(LOG_HEADER, contact_groups(case, widths), widths,
                         page_height=info.frame_height)]


def _log_key() -> Flowable:
    return para(
        "Times are UK local time, oldest first. Attempts are marked “(attempt)” in italics on "
        "a grey row. Only a conversation or a reply meets an update, and only one with the "
        "victim (or an interpreter or intermediary helping them), the person they agreed "
        "updates go through, or a parent or guardian while the victim is under 18. A "
        "corrected entry keeps its original as first written, with each amendment, its "
        "reason and when it was made, on the shaded rows beneath it.", NOTE)


# -- the documents -----------------------------------------------------------------------------
def contact_summary(case: Case, rules: CodeRules, officer_label: str, now: datetime,
                    redact: bool = False) -> bytes:
    """Everything about a case an officer needs on file, with the full contact log."""
    register_fonts()
    info = DocumentInfo("Case contact summary", officer_label, now, case.reference,
                        redacted=redact)
    width = info.frame_width
    today = london(now).date()
    story: list[Flowable] = title_block(info, _victim_subtitle(case.victim), [
        ("Case", case.reference),
        ("Crime reference", case.crime_reference or NOT_RECORDED),
        ("Offence", vocab.label(vocab.OFFENCE_CATEGORIES, case.offence_category)),
        ("Status", vocab.label(vocab.CASE_STATUSES, case.status)),
    ])
    height = info.frame_height
    story += [Spacer(1, 6), safe_contact_block(case.safe_contact, width, page_height=height)]
    story += heading("Victim", width)
    story.append(facts_table(_victim_facts(case, today, redact), width, page_height=height))
    story += heading("Victims' Code rights", width)
    story += _rights(case, rules)
    story += heading("Case", width)
    story.append(facts_table(_case_facts(case, rules), width, page_height=height))
    story += heading("Contact agreement", width)
    story.append(facts_table(_agreement_facts(case.agreement), width, page_height=height))
    story += heading("Case events", width)
    story += _events(case, rules, info)
    story += heading("Care plan", width)
    story += _care_plan(case.care_plan, info)
    story += heading("Commitments", width)
    story += _commitments(case.commitments, now, info)
    story += heading(f"Contact log ({_entries(len(case.contacts))})", width)
    story += _log_section(case, info)
    return build_pdf(info, story)


def _entries(count: int) -> str:
    return f"{count:,} entr{'y' if count == 1 else 'ies'}"


HANDWRITTEN_HEADER = ("Date", "Time", "Method", "Outcome", "Notes", "Initials")
HANDWRITTEN_ROW_HEIGHT = 27


def _handwritten_page(info: DocumentInfo) -> list[Flowable]:
    """Ruled rows for entries written by hand during a visit: one full page."""
    width = info.frame_width
    widths = [62, 42, 80, 100, 0, 56]
    widths[4] = width - sum(widths)
    story: list[Flowable] = heading("Entries written by hand", width, space_before=0)
    story.append(para(
        "Write in ink, one entry per row, and initial each entry. Type every entry into "
        "victimcare on return, noting that it was transcribed from this sheet, then keep this "
        "sheet with the case papers.", NOTE))
    story.append(Spacer(1, 6))
    # One page's worth: what is left of the frame after the heading, note and header row.
    rows = int((info.frame_height - 80) // HANDWRITTEN_ROW_HEIGHT)
    table = Table([header_row(HANDWRITTEN_HEADER)] + [[""] * 6 for _ in range(rows)],
                  colWidths=widths, rowHeights=[None] + [HANDWRITTEN_ROW_HEIGHT] * rows,
                  repeatRows=1)
    table.setStyle(TableStyle(base_table_style() + [
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE_DARK),
        ("LINEBEFORE", (1, 1), (-1, -1), 0.3, RULE),
    ]))
    story.append(table)
    return story


def _reach(case: Case, redact: bool) -> list[tuple[str, str]]:
    agreement = case.agreement
    agreed = every_days(agreement, "No regular contact agreed")
    agreed += f", by {vocab.label(vocab.CONTACT_METHODS, agreement.method).lower()}"
    if agreement.through_whom != "victim":
        agreed += f", through {through_the(agreement.through_whom, agreement.through_name)}"
    if agreement.opted_out:
        agreed = f"OPTED OUT of updates – {agreement.waiver_reason}"
    elif agreement.paused:
        agreed += f". PAUSED – {agreement.waiver_reason}"
    return [
        ("Phone numbers", REMOVED if redact else _phones(case.victim)),
        ("Agreed contact", agreed),
        ("Language", _language(case.victim)),
        ("Communication needs", case.victim.communication_needs or "None recorded"),
    ]


def contact_log(case: Case, officer_label: str, now: datetime, redact: bool = False) -> bytes:
    """The log as a table (landscape), then ruled rows for entries written by hand."""
    register_fonts()
    info = DocumentInfo("Contact log", officer_label, now, case.reference, redacted=redact,
                        landscape=True)
    width = info.frame_width
    story: list[Flowable] = title_block(info, _victim_subtitle(case.victim), [
        ("Case", case.reference),
        ("Crime reference", case.crime_reference or NOT_RECORDED),
        ("Offence", vocab.label(vocab.OFFENCE_CATEGORIES, case.offence_category)),
        ("Entries", _entries(len(case.contacts))),
    ])
    height = info.frame_height
    story += [Spacer(1, 6), safe_contact_block(case.safe_contact, width, page_height=height),
              Spacer(1, 6)]
    story.append(facts_table(_reach(case, redact), width, label_width=96, page_height=height))
    story += heading("Contact log", width)
    story += _log_section(case, info)
    story.append(PageBreak())
    story += _handwritten_page(info)
    return build_pdf(info, story)
