"""An existing action log, read from a CSV, Excel (.xlsx) or Word (.docx) file.

Pure: bytes and a file name in, a table out, no database and no Django. A file
that cannot be read raises LogFileError, whose message is written for the clerk:

    table = read_log(upload.read(), upload.name)
    table.headers   # the heading row's cells
    table.rows      # SourceRow(number, cells, spans): `number` is the row as Excel or Word shows it
    table.mapping   # {"reference": 0, "date": 1, ..., "revised_due": None, ...}: the guessed columns
    table.titles    # the texts above the headings

The heading row is found, not assumed: title rows above it are skipped (a sheet
titled "Action Log" in row 1), and in Word the first table whose heading row looks
like an action log is read, so the status key's table is left alone. Every cell is
text: an Excel date cell becomes "17/11/2016", a whole number 326.0 becomes "326".
In Word, a row is numbered by its place in the table, the first row being row 1, and
a merged cell is read once. Every non-blank row under the headings is kept: which are
actions and which are skipped, and why, is decided by rows.py; which column holds
which field by headings.py.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TypedDict

from ...spreadsheet_cells import text_from_safe
from ..uploads import checked_suffix, decode_text
from .headings import FIELD_LABELS, FIELDS, ColumnMapping, guess_field, guess_mapping, heading_score

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "LogFileError",
    "LogTable",
    "SourceRow",
    "guess_field",
    "guess_mapping",
    "read_log",
]

MAX_ROWS = 5000
SUFFIXES = (".csv", ".xlsx", ".docx")
HEADER_SEARCH_ROWS = 20  # how far down a sheet the heading row is looked for
DELIMITERS = (",", ";", "\t", "|")


class LogFileError(ValueError):
    """The file could not be read as an action log; the message says why, for the clerk."""


@dataclass(frozen=True)
class SourceRow:
    number: int  # as the clerk sees it: Excel's row number, the CSV's line, the Word table's row
    cells: tuple[str, ...]
    spans: bool = False  # a cell merged across columns (Excel, Word): a heading, not an action

    def cell(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


class LogTableJson(TypedDict):
    """A LogTable as plain data, signed into the preview's form between its steps."""

    filename: str
    source: str
    header_row: int
    headers: list[str]
    mapping: ColumnMapping
    titles: list[str]
    rows: list[tuple[int, list[str], bool]]  # a list once signed; older tokens lack spans


@dataclass(frozen=True)
class LogTable:
    filename: str
    source: str  # where the table was found: "the CSV file", "sheet “Action log”", "table 1"
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    mapping: ColumnMapping = field(default_factory=dict)  # field -> column index or None: the guess
    titles: tuple[str, ...] = ()  # the texts above the headings (a title repeated lower down is skipped)

    def to_json(self) -> LogTableJson:
        return {
            "filename": self.filename,
            "source": self.source,
            "header_row": self.header_row,
            "headers": list(self.headers),
            "mapping": dict(self.mapping),
            "titles": list(self.titles),
            "rows": [(row.number, list(row.cells), row.spans) for row in self.rows],
        }

    @classmethod
    def from_json(cls, data: LogTableJson) -> LogTable:
        return cls(
            filename=data["filename"],
            source=data["source"],
            header_row=data["header_row"],
            headers=tuple(data["headers"]),
            mapping=dict(data["mapping"]),
            titles=tuple(data.get("titles", ())),
            rows=tuple(
                SourceRow(row[0], tuple(row[1]), bool(row[2]) if len(row) > 2 else False)
                for row in data["rows"]
            ),
        )


def find_header(rows: list[tuple[int, list[str]]]) -> int | None:
    """The position in `rows` of the heading row: among the first non-blank rows, the one
    naming the most fields (at least two, one of them the action or its number)."""
    best, best_score = None, 1
    candidates = [(i, cells) for i, (_, cells) in enumerate(rows) if any(cells)][:HEADER_SEARCH_ROWS]
    for position, cells in candidates:
        mapping = guess_mapping(cells)
        score = sum(1 for column in mapping.values() if column is not None)
        names_an_action = mapping["action"] is not None or mapping["reference"] is not None
        if score > best_score and names_an_action:
            best, best_score = position, score
    return best


def _table_from(
    rows: list[tuple[int, list[str]]], *, filename: str, source: str, spans: frozenset[int] = frozenset()
) -> LogTable | None:
    """The log table in these (row number, cells) rows, or None if no heading row is found.
    Blank rows are left out; every other row under the headings is kept, headings repeated
    on a new page included, for the row reader to account for. `spans`: the numbers of
    rows with a cell merged across columns."""
    header_at = find_header(rows)
    if header_at is None:
        return None
    header_number, header_cells = rows[header_at]
    width = _width(header_cells)
    headers = tuple(header_cells[:width])
    titles = tuple(
        " ".join(c for c in dict.fromkeys(cells) if c) for _, cells in rows[:header_at] if any(cells)
    )
    body = []
    for number, row_cells in rows[header_at + 1 :]:
        cells = tuple((list(row_cells) + [""] * width)[:width])
        if any(cells):
            body.append(SourceRow(number, cells, number in spans))
    if len(body) > MAX_ROWS:
        raise LogFileError(
            f"The table has {len(body)} rows: at most {MAX_ROWS} can be imported at once. "
            "Split the log into smaller files."
        )
    return LogTable(
        filename=filename,
        source=source,
        header_row=header_number,
        headers=headers,
        rows=tuple(body),
        mapping=guess_mapping(headers, [r.cells for r in body]),
        titles=titles,
    )


def _width(cells: Sequence[str]) -> int:
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width


# Reading files ----------------------------------------------------------------------

NO_HEADINGS = (
    "No heading row was found. The table needs a row of column headings, such as "
    "No., Date, Action, Responsible Officer, Comments and Status, within its first "
    f"{HEADER_SEARCH_ROWS} rows."
)


def read_log(data: bytes, filename: str) -> LogTable:
    """The action log table in a .csv, .xlsx or .docx file."""
    suffix = checked_suffix(
        data,
        filename,
        SUFFIXES,
        error=LogFileError,
        kinds="a spreadsheet saved as CSV (.csv) or Excel (.xlsx), or a Word document (.docx)",
    )
    reader = {".csv": _csv, ".xlsx": _xlsx, ".docx": _docx}[suffix]
    return reader(data, filename)


def text_of(value: object) -> str:
    """A cell's value as the log's text: dates as 17/11/2016, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time(0) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _decode(data: bytes) -> str:
    text = decode_text(data)
    if text is None:
        raise LogFileError("The CSV file could not be read: save it as “CSV UTF-8” and try again.")
    return text


def _csv_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # A record is one spreadsheet row even when a quoted cell spans lines. A cell our export
    # neutralised ("'=1+1") reads back as it was written.
    return [
        (number, [text_of(text_from_safe(c)) for c in cells]) for number, cells in enumerate(reader, start=1)
    ]


def _delimiters(text: str) -> list[str]:
    """The candidate delimiters, the sniffer's choice first."""
    try:
        sniffed = csv.Sniffer().sniff(text[:20000], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ","
    return [sniffed] + [d for d in DELIMITERS if d != sniffed]


def _csv(data: bytes, filename: str) -> LogTable:
    text = _decode(data)
    best: tuple[int, str] | None = None
    try:
        for delimiter in _delimiters(text):
            # The delimiter that yields a heading row naming the most fields wins.
            head = _csv_rows("\n".join(text.splitlines()[: HEADER_SEARCH_ROWS * 3]), delimiter)
            at = find_header(head)
            score = heading_score(head[at][1]) if at is not None else 0
            if best is None or score > best[0]:
                best = (score, delimiter)
        assert best is not None  # _delimiters always names at least one
        table = _table_from(_csv_rows(text, best[1]), filename=filename, source="the CSV file")
    except csv.Error as error:
        raise LogFileError(f"The CSV file could not be read: {error}.") from None
    if table is None:
        raise LogFileError(NO_HEADINGS)
    return table


def _xlsx(data: bytes, filename: str) -> LogTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise LogFileError(
            "The file could not be opened as an Excel workbook (.xlsx). "
            "An older .xls file needs saving as .xlsx first."
        ) from None
    for sheet in workbook.worksheets:
        rows = [
            (number, [text_of(value) for value in values])
            for number, values in enumerate(
                sheet.iter_rows(min_row=1, min_col=1, max_row=sheet.max_row, values_only=True), start=1
            )
        ]
        spans = frozenset(r.min_row for r in sheet.merged_cells.ranges if r.max_col > r.min_col)
        table = _table_from(rows, filename=filename, source=f"sheet “{sheet.title}”", spans=spans)
        if table is not None:
            return table
    raise LogFileError(NO_HEADINGS)


def _docx(data: bytes, filename: str) -> LogTable:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise LogFileError(
            "The file could not be opened as a Word document (.docx). "
            "An older .doc file needs saving as .docx first."
        ) from None
    for position, table in enumerate(document.tables, start=1):
        rows, spans = [], set()
        for number, row in enumerate(table.rows, start=1):
            # A merged cell comes back once for each grid column it covers: read it once.
            seen, texts = set(), []
            for cell in row.cells:
                texts.append("" if id(cell._tc) in seen else text_of(cell.text))
                if id(cell._tc) in seen:
                    spans.add(number)
                seen.add(id(cell._tc))
            rows.append((number, texts))
        found = _table_from(
            rows, filename=filename, source=f"table {position} of the document", spans=frozenset(spans)
        )
        if found is not None:
            return found
    if not document.tables:
        raise LogFileError("The Word document has no table: the log needs to be a table with a heading row.")
    raise LogFileError(NO_HEADINGS)
