"""Who may see and change what: every URL x every kind of user x GET and POST,
on a public board and on a private one.

The expected codes below are written by hand from the rules (boards/access.py):

* clerk of the board, the admin of its organisation (org_admin, who has no role on the
  board itself) and staff manage it: meetings, minutes, actions, closing, links;
* an action's own officers (and the managers) update it;
* members read everything on their board, private boards included;
* the public reads public boards only: a private board is a 404 to anyone not on it;
* a page that needs a login sends an anonymous visitor to /accounts/login/?next=...;
* a signed-in user who may see the board but lacks the right gets 403.

Two things are decided before the board is looked up, for any slug, so they reveal
nothing about a private board and are expected as such: the login redirect of a
login-only page (anonymous), and the 405 of a POST-only view (send_link) to a GET.
test_private_board_answers_outsiders_as_if_it_did_not_exist checks that invariant
directly: an outsider gets the same answer as for a board that does not exist.

Cells read "GET/POST":
  200     the page
  login   302 to the login page with ?next= the requested path
  saved   302 after a successful POST, and the data changed (see SAVED_TO for where)
  302     a redirect that saves no board data (logout, password reset)
  403/404/405
A read page does not change on POST: it answers a POST as it answers a GET.
Every case that is not "saved" must leave the data exactly as it was.
"""

from datetime import date, datetime
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import urls as auth_urls
from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, reverse

from boards import urls as board_urls
from boards.forms.minutes_import import pack_text
from boards.importers.action_log import read_log
from boards.models import (
    Action,
    ActionOfficer,
    AlertEmail,
    ApiToken,
    Attendance,
    Board,
    CalendarFeed,
    Follow,
    Follower,
    Meeting,
    Membership,
    MinuteItem,
    Organisation,
    OrganisationAdmin,
    Person,
    PublishedLog,
    RagStatus,
    Reminder,
    ReminderPolicy,
    Resolution,
    SetupRecord,
)
from boards.services import api_tokens, calendar_feeds
from boards.services.follows import Target, confirm_token, unsubscribe_token
from boards.services.imports.action_log import sign_table
from boards.services.links import make_token
from boards.services.publishing import publish

from .factories import make_action, make_board, make_meeting, make_person, make_resolution

pytestmark = pytest.mark.django_db

USERS = ("anonymous", "public", "member", "owner", "non_owner", "clerk", "org_admin", "other_clerk", "staff")

# fmt: off
#                               anonymous      public         member         owner          non_owner      clerk          org_admin      other_clerk    staff
PUBLIC_BOARD = {
    "home":                   ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "healthz":                ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "status_colours":         ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    # An organisation's pages: its admins (org_admin) and staff; a 404 to anyone else.
    "organisation":           ("login/login", "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "200/200",     "404/404",     "200/200"),
    "board_new":              ("login/login", "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "200/saved",   "404/404",     "200/saved"),
    "board_settings":         ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "403/403",     "200/saved"),
    "board_key":              ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "my_actions":             ("login/login", "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    # Search across boards: anyone; what it finds is what each may see (test_search_finds_...).
    "search":                 ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    # A person's own calendar: the address made or reset (a confirmation page, then the POST);
    # a login with no person (public, staff) has none and is sent back to My actions.
    "calendar_address":       ("login/login", "200/302",     "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/302"),
    # The calendar itself: whoever holds the address, as a calendar app (no session) would.
    "personal_calendar":      ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "person":                 ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    # A board's people (boards/views/board_people.py): its managers only. The invitation goes to
    # someone_else, who has no email: refused, back to their page (302), nothing saved (the
    # saving path is in test_invitations). Access is removed from the owner (an account, not
    # staff, not a clerk); the merge takes non_owner (an account) into someone_else (none).
    "board_people":           ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/200",     "200/200",     "403/403",     "200/200"),
    "people_add":             ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "person_edit":            ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "person_invite":          ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/302",     "200/302",     "403/403",     "200/302"),
    "person_remove_access":   ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "person_roles":           ("login/login", "405/403",     "405/403",     "405/403",     "405/403",     "405/saved",   "405/saved",   "405/403",     "405/saved"),
    "person_merge":           ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    # The emailed address opens a session and redirects to link_home; without that
    # session (as here: see test_with_a_link_session_...) the link pages refuse.
    "link":                   ("302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405"),
    "link_home":              ("403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405"),
    "link_update":            ("403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403"),
    "link_end":               ("405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "board":                  ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "board_calendar":         ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "board_feed":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "log":                    ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "log_print":              ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "export_log":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "close_actions":          ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "log_import":             ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    # POST: the preview's rows with problems as a CSV (saves nothing); GET: the rows the last
    # partial import left out, kept in the session (none here: a redirect to the import page).
    "log_import_refused":     ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "302/200",     "302/200",     "403/403",     "302/200"),
    "action":                 ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "update_action":          ("login/login", "403/403",     "403/403",     "200/saved",   "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "edit_action":            ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "reopen_action":          ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "withdraw_action":        ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "meeting_new":            ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "minutes_import":         ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "meeting":                ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "meeting_edit":           ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "minute_item_new":        ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "minute_item_edit":       ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "actions_entry":          ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "publish_log":            ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "published_log":          ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "published_export":       ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "send_link":              ("login/login", "405/403",     "405/403",     "405/403",     "405/403",     "405/saved",   "405/saved",   "405/403",     "405/saved"),
    "revoke_links":           ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    "chase":                  ("login/login", "405/403",     "405/403",     "405/403",     "405/403",     "405/saved",   "405/saved",   "405/403",     "405/saved"),
    "reminder_policy":        ("login/login", "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "403/403",     "200/saved"),
    # API tokens, on the person's own page (My actions): their own only; another's is a 404.
    "api_tokens":             ("login/login", "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    "api_token_revoke":       ("login/login", "405/404",     "405/404",     "405/saved",   "405/404",     "405/404",     "405/404",     "405/404",     "405/404"),
    # The read-only JSON API: the pages' rules; every other method is a 405, decided before the
    # board is looked up; any other address under /api/ is a JSON 404.
    "api_root":               ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_schema":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_boards":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_people":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_board":              ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_actions":            ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_action":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_meetings":           ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_meeting":            ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_published_logs":     ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_published_log":      ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_person":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_not_found":          ("404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404"),
    # Following (views/follows.py). Follow: an account follows at once; anonymous, the POST
    # (with an address) records an unconfirmed follower and emails a link. Unfollow looks only
    # among the user's own follows (none here: a redirect to My actions that saves nothing).
    # The emailed links name a follower of the other (public) board: GET shows a button, POST acts.
    "follow_board":           ("200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    "unfollow_board":         ("login/login", "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "follow_action":          ("200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    "unfollow_action":        ("login/login", "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "follow_confirm":         ("200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    "unsubscribe":            ("200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    # django.contrib.auth.urls
    "login":                  ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "logout":                 ("405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "password_change":        ("login/login", "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "password_change_done":   ("login/login", "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "password_reset":         ("200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302"),
    "password_reset_done":    ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "password_reset_confirm": ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "password_reset_complete":("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
}

# The same people with the same memberships, on a board with is_public=False.
#                               anonymous      public         member         owner          non_owner      clerk          org_admin      other_clerk    staff
PRIVATE_BOARD = {
    "home":                   ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "healthz":                ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "status_colours":         ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    # An organisation's pages: its admins (org_admin) and staff; a 404 to anyone else.
    "organisation":           ("login/login", "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "200/200",     "404/404",     "200/200"),
    "board_new":              ("login/login", "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "200/saved",   "404/404",     "200/saved"),
    "board_settings":         ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "403/403",     "200/saved",   "404/404",     "200/saved"),
    "board_key":              ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "my_actions":             ("login/login", "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    # Search across boards: anyone; what it finds is what each may see (test_search_finds_...).
    "search":                 ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    # Not the board's: a person's own calendar, the address made or reset (a confirmation page, then the POST);
    # a login with no person (public, staff) has none and is sent back to My actions.
    "calendar_address":       ("login/login", "200/302",     "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/302"),
    # The calendar itself: whoever holds the address, its actions on the private board included.
    "personal_calendar":      ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    # The owning officer is on the private board only.
    "person":                 ("404/404",     "404/404",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "404/404",     "200/200"),
    "board_people":           ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/200",     "200/200",     "404/404",     "200/200"),
    "people_add":             ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "person_edit":            ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "person_invite":          ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/302",     "200/302",     "404/404",     "200/302"),
    "person_remove_access":   ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "person_roles":           ("login/login", "405/404",     "405/403",     "405/403",     "405/403",     "405/saved",   "405/saved",   "405/404",     "405/saved"),
    "person_merge":           ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    # Whoever holds the link may use it: the token, not the board, is the key.
    # The emailed address opens a session and redirects to link_home; without that
    # session (as here: see test_with_a_link_session_...) the link pages refuse.
    "link":                   ("302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405",     "302/405"),
    "link_home":              ("403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405",     "403/405"),
    "link_update":            ("403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403",     "403/403"),
    "link_end":               ("405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "board":                  ("404/404",     "404/404",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "404/404",     "200/200"),
    # The calendar and the feed are GET-only: their 405 to a POST is decided before the board is looked up.
    "board_calendar":         ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "board_feed":             ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "log":                    ("404/404",     "404/404",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "404/404",     "200/200"),
    "log_print":              ("404/404",     "404/404",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "404/404",     "200/200"),
    # A download is GET-only: its 405 to a POST is decided before the board is looked up.
    "export_log":             ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "close_actions":          ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "log_import":             ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "log_import_refused":     ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "302/200",     "302/200",     "404/404",     "302/200"),
    "action":                 ("404/404",     "404/404",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "404/404",     "200/200"),
    "update_action":          ("login/login", "404/404",     "403/403",     "200/saved",   "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "edit_action":            ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "reopen_action":          ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "withdraw_action":        ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "meeting_new":            ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "minutes_import":         ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "meeting":                ("404/404",     "404/404",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "404/404",     "200/200"),
    "meeting_edit":           ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "minute_item_new":        ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "minute_item_edit":       ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "actions_entry":          ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "publish_log":            ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "published_log":          ("404/404",     "404/404",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "404/404",     "200/200"),
    # A download is GET-only: its 405 to a POST is decided before the board is looked up.
    "published_export":       ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "send_link":              ("login/login", "405/404",     "405/403",     "405/403",     "405/403",     "405/saved",   "405/saved",   "405/404",     "405/saved"),
    "revoke_links":           ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "chase":                  ("login/login", "405/404",     "405/403",     "405/403",     "405/403",     "405/saved",   "405/saved",   "405/404",     "405/saved"),
    "reminder_policy":        ("login/login", "404/404",     "403/403",     "403/403",     "403/403",     "200/saved",   "200/saved",   "404/404",     "200/saved"),
    # API tokens, on the person's own page (My actions): their own only; another's is a 404.
    "api_tokens":             ("login/login", "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    "api_token_revoke":       ("login/login", "405/404",     "405/404",     "405/saved",   "405/404",     "405/404",     "405/404",     "405/404",     "405/404"),
    # The read-only JSON API: the pages' rules; every other method is a 405, decided before the
    # board is looked up; any other address under /api/ is a JSON 404.
    "api_root":               ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_schema":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_boards":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_people":             ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "api_board":              ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_actions":            ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_action":             ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_meetings":           ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_meeting":            ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_published_logs":     ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_published_log":      ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_person":             ("404/405",     "404/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "404/405",     "200/405"),
    "api_not_found":          ("404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404",     "404/404"),
    # Following a private board or its action: those who can see it. Unfollow and the emailed
    # links do not depend on the board (see the public table).
    "follow_board":           ("404/404",     "404/404",     "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "unfollow_board":         ("login/login", "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "follow_action":          ("404/404",     "404/404",     "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "404/404",     "200/saved"),
    "unfollow_action":        ("login/login", "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "follow_confirm":         ("200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    "unsubscribe":            ("200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved",   "200/saved"),
    # django.contrib.auth.urls
    "login":                  ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "logout":                 ("405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302",     "405/302"),
    "password_change":        ("login/login", "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "password_change_done":   ("login/login", "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "password_reset":         ("200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302",     "200/302"),
    "password_reset_done":    ("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
    "password_reset_confirm": ("200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200",     "200/200"),
    "password_reset_complete":("200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405",     "200/405"),
}
# fmt: on

TABLES = {"public": PUBLIC_BOARD, "private": PRIVATE_BOARD}
AUTH_NAMES = (
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
)
URL_NAMES = tuple(PUBLIC_BOARD)
# Every URL under /boards/<slug>/.
UNDER_A_BOARD = tuple(p.name for p in board_urls.urlpatterns if "slug" in p.pattern.converters)


def expected(visibility, name, user_kind, method):
    get, post = TABLES[visibility][name][USERS.index(user_kind)].split("/")
    cell = get if method == "get" else post
    return int(cell) if cell.isdigit() else cell


# The world ----------------------------------------------------------------------


class World:
    """One board (public or private) with everyone the matrix needs, plus another
    board whose clerk is the "clerk of another board"."""

    def __init__(self, visibility):
        User = get_user_model()
        self.visibility = visibility
        self.board = make_board("main-board", name="Main Board", is_public=visibility == "public")
        self.other_board = make_board("other-board", name="Other Board")
        self.green = self.board.rag_key.statuses.get(code="GREEN")
        self.amber = self.board.rag_key.statuses.get(code="AMBER")
        # In the past, so that the clerk can close actions "as agreed at" it.
        self.meeting = make_meeting(self.board, when=datetime(2016, 11, 17, 14, 0), venue="County Hall")
        self.resolution = make_resolution(self.meeting, number="326", label="(c)")
        self.item = self.resolution.minute_item

        def person(kind, role, board=None, **kwargs):
            user = User.objects.create_user(kind, email=f"{kind}@example.org")
            person = make_person(kind.replace("_", " ").title(), user=user, **kwargs)
            Membership.objects.create(board=board or self.board, person=person, role=role)
            return user, person

        self.users = {"anonymous": None}
        self.users["public"] = User.objects.create_user("public", email="public@example.org")
        self.users["member"], _ = person("member", "member")
        self.users["owner"], self.owner = person("owner", "officer", email="owner@example.org")
        self.users["non_owner"], self.non_owner = person("non_owner", "officer")
        self.users["clerk"], _ = person("clerk", "clerk")
        self.users["other_clerk"], _ = person("other_clerk", "clerk", board=self.other_board)
        # The governance lead of the main board's organisation: no role on the board itself.
        self.organisation = Organisation.objects.create(name="Main Council", slug="main-council")
        self.board.organisations.add(self.organisation)
        self.users["org_admin"] = User.objects.create_user("org_admin", email="org_admin@example.org")
        self.org_admin = make_person("Org Admin", user=self.users["org_admin"])
        OrganisationAdmin.objects.create(organisation=self.organisation, person=self.org_admin)
        self.users["staff"] = User.objects.create_user("staff", is_staff=True)

        self.someone_else = make_person("Someone Else")
        Membership.objects.create(board=self.board, person=self.someone_else, role="officer")

        self.action = make_action(
            self.board,
            "326(c)",
            officers=[self.owner],
            raised_at=self.meeting,
            resolution=self.resolution,
            minute_item=self.item,
        )
        self.closed = make_action(
            self.board,
            "326(d)",
            officers=[self.owner],
            raised_at=self.meeting,
            state="closed",
            closed_on=date(2016, 12, 6),
        )
        self.elsewhere = make_action(
            self.board, "327(a)", officers=[self.someone_else], raised_at=self.meeting
        )
        self.token = make_token(self.owner)
        self.api_token, _ = api_tokens.create(self.users["owner"], "The owner's dashboard")
        self.calendar = calendar_feeds.reset(self.owner, by=self.users["owner"])
        self.published = publish(self.board, self.meeting)
        # The other board's own meeting, minute and resolution, for the cross-board checks.
        self.other_meeting = make_meeting(self.other_board, when=datetime(2016, 11, 20, 10, 0))
        self.other_resolution = make_resolution(self.other_meeting, number="12", label="(a)")
        # Followers of the other (public) board: one asked and not yet confirmed, one to unsubscribe.
        asked = Follower.objects.create(email="asked@example.org")
        self.confirm_token = confirm_token(asked, Target(board=self.other_board))
        reader = Follower.objects.create(email="reader@example.org", confirmed_at=asked.created_at)
        Follow.objects.create(follower=reader, board=self.other_board)
        self.unsubscribe_token = unsubscribe_token(reader)

        # One signed-in session per user, made once: each test's client reuses it (a test
        # that signs out deletes it in its own savepoint, which is rolled back).
        self.sessions = {}
        for kind, user in self.users.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                self.sessions[kind] = client.cookies[settings.SESSION_COOKIE_NAME].value

    def client_for(self, user_kind, **kwargs):
        client = Client(**kwargs)
        if user_kind in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[user_kind]
        return client


@pytest.fixture(scope="module", params=["public", "private"])
def world(request, django_db_setup, django_db_blocker):
    """Built once per module and visibility, in a transaction rolled back at the end;
    each test runs in a savepoint inside it (pytest-django's db), so whatever a test
    saves is gone before the next. Tests must not change the World's Python objects."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield World(request.param)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def url(name, w):
    slug = w.board.slug
    args = {
        "organisation": [w.organisation.slug],
        "board_new": [w.organisation.slug],
        "board_settings": [slug],
        "board_key": [slug],
        "home": [],
        "healthz": [],
        "my_actions": [],
        "calendar_address": [],
        "personal_calendar": [calendar_feeds.address_token(w.calendar)],
        "board_calendar": [slug],
        "board_feed": [slug],
        "person": [w.owner.pk],
        "board_people": [slug],
        "people_add": [slug],
        "person_edit": [slug, w.someone_else.pk],
        "person_invite": [slug, w.someone_else.pk],
        "person_remove_access": [slug, w.owner.pk],
        "person_roles": [slug, w.someone_else.pk],
        "person_merge": [slug, w.someone_else.pk],
        "link": [w.token],
        "link_update": [w.action.pk],
        "board": [slug],
        "log": [slug],
        "log_print": [slug],
        "close_actions": [slug],
        "export_log": [slug, "csv"],
        "log_import": [slug],
        "log_import_refused": [slug],
        "action": [slug, w.action.pk],
        "update_action": [slug, w.action.pk],
        "edit_action": [slug, w.action.pk],
        "reopen_action": [slug, w.closed.pk],
        "withdraw_action": [slug, w.action.pk],
        "meeting_new": [slug],
        "minutes_import": [slug],
        "meeting": [slug, w.meeting.pk],
        "meeting_edit": [slug, w.meeting.pk],
        "minute_item_new": [slug, w.meeting.pk],
        "minute_item_edit": [slug, w.meeting.pk, w.item.pk],
        "actions_entry": [slug, w.meeting.pk],
        "publish_log": [slug, w.meeting.pk],
        "published_log": [slug, w.published.pk],
        "published_export": [slug, w.published.pk, "csv"],
        "send_link": [slug, w.owner.pk],
        "revoke_links": [slug, w.owner.pk],
        "chase": [slug, w.owner.pk],
        "reminder_policy": [slug],
        "password_reset_confirm": ["MQ", "not-a-token"],
        "api_token_revoke": [w.api_token.pk],
        "api_board": [slug],
        "api_actions": [slug],
        "api_action": [slug, w.action.pk],
        "api_meetings": [slug],
        "api_meeting": [slug, w.meeting.pk],
        "api_published_logs": [slug],
        "api_published_log": [slug, w.published.pk],
        "api_person": [w.owner.pk],
        "follow_board": [slug],
        "unfollow_board": [slug],
        "follow_action": [slug, w.action.pk],
        "unfollow_action": [slug, w.action.pk],
        "follow_confirm": [w.confirm_token],
        "unsubscribe": [w.unsubscribe_token],
    }.get(name, [])
    return reverse(name if name in AUTH_NAMES else f"boards:{name}", args=args)


LOG_CSV = b"No.,Date,Action\r\n9(y),17/11/16,An imported action.\r\n"


def post_data(name, w):
    """Valid data for each form, so that an allowed POST saves."""
    management = {"TOTAL_FORMS": "1", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}
    update = {"status": w.amber.pk, "comment": "Work has started.", "version": w.action.version}
    return {
        "board_new": {
            "name": "A New Board",
            "slug": "",
            "description": "",
            "organisations": [w.organisation.pk],
            "visibility": "private",
            "rag_key": "brag",
        },
        "board_settings": {
            "name": "Main Board, renamed",
            "slug": w.board.slug,
            "description": "",
            "organisations": [w.organisation.pk],
            "visibility": w.visibility,
        },
        # The board's key, GREEN defined anew (shared with the other board: the board gets its copy).
        "board_key": _key_post(w.board, {"GREEN": "On track, as the board defines it."}),
        # (No "person" entry here: the people pages' bodies come first.)
        "people_add": {
            "people": "New Person, Analyst, new.person@example.org",
            "role": "officer",
            "organisation": "",
        },
        "person_edit": {"name": "Someone Else", "job_title": "Analyst", "organisation": "", "email": ""},
        "person_roles": {"role": "member", "op": "add"},
        "person_merge": {"duplicate": w.non_owner.pk, "confirm": "yes"},
        "update_action": update,
        "link_update": update,
        "edit_action": {
            "reference": w.action.reference,
            "description": "An edited description.",
            "officers": w.owner.name,
            "due": "",
            "status": w.green.pk,
            "reason": "",
            "version": w.action.version,
        },
        "reopen_action": {"reason": "Not finished after all.", "version": w.closed.version},
        "withdraw_action": {"reason": "Recorded in error: duplicate of 326(b).", "version": w.action.version},
        "close_actions": {"actions": [w.action.pk], "meeting": w.meeting.pk, "comment": "", "confirm": "yes"},
        # The confirm step with a one-row table signed for this board (9(y) is a new number).
        "log_import": {
            "step": "confirm",
            "table": sign_table(read_log(LOG_CSV, "log.csv"), w.board),
            "previewed": "reference=0 date=1 action=2 officers=- due=- revised_due=- comments=- status=-",
            "map_reference": "0",
            "map_date": "1",
            "map_action": "2",
        },
        # The preview's form, posted to the download of its rows with problems.
        "log_import_refused": {
            "table": sign_table(read_log(LOG_CSV, "log.csv"), w.board),
            "map_reference": "0",
            "map_date": "1",
            "map_action": "2",
        },
        # The confirmation step, with the text the preview carried, signed for this board
        # (minute 340 is new).
        "minutes_import": {
            "step": "confirm",
            "date": "17/11/2016",
            "edits": "[]",
            "packed": pack_text(
                "340. A new item\nRESOLVED:\n(a) That the Director of Public Health to review the plan.",
                w.board,
            ),
            "item-0-number": "340",
            "item-0-title": "A new item",
            "item-0-res-0-create": "on",
            "item-0-res-0-officers": w.owner.name,
            "item-0-res-0-due": "",
        },
        "meeting_new": {
            "date": "05/01/2017",
            "start": "14:00",
            "end": "",
            "venue": "Room 1",
            "title": "",
            "status": "scheduled",
        },
        "meeting_edit": {
            "date": "17/11/2016",
            "start": "14:00",
            "end": "16:00",
            "venue": "Another room",
            "title": "",
            "status": "held",
        },
        "minute_item_new": {
            "number": "340",
            "title": "A new item",
            "text": "",
            "heading": "RESOLVED:",
            **{f"resolutions-{k}": v for k, v in management.items()},
            "resolutions-0-label": "(a)",
            "resolutions-0-text": "That the report be noted.",
        },
        "minute_item_edit": {
            "number": w.item.number,
            "title": "An edited title",
            "text": "",
            "heading": "RESOLVED:",
            **{f"resolutions-{k}": v for k, v in management.items()},
            "resolutions-INITIAL_FORMS": "1",
            "resolutions-0-id": w.resolution.pk,
            "resolutions-0-minute_item": w.item.pk,
            "resolutions-0-label": "(c)",
            "resolutions-0-text": "That a plan be developed.",
        },
        "actions_entry": {
            **{f"rows-{k}": v for k, v in management.items()},
            "rows-0-resolution": "",
            "rows-0-reference": "9(z)",
            "rows-0-description": "A new action.",
            "rows-0-officers": "",
            "rows-0-due": "",
            "rows-0-status": w.green.pk,
        },
        "publish_log": {"view": "all"},
        "api_tokens": {"name": "A new token"},
        "calendar_address": {"confirm": "yes"},
        "follow_board": {"email": "follower@example.org"},
        "follow_action": {"email": "follower@example.org"},
        "reminder_policy": {
            "enabled": "on",
            "upcoming_days": "5",
            "overdue_every_days": "7",
            "before_meeting_days": "10",
            "escalate_after": "2",
            "send_time": "08:00",
        },
        "login": {"username": "nobody", "password": "wrong"},
        "password_reset": {"email": "nobody@example.org"},
    }.get(name, {})


def _key_post(board, definitions):
    """The RAG key page's form: the board's statuses, with new definitions by code."""
    statuses = list(board.rag_key.statuses.all())
    data = {
        "statuses-TOTAL_FORMS": str(len(statuses)),
        "statuses-INITIAL_FORMS": str(len(statuses)),
        "statuses-MIN_NUM_FORMS": "0",
        "statuses-MAX_NUM_FORMS": "12",
        "step": "save",
    }
    for i, status in enumerate(statuses):
        data.update(
            {
                f"statuses-{i}-status_id": status.pk,
                f"statuses-{i}-code": status.code,
                f"statuses-{i}-label": status.label,
                f"statuses-{i}-colour": status.colour,
                f"statuses-{i}-definition": definitions.get(status.code, status.definition),
                f"statuses-{i}-position": i + 1,
            }
        )
        if status.is_complete:
            data[f"statuses-{i}-is_complete"] = "on"
        if status.shown_when_overdue:
            data[f"statuses-{i}-shown_when_overdue"] = "on"
    return data


def saved_to(name, w):
    """Where a successful POST redirects (asked after the POST)."""
    slug = w.board.slug
    new_meeting = Meeting.objects.filter(board=w.board, venue="Room 1").first()
    new_item = MinuteItem.objects.filter(board=w.board, number="340").first()
    new_copy = PublishedLog.objects.filter(board=w.board).exclude(pk=w.published.pk).first()
    someone_else = reverse("boards:person_edit", args=[slug, w.someone_else.pk])
    return {
        "board_new": reverse("boards:board", args=["a-new-board"]),
        "board_settings": reverse("boards:board", args=[slug]),
        "board_key": reverse("boards:board_key", args=[slug]),
        # (No "person" entry here: the people pages' come first.)
        "people_add": reverse("boards:board_people", args=[slug]),
        "person_edit": someone_else,
        "person_invite": someone_else,  # refused (no email): back to their page, nothing saved
        "person_remove_access": reverse("boards:person_edit", args=[slug, w.owner.pk]),
        "person_roles": someone_else,
        "person_merge": someone_else,
        "update_action": reverse("boards:action", args=[slug, w.action.pk]),
        "link_update": reverse("boards:link_home"),
        "link_end": reverse("boards:home"),
        "calendar_address": reverse("boards:my_actions") + "#calendar",
        "link": reverse("boards:link_home"),
        "edit_action": reverse("boards:action", args=[slug, w.action.pk]),
        "reopen_action": reverse("boards:action", args=[slug, w.closed.pk]),
        "withdraw_action": reverse("boards:action", args=[slug, w.action.pk]),
        "close_actions": reverse("boards:log", args=[slug]),
        "log_import": reverse("boards:log", args=[slug]),
        "log_import_refused": reverse("boards:log_import", args=[slug]),  # a GET with nothing left out
        "meeting_edit": reverse("boards:meeting", args=[slug, w.meeting.pk]),
        "minute_item_edit": reverse("boards:meeting", args=[slug, w.meeting.pk]) + f"#minute-{w.item.pk}",
        "actions_entry": reverse("boards:meeting", args=[slug, w.meeting.pk]),
        "send_link": reverse("boards:person", args=[w.owner.pk]),
        "revoke_links": reverse("boards:person", args=[w.owner.pk]),
        "chase": reverse("boards:person", args=[w.owner.pk]),
        "reminder_policy": reverse("boards:reminder_policy", args=[slug]),
        "minute_item_new": new_item
        and reverse("boards:meeting", args=[slug, w.meeting.pk]) + f"#minute-{new_item.pk}",
        "meeting_new": new_meeting and reverse("boards:meeting", args=[slug, new_meeting.pk]),
        "minutes_import": reverse("boards:meeting", args=[slug, w.meeting.pk]),
        "publish_log": new_copy and reverse("boards:published_log", args=[slug, new_copy.pk]),
        "logout": reverse("boards:home"),
        "api_tokens": reverse("boards:api_tokens"),
        "api_token_revoke": reverse("boards:api_tokens"),
        "password_reset": reverse("password_reset_done"),
        "follow_board": reverse("boards:board", args=[slug]),
        "follow_action": reverse("boards:action", args=[slug, w.action.pk]),
        "unfollow_board": reverse("boards:my_actions"),
        "unfollow_action": reverse("boards:my_actions"),
        "follow_confirm": reverse("boards:board", args=[w.other_board.slug]),
        "unsubscribe": reverse("boards:home"),
    }.get(name)


def login_url(path):
    return f"{reverse('login')}?next={quote(path, safe='/')}"


def snapshot():
    """Everything a POST could change, to compare before and after."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM boards_actionupdate), (SELECT COUNT(*) FROM boards_refusedchange),"
            " (SELECT COUNT(*) FROM boards_membership), (SELECT COUNT(*) FROM boards_person)"
        )
        history, refused, memberships, _people = cursor.fetchone()
    return {
        "actions": list(
            Action.objects.order_by("pk").values_list(
                "pk",
                "reference",
                "description",
                "version",
                "state",
                "status_id",
                "latest_comment",
                "due_date",
                "due_text",
                "closed_on",
            )
        ),
        "officers": list(
            ActionOfficer.objects.order_by("pk").values_list("action_id", "person_id", "position")
        ),
        "history": history,
        "refused": refused,
        "memberships": memberships,
        "meetings": list(
            Meeting.objects.order_by("pk").values_list(
                "pk", "starts_at", "ends_at", "venue", "title", "status"
            )
        ),
        "minutes": list(
            MinuteItem.objects.order_by("pk").values_list("pk", "number", "title", "text", "heading")
        ),
        "resolutions": list(Resolution.objects.order_by("pk").values_list("pk", "label", "text")),
        "link keys": list(Person.objects.order_by("pk").values_list("pk", "link_key")),
        "emails": len(mail.outbox),
        "published logs": list(PublishedLog.objects.order_by("pk").values_list("pk", "view", "row_count")),
        "reminders": list(Reminder.objects.order_by("pk").values_list("pk", "digest_id")),
        "setup records": SetupRecord.objects.count(),
        "api tokens": list(ApiToken.objects.order_by("pk").values_list("pk", "user_id", "revoked_at")),
        "calendar addresses": list(CalendarFeed.objects.order_by("pk").values_list("pk", "revoked_at")),
        "boards": list(
            Board.objects.order_by("pk").values_list("pk", "slug", "name", "is_public", "rag_key_id")
        ),
        "rag statuses": list(
            RagStatus.objects.order_by("pk").values_list(
                "pk", "key_id", "code", "label", "colour", "definition", "is_complete", "shown_when_overdue"
            )
        ),
        "people": list(
            Person.objects.order_by("pk").values_list(
                "pk", "name", "job_title", "email", "organisation_id", "merged_into_id", "user_id"
            )
        ),
        "roles": list(Membership.objects.order_by("pk").values_list("board_id", "person_id", "role")),
        "organisation admins": list(
            OrganisationAdmin.objects.order_by("pk").values_list("organisation_id", "person_id")
        ),
        "attendance": list(Attendance.objects.order_by("pk").values_list("meeting_id", "person_id", "kind")),
        "accounts": list(get_user_model().objects.order_by("pk").values_list("pk", "is_active", "password")),
        "followers": list(
            Follower.objects.order_by("pk").values_list(
                "pk",
                "user_id",
                "email",
                "confirmed_at",
                "confirmation_sent_at",
                "unsubscribed_at",
                "alerted_upto",
            )
        ),
        "follows": list(
            Follow.objects.order_by("pk").values_list("pk", "follower_id", "board_id", "action_id")
        ),
        "alerts": list(AlertEmail.objects.order_by("pk").values_list("pk", "status")),
        "policies": list(
            ReminderPolicy.objects.order_by("pk").values_list(
                "board_id",
                "enabled",
                "upcoming_days",
                "overdue_every_days",
                "before_meeting_days",
                "escalate_after",
                "send_time",
            )
        ),
    }


def check(response, want, *, path, saved_target, before):
    after = snapshot()
    code = response.status_code
    where = response.get("Location", "")
    if want == "login":
        assert (code, where) == (302, login_url(path)), "expected a redirect to the login page"
    elif want in ("saved", 302):
        assert code == 302, f"expected a redirect after the POST, got {code}"
        assert where == saved_target, f"redirected to {where}, expected {saved_target}"
    elif isinstance(want, tuple):  # either answer will do, as long as nothing changes
        assert code in want, f"expected one of {want}, got {code}"
    else:
        assert code == want, f"expected {want}, got {code}" + (f" to {where}" if where else "")
    if want == "saved":
        assert after != before, "the POST was accepted but saved nothing"
    else:
        changed = {key for key in before if before[key] != after[key]}
        assert not changed, f"a {code} response changed {sorted(changed)}"


# The matrix ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("user_kind", USERS)
@pytest.mark.parametrize("name", URL_NAMES)
def test_access_matrix(world, name, user_kind, method):
    want = expected(world.visibility, name, user_kind, method)
    client = world.client_for(user_kind)
    path = url(name, world)
    before = snapshot()
    if method == "get":
        response = client.get(path)
    else:
        response = client.post(path, post_data(name, world))
    check(response, want, path=path, saved_target=saved_to(name, world), before=before)


@pytest.mark.parametrize("user_kind", USERS)
def test_search_finds_the_boards_actions_only_for_those_who_may_see_them(world, user_kind):
    """/search/ answers everyone; the board's actions are among its results for exactly the
    users the matrix lets see the action's page."""
    response = world.client_for(user_kind).get(reverse("boards:search"), {"q": "work"})
    assert response.status_code == 200
    shown = reverse("boards:action", args=[world.board.slug, world.action.pk]) in response.content.decode()
    assert shown == (expected(world.visibility, "action", user_kind, "get") == 200)


def test_every_url_has_a_row_in_the_matrix():
    board_names = set()
    for pattern in board_urls.urlpatterns:
        assert isinstance(pattern, URLPattern) and pattern.name, f"{pattern} has no name"
        board_names.add(pattern.name)
    auth_names = {p.name for p in auth_urls.urlpatterns}
    assert auth_names == set(AUTH_NAMES)
    for table in TABLES.values():
        assert set(table) == board_names | auth_names, "every URL needs a row, and no row is stale"
        assert all(len(cells) == len(USERS) for cells in table.values())
        # Every cell is one that check() knows how to read.
        known = {"200", "302", "403", "404", "405", "login", "saved"}
        assert {c for cells in table.values() for cell in cells for c in cell.split("/")} <= known


@pytest.mark.parametrize("world", ["private"], indirect=True)
@pytest.mark.parametrize("user_kind", ["anonymous", "public", "other_clerk"])
@pytest.mark.parametrize("name", UNDER_A_BOARD)
@pytest.mark.parametrize("method", ["get", "post"])
def test_private_board_answers_outsiders_as_if_it_did_not_exist(world, name, user_kind, method):
    """Whatever an outsider gets under a private board, they get the same for a board
    that does not exist: its existence is not revealed."""
    client = world.client_for(user_kind)
    path = url(name, world)
    missing = path.replace(f"/{world.board.slug}/", "/no-such-board/", 1)
    if method == "get":
        real, fake = client.get(path), client.get(missing)
    else:
        real, fake = client.post(path, post_data(name, world)), client.post(missing, post_data(name, world))
    assert real.status_code == fake.status_code
    assert real.get("Location", "").replace(quote(path, safe="/"), "") == fake.get("Location", "").replace(
        quote(missing, safe="/"), ""
    )


# One board's clerk reaching for another board's things -------------------------


def _cross_board_cases():
    """(description, URL, POST data, expected GET, expected POST): the other board's clerk,
    under their own board's slug, naming this board's objects."""

    def cases(w):
        other = w.other_board.slug
        rows = {
            f"rows-{k}": v
            for k, v in {
                "TOTAL_FORMS": "1",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "50",
            }.items()
        }
        return [
            ("action", reverse("boards:action", args=[other, w.action.pk]), {}, 404, 404),
            (
                "update",
                reverse("boards:update_action", args=[other, w.action.pk]),
                post_data("update_action", w),
                404,
                404,
            ),
            (
                "edit",
                reverse("boards:edit_action", args=[other, w.action.pk]),
                post_data("edit_action", w),
                404,
                404,
            ),
            (
                "reopen",
                reverse("boards:reopen_action", args=[other, w.closed.pk]),
                post_data("reopen_action", w),
                404,
                404,
            ),
            (
                "withdraw",
                reverse("boards:withdraw_action", args=[other, w.action.pk]),
                post_data("withdraw_action", w),
                404,
                404,
            ),
            ("meeting", reverse("boards:meeting", args=[other, w.meeting.pk]), {}, 404, 404),
            (
                "meeting edit",
                reverse("boards:meeting_edit", args=[other, w.meeting.pk]),
                post_data("meeting_edit", w),
                404,
                404,
            ),
            (
                "new minute",
                reverse("boards:minute_item_new", args=[other, w.meeting.pk]),
                post_data("minute_item_new", w),
                404,
                404,
            ),
            (
                "minute edit, own meeting",
                reverse("boards:minute_item_edit", args=[other, w.other_meeting.pk, w.item.pk]),
                post_data("minute_item_edit", w),
                404,
                404,
            ),
            (
                "actions entry",
                reverse("boards:actions_entry", args=[other, w.meeting.pk]),
                post_data("actions_entry", w),
                404,
                404,
            ),
            ("send link", reverse("boards:send_link", args=[other, w.owner.pk]), {}, 405, 404),
            ("revoke links", reverse("boards:revoke_links", args=[other, w.owner.pk]), {}, 404, 404),
            ("remind now", reverse("boards:chase", args=[other, w.owner.pk]), {}, 405, 404),
            (
                "person edit",
                reverse("boards:person_edit", args=[other, w.someone_else.pk]),
                post_data("person_edit", w),
                404,
                404,
            ),
            ("person invite", reverse("boards:person_invite", args=[other, w.owner.pk]), {}, 404, 404),
            (
                "person remove access",
                reverse("boards:person_remove_access", args=[other, w.owner.pk]),
                {},
                404,
                404,
            ),
            (
                "person roles",
                reverse("boards:person_roles", args=[other, w.someone_else.pk]),
                post_data("person_roles", w),
                405,
                404,
            ),
            (
                "person merge",
                reverse("boards:person_merge", args=[other, w.someone_else.pk]),
                post_data("person_merge", w),
                404,
                404,
            ),
            # Their own person, with this board's person smuggled in as the duplicate: refused.
            (
                "merge this board's person into their own",
                reverse("boards:person_merge", args=[other, w.users["other_clerk"].person.pk]),
                {"duplicate": w.someone_else.pk, "confirm": "yes"},
                200,
                200,
            ),
            # This board's uploaded table, posted to their own board's download: not readable there.
            (
                "rows with problems of this board's table",
                reverse("boards:log_import_refused", args=[other]),
                post_data("log_import_refused", w),
                (302,),
                200,
            ),
            # Their own forms, with this board's objects smuggled into the data: re-rendered with errors.
            (
                "close this board's action",
                reverse("boards:close_actions", args=[other]),
                post_data("close_actions", w),
                200,
                200,
            ),
            (
                "record an action from this board's resolution",
                reverse("boards:actions_entry", args=[other, w.other_meeting.pk]),
                {
                    **rows,
                    "rows-0-resolution": w.resolution.pk,
                    "rows-0-reference": "",
                    "rows-0-description": "Smuggled.",
                    "rows-0-officers": "",
                    "rows-0-due": "",
                    "rows-0-status": w.green.pk,
                },
                200,
                200,
            ),
            (
                "edit own minute with this board's resolution",
                reverse(
                    "boards:minute_item_edit",
                    args=[other, w.other_meeting.pk, w.other_resolution.minute_item.pk],
                ),
                {
                    "number": "12",
                    "title": "Item 12",
                    "text": "",
                    "heading": "",
                    "resolutions-TOTAL_FORMS": "1",
                    "resolutions-INITIAL_FORMS": "1",
                    "resolutions-MIN_NUM_FORMS": "0",
                    "resolutions-MAX_NUM_FORMS": "1000",
                    "resolutions-0-id": w.resolution.pk,
                    "resolutions-0-label": "(z)",
                    "resolutions-0-text": "Overwritten.",
                },
                200,
                (200, 302),
            ),
        ]

    return cases


CROSS_BOARD = _cross_board_cases()
CROSS_BOARD_NAMES = (
    "action",
    "update",
    "edit",
    "reopen",
    "withdraw",
    "meeting",
    "meeting edit",
    "new minute",
    "minute edit, own meeting",
    "actions entry",
    "send link",
    "revoke links",
    "person edit",
    "person invite",
    "person remove access",
    "person roles",
    "person merge",
    "merge this board's person into their own",
    "rows with problems of this board's table",
    "close this board's action",
    "record an action from this board's resolution",
    "edit own minute with this board's resolution",
)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("case", CROSS_BOARD_NAMES)
def test_a_clerk_cannot_reach_another_boards_things_through_their_own_board(world, case, method):
    ((path, data, want_get, want_post),) = [c[1:] for c in CROSS_BOARD(world) if c[0] == case]
    client = world.client_for("other_clerk")
    before = snapshot()
    response = client.get(path) if method == "get" else client.post(path, data)
    check(response, want_get if method == "get" else want_post, path=path, saved_target=None, before=before)


# Emailed links -------------------------------------------------------------------


def linked_client(world, user_kind, token=None):
    """A client of `user_kind` that has opened the owner's emailed link."""
    client = world.client_for(user_kind)
    opened = client.get(reverse("boards:link", args=[token or world.token]))
    assert (opened.status_code, opened["Location"]) == (302, reverse("boards:link_home"))
    return client


@pytest.mark.parametrize("user_kind", USERS)
def test_with_a_link_session_the_owner_updates_their_action(world, user_kind):
    """Whoever holds the link acts as its person, whatever account (if any) they have."""
    client = linked_client(world, user_kind)
    assert client.get(reverse("boards:link_home")).status_code == 200
    path = reverse("boards:link_update", args=[world.action.pk])
    assert client.get(path).status_code == 200
    before = snapshot()
    response = client.post(path, post_data("link_update", world))
    check(response, "saved", path=path, saved_target=reverse("boards:link_home"), before=before)


@pytest.mark.parametrize("user_kind", USERS)
def test_a_link_for_another_persons_action_is_not_found(world, user_kind):
    client = linked_client(world, user_kind)
    path = reverse("boards:link_update", args=[world.elsewhere.pk])
    before = snapshot()
    assert client.get(path).status_code == 404
    response = client.post(
        path, {"status": world.amber.pk, "comment": "Not mine.", "version": world.elsewhere.version}
    )
    check(response, 404, path=path, saved_target=None, before=before)


def test_a_link_for_a_closed_action_updates_nothing(world):
    """The closed action is the owner's, but no longer outstanding: not found."""
    client = linked_client(world, "anonymous")
    path = reverse("boards:link_update", args=[world.closed.pk])
    before = snapshot()
    response = client.post(
        path, {"status": world.amber.pk, "comment": "Reopen?", "version": world.closed.version}
    )
    check(response, 404, path=path, saved_target=None, before=before)


def _tampered(token):
    # Change one character of the signature (the part after the last colon).
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


@pytest.mark.parametrize("user_kind", ["anonymous", "owner", "clerk"])
def test_a_tampered_link_is_refused_and_opens_no_session(world, user_kind):
    client = world.client_for(user_kind)
    path = reverse("boards:link", args=[_tampered(world.token)])
    before = snapshot()
    response = client.get(path)
    check(response, 403, path=path, saved_target=None, before=before)
    assert b"This link is not valid" in response.content
    assert client.get(reverse("boards:link_home")).status_code == 403


def test_a_revoked_link_is_refused_and_ends_its_sessions(world):
    client = linked_client(world, "anonymous")
    Person.objects.get(pk=world.owner.pk).rotate_link_key()
    before = snapshot()
    path = reverse("boards:link_update", args=[world.action.pk])
    response = client.post(path, post_data("link_update", world))
    check(response, 403, path=path, saved_target=None, before=before)
    assert Client().get(reverse("boards:link", args=[world.token])).status_code == 403


# CSRF ----------------------------------------------------------------------------


# The one view without CSRF protection: a mail client's one-click unsubscribe (RFC 8058) posts
# with no cookie and no token; the signed token in its address is the credential.
CSRF_EXEMPT = {"unsubscribe"}


def test_only_the_one_click_unsubscribe_is_exempt_from_csrf():
    """Besides the one-click unsubscribe, only the JSON API's views are exempt, as every Django
    REST framework view is (its session authentication checks the token itself); and the API
    takes no POST at all: its every row in the matrix answers a POST with 405 (or a 404)."""
    exempt = {p.name for p in board_urls.urlpatterns if getattr(p.callback, "csrf_exempt", False)}
    api = {name for name in exempt if name.startswith("api_")}
    assert exempt - api == CSRF_EXEMPT
    for table in (PUBLIC_BOARD, PRIVATE_BOARD):
        for name in api:
            assert {cell.split("/")[1] for cell in table[name]} <= {"405", "404"}, name


def _csrf_cases():
    """(URL name, user) for every URL that accepts a POST from that user."""
    cases = []
    for name in URL_NAMES:
        post = PUBLIC_BOARD[name][USERS.index("clerk")].split("/")[1]
        if post != "405" and name not in CSRF_EXEMPT:
            cases.append((name, "clerk"))
    cases += [
        ("update_action", "owner"),
        ("link_update", "anonymous"),
        ("link_end", "anonymous"),
        ("follow_board", "anonymous"),
        ("follow_confirm", "anonymous"),
        ("login", "anonymous"),
        ("password_reset", "anonymous"),
    ]
    return cases


@pytest.mark.parametrize(("name", "user_kind"), _csrf_cases())
def test_a_post_without_a_csrf_token_is_refused(world, name, user_kind):
    client = world.client_for(user_kind, enforce_csrf_checks=True)
    path = url(name, world)
    before = snapshot()
    response = client.post(path, post_data(name, world))
    check(response, 403, path=path, saved_target=None, before=before)
    assert b"CSRF verification failed" in response.content


def test_the_same_post_with_a_csrf_token_is_accepted(world):
    """The control for the test above: the refusal is the missing token, nothing else."""
    client = world.client_for("owner", enforce_csrf_checks=True)
    path = url("update_action", world)
    page = client.get(path)
    token = page.context["csrf_token"]
    before = snapshot()
    response = client.post(path, {**post_data("update_action", world), "csrfmiddlewaretoken": str(token)})
    check(response, "saved", path=path, saved_target=saved_to("update_action", world), before=before)
