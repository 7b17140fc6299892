"""Checking each row of an imported action log against the board: its number, date, action,
officers, due date, comments and status, as services.imports.action_log previews and saves them.

    known = BoardFacts(board)                    # what the checks need, looked up once
    row = check_row(read, known, reading, default, words)   # a PlannedRow, with its errors
    number_rows(rows, mapping, headers, known)   # repeated, taken and missing numbers

See services.imports.action_log for the choices made (numbering, dates, revised due dates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.utils import timezone

from ...due import Due, due_problem, parse_due
from ...importers.action_log import FIELD_LABELS
from ...importers.action_log.dates import raised_date, with_year
from ...importers.action_log.headings import is_item_heading
from ...importers.action_log.rows import LogReading, LogRow
from ...importers.action_log.status_words import normalise
from ...limits import date_problem, max_length
from ...models import Action, Board, Meeting, Membership, Person, RagStatus
from ...officer_names import NEW, OfficerNames, Question
from ...officers import split_officer_names
from ...people_names import normal as normal_name
from ...references import next_references
from ..log_statuses import StatusWord
from ..recording import default_status

REFERENCE_MAX = max_length(Action, "reference")
DUE_TEXT_MAX = max_length(Action, "due_text")
DESCRIPTION_MAX = max_length(Action, "description")
COMMENTS_MAX = max_length(Action, "latest_comment")
NAME_MAX = 200
NEXT_MEETING_DAYS = 183  # "next meeting" in a row raised longer ago than this stays as text


@dataclass(frozen=True)
class RowError:
    row: int | None  # the file's row number; None for a problem with the columns or a status word
    field: str
    message: str
    anchor: str = ""  # the id of the control that puts it right, when not the column's select
    word: str = ""  # a status word nobody can guess: listed once, not once per row
    officer: str = ""  # an officer's name (normalised) that is nobody yet: listed once, not once per row

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

    statuses: dict[str, str | int] = field(default_factory=dict)  # normalised status word -> RagStatus pk
    default_date: date | None = None
    default_meeting: int | None = None  # a Meeting's pk
    officers: dict[str, str] = field(
        default_factory=dict
    )  # normalised name -> "new" or a person's pk (as text)
    add_new_people: bool = False  # every name that is nobody yet is a new person (the command's flag)


@dataclass(frozen=True)
class DefaultDate:
    date: date | None
    meeting: Meeting | None = None
    why: str = ""  # "chosen", "the board's latest meeting", "today"


class ReportError(Protocol):
    """Adds a problem to the row being checked (check_row's `error`)."""

    def __call__(self, name: str, message: str, *, word: str = "", officer: str = "") -> None: ...


@dataclass(frozen=True)
class OfficerName:
    name: str
    person: Person | None = None  # the Person it is (matched or chosen), or None
    on_board: bool = False  # already on the board (else added as an officer)
    question: Question | None = None  # not one of the board's people: what the clerk is asked

    @property
    def is_new(self) -> bool:
        """To be added as a new person: the clerk chose it."""
        return self.person is None and self.question is not None and self.question.answer == NEW

    @property
    def unresolved(self) -> bool:
        return self.person is None and not self.is_new


@dataclass
class PlannedRow:
    """One row of the file as it will be saved."""

    number: int
    cells: tuple[str, ...] = ()
    reference: str = ""
    reference_note: str = ""  # "new number", "numbered on: row 8 has the same item"
    raised_on: date | None = None
    date_from_default: bool = False  # dated by the clerk's default (or its suggestion)
    date_from_heading: bool = False  # dated by the meeting or month heading above it
    description: str = ""
    officers: list[OfficerName] = field(default_factory=list)
    comments: str = ""
    status_word: str = ""
    status: RagStatus | None = None
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


class BoardFacts:
    """What checking rows needs to know about the board, looked up once."""

    def __init__(self, board: Board):
        self.board = board
        self.statuses = list(board.rag_key.statuses.order_by("position"))
        self.default_status = default_status(board)
        actions = list(
            Action.objects.filter(board=board)
            .order_by("-created_at", "-pk")
            .values_list("reference", "description")
        )
        self.references = [reference for reference, _ in actions]
        self.taken = {r.lower() for r in self.references}
        self.texts = {" ".join(d.split()).lower(): r for r, d in actions}
        self.on_board = set(Membership.objects.filter(board=board).values_list("person_id", flat=True))
        self.names = OfficerNames(board)
        self.people: dict[str, OfficerName] = {}  # normalised name -> the name read
        self.questions: dict[str, Question] = {}  # normalised name -> question, in the order first met
        self.meetings: list[Meeting] | None = None

    def meeting_near(self, when: date) -> Meeting | None:
        """The board's meeting on that day; for a month's first day (a heading naming only
        a month), its one meeting that month. Else None."""
        if self.meetings is None:
            self.meetings = list(Meeting.objects.filter(board=self.board).order_by("starts_at"))
        same_day = [m for m in self.meetings if m.date == when]
        if same_day or when.day != 1:
            return same_day[0] if same_day else None
        in_month = [m for m in self.meetings if (m.date.year, m.date.month) == (when.year, when.month)]
        return in_month[0] if len(in_month) == 1 else None

    def officer(self, name: str, choices: ImportChoices) -> OfficerName:
        """The name as someone, or as a question (one per distinct name) with the clerk's answer."""
        key = normal_name(name)
        if key not in self.people:
            officers, questions = self.names.resolve([name], choices.officers, add_new=choices.add_new_people)
            question = questions[0] if questions else None
            if question is not None:
                self.questions.setdefault(key, question)
            person = (
                officers[0].person
                if officers and question is None
                else (question.chosen if question is not None else None)
            )
            self.people[key] = OfficerName(
                name, person, person is not None and person.pk in self.on_board, question
            )
        known = self.people[key]
        return OfficerName(name, known.person, known.on_board, known.question)


def default_date_for(board: Board, choices: ImportChoices) -> DefaultDate:
    """The date of rows without one: the clerk's date or meeting, else the board's latest
    meeting that has started, else today."""
    if choices.default_date:
        meeting = Meeting.objects.filter(board=board, starts_at__date=choices.default_date).first()
        return DefaultDate(choices.default_date, meeting, "chosen")
    if choices.default_meeting:
        meeting = Meeting.objects.filter(board=board, pk=choices.default_meeting).first()
        if meeting is not None:
            return DefaultDate(meeting.date, meeting, "chosen")
    latest = Meeting.objects.filter(board=board, starts_at__lte=timezone.now()).order_by("-starts_at").first()
    if latest is not None:
        return DefaultDate(latest.date, latest, "the board's latest meeting")
    return DefaultDate(timezone.localdate(), None, "today")


# Checking rows -------------------------------------------------------------------------


def check_row(
    read: LogRow,
    known: BoardFacts,
    reading: LogReading,
    default: DefaultDate,
    statuses: Mapping[str, StatusWord],
    choices: ImportChoices | None = None,
) -> PlannedRow:
    row = PlannedRow(number=read.number, cells=read.cells)

    def error(name: str, message: str, *, word: str = "", officer: str = "") -> None:
        row.errors.append(RowError(read.number, name, message, word=word, officer=officer))

    row.reference = read.reference
    if len(row.reference) > REFERENCE_MAX:
        error("reference", f"“{row.reference[:60]}” is longer than {REFERENCE_MAX} characters.")

    written = " ".join(read.date.split())
    if written:
        row.raised_on = raised_date(written)
        if row.raised_on is None:
            error(
                "date",
                f"“{written[:40]}” is not a date: write it as day/month/year, for example 17/11/16 "
                "or 17/11/2016.",
            )
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
        error(
            "action",
            f"The action is {len(row.description):,} characters long: at most "
            f"{DESCRIPTION_MAX:,} can be imported.",
        )
    elif not row.reference and " ".join(row.description.split()).lower() in known.texts:
        error(
            "action",
            f"{known.board.name} already has this action, as "
            f"{known.texts[' '.join(row.description.split()).lower()]}: it looks imported already.",
        )

    for name in split_officer_names(read.officers):
        if len(name) > NAME_MAX:
            error("officers", f"A name is longer than {NAME_MAX} characters: separate joint officers with /.")
        else:
            officer = known.officer(name, choices or ImportChoices())
            row.officers.append(officer)
            if officer.unresolved and officer.question is not None:  # a name that is nobody is asked about
                error("officers", officer.question.message, officer=normal_name(name))

    row.comments = read.comments
    check_due(row, read, known, reading, error)
    if len(row.comments) > COMMENTS_MAX:
        error(
            "comments",
            f"The comments are {len(row.comments):,} characters long: at most "
            f"{COMMENTS_MAX:,} can be imported.",
        )

    row.status_word = read.status_word
    word = statuses.get(normalise(read.status_word)) if read.status_word else None
    if word is None:
        row.status = known.default_status
    elif word.status is not None:
        row.status = word.status
    else:
        error(
            "status",
            f"“{word.written[:40]}” is not a status in this board's key: choose what it means "
            "under Status words.",
            word=word.key,
        )
    return row


def check_due(
    row: PlannedRow, read: LogRow, known: BoardFacts, reading: LogReading, error: ReportError
) -> None:
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


def number_rows(
    rows: list[PlannedRow], mapping: Mapping[str, int | None], headers: Sequence[str], known: BoardFacts
) -> None:
    """Refuse repeated or taken numbers; number repeats of an item on; give rows without a
    number the board's next numbers."""
    reference_column = mapping.get("reference")
    item_column = reference_column is not None and is_item_heading(headers[reference_column])
    seen: dict[str, int] = {}
    file_refs = {row.reference.lower() for row in rows if row.reference}
    for row in rows:
        if not row.reference:
            continue
        key = row.reference.lower()
        if key in known.taken:
            row.errors.append(
                RowError(
                    row.number, "reference", f"{known.board.name} already has an action {row.reference}."
                )
            )
        elif key in seen and item_column:
            count = 2
            while (
                f"{key} ({count})" in seen
                or f"{key} ({count})" in file_refs
                or f"{key} ({count})" in known.taken
            ):
                count += 1
            numbered = f"{row.reference} ({count})"
            if len(numbered) <= REFERENCE_MAX:
                row.reference_note = f"numbered on: row {seen[key]} has the same item"
                row.reference = numbered
                seen[numbered.lower()] = row.number
                continue
            row.errors.append(
                RowError(
                    row.number,
                    "reference",
                    f"{row.reference} is also the item of row {seen[key]}: give each action its own number.",
                )
            )
        elif key in seen:
            row.errors.append(
                RowError(
                    row.number,
                    "reference",
                    f"{row.reference} is also the number of row "
                    f"{seen[key]}: each action needs its own number.",
                )
            )
        seen.setdefault(key, row.number)
    unnumbered = [row for row in rows if not row.reference]
    known_refs = known.taken | {k for k in seen}
    references = next_references(known.references, known_refs, len(unnumbered))
    for row, reference in zip(unnumbered, references, strict=False):
        row.reference, row.reference_note = reference, "new number"
