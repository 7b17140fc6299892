"""Turning parsed minutes into a board's records: proposals first, then one transaction."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from ..due import parse_due
from ..forms import default_status
from ..importers.minutes import ParsedMinutes, to_json
from ..models import Action, Meeting, MinuteItem, Person, Resolution
from ..references import reference_for
from .updating import Actor, record


class ImportRefused(Exception):
    """Nothing was saved; the message says why."""


def suggest_officers(text: str, board) -> list[Person]:
    """People on the board named in the text, by name or by role ("The Director of Public
    Health to ascertain ..."), in the order the text mentions them."""
    lowered = text.lower()
    found = []
    for person in Person.objects.filter(memberships__board=board).distinct():
        positions = [lowered.find(k.lower()) for k in (person.name, person.job_title) if k]
        positions = [p for p in positions if p >= 0]
        if positions:
            found.append((min(positions), person.name, person))
    return [person for _, _, person in sorted(found, key=lambda f: (f[0], f[1]))]


def proposals(parsed: ParsedMinutes, board, meeting_date: date) -> dict:
    """The parser's structure with officers suggested and due phrases read, as plain data."""
    data = to_json(parsed)
    for item_data, item in zip(data["items"], parsed.items, strict=True):
        for res_data, res in zip(item_data["resolutions"], item.resolutions, strict=True):
            if res.creates_action:
                res_data["officers"] = [p.name for p in suggest_officers(res.text, board)]
                due = parse_due(res.due_phrase, board=board, after=meeting_date)
                res_data["due"] = due.date.isoformat() if due.date else due.text
    return data


def record_minutes(parsed: ParsedMinutes, *, board, meeting_date: date, actor: Actor,
                   starts: time = time(14, 0)) -> dict:
    """Save the meeting's items, resolutions and proposed actions, all or nothing."""
    numbers = [item.number for item in parsed.items]
    taken = sorted(MinuteItem.objects.filter(board=board, number__in=numbers).values_list("number", flat=True))
    if taken:
        raise ImportRefused(f"{board.name} already has minute(s) {', '.join(taken)}: nothing was imported.")
    if not numbers:
        raise ImportRefused("No minute items were found in the text: nothing was imported.")
    status = default_status(board)
    counts = {"items": 0, "resolutions": 0, "actions": 0}
    with transaction.atomic():
        meeting = Meeting.objects.filter(board=board, starts_at__date=meeting_date).first()
        if meeting is None:
            meeting = Meeting.objects.create(
                board=board, starts_at=timezone.make_aware(datetime.combine(meeting_date, starts)),
                status="held")
        for item in parsed.items:
            row = MinuteItem.objects.create(board=board, meeting=meeting, number=item.number,
                                            title=item.title[:300], text=item.text, heading=item.heading[:50])
            counts["items"] += 1
            for position, res in enumerate(item.resolutions):
                resolution = Resolution.objects.create(minute_item=row, label=res.label[:20],
                                                       text=res.text, position=position)
                counts["resolutions"] += 1
                if not res.creates_action:
                    continue
                due = parse_due(res.due_phrase, board=board, after=meeting_date)
                action = Action(
                    board=board, reference=reference_for(item.number, res.label), resolution=resolution,
                    minute_item=row, raised_at=meeting, raised_on=meeting.date, description=res.text,
                    status=status, due_date=due.date, due_meeting=due.meeting, due_text=due.text,
                )
                if Action.objects.filter(board=board, reference=action.reference).exists():
                    raise ImportRefused(f"{board.name} already has an action {action.reference}: nothing was imported.")
                record(action, actor=actor, officers=suggest_officers(res.text, board))
                counts["actions"] += 1
    return {"meeting": meeting, **counts}
