"""Editing a board's RAG key: colours that read, codes of its own, a shared key copied first,
and statuses that actions use changed only with the clerk's say, recorded in their history."""

import itertools
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from boards.models import (
    Action,
    ActionUpdate,
    Membership,
    Organisation,
    RagKey,
    RagStatus,
    SetupKind,
    SetupRecord,
    StatusWordChoice,
)
from boards.services import board_setup, rag_key_editing
from boards.status_colours import (
    AA_TEXT_CONTRAST,
    _hex_from_hsl,
    _hsl,
    nearest_passing_colour,
    text_colour_for,
    text_contrast,
)

from .factories import make_action, make_board, make_person

pytestmark = pytest.mark.django_db


# Colours -------------------------------------------------------------------------------


def test_with_black_or_white_text_every_colour_reaches_aa():
    """Why the key refuses no colour at AA: the better of black and white text always gives
    at least 4.5:1 (the least, 4.58:1, at a luminance of 0.179)."""
    worst = min(
        text_contrast("#{:02x}{:02x}{:02x}".format(*c)) for c in itertools.product(range(0, 256, 5), repeat=3)
    )
    assert AA_TEXT_CONTRAST <= worst < 4.6


@pytest.mark.parametrize("colour", ["#d4351c", "#1d70b8", "#00703c", "#808080", "#6f72af", "#b58840"])
def test_the_nearest_passing_colour_keeps_the_hue_and_is_the_nearest(colour):
    minimum = 7
    assert text_contrast(colour) < minimum
    nearest = nearest_passing_colour(colour, minimum)
    assert text_contrast(nearest) >= minimum
    hue, saturation, lightness = _hsl(colour)
    new_hue, new_saturation, new_lightness = _hsl(nearest)
    assert abs(new_hue - hue) < 0.02 or saturation == 0
    # Half way there (in lightness, same hue) does not pass: it is the nearest, not any.
    halfway = _hex_from_hsl(hue, saturation, (lightness + new_lightness) / 2)
    assert text_contrast(halfway) < minimum


def test_a_colour_that_passes_is_its_own_nearest():
    assert nearest_passing_colour("#FFBF47", 7) == "#ffbf47"
    assert nearest_passing_colour("#d4351c") == "#d4351c"


# The page ------------------------------------------------------------------------------


@pytest.fixture
def council():
    return Organisation.objects.create(name="Shire Council", slug="shire-council")


def signed_in(username, **user_fields):
    user = get_user_model().objects.create_user(username, **user_fields)
    client = Client()
    client.force_login(user)
    return client, user


def clerk_of(board, username="clerk"):
    client, user = signed_in(username)
    Membership.objects.create(board=board, person=make_person(username.title(), user=user), role="clerk")
    return client, user


@pytest.fixture
def board(council):
    """A board with its own key (a copy of the RAG preset), and its clerk."""
    return board_setup.create_board(
        name="Health Board",
        slug="health-board",
        description="",
        organisations=[council],
        is_public=True,
        preset="rag",
        by=None,
    )


def key_data(board, *, change=None, remove=(), add=None, step="save", mapping=None):
    """The key page's form as the clerk would post it: the key's statuses, with `change`
    ({code: {field: value}}) applied, `remove` ticked, and `add` in the blank row."""
    statuses = list(board.rag_key.statuses.all())
    rows = [
        {
            "status_id": s.pk,
            "code": s.code,
            "label": s.label,
            "colour": s.colour,
            "definition": s.definition,
            "is_complete": s.is_complete,
            "shown_when_overdue": s.shown_when_overdue,
            "position": i + 1,
        }
        for i, s in enumerate(statuses)
    ]
    for row in rows:
        row.update((change or {}).get(row["code"], {}))
    data = {
        "statuses-TOTAL_FORMS": str(len(rows) + 1),
        "statuses-INITIAL_FORMS": str(len(rows)),
        "statuses-MIN_NUM_FORMS": "0",
        "statuses-MAX_NUM_FORMS": "12",
        "step": step,
    }
    for i, row in enumerate(rows + [add or {}]):
        for name, value in row.items():
            if value is True:
                data[f"statuses-{i}-{name}"] = "on"
            elif value is not False:
                data[f"statuses-{i}-{name}"] = value
        if i < len(rows) and statuses[i].code in remove:
            data[f"statuses-{i}-DELETE"] = "on"
    for status_id, index in (mapping or {}).items():
        data[f"map-{status_id}"] = str(index)
    return data


def state(board):
    """Everything an edit of the key could change."""
    return {
        "keys": list(RagKey.objects.order_by("pk").values_list("pk", "slug", "name")),
        "statuses": list(
            RagStatus.objects.order_by("pk").values_list(
                "pk",
                "key_id",
                "code",
                "label",
                "colour",
                "definition",
                "is_complete",
                "shown_when_overdue",
                "position",
            )
        ),
        "actions": list(Action.objects.order_by("pk").values_list("pk", "board_id", "status_id", "version")),
        "history": ActionUpdate.objects.count(),
        "records": SetupRecord.objects.filter(kind=SetupKind.KEY_CHANGED).count(),
    }


def url(board):
    return reverse("boards:board_key", args=[board.slug])


def codes(board):
    board.refresh_from_db()
    return list(board.rag_key.statuses.values_list("code", flat=True))


def test_the_page_shows_the_key_as_a_form(board):
    client, _ = clerk_of(board)
    html = client.get(url(board)).content.decode()
    assert '<h1 class="heading-l">RAG key</h1>' in html
    for label in (
        "Code",
        "Label",
        "Colour",
        "Definition",
        "Means complete",
        "Shown when overdue",
        "Order",
        "Remove this status",
    ):
        assert f">{label}" in html
    assert "Add a status" in html and ">Save key</button>" in html
    assert "shared with other boards" not in html


def test_a_typed_colour_is_accepted_in_any_common_form(board):
    client, _ = clerk_of(board)
    response = client.post(
        url(board), key_data(board, change={"GREEN": {"colour": "1D70B8"}, "AMBER": {"colour": "#fc0"}})
    )
    assert response.status_code == 302 and response["Location"] == url(board)
    colours = dict(board.rag_key.statuses.values_list("code", "colour"))
    assert (colours["GREEN"], colours["AMBER"]) == ("#1d70b8", "#ffcc00")
    response = client.post(url(board), key_data(board, change={"GREEN": {"colour": "green"}}))
    assert "green is not a colour: enter it as #rrggbb, e.g. #00703c." in response.content.decode()


def test_a_colour_below_the_contrast_required_is_refused_naming_the_nearest_that_passes(board, settings):
    settings.STATUS_MIN_CONTRAST = 7  # AAA: every colour meets AA with black or white text
    client, _ = clerk_of(board)
    before = state(board)
    red = board.rag_key.statuses.get(code="RED").colour
    # Every status is checked: the key's other mid-tones are brought up to AAA first.
    passing = {
        code: {"colour": nearest_passing_colour(colour, 7)}
        for code, colour in board.rag_key.statuses.values_list("code", "colour")
    }
    passing["RED"] = {"colour": red}
    response = client.post(url(board), key_data(board, change=passing))
    html = response.content.decode()
    assert response.status_code == 200
    nearest = nearest_passing_colour(red, 7)
    assert (
        f"Text on {red} would have a contrast of {text_contrast(red):.2f}:1, below the 7:1 needed: "
        f"the nearest colour that passes is {nearest}."
    ) in html
    assert state(board) == before
    passing["RED"] = {"colour": nearest}
    assert client.post(url(board), key_data(board, change=passing)).status_code == 302
    assert board.rag_key.statuses.get(code="RED").colour == nearest
    assert text_colour_for(nearest) == "#ffffff"


def test_codes_are_unique_one_status_at_most_is_shown_when_overdue_and_one_is_kept(board):
    client, _ = clerk_of(board)
    before = state(board)
    response = client.post(url(board), key_data(board, change={"AMBER": {"code": "green"}}))
    assert "Status 2 has the code green already: each status needs its own." in response.content.decode()
    response = client.post(
        url(board),
        key_data(board, change={"RED": {"shown_when_overdue": True}, "AMBER": {"shown_when_overdue": True}}),
    )
    assert "Only one status can be shown when overdue, not RED and AMBER." in response.content.decode()
    response = client.post(url(board), key_data(board, remove=("RED", "AMBER", "GREEN")))
    assert "The key needs at least one status" in response.content.decode()
    assert state(board) == before


def test_a_status_is_added_removed_and_reordered_when_no_action_uses_them(board):
    client, _ = clerk_of(board)
    response = client.post(
        url(board),
        key_data(
            board,
            remove=("RED",),
            change={"GREEN": {"position": 1}, "AMBER": {"position": 2}},
            add={
                "code": "BLUE",
                "label": "Blue",
                "colour": "#1d70b8",
                "definition": "Complete.",
                "is_complete": True,
                "position": 3,
            },
        ),
    )
    assert response.status_code == 302
    assert codes(board) == ["GREEN", "AMBER", "BLUE"]
    assert board.rag_key.statuses.get(code="BLUE").is_complete
    record = SetupRecord.objects.get(kind=SetupKind.KEY_CHANGED)
    assert record.details["added"] == ["BLUE"] and record.details["removed"] == ["RED"]
    assert record.board == board and record.by_user.username == "clerk"


# Statuses that actions use ---------------------------------------------------------------


@pytest.fixture
def actions(board):
    return [
        make_action(board, "1(a)", status="AMBER"),
        make_action(board, "1(b)", status="AMBER"),
        make_action(board, "1(c)", status="GREEN", state="closed", closed_on=date(2016, 12, 6)),
    ]


def test_removing_a_status_in_use_asks_first_and_saves_nothing_until_confirmed(board, actions):
    client, _ = clerk_of(board)
    amber = board.rag_key.statuses.get(code="AMBER")
    before = state(board)
    response = client.post(url(board), key_data(board, remove=("AMBER",)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Change the status of 2 actions?" in html
    assert f'<label class="label" for="id_map-{amber.pk}">2 actions use AMBER: change them to</label>' in html
    assert ">Confirm and change 2 actions</button>" in html and ">Go back to the key</button>" in html
    assert state(board) == before
    # Confirming without choosing is refused, and saves nothing either.
    response = client.post(url(board), key_data(board, remove=("AMBER",), step="confirm"))
    assert "Choose the status the actions now at AMBER will have." in response.content.decode()
    assert state(board) == before
    # Going back shows the key as edited, unsaved.
    response = client.post(url(board), key_data(board, remove=("AMBER",), step="edit"))
    assert ">Save key</button>" in response.content.decode() and state(board) == before


def test_after_confirming_every_action_has_a_status_of_the_key_and_its_history_says_why(board, actions):
    client, _ = clerk_of(board)
    amber = board.rag_key.statuses.get(code="AMBER")
    green_row = 2  # the rows are RED, AMBER, GREEN
    response = client.post(
        url(board), key_data(board, remove=("AMBER",), step="confirm", mapping={amber.pk: green_row})
    )
    assert response.status_code == 302
    assert codes(board) == ["RED", "GREEN"]
    for action in Action.objects.filter(board=board):
        assert action.status.key_id == board.rag_key_id
    moved = [Action.objects.get(pk=a.pk) for a in actions[:2]]
    assert all(a.status.code == "GREEN" for a in moved)
    for action in moved:
        latest = action.updates.order_by("-version").first()
        assert latest.comment == "RAG key changed: AMBER is now GREEN"
        assert latest.changes == {"status": {"from": "AMBER", "to": "GREEN"}}
        assert latest.by_user.username == "clerk"
    # The log's Comments column keeps the officer's words.
    assert not any("RAG key" in a.latest_comment for a in moved)
    # The closed action at GREEN was not touched.
    assert actions[2].updates.count() == 1
    record = SetupRecord.objects.get(kind=SetupKind.KEY_CHANGED)
    assert record.details["actions_moved"] == {"AMBER": {"to": "GREEN", "actions": 2}}


def test_a_new_code_for_a_status_in_use_is_confirmed_and_written_in_each_history(board, actions):
    client, _ = clerk_of(board)
    amber = board.rag_key.statuses.get(code="AMBER")
    response = client.post(url(board), key_data(board, change={"AMBER": {"code": "ORANGE"}}))
    html = response.content.decode()
    assert "2 actions use AMBER: change them to" in html
    # The renamed status is offered first: its own row.
    assert '<option value="1" selected>ORANGE – Amber</option>' in html
    response = client.post(
        url(board),
        key_data(board, change={"AMBER": {"code": "ORANGE"}}, step="confirm", mapping={amber.pk: 1}),
    )
    assert response.status_code == 302
    assert codes(board) == ["RED", "ORANGE", "GREEN"]
    for action in actions[:2]:
        action.refresh_from_db()
        assert action.status_id == amber.pk
        assert action.updates.order_by("-version").first().comment == "RAG key changed: AMBER is now ORANGE"


def test_two_statuses_in_use_may_swap_codes(board, actions):
    """Each code is held by one status at every moment of the save."""
    client, _ = clerk_of(board)
    amber, green = (board.rag_key.statuses.get(code=c) for c in ("AMBER", "GREEN"))
    swap = {"AMBER": {"code": "GREEN"}, "GREEN": {"code": "AMBER"}}
    response = client.post(
        url(board), key_data(board, change=swap, step="confirm", mapping={amber.pk: 1, green.pk: 2})
    )
    assert response.status_code == 302
    assert codes(board) == ["RED", "GREEN", "AMBER"]


def test_the_service_refuses_to_leave_an_action_without_a_status(board, actions):
    rows = [row for row in rag_key_editing.rows_of(board.rag_key.statuses.all()) if row.code != "AMBER"]
    before = state(board)
    with pytest.raises(rag_key_editing.MappingNeeded) as refused:
        rag_key_editing.save_key(board, rows)
    assert [a.status.code for a in refused.value.affected] == ["AMBER"]
    assert state(board) == before


def test_status_words_follow_their_statuses(board, actions):
    amber = board.rag_key.statuses.get(code="AMBER")
    red = board.rag_key.statuses.get(code="RED")
    StatusWordChoice.objects.create(board=board, word="in progress", status=amber)
    StatusWordChoice.objects.create(board=board, word="late", status=red)
    rows = [
        row
        for row in rag_key_editing.rows_of(board.rag_key.statuses.all())
        if row.code not in ("AMBER", "RED")
    ]
    rag_key_editing.save_key(board, rows, mapping={amber.pk: rows[0].index})
    assert list(board.status_words.values_list("word", "status__code")) == [("in progress", "GREEN")]


# A shared key ----------------------------------------------------------------------------


def test_a_shared_key_is_copied_for_the_board_first_and_its_actions_move_to_the_copy(council):
    board, neighbour = make_board("health-board", name="Health Board"), make_board("care-board")
    shared = board.rag_key
    assert neighbour.rag_key == shared
    mine = [make_action(board, "1(a)", status="AMBER"), make_action(board, "1(b)", status="RED")]
    theirs = make_action(neighbour, "9(z)", status="AMBER")
    before = list(shared.statuses.values_list("pk", "code", "label", "colour", "definition"))
    client, _ = clerk_of(board)
    assert "shared with other boards" in client.get(url(board)).content.decode()
    response = client.post(
        url(board), key_data(board, change={"GREEN": {"definition": "On track, in our words."}})
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.rag_key != shared and board.rag_key.slug == "health-board-key"
    assert board.rag_key.name == "Health Board key"
    assert board.rag_key.statuses.get(code="GREEN").definition == "On track, in our words."
    # The other board's key, and its action, are as they were.
    neighbour.refresh_from_db()
    assert neighbour.rag_key == shared
    assert list(shared.statuses.values_list("pk", "code", "label", "colour", "definition")) == before
    theirs.refresh_from_db()
    assert theirs.status.key == shared and theirs.updates.count() == 1
    for action, code in zip(mine, ("AMBER", "RED"), strict=True):
        action.refresh_from_db()
        assert action.status.key == board.rag_key and action.status.code == code
        latest = action.updates.order_by("-version").first()
        assert latest.comment == f"RAG key copied for this board: {code} is still {code}"
    record = SetupRecord.objects.get(kind=SetupKind.KEY_CHANGED)
    assert record.details["copied_from"] == "rag"
    messages = [str(m) for m in client.get(url(board)).context["messages"]]
    assert messages == [
        "RAG key of Health Board saved. The board now has its own copy of the key: "
        "other boards' keys are unchanged. 2 actions changed."
    ]
    # A second edit changes the board's own copy in place.
    client.post(url(board), key_data(board, change={"RED": {"label": "Late"}}))
    board.refresh_from_db()
    assert board.rag_key.slug == "health-board-key"
    assert RagKey.objects.filter(slug__endswith="-key").count() == 1


def test_a_shared_key_copied_and_a_status_removed_in_one_step(council):
    board, neighbour = make_board("health-board"), make_board("care-board")
    action = make_action(board, "1(a)", status="AMBER")
    amber = board.rag_key.statuses.get(code="AMBER")
    client, _ = clerk_of(board)
    response = client.post(
        url(board), key_data(board, remove=("AMBER",), step="confirm", mapping={amber.pk: 0})
    )
    assert response.status_code == 302
    action.refresh_from_db()
    board.refresh_from_db()
    assert action.status.key == board.rag_key and action.status.code == "RED"
    assert action.updates.order_by("-version").first().comment == "RAG key changed: AMBER is now RED"
    assert codes(board) == ["RED", "GREEN"]
    assert list(neighbour.rag_key.statuses.values_list("code", flat=True)) == ["RED", "AMBER", "GREEN"]


def test_a_key_made_from_a_preset_alone_on_its_board_is_still_copied():
    """The preset rows are what older boards were given: never edited in place."""
    board = make_board("only-board", key="brag")
    client, _ = clerk_of(board)
    client.post(url(board), key_data(board, change={"BLUE": {"label": "Done"}}))
    board.refresh_from_db()
    assert board.rag_key.slug == "only-board-key"
    assert RagKey.objects.get(slug="brag").statuses.get(code="BLUE").label == "Blue"


# Who may -----------------------------------------------------------------------------------


def test_a_clerk_of_another_board_cannot_edit_this_boards_key(board, actions):
    other = make_board("other-board", key="brag")
    other_client, _ = clerk_of(other, "other_clerk")
    before = state(board)
    assert other_client.get(url(board)).status_code == 403
    ours = key_data(board, change={"RED": {"label": "Ours"}})
    assert other_client.post(url(board), ours).status_code == 403
    # Nor through their own board's page, naming this board's statuses.
    data = key_data(board, change={"RED": {"label": "Ours"}})
    response = other_client.post(url(other), data)
    assert response.status_code == 200
    refused = "This form is out of date: a status in it is not in the board&#x27;s key"
    assert refused in response.content.decode()
    assert state(board) == before


def test_an_organisation_admin_and_staff_may_edit_the_key_and_a_member_may_not(board, council):
    member_client, member = signed_in("member")
    Membership.objects.create(board=board, person=make_person("Member", user=member), role="member")
    assert member_client.get(url(board)).status_code == 403
    staff_client, _ = signed_in("staff", is_staff=True)
    assert staff_client.get(url(board)).status_code == 200
    assert Client().get(url(board))["Location"].startswith(reverse("login"))
