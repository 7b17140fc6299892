"""The JSON API's content: the log's rows as the log page has them, for the same filters,
in the same order; meetings, people, published logs; pages; parameters it cannot use."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.services.publishing import publish

from .board_world import small_board as build_board
from .factories import make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db


def api(client, path, **params):
    response = client.get(path, params)
    assert response["Content-Type"] == "application/json", response.content[:200]
    return response


def actions_url(world):
    return reverse("boards:api_actions", args=[world.board.slug])


# Several filter sets, each as the log page takes it.
FILTER_SETS = [
    {},
    {"view": "all"},
    {"view": "closed"},
    {"view": "overdue"},
    {"view": "all", "sort": "-date"},
    {"view": "all", "sort": "officer"},
    {"view": "all", "sort": "-due"},
    {"status": ["GREEN", "AMBER"], "sort": "status"},
    {"q": "plan"},
    {"view": "all", "overdue": "false", "raised_from": "01/11/2016", "raised_to": "2016-11-30"},
    {"due_from": "01/12/2016", "due_to": "31/03/2017", "sort": "-reference"},
]


def _named(params):
    return "&".join(f"{k}={v}" for k, v in params.items()) or "none"


@pytest.mark.parametrize("params", FILTER_SETS, ids=_named)
def test_the_actions_are_the_log_pages_rows_in_its_order(client, small_board, params):
    page = client.get(reverse("boards:log", args=[small_board.board.slug]), params)
    assert page.status_code == 200
    assert not page.context["filter"].form.errors
    want = [(row.id, row.reference, row.status.code, row.due) for row in page.context["rows"]]
    response = api(client, actions_url(small_board), **params)
    assert response.status_code == 200, response.json()
    got = [(r["id"], r["reference"], r["status"]["code"], r["due"]) for r in response.json()["results"]]
    assert got == want
    assert response.json()["count"] == len(want)


def test_the_officer_and_meeting_filters_too(client, small_board):
    for params in (
        {"view": "all", "officer": small_board.officer.pk},
        {"view": "all", "meeting": small_board.meeting.pk, "sort": "-officer"},
    ):
        page = client.get(reverse("boards:log", args=[small_board.board.slug]), params)
        want = [row.reference for row in page.context["rows"]]
        got = [r["reference"] for r in api(client, actions_url(small_board), **params).json()["results"]]
        assert got == want and got


def test_a_row_has_the_papers_columns_and_more(client, small_board):
    rows = api(client, actions_url(small_board), view="all").json()["results"]
    row = next(r for r in rows if r["reference"] == "201(b)")
    assert row["date"] == "2016-11-17"
    assert row["action"] == "Ask whether the profiles include prisoners."
    assert [o["name"] for o in row["officers"]] == ["Olu Officer", "Pat Partner"]
    assert row["officers_text"] == "Olu Officer/ Pat Partner"
    assert row["comments"] == "Under consideration."
    assert row["status"]["code"] == "AMBER" and row["status"]["colour"].startswith("#")
    assert row["status"]["label"] and row["status"]["definition"]
    assert row["due_date"] == "2016-12-06" and row["state"] == "open" and row["is_overdue"] is True
    assert row["html_url"] == reverse("boards:action", args=["small-board", row["id"]])
    assert "email" not in str(row["officers"])


def test_an_action_with_its_source_and_history(client, small_board):
    action = small_board.action("201(a)")
    data = api(client, reverse("boards:api_action", args=["small-board", action.pk])).json()
    assert data["reference"] == "201(a)"
    assert data["source"]["minute_number"] == "201"
    assert data["source"]["resolution_text"] == "That a delivery plan be developed."
    assert data["raised_at"] == small_board.meeting.pk
    assert data["history"] and data["history"][-1]["created"] is True


def test_another_boards_action_is_not_found_under_this_board(client, small_board):
    other = build_board("other-board", "Other Board")
    response = api(client, reverse("boards:api_action", args=["small-board", other.action("201(a)").pk]))
    assert response.status_code == 404


def test_a_meeting_with_its_minutes_and_actions(client, small_board):
    meetings = api(client, reverse("boards:api_meetings", args=["small-board"])).json()
    assert [m["date"] for m in meetings["results"]] == ["2017-01-05", "2016-11-17", "2016-05-05"]
    data = api(client, meetings["results"][1]["url"]).json()
    assert data["venue"] == "Shire Hall"
    assert [item["number"] for item in data["items"]] == ["201", "202"]
    resolutions = [r["text"] for item in data["items"] for r in item["resolutions"]]
    assert "That the profiles be checked." in resolutions
    assert [a["reference"] for a in data["actions"]] == ["201(a)", "201(b)", "201(c)", "202(a)"]


def test_people_show_their_public_fields_never_their_email(client, small_board):
    data = api(client, reverse("boards:api_person", args=[small_board.officer.pk])).json()
    assert data == {
        "id": small_board.officer.pk,
        "name": "Olu Officer",
        "job_title": "Director of Public Health",
        "organisation": "Shire Council",
        "merged_into": None,
        "url": reverse("boards:api_person", args=[small_board.officer.pk]),
    }
    people = api(client, reverse("boards:api_people"), page_size=200).json()
    names = [p["name"] for p in people["results"]]
    assert {"Olu Officer", "Pat Partner", "Ada Adviser", "Clara Clerk", "Mo Member"} <= set(names)
    assert "@" not in str(people)


def test_a_published_log_with_its_frozen_rows(client, small_board):
    published = publish(small_board.board, small_board.meeting, view="all")
    listed = api(client, reverse("boards:api_published_logs", args=["small-board"])).json()
    assert [p["id"] for p in listed["results"]] == [published.pk]
    data = api(client, listed["results"][0]["url"]).json()
    assert data["row_count"] == 5 and len(data["rows"]) == 5
    assert data["rows"][0]["reference"] == "101(a)"
    assert [s["code"] for s in data["statuses"]] == ["RED", "AMBER", "GREEN"]


def test_boards_list_and_detail_with_the_key(client, small_board):
    boards = api(client, reverse("boards:api_boards")).json()
    assert [b["slug"] for b in boards["results"]] == ["small-board"]
    data = api(client, boards["results"][0]["url"]).json()
    assert data["name"] == "Shire Health Board" and data["organisations"] == ["Shire Council"]
    assert {s["code"] for s in data["statuses"]} >= {"RED", "AMBER", "GREEN"}


# Pages --------------------------------------------------------------------------------


def test_pages_of_actions(client, small_board):
    first = api(client, actions_url(small_board), view="all", page_size=2).json()
    assert (first["count"], first["pages"], first["previous"]) == (5, 3, None)
    second = api(client, first["next"]).json()
    third = api(client, second["next"]).json()
    assert third["next"] is None
    everything = api(client, actions_url(small_board), view="all").json()["results"]
    assert [r["id"] for r in first["results"] + second["results"] + third["results"]] == [
        r["id"] for r in everything
    ]


# Parameters the API cannot use: a 400 naming them -----------------------------------------


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"colour": "red"}, "colour"),
        ({"format": "xml"}, "format"),
        ({"view": "soon"}, "view"),
        ({"status": "PURPLE"}, "status"),
        ({"sort": "height"}, "sort"),
        ({"overdue": "maybe"}, "overdue"),
        ({"officer": "999999"}, "officer"),
        ({"officer": "x"}, "officer"),
        ({"meeting": "999999"}, "meeting"),
        ({"due_from": "31/02/2017"}, "due_from"),
        ({"raised_to": "yesterday"}, "raised_to"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page": "9"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
    ],
)
def test_a_parameter_the_api_cannot_use_is_a_400_naming_it(client, small_board, params, named):
    response = api(client, actions_url(small_board), **params)
    assert response.status_code == 400
    body = response.json()
    assert list(body["parameters"]) == [named]
    assert body["parameters"][named] and named in body["detail"]


def test_other_lists_refuse_unknown_parameters_too(client, small_board):
    for name in ("api_boards", "api_people"):
        response = api(client, reverse(f"boards:{name}"), view="all")
        assert response.status_code == 400 and list(response.json()["parameters"]) == ["view"]
    response = api(client, reverse("boards:api_board", args=["small-board"]), page="1")
    assert response.status_code == 400 and list(response.json()["parameters"]) == ["page"]


def test_an_unknown_address_is_a_json_404(client, db):
    for path in ("/api/", "/api/v1/nothing/", "/api/v2/boards/", "/api/v1/boards/no-such-board/"):
        response = api(client, path)
        assert response.status_code == 404
        assert response.json()["detail"]


def test_the_api_changes_nothing(client, small_board):
    for path in (actions_url(small_board), reverse("boards:api_boards")):
        assert client.post(path, {}, content_type="application/json").status_code == 405
        assert client.delete(path).status_code == 405


# Queries flat in rows -------------------------------------------------------------------


def _board_with(n, slug):
    board = make_board(slug)
    meeting = make_meeting(board)
    officers = [make_person(f"Officer {i}") for i in range(3)]
    for i in range(n):
        make_action(
            board,
            f"{i + 1}(a)",
            officers=officers[: 1 + i % 3],
            status=("GREEN", "AMBER", "RED")[i % 3],
            raised_at=meeting,
            due_date=date(2016, 12, 1 + i % 28),
        )
    return board, meeting


@pytest.mark.parametrize(
    "params",
    [
        {"view": "all"},
        {"view": "all", "sort": "officer", "status": "GREEN", "q": "work"},
        {"view": "overdue"},
    ],
)
def test_the_actions_take_as_many_queries_for_50_rows_as_for_5(client, db, params):
    counts = []
    for n, slug in ((5, "five"), (50, "fifty")):
        _board_with(n, slug)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("boards:api_actions", args=[slug]), {**params, "page_size": 200})
        assert response.status_code == 200
        assert response.json()["results"]
        counts.append(len(queries))
    print("QUERIES", params, counts)
    assert counts[0] == counts[1] <= 7


def test_a_meeting_and_a_published_log_take_as_many_queries_for_50_rows_as_for_5(client, db):
    counts = []
    for n, slug in ((5, "five"), (50, "fifty")):
        board, meeting = _board_with(n, slug)
        published = publish(board, meeting, view="all")
        paths = [
            reverse("boards:api_meeting", args=[slug, meeting.pk]),
            reverse("boards:api_published_log", args=[slug, published.pk]),
            reverse("boards:api_meetings", args=[slug]),
            reverse("boards:api_people"),
        ]
        measured = []
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
    print("QUERIES", counts)
    assert counts[0] == counts[1]
