"""The page every document is printed on: protective marking, header, footer, page numbers.

Each page carries OFFICIAL-SENSITIVE at the top and the bottom, the document and (for a case
document) the case reference, when and by whom it was produced, "Page N of M" and, on a
redacted copy, a banner saying what was removed. Documents are built in memory and returned
as bytes: no file or temporary file is ever written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from victimcare.domain.timeutil import format_datetime
from victimcare.reports.fonts import BOLD, REGULAR, register_fonts
from victimcare.reports.styles import (
    ACCENT,
    FACT_VALUE,
    INK,
    LABEL,
    MUTED,
    RULE,
    SUBTITLE,
    TITLE,
    para,
)

MARKING = "OFFICIAL-SENSITIVE"
REDACTION_NOTICE = "REDACTED COPY – address, phone numbers, email and date of birth removed"

SIDE_MARGIN = 18 * mm
TOP_MARGIN = 27 * mm
TOP_MARGIN_REDACTED = 34 * mm
BOTTOM_MARGIN = 24 * mm

MARKING_SIZE = 10
FURNITURE_SIZE = 7.5


@dataclass(frozen=True)
class DocumentInfo:
    """What the page furniture says about the document."""

    title: str
    officer_label: str
    produced_at: datetime
    case_reference: str = ""
    scope: str = ""          # said in the header when the document is not about one case
    redacted: bool = False
    landscape: bool = False

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - 2 * SIDE_MARGIN

    @property
    def frame_height(self) -> float:
        top = TOP_MARGIN_REDACTED if self.redacted else TOP_MARGIN
        return self.pagesize[1] - top - BOTTOM_MARGIN

    @property
    def produced_line(self) -> str:
        return f"Produced {format_datetime(self.produced_at)} by {self.officer_label}"


def _fit(canvas: pdfcanvas.Canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis so it never runs into its neighbour."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _draw_furniture(info: DocumentInfo, canvas: pdfcanvas.Canvas, doc: BaseDocTemplate) -> None:
    width, height = info.pagesize
    left, right = SIDE_MARGIN, width - SIDE_MARGIN
    canvas.saveState()

    # Protective marking, top and bottom of every page.
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, MARKING_SIZE)
    canvas.drawCentredString(width / 2, height - 10 * mm, MARKING)
    canvas.drawCentredString(width / 2, 7 * mm, MARKING)

    # Header: which document, and which case.
    header_y = height - 17 * mm
    canvas.setFont(BOLD, FURNITURE_SIZE + 0.5)
    canvas.setFillColor(ACCENT)
    right_text = _fit(canvas, f"Case {info.case_reference}" if info.case_reference
                      else info.scope, BOLD, FURNITURE_SIZE + 0.5, (right - left) / 2)
    right_width = canvas.stringWidth(right_text, BOLD, FURNITURE_SIZE + 0.5)
    canvas.drawRightString(right, header_y, right_text)
    canvas.setFont(REGULAR, FURNITURE_SIZE)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, header_y, _fit(canvas, f"victimcare  ·  {info.title}", REGULAR,
                                           FURNITURE_SIZE, right - left - right_width - 12))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, header_y - 2.5 * mm, right, header_y - 2.5 * mm)

    if info.redacted:
        box_top = header_y - 4.5 * mm
        box_height = 6 * mm
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.9)
        canvas.rect(left, box_top - box_height, right - left, box_height, stroke=1, fill=0)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 8.5)
        canvas.drawCentredString(width / 2, box_top - box_height + 2 * mm, REDACTION_NOTICE)

    # Footer: who produced it and when; the page number is added by NumberedCanvas.
    footer_y = 13 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, footer_y + 3.5 * mm, right, footer_y + 3.5 * mm)
    canvas.setFont(REGULAR, FURNITURE_SIZE)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, footer_y, _fit(canvas, info.produced_line, REGULAR, FURNITURE_SIZE,
                                           right - left - 80))
    canvas.restoreState()


class NumberedCanvas(pdfcanvas.Canvas):
    """Two passes for "Page N of M": keep every page's drawing, then number them on save."""

    def __init__(self, *args, **kwargs) -> None:
        # Start every page in the embedded font: no built-in Helvetica anywhere in the file.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        super().__init__(*args, **kwargs)
        self._page_states: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for number, state in enumerate(self._page_states, start=1):
            self.__dict__.update(state)
            self._draw_page_number(number, total)
            super().showPage()
        super().save()

    def _draw_page_number(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(REGULAR, FURNITURE_SIZE)
        self.setFillColor(MUTED)
        self.drawRightString(width - SIDE_MARGIN, 13 * mm, f"Page {number} of {total}")
        self.restoreState()


def build_pdf(info: DocumentInfo, story: list[Flowable]) -> bytes:
    """Lay the story out on marked, numbered pages; returns the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    subject = f"{info.title} {info.case_reference}".strip()
    top = TOP_MARGIN_REDACTED if info.redacted else TOP_MARGIN
    doc = BaseDocTemplate(
        buffer,
        pagesize=info.pagesize,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=top,
        bottomMargin=BOTTOM_MARGIN,
        # Metadata names the document, never the victim: it shows in file browsers.
        title=subject,
        author=info.officer_label,
        subject=MARKING,
        creator="victimcare",
        producer="victimcare",
        initialFontName=REGULAR,
    )
    # No frame padding: tables drawn at the full frame width line up with the text.
    frame = Frame(SIDE_MARGIN, BOTTOM_MARGIN, info.frame_width, info.frame_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=partial(_draw_furniture, info))])
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def title_block(info: DocumentInfo, subtitle: str,
                facts: Sequence[tuple[str, str]] = ()) -> list[Flowable]:
    """The document's name, what it is about, and the key facts in one line of columns."""
    register_fonts()
    out: list[Flowable] = [para(info.title, TITLE)]
    if subtitle:
        out.append(para(subtitle, SUBTITLE))
    out.append(Spacer(1, 6))
    pairs = [*facts, ("Produced", f"{format_datetime(info.produced_at)} by {info.officer_label}")]
    # The producer's line is the longest: give it a wider column than the facts.
    weights = [1.0] * len(facts) + [1.8]
    unit = info.frame_width / sum(weights)
    labels = [para(label, LABEL) for label, _ in pairs]
    values = [para(value, FACT_VALUE) for _, value in pairs]
    table = Table([labels, values], colWidths=[unit * w for w in weights])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
        ("LINEBELOW", (0, 1), (-1, 1), 1.2, ACCENT),
    ]))
    out.append(table)
    out.append(Spacer(1, 4))
    return out

