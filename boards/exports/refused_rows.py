"""The rows an import left out, as a CSV to correct and import again: the file's own
headings and cells, and a last "Problem" column saying what to put right.

Every cell is formula-safe (boards/spreadsheet_cells.py), as in the log's CSV export: a
cell of an uploaded file beginning "=" is written "'=", and reads back as it was.
"""

import csv
import io

from ..spreadsheet_cells import safe_text


def render(headers, rows) -> bytes:
    """`rows`: (cells, problem) pairs, the cells in the file's column order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    width = len(headers)
    writer.writerow([safe_text(h) for h in headers] + ["Problem"])
    for cells, problem in rows:
        cells = (list(cells) + [""] * width)[:width]
        writer.writerow([safe_text(c) for c in cells] + [safe_text(problem)])
    return out.getvalue().encode("utf-8-sig")


def filename(uploaded: str) -> str:
    stem = (uploaded or "log").rsplit(".", 1)[0]
    safe = "".join(c if c.isalnum() or c in "-_ " else "-" for c in stem).strip() or "log"
    return f"{safe} - rows not imported.csv"
