"""CSV: UTF-8 with a byte-order mark so that Excel reads it as UTF-8."""

import csv
import io

from ..log_table import COLUMNS


def render(doc) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _, heading in COLUMNS])
    for row in doc.rows:
        writer.writerow(row.cells())
    return out.getvalue().encode("utf-8-sig")
