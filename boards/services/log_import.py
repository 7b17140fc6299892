"""Importing a board's existing action log: check every row, preview, then save all or nothing.

    table = read_log(data, filename)                  # boards.importers.action_log (pure)
    preview = preview_log(table, mapping, board)      # every row checked; nothing saved
    preview.errors                                    # [RowError(row=5, field="date", ...)]
    import_log(table, mapping, board, actor=actor)    # one transaction, one history row per action

Choices made here:
* Responsible officers are matched by name to people on the board (then anyone, as the
  clerk's other forms do). A name nobody has is a new Person, added to the board as an
  officer: a historic log names people who are not in the system yet. The preview says
  which names are new, so a misspelling is seen before it is saved.
* A row whose status means complete (BLUE "ready to close") is imported open, with that
  status. Closing is the board's decision at a meeting, recorded with the meeting it was
  agreed at; the clerk closes such rows with "Close actions" like any other.
* The Comments column becomes the action's latest comment, and the comment of its first
  history row (written by record(), via "Import").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction

from .. import wording
from ..due import Due, due_problem, parse_date, parse_due
from ..limits import date_problem
from ..forms import default_status
from ..importers.action_log import FIELD_LABELS, FIELDS, LogTable, SourceRow
from ..models import Action, Meeting, Membership
from .recording import officers_for, resolve_officers, split_officer_names
from .updating import Actor, record

REQUIRED_FIELDS = ("reference", "date", "action")
REFERENCE_MAX = Action._meta.get_field("reference").max_length
DUE_TEXT_MAX = Action._meta.get_field("due_text").max_length
DESCRIPTION_MAX = Action._meta.get_field("description").max_length
COMMENTS_MAX = Action._meta.get_field("latest_comment").max_length
NAME_MAX = 200


class ImportRefused(Exception):
    """Nothing was saved: the preview holds the errors."""

    def __init__(self, preview: Preview, message: str = ""):
        self.preview = preview
        count = len(preview.errors)
        super().__init__(message or f"{wording.count(count, 'problem')} found: nothing was imported.")


@dataclass(frozen=True)
class RowError:
    row: int | None  # the file's row number; None for a problem with the columns chosen
    field: str
    message: str

    @property
    def column(self) -> str:
        return FIELD_LABELS[self.field]

    def __str__(self) -> str:
        where = f"Row {self.row}, {self.column}" if self.row is not None else self.column
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class OfficerName:
    name: str
    person: object = None  # the Person it matched, or None for a new person
    on_board: bool = False  # already on the board (else added as an officer)

    @property
    def is_new(self) -> bool:
        return self.person is None


@dataclass
class PlannedRow:
    """One row of the file as it will be saved."""

    number: int
    reference: str = ""
    raised_on: date | None = None
    description: str = ""
    officers: list[OfficerName] = field(default_factory=list)
    comments: str = ""
    status: object = None  # RagStatus
    due: Due = field(default_factory=Due)
    errors: list[RowError] = field(default_factory=list)

    @property
    def date_text(self) -> str:
        return self.raised_on.strftime("%d/%m/%y") if self.raised_on else ""

    @property
    def officer_names(self) -> list[str]:
        return [o.name for o in self.officers]


@dataclass
class Preview:
    board: object
    mapping: dict
    rows: list[PlannedRow]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new_people(self) -> list[str]:
        names = {}
        for row in self.rows:
            for officer in row.officers:
                if officer.is_new:
                    names.setdefault(officer.name.lower(), officer.name)
        return sorted(names.values(), key=str.lower)

    @property
    def complete_rows(self) -> int:
        return sum(1 for row in self.rows if row.status is not None and row.status.is_complete)


# The mapping -----------------------------------------------------------------------

def clean_mapping(mapping: dict, width: int) -> dict:
    """Every field with a column index in range, or None."""
    cleaned = {}
    for name, _ in FIELDS:
        value = mapping.get(name)
        try:
            index = int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            index = None
        cleaned[name] = index if index is not None and 0 <= index < width else None
    return cleaned


def mapping_errors(mapping: dict, headers) -> list[RowError]:
    errors = [
        RowError(None, name, "Choose the column that holds it: it is needed for every action.")
        for name in REQUIRED_FIELDS if mapping.get(name) is None
    ]
    seen = {}
    for name, _ in FIELDS:
        index = mapping.get(name)
        if index is None:
            continue
        if index in seen:
            errors.append(RowError(None, name, f"The column “{headers[index] or index + 1}” is already "
                                               f"chosen for {FIELD_LABELS[seen[index]]}."))
        else:
            seen[index] = name
    return errors


# Checking rows -------------------------------------------------------------------

class _Board:
    """What checking rows needs to know about the board, looked up once."""

    def __init__(self, board):
        self.board = board
        self.statuses = list(board.rag_key.statuses.order_by("position"))
        self.default_status = default_status(board)
        self.taken = {r.lower() for r in Action.objects.filter(board=board).values_list("reference", flat=True)}
        self.on_board = set(Membership.objects.filter(board=board).values_list("person_id", flat=True))
        self.people = {}

    def status(self, text: str):
        wanted = text.strip().lower()
        for status in self.statuses:
            if wanted in (status.code.lower(), status.label.lower()):
                return status
        return None

    def officer(self, name: str) -> OfficerName:
        key = name.lower()
        if key not in self.people:
            found, _ = resolve_officers([name], self.board)
            person = found[0] if found else None
            self.people[key] = OfficerName(name, person, person is not None and person.pk in self.on_board)
        known = self.people[key]
        return OfficerName(name, known.person, known.on_board)


def _check_row(source: SourceRow, mapping: dict, board: _Board, seen: dict) -> PlannedRow:
    row = PlannedRow(number=source.number)

    def cell(name):
        return source.cell(mapping.get(name)).strip()

    def error(name, message):
        row.errors.append(RowError(source.number, name, message))

    row.reference = " ".join(cell("reference").split())
    if not row.reference:
        error("reference", "Enter the action's number: every action needs one.")
    elif len(row.reference) > REFERENCE_MAX:
        error("reference", f"“{row.reference[:60]}” is longer than {REFERENCE_MAX} characters.")
    elif row.reference.lower() in seen:
        error("reference", f"{row.reference} is also the number of row {seen[row.reference.lower()]}: "
                           "each action needs its own number.")
    elif row.reference.lower() in board.taken:
        error("reference", f"{board.board.name} already has an action {row.reference}.")
    if row.reference:
        seen.setdefault(row.reference.lower(), source.number)

    raised = cell("date")
    row.raised_on = parse_date(raised) if raised else None
    if not raised:
        error("date", "Enter the date the action was agreed, for example 17/11/16.")
    elif row.raised_on is None:
        error("date", f"“{raised[:40]}” is not a date: write it as day/month/year, for example 17/11/16 "
                      "or 17/11/2016.")
    elif date_problem(row.raised_on):
        error("date", f"{row.raised_on:%d/%m/%Y}: {date_problem(row.raised_on)}")

    row.description = cell("action")
    if not row.description:
        error("action", "Enter the action: it cannot be blank.")
    elif len(row.description) > DESCRIPTION_MAX:
        error("action", f"The action is {len(row.description):,} characters long: at most "
                        f"{DESCRIPTION_MAX:,} can be imported.")

    for name in split_officer_names(cell("officers")):
        if len(name) > NAME_MAX:
            error("officers", f"A name is longer than {NAME_MAX} characters: separate joint officers with /.")
        else:
            row.officers.append(board.officer(name))

    row.comments = cell("comments")
    if len(row.comments) > COMMENTS_MAX:
        error("comments", f"The comments are {len(row.comments):,} characters long: at most "
                          f"{COMMENTS_MAX:,} can be imported.")

    status = cell("status")
    row.status = board.status(status) if status else board.default_status
    if row.status is None:
        codes = ", ".join(s.code for s in board.statuses)
        error("status", f"“{status[:30]}” is not a status in this board's key ({codes}).")

    due = cell("due")
    if len(due) > DUE_TEXT_MAX:
        error("due", f"The due date is longer than {DUE_TEXT_MAX} characters.")
    elif due_problem(due):
        error("due", due_problem(due))
    elif due:
        row.due = parse_due(due, board=board.board, after=row.raised_on)
    return row


def preview_log(table: LogTable, mapping: dict, board) -> Preview:
    """Every row of the table checked against the board. Saves nothing."""
    mapping = clean_mapping(mapping, len(table.headers))
    errors = mapping_errors(mapping, table.headers)
    if errors:
        return Preview(board, mapping, [], errors)
    known, seen = _Board(board), {}
    rows = [_check_row(source, mapping, known, seen) for source in table.rows]
    errors = [e for row in rows for e in row.errors]
    if not rows:
        errors.append(RowError(table.header_row, "reference", "There are no rows under the headings."))
    return Preview(board, mapping, rows, errors)


# Saving -----------------------------------------------------------------------------

def import_log(table: LogTable, mapping: dict, board, *, actor: Actor) -> dict:
    """Check every row, then save every action in one transaction, each through record()
    so that each has its history row. Any error: ImportRefused, and nothing is saved."""
    preview = preview_log(table, mapping, board)
    if not preview.ok:
        raise ImportRefused(preview)
    meetings = {m.date: m for m in Meeting.objects.filter(board=board).order_by("-starts_at")}
    people_before = set(Membership.objects.filter(board=board).values_list("person_id", flat=True))
    try:
        with transaction.atomic():
            for row in preview.rows:
                _save(row, board=board, meetings=meetings, actor=actor)
    except IntegrityError:
        refused = Preview(board, preview.mapping, preview.rows, [
            RowError(None, "reference", "An action with one of these numbers was added to the board "
                                        "while the file was being imported. Preview the file again.")])
        raise ImportRefused(refused) from None
    added = Membership.objects.filter(board=board).exclude(person_id__in=people_before)
    return {
        "actions": len(preview.rows),
        "new_people": len(preview.new_people),
        "officers_added": added.values("person_id").distinct().count(),
        "complete": preview.complete_rows,
    }


def _save(row: PlannedRow, *, board, meetings: dict, actor: Actor) -> Action:
    action = Action(
        board=board,
        reference=row.reference,
        raised_on=row.raised_on,
        raised_at=meetings.get(row.raised_on),
        description=row.description,
        status=row.status,
        due_date=row.due.date,
        due_meeting=row.due.meeting,
        due_text=row.due.text,
    )
    record(action, actor=actor, officers=officers_for(row.officer_names, board), comment=row.comments)
    return action


# Keeping the uploaded table between the preview and the confirmation -----------------
# The parsed table travels in the form as signed, compressed JSON: no temporary model or
# file to clean up, any server process can read it back, it cannot be altered, it works
# only for the board it was uploaded to, and it expires.

TABLE_MAX_AGE = 60 * 60  # seconds: an hour to check the preview and confirm
TABLE_MAX_CHARS = 2_000_000  # under Django's 2.5 MB limit on a POST's fields


class TableExpired(Exception):
    """The signed table is too old, altered, or for another board; the message is for the clerk."""


def _salt(board) -> str:
    return f"boards.log_import:{board.pk}"


def sign_table(table: LogTable, board) -> str:
    from django.core import signing

    token = signing.dumps(table.to_json(), salt=_salt(board), compress=True)
    if len(token) > TABLE_MAX_CHARS:
        raise TableExpired("The table is too large to import in one go: split the log into smaller files.")
    return token


def unsign_table(token: str, board) -> LogTable:
    from django.core import signing

    try:
        return LogTable.from_json(signing.loads(token or "", salt=_salt(board), max_age=TABLE_MAX_AGE))
    except signing.SignatureExpired:
        raise TableExpired("The uploaded file has expired (after an hour): upload it again.") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TableExpired("The uploaded file could not be read back: upload it again.") from None
