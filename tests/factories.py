"""Small builders for tests. Actions are made through the history writer."""

from datetime import date, datetime

from django.utils import timezone

from boards.models import Action, Board, Meeting, MinuteItem, Person, RagKey, Resolution, UpdateVia
from boards.services.updating import Actor, record

SYSTEM = Actor(via=UpdateVia.SYSTEM)


def make_board(slug="test-board", key="rag", **kwargs) -> Board:
    return Board.objects.create(
        slug=slug, name=kwargs.pop("name", f"Board {slug}"), rag_key=RagKey.objects.get(slug=key), **kwargs
    )


def make_meeting(board, when=datetime(2016, 11, 17, 14, 0), **kwargs) -> Meeting:
    return Meeting.objects.create(board=board, starts_at=timezone.make_aware(when), **kwargs)


def make_resolution(meeting, number="326", label="(c)", text="That a plan be developed.") -> Resolution:
    item, _ = MinuteItem.objects.get_or_create(
        board=meeting.board, number=number, defaults={"meeting": meeting, "title": f"Item {number}"}
    )
    return Resolution.objects.create(
        minute_item=item, label=label, text=text, position=item.resolutions.count()
    )


def make_action(
    board, reference="1(a)", officers=(), status="GREEN", raised_on=date(2016, 11, 17), actor=SYSTEM, **kwargs
) -> Action:
    action = Action(
        board=board,
        reference=reference,
        raised_on=raised_on,
        description=kwargs.pop("description", f"Do the work of {reference}."),
        status=board.rag_key.statuses.get(code=status),
        **kwargs,
    )
    record(action, actor=actor, officers=list(officers))
    return action


def make_person(name="Test Officer", **kwargs) -> Person:
    return Person.objects.create(name=name, **kwargs)
