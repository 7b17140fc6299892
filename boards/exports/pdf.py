"""PDF of the log (ReportLab), laid out as the print view (log_print.html with print.css).

A4 landscape: the heading and date on the first page, the six columns in the papers'
proportions with the heading row repeated at the top of every page, status cells in the
key's colours, and the status key after the table.

Speed: cells are plain strings wrapped here with simpleSplit (a Paragraph per cell lays out
5,000 rows about 2.5 times slower), and the table is laid out a page at a time by PagedTable
(ReportLab's LongTable slows down as the log grows), so a 5,000-row log takes about 2 s.
Plain-string cells are drawn as text, never parsed as markup; the Paragraphs (title, date
line) are escaped.

A row taller than a page (ReportLab never splits a table row, and raises LayoutError for one
that cannot fit a frame) fills the rest of its page and continues in continuation rows.
"""

import io
import os
import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from ..log_table import COLUMNS

PAGE_SIZE = landscape(A4)
MARGIN_X, MARGIN_Y = 10 * mm, 12 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_SIZE[1] - 2 * MARGIN_Y
# print.css: the columns' share of the page's width, in COLUMNS order.
COLUMN_FRACTIONS = (0.07, 0.08, 0.30, 0.13, 0.32, 0.10)
COLUMN_WIDTHS = [FRAME_WIDTH * f for f in COLUMN_FRACTIONS]
FONT_SIZE, LEADING = 9, 11
PAD_X, PAD_Y = 2 * mm, 1.5 * mm  # print.css: padding 1.5mm 2mm
GRID_WIDTH = 0.75  # 1px at 96 dpi
HEADING_GREY = colors.HexColor("#e6e6e6")

# Debian's fonts-dejavu-core (Dockerfile, .ci/run) covers most scripts users type; ReportLab's
# bundled Vera (Latin-1 and a little more) is the fallback. Both are TrueType, so any text
# encodes (a character the font lacks draws as an empty box, never an error).
FONT_FILES = [
    (
        "DejaVuSans",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "DejaVuSans-Bold",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
]


@cache
def fonts() -> tuple[str, str]:
    """The (regular, bold) font names, registered with ReportLab once per process."""
    import reportlab

    vera = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates = [
        *FONT_FILES,
        ("Vera", os.path.join(vera, "Vera.ttf"), "VeraBd", os.path.join(vera, "VeraBd.ttf")),
    ]
    for regular, regular_file, bold, bold_file in candidates:
        if os.path.exists(regular_file) and os.path.exists(bold_file):
            pdfmetrics.registerFont(TTFont(regular, regular_file))
            pdfmetrics.registerFont(TTFont(bold, bold_file))
            return regular, bold
    raise RuntimeError("No TrueType font for the PDF export (install fonts-dejavu-core)")


# Control characters other than newline and tab have no glyph; a tab reads as a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def wrapped(text: str, font: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """`text`'s lines at `width` points: its own line breaks kept, words wrapped, a word too
    long for the width (a URL) broken between characters."""
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    lines = []
    for paragraph in text.split("\n"):
        for line in simpleSplit(paragraph, font, size, width) or [""]:
            # Only a line of one word can be wider than the width.
            if " " not in line and pdfmetrics.stringWidth(line, font, size) > width:
                lines.extend(_broken(line, font, size, width))
            else:
                lines.append(line)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def _broken(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, start, used = [], 0, 0.0
    for i, char in enumerate(word):
        w = pdfmetrics.stringWidth(char, font, size)
        if used + w > width and i > start:
            pieces.append(word[start:i])
            start, used = i, 0.0
        used += w
    pieces.append(word[start:])
    return pieces


def _row_height(cells: list[list[str]]) -> float:
    return max(len(lines) for lines in cells) * LEADING + 2 * PAD_Y


def _split_tall(cells: list[list[str]], max_lines: int) -> list[list[list[str]]]:
    """A key row as rows of at most max_lines lines each (the key is an ordinary Table)."""
    tallest = max(len(lines) for lines in cells)
    return [
        [lines[start : start + max_lines] for lines in cells] for start in range(0, tallest, max_lines)
    ] or [cells]


def _max_lines(heading_height: float) -> int:
    """The most lines a body row can hold and still fit a page under the heading row."""
    return max(1, int((FRAME_HEIGHT - heading_height - 2 * PAD_Y - 2) // LEADING))


def _cell_style(regular: str) -> list:
    return [
        ("FONT", (0, 0), (-1, -1), regular, FONT_SIZE, LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("GRID", (0, 0), (-1, -1), GRID_WIDTH, colors.black),
    ]


class PagedTable(Flowable):
    """The log's table, cut into one Table a page, each starting with the heading row.

    What LongTable(repeatRows=1) does, in linear time: LongTable re-measures the rest of the
    table and copies the rest's style commands (one per status cell) at every page break,
    which made 5,000 rows take twice as long per row as 400 rows. The rows' heights are known
    here (lines x leading + padding), so a page's share is a sum, and each page's Table gets
    only its own rows and styles.

    A row is never split across pages (print.css: break-inside: avoid) unless it is taller
    than a page under the heading row: such a row fills the rest of the page and continues
    in continuation rows, its reference cell marked "(cont.)".
    """

    MIN_LINES = 3  # a tall row starts on a new page rather than with fewer lines than this

    def __init__(self, heading, rows, widths, style, start=0, head=None, suffix=None):
        super().__init__()
        # rows: (cells as lists of lines, height, per-cell style commands without positions)
        self.heading, self.rows, self.widths, self.style = heading, rows, widths, style
        self.start, self.head = start, head  # head: what is left of rows[start], if cut
        self.width = sum(widths)
        self.heading_height = _row_height(heading)
        self.max_lines = _max_lines(self.heading_height)
        if suffix is None:  # suffix[i]: the height of rows[i:]
            suffix = [0.0] * (len(rows) + 1)
            for i in range(len(rows) - 1, -1, -1):
                suffix[i] = suffix[i + 1] + rows[i][1]
        self.suffix = suffix

    def _rest(self, start, head):
        return PagedTable(self.heading, self.rows, self.widths, self.style, start, head, self.suffix)

    def wrap(self, avail_width, avail_height):
        if self.head:
            self.height = self.heading_height + self.head[1] + self.suffix[self.start + 1]
        else:
            self.height = self.heading_height + self.suffix[self.start]
        return self.width, self.height

    def split(self, avail_width, avail_height):
        room = avail_height - self.heading_height + rl_config._FUZZ
        taken, i, head = [], self.start, self.head
        while i < len(self.rows):
            row = head or self.rows[i]
            if row[1] <= room:
                taken.append(row)
                room -= row[1]
                i, head = i + 1, None
                continue
            lines = int((room - 2 * PAD_Y) // LEADING)
            if max(map(len, row[0])) > self.max_lines and lines >= self.MIN_LINES:
                first, head = _cut(row, lines)
                taken.append(first)
            break
        if not taken:
            return []  # to the next page
        if i == len(self.rows):
            return [self._table(taken)]
        return [self._table(taken), self._rest(i, head)]

    def _table(self, rows) -> Table:
        style = list(self.style)
        for i, (_, _, cell_styles) in enumerate(rows, start=1):
            for command, col, *values in cell_styles:
                style.append((command, (col, i), (col, i), *values))
        table = Table(
            [
                ["\n".join(lines) for lines in cells]
                for cells in [self.heading, *(cells for cells, _, _ in rows)]
            ],
            colWidths=self.widths,
            rowHeights=[self.heading_height, *(height for _, height, _ in rows)],
        )
        table.setStyle(TableStyle(style))
        return table

    def draw(self):
        rows = [self.head or self.rows[self.start], *self.rows[self.start + 1 :]]
        table = self._table(rows)
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


def _cut(row, lines: int):
    """A tall row as its first `lines` lines and the rest, the rest's reference "(cont.)"."""
    cells, _, styles = row
    first = [cell[:lines] for cell in cells]
    rest = [cell[lines:] for cell in cells]
    if not rest[0]:
        rest[0] = [cells[0][0] if cells[0] else "", "(cont.)"]
    return (first, _row_height(first), styles), (rest, _row_height(rest), styles)


def _status_cell(col: int, status) -> list:
    """Per-cell style commands (without the cell's position) for a status cell."""
    if status is None:
        return []
    return [
        ("BACKGROUND", col, colors.HexColor(status.colour)),
        ("TEXTCOLOR", col, colors.HexColor(status.text_colour)),
    ]


def _log_table(doc, regular: str, bold: str) -> PagedTable:
    inner = [width - 2 * PAD_X for width in COLUMN_WIDTHS]
    heading = [wrapped(text, bold, w) for (_, text), w in zip(COLUMNS, inner, strict=False)]
    status_col = len(COLUMNS) - 1
    style = _cell_style(regular) + [
        ("FONT", (0, 0), (-1, 0), bold, FONT_SIZE, LEADING),
        ("BACKGROUND", (0, 0), (-1, 0), HEADING_GREY),
        ("FONT", (status_col, 1), (status_col, -1), bold, FONT_SIZE, LEADING),
    ]
    fonts_by_col = [regular] * status_col + [bold]
    rows = []
    for row in doc.rows:
        columns = zip(row.cells(), fonts_by_col, inner, strict=False)
        cells = [wrapped(text, font, w) for text, font, w in columns]
        rows.append((cells, _row_height(cells), _status_cell(status_col, row.status)))
    return PagedTable(heading, rows, COLUMN_WIDTHS, style)


def _key_table(statuses, regular: str, bold: str) -> Table:
    codes = [status.code or "" for status in statuses]
    code_width = min(
        max(pdfmetrics.stringWidth(code, bold, FONT_SIZE) for code in codes) + 2 * PAD_X + 1,
        FRAME_WIDTH / 4,
    )
    definitions = [status.definition or "" for status in statuses]
    widest = max(
        pdfmetrics.stringWidth(line, regular, FONT_SIZE)
        for text in definitions
        for line in (text or "").splitlines() or [""]
    )
    definition_width = min(widest + 2 * PAD_X + 1, FRAME_WIDTH - code_width)
    max_lines = _max_lines(0)
    data: list[list[str]] = []
    style = _cell_style(regular) + [("FONT", (0, 0), (0, -1), bold, FONT_SIZE, LEADING)]
    for status, code, definition in zip(statuses, codes, definitions, strict=False):
        cells = [
            wrapped(code, bold, code_width - 2 * PAD_X),
            wrapped(definition, regular, definition_width - 2 * PAD_X),
        ]
        first = len(data)
        for part in _split_tall(cells, max_lines):
            data.append(["\n".join(lines) for lines in part])
        style += [
            (command, (col, i), (col, i), *values)
            for i in range(first, len(data))
            for command, col, *values in _status_cell(0, status)
        ]
    table = Table(data, colWidths=[code_width, definition_width], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def render(doc) -> bytes:
    regular, bold = fonts()
    title_style = ParagraphStyle("title", fontName=bold, fontSize=14, leading=17, spaceAfter=2 * mm)
    text_style = ParagraphStyle("text", fontName=regular, fontSize=10, leading=12, spaceAfter=4 * mm)
    key_style = ParagraphStyle(
        "key", fontName=bold, fontSize=11, leading=13, spaceBefore=6 * mm, spaceAfter=2 * mm
    )

    story = [Paragraph(escape(doc.title), title_style), Paragraph(escape(doc.subtitle), text_style)]
    if doc.rows:
        story.append(_log_table(doc, regular, bold))
    else:
        story.append(Paragraph("No actions to show.", text_style))
    if doc.statuses:
        story.append(
            KeepTogether([Paragraph("Status key", key_style), _key_table(doc.statuses, regular, bold)])
        )
    else:
        story.append(Paragraph("Status key", key_style))

    out = io.BytesIO()
    template = BaseDocTemplate(
        out,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_Y,
        bottomMargin=MARGIN_Y,
        title=doc.title,
        author="",
        creator="Board Action Log",
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_Y,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        id="page",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(story)
    return out.getvalue()
