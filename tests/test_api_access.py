"""Who reads what through the API: the pages' rules (boards.access), a member's or officer's
own token, and the throttle on anonymous callers."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from boards.models import ApiToken, SetupKind, SetupRecord
from boards.services import api_tokens

from .board_world import small_board as build_board
from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_board(small_board):
    board = small_board.board
    board.is_public = False
    board.save()
    return small_board


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


PATHS = (
    ("api_board", lambda w: [w.board.slug]),
    ("api_actions", lambda w: [w.board.slug]),
    ("api_action", lambda w: [w.board.slug, w.action("201(a)").pk]),
    ("api_meetings", lambda w: [w.board.slug]),
    ("api_meeting", lambda w: [w.board.slug, w.meeting.pk]),
    ("api_published_logs", lambda w: [w.board.slug]),
    ("api_person", lambda w: [w.member.pk]),
)


@pytest.mark.parametrize(("name", "args"), PATHS, ids=[p[0] for p in PATHS])
def test_a_private_board_is_not_found_without_a_members_token(client, private_board, name, args):
    path = reverse(f"boards:{name}", args=args(private_board))
    assert client.get(path).status_code == 404
    outsider = UserFactory(username="outsider")
    _, raw = api_tokens.create(outsider, "mine")
    assert client.get(path, **bearer(raw)).status_code == 404
    _, raw = api_tokens.create(private_board.member_user, "mine")
    assert client.get(path, **bearer(raw)).status_code == 200


def test_lists_leave_out_what_the_caller_may_not_see(client, private_board):
    build_board("open-board", "Open Board")
    boards = client.get(reverse("boards:api_boards")).json()["results"]
    assert [b["slug"] for b in boards] == ["open-board"]
    people = {p["id"] for p in client.get(reverse("boards:api_people"), {"page_size": 200}).json()["results"]}
    assert private_board.member.pk not in people and private_board.adviser.pk not in people
    _, raw = api_tokens.create(private_board.officer_user, "dashboard")
    boards = client.get(reverse("boards:api_boards"), **bearer(raw)).json()["results"]
    assert [b["slug"] for b in boards] == ["open-board", "small-board"]


def test_a_signed_in_session_reads_as_its_user(client, private_board):
    client.force_login(private_board.clerk_user)
    assert client.get(reverse("boards:api_actions", args=["small-board"])).status_code == 200


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer", "Bearer two words"])
def test_a_bad_token_is_a_401_not_anonymous(client, small_board, header):
    response = client.get(reverse("boards:api_boards"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"]


def test_a_revoked_token_no_longer_works_and_the_revocation_is_recorded(client, private_board):
    user = private_board.member_user
    token, raw = api_tokens.create(user, "Council dashboard")
    path = reverse("boards:api_actions", args=["small-board"])
    assert client.get(path, **bearer(raw)).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    assert api_tokens.revoke(user, token) is True
    assert api_tokens.revoke(user, token) is False  # once only
    assert client.get(path, **bearer(raw)).status_code == 401
    kinds = list(SetupRecord.objects.filter(by_user=user).order_by("at", "id").values_list("kind", flat=True))
    assert kinds == [SetupKind.API_TOKEN_CREATED, SetupKind.API_TOKEN_REVOKED]


def test_a_deactivated_account_s_token_no_longer_works(client, private_board):
    user = private_board.member_user
    _, raw = api_tokens.create(user, "mine")
    user.is_active = False
    user.save()
    assert client.get(reverse("boards:api_boards"), **bearer(raw)).status_code == 401


def test_only_a_hash_of_the_token_is_stored(private_board):
    token, raw = api_tokens.create(private_board.member_user, "mine")
    stored = ApiToken.objects.filter(pk=token.pk).values_list(
        "name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at"
    )
    records = SetupRecord.objects.values_list("summary", "details")
    assert raw not in str(list(stored)) and raw not in str(list(records))
    assert token.prefix == raw[:8]


# The person's own page -------------------------------------------------------------------


def test_a_person_creates_a_token_sees_it_once_and_revokes_it(client, small_board):
    client.force_login(small_board.officer_user)
    page = client.get(reverse("boards:my_actions"))
    assert reverse("boards:api_tokens").encode() in page.content
    response = client.post(reverse("boards:api_tokens"), {"name": "Council dashboard"})
    assert response.status_code == 302 and response["Location"] == reverse("boards:api_tokens")
    shown = client.get(reverse("boards:api_tokens"))
    raw = shown.context["new_token"]
    assert raw and raw.encode() in shown.content
    assert shown["Cache-Control"].startswith("max-age=0") or "no-cache" in shown["Cache-Control"]
    again = client.get(reverse("boards:api_tokens"))
    assert again.context["new_token"] is None and raw.encode() not in again.content
    assert b"Council dashboard" in again.content
    assert client.get(reverse("boards:api_boards"), **bearer(raw)).status_code == 200

    token = ApiToken.objects.get(user=small_board.officer_user)
    record = SetupRecord.objects.get(kind=SetupKind.API_TOKEN_CREATED)
    assert record.person == small_board.officer and record.by_user == small_board.officer_user
    response = client.post(reverse("boards:api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert client.get(reverse("boards:api_boards"), **bearer(raw)).status_code == 401


def test_a_token_needs_a_name(client, small_board):
    client.force_login(small_board.officer_user)
    response = client.post(reverse("boards:api_tokens"), {"name": ""})
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_persons_token(client, small_board):
    token, raw = api_tokens.create(small_board.officer_user, "mine")
    client.force_login(small_board.member_user)
    assert client.post(reverse("boards:api_token_revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


# Throttling --------------------------------------------------------------------------------


def test_anonymous_callers_are_throttled_and_token_holders_are_not(client, small_board, settings):
    settings.API_ANON_RATE = "3/minute"
    cache.clear()
    path = reverse("boards:api_boards")
    codes = [client.get(path).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get(path).json()["detail"]
    _, raw = api_tokens.create(small_board.member_user, "mine")
    assert client.get(path, **bearer(raw)).status_code == 200
    cache.clear()
