"""Read an existing action log (CSV, Excel, Word) into rows: pure, no database, no Django.

    table = read_log(data, filename)      # table.py: the file as a table, its columns guessed
    reading = read_rows(table, mapping)   # rows.py: which rows are actions, which skipped and why

headings.py says which column holds which field, dates.py reads the dates a log writes, and
status_words.py what a status cell's words mean.
"""

from .table import (
    FIELD_LABELS,
    FIELDS,
    LogFileError,
    LogTable,
    SourceRow,
    guess_field,
    guess_mapping,
    read_log,
)

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
