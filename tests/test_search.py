"""Search across boards (/search/, boards/search.py): on SQLite in `make test`, and again on
PostgreSQL in CI (DATABASE_URL), where the tests marked `postgres` also run: stemming, the
websearch syntax, and EXPLAIN showing the GIN indexes of migration 0013 in use."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boards.models import Board
from boards.search import MAX_QUERY, PER_PAGE, Criteria, mark_words, marked_html, search
from boards.services.updating import change

from .factories import (
    SYSTEM,
    MembershipFactory,
    UserFactory,
    make_action,
    make_board,
    make_meeting,
    make_person,
    make_resolution,
)

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def only_on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's full-text search: run with DATABASE_URL pointing at PostgreSQL")


def found(user, text, **criteria):
    """(kind, title text) of every hit, in order (all pages)."""
    results = search(user, Criteria(text=text, **criteria), 1)
    hits = results.hits
    page = results.page
    while page is not None and page.has_next():
        page = search(user, Criteria(text=text, **criteria), page.next_page_number()).page
        hits += list(page.object_list)
    return [(hit.kind, strip_tags(hit.title)) for hit in hits]


def strip_tags(html):
    return str(html).replace("<mark>", "").replace("</mark>", "")


def later(action, comment, days=1):
    """A history comment on `action`, `days` after its last."""
    change(action, actor=SYSTEM, comment=comment, at=timezone.now() + timedelta(days=days))
    action.refresh_from_db()
    return action


# What is found --------------------------------------------------------------------------------


def test_finds_actions_resolutions_and_minutes_of_the_small_board(small_board):
    hits = found(None, "delivery plan")
    assert ("action", "201(a)") in hits
    assert ("resolution", "201(a) (201. Item 201)") in hits
    # An officer's name finds their actions.
    by_officer = found(None, "Ada Adviser")
    assert by_officer == [("action", "201(c)")]


def test_a_match_in_the_action_ranks_above_one_in_a_comment(small_board):
    board = small_board.board
    in_comment = make_action(
        board, "301(a)", description="Write to the trust.", comment="Zebra crossing agreed."
    )
    in_history = make_action(board, "302(a)", description="Review the crossings.")
    later(in_history, "The zebra crossing survey is done.")
    later(in_history, "Survey sent.", days=2)
    in_title = make_action(
        board, "303(a)", description="Paint the zebra crossing.", raised_on=date(2010, 1, 1)
    )
    hits = found(None, "zebra")
    # The action's own text first (even raised years earlier), then the comments.
    assert hits[0] == ("action", in_title.reference)
    assert set(hits[1:]) == {
        ("action", in_comment.reference),
        ("update", f"Update to {in_history.reference}"),
    }


def test_the_latest_comment_is_found_once_with_its_action(small_board):
    action = make_action(small_board.board, "301(a)", description="Write to the trust.")
    later(action, "Awaiting the walrus report.")
    assert found(None, "walrus") == [("action", "301(a)")]


def test_every_word_must_be_found(small_board):
    assert found(None, "prisoners profiles") == [("action", "201(b)")]
    assert found(None, "prisoners unicorn") == []


# Highlighting -----------------------------------------------------------------------------------


def test_matches_are_marked_and_user_text_is_escaped(client, small_board):
    action = make_action(small_board.board, "301(a)", description="Fix the <b>kiosk</b> & signs.")
    later(action, '<script>alert("x")</script> kiosk fixed.')
    later(action, "Checked.", days=2)
    response = client.get(SEARCH, {"q": "kiosk"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;" in html and "<b>kiosk" not in html
    assert "<mark>kiosk</mark>" in html


def test_marked_html_escapes_everything_but_the_marks():
    assert marked_html(mark_words("a <i>cat</i> & CAT", ["cat"])) == (
        "a &lt;i&gt;<mark>cat</mark>&lt;/i&gt; &amp; <mark>CAT</mark>"
    )
    long = "word " * 200 + "needle " + "word " * 200
    snippet = str(marked_html(mark_words(long, ["needle"])))
    assert "<mark>needle</mark>" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 400


# Who sees what ---------------------------------------------------------------------------------


@pytest.fixture
def private_board(db):
    board = make_board("private-board", name="Private Board", is_public=False)
    meeting = make_meeting(board, when=datetime(2016, 11, 20, 10, 0))
    resolution = make_resolution(
        meeting, number="12", label="(a)", text="That the secret narwhal be studied."
    )
    make_action(board, "12(a)", description="Study the narwhal.", resolution=resolution)
    return board


def test_a_private_boards_items_are_found_only_by_the_people_on_it(client, small_board, private_board):
    assert found(None, "narwhal") == []
    assert found(small_board.member_user, "narwhal") == []  # on another board only
    member = UserFactory(username="private-member")
    MembershipFactory(board=private_board, person=make_person("Pia Private", user=member), role="member")
    assert sorted(found(member, "narwhal")) == [("action", "12(a)"), ("resolution", "12(a) (12. Item 12)")]
    assert found(UserFactory(username="staff", is_staff=True), "narwhal")
    response = client.get(SEARCH, {"q": "narwhal"})
    assert response.status_code == 200 and "Study the" not in response.content.decode()
    # Naming the private board as a filter reveals nothing either: as for no such board.
    hidden = client.get(SEARCH, {"q": "narwhal", "board": "private-board"})
    missing = client.get(SEARCH, {"q": "narwhal", "board": "no-such-board"})
    assert hidden.status_code == missing.status_code == 400
    assert hidden.content.decode().replace("private-board", "X") == missing.content.decode().replace(
        "no-such-board", "X"
    )


# Filters --------------------------------------------------------------------------------------


def test_filters_by_board_kind_status_and_dates(small_board):
    other = make_board("other-board", name="Other Board")
    make_action(other, "5(a)", description="Develop a plan for parks.", raised_on=date(2015, 6, 1))
    everything = found(None, "plan")
    assert ("action", "5(a)") in everything and ("action", "201(a)") in everything
    assert all(kind == "action" for kind, _ in found(None, "plan", kind="action"))
    assert ("action", "5(a)") not in found(None, "plan", board=small_board.board.pk)
    assert found(None, "plan", board=other.pk) == [("action", "5(a)")]
    assert found(None, "plan", since=date(2015, 1, 1), until=date(2015, 12, 31)) == [("action", "5(a)")]
    # 201(a) is open; the closed 202(a) is found under "closed" and no other.
    assert found(None, "extra meeting", status="closed") == [("action", "202(a)")]
    assert found(None, "extra meeting", status="outstanding") == []
    assert ("action", "201(a)") in found(None, "delivery", status="outstanding")
    # A status is an action's: minutes and resolutions are left out.
    assert {kind for kind, _ in found(None, "plan", status="outstanding")} == {"action"}


def test_the_page_filters_and_says_so(client, small_board):
    response = client.get(
        SEARCH, {"q": "plan", "board": "small-board", "kind": "action", "status": "outstanding"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Search results for “plan”" in html
    assert 'href="/boards/small-board/actions/' in html
    bad = client.get(SEARCH, {"q": "plan", "date_from": "31/02/2016", "date_to": "01/01/2016"})
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode()


# Pagination and queries --------------------------------------------------------------------------


def busy_board(slug, n):
    board = make_board(slug, name=f"Board {slug}")
    meeting = make_meeting(board, when=datetime(2016, 11, 17, 14, 0))
    officer = make_person(f"Officer {slug}")
    for i in range(n):
        resolution = make_resolution(meeting, number=str(100 + i), label="(a)", text="That the ferry be run.")
        action = make_action(
            board, f"{100 + i}(a)", officers=[officer], description="Run the ferry.", resolution=resolution
        )
        later(action, "Ferry timetable agreed.")
        later(action, "Printed.", days=2)
    return board


def test_results_are_paged(client, db):
    busy_board("busy", 12)  # 12 actions, 12 resolutions, 12 updates
    results = search(None, Criteria(text="ferry"), 1)
    assert results.total == 36 and results.counts == {
        "action": 12,
        "update": 12,
        "minute": 0,
        "resolution": 12,
    }
    assert len(results.hits) == PER_PAGE
    last = search(None, Criteria(text="ferry"), 2)
    assert len(last.hits) == 36 - PER_PAGE
    assert {id(h) for h in results.hits}.isdisjoint(id(h) for h in last.hits)
    titles = [h.url + h.kind for h in results.hits + last.hits]
    assert len(set(titles)) == 36
    response = client.get(SEARCH, {"q": "ferry", "page": "2"})
    html = response.content.decode()
    assert "Page 2 of 2" in html and 'rel="prev"' in html
    beyond = client.get(SEARCH, {"q": "ferry", "page": "9"})
    assert "There is no page 9" in beyond.content.decode()


def queries_for(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(queries)


# The boards for the filter; a count of each kind; the page of results; each kind's rows on the
# page (an action's with its officers: three); and on PostgreSQL the officers' names matched.
MOST_QUERIES = 1 + 4 + 1 + (3 + 1 + 1 + 1) + 1


def test_query_count_is_flat_in_results(client, db):
    busy_board("small", 3)
    small = queries_for(client, q="ferry", kind="action"), queries_for(client, q="ferry")
    busy_board("big", 30)
    big = queries_for(client, q="ferry", kind="action"), queries_for(client, q="ferry")
    assert small[0] == big[0]
    # The page's kinds vary (each kind's rows are read in one go), not its length.
    assert max(small + big) <= MOST_QUERIES


# The query itself ----------------------------------------------------------------------------


def test_no_query_shows_tips_and_no_results(client, small_board):
    response = client.get(SEARCH)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="heading-m">Tips</h2>' in html and "result" not in html.split("Tips")[0].lower()


def test_nothing_found_says_so_with_tips(client, small_board):
    response = client.get(SEARCH, {"q": "xylophone"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing found for “xylophone”" in html and "sign in" in html


def test_an_over_long_query_is_refused_with_a_message(client, small_board):
    response = client.get(SEARCH, {"q": "plan " * 50})
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Search for at most {MAX_QUERY} characters: this search has 249" in html
    assert client.get(SEARCH, {"q": "p" * MAX_QUERY}).status_code == 200
    with pytest.raises(ValueError):
        Criteria(text="p" * (MAX_QUERY + 1))


def test_search_boxes_in_the_header_and_on_the_board_page(client, small_board):
    home = client.get(reverse("boards:home")).content.decode()
    assert 'action="/search/"' in home and 'id="site-search-q"' in home
    board = client.get(reverse("boards:board", args=["small-board"])).content.decode()
    assert '<input type="hidden" name="board" value="small-board">' in board


def test_a_post_is_refused(client, db):
    assert client.post(SEARCH, {"q": "x"}).status_code == 405


# PostgreSQL ---------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_stemming_finds_other_forms_of_a_word(small_board):
    only_on_postgres()
    action = make_action(small_board.board, "301(a)", description="Chase the officers for their updates.")
    later(action, "Officers were chased twice.")
    assert found(None, "chasing") == [("action", "301(a)")]
    assert found(None, '"chase the officers"') == [("action", "301(a)")]
    assert found(None, "chase -twice") == []
    assert found(None, "chase -nothing") == [("action", "301(a)")]


@pytest.mark.postgres
@pytest.mark.parametrize("kind", ["action", "update", "minute", "resolution", "person"])
def test_the_search_uses_the_gin_indexes(small_board, kind):
    """The queries the search runs, as Django writes them, use the GIN indexes of migration
    0013: EXPLAIN of each kind's matching queryset names its index (sequential scans off, as
    the tables here are too small for the planner to bother otherwise)."""
    only_on_postgres()
    from boards.models import Person
    from boards.search import KIND_DEFS, FullTextSearch

    index = {
        "action": "boards_action_search",
        "update": "boards_actionupdate_search",
        "minute": "boards_minuteitem_search",
        "resolution": "boards_resolution_search",
        "person": "boards_person_search",
    }[kind]
    engine = FullTextSearch("plan")
    with connection.cursor() as cursor:
        # No sequential scans, and no nested loops or plain index scans either: with rows left
        # by other tests a tiny table's planner may walk a meeting's items by their foreign key
        # and filter the match, which says nothing about the index. What remains for reading
        # the matches is a bitmap scan, of the GIN index if it fits the expression.
        for setting in ("enable_seqscan", "enable_nestloop", "enable_indexscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
    if kind == "person":
        queryset = Person.objects.alias(document=engine.document("person")).filter(document=engine.query)
    else:
        # Every row of the kind, not what a reader may see: the visibility filters (boards,
        # exemption) are the planner's other choice, which on a tiny table can start from a
        # board's rows instead; the point here is that the match itself can use its index.
        every = KIND_DEFS[kind].visible(None).model.objects.all()
        queryset = engine.matching(KIND_DEFS[kind], every)
    plan = queryset.explain()
    assert index in plan, plan


def test_boards_listed_for_the_filter_are_the_visible_ones(client, small_board, private_board):
    html = client.get(SEARCH, {"q": "plan"}).content.decode()
    assert "Shire Health Board" in html and "Private Board" not in html
    assert Board.objects.filter(slug="private-board").exists()


# The demo: the same sets on both databases ------------------------------------------------------

LHWB = "Annual Report of the Director of Public Health"
DEMO_SEARCHES = {
    "prisoners": {("action", "330(d)"), ("minute", f"330. {LHWB}"), ("resolution", f"330(d) (330. {LHWB})")},
    "Sandys": {("action", "326(c)"), ("action", "330(b)"), ("action", "330(d)"), ("action", "333(b)")},
    "Mike McHugh": {("action", "266(c)"), ("action", "330(c)")},
    "suicide prevention": {("action", "330(c)"), ("resolution", f"330(c) (330. {LHWB})")},
    "parity of esteem": {
        ("action", "266(c)"),
        ("minute", "266. Parity of Esteem"),
        ("resolution", "266(c) (266. Parity of Esteem)"),
    },
    "Lightbulb": {
        ("action", "286(b)"),
        ("minute", "328. Lightbulb Business Case"),
        ("resolution", "286(b) (286. Health and Social Care Integration)"),
        ("resolution", "328(a) (328. Lightbulb Business Case)"),
        ("resolution", "328(b) (328. Lightbulb Business Case)"),
    },
}


def test_the_demo_gives_the_same_results_on_either_database(demo):
    """The expected sets are written once: `make test` holds SQLite to them, CI's run on
    PostgreSQL holds full-text search to the same."""
    for text, expected in DEMO_SEARCHES.items():
        assert set(found(None, text)) == expected, text
    assert search(None, Criteria(text="report"), 1).total == 22
    assert search(None, Criteria(text="Healthwatch"), 1).total == 7
