"""Turning parsed minutes into a board's records: proposals first, then one transaction.

The clerk's preview (views/minutes_import.py) may correct each resolution before it is
saved: whether it creates an action, its officers and its due. Corrections are keyed by
(item index, resolution index) in the parser's structure; the parser is deterministic,
so the same text gives the same keys at preview and at confirm.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ... import limits
from ...due import parse_due
from ...importers.minutes import MinutesJson, ParsedMinutes, to_json
from ...importers.minutes.attendance import Attendee
from ...models import Action, Board, Meeting, MinuteItem, Person, Resolution
from ...officer_names import OfficerNames, Question, unanswered
from ...people_names import normal
from ...references import item_references
from ..attendance import Imported, counts_of, import_attendance
from ..recording import default_status, new_action, officers_for
from ..updating import Actor, record
from .refused import ImportRefused


@dataclass(frozen=True)
class Correction:
    """The clerk's word on one resolution. Officer names are matched inside the import's
    transaction (boards.officer_names): a name that is nobody's needs the clerk's answer
    (record_minutes' `officer_answers`) before anything is saved."""

    creates_action: bool
    officer_names: tuple[str, ...] = ()
    due: str = ""


class MinutesCounts(TypedDict):
    items: int
    resolutions: int
    actions: int
    new_officers: list[str]  # the names of the people added as officers
    attendance: Imported  # all zero and unchanged when the minutes' attendance was not recorded


class MinutesSaved(MinutesCounts):
    """What record_minutes saved: the meeting, and the counts."""

    meeting: Meeting


def board_people(board: Board) -> list[Person]:
    """The people of the board (merged records left out), looked up once for all the
    suggestions of one text."""
    return list(Person.objects.on_board(board).only("name", "job_title"))


def suggest_officers(text: str, board: Board, people: list[Person] | None = None) -> list[Person]:
    """People on the board named in the text, by name or by role ("The Director of Public
    Health to ascertain ..."), in the order the text mentions them."""
    lowered = text.lower()
    found: list[tuple[int, str, Person]] = []
    for person in board_people(board) if people is None else people:
        positions = [lowered.find(k.lower()) for k in (person.name, person.job_title) if k]
        positions = [p for p in positions if p >= 0]
        if positions:
            found.append((min(positions), person.name, person))
    return [person for _, _, person in sorted(found, key=lambda f: (f[0], f[1]))]


def suggestions(parsed: ParsedMinutes, board: Board) -> dict[tuple[int, int], list[str]]:
    """The suggested officers' names for each resolution that creates an action, keyed by
    (item index, resolution index). One query, however long the minutes."""
    people = board_people(board)
    return {
        (i, j): [p.name for p in suggest_officers(res.text, board, people)]
        for i, item in enumerate(parsed.items)
        for j, res in enumerate(item.resolutions)
        if res.creates_action
    }


def proposals(parsed: ParsedMinutes, board: Board, meeting_date: date) -> MinutesJson:
    """The parser's structure with officers suggested and due phrases read, as plain data."""
    data = to_json(parsed)
    people = board_people(board)
    for item_data, item in zip(data["items"], parsed.items, strict=True):
        for res_data, res in zip(item_data["resolutions"], item.resolutions, strict=True):
            if res.creates_action:
                res_data["officers"] = [p.name for p in suggest_officers(res.text, board, people)]
                due = parse_due(res.due_phrase, board=board, after=meeting_date)
                res_data["due"] = due.date.isoformat() if due.date else due.text
    return data


def refusal(parsed: ParsedMinutes, board: Board, *, numbered: bool = True) -> str:
    """Why these minutes cannot be imported to this board ("" if they can): no minute items,
    an item without its number or two with the same one (unless `numbered` is False: the
    preview asks for them), a repeat import (minute numbers the board already has), or an
    item or resolution too long for a log."""
    numbers = [" ".join(item.number.split()) for item in parsed.items]
    if not numbers:
        return "No minute items were found in the text: nothing was imported."
    if numbered:
        if not all(numbers):
            position = numbers.index("") + 1
            return (
                f"Minute item {position} has no number: give every minute its number "
                "(the preview asks for it). Nothing was imported."
            )
        seen = set()
        for number in numbers:
            if number.lower() in seen:
                return (
                    f"Minute {number} appears twice in the text: give each minute its own number. "
                    "Nothing was imported."
                )
            seen.add(number.lower())
    given = [n for n in numbers if n]
    taken = sorted(MinuteItem.objects.filter(board=board, number__in=given).values_list("number", flat=True))
    if taken:
        minutes = "minute" if len(taken) == 1 else "minutes"
        return f"{board.name} already has {minutes} {', '.join(taken)}: nothing was imported."
    return _too_long(parsed)


def _too_long(parsed: ParsedMinutes) -> str:
    """A minute item or resolution longer than a log can hold ("" if none is)."""
    for item in parsed.items:
        if len(item.text) > limits.MINUTES_TEXT:
            return (
                f"Minute {item.number} is {len(item.text):,} characters long: at most "
                f"{limits.MINUTES_TEXT:,} can be imported. Nothing was imported."
            )
        for res in item.resolutions:
            if len(res.text) > limits.RESOLUTION_TEXT:
                return (
                    f"Resolution {item.number}{res.label} is {len(res.text):,} characters long: at "
                    f"most {limits.RESOLUTION_TEXT:,} can be imported. Nothing was imported."
                )
    return ""


def meeting_on(board: Board, meeting_date: date) -> Meeting | None:
    """The board's meeting on that date, which an import adds its minutes to."""
    return Meeting.objects.filter(board=board, starts_at__date=meeting_date).order_by("starts_at").first()


def officer_questions(
    names: Iterable[str], board: Board, answers: Mapping[str, str] | None = None
) -> list[Question]:
    """The distinct names (in order) that are none of the board's people, each with its
    suggestions and the clerk's answer if any: one choice per name, for every action
    naming it."""
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(normal(name), name)
    return OfficerNames(board).resolve(list(distinct.values()), answers)[1]


def record_minutes(
    parsed: ParsedMinutes,
    *,
    board: Board,
    meeting_date: date,
    actor: Actor,
    starts: time = time(14, 0),
    corrections: dict[tuple[int, int], Correction] | None = None,
    attendance: list[tuple[Attendee, Person | None]] | None = None,
    officer_answers: Mapping[str, str] | None = None,
    add_new_people: bool = False,
) -> MinutesSaved:
    """Save the meeting's items, resolutions and proposed actions, all or nothing.

    `attendance`: (name read, person or None for a new person) pairs, as the preview's
    attendance form gives them (services.attendance.import_attendance): recorded as the
    meeting's attendance in the same transaction, with its set-up records.

    Without `corrections`, each resolution follows the parser's classifier, with the
    officers suggest_officers() finds and the due phrase found in its text. With them,
    each (item index, resolution index) present follows the clerk's correction instead.
    A corrected officer name that is none of the board's people needs its answer in
    `officer_answers` ({normal name: "new" or a person's pk}), or `add_new_people`
    (a new person for each such name); else ImportRefused and nothing is saved.

    Owns its transaction.
    """
    reason = refusal(parsed, board)
    if reason:
        raise ImportRefused(reason)
    corrections = corrections or {}
    status = default_status(board)
    counts: MinutesCounts = {
        "items": 0,
        "resolutions": 0,
        "actions": 0,
        "new_officers": [],
        "attendance": {**counts_of([]), "changed": False, "added": []},  # none recorded
    }
    people = board_people(board)
    names, added = OfficerNames(board), dict[str, Person]()
    with transaction.atomic():
        meeting = meeting_on(board, meeting_date)
        if meeting is None:
            meeting = Meeting.objects.create(
                board=board,
                starts_at=timezone.make_aware(datetime.combine(meeting_date, starts)),
                status="held",
            )
        for item_index, item in enumerate(parsed.items):
            row = MinuteItem.objects.create(
                board=board,
                meeting=meeting,
                number=item.number,
                title=item.title[:300],
                text=item.text,
                heading=item.heading[:50],
            )
            counts["items"] += 1
            references = item_references(item.number, [res.label for res in item.resolutions])
            for position, res in enumerate(item.resolutions):
                resolution = Resolution.objects.create(
                    minute_item=row, label=res.label[:20], text=res.text, position=position
                )
                counts["resolutions"] += 1
                correction = corrections.get((item_index, position))
                if not (correction.creates_action if correction else res.creates_action):
                    continue
                due = parse_due(
                    correction.due if correction else res.due_phrase, board=board, after=meeting_date
                )
                action = new_action(
                    board,
                    reference=references[position],
                    resolution=resolution,
                    raised_at=meeting,
                    description=res.text,
                    status=status,
                    due=due,
                )
                if Action.objects.filter(board=board, reference=action.reference).exists():
                    raise ImportRefused(
                        f"{board.name} already has an action {action.reference}: nothing was imported."
                    )
                if correction is None:
                    officers = suggest_officers(res.text, board, people)
                else:
                    resolved, questions = names.resolve(
                        list(correction.officer_names), officer_answers, add_new=add_new_people
                    )
                    waiting = unanswered(questions)
                    if waiting:
                        raise ImportRefused(
                            f"{waiting[0].message} Choose who they are: nothing was imported."
                        )
                    counts["new_officers"] += [
                        o.name for o in resolved if o.is_new and normal(o.name) not in added
                    ]
                    officers = officers_for(resolved, board, by=actor.user, added=added)
                try:
                    record(action, actor=actor, officers=officers)
                except ValidationError as invalid:
                    problems = " ".join(m for ms in invalid.message_dict.values() for m in ms)
                    raise ImportRefused(
                        f"The action {action.reference} cannot be saved: {problems} Nothing was imported."
                    ) from None
                counts["actions"] += 1
        if attendance:
            counts["attendance"] = import_attendance(meeting, attendance, by=actor.user)
    return {"meeting": meeting, **counts}
