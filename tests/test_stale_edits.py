"""A stale edit is handled once (boards/views/stale.py): on every path that takes a version,
nothing is saved, the clerk or officer is told, and the refused attempt is kept exactly once."""

import html
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from boards.models import ActionState, Membership, RefusedChange
from boards.services import closing
from boards.services.updating import Actor

from .factories import make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return make_board("hwb", name="Health and Wellbeing Board", is_public=True)


@pytest.fixture
def officer(board):
    person = make_person("Mike Sandys", email="mike@example.org")
    person.user = get_user_model().objects.create_user("mike")
    person.save()
    Membership.objects.create(board=board, person=person, role="officer")
    return person


@pytest.fixture
def action(board, officer):
    return make_action(board, "326(c)", officers=[officer], due_date=date(2017, 3, 31))


@pytest.fixture
def clerk(board):
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(board=board, person=make_person("Clerk", user=user), role="clerk")
    client = Client()
    client.force_login(user)
    return client


def meanwhile(action, officer):
    """The officer saves first; returns the version the clerk had seen."""
    seen = action.version
    closing.change(action, actor=Actor(via="web", person=officer), comment="Started.")
    return seen


def test_a_stale_withdrawal_is_refused_told_and_kept_once(clerk, action, officer):
    seen = meanwhile(action, officer)
    url = reverse("boards:withdraw_action", args=["hwb", action.pk])
    response = clerk.post(url, {"reason": "Recorded in error.", "version": seen}, follow=True)
    text = html.unescape(response.content.decode())
    assert "326(c) changed while you were withdrawing it. Nothing was saved: check it and try again." in text
    refused = RefusedChange.objects.get(action=action)
    assert refused.by_user.username == "clerk" and refused.seen_version == seen
    action.refresh_from_db()
    assert action.state == ActionState.OPEN


@pytest.mark.parametrize("state, doing", [("closed", "reopening"), ("withdrawn", "reinstating")])
def test_a_stale_reopening_or_reinstatement_is_refused_told_and_kept_once(
    clerk, board, action, officer, state, doing
):
    actor = Actor(via="web")
    if state == "closed":
        closing.close([action], meeting=make_meeting(board), actor=actor)
    else:
        closing.withdraw(action, actor=actor, reason="Recorded in error.")
    action.refresh_from_db()
    seen = action.version
    closing.change(action, actor=actor, comment="A note added meanwhile.")
    url = reverse("boards:reopen_action", args=["hwb", action.pk])
    response = clerk.post(url, {"reason": "Agreed in error.", "version": seen}, follow=True)
    text = html.unescape(response.content.decode())
    assert f"326(c) changed while you were {doing} it. Nothing was saved: check it and try again." in text
    refused = RefusedChange.objects.get(action=action)
    assert refused.seen_version == seen and refused.comment == "Agreed in error."
    action.refresh_from_db()
    assert action.state == state


def test_a_stale_officer_update_keeps_what_was_typed_at_the_current_version(client, action, officer):
    client.force_login(officer.user)
    seen = meanwhile(action, officer)
    action.refresh_from_db()
    url = reverse("boards:update_action", args=["hwb", action.pk])
    response = client.post(url, {"status": action.status_id, "comment": "Mine, typed.", "version": seen})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.data["version"] == action.version and form.data["comment"] == "Mine, typed."
    assert response.context["stale_changes"]  # what the officer saved meanwhile, shown
    assert RefusedChange.objects.filter(action=action).count() == 1
