"""The printed audit log (Data Protection Act 2018 s.62): the rows the officer chose, as a
plain table on the reports' own page furniture (OFFICIAL-SENSITIVE top and bottom, page N of
M, who produced it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib.units import mm

from victimcare.domain.describe import AUDIT_COLUMNS, audit_row_words
from victimcare.domain.model import AuditEntry
from victimcare.reports.layout import DocumentInfo, build_pdf, title_block
from victimcare.reports.styles import RowGroup, data_tables, para


def audit_document(entries: Sequence[AuditEntry], officer_label: str, now: datetime,
                   scope: str) -> bytes:
    """A plain table of audit rows on marked, numbered pages (pure: runs off the UI thread)."""
    info = DocumentInfo(title="Audit log", officer_label=officer_label, produced_at=now,
                        scope=scope, landscape=True)
    width = info.frame_width
    widths = [34 * mm, 58 * mm, 28 * mm, 30 * mm]
    widths.append(width - sum(widths))
    groups = [RowGroup([[para(cell) for cell in audit_row_words(entry)]]) for entry in entries]
    story = title_block(info, scope, [("Rows", str(len(entries)))])
    story.extend(data_tables(AUDIT_COLUMNS, groups, widths, page_height=info.frame_height))
    if not entries:
        story.append(para("No audit rows match."))
    return build_pdf(info, story)
