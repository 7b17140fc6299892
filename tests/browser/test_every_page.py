"""Every page of the demo, as each role, in real Chromium with the real Content-Security-Policy
(issue 11's Done-when): no CSP violation is reported, axe-core finds no WCAG 2.2 A/AA
violation of any impact, pages with form errors included, and nothing is wider than a
390 px phone screen.

The pages are loaded with the policy enforced (no bypass). axe-core is added to each page by
Playwright before the page's own scripts (an init script, which a page's policy does not
govern), and run only after the page's own violations have been read: what the checker
does itself is never counted against the page.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from boards.models import Action, Follower, Meeting, MinuteItem, Person
from boards.services import calendar_feeds
from boards.services.follows import Target, confirm_token, unsubscribe_token
from boards.services.links import make_token
from boards.services.publishing import publish
from boards.services.updating import Actor, change

from .conftest import AXE, _new_page, require_service
from .test_log_pages import AXE_RUN_JS, WCAG_TAGS, describe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "leicestershire-hwb"
B = f"/boards/{SLUG}"
PHONE = {"width": 390, "height": 844}

# Every securitypolicyviolation event the page raises, kept for the test to read.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber}`));
"""

ROLES = {
    "public": None,
    "member": ("member", "demo-member-password"),
    "officer": ("mike.sandys", "demo-officer-password"),
    "clerk": ("clerk", "demo-clerk-password"),
    "organisation admin": ("governance", "demo-admin-password"),
    "staff": ("admin", "demo-admin-password-for-tests"),
}


def _world(demo):
    """Objects the pages need: a closed action (to reopen), a published copy, ids."""
    meeting = Meeting.objects.get(board=demo, starts_at__date="2016-11-17")
    later = Meeting.objects.filter(board=demo, starts_at__gt=meeting.starts_at).order_by("starts_at").first()
    closed = Action.objects.get(board=demo, reference="327(b)")
    change(closed, actor=Actor(via="system"), state="closed", closed_on=later.date, closed_at_meeting=later)
    published = publish(demo, later)
    get_user_model().objects.create_superuser("admin", "admin@example.org", ROLES["staff"][1])
    withdrawn = Action.objects.get(board=demo, reference="333(b)")
    change(
        withdrawn,
        actor=Actor(via="system"),
        state="withdrawn",
        comment="Recorded in error.",
        comment_to_log=False,
    )
    # The officer's calendar address, shown on their My actions (the member has none yet).
    calendar_feeds.reset(Person.objects.get(name="Mike Sandys"), by=None)
    reader = Follower.objects.create(email="reader@example.org")
    return {
        "confirm": confirm_token(reader, Target(board=demo)),
        "unsubscribe": unsubscribe_token(reader),
        "meeting": meeting,
        "withdrawn": withdrawn,
        "mchugh": Person.objects.get(name="Mike McHugh"),
        "organisation": demo.organisations.get(slug="leicestershire-county-council"),
        "action": Action.objects.get(board=demo, reference="330(d)"),
        "closed": closed,
        "item": MinuteItem.objects.filter(meeting=meeting).order_by("sort_key").first(),
        "published": published,
        "sandys": Person.objects.get(name="Mike Sandys"),
    }


def pages_for(role, w):
    """(name, path) of every page the role can open, with the roles' own pages."""
    a, m = w["action"], w["meeting"]
    # Pages whose content depends on who is looking: every role opens them.
    pages = [
        ("home", "/"),
        ("board", f"{B}/"),
        ("log", f"{B}/actions/"),
        ("action", f"{B}/actions/{a.pk}/"),
        ("closed action", f"{B}/actions/{w['closed'].pk}/"),
        ("meeting", f"{B}/meetings/{m.pk}/"),
        ("published log", f"{B}/published/{w['published'].pk}/"),
        ("person", f"/people/{w['sandys'].pk}/"),
        ("search", "/search/?q=report"),
    ]
    # Pages that read the same to everyone: opened once, by the public.
    if role == "public":
        pages += [
            ("log, overdue", f"{B}/actions/?view=overdue"),
            ("log, closed", f"{B}/actions/?view=closed"),
            ("log, all, sorted by due", f"{B}/actions/?view=all&sort=due"),
            ("log with filter errors", f"{B}/actions/?due_from=31/02/2025&meeting=99999&view=nonsense"),
            ("log, a page past the end", f"{B}/actions/?page=9"),
            ("print view", f"{B}/actions/print/"),
            ("search, no query", "/search/"),
            ("search, nothing found", "/search/?q=xylophone"),
            ("search, filtered", f"/search/?q=report&board={SLUG}&kind=action&status=outstanding"),
            ("search, page 2", "/search/?q=board&page=2"),
            ("search with errors", "/search/?q=report&date_from=31/02/2016&board=no-such-board"),
            ("search, too long", f"/search/?q={'report%20' * 30}"),
            ("page not found", "/boards/no-such-board/"),
            ("sign in", "/accounts/login/"),
            ("password reset", "/accounts/password_reset/"),
            ("password reset sent", "/accounts/password_reset/done/"),
            ("password reset link not valid", "/accounts/reset/MQ/not-a-token/"),
            ("follow a board by email", f"{B}/follow/"),
            ("follow an action by email", f"{B}/actions/{a.pk}/follow/"),
            ("confirm a follow", f"/follow/confirm/{w['confirm']}/"),
            ("follow link not valid", "/follow/confirm/not-a-token/"),
            ("unsubscribe", f"/unsubscribe/{w['unsubscribe']}/"),
        ]
    if role != "public":
        pages += [
            ("my actions", "/my/actions/"),
            ("API tokens", "/my/api-tokens/"),
            ("calendar address", "/my/calendar/"),
            ("change password", "/accounts/password_change/"),
            ("not allowed", f"{B}/actions/close/" if role in ("member", "officer") else None),
        ]
    if role in ("officer", "clerk"):
        pages += [("update form", f"{B}/actions/{a.pk}/update/")]
    if role == "clerk":  # staff see the same pages of a board: the clerk's run covers them
        pages += [
            ("edit action", f"{B}/actions/{a.pk}/edit/"),
            ("reopen action", f"{B}/actions/{w['closed'].pk}/reopen/"),
            ("close actions", f"{B}/actions/close/"),
            ("import a log", f"{B}/actions/import/"),
            ("new meeting", f"{B}/meetings/new/"),
            ("edit meeting", f"{B}/meetings/{m.pk}/edit/"),
            ("import minutes", f"{B}/minutes/import/"),
            ("new minute item", f"{B}/meetings/{m.pk}/minutes/new/"),
            ("edit minute item", f"{B}/meetings/{m.pk}/minutes/{w['item'].pk}/edit/"),
            ("record actions", f"{B}/meetings/{m.pk}/actions/new/"),
            ("publish the log", f"{B}/meetings/{m.pk}/publish/"),
            ("revoke links", f"{B}/people/{w['sandys'].pk}/revoke-links/"),
            ("reminders", f"{B}/reminders/"),
            ("withdraw action", f"{B}/actions/{a.pk}/withdraw/"),
            ("withdrawn action", f"{B}/actions/{w['withdrawn'].pk}/"),
            ("reinstate action", f"{B}/actions/{w['withdrawn'].pk}/reopen/"),
            ("RAG key", f"{B}/key/"),
            ("people", f"{B}/people/"),
            ("people, searched", f"{B}/people/?q=mike"),
            ("add people", f"{B}/people/add/"),
            ("edit a person", f"{B}/people/{w['sandys'].pk}/edit/"),
            ("invite a person", f"{B}/people/{w['mchugh'].pk}/invite/"),
            ("remove access", f"{B}/people/{w['sandys'].pk}/remove-access/"),
            ("merge, choose", f"{B}/people/{w['mchugh'].pk}/merge/"),
        ]
    if role == "organisation admin":  # the pages only an organisation's admin (or staff) opens
        pages += [
            ("organisation", f"/organisations/{w['organisation'].slug}/"),
            ("create a board", f"/organisations/{w['organisation'].slug}/boards/new/"),
            ("board settings", f"{B}/settings/"),
        ]
    if role == "staff":
        pages += [
            ("administration", "/admin/"),
            ("administration: actions", "/admin/boards/action/"),
            ("administration: an action", f"/admin/boards/action/{a.pk}/change/"),
            ("administration: digests", "/admin/boards/digest/"),
        ]
    return [(name, path) for name, path in pages if path]


def form_errors_for(role, w):
    """(name, path, fields to fill, button) of forms sent with mistakes: the page that
    answers shows the errors."""
    a, m = w["action"], w["meeting"]
    forms = [
        (
            "sign in, wrong password",
            "/accounts/login/",
            {"#id_username": "nobody", "#id_password": "wrong"},
            "Sign in",
        )
    ]
    if role == "public":
        forms.append(("follow, not an address", f"{B}/follow/", {"#id_email": "not an address"}, "Follow"))
    if role in ("officer", "clerk", "staff"):
        forms.append(("update form, nothing to save", f"{B}/actions/{a.pk}/update/", {}, "Save update"))
        forms.append(
            (
                "update form, impossible date",
                f"{B}/actions/{a.pk}/update/",
                {"#id_revised_due": "31/12/9999"},
                "Save update",
            )
        )
    if role in ("clerk", "staff"):
        start = timezone.localtime(m.starts_at)
        forms += [
            (
                "edit action, not a date",
                f"{B}/actions/{a.pk}/edit/",
                {"#id_due": "31/02/2025"},
                "Save changes",
            ),
            (
                "new meeting, a clash",
                f"{B}/meetings/new/",
                {"#id_date": f"{start:%d/%m/%Y}", "#id_start": f"{start:%H:%M}", "#id_end": "17:00"},
                "Save meeting",
            ),
            (
                "new minute item, labels alike",
                f"{B}/meetings/{m.pk}/minutes/new/",
                {
                    "#id_number": "999",
                    "#id_title": "Twice",
                    "#id_resolutions-0-label": "(a)",
                    "#id_resolutions-0-text": "That one thing be done.",
                    "#id_resolutions-1-label": "a)",
                    "#id_resolutions-1-text": "That another be done.",
                },
                "Save minute item",
            ),
            (
                "record actions, not a date",
                f"{B}/meetings/{m.pk}/actions/new/",
                {
                    "#id_rows-0-reference": "999(z)",
                    "#id_rows-0-description": "Something.",
                    "#id_rows-0-due": "31/02/2025",
                },
                "Save actions",
            ),
            (
                "close actions, nothing chosen",
                f"{B}/actions/close/",
                {"uncheck": "input[name=actions]"},
                "Continue",
            ),
            ("reminders, absurd numbers", f"{B}/reminders/", {"#id_upcoming_days": "100000"}, "Save policy"),
            ("import minutes, nothing given", f"{B}/minutes/import/", {}, "Preview the import"),
            ("import a log, no file", f"{B}/actions/import/", {}, "Upload and preview"),
            (
                "add people, bad lines",
                f"{B}/people/add/",
                {"#id_people": "Mike Sandy, Analyst\n, no name\nJo Bloggs, Analyst, jo@"},
                "Add people",
            ),
            ("withdraw, no reason", f"{B}/actions/{a.pk}/withdraw/", {}, "Withdraw action"),
            (
                "record actions, a name to ask about",
                f"{B}/meetings/{m.pk}/actions/new/",
                {
                    "#id_rows-0-reference": "999(z)",
                    "#id_rows-0-description": "Something.",
                    "#id_rows-0-officers": "Mike Sandy",
                },
                "Save actions",
            ),
            ("RAG key, no code", f"{B}/key/", {"#id_statuses-0-code": ""}, "Save key"),
        ]
    return forms


def sign_in(page, url, role):
    if ROLES[role] is None:
        return
    username, password = ROLES[role]
    page.goto(url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        # The sign-in form's button, not the header's search box, whose button comes first.
        page.locator("main").get_by_role("button", name="Sign in", exact=True).click()
    assert "Signed in as" in page.content(), f"{role} could not sign in"


def check_page(page, url, name, problems):
    """CSP violations and errors the page reported, then axe-core's findings, into `problems`.
    The page's own violations are read before axe-core runs (it tries an inline style of
    its own, which the policy rightly blocks: the checker's doing, not the page's)."""
    found = page.evaluate("window.__cspViolations || []")
    refused = [p for p in page.problems if "Content Security Policy" in p or "Refused to" in p]
    if found:
        problems.append(f"{name} ({page.url}): CSP violations: {found}")
    if refused:
        problems.append(f"{name} ({page.url}): the console says {refused}")
    violations = page.evaluate(AXE_RUN_JS, WCAG_TAGS)
    if violations:
        problems.append(f"{name} ({page.url}): axe-core:\n{describe(violations)}")
    page.problems.clear()


@pytest.fixture
def csp_page(browser):
    """A page under the site's real Content-Security-Policy, with axe-core at hand and
    every CSP violation recorded."""
    require_service(AXE.is_file(), f"axe-core is not installed ({AXE}): run `npm ci`")
    context, page = _new_page(browser)
    context.add_init_script(CSP_LISTENER)
    context.add_init_script(path=str(AXE))
    yield page
    context.close()


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_as_each_role_keeps_the_csp_passes_axe_and_fits_a_phone(csp_page, live_server, demo, role):
    page, url = csp_page, live_server.url
    w = _world(demo)
    sign_in(page, url, role)
    problems, opened = [], []
    for name, path in pages_for(role, w):
        response = page.goto(url + path)
        status = response.status if response else None
        expected = {
            "page not found": 404,
            "not allowed": 403,
            "log, a page past the end": 200,
            "search with errors": 400,
            "search, too long": 400,
            "follow link not valid": 400,
        }.get(name, 200)
        if status != expected:
            problems.append(f"{name} ({path}): HTTP {status}, expected {expected}")
            continue
        opened.append(name)
        check_page(page, url, f"{role}: {name}", problems)
        if not path.startswith("/admin/"):
            page.set_viewport_size(PHONE)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{role}: {name} ({path}) is {width} px wide at {PHONE['width']} px")
            page.set_viewport_size({"width": 1400, "height": 900})
    assert not problems, f"{len(problems)} problem(s) as {role}:\n" + "\n".join(problems)
    assert len(opened) == len(pages_for(role, w))


@pytest.mark.parametrize("role", ["public", "officer", "clerk"])
def test_pages_with_form_errors_keep_the_csp_and_pass_axe(csp_page, live_server, demo, role):
    page, url = csp_page, live_server.url
    w = _world(demo)
    sign_in(page, url, role)
    problems = []
    for name, path, fields, button in form_errors_for(role, w):
        page.goto(url + path)
        for selector, value in fields.items():
            if selector == "uncheck":
                for box in page.locator(value).all():
                    box.uncheck()
            else:
                page.fill(selector, value)
        with page.expect_navigation():
            page.locator("main").get_by_role("button", name=button, exact=True).first.click()
        html = page.content()
        if (
            "There is a problem" not in html
            and "error-message" not in html
            and "Please enter a correct" not in html
        ):
            problems.append(f"{name}: no error was shown ({page.url})")
        check_page(page, url, f"{role}: {name}", problems)
    assert not problems, f"{len(problems)} problem(s) as {role}:\n" + "\n".join(problems)


def test_the_emailed_link_pages_keep_the_csp_pass_axe_and_fit_a_phone(csp_page, live_server, demo):
    page, url = csp_page, live_server.url
    w = _world(demo)
    problems = []
    page.goto(f"{url}/u/{make_token(w['sandys'])}/")
    for name, path in [("link: your actions", "/u/"), ("link: update form", f"/u/actions/{w['action'].pk}/")]:
        response = page.goto(url + path)
        assert response.status == 200, path
        check_page(page, url, name, problems)
        page.set_viewport_size(PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{name} is {width} px wide at {PHONE['width']} px")
        page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{url}/u/{make_token(w['sandys'])[:-3]}xyz/")
    check_page(page, url, "link: not valid", problems)
    assert not problems, "\n".join(problems)


def test_a_long_unbroken_word_or_address_does_not_widen_the_log(csp_page, live_server, demo):
    page, url = csp_page, live_server.url
    action = Action.objects.get(board=demo, reference="330(d)")
    change(
        action,
        actor=Actor(via="system"),
        comment="https://example.org/" + "x" * 400 + " and " + "Supercalifragilistic" * 20,
    )
    for viewport in ({"width": 1400, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        page.goto(f"{url}{B}/actions/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"the log is {width} px wide at {viewport['width']} px"
        # ... and no column of names is squeezed to break them mid-word: each officer's name
        # takes at most as many lines as it has words.
        broken = page.evaluate("""() => [...document.querySelectorAll('td.log-table__officers a')]
            .filter(a => a.getClientRects().length > a.textContent.trim().split(/\\s+/).length)
            .map(a => a.textContent)""")
        assert not broken, f"names broken mid-word at {viewport['width']} px: {broken}"
