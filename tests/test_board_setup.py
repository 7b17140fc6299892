"""An organisation admin's pages: the organisation, a new board (its own copy of a preset key),
the board's settings."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import Board, Membership, Organisation, OrganisationAdmin, RagKey, SetupKind, SetupRecord
from boards.rag_presets import PRESETS

from .factories import make_board, make_person

pytestmark = pytest.mark.django_db


def signed_in(username, **user_fields):
    user = get_user_model().objects.create_user(username, **user_fields)
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def council():
    return Organisation.objects.create(name="Shire Council", slug="shire-council")


@pytest.fixture
def admin(council):
    """The council's admin, signed in (client, person)."""
    client, user = signed_in("lead")
    person = make_person("Lena Lead", user=user, job_title="Head of Governance")
    OrganisationAdmin.objects.create(organisation=council, person=person)
    return client, person


def new_board_data(council, **changes):
    return {
        "name": "Health and Wellbeing Board",
        "slug": "",
        "description": "The county's board.",
        "organisations": [council.pk],
        "visibility": "public",
        "rag_key": "rag",
        **changes,
    }


def messages_of(response):
    """The messages a POST left, as the page it redirects to shows them."""
    page = response.client.get(response["Location"])
    return [str(m) for m in page.context["messages"]]


# A new board ---------------------------------------------------------------------------


@pytest.mark.parametrize("preset", [p["slug"] for p in PRESETS])
def test_a_board_made_from_a_preset_gets_its_own_copy_of_the_key(admin, council, preset):
    client, _ = admin
    shared = make_board("older-board", key=preset)
    before = list(shared.rag_key.statuses.values_list("code", "label", "colour", "definition"))
    response = client.post(
        reverse("boards:board_new", args=[council.slug]), new_board_data(council, rag_key=preset)
    )
    board = Board.objects.get(slug="health-and-wellbeing-board")
    assert response.status_code == 302 and response["Location"] == reverse("boards:board", args=[board.slug])
    (spec,) = [p for p in PRESETS if p["slug"] == preset]
    key = board.rag_key
    assert (key.slug, key.name) == ("health-and-wellbeing-board-key", "Health and Wellbeing Board key")
    assert key != shared.rag_key and key.slug != preset
    assert list(
        key.statuses.order_by("position").values_list(
            "code", "label", "colour", "definition", "is_complete", "shown_when_overdue"
        )
    ) == [tuple(status) for status in spec["statuses"]]
    assert list(board.organisations.all()) == [council] and board.is_public
    # The preset's key, used by the older board, is as it was.
    assert list(shared.rag_key.statuses.values_list("code", "label", "colour", "definition")) == before
    record = SetupRecord.objects.get(board=board)
    assert record.kind == SetupKind.BOARD_CREATED and record.by_user.username == "lead"
    assert record.details["preset"] == preset and record.organisation == council
    (message,) = messages_of(response)
    assert message.startswith("Board Health and Wellbeing Board created. Next:")
    assert f'<a href="/boards/{board.slug}/people/">add its people and appoint its clerk</a>' in message


def test_the_new_board_page_offers_the_presets_with_their_colours(admin, council):
    client, _ = admin
    html = client.get(reverse("boards:board_new", args=[council.slug])).content.decode()
    assert '<legend class="label">RAG key</legend>' in html
    for preset in PRESETS:
        assert f">{preset['name']}</label>" in html
        for _code, _label, _colour, definition, *_ in preset["statuses"]:
            assert definition in html
    radios = {
        tag.split('value="')[1].split('"')[0]: tag
        for tag in html.split("<input")[1:]
        if 'name="rag_key"' in tag
    }
    assert list(radios) == [p["slug"] for p in PRESETS]
    # A key is chosen unless the admin picks another; the council is ticked.
    assert [slug for slug, tag in radios.items() if " checked" in tag.split(">")[0]] == ["rag"]
    (organisation,) = [tag for tag in html.split("<input")[1:] if 'name="organisations"' in tag]
    assert " checked" in organisation.split(">")[0]
    # The swatches' colours come from the stylesheet, never an inline style.
    assert "style=" not in html and 'class="status rag-1d70b8-ffffff">BLUE<' in html


def test_the_address_is_made_from_the_name_and_a_taken_one_is_refused_with_a_suggestion(admin, council):
    client, _ = admin
    make_board("health-and-wellbeing-board")
    make_board("health-and-wellbeing-board-2")
    url = reverse("boards:board_new", args=[council.slug])
    response = client.post(url, new_board_data(council))
    assert response.status_code == 200
    assert (
        "The address health-and-wellbeing-board (made from the name) is taken by another board: "
        "try health-and-wellbeing-board-3."
    ) in response.content.decode()
    response = client.post(url, new_board_data(council, slug="health-and-wellbeing-board-2"))
    assert (
        "The address health-and-wellbeing-board-2 is taken by another board: try "
        "health-and-wellbeing-board-2-2." in response.content.decode()
    )
    response = client.post(url, new_board_data(council, slug="Not An Address!"))
    assert "Use only lower-case letters, numbers and hyphens" in response.content.decode()
    assert Board.objects.count() == 2 and not SetupRecord.objects.exists()
    response = client.post(url, new_board_data(council, slug="hwb"))
    assert response["Location"] == "/boards/hwb/"


def test_organisations_are_limited_to_those_the_user_administers(admin, council):
    client, person = admin
    other = Organisation.objects.create(name="Other Trust", slug="other-trust")
    second = Organisation.objects.create(name="Second Council", slug="second-council")
    OrganisationAdmin.objects.create(organisation=second, person=person)
    url = reverse("boards:board_new", args=[council.slug])
    html = client.get(url).content.decode()
    assert "Second Council" in html and "Other Trust" not in html
    response = client.post(url, new_board_data(council, organisations=[council.pk, other.pk]))
    assert response.status_code == 200 and "not one of the available choices" in response.content.decode()
    response = client.post(url, new_board_data(council, organisations=[]))
    assert "Choose at least one organisation." in response.content.decode()
    assert not Board.objects.exists()
    # Nor may they create a board of an organisation they do not administer, or see its page.
    assert client.get(reverse("boards:board_new", args=[other.slug])).status_code == 404
    assert (
        client.post(reverse("boards:board_new", args=[other.slug]), new_board_data(other)).status_code == 404
    )
    assert client.get(reverse("boards:organisation", args=[other.slug])).status_code == 404
    response = client.post(url, new_board_data(council, organisations=[council.pk, second.pk]))
    assert set(Board.objects.get().organisations.all()) == {council, second}


# The organisation's page ----------------------------------------------------------------


def test_the_organisation_page_lists_its_boards_keys_visibility_clerks_and_admins(admin, council):
    client, _ = admin
    public = make_board("public-board", name="A Public Board")
    private = make_board("private-board", name="B Private Board", key="brag", is_public=False)
    elsewhere = make_board("elsewhere", name="Not Ours")
    for board in (public, private):
        board.organisations.add(council)
    for name in ("Clerk One", "Clerk Two"):
        Membership.objects.create(board=private, person=make_person(name), role="clerk")
    Membership.objects.create(board=private, person=make_person("A Member"), role="member")
    response = client.get(reverse("boards:organisation", args=[council.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{reverse("boards:board_new", args=[council.slug])}">Create a board</a>' in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert [r.split('">')[2].split("<")[0] for r in rows] == ["A Public Board", "B Private Board"]
    assert "Red / Amber / Green" in rows[0] and "Anyone (public)" in rows[0] and ">0</td>" in rows[0]
    assert "Blue / Red / Amber / Green (BRAG)" in rows[1] and "Private" in rows[1] and ">2</td>" in rows[1]
    assert elsewhere.name not in html
    assert "Lena Lead, Head of Governance" in html


def _many_boards(council, n, start=0):
    for i in range(start, start + n):
        board = make_board(f"board-{i:03}", name=f"Board {i:03}", is_public=i % 2 == 0)
        board.organisations.add(council)
        Membership.objects.create(board=board, person=make_person(f"Clerk {i}"), role="clerk")


def test_the_organisation_page_makes_as_many_queries_for_a_full_page_as_for_three_boards(admin, council):
    client, _ = admin
    url = reverse("boards:organisation", args=[council.slug])
    _many_boards(council, 3)
    client.get(url)  # the session, warmed
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _many_boards(council, 120, start=3)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.content.decode().count('<th scope="row">') == 50
    assert "Page 1 of 3" in response.content.decode()
    assert len(small) == len(large), [q["sql"] for q in large]


def test_the_organisation_pages_are_for_its_admins_and_staff_only(council):
    board = make_board("a-board")
    board.organisations.add(council)
    clerk_client, clerk = signed_in("clerk")
    Membership.objects.create(board=board, person=make_person("Clerk", user=clerk), role="clerk")
    staff_client, _ = signed_in("staff", is_staff=True)
    for name in ("organisation", "board_new"):
        url = reverse(f"boards:{name}", args=[council.slug])
        assert clerk_client.get(url).status_code == 404
        assert staff_client.get(url).status_code == 200
        assert Client().get(url)["Location"].startswith(reverse("login"))


def test_the_navigation_links_to_the_organisations_the_user_administers(admin, council):
    client, person = admin
    html = client.get(reverse("boards:home")).content.decode()
    assert f'<a href="{reverse("boards:organisation", args=[council.slug])}">Your organisations</a>' in html
    second = Organisation.objects.create(name="Second Council", slug="second-council")
    OrganisationAdmin.objects.create(organisation=second, person=person)
    html = client.get(reverse("boards:home")).content.decode()
    assert "<summary>Your organisations</summary>" in html
    assert f'<a href="{reverse("boards:organisation", args=[second.slug])}">Second Council</a>' in html
    nobody, _ = signed_in("nobody")
    assert "Your organisations" not in nobody.get(reverse("boards:home")).content.decode()
    assert "Your organisations" not in Client().get(reverse("boards:home")).content.decode()


def test_the_navigation_costs_one_query_and_none_for_visitors(admin):
    client, _ = admin

    def menu_queries(client):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("boards:home")).status_code == 200
        return [q["sql"] for q in queries if '"boards_organisation"."slug"' in q["sql"]]

    assert len(menu_queries(client)) == 1
    assert menu_queries(Client()) == []


# The board's settings ---------------------------------------------------------------------


@pytest.fixture
def board(council):
    board = make_board("health-board", name="Health Board", description="Old words.")
    board.organisations.add(council)
    return board


def settings_data(board, **changes):
    return {
        "name": board.name,
        "slug": board.slug,
        "description": board.description,
        "organisations": [o.pk for o in board.organisations.all()],
        "visibility": "public" if board.is_public else "private",
        **changes,
    }


def test_a_settings_change_is_recorded_field_by_field(admin, board):
    client, _ = admin
    url = reverse("boards:board_settings", args=[board.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        settings_data(board, name="Health and Care Board", description="New words.", visibility="private"),
    )
    assert response["Location"] == reverse("boards:board", args=[board.slug])
    board.refresh_from_db()
    assert (board.name, board.description, board.is_public) == ("Health and Care Board", "New words.", False)
    record = SetupRecord.objects.get(board=board, kind=SetupKind.BOARD_CHANGED)
    assert record.details["changes"] == {
        "name": {"from": "Health Board", "to": "Health and Care Board"},
        "description": {"from": "Old words.", "to": "New words."},
        "visibility": {"from": "public", "to": "private"},
    }
    assert messages_of(response) == [
        "Settings of Health and Care Board saved. The board is now private: only its people can read its log."
    ]
    # Saving again with nothing changed records nothing.
    response = client.post(url, settings_data(board))
    assert messages_of(response) == ["Nothing was changed."]
    assert SetupRecord.objects.filter(board=board).count() == 1
    response = client.post(url, settings_data(board, visibility="public"))
    assert "The board is now public: anyone can read its log." in messages_of(response)[0]


def test_a_new_address_redirects_there_and_the_old_one_is_gone(admin, board):
    client, _ = admin
    response = client.post(
        reverse("boards:board_settings", args=[board.slug]), settings_data(board, slug="health-care-board")
    )
    assert response["Location"] == "/boards/health-care-board/"
    assert "Its address is now /boards/health-care-board/" in messages_of(response)[0]
    assert client.get("/boards/health-care-board/").status_code == 200
    assert client.get("/boards/health-board/").status_code == 404
    record = SetupRecord.objects.get(board=board)
    assert record.details["changes"] == {"slug": {"from": "health-board", "to": "health-care-board"}}


def test_an_address_taken_is_refused(admin, board):
    client, _ = admin
    make_board("other-board")
    response = client.post(
        reverse("boards:board_settings", args=[board.slug]),
        settings_data(board, slug="other-board", name="Renamed"),
    )
    assert response.status_code == 200
    taken = "The address other-board is taken by another board: try other-board-2."
    assert taken in response.content.decode()
    board.refresh_from_db()
    assert (board.slug, board.name) == ("health-board", "Health Board") and not SetupRecord.objects.exists()


def test_organisations_the_admin_does_not_administer_are_kept(admin, board, council):
    client, person = admin
    trust = Organisation.objects.create(name="County Trust", slug="county-trust")
    board.organisations.add(trust)
    second = Organisation.objects.create(name="Second Council", slug="second-council")
    OrganisationAdmin.objects.create(organisation=second, person=person)
    url = reverse("boards:board_settings", args=[board.slug])
    html = client.get(url).content.decode()
    assert "The board also belongs to County Trust, which you do not administer" in html
    assert f'value="{trust.pk}"' not in html
    client.post(url, settings_data(board, organisations=[second.pk]))
    assert set(board.organisations.all()) == {trust, second}
    record = SetupRecord.objects.get(board=board)
    assert record.details["changes"]["organisations"] == {
        "from": ["County Trust", "Shire Council"],
        "to": ["County Trust", "Second Council"],
    }
    # Smuggling the trust in changes nothing it would not; an empty choice with the trust kept is allowed.
    client.post(url, settings_data(board, organisations=[]))
    assert set(board.organisations.all()) == {trust}


def test_a_board_keeps_at_least_one_organisation(admin, board):
    client, _ = admin
    response = client.post(
        reverse("boards:board_settings", args=[board.slug]), settings_data(board, organisations=[])
    )
    assert "Choose at least one organisation." in response.content.decode()
    assert board.organisations.count() == 1


def test_the_board_page_links_to_its_settings_and_key_for_those_allowed(admin, board):
    client, _ = admin
    settings_link = f'href="{reverse("boards:board_settings", args=[board.slug])}">Board settings</a>'
    key_link = f'href="{reverse("boards:board_key", args=[board.slug])}">RAG key</a>'
    html = client.get(reverse("boards:board", args=[board.slug])).content.decode()
    assert settings_link in html and key_link in html
    clerk_client, clerk = signed_in("clerk")
    Membership.objects.create(board=board, person=make_person("Clerk", user=clerk), role="clerk")
    html = clerk_client.get(reverse("boards:board", args=[board.slug])).content.decode()
    assert settings_link not in html and key_link in html
    assert clerk_client.get(reverse("boards:board_settings", args=[board.slug])).status_code == 403
    html = Client().get(reverse("boards:board", args=[board.slug])).content.decode()
    assert "Board settings" not in html and key_link not in html


def test_creating_a_board_never_reuses_a_key_address(admin, council):
    client, _ = admin
    RagKey.objects.create(slug="hwb-key", name="An old key")
    client.post(reverse("boards:board_new", args=[council.slug]), new_board_data(council, slug="hwb"))
    assert Board.objects.get(slug="hwb").rag_key.slug == "hwb-key-2"
