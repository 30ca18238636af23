"""Safe-contact rules as printed: on every document that will be used to make contact.

A permission that has not been asked yet prints as NOT SAFE: nobody should leave a voicemail
on a phone the suspect may hear because the question was never put. Each rule is said in
words; the shading behind an unsafe rule only repeats what the words say.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle

from victimcare.domain.describe import (
    has_call_window,
    printed_call_window,
    printed_permission,
    printed_suspect,
)
from victimcare.domain.model import SafeContactRules
from victimcare.reports.fonts import BOLD, REGULAR
from victimcare.reports.styles import (
    ACCENT,
    CELL,
    RULE_DARK,
    WARNING_FILL,
    data_table,
    rich,
)

BAND = ParagraphStyle("safe_band", parent=CELL, fontName=BOLD, fontSize=8.5, leading=11,
                      textColor=colors.white)


def summary_line(rules: SafeContactRules) -> str:
    """One line for places with no room for the block (the worklist's compact form)."""
    parts = [
        f"Voicemail: {printed_permission(rules.voicemail_ok)}",
        f"Texts: {printed_permission(rules.texts_ok)}",
        f"Letters: {printed_permission(rules.letters_ok)}",
        f"Email: {printed_permission(rules.email_ok)}",
        f"Call: {printed_call_window(rules)}",
        f"Suspect: {printed_suspect(rules)}",
    ]
    return " · ".join(parts)


def safe_contact_block(rules: SafeContactRules, width: float, *,
                       title: str = "SAFE CONTACT – read before any call, text, letter, email "
                                    "or visit",
                       compact: bool = False, with_notes: bool = True,
                       page_height: float | None = None) -> Flowable:
    """The rules as a boxed grid: four permissions, the call window, the suspect, the notes
    (leave the notes out only to print them where a long note can run across pages)."""
    size = 7.5 if compact else 8.5
    cell = ParagraphStyle("safe_cell", parent=CELL, fontSize=size, leading=size + 2.5)

    def item(label: str, value: str) -> Flowable:
        return rich(("small", label), ("br", ""), ("b", value), style=cell)

    permissions = [
        ("Voicemail", rules.voicemail_ok),
        ("Texts (SMS)", rules.texts_ok),
        ("Letters to the address", rules.letters_ok),
        ("Email", rules.email_ok),
    ]
    rows: list[list] = []
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("BOX", (0, 0), (-1, -1), 1.2 if not compact else 0.8, ACCENT if not compact else RULE_DARK),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE_DARK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5 if compact else 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 if compact else 4),
    ]
    if not compact:
        rows.append([rich(("b", title), style=BAND), "", "", ""])
        commands += [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), ACCENT)]
    first = len(rows)
    rows.append([item(label, printed_permission(value)) for label, value in permissions])
    for column, (_, value) in enumerate(permissions):
        if value is not True:
            commands.append(("BACKGROUND", (column, first), (column, first), WARNING_FILL))
    rows.append([item("Safe times to call", printed_call_window(rules)), "",
                 item("Suspect", printed_suspect(rules)), ""])
    second = first + 1
    commands += [("SPAN", (0, second), (1, second)), ("SPAN", (2, second), (3, second))]
    if not has_call_window(rules):
        commands.append(("BACKGROUND", (0, second), (1, second), WARNING_FILL))
    if rules.suspect_lives_with or rules.suspect_lives_near:
        commands.append(("BACKGROUND", (2, second), (3, second), WARNING_FILL))
    if with_notes and rules.notes.strip():
        rows.append([rich(("small", "Safe-contact notes"), ("br", ""), rules.notes, style=cell),
                     "", "", ""])
        commands.append(("SPAN", (0, second + 1), (-1, second + 1)))
    table = data_table(rows, [width / 4] * 4, page_height=page_height)
    table.setStyle(TableStyle(commands))
    return table
