"""The Victims' Code compliance report: statutory updates due in a period, and how many were
given on time, late, or not yet.

It names cases by reference only: no victim's name or details appear on it.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from victimcare.domain.compliance import ComplianceFigures, ComplianceReport
from victimcare.domain.timeutil import format_date
from victimcare.reports.fonts import BOLD, REGULAR, register_fonts
from victimcare.reports.layout import DocumentInfo, build_pdf, title_block
from victimcare.reports.styles import (
    ACCENT,
    CELL,
    CELL_BOLD,
    CELL_BOLD_RIGHT,
    HEADER_FILL,
    INK,
    LABEL,
    MUTED,
    NOTE,
    RULE,
    RULE_DARK,
    RowGroup,
    data_tables,
    heading,
    para,
)

# Four shades that stay distinct when printed in greyscale (dark to light).
SERIES = (
    ("Met on time", colors.HexColor("#1F3A5F")),
    ("Met late", colors.HexColor("#C08A2E")),
    ("Still open", colors.HexColor("#A23B2C")),
    ("Waived", colors.HexColor("#C9CFD6")),
)
CASES_PER_CHART = 20

TILE_NUMBER = ParagraphStyle("tile_number", parent=CELL_BOLD, fontSize=17, leading=20,
                             textColor=ACCENT)


def rate_text(figures: ComplianceFigures) -> str:
    rate = figures.on_time_rate
    return "–" if rate is None else f"{rate:.0%}"


def _values(figures: ComplianceFigures) -> tuple[int, int, int, int]:
    return figures.met_on_time, figures.met_late, figures.still_open, figures.waived


def _tiles(report: ComplianceReport, width: float) -> Table:
    total = report.overall
    tiles = [
        ("Updates due", total.due),
        ("Met on time", total.met_on_time),
        ("Met late", total.met_late),
        ("Still open", total.still_open),
        ("Waived", total.waived),
        ("On-time rate", rate_text(total)),
    ]
    table = Table([[para(str(value), TILE_NUMBER) for _, value in tiles],
                   [para(label, LABEL) for label, _ in tiles]],
                  colWidths=[width / len(tiles)] * len(tiles))
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
        ("BACKGROUND", (-1, 0), (-1, -1), colors.white),
        ("BOX", (-1, 0), (-1, -1), 1.2, ACCENT),
        ("LINEBEFORE", (1, 0), (-2, -1), 2, colors.white),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
        ("TOPPADDING", (0, 1), (-1, 1), 0),
    ]))
    return table


def _chart(references: list[str], figures: list[ComplianceFigures], width: float,
           most: int) -> Drawing:
    """Stacked horizontal bars, one per case, first case at the top; `most` is the longest
    bar of the whole report, so that every chart of it shares one scale."""
    bar_height = 13
    legend_space = 18
    label_space = 92
    plot_height = bar_height * len(references) * 1.45
    height = plot_height + legend_space + 28
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=7.5)
    chart = HorizontalBarChart()
    chart.x = label_space
    chart.y = 22
    chart.width = width - label_space - 12
    chart.height = plot_height
    # The chart draws its first category at the bottom: reverse so it reads top-down.
    ordered = list(zip(references, figures, strict=True))[::-1]
    chart.data = [tuple(_values(f)[series] for _, f in ordered) for series in range(4)]
    chart.categoryAxis.categoryNames = [ref for ref, _ in ordered]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.strokeColor = RULE_DARK
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    step = max(1, -(-most // 8))
    chart.valueAxis.valueMax = max(step * -(-most // step), 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeColor = RULE_DARK
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barWidth = bar_height
    chart.groupSpacing = bar_height * 0.45
    chart.bars.strokeColor = colors.white
    chart.bars.strokeWidth = 0.4
    for index, (_, colour) in enumerate(SERIES):
        chart.bars[index].fillColor = colour
    drawing.add(chart)

    legend = Legend()
    legend.x = label_space
    legend.y = height - 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 92
    legend.dx = 8
    legend.dy = 8
    legend.fontName = REGULAR
    legend.fontSize = 7.5
    legend.fillColor = INK
    legend.strokeColor = None
    legend.colorNamePairs = [(colour, name) for name, colour in SERIES]
    drawing.add(legend)
    drawing.add(String(label_space + chart.width / 2, 2, "Statutory updates due",
                       fontName=REGULAR, fontSize=7, fillColor=MUTED, textAnchor="middle"))
    return drawing


def compliance_document(report: ComplianceReport, officer_label: str, now: datetime) -> bytes:
    """The period's figures overall and per case, with a bar chart of each case's updates."""
    register_fonts()
    info = DocumentInfo("Victims' Code compliance", officer_label, now,
                        scope="All cases (by reference)")
    width = info.frame_width
    period = f"{format_date(report.start)} to {format_date(report.end)}"
    story: list[Flowable] = title_block(
        info,
        f"Statutory updates to victims falling due from {period}",
        [("Period", period), ("Cases", str(len(report.by_case)))],
    )
    story += heading("Overall", width, space_before=8)
    story.append(_tiles(report, width))
    story.append(Spacer(1, 5))
    story.append(para(
        "An update is due within the Victims' Code's working days of each arrest, interview, "
        "charge, release, bail decision, out-of-court disposal or decision not to prosecute. "
        "The on-time rate is the updates met on time out of those due, leaving waived ones "
        "aside. Still open means not met or waived when this report was produced.", NOTE))
    if not report.by_case:
        story += [Spacer(1, 10),
                  para("No Victims' Code updates fell due in this period.", CELL)]
        return build_pdf(info, story)

    references = list(report.by_case)
    most = max(sum(_values(f)) for f in report.by_case.values())
    story += heading("By case", width)
    for start in range(0, len(references), CASES_PER_CHART):
        chunk = references[start:start + CASES_PER_CHART]
        story.append(_chart(chunk, [report.by_case[r] for r in chunk], width, most))
        story.append(Spacer(1, 8))
    groups = []
    for reference in references:
        figures = report.by_case[reference]
        groups.append(RowGroup([[
            para(reference), *[str(v) for v in (figures.due, *_values(figures))],
            para(rate_text(figures), CELL_BOLD_RIGHT),
        ]]))
    total = report.overall
    groups.append(RowGroup([[
        para("All cases", CELL_BOLD), *[str(v) for v in (total.due, *_values(total))],
        para(rate_text(total), CELL_BOLD_RIGHT),
    ]], [("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE_DARK), ("FONTNAME", (1, 0), (-1, 0), BOLD)]))
    numbers = [62] * 5 + [70]
    story += data_tables(("Case", "Due", "Met on time", "Met late", "Still open", "Waived",
                          "On-time rate"), groups, [width - sum(numbers), *numbers],
                         numeric=range(1, 7), page_height=info.frame_height)
    return build_pdf(info, story)
