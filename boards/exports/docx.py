"""DOCX (python-docx): A4 landscape, the heading and date, the log table as the
papers lay it out (header row repeated on each page), then the status key."""

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from ..log_table import COLUMNS

# Column widths (mm) across the 277 mm of an A4 landscape page less 10 mm margins.
WIDTHS_MM = {"reference": 19, "date": 21, "action": 81, "officers": 36, "comments": 87, "status": 26}


def _shade(cell, colour: str):
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#").upper())
    tc_pr.append(shd)


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _set_width(column, width):
    """Word reads each cell's width; LibreOffice reads the table grid's: set both."""
    column.width = width
    for cell in column.cells:
        cell.width = width


def _set_text(cell, text, *, bold=False, colour=None):
    paragraph = cell.paragraphs[0]
    lines = (text or "").split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
        if i < len(lines) - 1:
            run.add_break()


# Characters XML 1.0 cannot hold (Word refuses a document with them); user text may.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TWIPS = {key: int(Mm(mm).twips) for key, mm in WIDTHS_MM.items()}


def _runs_xml(text: str, *, bold=False, colour=None) -> str:
    """The runs _set_text would make, as XML: one run per line, a break between lines."""
    props = ("<w:b/>" if bold else "") + (
        f'<w:color w:val="{colour.lstrip("#").upper()}"/>' if colour else ""
    )
    lines = NOT_XML.sub("", text or "").split("\n")
    return "".join(
        f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(line)}</w:t>'
        f"{'<w:br/>' if i < len(lines) - 1 else ''}</w:r>"
        for i, line in enumerate(lines)
    )


def _cell_xml(key: str, runs: str, fill: str = "") -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#").upper()}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{TWIPS[key]}" w:type="dxa"/>{shade}</w:tcPr><w:p>{runs}</w:p></w:tc>'


def _row_xml(row) -> str:
    cells = [
        _cell_xml(key, _runs_xml(text, bold=key == "reference"))
        for (key, _), text in zip(COLUMNS[:-1], row.cells()[:-1], strict=True)
    ]
    status = row.status
    cells.append(
        _cell_xml("status", _runs_xml(status.code, bold=True, colour=status.text_colour), status.colour)
    )
    return f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(cells)}</w:tr>'


def _append_rows(table, rows):
    """The log's rows, written as XML in one piece: python-docx's add_row() and cell
    objects cost a few milliseconds a row, which a long log (5,000 rows) cannot afford."""
    if not rows:
        return
    parsed = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(_row_xml(row) for row in rows)}</w:tbl>")
    table._tbl.extend(list(parsed))


def render(doc) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(10))
    section.top_margin = section.bottom_margin = Mm(12)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)

    document.add_heading(doc.title, level=1)
    document.add_paragraph(doc.subtitle)

    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    for cell, (_key, heading) in zip(header.cells, COLUMNS, strict=True):
        _set_text(cell, heading, bold=True)
        _shade(cell, "#E6E6E6")
    for column, (key, _) in zip(table.columns, COLUMNS, strict=False):
        _set_width(column, Mm(WIDTHS_MM[key]))
    _append_rows(table, doc.rows)
    if not doc.rows:
        document.add_paragraph("No actions to show.")

    document.add_heading("Status key", level=2)
    key = document.add_table(rows=0, cols=2)
    key.style = "Table Grid"
    for status in doc.statuses:
        code, meaning = key.add_row().cells
        _set_text(code, status.code, bold=True, colour=status.text_colour)
        _shade(code, status.colour)
        _set_text(meaning, status.definition)
    _set_width(key.columns[0], Mm(30))
    _set_width(key.columns[1], Mm(150))

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
