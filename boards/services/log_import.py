"""Importing a board's existing action log: check every row, preview, then save.

    table = read_log(data, filename)                  # boards.importers.action_log (pure)
    preview = preview_log(table, mapping, board, choices)   # every row checked; nothing saved
    preview.errors, preview.skipped, preview.status_words, preview.default
    import_log(table, mapping, board, actor=actor, choices=choices)        # all or nothing
    import_log(..., partial=True)                     # the good rows; the others are refused

Choices made here:
* Only the action's text is needed. A row without a number gets the next of the board's
  own numbering (services: references.next_references), shown in the preview. In a column
  naming where actions came from ("Agenda item", "Minute ref"), a repeat is numbered on
  ("10c (2)"); in a column of action numbers a repeat is refused, as a mistake.
* A row without a date (or a log without a Date column) is dated by the default the clerk
  picks: one of the board's meetings or a date. Suggested: the board's latest meeting, else today.
* Status words are matched to the board's key by meaning (services.log_statuses); the
  clerk's choices are remembered for the board when the import is saved, in its transaction.
* A revised due date ("New date", "Revised implementation date") wins over the original,
  which is kept as the comments' last line ("Original due date: 30/09/2023.").
* Responsible officers are matched by name to people on the board (then anyone). A name
  nobody has is a new Person, added to the board as an officer; the preview lists them.
* A row whose status means complete or closed is imported open, with that status: closing
  is the board's decision at a meeting ("Close actions").
* The Comments column becomes the action's latest comment, and the comment of its first
  history row (written by record(), via "Import").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import wording
from ..due import Due, due_problem, parse_due
from ..forms import default_status
from ..importers.action_log import FIELD_LABELS, FIELDS, LogTable
from ..importers.log_dates import raised_date, with_year
from ..importers.log_headings import is_item_heading
from ..importers.log_rows import LogReading, LogRow, read_rows
from ..importers.status_words import normalise
from ..limits import date_problem
from ..models import Action, Meeting, Membership
from ..references import next_references
from .log_import_tokens import TableExpired, sign_table, unsign_table
from .log_statuses import StatusWord, match_words, remember
from .recording import officers_for, resolve_officers, split_officer_names
from .updating import Actor, record

__all__ = ["ImportChoices", "ImportRefused", "Preview", "RowError", "TableExpired", "clean_mapping",
           "import_log", "preview_log", "sign_table", "unsign_table"]

REQUIRED_FIELDS = ("action",)
REFERENCE_MAX = Action._meta.get_field("reference").max_length
DUE_TEXT_MAX = Action._meta.get_field("due_text").max_length
DESCRIPTION_MAX = Action._meta.get_field("description").max_length
COMMENTS_MAX = Action._meta.get_field("latest_comment").max_length
NAME_MAX = 200
NEXT_MEETING_DAYS = 183  # "next meeting" in a row raised longer ago than this stays as text


class ImportRefused(Exception):
    """Nothing was saved: the preview holds the errors."""

    def __init__(self, preview: Preview, message: str = ""):
        self.preview = preview
        count = len(preview.errors)
        super().__init__(message or f"{wording.count(count, 'problem')} found: nothing was imported.")


@dataclass(frozen=True)
class RowError:
    row: int | None  # the file's row number; None for a problem with the columns or a status word
    field: str
    message: str
    anchor: str = ""  # the id of the control that puts it right, when not the column's select
    word: str = ""  # a status word nobody can guess: listed once, not once per row

    @property
    def column(self) -> str:
        return FIELD_LABELS[self.field]

    @property
    def target(self) -> str:
        return self.anchor or f"id_map_{self.field}"

    def __str__(self) -> str:
        where = f"Row {self.row}, {self.column}" if self.row is not None else self.column
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportChoices:
    """What the clerk chose in the preview (or the command's flags)."""

    statuses: dict = field(default_factory=dict)  # normalised status word -> RagStatus pk
    default_date: date | None = None
    default_meeting: int | None = None  # a Meeting's pk


@dataclass(frozen=True)
class DefaultDate:
    date: date | None
    meeting: object = None  # a Meeting
    why: str = ""  # "chosen", "the board's latest meeting", "today"


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
    cells: tuple = ()
    reference: str = ""
    reference_note: str = ""  # "new number", "numbered on: row 8 has the same item"
    raised_on: date | None = None
    date_from_default: bool = False  # dated by the clerk's default (or its suggestion)
    date_from_heading: bool = False  # dated by the meeting or month heading above it
    description: str = ""
    officers: list[OfficerName] = field(default_factory=list)
    comments: str = ""
    status_word: str = ""
    status: object = None  # RagStatus
    due: Due = field(default_factory=Due)
    errors: list[RowError] = field(default_factory=list)

    @property
    def date_text(self) -> str:
        return self.raised_on.strftime("%d/%m/%y") if self.raised_on else ""

    @property
    def officer_names(self) -> list[str]:
        return [o.name for o in self.officers]

    @property
    def problem_text(self) -> str:
        return "; ".join(str(e) for e in self.errors)


@dataclass
class Preview:
    board: object
    mapping: dict
    rows: list[PlannedRow]
    errors: list[RowError]
    skipped: tuple = ()  # importers.log_rows.SkippedRow
    status_words: list[StatusWord] = field(default_factory=list)
    default: DefaultDate | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def column_errors(self) -> list[RowError]:
        return [e for e in self.errors if e.row is None and not e.word]

    @property
    def good_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def refused_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.errors]

    @property
    def can_import_good_rows(self) -> bool:
        """Some rows have problems, the others could be imported without them."""
        return not self.column_errors and bool(self.good_rows) and bool(self.refused_rows)

    @property
    def dated_by_default(self) -> list[int]:
        return [row.number for row in self.rows if row.date_from_default]

    @property
    def dated_by_heading(self) -> list[int]:
        return [row.number for row in self.rows if row.date_from_heading]

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
        if index in seen and {name, seen[index]} != {"status", "comments"}:  # the one pair that may share
            errors.append(RowError(None, name, f"The column “{headers[index] or index + 1}” is already "
                                               f"chosen for {FIELD_LABELS[seen[index]]}."))
        else:
            seen.setdefault(index, name)
    return errors


# The board -------------------------------------------------------------------------

class _Board:
    """What checking rows needs to know about the board, looked up once."""

    def __init__(self, board):
        self.board = board
        self.statuses = list(board.rag_key.statuses.order_by("position"))
        self.default_status = default_status(board)
        actions = list(Action.objects.filter(board=board).order_by("-created_at", "-pk")
                       .values_list("reference", "description"))
        self.references = [reference for reference, _ in actions]
        self.taken = {r.lower() for r in self.references}
        self.texts = {" ".join(d.split()).lower(): r for r, d in actions}
        self.on_board = set(Membership.objects.filter(board=board).values_list("person_id", flat=True))
        self.people = {}
        self.meetings = None

    def meeting_near(self, when: date):
        """The board's meeting on that day; for a month's first day (a heading naming only
        a month), its one meeting that month. Else None."""
        if self.meetings is None:
            self.meetings = list(Meeting.objects.filter(board=self.board).order_by("starts_at"))
        same_day = [m for m in self.meetings if m.date == when]
        if same_day or when.day != 1:
            return same_day[0] if same_day else None
        in_month = [m for m in self.meetings if (m.date.year, m.date.month) == (when.year, when.month)]
        return in_month[0] if len(in_month) == 1 else None

    def officer(self, name: str) -> OfficerName:
        key = name.lower()
        if key not in self.people:
            found, _ = resolve_officers([name], self.board)
            person = found[0] if found else None
            self.people[key] = OfficerName(name, person, person is not None and person.pk in self.on_board)
        known = self.people[key]
        return OfficerName(name, known.person, known.on_board)


def default_date_for(board, choices: ImportChoices) -> DefaultDate:
    """The date of rows without one: the clerk's date or meeting, else the board's latest
    meeting that has started, else today."""
    if choices.default_date:
        meeting = Meeting.objects.filter(board=board, starts_at__date=choices.default_date).first()
        return DefaultDate(choices.default_date, meeting, "chosen")
    if choices.default_meeting:
        meeting = Meeting.objects.filter(board=board, pk=choices.default_meeting).first()
        if meeting is not None:
            return DefaultDate(meeting.date, meeting, "chosen")
    latest = (Meeting.objects.filter(board=board, starts_at__lte=timezone.now()).order_by("-starts_at").first())
    if latest is not None:
        return DefaultDate(latest.date, latest, "the board's latest meeting")
    return DefaultDate(timezone.localdate(), None, "today")


# Checking rows -------------------------------------------------------------------------

def _check_row(read: LogRow, known: _Board, reading: LogReading, default: DefaultDate,
               statuses: dict) -> PlannedRow:
    row = PlannedRow(number=read.number, cells=read.cells)

    def error(name, message, **kwargs):
        row.errors.append(RowError(read.number, name, message, **kwargs))

    row.reference = read.reference
    if len(row.reference) > REFERENCE_MAX:
        error("reference", f"“{row.reference[:60]}” is longer than {REFERENCE_MAX} characters.")

    written = " ".join(read.date.split())
    if written:
        row.raised_on = raised_date(written)
        if row.raised_on is None:
            error("date", f"“{written[:40]}” is not a date: write it as day/month/year, for example 17/11/16 "
                          "or 17/11/2016.")
        elif date_problem(row.raised_on):
            error("date", f"{row.raised_on:%d/%m/%Y}: {date_problem(row.raised_on)}")
    elif read.context and default.why != "chosen":
        # Under a meeting or month heading ("June 2012", "Actions from the meeting on 27 June
        # 2018"): that meeting, or that day, or the month's first day.
        meeting = known.meeting_near(read.context)
        row.raised_on, row.date_from_heading = (meeting.date if meeting else read.context), True
    else:
        row.raised_on, row.date_from_default = default.date, True

    row.description = read.action
    if not row.description:
        error("action", "Enter the action: it cannot be blank.")
    elif len(row.description) > DESCRIPTION_MAX:
        error("action", f"The action is {len(row.description):,} characters long: at most "
                        f"{DESCRIPTION_MAX:,} can be imported.")
    elif not row.reference and " ".join(row.description.split()).lower() in known.texts:
        error("action", f"{known.board.name} already has this action, as "
                        f"{known.texts[' '.join(row.description.split()).lower()]}: it looks imported already.")

    for name in split_officer_names(read.officers):
        if len(name) > NAME_MAX:
            error("officers", f"A name is longer than {NAME_MAX} characters: separate joint officers with /.")
        else:
            row.officers.append(known.officer(name))

    row.comments = read.comments
    _check_due(row, read, known, reading, error)
    if len(row.comments) > COMMENTS_MAX:
        error("comments", f"The comments are {len(row.comments):,} characters long: at most "
                          f"{COMMENTS_MAX:,} can be imported.")

    row.status_word = read.status_word
    word = statuses.get(normalise(read.status_word)) if read.status_word else None
    if word is None:
        row.status = known.default_status
    elif word.status is not None:
        row.status = word.status
    else:
        error("status", f"“{word.written[:40]}” is not a status in this board's key: choose what it means "
                        "under Status words.", word=word.key)
    return row


def _check_due(row: PlannedRow, read: LogRow, known: _Board, reading: LogReading, error) -> None:
    source = "revised_due" if read.revised_due else "due"
    written = read.revised_due or read.due
    from_file = row.raised_on if not row.date_from_default else None
    year_start = date(reading.year, 1, 1) if reading.year else None
    context = from_file or read.context or year_start
    if read.revised_due and read.due and " ".join(read.due.split()) != " ".join(read.revised_due.split()):
        original = with_year(read.due, context).rstrip(".")
        row.comments = "\n".join(p for p in (row.comments, f"Original due date: {original}.") if p)
    if not written:
        return
    phrase = with_year(written, context)
    if len(phrase) > DUE_TEXT_MAX:
        error(source, f"The due date is longer than {DUE_TEXT_MAX} characters.")
    elif due_problem(phrase):
        error(source, due_problem(phrase))
    else:
        row.due = parse_due(phrase, board=known.board, after=row.raised_on)
        meeting = row.due.meeting
        if meeting is not None and row.raised_on and (meeting.date - row.raised_on).days > NEXT_MEETING_DAYS:
            # An old log's "next meeting" is not a meeting years later: kept as written.
            row.due = Due(text=" ".join(written.split())[:DUE_TEXT_MAX])


def _number_rows(rows: list[PlannedRow], mapping: dict, headers, known: _Board) -> None:
    """Refuse repeated or taken numbers; number repeats of an item on; give rows without a
    number the board's next numbers."""
    item_column = mapping.get("reference") is not None and is_item_heading(headers[mapping["reference"]])
    seen, file_refs = {}, {row.reference.lower() for row in rows if row.reference}
    for row in rows:
        if not row.reference:
            continue
        key = row.reference.lower()
        if key in known.taken:
            row.errors.append(RowError(row.number, "reference", f"{known.board.name} already has an action "
                                                                f"{row.reference}."))
        elif key in seen and item_column:
            count = 2
            while f"{key} ({count})" in seen or f"{key} ({count})" in file_refs or f"{key} ({count})" in known.taken:
                count += 1
            numbered = f"{row.reference} ({count})"
            if len(numbered) <= REFERENCE_MAX:
                row.reference_note = f"numbered on: row {seen[key]} has the same item"
                row.reference = numbered
                seen[numbered.lower()] = row.number
                continue
            row.errors.append(RowError(row.number, "reference", f"{row.reference} is also the item of row "
                                                                f"{seen[key]}: give each action its own number."))
        elif key in seen:
            row.errors.append(RowError(row.number, "reference", f"{row.reference} is also the number of row "
                                                                f"{seen[key]}: each action needs its own number."))
        seen.setdefault(key, row.number)
    unnumbered = [row for row in rows if not row.reference]
    known_refs = known.taken | {k for k in seen}
    for row, reference in zip(unnumbered, next_references(known.references, known_refs, len(unnumbered))):
        row.reference, row.reference_note = reference, "new number"


def _found_words(reading: LogReading) -> dict:
    found = {}
    for read in reading.rows:
        if read.status_word:
            written, rows = found.setdefault(normalise(read.status_word), (read.status_word, []))
            rows.append(read.number)
    return found


def preview_log(table: LogTable, mapping: dict, board, choices: ImportChoices | None = None) -> Preview:
    """Every row of the table checked against the board. Saves nothing."""
    choices = choices or ImportChoices()
    mapping = clean_mapping(mapping, len(table.headers))
    errors = mapping_errors(mapping, table.headers)
    reading = read_rows(table, mapping)
    if errors:
        return Preview(board, mapping, [], errors, reading.skipped)
    known = _Board(board)
    words = match_words(board, known.statuses, known.default_status, _found_words(reading), reading.legend,
                        choices.statuses)
    by_key = {w.key: w for w in words}
    default = default_date_for(board, choices)
    rows = [_check_row(read, known, reading, default, by_key) for read in reading.rows]
    _number_rows(rows, mapping, table.headers, known)
    for position, word in enumerate(words):
        if word.status is None:
            errors.append(RowError(None, "status", f"“{word.written[:40]}” ({word.rows_text}) is not in this "
                                                   "board's key and its meaning is not known: choose the "
                                                   "status it means.",
                                   anchor=f"id_status-word-{position}", word=word.key))
    errors += [e for row in rows for e in row.errors if not e.word]
    if not rows:
        errors.append(RowError(table.header_row, "action", "There are no actions under the headings."))
    return Preview(board, mapping, rows, errors, reading.skipped, words, default)


# Saving -----------------------------------------------------------------------------

def import_log(table: LogTable, mapping: dict, board, *, actor: Actor, choices: ImportChoices | None = None,
               partial: bool = False) -> dict:
    """Check every row, then save in one transaction, each action through record() so that
    each has its history row, and remember the status words' meanings. Any error:
    ImportRefused and nothing is saved; unless `partial`, when the rows without problems
    are saved and the others counted as refused (a problem with the columns still stops all)."""
    preview = preview_log(table, mapping, board, choices)
    if partial:
        if preview.column_errors or not preview.good_rows:
            raise ImportRefused(preview)
        rows = preview.good_rows
    else:
        if not preview.ok:
            raise ImportRefused(preview)
        rows = preview.rows
    meetings = {m.date: m for m in Meeting.objects.filter(board=board).order_by("-starts_at")}
    people_before = set(Membership.objects.filter(board=board).values_list("person_id", flat=True))
    used = {normalise(row.status_word) for row in rows if row.status_word}
    try:
        with transaction.atomic():
            for row in rows:
                meeting = preview.default.meeting if row.date_from_default and preview.default.meeting else None
                _save(row, board=board, meeting=meeting or meetings.get(row.raised_on), actor=actor)
            remember(board, [w for w in preview.status_words if w.key in used], user=actor.user)
    except IntegrityError:
        refused = Preview(board, preview.mapping, preview.rows, [
            RowError(None, "reference", "An action with one of these numbers was added to the board "
                                        "while the file was being imported. Preview the file again.")])
        raise ImportRefused(refused) from None
    added = Membership.objects.filter(board=board).exclude(person_id__in=people_before)
    return {
        "actions": len(rows),
        "new_people": len({o.name.lower() for row in rows for o in row.officers if o.is_new}),
        "officers_added": added.values("person_id").distinct().count(),
        "complete": sum(1 for row in rows if row.status is not None and row.status.is_complete),
        "refused": len(preview.rows) - len(rows),
        "skipped": len(preview.skipped),
        "preview": preview,
    }


def _save(row: PlannedRow, *, board, meeting, actor: Actor) -> Action:
    action = Action(
        board=board,
        reference=row.reference,
        raised_on=row.raised_on,
        raised_at=meeting,
        description=row.description,
        status=row.status,
        due_date=row.due.date,
        due_meeting=row.due.meeting,
        due_text=row.due.text,
    )
    record(action, actor=actor, officers=officers_for(row.officer_names, board), comment=row.comments)
    return action
