"""The house look of every printed document: type, colours, text cells and tables.

Anything a person typed goes through `markup()` before it reaches a Paragraph: ReportLab
parses Paragraph text as markup, so an unescaped `<img src=...>` in a note would make it read
a local file (or fetch a URL) into the PDF, and `a<b` or `J&C` would crash or misprint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from victimcare.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts

# -- colours: dark ink, one muted navy accent, greys for rules and header shading ---------------
INK = colors.HexColor("#1B1F24")
MUTED = colors.HexColor("#5A6470")
ACCENT = colors.HexColor("#1F3A5F")
RULE = colors.HexColor("#C5CCD4")
RULE_DARK = colors.HexColor("#6B7886")
HEADER_FILL = colors.HexColor("#E3E8EE")
SOFT_FILL = colors.HexColor("#F4F6F8")
AMENDMENT_FILL = colors.HexColor("#F6F3EA")
WARNING_FILL = colors.HexColor("#F5E4E1")

# -- type ---------------------------------------------------------------------------------------
BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12, textColor=INK,
                      alignment=TA_LEFT)
TITLE = ParagraphStyle("title", parent=BODY, fontName=BOLD, fontSize=17, leading=21,
                       textColor=ACCENT, spaceAfter=2)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=9.5, leading=13, textColor=MUTED)
HEADING = ParagraphStyle("heading", parent=BODY, fontName=BOLD, fontSize=11.5, leading=14,
                         textColor=ACCENT)
SUBHEADING = ParagraphStyle("subheading", parent=BODY, fontName=BOLD, fontSize=9.5, leading=12,
                            textColor=INK, spaceBefore=6, spaceAfter=3)
NOTE = ParagraphStyle("note", parent=BODY, fontSize=8, leading=10.5, textColor=MUTED)

CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=10)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=BOLD)
CELL_ITALIC = ParagraphStyle("cell_italic", parent=CELL, fontName=ITALIC, textColor=MUTED)
CELL_HEADER = ParagraphStyle("cell_header", parent=CELL, fontName=BOLD, fontSize=7.5,
                             leading=9.5, textColor=colors.HexColor("#2B3745"))
CELL_HEADER_RIGHT = ParagraphStyle("cell_header_right", parent=CELL_HEADER, alignment=TA_RIGHT)
CELL_BOLD_RIGHT = ParagraphStyle("cell_bold_right", parent=CELL_BOLD, alignment=TA_RIGHT)
LABEL = ParagraphStyle("label", parent=CELL, fontSize=7.5, leading=10, textColor=MUTED)
FACT_VALUE = ParagraphStyle("fact_value", parent=BODY, fontSize=9, leading=11.5)

# Left plus right padding of a table cell.
CELL_PADDING = 8

# Only tab and newline survive from the C0 controls; the rest would print as boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def markup(text: str | None) -> str:
    """Typed text as Paragraph markup that prints exactly as typed, line breaks kept."""
    if not text:
        return ""
    return escape(_plain(text)).replace("\n", "<br/>")


def _plain(text: str) -> str:
    """Typed text as it prints: line ends as newlines, tabs as spaces, no control codes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


class CellParagraph(Paragraph):
    """A Paragraph that remembers how it wrapped. A table wraps every cell when it measures
    its rows, again for each split at a page end and again when it draws, always at the
    column's width; line breaking is most of a long log's print time. (The available height
    plays no part in where a Paragraph's lines break.)"""

    _wrapped_width: float | None = None
    _wrapped_size: tuple[float, float] = (0, 0)

    def __init__(self, text: str, style: ParagraphStyle, *args, **kwargs) -> None:
        # A Paragraph looks its fonts up while parsing, here, not when the document is built:
        # a document whose cells are made before its title block (the audit log's) would
        # otherwise meet an unregistered face.
        register_fonts()
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        if availWidth != self._wrapped_width:
            self._wrapped_size = super().wrap(availWidth, availHeight)
            self._wrapped_width = availWidth
        return self._wrapped_size


def para(text: str | None, style: ParagraphStyle = CELL) -> Paragraph:
    """A Paragraph of plain (typed or vocabulary) text: never interpreted as markup."""
    return CellParagraph(markup(text), style)


def rich(*parts: str | tuple[str, str], style: ParagraphStyle = CELL) -> Paragraph:
    """A Paragraph built from pieces: a plain str is text (escaped), a (tag, text) pair wraps
    escaped text in one of our own tags ('b', 'i', 'br', 'small'). Typed text can never add
    markup of its own."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(markup(part))
            continue
        tag, text = part
        if tag == "br":
            out.append("<br/>")
        elif tag == "small":
            out.append(f'<font size="{style.fontSize - 1}" color="#{MUTED.hexval()[2:]}">'
                       f"{markup(text)}</font>")
        elif tag in ("b", "i"):
            out.append(f"<{tag}>{markup(text)}</{tag}>")
        else:
            raise ValueError(f"unknown tag {tag!r}")
    return CellParagraph("".join(out), style)


class TextLines(Flowable):
    """Lines of plain text already broken to fit their column, each line in its own type:
    drawn directly, at a small part of a Paragraph's cost (no markup to parse, no line
    breaking at every measure). Made by text_lines()."""

    def __init__(self, lines: Sequence[tuple[str, str, float, colors.Color]], leading: float):
        super().__init__()
        self.lines = list(lines)   # (text, font name, font size, colour) for each line
        self.leading = leading
        self._widest: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        if self._widest is None:  # a table asks again at every measure; the lines never change
            self._widest = max(stringWidth(text, font, size) for text, font, size, _ in self.lines)
        self.width, self.height = self._widest, self.leading * len(self.lines)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        """At a line boundary, for an entry too long for one page; [] when no line fits."""
        fit = int(availHeight // self.leading)
        if fit <= 0 or fit >= len(self.lines):
            return []
        return [TextLines(self.lines[:fit], self.leading),
                TextLines(self.lines[fit:], self.leading)]

    def draw(self) -> None:
        # One text object for all the lines, its first baseline where a Paragraph of the same
        # style puts it; the type is set only where it changes.
        text_object = self.canv.beginText(0, self.height - self.lines[0][2])
        current = None
        for text, font, size, colour in self.lines:
            if (font, size, colour) != current:
                text_object.setFont(font, size, self.leading)
                text_object.setFillColor(colour)
                current = (font, size, colour)
            text_object.textLine(text)
        self.canv.drawText(text_object)


def _line_type(tag: str | None, style: ParagraphStyle) -> tuple[str, float, colors.Color]:
    """The font, size and colour rich() gives text with this tag (None: untagged)."""
    if tag == "b":
        return BOLD, style.fontSize, style.textColor
    if tag == "i":
        return ITALIC, style.fontSize, style.textColor
    if tag == "small":
        return style.fontName, style.fontSize - 1, MUTED
    return style.fontName, style.fontSize, style.textColor


# Characters a Paragraph treats specially that a plain split would not: a soft hyphen (not
# printed unless a line breaks there), and spaces other than the plain one, such as the
# no-break space, which must not become line breaks. Rare in typed text; such cells keep
# their Paragraph.
_NEEDS_PARAGRAPH = re.compile(r"[\u00ad\u200b]|[^\S \n\r\t]")


def text_lines(width: float, *parts: str | tuple[str, str],
               style: ParagraphStyle = CELL) -> Flowable:
    """The same cell as rich(*parts) with a line break between the parts, for a column `width`
    wide including its padding: each part is a str, or a (tag, text) pair with a tag of 'b',
    'i' or 'small', set on lines of its own and wrapped at spaces as a Paragraph wraps.
    Falls back to rich() when a word is too long for the column (a Paragraph splits it)."""
    room = width - CELL_PADDING
    if any(_NEEDS_PARAGRAPH.search(part if isinstance(part, str) else part[1])
           for part in parts):
        return rich(*_with_breaks(parts), style=style)
    lines = []
    for part in parts:
        tag, text = (None, part) if isinstance(part, str) else part
        font, size, colour = _line_type(tag, style)
        space = stringWidth(" ", font, size)
        # A Paragraph lets each space on a line shrink a little to fit one more word.
        shrink = style.spaceShrinkage * space
        for typed_line in _plain(text).split("\n"):
            words, used = [], 0.0
            for word in typed_line.split():
                word_width = stringWidth(word, font, size)
                if word_width > room:
                    return rich(*_with_breaks(parts), style=style)
                if words and used + space + word_width > room + shrink * len(words):
                    lines.append((" ".join(words), font, size, colour))
                    words, used = [], 0.0
                used += (space if words else 0) + word_width
                words.append(word)
            lines.append((" ".join(words), font, size, colour))
    return TextLines(lines, style.leading)


def _with_breaks(parts: Sequence[str | tuple[str, str]]) -> list[str | tuple[str, str]]:
    joined: list[str | tuple[str, str]] = []
    for part in parts:
        if joined:
            joined.append(("br", ""))
        joined.append(part)
    return joined


# -- section headings ---------------------------------------------------------------------------
def heading(text: str, width: float, *, space_before: float = 12) -> list[Flowable]:
    """A section heading with a hairline under it, kept with what follows."""
    table = Table([[para(text, HEADING)]], colWidths=[width])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    table.keepWithNext = True
    gap = Spacer(1, space_before)
    after = Spacer(1, 5)
    after.keepWithNext = True
    return [gap, table, after]


def subheading(text: str) -> Paragraph:
    p = para(text, SUBHEADING)
    p.keepWithNext = True
    return p


# -- tables -------------------------------------------------------------------------------------
def base_table_style(header_rows: int = 1) -> list[tuple]:
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, RULE),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE_DARK),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, RULE_DARK),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    return commands


def header_row(labels: Sequence[str], numeric: Sequence[int] = ()) -> list[Paragraph]:
    return [para(label, CELL_HEADER_RIGHT if i in numeric else CELL_HEADER)
            for i, label in enumerate(labels)]


class DataTable(Table):
    """A table that moves a row to the next page whole, and splits inside a row only when
    that row could never fit on a page of its own.

    ReportLab's splitInRow alone also splits a row that merely straddles the page end, and
    then puts the repeated header and a sliver of that row at the bottom of the page.
    """

    page_height: float | None = None   # the frame's height; None allows in-row splits

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        if not parts and self._first_row_outgrows_page():
            self.splitInRow = 1
            parts = super().split(availWidth, availHeight)
        for part in parts:
            part.page_height = self.page_height
        return parts

    def _first_row_outgrows_page(self) -> bool:
        if self.page_height is None:
            return True
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        return sum(self._rowHeights[:header + 1]) > self.page_height


def data_table(rows: list[list], col_widths: Sequence[float], *, header_rows: int = 0,
               page_height: float | None = None, **options) -> DataTable:
    table = DataTable(rows, colWidths=list(col_widths), repeatRows=header_rows, **options)
    table.page_height = page_height
    return table


@dataclass
class RowGroup:
    """Rows that belong together (an entry and its amendments) and their own style commands,
    with row numbers counted from the group's first row."""

    rows: list[list]
    commands: list[tuple] = field(default_factory=list)


# A table grows super-linearly with its rows in ReportLab: chunks keep a 2,000-entry log fast.
ROWS_PER_CHUNK = 300


def data_tables(header: Sequence[str], groups: Iterable[RowGroup], col_widths: Sequence[float],
                *, numeric: Sequence[int] = (), page_height: float | None = None,
                rows_per_chunk: int = ROWS_PER_CHUNK) -> list[Flowable]:
    """Tables of rows under a header row that repeats on every page.

    A row taller than `page_height` splits inside its cells rather than failing.
    Groups are never split between chunks. Columns listed in `numeric` are right-aligned.
    """
    alignment = [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numeric]
    tables: list[Flowable] = []
    rows: list[list] = []
    commands: list[tuple] = []

    def flush() -> None:
        if not rows:
            return
        table = data_table([header_row(header, numeric), *rows], col_widths, header_rows=1,
                           page_height=page_height)
        table.setStyle(TableStyle(base_table_style() + alignment + commands))
        tables.append(table)
        rows.clear()
        commands.clear()

    for group in groups:
        if rows and len(rows) + len(group.rows) > rows_per_chunk:
            flush()
        start = len(rows) + 1  # +1 for the header row
        rows.extend(group.rows)
        for command in group.commands:
            name, (c0, r0), (c1, r1), *rest = command
            commands.append((name, (c0, r0 + start), (c1, r1 + start), *rest))
    flush()
    return tables


def facts_table(pairs: Sequence[tuple[str, Flowable | str]], width: float, *,
                columns: int = 2, label_width: float = 82,
                page_height: float | None = None) -> Table:
    """Label/value pairs in `columns` side-by-side columns, values wrapping."""
    value_width = width / columns - label_width
    cells = []
    for label, value in pairs:
        value_cell = value if isinstance(value, Flowable) else para(value, CELL)
        cells.append((para(label, LABEL), value_cell))
    rows = []
    for start in range(0, len(cells), columns):
        row: list = []
        chunk = cells[start:start + columns]
        for label_cell, value_cell in chunk:
            row += [label_cell, value_cell]
        row += ["", ""] * (columns - len(chunk))
        rows.append(row)
    table = data_table(rows or [["", ""] * columns], [label_width, value_width] * columns,
                       page_height=page_height)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    table.setStyle(TableStyle(commands))
    return table
