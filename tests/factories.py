"""Test data, built with factory-boy. Actions are made through the history writer.

Each factory makes the smallest valid row and names the rest by sequence, so two calls
never clash. The `make_*` functions are the short forms most test files use; they keep
their first signatures and are built on the factories.
"""

from datetime import date, datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from boards.models import (
    Action,
    Board,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipRole,
    MinuteItem,
    Organisation,
    Person,
    RagKey,
    RagStatus,
    Resolution,
    UpdateVia,
)
from boards.services.updating import Actor, record

SYSTEM = Actor(via=UpdateVia.SYSTEM)
PASSWORD = "a-long-enough-test-password"
# The papers' meeting: most tests need a date and none needs it to be today.
MEETING_AT = datetime(2016, 11, 17, 14, 0)


class UserFactory(factory.django.DjangoModelFactory):
    """A sign-in account; its password is PASSWORD unless given."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class BoardFactory(factory.django.DjangoModelFactory):
    """A board with a preset RAG key named by slug (`key`: "rag", "date-based", ...).
    `organisations=[...]` links it to organisations."""

    class Meta:
        model = Board
        skip_postgeneration_save = True

    class Params:
        key = "rag"

    slug = factory.Sequence(lambda n: f"board-{n}")
    name = factory.LazyAttribute(lambda o: f"Board {o.slug}")
    # The presets are installed by a data migration.
    rag_key = factory.LazyAttribute(lambda o: RagKey.objects.get(slug=o.key))

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.add(*extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    """Someone named in the papers: no email and no account unless given."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    board = factory.SubFactory(BoardFactory)
    person = factory.SubFactory(PersonFactory)
    role = MembershipRole.OFFICER


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting of `board`; `when` is a naive local datetime (default: the papers' meeting)."""

    class Meta:
        model = Meeting

    class Params:
        when = MEETING_AT

    board = factory.SubFactory(BoardFactory)
    starts_at = factory.LazyAttribute(lambda o: timezone.make_aware(o.when))
    status = MeetingStatus.SCHEDULED


class MinuteItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinuteItem
        django_get_or_create = ("board", "number")

    meeting = factory.SubFactory(MeetingFactory)
    board = factory.SelfAttribute("meeting.board")
    number = factory.Sequence(lambda n: str(300 + n))
    title = factory.LazyAttribute(lambda o: f"Item {o.number}")


class ResolutionFactory(factory.django.DjangoModelFactory):
    """A resolution, placed after the minute's others."""

    class Meta:
        model = Resolution

    minute_item = factory.SubFactory(MinuteItemFactory)
    label = "(a)"
    text = "That a plan be developed."
    position = factory.LazyAttribute(lambda o: o.minute_item.resolutions.count())


class ActionFactory(factory.django.DjangoModelFactory):
    """An action, saved through boards.services.updating.record (so with its history row).

    `status` is a status code of the board's key ("GREEN") or a RagStatus; `officers` the
    responsible officers, lead first; `actor` and `comment` go to the history row.
    """

    class Meta:
        model = Action

    board = factory.SubFactory(BoardFactory)
    reference = factory.Sequence(lambda n: f"{n + 1}(a)")
    raised_on = date(2016, 11, 17)
    description = factory.LazyAttribute(lambda o: f"Do the work of {o.reference}.")
    status = "GREEN"
    officers = ()
    actor = SYSTEM
    comment = ""

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs = cls._without_history_arguments(kwargs)[0]
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs, officers, actor, comment = cls._without_history_arguments(kwargs)
        action = model_class(*args, **kwargs)
        record(action, actor=actor, officers=officers, comment=comment)
        return action

    @staticmethod
    def _without_history_arguments(kwargs):
        officers = list(kwargs.pop("officers"))
        actor = kwargs.pop("actor")
        comment = kwargs.pop("comment")
        status = kwargs["status"]
        if not isinstance(status, RagStatus):
            kwargs["status"] = kwargs["board"].rag_key.statuses.get(code=status)
        return kwargs, officers, actor, comment


# The short forms ---------------------------------------------------------------------------


def make_board(slug="test-board", key="rag", **kwargs) -> Board:
    return BoardFactory(slug=slug, key=key, **kwargs)


def make_meeting(board, when=MEETING_AT, **kwargs) -> Meeting:
    return MeetingFactory(board=board, when=when, **kwargs)


def make_resolution(meeting, number="326", label="(c)", text="That a plan be developed.") -> Resolution:
    item = MinuteItemFactory(meeting=meeting, number=number)
    return ResolutionFactory(minute_item=item, label=label, text=text)


def make_action(
    board, reference="1(a)", officers=(), status="GREEN", raised_on=date(2016, 11, 17), actor=SYSTEM, **kwargs
) -> Action:
    return ActionFactory(
        board=board,
        reference=reference,
        officers=officers,
        status=status,
        raised_on=raised_on,
        actor=actor,
        **kwargs,
    )


def make_person(name="Test Officer", **kwargs) -> Person:
    return PersonFactory(name=name, **kwargs)
