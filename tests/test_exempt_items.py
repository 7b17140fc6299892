"""Exempt items (boards.models.exemption): a minute item, resolution or action kept off the
public record is seen by the board's members, officers, clerks and admins, and left out of
the public log, its print view, exports, counts, the person's page and the published copy,
which say how many they leave out."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from boards.access import visible_actions
from boards.models import ActionUpdate, OrganisationAdmin, PublishedLog
from boards.services import recording
from boards.services.publishing import publish
from boards.services.updating import Actor, record

from .factories import MinuteItemFactory, PersonFactory, ResolutionFactory, UserFactory, make_action

GROUNDS = "Paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
SECRET = "Negotiate the lease of the depot with the preferred bidder."


@pytest.fixture
def world(small_board):
    """The small board with one exempt open action, 301(a), owed by Olu Officer."""
    make_action(
        small_board.board,
        reference="301(a)",
        officers=[small_board.officer],
        description=SECRET,
        exempt=True,
        exempt_grounds=GROUNDS,
        raised_on=small_board.meeting.date,
        raised_at=small_board.meeting,
    )
    return small_board


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def outsider():
    return UserFactory(username="outsider")


def org_admin(world):
    user = UserFactory(username="governance-lead")
    OrganisationAdmin.objects.create(
        person=PersonFactory(name="Gail Governance", user=user), organisation=world.organisation
    )
    return user


READERS = {
    "anonymous": (lambda w: None, False),
    "signed in, not on the board": (lambda w: outsider(), False),
    "member": (lambda w: w.member_user, True),
    "officer": (lambda w: w.officer_user, True),
    "clerk": (lambda w: w.clerk_user, True),
    "organisation admin": (org_admin, True),
    "staff": (lambda w: UserFactory(username="staff", is_staff=True), True),
}


@pytest.mark.parametrize("reader", READERS)
def test_who_sees_an_exempt_action(world, reader):
    user_of, sees = READERS[reader]
    client = client_for(user_of(world))
    action = world.action("301(a)")
    page = client.get(reverse("boards:action", args=[world.board.slug, action.pk]))
    assert page.status_code == (200 if sees else 404)
    log = client.get(reverse("boards:log", args=[world.board.slug])).content.decode()
    assert (SECRET in log) is sees
    assert ("1 exempt item is not shown" in log) is not sees
    assert "Olu Officer" in log  # the other rows are all there
    if sees:
        assert "tag--exempt" in log
    printed = client.get(reverse("boards:log_print", args=[world.board.slug])).content.decode()
    assert (SECRET in printed) is sees
    assert ("1 exempt item is not shown" in printed) is not sees
    exported = client.get(reverse("boards:export_log", args=[world.board.slug, "csv"])).content.decode()
    assert (SECRET in exported) is sees
    assert ("301(a)" in [row[0] for row in csv.reader(io.StringIO(exported.lstrip("\ufeff")))]) is sees


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_counts_and_lists_leave_exempt_actions_out_for_the_public(world, reader):
    user = None if reader == "anonymous" else world.member_user
    expected = 5 if user else 4  # 101(a), 201(a), 201(b), 201(c) (+ 301(a) for the board's people)
    assert visible_actions(user).outstanding().filter(board=world.board).count() == expected
    client = client_for(user)
    home = client.get(reverse("boards:home"))
    board = next(b for b in home.context["boards"] if b.pk == world.board.pk)
    assert board.outstanding == expected
    detail = client.get(reverse("boards:board", args=[world.board.slug]))
    assert sum(count for _, count in detail.context["status_counts"]) == expected
    assert (">301(a)</a>" in detail.content.decode()) is bool(user)  # its recent update
    person = client.get(reverse("boards:person", args=[world.officer.pk])).content.decode()
    assert (SECRET in person) is bool(user)


def test_the_published_copy_leaves_exempt_actions_out_and_says_how_many(world):
    published = publish(world.board, world.meeting, user=world.clerk_user)
    assert published.exempt_count == 1
    assert "301(a)" not in [row["reference"] for row in published.rows]
    assert published.row_count == 4
    page = Client().get(reverse("boards:published_log", args=[world.board.slug, published.pk]))
    assert "1 exempt item is not shown" in page.content.decode()
    assert SECRET not in page.content.decode()
    # Even the clerk reads the published copy as the public does: it is the agenda pack's.
    clerk_page = client_for(world.clerk_user).get(page.request["PATH_INFO"]).content.decode()
    assert SECRET not in clerk_page


def test_publishing_says_how_many_were_left_out(world):
    client = client_for(world.clerk_user)
    url = reverse("boards:publish_log", args=[world.board.slug, world.meeting.pk])
    response = client.post(url, {"view": "outstanding"}, follow=True)
    assert "1 exempt action left out" in response.content.decode()
    assert PublishedLog.objects.get().exempt_count == 1


def test_no_note_when_nothing_is_exempt(small_board):
    log = Client().get(reverse("boards:log", args=[small_board.board.slug])).content.decode()
    assert "exempt" not in log.lower()
    assert publish(small_board.board, small_board.meeting).exempt_count == 0


def test_an_exempt_minute_item_shows_the_public_its_number_and_grounds_only(world):
    item = MinuteItemFactory(
        meeting=world.meeting,
        number="301",
        title="Disposal of the depot",
        text="The Board discussed the bids received.",
        exempt=True,
        exempt_grounds=GROUNDS,
    )
    ResolutionFactory(minute_item=item, label="(a)", text="That the lease be negotiated.")
    url = reverse("boards:meeting", args=[world.board.slug, world.meeting.pk])
    public = Client().get(url).content.decode()
    assert "301." in public and GROUNDS in public
    for hidden in ("Disposal of the depot", "bids received", "lease be negotiated", SECRET):
        assert hidden not in public
    inside = client_for(world.member_user).get(url).content.decode()
    for shown in ("Disposal of the depot", "bids received", "lease be negotiated", SECRET):
        assert shown in inside
    assert "tag--exempt" in inside


def test_an_exempt_resolution_of_a_public_item_is_replaced_by_a_note(world):
    item = MinuteItemFactory(meeting=world.meeting, number="302", title="Estates strategy")
    ResolutionFactory(minute_item=item, label="(a)", text="That the strategy be noted.", position=0)
    ResolutionFactory(
        minute_item=item,
        label="(b)",
        text="That the price be agreed.",
        position=1,
        exempt=True,
        exempt_grounds=GROUNDS,
    )
    url = reverse("boards:meeting", args=[world.board.slug, world.meeting.pk])
    public = Client().get(url).content.decode()
    assert "Estates strategy" in public and "strategy be noted" in public
    assert "price be agreed" not in public and GROUNDS in public
    assert "price be agreed" in client_for(world.clerk_user).get(url).content.decode()


def test_an_action_from_an_exempt_resolution_is_exempt_on_its_grounds(world):
    item = MinuteItemFactory(meeting=world.meeting, number="303", exempt=True, exempt_grounds=GROUNDS)
    resolution = ResolutionFactory(minute_item=item, label="(a)", text="That terms be agreed.")
    action = recording.new_action(resolution=resolution, description="Agree terms.", status=None)
    assert (action.exempt, action.exempt_grounds) == (True, GROUNDS)
    public = recording.new_action(resolution=resolution, description="Announce.", status=None, exempt=False)
    assert public.exempt is False


def test_an_exempt_action_needs_its_grounds_whatever_the_path(world):
    action = world.action("201(a)")
    action.exempt = True
    with pytest.raises(ValidationError) as refused:
        record(action, actor=Actor(via="web"))
    assert "exempt_grounds" in refused.value.message_dict
    assert world.action("201(a)").exempt is False


def test_the_clerk_marks_an_action_exempt_and_the_history_says_so(world):
    client = client_for(world.clerk_user)
    action = world.action("201(a)")
    url = reverse("boards:edit_action", args=[world.board.slug, action.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(exempt="on", exempt_grounds="")
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Say which rule makes this exempt" in refused.content.decode()
    assert world.action("201(a)").exempt is False
    data.update(exempt_grounds=f"  {GROUNDS} ")
    assert client.post(url, data).status_code == 302
    assert (world.action("201(a)").exempt, world.action("201(a)").exempt_grounds) == (True, GROUNDS)
    latest = ActionUpdate.objects.filter(action=action).latest("version")
    assert latest.changes["exempt"] == {"from": None, "to": True}
    page = client.get(reverse("boards:action", args=[world.board.slug, action.pk])).content.decode()
    assert "Exempt from publication" in page and GROUNDS in page
    assert Client().get(reverse("boards:action", args=[world.board.slug, action.pk])).status_code == 404
    # Unticking drops the grounds: the action is public again.
    data.update(exempt="", version=str(world.action("201(a)").version))
    del data["exempt"]
    assert client.post(url, data).status_code == 302
    assert (world.action("201(a)").exempt, world.action("201(a)").exempt_grounds) == (False, "")


def test_the_minute_item_form_asks_for_grounds(world):
    client = client_for(world.clerk_user)
    url = reverse("boards:minute_item_new", args=[world.board.slug, world.meeting.pk])
    data = {
        "number": "304",
        "title": "Depot",
        "text": "",
        "heading": "RESOLVED:",
        "exempt": "on",
        "exempt_grounds": "",
        "resolutions-TOTAL_FORMS": "0",
        "resolutions-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say which rule makes this exempt" in response.content.decode()
    data["exempt_grounds"] = GROUNDS
    assert client.post(url, data).status_code == 302
    item = world.board.minute_items.get(number="304")
    assert (item.exempt, item.exempt_grounds) == (True, GROUNDS)


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_the_api_follows_the_same_rule(world, reader):
    client = client_for(None if reader == "anonymous" else world.member_user)
    sees = reader == "member"
    listed = client.get(f"/api/v1/boards/{world.board.slug}/actions/?view=all").json()
    assert ("301(a)" in [row["reference"] for row in listed["results"]]) is sees
    action = world.action("301(a)")
    assert client.get(f"/api/v1/boards/{world.board.slug}/actions/{action.pk}/").status_code == (
        200 if sees else 404
    )
    item = MinuteItemFactory(
        meeting=world.meeting, number="305", title="Depot sale", exempt=True, exempt_grounds=GROUNDS
    )
    ResolutionFactory(minute_item=item, label="(a)", text="That the sale proceed.")
    meeting = client.get(f"/api/v1/boards/{world.board.slug}/meetings/{world.meeting.pk}/").json()
    (shown,) = [i for i in meeting["items"] if i["number"] == "305"]
    assert shown["exempt"] is True and shown["exempt_grounds"] == GROUNDS
    if sees:
        assert shown["title"] == "Depot sale" and shown["resolutions"][0]["text"] == "That the sale proceed."
    else:
        assert shown["title"] is None and shown["resolutions"] is None
        assert "Depot sale" not in str(meeting) and SECRET not in str(meeting)


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_search_follows_the_same_rule(world, reader):
    client = client_for(None if reader == "anonymous" else world.member_user)
    sees = reader == "member"
    item = MinuteItemFactory(
        meeting=world.meeting, number="306", title="Depot valuation", exempt=True, exempt_grounds=GROUNDS
    )
    ResolutionFactory(minute_item=item, label="(a)", text="That the valuation be accepted.")
    public_item = MinuteItemFactory(meeting=world.meeting, number="307", title="Estates plan")
    ResolutionFactory(
        minute_item=public_item, label="(a)", text="That the depot bids be sealed.", exempt=True,
        exempt_grounds=GROUNDS,
    )  # fmt: skip
    found = client.get("/search/", {"q": "preferred bidder"}).content.decode()
    assert ("301(a)" in found) is sees
    assert ("valuation</mark>" in client.get("/search/", {"q": "valuation"}).content.decode()) is sees
    assert ("sealed</mark>" in client.get("/search/", {"q": "sealed"}).content.decode()) is sees


def test_feeds_and_calendars_never_carry_exempt_actions(world):
    """Their copies travel to feed readers and calendar services: even the board's people get
    the public version there."""
    action = world.action("301(a)")
    member = client_for(world.member_user)
    for client in (Client(), member):
        feed = client.get(reverse("boards:board_feed", args=[world.board.slug])).content.decode()
        assert "301(a)" not in feed and SECRET not in feed
        assert "201(a)" in feed  # the feed has the board's other actions
    # Olu Officer owes 301(a), due soon: his own calendar still leaves it out.
    officer = client_for(world.officer_user)
    action.due_date = date(2017, 1, 31)
    record(action, actor=Actor(via="web"))
    assert officer.post(reverse("boards:calendar_address")).status_code == 302
    address = officer.get(reverse("boards:my_actions")).context["calendar"].removeprefix("http://testserver")
    calendar = Client().get(address).content.decode()
    assert f"action-{action.pk}-due" not in calendar and SECRET not in calendar
    assert f"action-{world.action('201(a)').pk}-due" in calendar


def export_text(fmt: str, content: bytes) -> str:
    """The text of a download, as a reader of that format would see it."""
    if fmt == "csv":
        return content.decode("utf-8-sig")
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content))
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if fmt == "docx":
        from docx import Document

        document = Document(io.BytesIO(content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    from pypdf import PdfReader

    return "\n".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_an_exempt_action_is_absent_from_every_public_channel_and_present_for_a_member(world, reader):
    """Page, print view, every export, API, feed, search and the published copy: one test, both
    readers. (The calendars leave it out for everyone: test_feeds_and_calendars_...)."""
    from boards.exports import FORMATS

    sees = reader == "member"
    client = client_for(world.member_user if sees else None)
    slug, action = world.board.slug, world.action("301(a)")
    seen = {
        "log page": SECRET in client.get(reverse("boards:log", args=[slug])).content.decode(),
        "action page": client.get(reverse("boards:action", args=[slug, action.pk])).status_code == 200,
        "print view": SECRET in client.get(reverse("boards:log_print", args=[slug])).content.decode(),
        "API list": "301(a)"
        in [r["reference"] for r in client.get(f"/api/v1/boards/{slug}/actions/").json()["results"]],
        "API action": client.get(f"/api/v1/boards/{slug}/actions/{action.pk}/").status_code == 200,
        "search": "301(a)" in client.get("/search/", {"q": "preferred bidder"}).content.decode(),
    }
    for fmt in FORMATS:
        download = client.get(reverse("boards:export_log", args=[slug, fmt]))
        assert download.status_code == 200
        seen[f"export {fmt}"] = "preferred bidder" in export_text(fmt, download.content)
    assert seen == dict.fromkeys(seen, sees)
    # Channels that are public for everyone, the board's people included.
    feed = client.get(reverse("boards:board_feed", args=[slug])).content.decode()
    published = publish(world.board, world.meeting, user=world.clerk_user)
    copy = client.get(reverse("boards:published_log", args=[slug, published.pk])).content.decode()
    copy_exports = [
        export_text(
            fmt, client.get(reverse("boards:published_export", args=[slug, published.pk, fmt])).content
        )
        for fmt in FORMATS
    ]
    assert all(SECRET not in text for text in [feed, copy, *copy_exports])
    assert "201(a)" in feed and "201(a)" in copy
