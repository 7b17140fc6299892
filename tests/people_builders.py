"""A board with the people the people-pages tests need: its clerk (signed in by the
tests), an admin of its organisation, a member, and officers with and without email."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from boards.models import Board, Membership, Organisation, OrganisationAdmin, Person

from .factories import make_board, make_person

PASSWORD = "a-long-enough-test-password"


@dataclass
class PeopleBoard:
    board: Board
    organisation: Organisation
    clerk_user: object
    clerk: Person
    admin_user: object
    admin: Person
    member_user: object


def user(username, **kwargs):
    return get_user_model().objects.create_user(username, password=PASSWORD, **kwargs)


def on_board(board, person, *roles):
    for role in roles or ("officer",):
        Membership.objects.create(board=board, person=person, role=role)
    return person


def people_board(slug="people-board") -> PeopleBoard:
    board = make_board(slug, name="People Board")
    organisation = Organisation.objects.create(name="County Council", slug=f"{slug}-council")
    board.organisations.add(organisation)
    clerk_user = user(f"{slug}-clerk", email=f"clerk@{slug}.example.org")
    clerk = on_board(board, make_person("Clare Clerk", user=clerk_user, email=clerk_user.email), "clerk")
    admin_user = user(f"{slug}-admin")
    admin = make_person("Ada Admin", user=admin_user)
    OrganisationAdmin.objects.create(organisation=organisation, person=admin)
    member_user = user(f"{slug}-member")
    on_board(board, make_person("Mo Member", user=member_user), "member")
    return PeopleBoard(board, organisation, clerk_user, clerk, admin_user, admin, member_user)


@pytest.fixture
def pb():
    """The people board (imported by the test modules that use it)."""
    return people_board()


@pytest.fixture
def clerk(client, pb):
    """A client signed in as the people board's clerk."""
    client.force_login(pb.clerk_user)
    return client
