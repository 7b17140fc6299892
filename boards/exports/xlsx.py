"""XLSX (openpyxl): the log sheet in the papers' columns, and the status key under it."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..log_table import COLUMNS, long_date

# Column widths in characters, in COLUMNS order (the print view's proportions).
WIDTHS = {"reference": 9, "date": 10, "action": 50, "officers": 22, "comments": 55, "status": 11}
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour.lstrip("#").upper(),
                       end_color=colour.lstrip("#").upper())


def _font(colour: str, bold=False) -> Font:
    return Font(bold=bold, color=colour.lstrip("#").upper())


def render(doc) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action log"
    header_row = 1
    ws.append([heading for _, heading in COLUMNS])
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = _fill("#E6E6E6")
        cell.alignment = WRAP
        cell.border = BORDER
    status_col = len(COLUMNS)
    for row in doc.rows:
        ws.append(row.cells())
        r = ws.max_row
        for c in range(1, len(COLUMNS) + 1):
            cell = ws.cell(r, c)
            cell.alignment = WRAP
            cell.border = BORDER
        status = ws.cell(r, status_col)
        status.fill = _fill(row.status.colour)
        status.font = _font(row.status.text_colour, bold=True)
    for i, (key, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[key]
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = f"{doc.title} – {long_date(doc.today)}"

    key = wb.create_sheet("Key")
    key.append(["Status", "Meaning"])
    for cell in key[1]:
        cell.font = Font(bold=True)
    for status in doc.statuses:
        key.append([status.code, status.definition])
        code = key.cell(key.max_row, 1)
        code.fill = _fill(status.colour)
        code.font = _font(status.text_colour, bold=True)
        key.cell(key.max_row, 2).alignment = WRAP
    key.column_dimensions["A"].width = 12
    key.column_dimensions["B"].width = 80

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
