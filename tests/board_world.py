"""A small board with the demo's shape, built by the factories: for tests that need "a board
with data" and not the papers themselves (tests/test_demo.py and the journeys keep those).

    Shire Health Board (small-board, public, RAG key), of Shire Council
    clerk       Clara Clerk    account small-board-clerk
    officers    Olu Officer    account small-board-officer, Director of Public Health, Shire Council
                Pat Partner    email only, no account
                Ada Adviser    no email, no account
    member      Mo Member      account small-board-member
    meetings    5 May 2016 (minutes approved), 17 November 2016 (held), 5 January 2017 (scheduled)
    actions     No.     raised      officers                 status  state     due
                101(a)  5/5/2016    Pat Partner              GREEN   open      meeting of 5 January 2017
                201(a)  17/11/2016  Olu Officer              GREEN   open      March 2017 (31/03/2017)
                201(b)  17/11/2016  Olu Officer/ Pat Partner AMBER   open      06/12/2016
                201(c)  17/11/2016  Ada Adviser              RED     proposed  in due course (no date)
                202(a)  17/11/2016  Olu Officer              GREEN   closed    06/12/2016
Every account's password is factories.PASSWORD.

Its reminders under the default policy (upcoming 7 days before, overdue every 7 days, update
requests 10 days before the next meeting, escalation after 2 overdue reminders):
    29 November 2016  upcoming 201(b) (due 6 December): Olu Officer, Pat Partner
    7 December 2016   overdue 201(b), then every 7 days; escalated to Clara Clerk on 15 December
    26 December 2016  UPDATE_REQUESTS_DAY, 10 days before 5 January: every open action's officers
                      with an email, one digest each: Olu Officer (201(a), 201(b)),
                      Pat Partner (101(a), 201(b)); 201(c) is proposed for closure, not chased
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from boards.models import Action, Board, Meeting, MeetingStatus, MembershipRole, Organisation, Person

from .factories import (
    ActionFactory,
    BoardFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ResolutionFactory,
    UserFactory,
)

SLUG = "small-board"
UPDATE_REQUESTS_DAY = date(2016, 12, 26)
# The digests sent that day, one per officer with an email.
UPDATE_REQUESTS = {"Olu Officer": {"201(a)", "201(b)"}, "Pat Partner": {"101(a)", "201(b)"}}


@dataclass
class SmallBoard:
    board: Board
    organisation: Organisation
    clerk_user: object
    clerk: Person
    officer_user: object
    officer: Person
    partner: Person
    adviser: Person
    member_user: object
    member: Person
    earlier: Meeting
    meeting: Meeting
    next_meeting: Meeting
    actions: dict[str, Action] = field(default_factory=dict)

    def action(self, reference) -> Action:
        """The action as the database has it now."""
        return Action.objects.get(board=self.board, reference=reference)


def _on_board(board, person, role):
    MembershipFactory(board=board, person=person, role=role)
    return person


def small_board(slug=SLUG, name="Shire Health Board") -> SmallBoard:
    council = "Shire Council" if slug == SLUG else f"Council of {slug}"
    organisation = OrganisationFactory(name=council, slug=f"{slug}-council")
    board = BoardFactory(slug=slug, name=name, organisations=[organisation])
    clerk_user = UserFactory(username=f"{slug}-clerk")
    clerk = _on_board(
        board, PersonFactory(name="Clara Clerk", user=clerk_user, email=clerk_user.email), "clerk"
    )
    officer_user = UserFactory(username=f"{slug}-officer")
    officer = PersonFactory(
        name="Olu Officer",
        job_title="Director of Public Health",
        organisation=organisation,
        email=officer_user.email,
        user=officer_user,
    )
    partner = PersonFactory(name="Pat Partner", email="pat.partner@example.org")
    adviser = PersonFactory(name="Ada Adviser")
    member_user = UserFactory(username=f"{slug}-member")
    member = _on_board(board, PersonFactory(name="Mo Member", user=member_user), MembershipRole.MEMBER)

    earlier = MeetingFactory(board=board, when=datetime(2016, 5, 5, 14, 0), status=MeetingStatus.APPROVED)
    meeting = MeetingFactory(
        board=board,
        when=datetime(2016, 11, 17, 14, 0),
        ends_at=timezone.make_aware(datetime(2016, 11, 17, 15, 30)),
        venue="Shire Hall",
        status=MeetingStatus.HELD,
    )
    next_meeting = MeetingFactory(board=board, when=datetime(2017, 1, 5, 14, 0))
    world = SmallBoard(
        board, organisation, clerk_user, clerk, officer_user, officer, partner, adviser, member_user, member,
        earlier, meeting, next_meeting,
    )  # fmt: skip

    def action(reference, at, officers, status, resolution_text, **fields):
        number, label = reference.split("(")
        resolution = ResolutionFactory(
            minute_item__meeting=at, minute_item__number=number, label=f"({label}", text=resolution_text
        )
        world.actions[reference] = ActionFactory(
            board=board,
            reference=reference,
            resolution=resolution,
            minute_item=resolution.minute_item,
            raised_at=at,
            raised_on=at.date,
            officers=officers,
            status=status,
            **fields,
        )

    for reference, at, officers, status, resolution_text, fields in [
        ("101(a)", earlier, [partner], "GREEN", "That a parity plan be reported.", {
            "description": "Report on the parity plan.",
            "latest_comment": "Report scheduled for January.",
            "due_meeting": next_meeting,
        }),
        ("201(a)", meeting, [officer], "GREEN", "That a delivery plan be developed.", {
            "description": "Develop a delivery plan for the strategy.",
            "latest_comment": "Delivery plan due in March 2017.",
            "due_date": date(2017, 3, 31),
            "due_text": "March 2017",
        }),
        ("201(b)", meeting, [officer, partner], "AMBER", "That the profiles be checked.", {
            "description": "Ask whether the profiles include prisoners.",
            "latest_comment": "Under consideration.",
            "due_date": date(2016, 12, 6),
        }),
        ("201(c)", meeting, [adviser], "RED", "That cohorts be targeted.", {
            "description": "Target cohorts of patients for analysis.",
            "latest_comment": "Awaiting the data.",
            "state": "proposed",
            "due_text": "in due course",
        }),
        ("202(a)", meeting, [officer], "GREEN", "That an extra meeting be held.", {
            "description": "Hold an extra meeting.",
            "latest_comment": "Meeting held.",
            "due_date": date(2016, 12, 6),
            "state": "closed",
            "closed_on": date(2016, 12, 6),
        }),
    ]:  # fmt: skip
        action(reference, at, officers, status, resolution_text, **fields)
    return world
