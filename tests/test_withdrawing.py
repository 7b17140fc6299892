"""A clerk withdraws an action recorded in error, and can reinstate it.

Withdrawn: gone from the outstanding, overdue and closed views, the counts, the close
form and the reminders; in "All", marked withdrawn; its history kept, with the reason.
"""

import html
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards.models import Action, ActionState, ActionUpdate, Membership, Reminder
from boards.reminders import facts, sender
from boards.services import closing
from boards.services.links import make_token
from boards.services.updating import Actor

from .factories import make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db

REASON = "Recorded in error: duplicate of 326(b)"


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
    # Due long ago: overdue, so in the overdue view until withdrawn.
    return make_action(
        board, "326(c)", officers=[officer], due_date=date(2017, 3, 31), description="Develop a plan."
    )


@pytest.fixture
def clerk(board):
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(board=board, person=make_person("Clerk", user=user), role="clerk")
    client = Client()
    client.force_login(user)
    return client


def withdraw_url(action):
    return reverse("boards:withdraw_action", args=[action.board.slug, action.pk])


def page(client, url, **params):
    return html.unescape(client.get(url, params).content.decode())


def withdrawn(action):
    closing.withdraw(action, actor=Actor(via="web"), reason=REASON, expected_version=action.version)
    action.refresh_from_db()
    return action


# The confirmation page and the service ----------------------------------------------------


def test_the_confirmation_page_explains_and_asks_for_a_reason(clerk, action):
    text = page(clerk, withdraw_url(action))
    assert '<h1 class="heading-l">Withdraw action 326(c)?</h1>' in text
    assert "leaves the outstanding, overdue and closed views" in text
    assert "stays in the “All” view, marked withdrawn, and keeps its history" in text
    assert '<label class="label" for="id_reason">Reason</label>' in text
    assert '<button type="submit" class="button button--warning">Withdraw action</button>' in text


def test_no_reason_no_withdrawal(clerk, action):
    response = clerk.post(withdraw_url(action), {"reason": "  ", "version": action.version})
    assert response.status_code == 200
    assert "Give the reason for withdrawing the action." in response.content.decode()
    action.refresh_from_db()
    assert (action.state, action.version) == (ActionState.OPEN, 1)


def test_withdrawing_keeps_the_history_and_shows_the_reason_on_the_action_page(clerk, action):
    response = clerk.post(withdraw_url(action), {"reason": REASON, "version": action.version}, follow=True)
    assert response.redirect_chain == [(action.get_absolute_url(), 302)]
    text = html.unescape(response.content.decode())
    assert "326(c) withdrawn." in text
    action.refresh_from_db()
    assert action.state == ActionState.WITHDRAWN and action.latest_comment == ""
    first, last = ActionUpdate.objects.filter(action=action).order_by("version")
    assert first.version == 1 and last.comment == REASON
    assert last.changes["state"] == {"from": "open", "to": "withdrawn"}
    assert '<h2 class="heading-s">Withdrawn</h2>' in text and f"This action was withdrawn: {REASON}" in text
    # No update, edit or withdraw for it; Reinstate instead.
    assert "Update this action" not in text and "Edit, reassign or change due date" not in text
    assert ">Withdraw</a>" not in text
    assert f'href="{reverse("boards:reopen_action", args=["hwb", action.pk])}">Reinstate</a>' in text


def test_an_open_action_page_offers_withdraw_to_clerks_only(clerk, action):
    link = f'href="{withdraw_url(action)}">Withdraw</a>'
    assert link in page(clerk, action.get_absolute_url())
    assert link not in page(Client(), action.get_absolute_url())


def test_a_stale_withdrawal_saves_nothing(clerk, action, officer):
    stale = action.version
    closing.change(action, actor=Actor(via="web", person=officer), comment="Started.")
    response = clerk.post(withdraw_url(action), {"reason": REASON, "version": stale}, follow=True)
    assert "326(c) changed while you were withdrawing it. Nothing was saved" in response.content.decode()
    action.refresh_from_db()
    assert action.state == ActionState.OPEN and action.version == stale + 1


def test_a_closed_or_withdrawn_action_cannot_be_withdrawn(clerk, board, action):
    withdrawn(action)
    response = clerk.post(withdraw_url(action), {"reason": REASON, "version": action.version}, follow=True)
    assert "326(c) is withdrawn: only an outstanding action can be withdrawn." in response.content.decode()
    closed = make_action(board, "1", state="closed", closed_on=date(2017, 1, 1))
    with pytest.raises(closing.NotWithdrawable):
        closing.withdraw(closed, actor=Actor(via="web"), reason=REASON)
    assert ActionUpdate.objects.filter(action=action).count() == 2


# Where a withdrawn action is, and is not --------------------------------------------------


def test_the_log_lists_it_only_in_all_marked_withdrawn(clerk, board, action):
    log = reverse("boards:log", args=[board.slug])
    before = {
        view: "Develop a plan." in page(clerk, log, view=view) for view in ("outstanding", "overdue", "all")
    }
    assert before == {"outstanding": True, "overdue": True, "all": True}
    withdrawn(action)
    for view in ("outstanding", "overdue", "closed"):
        assert "Develop a plan." not in page(clerk, log, view=view), view
    everything = page(clerk, log, view="all")
    assert (
        "Develop a plan." in everything and '<strong class="tag tag--grey">Withdrawn</strong>' in everything
    )
    assert "Develop a plan." not in page(clerk, reverse("boards:log_print", args=[board.slug]))
    export = clerk.get(reverse("boards:export_log", args=[board.slug, "csv"])).content.decode("utf-8-sig")
    assert "Develop a plan." not in export
    export = clerk.get(reverse("boards:export_log", args=[board.slug, "csv"]), {"view": "all"})
    assert "Develop a plan." in export.content.decode("utf-8-sig")


def test_counts_the_close_form_and_my_actions_leave_it_out(clerk, board, action, officer):
    make_action(board, "2", officers=[officer], description="Another action.")
    close = reverse("boards:close_actions", args=[board.slug])
    assert "Develop a plan." in page(clerk, close)
    withdrawn(action)
    assert "Develop a plan." not in page(clerk, close)
    home = Client().get(reverse("boards:home"))
    assert "Develop a plan." not in home.content.decode()
    assert Action.objects.filter(board=board).outstanding().count() == 1
    mine = Client()
    mine.force_login(officer.user)
    assert "Develop a plan." not in page(mine, reverse("boards:my_actions"))
    assert "Another action." in page(mine, reverse("boards:my_actions"))


def test_the_board_pages_counts_leave_it_out_of_outstanding_and_overdue(clerk, board, action):
    url = reverse("boards:board", args=[board.slug])
    before = page(clerk, url)
    assert all(f">{view}: 1</a>" in before for view in ("Outstanding", "Overdue", "All"))
    withdrawn(action)
    after = page(clerk, url)
    assert all(f">{view}: 0</a>" in after for view in ("Outstanding", "Overdue", "Closed"))
    assert ">All: 1</a>" in after


def test_reminders_are_never_planned_for_a_withdrawn_action(board, action, officer):
    make_meeting(board, when=datetime(2017, 4, 20, 14, 0))
    now = timezone.make_aware(datetime(2017, 4, 10, 8, 0))
    boards = facts.board_facts(now, board_ids=[board.pk])
    assert [f.action_id for f in facts.action_facts(boards, now)] == [action.pk]  # overdue: reminded
    withdrawn(action)
    assert facts.action_facts(boards, now) == []
    sender.plan_and_record(now, board_ids=[board.pk])
    assert not Reminder.objects.filter(action=action).exists()


# Officers --------------------------------------------------------------------------------


def test_its_officer_cannot_update_it_signed_in_or_by_emailed_link(board, action, officer):
    withdrawn(action)
    client = Client()
    client.force_login(officer.user)
    response = client.get(reverse("boards:update_action", args=[board.slug, action.pk]), follow=True)
    assert "326(c) was withdrawn by the board's clerk, so it cannot be updated." in html.unescape(
        response.content.decode()
    )
    response = client.post(
        reverse("boards:update_action", args=[board.slug, action.pk]),
        {"status": action.status_id, "comment": "Done.", "version": action.version},
    )
    assert response.status_code == 302
    linked = Client()
    linked.get(reverse("boards:link", args=[make_token(officer)]))
    assert "Develop a plan." not in page(linked, reverse("boards:link_home"))
    response = linked.post(
        reverse("boards:link_update", args=[action.pk]),
        {"status": action.status_id, "comment": "Done.", "version": action.version},
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.version == 2 and action.latest_comment == ""


def test_the_clerks_edit_page_sends_them_to_reinstate_first(clerk, board, action):
    withdrawn(action)
    response = clerk.get(reverse("boards:edit_action", args=[board.slug, action.pk]), follow=True)
    assert "326(c) is withdrawn: reinstate it to edit it." in html.unescape(response.content.decode())


# Reinstating --------------------------------------------------------------------------------


def test_a_mistaken_withdrawal_is_undone_by_reinstating(clerk, board, action):
    withdrawn(action)
    url = reverse("boards:reopen_action", args=[board.slug, action.pk])
    text = page(clerk, url)
    assert "Reinstate action 326(c)" in text and ">Reinstate action</button>" in text
    response = clerk.post(
        url, {"reason": "Not a duplicate after all.", "version": action.version}, follow=True
    )
    assert "326(c) reinstated." in response.content.decode()
    action.refresh_from_db()
    assert action.state == ActionState.OPEN and action.version == 3
    assert "Develop a plan." in page(clerk, reverse("boards:log", args=[board.slug]))
    assert list(
        ActionUpdate.objects.filter(action=action).order_by("version").values_list("comment", flat=True)
    ) == ["", REASON, "Not a duplicate after all."]
