"""Keeping an uploaded log between the preview and the confirmation.

The parsed table travels in the form as signed, compressed JSON: no temporary model or
file to clean up, any server process can read it back, it cannot be altered, it works
only for the board it was uploaded to, and it expires.
"""

from __future__ import annotations

from django.core import signing

from ...importers.action_log import LogTable
from ...models import Board

TABLE_MAX_AGE = 60 * 60  # seconds: an hour to check the preview and confirm
TABLE_MAX_CHARS = 2_000_000  # under Django's 2.5 MB limit on a POST's fields


class TableExpired(Exception):
    """The signed table is too old, altered, or for another board; the message is for the clerk."""


def _salt(board: Board) -> str:
    return f"boards.log_import:{board.pk}"


def sign_table(table: LogTable, board: Board) -> str:
    token = signing.dumps(table.to_json(), salt=_salt(board), compress=True)
    if len(token) > TABLE_MAX_CHARS:
        raise TableExpired("The table is too large to import in one go: split the log into smaller files.")
    return token


def unsign_table(token: str, board: Board) -> LogTable:
    try:
        return LogTable.from_json(signing.loads(token or "", salt=_salt(board), max_age=TABLE_MAX_AGE))
    except signing.SignatureExpired:
        raise TableExpired("The uploaded file has expired (after an hour): upload it again.") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError, IndexError):
        raise TableExpired("The uploaded file could not be read back: upload it again.") from None
