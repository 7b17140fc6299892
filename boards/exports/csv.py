"""CSV: UTF-8 with a byte-order mark so that Excel reads it as UTF-8.

A cell that a spreadsheet would read as a formula ("=", "+", "-", "@", tab, carriage
return first) is written with an apostrophe in front (boards/spreadsheet_cells.py).
"""

import csv
import io

from ..log_table import COLUMNS
from ..spreadsheet_cells import safe_text


def render(doc) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _, heading in COLUMNS])
    for row in doc.rows:
        writer.writerow([safe_text(cell) for cell in row.cells()])
    return out.getvalue().encode("utf-8-sig")
