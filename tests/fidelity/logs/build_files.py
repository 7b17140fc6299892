"""Write <case>.csv, <case>.xlsx and <case>.docx for every <case>.json in this folder.

    .venv/bin/python tests/fidelity/logs/build_files.py            # write the three files of every case
    .venv/bin/python tests/fidelity/logs/build_files.py --check    # write them, then check them (below)
    .venv/bin/python tests/fidelity/logs/build_files.py CASE ...   # only these cases

The "layout" of a case
----------------------
    "layout": {
      "sheet": "Action log",     the Excel sheet's name
      "width": 7,                the table's columns; cells past them sit *beside* the table
      "widths": [8, 40, ...],    optional: Excel column widths, in characters
      "rows": [ ... ]            every row of the sheet, top to bottom
    }

A row is one of:
    []                           a blank row
    [cell, cell, ...]            cells from column A
    {"cells": [...], options}    the same, with options
    {"text": "...", options}     one text across the table: a title, a month, meeting or section
                                 heading, a guidance note, a line of the status key. Merged across
                                 the table's width (Excel: a merged range; Word: merged table cells;
                                 CSV: the text in the first cell) unless "merge": false.
  options: "bold": true, "fill": "D9D9D9" (background colour), "merge": false,
           "heading": true   the column headings (bold; the first such row freezes the Excel panes),
           "page": true      the row starts a new page (Word: page break before it; Excel: manual
                             page break), as where a printed log repeats its title and headings.

A cell is one of:
    "text"                             typed text; "\n" is a line break inside the cell
    297 or 0.5                         a number
    {"date": "2016-11-17", "format": "dd/mm/yyyy"}
                                       a real Excel date cell with that number format (dd, d, mm, m,
                                       mmm, mmmm, yy, yyyy and literal separators); the CSV and the
                                       Word table hold the text Excel shows: "17/11/2016", "Feb-21"
    {"number": 0.4, "format": "0%"}    a number with a number format ("0%", "0", "0.00")
    {"text": "R", "fill": "FF0000", "bold": true}
                                       formatted text
  Any cell object may carry "span": n: merged with the n-1 cells to its right.

How rows are numbered (the "row" and "header_row" of "expected")
----------------------------------------------------------------
A row's number is its place in "rows", counting from 1, and it is the same in all three files:
  XLSX: Excel's row number.
  CSV:  the record's number, counting from 1, as Excel and any CSV reader count rows. It is the
        line number until a cell holding a line break is met: that cell is quoted and its record
        runs over several physical lines, as Excel writes it.
  DOCX: the row's place in the document's first table, counting from 1. Every row of "rows" is
        a row of that table, title rows and the status key included.

How each file is written
------------------------
  CSV:  as Excel's "CSV UTF-8" saves a sheet: UTF-8 with a BOM, CRLF between records, every record
        padded with commas to the sheet's widest row, a field quoted when it holds a comma, a quote
        or a line break; a merged range's text in its first cell; dates and formatted numbers as
        Excel shows them.
  XLSX: one sheet; merged ranges; real date cells with their number format; line breaks wrapped.
  DOCX: one table holding every row (landscape when it has 6 columns or more); each line of a
        cell is a paragraph; merged cells read back in every grid column they cover, as Word's
        merged cells do. Cells beside the table (past "width") cannot sit beside a Word table, so
        they go, row by row, into a second small table after it.

--check reads the three files back (csv, openpyxl, python-docx) and checks that they hold the same
cells, that "header_row" holds the headings of "expected"."columns", that each expected action row
holds its reference, date, due, officers, the start of its action and comments and its status word,
and that every non-blank row under the headings is either an action or listed in "skipped".
Text is compared with runs of whitespace made single.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

HERE = Path(__file__).resolve().parent
MEANINGS = {
    "complete",
    "on_track",
    "at_risk",
    "off_track",
    "not_started",
    "not_yet_due",
    "proposed_closure",
    "closed",
    "ongoing",
    "unknown",
}


# Layout ----------------------------------------------------------------------------


def rows_of(layout):
    """Each layout row as (cells, options): a spanning text becomes one cell spanning the width."""
    width = layout["width"]
    for row in layout["rows"]:
        if isinstance(row, list):
            yield row, {}
        elif "text" in row:
            span = width if row.get("merge", True) else 1
            yield [{"text": row["text"], "span": span}], row
        else:
            yield row["cells"], row


def shown(cell) -> str:
    """The text Excel shows for a layout cell (what the CSV and the Word table hold)."""
    if isinstance(cell, dict):
        if "date" in cell:
            return excel_text(date.fromisoformat(cell["date"]), cell["format"])
        if "number" in cell:
            return excel_text(cell["number"], cell.get("format", "General"))
        return cell.get("text", "")
    if isinstance(cell, (int, float)):
        return excel_text(cell, "General")
    return cell


def excel_text(value, fmt: str) -> str:
    """A value as Excel displays it with number format `fmt` (the few formats the cases use)."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        codes = {"yyyy": "%Y", "yy": "%y", "mmmm": "%B", "mmm": "%b", "mm": "%m", "dd": "%d"}

        def code(match):
            token = match.group(0)
            if token == "m":
                return str(value.month)
            if token == "d":
                return str(value.day)
            return value.strftime(codes[token])

        return re.sub(r"yyyy|yy|mmmm|mmm|mm|m|dd|d", code, fmt)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if fmt == "0%":
            return f"{value * 100:.0f}%"
        if fmt == "0.00":
            return f"{value:.2f}"
        if fmt == "0" or float(value).is_integer():
            return str(int(round(value)))
        return repr(float(value))
    return str(value)


def grid(layout) -> list[list[str]]:
    """The sheet as text, one list per row, merged ranges' text in their first cell."""
    out = []
    for cells, _ in rows_of(layout):
        row = []
        for cell in cells:
            row.append(shown(cell))
            span = cell.get("span", 1) if isinstance(cell, dict) else 1
            row.extend([""] * (span - 1))
        out.append(row)
    return out


# Writers -----------------------------------------------------------------------------


def write_csv(layout, path: Path):
    rows = grid(layout)
    width = max(len(row) for row in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(layout, path: Path):
    book = Workbook()
    sheet = book.active
    sheet.title = layout.get("sheet", "Sheet1")
    for index, chars in enumerate(layout.get("widths", []), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = chars
    frozen = False
    for number, (cells, options) in enumerate(rows_of(layout), start=1):
        if options.get("page"):
            sheet.row_breaks.append(Break(id=number - 1))
        if options.get("heading") and not frozen:
            sheet.freeze_panes = f"A{number + 1}"
            frozen = True
        column = 1
        for cell in cells:
            spec = cell if isinstance(cell, dict) else {}
            target = sheet.cell(row=number, column=column)
            if "date" in spec:
                target.value = date.fromisoformat(spec["date"])
                target.number_format = spec["format"]
            elif "number" in spec:
                target.value = spec["number"]
                target.number_format = spec.get("format", "General")
            else:
                value = spec.get("text", "") if spec else cell
                target.value = value if value != "" else None
            if isinstance(target.value, str) and "\n" in target.value:
                target.alignment = Alignment(wrap_text=True, vertical="top")
            fill = spec.get("fill") or options.get("fill")
            if fill:
                target.fill = PatternFill(fill_type="solid", fgColor=fill)
            if spec.get("bold") or options.get("bold") or options.get("heading"):
                target.font = Font(bold=True)
            span = spec.get("span", 1)
            if span > 1:
                sheet.merge_cells(
                    start_row=number, start_column=column, end_row=number, end_column=column + span - 1
                )
            column += span
    book.save(path)


def _shade(cell, colour):
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _fill_cell(cell, text, bold=False, fill=None, page=False):
    lines = text.split("\n")
    cell.paragraphs[0].add_run(lines[0]).bold = bold or None
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold or None
    if page:
        cell.paragraphs[0].paragraph_format.page_break_before = True
    if fill:
        _shade(cell, fill)


def write_docx(layout, path: Path):
    width = layout["width"]
    document = docx.Document()
    if width >= 6:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    beside = []
    for cells, options in rows_of(layout):
        tr = table.add_row().cells
        column, extra = 0, []
        for cell in cells:
            spec = cell if isinstance(cell, dict) else {}
            span = spec.get("span", 1)
            if column >= width:
                extra.append(shown(cell))
                column += span
                continue
            target = tr[column]
            if span > 1:
                target = target.merge(tr[min(column + span, width) - 1])
            _fill_cell(
                target,
                shown(cell),
                bold=bool(spec.get("bold") or options.get("bold") or options.get("heading")),
                fill=spec.get("fill") or options.get("fill"),
                page=bool(options.get("page")) and column == 0,
            )
            column += span
        if column == 0 and options.get("page"):  # a blank row starting a page
            tr[0].paragraphs[0].paragraph_format.page_break_before = True
        if any(extra):
            beside.append(extra)
    if beside:
        document.add_paragraph()
        side = document.add_table(rows=0, cols=max(len(row) for row in beside))
        side.style = "Table Grid"
        for row in beside:
            for target, text in zip(side.add_row().cells, row, strict=False):
                _fill_cell(target, text)
    document.save(path)


def build(path: Path):
    case = json.loads(path.read_text(encoding="utf-8"))
    layout = case["layout"]
    for suffix, writer in ((".csv", write_csv), (".xlsx", write_xlsx), (".docx", write_docx)):
        writer(layout, path.with_suffix(suffix))


# Reading back, for --check -------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def read_xlsx(path: Path) -> list[list[str]]:
    sheet = load_workbook(path).worksheets[0]
    return [
        [excel_text(cell.value, cell.number_format) for cell in row]
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column)
    ]


def read_docx(path: Path) -> list[list[list[str]]]:
    tables = []
    for table in docx.Document(path).tables:
        rows = []
        for row in table.rows:
            seen, texts = set(), []
            for cell in row.cells:  # a merged cell comes back once per grid column it covers
                texts.append("" if id(cell._tc) in seen else cell.text)
                seen.add(id(cell._tc))
            rows.append(texts)
        tables.append(rows)
    return tables


def norm(text) -> str:
    return " ".join(str(text).split())


def padded(rows, width):
    return [(list(row) + [""] * width)[:width] for row in rows]


def check(path: Path) -> list[str]:
    case = json.loads(path.read_text(encoding="utf-8"))
    problems = [
        f"missing key {key!r}"
        for key in ("source", "body", "family", "layout", "expected")
        if key not in case
    ]
    layout, expected = case["layout"], case["expected"]
    width = layout["width"]
    want = grid(layout)
    full = max(len(row) for row in want)
    want = padded(want, full)
    files = {
        ".csv": padded(read_csv(path.with_suffix(".csv")), full),
        ".xlsx": padded(read_xlsx(path.with_suffix(".xlsx")), full),
    }
    tables = read_docx(path.with_suffix(".docx"))
    files[".docx"] = padded(tables[0], width)
    for suffix, rows in files.items():
        wanted = want if suffix != ".docx" else padded(want, width)
        if rows != wanted:
            bad = next(
                (n for n, (a, b) in enumerate(zip(rows, wanted, strict=False), 1) if a != b), len(rows) + 1
            )
            problems.append(f"{suffix}: row {bad} differs from the layout ({len(rows)} rows read)")
    side = [row[width:] for row in want if any(row[width:])]
    if side and padded(tables[1], full - width) != padded(side, full - width):
        problems.append(".docx: the table beside the log differs from the layout")

    rows = padded(want, width)  # the table's cells, the same in all three files (checked above)

    def cells(number):
        return rows[number - 1] if 0 < number <= len(rows) else []

    header = [norm(text) for text in cells(expected["header_row"])]
    columns = {}
    for name, heading in expected["columns"].items():
        if heading is None:
            continue
        if norm(heading) not in header:
            problems.append(f"heading {heading!r} ({name}) not in row {expected['header_row']}")
        else:
            columns[name] = header.index(norm(heading))

    actions = {row["row"] for row in expected["rows"]}
    for item in expected["rows"]:
        number, row = item["row"], [norm(text) for text in cells(item["row"])]

        def cell(name, row=row):
            return row[columns[name]] if name in columns else None

        where = f"row {number}"
        for name in ("reference", "date", "due"):
            if name in columns and cell(name) != norm(item[name]):
                problems.append(f"{where}: {name} {cell(name)!r} != {item[name]!r}")
        if not cell("action").startswith(norm(item["action_starts"])):
            problems.append(f"{where}: action does not start {item['action_starts']!r}")
        if "comments" in columns and not cell("comments").startswith(norm(item["comments_starts"])):
            problems.append(f"{where}: comments do not start {item['comments_starts']!r}")
        for officer in item["officers"]:
            if norm(officer) not in (cell("officers") or ""):
                problems.append(f"{where}: officer {officer!r} not in {cell('officers')!r}")
        status = norm(item["status"])
        if "status" in columns and not cell("status").startswith(status):
            problems.append(f"{where}: status {cell('status')!r} does not start {status!r}")
        if status and status not in " | ".join(row):
            problems.append(f"{where}: status word {status!r} not in the row")
        if item["status_means"] not in MEANINGS:
            problems.append(f"{where}: status_means {item['status_means']!r}")
    if not 8 <= len(actions) <= 30:
        problems.append(f"{len(actions)} action rows (8 to 30 wanted)")
    skipped = {row["row"] for row in expected["skipped"]}
    for number in sorted(actions | skipped):
        if not any(cells(number)):
            problems.append(f"row {number} is listed but blank")
    for number in range(expected["header_row"] + 1, len(rows) + 1):
        if any(cells(number)) and number not in actions | skipped:
            problems.append(f"row {number} is neither an action nor skipped")
    return problems


def main(argv):
    names = [arg for arg in argv if not arg.startswith("--")]
    paths = [HERE / f"{name}.json" for name in names] or sorted(HERE.glob("*.json"))
    failed = False
    for path in paths:
        build(path)
        if "--check" in argv:
            problems = check(path)
            failed |= bool(problems)
            print(f"{path.stem}: " + ("ok" if not problems else "\n  " + "\n  ".join(problems)))
        else:
            print(f"{path.stem}: wrote .csv .xlsx .docx")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
