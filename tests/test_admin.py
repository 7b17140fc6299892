"""The admin is a change path like any other: every save leaves history."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from boards.models import Action, ActionUpdate, Board, Person
from boards.services.updating import change

from .factories import SYSTEM, ResolutionFactory, make_resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, small_board):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def _action_form(action, **overrides):
    officers = list(action.officers.order_by("officer_links__position"))
    data = {
        "board": action.board_id,
        "reference": action.reference,
        "description": action.description,
        "resolution": action.resolution_id or "",
        "minute_item": action.minute_item_id or "",
        "raised_at": action.raised_at_id or "",
        "raised_on": action.raised_on.isoformat(),
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "due_meeting": action.due_meeting_id or "",
        "due_text": action.due_text,
        "status": action.status_id,
        "state": action.state,
        "closed_at_meeting": "",
        "closed_on": "",
        "lead_officer": officers[0].pk,
        "other_officers": [p.pk for p in officers[1:]],
        "comment": "",
        "seen_version": action.version,
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_edit_leaves_one_history_row(admin_client, small_board):
    action = small_board.action("201(b)")
    green = small_board.board.rag_key.statuses.get(code="GREEN")
    url = reverse("admin:boards_action_change", args=[action.pk])
    response = admin_client.post(url, _action_form(action, status=green.pk, comment="Clarified."))
    assert response.status_code == 302, response.content.decode()[:2000]
    update = action.updates.order_by("-version").first()
    assert update.via == "admin"
    assert update.by_user.username == "admin"
    assert update.changes == {"status": {"from": "AMBER", "to": "GREEN"}}
    assert update.comment == "Clarified."
    assert action.updates.count() == 2


def test_admin_add_creates_the_action_with_its_first_history_row(admin_client, small_board):
    officer = small_board.officer
    # A resolution of minute 201 that has no action yet.
    resolution = ResolutionFactory(minute_item=small_board.action("201(a)").minute_item, label="(d)")
    data = _action_form(
        small_board.action("201(a)"),
        reference="201(d)",
        description="Publish the approved Strategy.",
        resolution=resolution.pk,
        lead_officer=officer.pk,
        other_officers=[],
    )
    data.pop("seen_version")
    response = admin_client.post(reverse("admin:boards_action_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    action = Action.objects.get(reference="201(d)")
    assert action.updates.get().via == "admin"
    assert list(action.officers.all()) == [officer]


def test_admin_refuses_a_stale_edit_and_says_why(admin_client, small_board):
    action = small_board.action("201(b)")
    change(action, actor=SYSTEM, comment="A second version, so that the first is stale.")
    data = _action_form(action, comment="Mine")
    data["seen_version"] = action.version - 1
    response = admin_client.post(reverse("admin:boards_action_change", args=[action.pk]), data)
    assert response.status_code == 200
    assert "Someone else changed this action" in response.content.decode()
    assert action.updates.count() == 2


def test_admin_refuses_a_status_from_another_key(admin_client, small_board):
    action = small_board.action("201(b)")
    from boards.models import RagStatus

    blue = RagStatus.objects.get(key__slug="brag", code="BLUE")
    response = admin_client.post(
        reverse("admin:boards_action_change", args=[action.pk]), _action_form(action, status=blue.pk)
    )
    assert response.status_code == 200
    assert "is not a status in" in response.content.decode()


def test_actions_inline_under_a_resolution_go_through_the_writer(admin_client, small_board):
    # A resolution of the meeting of 17 November 2016 that has no action yet.
    resolution = make_resolution(small_board.meeting, number="203", label="(b)")
    green = small_board.board.rag_key.statuses.get(code="GREEN")
    url = reverse("admin:boards_resolution_change", args=[resolution.pk])
    data = {
        "minute_item": resolution.minute_item_id,
        "label": resolution.label,
        "text": resolution.text,
        "position": resolution.position,
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-reference": "",
        "actions-0-description": "Report the housing support model's outcomes.",
        "actions-0-status": green.pk,
        "actions-0-due_date": "",
        "actions-0-due_text": "In due course",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action = Action.objects.get(board=small_board.board, reference="203(b)")
    assert action.raised_on.isoformat() == "2016-11-17"
    assert action.updates.get().via == "admin"


def test_history_cannot_be_changed_or_deleted_in_the_admin(admin_client, small_board):
    update = ActionUpdate.objects.first()
    url = reverse("admin:boards_actionupdate_change", args=[update.pk])
    response = admin_client.post(url, {"comment": "rewritten"})
    assert response.status_code == 403
    delete = reverse("admin:boards_actionupdate_delete", args=[update.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    action_delete = reverse("admin:boards_action_delete", args=[update.action_id])
    assert admin_client.post(action_delete, {"post": "yes"}).status_code == 403
    assert ActionUpdate.objects.filter(pk=update.pk, comment=update.comment).exists()


@pytest.mark.parametrize(
    "model",
    [
        "organisation",
        "board",
        "person",
        "membership",
        "ragkey",
        "meeting",
        "minuteitem",
        "resolution",
        "action",
        "actionupdate",
    ],
)
def test_admin_lists_search_and_open_every_model(admin_client, small_board, model):
    changelist = reverse(f"admin:boards_{model}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "Officer"}).status_code == 200


def test_admin_refuses_to_delete_a_person_who_owns_actions(admin_client, small_board):
    officer = small_board.officer
    url = reverse("admin:boards_person_delete", args=[officer.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Cannot delete" in response.content.decode()
    assert Person.objects.filter(pk=officer.pk).exists()
    assert Board.objects.filter(slug=small_board.board.slug).exists()
