"""Attendance at meetings: the one writer of a meeting's Attendance rows, and the matching of
names read from minutes to the board's people.

Attendance is part of the public minutes, and a set-up change: each write that changes a
meeting's attendance records a SetupRecord ATTENDANCE (who, when, the counts) in the same
transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.forms import ModelForm

from .. import wording
from ..importers.minutes import ParsedMinutes
from ..importers.minutes.attendance import Attendee, read_attendance
from ..importers.minutes.attendance_names import bare_name
from ..models import Attendance, AttendanceKind, Board, Meeting, Membership, MembershipRole, Person, SetupKind
from ..people_names import near_matches, same_name
from .setup_records import note


@dataclass(frozen=True)
class Choice:
    """One person's attendance. `group` and `note` None: keep what the meeting's row had."""

    person: Person
    kind: str
    group: str | None = None
    note: str | None = None


@dataclass
class Reading:
    """A name read from the minutes, with the person it is (same name) or may be (near)."""

    index: int
    attendee: Attendee
    person: Person | None
    near: list[Person]
    field: object = None  # the page's question about it (forms.attendance.ImportedAttendanceForm)


def board_people(board: Board) -> list[Person]:
    """The board's people, not merged into another record, by name: one query."""
    return list(Person.objects.on_board(board).order_by("name", "pk"))


class Counts(TypedDict):
    """How many of each AttendanceKind."""

    present: int
    apologies: int
    in_attendance: int


class Recorded(Counts):
    changed: bool


class Imported(Recorded):
    added: list[str]  # the names of the people added


def counts_of(kinds: Iterable[str]) -> Counts:
    kinds = list(kinds)
    return {
        "present": kinds.count(AttendanceKind.PRESENT),
        "apologies": kinds.count(AttendanceKind.APOLOGIES),
        "in_attendance": kinds.count(AttendanceKind.IN_ATTENDANCE),
    }


def describe(counts: Counts) -> str:
    """ "12 present, 2 apologies, 3 in attendance"."""
    return (
        f"{counts['present']:,} present, "
        f"{wording.count(counts['apologies'], 'apology', 'apologies')}, "
        f"{counts['in_attendance']:,} in attendance"
    )


def record_attendance(
    meeting: Meeting, choices: list[Choice], by: User | AnonymousUser | None = None
) -> Recorded:
    """Make the meeting's attendance exactly `choices` (a person listed twice counts once,
    the first time), in their order. Owns its transaction (a savepoint inside a caller's,
    such as the import's). Writes a SetupRecord ATTENDANCE when anything changed; nothing
    when the attendance is as it was. Returns the counts and whether it changed."""
    with transaction.atomic():
        existing = {row.person_id: row for row in Attendance.objects.filter(meeting=meeting)}
        rows: list[Attendance] = []
        seen: set[int] = set()
        for choice in choices:
            if choice.person.pk in seen:
                continue
            seen.add(choice.person.pk)
            old = existing.get(choice.person.pk)
            group = (old.group if old else "") if choice.group is None else choice.group
            row_note = (old.note if old else "") if choice.note is None else choice.note
            rows.append(
                Attendance(
                    meeting=meeting,
                    person=choice.person,
                    kind=choice.kind,
                    group=group[:200],
                    note=row_note[:200],
                    position=len(rows),
                )
            )
        counts = counts_of(row.kind for row in rows)
        before = [
            (r.person_id, r.kind, r.group, r.note)
            for r in sorted(existing.values(), key=lambda r: (r.position, r.pk))
        ]
        after = [(r.person.pk, r.kind, r.group, r.note) for r in rows]
        if before == after:
            return {**counts, "changed": False}
        Attendance.objects.filter(meeting=meeting).delete()
        Attendance.objects.bulk_create(rows)
        note(
            SetupKind.ATTENDANCE,
            f"Attendance at the meeting of {meeting.date:%-d %B %Y} recorded: {describe(counts)}.",
            by=by,
            board=meeting.board,
            meeting=meeting.pk,
            **counts,
        )
    return {**counts, "changed": True}


def save_meeting(
    meeting_form: "ModelForm[Meeting]", choices: list[Choice] | None, by: User | AnonymousUser | None = None
) -> Meeting:
    """Save a valid MeetingForm and the meeting's attendance together: both or neither.
    `choices` None leaves the attendance as it is. Owns its transaction."""
    with transaction.atomic():
        meeting = meeting_form.save()
        if choices is not None:
            record_attendance(meeting, choices, by=by)
    return meeting


def match(attendees: list[Attendee], people: list[Person]) -> list[Reading]:
    """Each name read, with the board's person of the same name, or those near it."""
    readings = []
    for index, attendee in enumerate(attendees):
        bare = attendee.bare_name
        same = next((p for p in people if same_name(bare, bare_name(p.name))), None)
        near = [] if same else near_matches(bare, people)
        readings.append(Reading(index, attendee, same, near))
    return readings


def readings_for(parsed: ParsedMinutes, board: Board, people: list[Person] | None = None) -> list[Reading]:
    """The attendance lists of parsed minutes, matched to the board's people (one query)."""
    return match(read_attendance(parsed), board_people(board) if people is None else people)


ROLE_FOR: dict[str, MembershipRole] = {AttendanceKind.IN_ATTENDANCE: MembershipRole.IN_ATTENDANCE}


def import_attendance(
    meeting: Meeting, chosen: list[tuple[Attendee, Person | None]], by: User | AnonymousUser | None = None
) -> Imported:
    """Record the attendance read from minutes: each (name read, person) pair, a person None
    meaning "add as a new person" (to the board, as a member, or in attendance). Owns its
    transaction (a savepoint inside the import's). Returns the counts and the names added."""
    added: list[str] = []
    with transaction.atomic():
        choices: list[Choice] = []
        for attendee, person in chosen:
            if person is None:
                person = Person.objects.create(name=attendee.name[:200], job_title=attendee.job_title[:200])
                role = ROLE_FOR.get(attendee.kind, MembershipRole.MEMBER)
                Membership.objects.create(
                    board=meeting.board,
                    person=person,
                    role=role,
                    added_by=by if isinstance(by, User) else None,  # an AnonymousUser is no one
                )
                added.append(person.name)
            choices.append(Choice(person, attendee.kind, attendee.group, attendee.note))
        if added:
            note(
                SetupKind.PEOPLE_ADDED,
                f"{wording.count(len(added), 'person', 'people')} added to {meeting.board.name} from the "
                f"minutes of {meeting.date:%-d %B %Y}: {', '.join(added)}.",
                by=by,
                board=meeting.board,
                names=added,
            )
        nothing: Recorded = {**counts_of([]), "changed": False}
        counts = record_attendance(meeting, choices, by=by) if choices else nothing
    return {**counts, "added": added}
