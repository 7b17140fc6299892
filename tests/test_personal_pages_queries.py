"""A person's own pages cost the same however many rows they list: My actions with its
"Following" list and calendar address, and the API tokens page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.services import api_tokens
from boards.services.follows import Target, follow

from .factories import make_action


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_my_actions_costs_the_same_for_2_follows_as_for_20(client, small_board):
    user = small_board.officer_user
    client.force_login(user)
    url = reverse("boards:my_actions")
    follow(user, Target(board=small_board.board))
    follow(user, Target(action=small_board.action("201(a)")))
    few = queries_for(client, url)
    for n in range(18):
        follow(user, Target(action=make_action(small_board.board, reference=f"9{n}(a)")))
    page = client.get(url).content.decode()
    assert page.count('action="/boards/small-board/actions/') >= 19  # an Unfollow form for each
    assert queries_for(client, url) == few


def test_the_api_tokens_page_costs_the_same_for_1_token_as_for_10(client, small_board):
    user = small_board.member_user
    client.force_login(user)
    url = reverse("boards:api_tokens")
    api_tokens.create(user, "Token 0")
    few = queries_for(client, url)
    for n in range(1, 10):
        token, _ = api_tokens.create(user, f"Token {n}")
        if n % 3 == 0:
            api_tokens.revoke(user, token)
    assert "Token 9" in client.get(url).content.decode()
    assert queries_for(client, url) == few
