"""The printed worklist: what is overdue, due today and due this week, with how to reach
each victim safely.

This sheet goes out with the officer to make calls, so every item carries the victim's phone
numbers and the full safe-contact rules, not a reference to look them up elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from victimcare.domain import vocabulary as vocab
from victimcare.domain.describe import (
    days_overdue,
    interpreter_language,
    phone_lines,
    through_the,
)
from victimcare.domain.model import Case, Phone
from victimcare.domain.timeutil import format_datetime, london
from victimcare.domain.worklist import WorkItem
from victimcare.reports.fonts import REGULAR, register_fonts
from victimcare.reports.layout import DocumentInfo, build_pdf, title_block
from victimcare.reports.safe_contact import safe_contact_block
from victimcare.reports.styles import (
    CELL,
    CELL_BOLD,
    HEADER_FILL,
    NOTE,
    RULE,
    RULE_DARK,
    data_table,
    heading,
    para,
    rich,
)

BUCKETS = (
    ("overdue", "Overdue"),
    ("today", "Due today"),
    ("week", "Due this week"),
)


@dataclass(frozen=True)
class VictimContact:
    """How to reach the victim of one case."""

    phones: tuple[Phone, ...] = ()
    language: str = "English"
    interpreter_language: str = ""      # empty unless an interpreter is needed
    communication_needs: str = ""
    through_whom: str = "victim"        # the agreed route for updates
    through_name: str = ""

    @classmethod
    def of(cls, case: Case) -> VictimContact:
        victim = case.victim
        return cls(
            phones=tuple(victim.phones),
            language=victim.language,
            interpreter_language=interpreter_language(victim),
            communication_needs=victim.communication_needs,
            through_whom=case.agreement.through_whom,
            through_name=case.agreement.through_name,
        )


def _status(item: WorkItem, now: datetime) -> str:
    if item.bucket == "overdue":
        days = days_overdue(item.due_at, now)
        if days <= 0:
            return f"OVERDUE since {london(item.due_at):%H:%M} today"
        return f"OVERDUE by {days} day{'s' if days != 1 else ''}"
    if item.bucket == "today":
        return "DUE TODAY"
    return f"Due {london(item.due_at):%A}"


def _route(item: WorkItem, contact: VictimContact) -> str:
    text = f"Agreed method: {vocab.CONTACT_METHODS.get(item.agreed_method, item.agreed_method)}"
    if contact.through_whom != "victim":
        text += f", through {through_the(contact.through_whom, contact.through_name)}"
    return text


def _item(item: WorkItem, contact: VictimContact | None, now: datetime, width: float,
          page_height: float) -> Flowable:
    box = 22
    inner = width - box
    content = inner - 8   # less the cell's own padding
    kind = vocab.COMMITMENT_KINDS.get(item.kind, item.kind)
    title = Table([[
        rich(("b", _status(item, now)), ("br", ""), ("small", f"by {format_datetime(item.due_at)}"),
             style=CELL),
        rich(("b", f"Case {item.case_reference}"), style=CELL),
        rich(("b", item.victim_name), style=CELL),
    ]], colWidths=[146, 120, content - 266])
    title.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    what = (para(item.reason) if item.reason.startswith(kind)
            else rich(("small", f"{kind}: "), item.reason, style=CELL))
    # One content column, no spans: any row can then run across a page break.
    rows: list[list] = [
        [para("☐", CELL_BOLD.clone("box", fontSize=12, leading=13)), title],
        ["", what],
    ]
    if contact is None:
        reach = rich(("b", "Contact details: "), "open the case in victimcare.", style=CELL)
    else:
        phones = " · ".join(phone_lines(contact.phones)) or "no phone number recorded"
        language = contact.language or "not recorded"
        if contact.interpreter_language:
            language += f", interpreter needed ({contact.interpreter_language})"
        parts: list = [("b", "Phone: "), phones, ("br", ""), _route(item, contact),
                       ("br", ""), f"Language: {language}"]
        if contact.communication_needs:
            parts += [" · ", f"Communication needs: {contact.communication_needs}"]
        reach = rich(*parts, style=CELL)
    rows.append(["", reach])
    # The notes go in a row of their own, outside the nested grid: a row can run across a
    # page break, a nested table cannot.
    rows.append(["", safe_contact_block(item.safe_contact, content, compact=True,
                                        with_notes=False)])
    if item.safe_contact.notes.strip():
        rows.append(["", rich(("b", "Safe-contact notes: "), item.safe_contact.notes,
                              style=CELL)])
    rows.append(["", rich(("small", "Outcome and notes"), style=CELL)])
    last = len(rows) - 1
    table = data_table(rows, [box, inner], rowHeights=[None] * last + [26],
                       page_height=page_height)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE_DARK),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE_DARK),
        ("LINEBELOW", (1, 1), (-1, -2), 0.3, RULE),
    ]))
    return KeepTogether([table, Spacer(1, 8)])


def worklist_document(items: Sequence[WorkItem], contact_details: Mapping[int, VictimContact],
                      officer_label: str, now: datetime) -> bytes:
    """Everything overdue, due today and due this week, grouped by urgency.

    `items` come from services.commitments.worklist(); `contact_details` maps each item's
    case_id to how to reach that victim.
    """
    register_fonts()
    info = DocumentInfo("Worklist", officer_label, now, scope="All open cases")
    width = info.frame_width
    counts = {bucket: sum(1 for i in items if i.bucket == bucket) for bucket, _ in BUCKETS}
    story: list[Flowable] = title_block(
        info,
        f"Open commitments overdue, due today and due in the next 7 days, as at "
        f"{format_datetime(now)}",
        [(label, str(counts[bucket])) for bucket, label in BUCKETS],
    )
    story.append(para(
        "Check the safe-contact rules under each item before every call, text, letter or "
        "visit: a permission not yet asked counts as NOT SAFE. Tick the box when done and "
        "log the contact in victimcare.", NOTE))
    if not items:
        story += [Spacer(1, 12), para("Nothing is overdue, due today or due in the next "
                                      "7 days.", CELL)]
    for bucket, label in BUCKETS:
        chosen = [i for i in items if i.bucket == bucket]
        if not chosen:
            continue
        story += heading(f"{label} ({len(chosen)})", width)
        for item in chosen:
            story.append(_item(item, contact_details.get(item.case_id), now, width,
                               info.frame_height))
    return build_pdf(info, story)
