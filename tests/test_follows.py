"""Following a board or an action: signed in at once; the public by double opt-in; every
emailed link acts only on POST; unsubscribing takes one click (RFC 8058)."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards.models import Follow, Follower
from boards.services.follows import CONFIRM_SALT, Target, follow, unsubscribe_url
from boards.services.updating import Actor, change

pytestmark = pytest.mark.django_db


def _action_url(world, reference="201(a)"):
    action = world.actions[reference]
    return reverse("boards:action", args=[world.board.slug, action.pk])


def _follow_action_url(world, reference="201(a)"):
    return reverse("boards:follow_action", args=[world.board.slug, world.actions[reference].pk])


def _link(message) -> str:
    (found,) = set(re.findall(r"http://[^\s\"<]+/follow/confirm/[^\s\"<]+/", message.body))
    return found.removeprefix("http://127.0.0.1:8000")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_public_follow_an_action_by_double_opt_in(client, small_board):
    page = client.get(_action_url(small_board))
    assert b'name="email"' in page.content and b"Follow this action by email" in page.content

    response = client.post(_follow_action_url(small_board), {"email": " Reader@Example.org "})
    assert response.status_code == 302 and response["Location"] == _action_url(small_board)
    assert "Check your email" in _messages(response)[0]
    follower = Follower.objects.get(email="reader@example.org")
    assert follower.confirmed_at is None and not follower.follows.exists()
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "201(a)" in message.subject
    link = _link(message)
    assert link in message.alternatives[0][0]

    # Opening the link (as a mail scanner does) changes nothing: it shows a button.
    shown = client.get(link)
    assert shown.status_code == 200 and b"Confirm and follow" in shown.content
    follower.refresh_from_db()
    assert follower.confirmed_at is None and not follower.follows.exists()

    confirmed = client.post(link)
    assert confirmed.status_code == 302 and confirmed["Location"] == _action_url(small_board)
    follower.refresh_from_db()
    assert follower.confirmed_at is not None and follower.unsubscribed_at is None
    assert [f.action_id for f in follower.follows.all()] == [small_board.actions["201(a)"].pk]
    # A second press changes nothing.
    assert client.post(link).status_code == 302
    assert follower.follows.count() == 1


def test_a_confirmation_link_expires(client, small_board):
    client.post(_follow_action_url(small_board), {"email": "late@example.org"})
    follower = Follower.objects.get(email="late@example.org")

    class EightDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)

    payload = {"f": follower.pk, "e": follower.email, "a": small_board.actions["201(a)"].pk}
    old = EightDaysAgo(salt=CONFIRM_SALT).sign_object(payload, compress=True)
    path = reverse("boards:follow_confirm", args=[old])
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert b"This link has expired" in response.content
    follower.refresh_from_db()
    assert follower.confirmed_at is None and not follower.follows.exists()


def test_a_tampered_confirmation_link_is_refused(client, small_board):
    client.post(_follow_action_url(small_board), {"email": "reader@example.org"})
    link = _link(mail.outbox[0])
    bad = link[:-6] + ("A" if link[-6] != "A" else "B") + link[-5:]
    assert client.post(bad).status_code == 400
    assert not Follow.objects.exists()


def test_one_confirmation_a_day_per_address_and_the_same_answer_whoever_asks(client, small_board):
    first = Client().post(_follow_action_url(small_board), {"email": "reader@example.org"})
    Client().post(_link(mail.outbox[0]))  # confirmed: the address now follows 201(a)
    again = Client().post(_follow_action_url(small_board), {"email": "reader@example.org"})
    stranger = Client().post(_follow_action_url(small_board), {"email": "someone.new@example.org"})
    # The same page, the same words: nothing says that reader@ already follows.
    for response in (again, stranger):
        assert (response.status_code, response["Location"]) == (first.status_code, first["Location"])
        assert _messages(response) == _messages(first)
    # No second email to reader@ within the day; the new address gets its one.
    assert [m.to for m in mail.outbox] == [["reader@example.org"], ["someone.new@example.org"]]
    # A day later, a new link may go.
    Follower.objects.filter(email="reader@example.org").update(
        confirmation_sent_at=timezone.now() - timedelta(hours=25)
    )
    client.post(
        reverse("boards:follow_board", args=[small_board.board.slug]), {"email": "reader@example.org"}
    )
    assert len(mail.outbox) == 3


def test_a_bad_address_is_a_clear_400(client, small_board):
    response = client.post(_follow_action_url(small_board), {"email": "not an address"})
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert not Follower.objects.exists() and not mail.outbox


def test_the_public_cannot_follow_what_they_cannot_see(client, small_board):
    action = small_board.actions["201(b)"]
    change(action, actor=Actor(via="system"), exempt=True, exempt_grounds="Paragraph 3 of Schedule 12A")
    exempt = reverse("boards:follow_action", args=[small_board.board.slug, action.pk])
    assert client.post(exempt, {"email": "reader@example.org"}).status_code == 404
    small_board.board.is_public = False
    small_board.board.save()
    board = reverse("boards:follow_board", args=[small_board.board.slug])
    assert client.post(board, {"email": "reader@example.org"}).status_code == 404
    assert not Follower.objects.exists() and not mail.outbox


def test_a_link_to_a_board_made_private_since_follows_nothing(client, small_board):
    client.post(
        reverse("boards:follow_board", args=[small_board.board.slug]), {"email": "reader@example.org"}
    )
    link = _link(mail.outbox[0])
    small_board.board.is_public = False
    small_board.board.save()
    response = client.post(link)
    assert response.status_code == 400 and b"no longer be followed" in response.content
    assert not Follow.objects.exists()


def test_a_member_follows_and_unfollows_from_their_account(client, small_board):
    client.force_login(small_board.member_user)
    board_page = reverse("boards:board", args=[small_board.board.slug])
    assert b"Follow this board" in client.get(board_page).content
    response = client.post(reverse("boards:follow_board", args=[small_board.board.slug]))
    assert response.status_code == 302 and response["Location"] == board_page
    follower = Follower.objects.get(user=small_board.member_user)
    assert follower.confirmed_at is not None and follower.email == ""
    assert not mail.outbox  # no confirmation for an account
    client.post(_follow_action_url(small_board, "201(c)"))

    mine = client.get(reverse("boards:my_actions"))
    assert b"Shire Health Board</a> (the whole board)" in mine.content
    assert b"Action 201(c)</a>" in mine.content
    assert b"Unfollow" in client.get(board_page).content

    back = client.post(
        reverse("boards:unfollow_board", args=[small_board.board.slug]),
        {"next": reverse("boards:my_actions")},
    )
    assert back["Location"] == reverse("boards:my_actions")
    assert [f.action_id for f in follower.follows.all()] == [small_board.actions["201(c)"].pk]
    # An address elsewhere is not followed back to.
    away = client.post(
        reverse("boards:unfollow_action", args=[small_board.board.slug, small_board.actions["201(c)"].pk]),
        {"next": "https://elsewhere.example/"},
    )
    assert away["Location"] == reverse("boards:my_actions")
    assert not follower.follows.exists()


def test_unsubscribing_by_get_changes_nothing_and_one_click_post_needs_no_csrf(small_board):
    follow(small_board.member_user, Target(board=small_board.board))
    follower = Follower.objects.get(user=small_board.member_user)
    path = unsubscribe_url(follower).removeprefix("http://127.0.0.1:8000")
    client = Client(enforce_csrf_checks=True)  # as a mail client: no cookie, no CSRF token

    shown = client.get(path)
    assert shown.status_code == 200 and b"Unsubscribe" in shown.content
    follower.refresh_from_db()
    assert follower.unsubscribed_at is None and follower.follows.exists()

    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    follower.refresh_from_db()
    assert follower.unsubscribed_at is not None and not follower.follows.exists()
    assert client.post(path).status_code == 302  # again: nothing more to do

    # Following again from the account starts the alerts again, from now.
    follow(small_board.member_user, Target(board=small_board.board))
    follower.refresh_from_db()
    assert follower.unsubscribed_at is None


def test_a_tampered_unsubscribe_link_is_a_400(client, small_board):
    follow(small_board.member_user, Target(board=small_board.board))
    path = unsubscribe_url(Follower.objects.get()).removeprefix("http://127.0.0.1:8000")
    assert client.post(path.replace(":", "x:", 1)).status_code == 400
    assert Follower.objects.get().unsubscribed_at is None


def test_my_actions_lists_only_follows_still_visible(client, small_board):
    follow(small_board.member_user, Target(board=small_board.board))
    client.force_login(small_board.member_user)
    assert b"(the whole board)" in client.get(reverse("boards:my_actions")).content
    small_board.board.memberships.filter(person=small_board.member).delete()
    small_board.board.is_public = False
    small_board.board.save()
    page = client.get(reverse("boards:my_actions")).content
    assert b"Shire Health Board" not in page and b"You follow no boards or actions" in page
