"""Text typed into any field is shown as text, never as markup, on every page it appears.

Each field gets its own marker followed by the payload, e.g. description
'desc<script>alert("x")</script>', so a failure names the field and the page.
The data is typed through the clerk's and the officer's forms wherever the app has a
form for it, and made directly otherwise (boards, people, organisations, RAG keys
are kept in the administration pages). Every page must:

* never contain the raw payload, nor any "<script" or "<img" at all (the app's own
  pages have neither), and
* show the escaped form of every field it displays.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards.models import Action, Board, Membership, Organisation, Person, RagKey, Resolution
from boards.services.links import make_token
from boards.services.updating import Actor, change

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def evil(marker):
    return f"{marker}{PAYLOAD}"


def escaped(marker):
    return f"{marker}{ESCAPED}"


# A resolution label holds 20 characters: a shorter script.
LABEL = "<script>1</script>"
LABEL_ESCAPED = "&lt;script&gt;1&lt;/script&gt;"
# An officer's name typed in a form cannot hold "/" (it separates joint officers).
TYPED_OFFICER = 'typed<img src=x onerror=alert("x")>'
TYPED_OFFICER_ESCAPED = "typed&lt;img src=x onerror=alert(&quot;x&quot;)&gt;"

# What each field shows when escaped, by field.
SHOWN = {
    "board name": escaped("boardname"),
    "board description": escaped("boarddesc"),
    "organisation": escaped("org"),
    "person name": escaped("officer"),
    "job title": escaped("jobtitle"),
    "RAG label": escaped("raglabel"),
    "RAG definition": escaped("ragdef"),
    "venue": escaped("venue"),
    "meeting title": escaped("mtitle"),
    "minute number": escaped("num"),
    "minute title": escaped("mintitle"),
    "minute text": escaped("mintext"),
    "minute heading": escaped("heading"),
    "resolution label": LABEL_ESCAPED,
    "resolution text": escaped("restext"),
    "reference": escaped("ref"),
    "description": escaped("desc"),
    "typed officer": TYPED_OFFICER_ESCAPED,
    "due": escaped("due"),
    "reason": escaped("reason"),
    "comment": escaped("comment"),
    "link comment": escaped("linkcomment"),
}


def _form_post(client, path, data):
    response = client.post(path, data)
    if response.status_code != 302:
        context = response.context or {}
        errors = [getattr(context.get(name), "errors", None) for name in ("form", "formset")]
        pytest.fail(f"the form at {path} refused the data ({response.status_code}): {errors}")
    return response


class EvilWorld:
    def __init__(self):
        User = get_user_model()
        # Kept in the administration pages: made directly.
        key = RagKey.objects.create(name="Evil key", slug="evil-key")
        for position, (code, colour) in enumerate(
            [("RED", "#d4351c"), ("AMBER", "#ffbf47"), ("GREEN", "#00703c")]
        ):
            key.statuses.create(
                code=code,
                label=evil("raglabel"),
                colour=colour,
                definition=evil("ragdef"),
                position=position,
                is_complete=False,
            )
        self.green = key.statuses.get(code="GREEN")
        self.amber = key.statuses.get(code="AMBER")
        self.board = Board.objects.create(
            slug="evil", name=evil("boardname"), description=evil("boarddesc"), rag_key=key
        )
        organisation = Organisation.objects.create(name=evil("org"), slug="evil-org")
        self.owner_user = User.objects.create_user("owner")
        self.owner = Person.objects.create(
            name=evil("officer"),
            job_title=evil("jobtitle"),
            organisation=organisation,
            email="owner@example.org",
            user=self.owner_user,
        )
        Membership.objects.create(board=self.board, person=self.owner, role="officer")
        self.clerk_user = User.objects.create_user("clerk")
        clerk = Person.objects.create(name="Clerk", user=self.clerk_user)
        Membership.objects.create(board=self.board, person=clerk, role="clerk")
        slug = self.board.slug

        # The clerk's forms.
        self.clerk = Client()
        self.clerk.force_login(self.clerk_user)
        _form_post(
            self.clerk,
            reverse("boards:meeting_new", args=[slug]),
            {
                "date": "17/11/2016",
                "start": "14:00",
                "end": "",
                "venue": evil("venue"),
                "title": evil("mtitle"),
                "status": "held",
            },
        )
        future = timezone.localdate() + timedelta(days=30)
        _form_post(
            self.clerk,
            reverse("boards:meeting_new", args=[slug]),
            {
                "date": future.strftime("%d/%m/%Y"),
                "start": "10:00",
                "end": "",
                "venue": evil("venue"),
                "title": "",
                "status": "scheduled",
            },
        )
        self.meeting = self.board.meetings.order_by("starts_at").first()
        self.meeting.chair = self.owner  # no form for the chair: set directly
        self.meeting.save()
        _form_post(
            self.clerk,
            reverse("boards:minute_item_new", args=[slug, self.meeting.pk]),
            {
                "number": evil("num"),
                "title": evil("mintitle"),
                "text": evil("mintext"),
                "heading": evil("heading"),
                "resolutions-TOTAL_FORMS": "1",
                "resolutions-INITIAL_FORMS": "0",
                "resolutions-MIN_NUM_FORMS": "0",
                "resolutions-MAX_NUM_FORMS": "1000",
                "resolutions-0-label": LABEL,
                "resolutions-0-text": evil("restext"),
            },
        )
        self.item = self.meeting.items.get()
        resolution = Resolution.objects.get(minute_item=self.item)
        _form_post(
            self.clerk,
            reverse("boards:actions_entry", args=[slug, self.meeting.pk]),
            {
                "rows-TOTAL_FORMS": "2",
                "rows-INITIAL_FORMS": "0",
                "rows-MIN_NUM_FORMS": "0",
                "rows-MAX_NUM_FORMS": "50",
                "rows-0-resolution": resolution.pk,
                "rows-0-reference": evil("ref"),
                "rows-0-description": "To be described.",
                "rows-0-officers": TYPED_OFFICER,
                # A name that is nobody's: the clerk chooses to add it as a new person (both rows).
                "rows-0-officer_choice_0": "new",
                "rows-0-officer_asked_0": TYPED_OFFICER,
                "rows-0-due": evil("due"),
                "rows-0-status": self.green.pk,
                # Overdue, for the board's and the home page's overdue tables.
                "rows-1-resolution": "",
                "rows-1-reference": "2(a)",
                "rows-1-description": evil("desc"),
                "rows-1-officers": TYPED_OFFICER,
                "rows-1-due": "01/01/2017",
                "rows-1-status": self.green.pk,
                "rows-1-officer_choice_0": "new",
                "rows-1-officer_asked_0": TYPED_OFFICER,
            },
        )
        self.action = Action.objects.get(board=self.board, reference=evil("ref"))
        self.overdue = Action.objects.get(board=self.board, reference="2(a)")
        _form_post(
            self.clerk,
            reverse("boards:edit_action", args=[slug, self.action.pk]),
            {
                "reference": evil("ref"),
                "description": evil("desc"),
                "officers": TYPED_OFFICER,
                "due": evil("due"),
                "status": self.green.pk,
                "reason": evil("reason"),
                "version": self.action.version,
            },
        )
        # The owner's name holds "/": given to the actions through the history writer.
        typed = Person.objects.get(name=TYPED_OFFICER)
        for action in (self.action, self.overdue):
            change(action, actor=Actor.for_user(self.clerk_user), officers=[self.owner, typed])

        # The officer's update form, signed in and from the emailed link.
        self.officer = Client()
        self.officer.force_login(self.owner_user)
        self.action.refresh_from_db()
        _form_post(
            self.officer,
            reverse("boards:update_action", args=[slug, self.action.pk]),
            {"status": self.amber.pk, "comment": evil("comment"), "version": self.action.version},
        )
        self.token = make_token(self.owner)
        self.overdue.refresh_from_db()
        self.linked = Client()  # opened the emailed link: a session without the token
        assert self.linked.get(reverse("boards:link", args=[self.token])).status_code == 302
        _form_post(
            self.linked,
            reverse("boards:link_update", args=[self.overdue.pk]),
            {"status": self.green.pk, "comment": evil("linkcomment"), "version": self.overdue.version},
        )
        self.action.refresh_from_db()
        self.overdue.refresh_from_db()
        # Each test starts from these signed-in sessions with fresh clients, so that no
        # notice left in a client's cookies by one test shows on another's page.
        self.sessions = {
            "clerk": self.clerk.cookies[settings.SESSION_COOKIE_NAME].value,
            "owner": self.officer.cookies[settings.SESSION_COOKIE_NAME].value,
            "link": self.linked.cookies[settings.SESSION_COOKIE_NAME].value,
        }
        del self.clerk, self.officer, self.linked

    def client(self, who=None):
        client = Client()
        if who is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[who]
        return client


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, in a transaction rolled back at the end of the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield EvilWorld()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _pages(w):
    """page -> (who looks, URL, the fields it must show)."""
    slug, action, meeting = w.board.slug, w.action, w.meeting
    log_fields = [
        "board name",
        "reference",
        "description",
        "person name",
        "typed officer",
        "comment",
        "link comment",
        "due",
        "RAG label",
        "RAG definition",
    ]
    source = ["minute number", "minute title", "minute heading", "resolution label", "resolution text"]
    return {
        "board log": (None, reverse("boards:log", args=[slug]), log_fields),
        "board log, all": (None, reverse("boards:log", args=[slug]) + "?view=all&sort=officer", log_fields),
        "print view": (
            None,
            reverse("boards:log_print", args=[slug]),
            [
                "board name",
                "reference",
                "description",
                "person name",
                "typed officer",
                "comment",
                "link comment",
                "RAG definition",
            ],
        ),
        "action page": (
            None,
            reverse("boards:action", args=[slug, action.pk]),
            [
                "board name",
                "reference",
                "description",
                "person name",
                "typed officer",
                "due",
                "comment",
                "reason",
                *source,
            ],
        ),
        "meeting page": (
            None,
            reverse("boards:meeting", args=[slug, meeting.pk]),
            [
                "board name",
                "meeting title",
                "venue",
                "person name",
                "minute text",
                *source,
                "reference",
                "description",
                "typed officer",
                "comment",
                "RAG definition",
            ],
        ),
        "board page": (
            None,
            reverse("boards:board", args=[slug]),
            [
                "board name",
                "board description",
                "venue",
                "reference",
                "description",
                "person name",
                "typed officer",
                "comment",
                "link comment",
            ],
        ),
        "home page": (
            None,
            reverse("boards:home"),
            ["board name", "description", "person name", "typed officer", "link comment"],
        ),
        "home page, signed in": (
            "owner",
            reverse("boards:home"),
            ["board name", "description", "person name", "link comment"],
        ),
        "person page": (
            None,
            reverse("boards:person", args=[w.owner.pk]),
            [
                "person name",
                "job title",
                "organisation",
                "board name",
                "reference",
                "description",
                "typed officer",
                "comment",
                "link comment",
                "due",
            ],
        ),
        "my actions": (
            "owner",
            reverse("boards:my_actions"),
            ["person name", "board name", "reference", "description", "due"],
        ),
        "update page": (
            "owner",
            reverse("boards:update_action", args=[slug, action.pk]),
            [
                "board name",
                "reference",
                "description",
                "due",
                "comment",
                "reason",
                "person name",
                "typed officer",
            ],
        ),
        "link page": (
            "link",
            reverse("boards:link_home"),
            ["person name", "board name", "reference", "description", "due"],
        ),
        "link update page": (
            "link",
            reverse("boards:link_update", args=[w.overdue.pk]),
            ["board name", "person name", "description", "link comment", "typed officer"],
        ),
        "edit page": (
            "clerk",
            reverse("boards:edit_action", args=[slug, action.pk]),
            ["board name", "reference", "description", "person name", "typed officer", "due"],
        ),
        "actions entry page": (
            "clerk",
            reverse("boards:actions_entry", args=[slug, meeting.pk]),
            [
                "board name",
                "minute number",
                "resolution label",
                "resolution text",
                "person name",
                "typed officer",
            ],
        ),
        "close actions page": (
            "clerk",
            reverse("boards:close_actions", args=[slug]),
            ["board name", "reference", "description"],
        ),
        "minute edit page": (
            "clerk",
            reverse("boards:minute_item_edit", args=[slug, meeting.pk, w.item.pk]),
            ["board name", *source, "minute text"],
        ),
        "meeting edit page": (
            "clerk",
            reverse("boards:meeting_edit", args=[slug, meeting.pk]),
            ["board name", "venue", "meeting title"],
        ),
        "revoke links page": (
            "clerk",
            reverse("boards:revoke_links", args=[slug, w.owner.pk]),
            ["person name"],
        ),
    }


PAGES = (
    "board log",
    "board log, all",
    "print view",
    "action page",
    "meeting page",
    "board page",
    "home page",
    "home page, signed in",
    "person page",
    "my actions",
    "update page",
    "link page",
    "link update page",
    "edit page",
    "actions entry page",
    "close actions page",
    "minute edit page",
    "meeting edit page",
    "revoke links page",
)


def assert_no_markup(html, where):
    assert PAYLOAD not in html, f"{where}: the raw payload is in the page"
    lowered = html.lower()
    assert "<script" not in lowered, f"{where}: a <script> tag is in the page: {_around(lowered, '<script')}"
    assert "<img" not in lowered, f"{where}: an <img> tag is in the page: {_around(lowered, '<img')}"


def _around(html, needle):
    at = html.find(needle)
    return html[max(0, at - 80) : at + 80]


@pytest.mark.parametrize("page", PAGES)
def test_every_field_is_escaped_on_every_page(world, page):
    who, path, fields = _pages(world)[page]
    response = world.client(who).get(path)
    assert response.status_code == 200, f"{page}: {response.status_code}"
    html = response.content.decode()
    assert_no_markup(html, page)
    missing = [field for field in fields if SHOWN[field] not in html]
    assert not missing, f"{page} does not show these fields escaped: {missing}"


def test_the_list_of_pages_is_complete(world):
    assert set(PAGES) == set(_pages(world))
    shown_somewhere = {field for _, _, fields in _pages(world).values() for field in fields}
    assert shown_somewhere == set(SHOWN), "every field is checked on at least one page"


def test_forms_re_rendered_with_errors_escape_what_was_typed(world):
    """A refused form shows back what was typed, escaped, and its error messages too."""
    slug = world.board.slug
    # A reference already used: the error message quotes the board's name and the reference.
    response = world.client("clerk").post(
        reverse("boards:actions_entry", args=[slug, world.meeting.pk]),
        {
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-MIN_NUM_FORMS": "0",
            "rows-MAX_NUM_FORMS": "50",
            "rows-0-resolution": "",
            "rows-0-reference": evil("ref"),
            "rows-0-description": evil("desc"),
            "rows-0-officers": TYPED_OFFICER,
            "rows-0-due": evil("due"),
            "rows-0-status": world.green.pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_markup(html, "actions entry with errors")
    assert f"{SHOWN['board name']} already has an action {SHOWN['reference']}" in html
    # A minute number already used.
    response = world.client("clerk").post(
        reverse("boards:minute_item_new", args=[slug, world.meeting.pk]),
        {
            "number": evil("num"),
            "title": evil("mintitle"),
            "text": "",
            "heading": "",
            "resolutions-TOTAL_FORMS": "0",
            "resolutions-INITIAL_FORMS": "0",
            "resolutions-MIN_NUM_FORMS": "0",
            "resolutions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_markup(html, "minute item with errors")
    assert f"Minute {SHOWN['minute number']} is already recorded" in html
    # The officer's form with nothing to save shows the comment field back.
    response = world.client("owner").post(
        reverse("boards:update_action", args=[slug, world.action.pk]),
        {
            "status": world.amber.pk,
            "comment": "",
            "revised_due": "31/12/2030",
            "due_reason": "",
            "version": world.action.version,
        },
    )
    assert response.status_code == 200
    assert_no_markup(response.content.decode(), "update form with errors")


def test_messages_after_saving_escape_the_reference(world):
    """The "saved" notice names the action: shown escaped on the next page."""
    slug = world.board.slug
    response = world.client("owner").post(
        reverse("boards:update_action", args=[slug, world.action.pk]),
        {"status": world.green.pk, "comment": "Done.", "version": world.action.version},
        follow=True,
    )
    html = response.content.decode()
    assert_no_markup(html, "page after saving")
    assert f"Your update to {SHOWN['reference']} has been saved." in html


def test_the_emailed_link_escapes_names_and_actions(world):
    mail.outbox.clear()
    response = world.client("clerk").post(
        reverse("boards:send_link", args=[world.board.slug, world.owner.pk]), follow=True
    )
    assert response.status_code == 200
    assert_no_markup(response.content.decode(), "page after sending a link")
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert_no_markup(html, "the link email's HTML")
    for field in ("person name", "reference", "board name", "description"):
        assert SHOWN[field] in html, f"the link email does not show the {field} escaped"


def test_the_plain_text_email_shows_text_as_typed(world):
    """The other side of escaping: plain text is not HTML, so it must not be HTML-escaped
    ("Dear Mike O&#x27;Brien" is wrong in a text email and in a subject line)."""
    mail.outbox.clear()
    world.client("clerk").post(reverse("boards:send_link", args=[world.board.slug, world.owner.pk]))
    (message,) = mail.outbox
    assert evil("boardname") in message.subject, f"subject: {message.subject!r}"
    assert f"Dear {evil('officer')}," in message.body, f"body starts: {message.body[:80]!r}"
    assert f"- {evil('ref')} ({evil('boardname')}): {evil('desc')}" in message.body


def test_the_texts_added_for_safety_and_faults_are_escaped_too(world):
    """Issue 11's new places for user text: the board page's undelivered reminders (a name,
    an address, an error), the staff's notice, a page number echoed back, the filters said
    on the print view, and an update kept after its link session ended."""
    from boards.models import Digest, Reminder

    slug = world.board.slug
    digest = Digest.objects.create(
        person=world.owner,
        status="failed",
        error=evil("digesterror"),
        to_email="owner@example.org",
        attempts=2,
    )
    Reminder.objects.create(
        person=world.owner, action=world.action, kind="overdue", period="p", digest=digest
    )
    board_page = world.client("clerk").get(reverse("boards:board", args=[slug])).content.decode()
    assert_no_markup(board_page, "board page with undelivered reminders")
    assert escaped("digesterror") in board_page and SHOWN["person name"] in board_page

    staff = get_user_model().objects.create_user("staff-escaping", is_staff=True)
    client = Client()
    client.force_login(staff)
    home = client.get(reverse("boards:home")).content.decode()
    assert_no_markup(home, "staff's mail notice")
    assert "could not be sent" in home and escaped("digesterror")[:40] in home

    page = world.client().get(reverse("boards:log", args=[slug]) + "?page=" + PAYLOAD).content.decode()
    assert_no_markup(page, "a page number echoed back")
    assert "is not a page number" in page

    printed = (
        world.client().get(reverse("boards:log_print", args=[slug]) + "?q=" + evil("search")).content.decode()
    )
    assert_no_markup(printed, "print view with a search")
    assert escaped("search") in printed

    ended = Client().post(
        reverse("boards:link_update", args=[world.action.pk]),
        {"comment": evil("unsaved"), "status": world.green.pk, "version": 1},
    )
    html = ended.content.decode()
    assert ended.status_code == 403
    assert_no_markup(html, "an update kept after its session ended")
    assert escaped("unsaved") in html
