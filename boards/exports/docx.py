"""DOCX (python-docx): A4 landscape, the heading and date, the log table as the
papers lay it out (header row repeated on each page), then the status key."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..log_table import COLUMNS, long_date

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


def _no_split(row):
    tr_pr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    tr_pr.append(cant)


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
    dated = long_date(doc.today)
    if doc.view != "outstanding":
        dated += f" · {doc.view.capitalize()} actions"
    document.add_paragraph(dated)

    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    for cell, (_key, heading) in zip(header.cells, COLUMNS, strict=True):
        _set_text(cell, heading, bold=True)
        _shade(cell, "#E6E6E6")
    for row in doc.rows:
        cells = table.add_row().cells
        _no_split(table.rows[-1])
        for i, text in enumerate(row.cells()[:-1]):
            _set_text(cells[i], text, bold=i == 0)
        status = cells[-1]
        _set_text(status, row.status.code, bold=True, colour=row.status.text_colour)
        _shade(status, row.status.colour)
    for column, (key, _) in zip(table.columns, COLUMNS):
        for cell in column.cells:
            cell.width = Mm(WIDTHS_MM[key])
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
    for cell in key.columns[0].cells:
        cell.width = Mm(30)
    for cell in key.columns[1].cells:
        cell.width = Mm(150)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
