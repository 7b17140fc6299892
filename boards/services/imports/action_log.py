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
* Responsible officers are matched by name (boards.officer_names: case, spacing and
  titles aside) to people on the board, then anyone. A name that is nobody's is asked
  about once, however many rows use it: "Who is “Vandna Gohill”?", with the near
  matches and "Add “Vandna Gohill” as a new person"; until every such name is answered
  (ImportChoices.officers, or the command's add_new_people) the rows using it are refused.
  Only a name the clerk chose to add becomes a new Person, added to the board as an officer.
* A row whose status means complete or closed is imported open, with that status: closing
  is the board's decision at a meeting ("Close actions").
* The Comments column becomes the action's latest comment, and the comment of its first
  history row (written by record(), via "Import").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from django.db import IntegrityError, transaction

from ...importers.action_log import FIELD_LABELS, FIELDS, LogTable
from ...importers.action_log.headings import ColumnMapping
from ...importers.action_log.rows import LogReading, SkippedRow, read_rows
from ...importers.action_log.status_words import normalise
from ...models import Action, Board, Meeting, Membership, Person
from ...officer_names import Officer, Question
from ..log_statuses import StatusWord, match_words, remember
from ..recording import new_action, officers_for
from ..updating import Actor, record
from .action_log_rows import (
    BoardFacts,
    DefaultDate,
    ImportChoices,
    OfficerName,
    PlannedRow,
    RowError,
    check_row,
    default_date_for,
    number_rows,
)
from .action_log_tokens import TableExpired, sign_table, unsign_table
from .refused import ImportRefused

__all__ = [
    "DefaultDate",
    "ImportChoices",
    "ImportRefused",
    "OfficerName",
    "PlannedRow",
    "Preview",
    "RowError",
    "TableExpired",
    "clean_mapping",
    "import_log",
    "preview_log",
    "sign_table",
    "unsign_table",
]

REQUIRED_FIELDS = ("action",)


@dataclass
class Preview:
    board: Board
    mapping: ColumnMapping
    rows: list[PlannedRow]
    errors: list[RowError]
    skipped: tuple[SkippedRow, ...] = ()
    status_words: list[StatusWord] = field(default_factory=list)
    default: DefaultDate | None = None
    officer_questions: list[Question] = field(default_factory=list)  # one per distinct name, in order

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def column_errors(self) -> list[RowError]:
        return [e for e in self.errors if e.row is None and not e.word and not e.officer]

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
        names: dict[str, str] = {}
        for row in self.rows:
            for officer in row.officers:
                if officer.is_new:
                    names.setdefault(officer.name.lower(), officer.name)
        return sorted(names.values(), key=str.lower)

    @property
    def complete_rows(self) -> int:
        return sum(1 for row in self.rows if row.status is not None and row.status.is_complete)


class LogImported(TypedDict):
    """What import_log saved: counts of actions and people, and the preview it saved from."""

    actions: int
    new_people: int
    officers_added: int
    complete: int
    refused: int
    skipped: int
    preview: Preview


# The mapping -----------------------------------------------------------------------


def clean_mapping(mapping: Mapping[str, str | int | None], width: int) -> ColumnMapping:
    """Every field with a column index in range, or None."""
    cleaned: ColumnMapping = {}
    for name, _ in FIELDS:
        value = mapping.get(name)
        try:
            index = int(value) if value is not None and value != "" else None
        except (TypeError, ValueError):
            index = None
        cleaned[name] = index if index is not None and 0 <= index < width else None
    return cleaned


def mapping_errors(mapping: Mapping[str, int | None], headers: Sequence[str]) -> list[RowError]:
    errors = [
        RowError(None, name, "Choose the column that holds it: it is needed for every action.")
        for name in REQUIRED_FIELDS
        if mapping.get(name) is None
    ]
    seen: dict[int, str] = {}
    for name, _ in FIELDS:
        index = mapping.get(name)
        if index is None:
            continue
        if index in seen and {name, seen[index]} != {"status", "comments"}:  # the one pair that may share
            errors.append(
                RowError(
                    None,
                    name,
                    f"The column “{headers[index] or index + 1}” is already "
                    f"chosen for {FIELD_LABELS[seen[index]]}.",
                )
            )
        else:
            seen.setdefault(index, name)
    return errors


def _found_words(reading: LogReading) -> dict[str, tuple[str, list[int]]]:
    found: dict[str, tuple[str, list[int]]] = {}
    for read in reading.rows:
        if read.status_word:
            written, rows = found.setdefault(normalise(read.status_word), (read.status_word, []))
            rows.append(read.number)
    return found


def preview_log(
    table: LogTable,
    mapping: Mapping[str, str | int | None],
    board: Board,
    choices: ImportChoices | None = None,
) -> Preview:
    """Every row of the table checked against the board. Saves nothing."""
    choices = choices or ImportChoices()
    mapping = clean_mapping(mapping, len(table.headers))
    errors = mapping_errors(mapping, table.headers)
    reading = read_rows(table, mapping)
    if errors:
        return Preview(board, mapping, [], errors, reading.skipped)
    known = BoardFacts(board)
    words = match_words(
        board, known.statuses, known.default_status, _found_words(reading), reading.legend, choices.statuses
    )
    by_key = {w.key: w for w in words}
    default = default_date_for(board, choices)
    rows = [check_row(read, known, reading, default, by_key, choices) for read in reading.rows]
    number_rows(rows, mapping, table.headers, known)
    for position, word in enumerate(words):
        if word.status is None:
            errors.append(
                RowError(
                    None,
                    "status",
                    f"“{word.written[:40]}” ({word.rows_text}) is not in this "
                    "board's key and its meaning is not known: choose the "
                    "status it means.",
                    anchor=f"id_status-word-{position}",
                    word=word.key,
                )
            )
    questions = list(known.questions.values())
    for position, question in enumerate(questions):
        if not question.answered:
            errors.append(
                RowError(
                    None,
                    "officers",
                    question.message,
                    anchor=f"id_officer-choice-{position}",
                    officer=question.name,
                )
            )
    errors += [e for row in rows for e in row.errors if not e.word and not e.officer]
    if not rows:
        errors.append(RowError(table.header_row, "action", "There are no actions under the headings."))
    return Preview(board, mapping, rows, errors, reading.skipped, words, default, questions)


# Saving -----------------------------------------------------------------------------


def import_log(
    table: LogTable,
    mapping: Mapping[str, str | int | None],
    board: Board,
    *,
    actor: Actor,
    choices: ImportChoices | None = None,
    partial: bool = False,
) -> LogImported:
    """Check every row, then save in one transaction, each action through record() so that
    each has its history row, and remember the status words' meanings. Any error:
    ImportRefused and nothing is saved; unless `partial`, when the rows without problems
    are saved and the others counted as refused (a problem with the columns still stops all).
    Owns its transaction."""
    preview = preview_log(table, mapping, board, choices)
    if partial:
        if preview.column_errors or not preview.good_rows:
            raise ImportRefused(preview=preview)
        rows = preview.good_rows
    else:
        if not preview.ok:
            raise ImportRefused(preview=preview)
        rows = preview.rows
    meetings = {m.date: m for m in Meeting.objects.filter(board=board).order_by("-starts_at")}
    people_before = set(Membership.objects.filter(board=board).values_list("person_id", flat=True))
    used = {normalise(row.status_word) for row in rows if row.status_word}
    added: dict[str, Person] = {}  # the new people, by name: a name on several rows is one person
    try:
        with transaction.atomic():
            for row in rows:
                default = preview.default
                meeting = default.meeting if row.date_from_default and default and default.meeting else None
                _save(
                    row, board=board, meeting=meeting or meetings.get(row.raised_on), actor=actor, added=added
                )
            remember(board, [w for w in preview.status_words if w.key in used], user=actor.user)
    except IntegrityError:
        refused = Preview(
            board,
            preview.mapping,
            preview.rows,
            [
                RowError(
                    None,
                    "reference",
                    "An action with one of these numbers was added to the board "
                    "while the file was being imported. Preview the file again.",
                )
            ],
        )
        raise ImportRefused(preview=refused) from None
    memberships_added = Membership.objects.filter(board=board).exclude(person_id__in=people_before)
    return {
        "actions": len(rows),
        "new_people": len({o.name.lower() for row in rows for o in row.officers if o.is_new}),
        "officers_added": memberships_added.values("person_id").distinct().count(),
        "complete": sum(1 for row in rows if row.status is not None and row.status.is_complete),
        "refused": len(preview.rows) - len(rows),
        "skipped": len(preview.skipped),
        "preview": preview,
    }


def _save(
    row: PlannedRow, *, board: Board, meeting: Meeting | None, actor: Actor, added: dict[str, Person]
) -> Action:
    """One planned row as an action, with its officers and its history row.
    Runs in the caller's transaction: call it inside atomic()."""
    action = new_action(
        board,
        reference=row.reference,
        raised_on=row.raised_on,
        raised_at=meeting,
        description=row.description,
        status=row.status,
        due=row.due,
    )
    if any(o.unresolved for o in row.officers):  # refused by the preview: never a new person unasked
        raise ValueError(f"Row {row.number} names someone the clerk has not said who is.")
    officers = officers_for(
        [Officer(o.name, o.person) for o in row.officers], board, by=actor.user, added=added
    )
    record(action, actor=actor, officers=officers, comment=row.comments)
    return action
