"""Working the log: officers update, links, clerks record, close and reopen; nothing is lost."""

import logging
import re
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from boards.models import (
    Action,
    ActionUpdate,
    Meeting,
    Membership,
    MinuteItem,
    Person,
    RefusedChange,
)
from boards.services.links import make_token
from boards.services.updating import Actor, change

from .conftest import sign_in
from .factories import PASSWORD, make_meeting
from .html_tables import read_table

pytestmark = pytest.mark.django_db
# The small board of tests/board_world.py: Olu Officer owns 201(a) and, with Pat Partner,
# 201(b); Pat Partner owns 101(a).
SLUG = "small-board"


@pytest.fixture
def officer(small_board):
    """Olu Officer, who has an email and an account."""
    return small_board.officer


@pytest.fixture
def officer_client(officer_of_small_board):
    return officer_of_small_board


@pytest.fixture
def clerk_client(clerk_of_small_board):
    return clerk_of_small_board


def action(ref):
    return Action.objects.get(board__slug=SLUG, reference=ref)


def update_url(a):
    return reverse("boards:update_action", args=[SLUG, a.pk])


def status_pk(code):
    return Action.objects.first().board.rag_key.statuses.get(code=code).pk


# Officer updates -------------------------------------------------------------------


def test_officer_updates_status_and_comment_in_one_history_row(officer_client, officer):
    a = action("201(b)")
    response = officer_client.post(
        update_url(a),
        {
            "status": status_pk("GREEN"),
            "comment": "Prevalence figures confirmed.",
            "version": a.version,
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status.code == "GREEN" and a.latest_comment == "Prevalence figures confirmed."
    update = a.updates.get(version=a.version)
    assert (update.by_person, update.via, update.changes) == (
        officer,
        "web",
        {"status": {"from": "AMBER", "to": "GREEN"}},
    )
    assert a.updates.count() == 2


def test_revised_due_date_needs_a_reason_and_the_reason_is_recorded(officer_client):
    a = action("201(a)")
    data = {"status": a.status_id, "revised_due": "30/06/2017", "version": a.version}
    response = officer_client.post(update_url(a), data)
    assert "Give a reason for changing the due date." in response.content.decode()
    assert action("201(a)").version == a.version
    officer_client.post(update_url(a), {**data, "due_reason": "Consultation extended."})
    a.refresh_from_db()
    assert a.due_date.isoformat() == "2017-06-30" and a.due_text == ""
    assert a.latest_comment == "Due date revised: Consultation extended."


def proposed_tags(client):
    """How often the log page says "Proposed for closure" (201(c) is, from the start)."""
    return client.get(reverse("boards:log", args=[SLUG])).content.decode().count("Proposed for closure")


def test_officer_proposes_complete_and_the_log_shows_it(officer_client):
    a = action("201(a)")
    before = proposed_tags(officer_client)
    officer_client.post(
        update_url(a),
        {"status": a.status_id, "propose_complete": "on", "comment": "Done.", "version": a.version},
    )
    assert action("201(a)").state == "proposed"
    assert proposed_tags(officer_client) == before + 1


def test_saving_nothing_is_explained(officer_client):
    a = action("201(a)")
    response = officer_client.post(update_url(a), {"status": a.status_id, "version": a.version})
    assert "Nothing to save" in response.content.decode()
    assert action("201(a)").version == a.version


def test_officer_cannot_update_someone_elses_action(officer_client):
    a = action("101(a)")  # Pat Partner's
    assert officer_client.get(update_url(a)).status_code == 403


def test_my_actions_lists_the_officers_outstanding_actions(officer_client):
    html = officer_client.get(reverse("boards:my_actions")).content.decode()
    _, rows = read_table(html, "Your outstanding actions")
    assert sorted(r[0] for r in rows) == ["201(a)", "201(b)"]  # not 202(a), closed


# Emailed links -------------------------------------------------------------------


def test_link_update_is_recorded_as_the_person_via_emailed_link(client, officer):
    token = make_token(officer)
    opened = client.get(reverse("boards:link", args=[token]))
    assert opened.status_code == 302 and opened["Location"] == reverse("boards:link_home")
    home = client.get(opened["Location"]).content.decode()
    assert "Your outstanding actions" in home and "201(b)" in home and "101(a)" not in home
    assert token not in home  # the token is not carried on
    a = action("201(b)")
    url = reverse("boards:link_update", args=[a.pk])
    response = client.post(
        url, {"status": status_pk("GREEN"), "comment": "Cohorts agreed.", "version": a.version}
    )
    assert response.status_code == 302
    update = action("201(b)").updates.order_by("-version").first()
    assert (update.by_person, update.by_user, update.via) == (officer, None, "link")
    assert update.comment == "Cohorts agreed."


def test_link_cannot_reach_another_persons_action(client, officer):
    client.get(reverse("boards:link", args=[make_token(officer)]))
    assert client.get(reverse("boards:link_update", args=[action("101(a)").pk])).status_code == 404


def test_expired_tampered_and_revoked_links_are_refused_and_logged(
    client, officer, caplog, monkeypatch, settings
):
    token = make_token(officer)
    url = reverse("boards:link", args=[token])
    caplog.set_level(logging.WARNING, logger="boards.links")

    later = time.time() + settings.UPDATE_LINK_MAX_AGE_DAYS * 86400 + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    expired = client.get(url)
    assert expired.status_code == 403 and "This link has expired" in expired.content.decode()
    monkeypatch.undo()

    tampered = client.get(reverse("boards:link", args=[token[:-2] + "xx"]))
    assert tampered.status_code == 403 and "This link is not valid" in tampered.content.decode()

    officer.rotate_link_key()
    revoked = client.get(url)
    assert revoked.status_code == 403 and "withdrawn" in revoked.content.decode()
    reasons = [r.getMessage().split("(")[1].split(")")[0] for r in caplog.records if r.name == "boards.links"]
    assert reasons == ["expired", "tampered", "revoked"]
    # A refused link changes nothing, and opens no session.
    a = action("201(b)")
    refused = client.post(
        reverse("boards:link_update", args=[a.pk]), {"status": status_pk("RED"), "version": a.version}
    )
    assert refused.status_code == 403
    assert action("201(b)").version == a.version


def test_clerk_emails_an_update_link_that_works(clerk_client, officer):
    response = clerk_client.post(reverse("boards:send_link", args=[SLUG, officer.pk]))
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [officer.email]
    assert "201(b)" in message.body
    link = next(line for line in message.body.splitlines() if "/u/" in line).strip()
    assert message.alternatives[0][1] == "text/html" and link in message.alternatives[0][0]
    clerk_client.logout()
    opened = clerk_client.get(link.replace("http://127.0.0.1:8000", ""), follow=True)
    assert opened.status_code == 200 and "201(b)" in opened.content.decode()


def test_sending_a_link_to_someone_without_email_explains(clerk_client, small_board):
    adviser = small_board.adviser  # an officer of the board with no email address
    assert adviser.email == ""
    response = clerk_client.post(reverse("boards:send_link", args=[SLUG, adviser.pk]), follow=True)
    assert "has no email address" in response.content.decode()
    assert mail.outbox == []


def test_revoking_links_asks_first_then_rotates_the_key(clerk_client, officer):
    url = reverse("boards:revoke_links", args=[SLUG, officer.pk])
    key = officer.link_key
    assert "Revoke every update link" in clerk_client.get(url).content.decode()
    officer.refresh_from_db()
    assert officer.link_key == key
    clerk_client.post(url)
    officer.refresh_from_db()
    assert officer.link_key != key


# Clerk recording -------------------------------------------------------------------


def test_clerk_records_a_meeting_minutes_and_three_actions(clerk_client, small_board):
    board = small_board.board
    response = clerk_client.post(
        reverse("boards:meeting_new", args=[SLUG]),
        {
            "date": "05/01/2017",
            "start": "14:00",
            "venue": "Shire Hall",
            "title": "",
            "status": "held",
        },
    )
    assert "already has a meeting" in response.content.decode()  # the board has 5 January 2017
    clerk_client.post(
        reverse("boards:meeting_new", args=[SLUG]),
        {
            "date": "02/03/2017",
            "start": "14:00",
            "venue": "Shire Hall",
            "status": "held",
        },
    )
    meeting = Meeting.objects.get(board=board, starts_at__date="2017-03-02")
    items = [
        ("340", "Better Care Fund", ["(a)", "(b)"]),
        (
            "341",
            "Pharmacy Needs Assessment",
            [
                "",
            ],
        ),
    ]
    for number, title, labels in items:
        data = {
            "number": number,
            "title": title,
            "text": "Discussion.",
            "heading": "RESOLVED:",
            "resolutions-TOTAL_FORMS": "4",
            "resolutions-INITIAL_FORMS": "0",
        }
        for i, label in enumerate(labels):
            data[f"resolutions-{i}-label"] = label
            data[f"resolutions-{i}-text"] = f"That {title} item {i} be done."
        assert (
            clerk_client.post(reverse("boards:minute_item_new", args=[SLUG, meeting.pk]), data).status_code
            == 302
        )
    assert [r.label for r in MinuteItem.objects.get(board=board, number="340").resolutions.all()] == [
        "(a)",
        "(b)",
    ]

    resolutions = {
        f"{r.minute_item.number}{r.label}": r
        for r in MinuteItem.objects.get(board=board, number="340").resolutions.all()
    }
    resolutions["341"] = MinuteItem.objects.get(board=board, number="341").resolutions.get()
    rows = {"rows-TOTAL_FORMS": "10", "rows-INITIAL_FORMS": "0"}
    entries = [
        (resolutions["340(a)"].pk, "", "Report BCF outturn.", "Olu Officer", "March 2017"),
        (resolutions["340(b)"].pk, "", "Agree the BCF plan.", "Pat Partner/ A New Officer", "next meeting"),
        (
            resolutions["341"].pk,
            "341",
            "Publish the assessment.",
            "The Director of Public Health",
            "in due course",
        ),
    ]
    for i, (res, ref, text, officers, due) in enumerate(entries):
        rows.update(
            {
                f"rows-{i}-resolution": res,
                f"rows-{i}-reference": ref,
                f"rows-{i}-description": text,
                f"rows-{i}-officers": officers,
                f"rows-{i}-due": due,
                f"rows-{i}-status": status_pk("GREEN"),
            }
        )
    for i in range(3, 10):
        rows[f"rows-{i}-status"] = status_pk("GREEN")
    # "A New Officer" and "The Director of Public Health" are nobody's names yet: the clerk
    # chooses to add them as new people.
    rows.update(
        {
            "rows-1-officer_choice_1": "new",
            "rows-1-officer_asked_1": "A New Officer",
            "rows-2-officer_choice_0": "new",
            "rows-2-officer_asked_0": "The Director of Public Health",
        }
    )
    response = clerk_client.post(reverse("boards:actions_entry", args=[SLUG, meeting.pk]), rows)
    assert response.status_code == 302, response.content.decode()[:3000]
    a, b, c = action("340(a)"), action("340(b)"), action("341")
    assert a.due_date.isoformat() == "2017-03-31" and a.due_text == "March 2017"
    assert [o.name for o in b.officers.order_by("officer_links__position")] == [
        "Pat Partner",
        "A New Officer",
    ]
    assert Membership.objects.filter(board=board, person__name="A New Officer", role="officer").exists()
    assert c.due_text == "in due course" and c.due_date is None
    assert b.due_meeting is None or b.due_meeting.starts_at > meeting.starts_at
    for x in (a, b, c):
        assert x.raised_at == meeting and x.updates.get().via == "web"


def test_one_bad_row_saves_nothing(clerk_client, small_board):
    meeting = small_board.meeting
    rows = {"rows-TOTAL_FORMS": "10", "rows-INITIAL_FORMS": "0"}
    for i in range(10):
        rows[f"rows-{i}-status"] = status_pk("GREEN")
    rows.update(
        {
            "rows-0-reference": "203(b)",
            "rows-0-description": "Fine row.",
            "rows-0-officers": "Olu Officer",
            "rows-1-reference": "201(a)",
            "rows-1-description": "Duplicate reference.",
        }
    )
    before = Action.objects.count()
    response = clerk_client.post(reverse("boards:actions_entry", args=[SLUG, meeting.pk]), rows)
    html = response.content.decode()
    assert response.status_code == 200 and "already has an action 201(a)" in html
    assert "Nothing has been saved yet" in html
    assert "Fine row." in html  # what the clerk typed is kept for correcting
    assert Action.objects.count() == before


def test_clerk_reassigns_with_a_reason_in_one_history_row(clerk_client):
    a = action("201(a)")
    url = reverse("boards:edit_action", args=[SLUG, a.pk])
    data = {
        "reference": a.reference,
        "description": a.description,
        "officers": "Pat Partner",
        "due": "March 2017",
        "status": a.status_id,
        "version": a.version,
    }
    response = clerk_client.post(url, data)
    assert "Give a reason" in response.content.decode()
    clerk_client.post(url, {**data, "reason": "Public Health lead now owns suicide prevention."})
    a.refresh_from_db()
    update = a.updates.get(version=a.version)
    assert update.changes == {"officers": {"from": ["Olu Officer"], "to": ["Pat Partner"]}}
    assert update.comment == "Public Health lead now owns suicide prevention."


# Closing ---------------------------------------------------------------------------


def test_clerk_closes_after_confirming_and_it_shows_once_under_closed_since_last_meeting(
    clerk_client, small_board
):
    board = small_board.board
    proposed = action("201(a)")
    from boards.services.updating import Actor, change

    change(proposed, actor=Actor(via="web"), state="proposed")
    url = reverse("boards:close_actions", args=[SLUG])
    form = clerk_client.get(url).content.decode()
    assert re.search(rf'name="actions" value="{proposed.pk}"[^>]*checked', form)
    assert not re.search(rf'name="actions" value="{action("201(b)").pk}"[^>]*checked', form)
    meeting = make_meeting(
        board, when=(timezone.localtime() - timedelta(days=1)).replace(tzinfo=None, microsecond=0)
    )
    confirm = clerk_client.post(url, {"actions": [proposed.pk], "meeting": meeting.pk})
    assert "Close 1 action?" in confirm.content.decode()
    assert action("201(a)").state == "proposed"  # nothing closed before confirming
    clerk_client.post(url, {"actions": [proposed.pk], "meeting": meeting.pk, "confirm": "yes"})
    closed = action("201(a)")
    assert (closed.state, closed.closed_at_meeting, closed.closed_on) == ("closed", meeting, meeting.date)

    log = clerk_client.get(reverse("boards:log", args=[SLUG])).content.decode()
    _, outstanding = read_table(log, "action log")
    assert "201(a)" not in [r[0] for r in outstanding]
    _, closed_rows = read_table(log, "Closed since the last meeting")
    assert [r[0] for r in closed_rows] == ["201(a)"]
    # After the next meeting it is gone from the live log, and still in the closed view.
    make_meeting(board, when=(timezone.localtime() - timedelta(hours=1)).replace(tzinfo=None, microsecond=0))
    log = clerk_client.get(reverse("boards:log", args=[SLUG])).content.decode()
    assert "Closed since the last meeting" not in log
    closed_view = clerk_client.get(reverse("boards:log", args=[SLUG]), {"view": "closed"}).content.decode()
    assert [r[0] for r in read_table(closed_view, "action log")[1]] == ["201(a)", "202(a)"]


def test_reopen_needs_a_reason(clerk_client, small_board):
    a = action("201(a)")
    from boards.services.closing import close
    from boards.services.updating import Actor

    close([a], meeting=small_board.next_meeting, actor=Actor(via="web"))
    a.refresh_from_db()
    url = reverse("boards:reopen_action", args=[SLUG, a.pk])
    assert "Give a reason." in clerk_client.post(url, {"reason": "", "version": a.version}).content.decode()
    clerk_client.post(url, {"reason": "The meeting was postponed.", "version": a.version})
    a.refresh_from_db()
    assert a.state == "open" and a.closed_on is None and a.latest_comment == "The meeting was postponed."


# No lost updates -------------------------------------------------------------------


def test_two_editors_the_second_is_refused_with_what_changed_and_both_are_recorded(client, small_board):
    # 201(b)'s joint officers: Olu Officer, and Pat Partner, given an account here.
    other = get_user_model().objects.create_user("pat", password="pw")
    Person.objects.filter(pk=small_board.partner.pk).update(user=other)
    a = action("201(b)")
    first, second = client, client.__class__()
    sign_in(first, small_board.officer_user.username, PASSWORD)
    sign_in(second, "pat", "pw")
    seen = a.version
    assert (
        first.post(
            update_url(a), {"status": status_pk("GREEN"), "comment": "First editor.", "version": seen}
        ).status_code
        == 302
    )
    response = second.post(
        update_url(a), {"status": status_pk("RED"), "comment": "Second editor.", "version": seen}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else updated this action while you were writing" in html
    assert "First editor." in html and "Second editor." in html  # theirs shown, mine kept
    a.refresh_from_db()
    assert a.status.code == "GREEN" and a.latest_comment == "First editor."
    refused = RefusedChange.objects.get(action=a)
    assert refused.by_person.name == "Pat Partner" and refused.comment == "Second editor."
    page = client.get(reverse("boards:action", args=[SLUG, a.pk])).content.decode()
    assert "First editor." in page and "Second editor." in page and "Not saved" in page
    # Saving again, having seen the other change, goes through.
    again = second.post(
        update_url(a), {"status": status_pk("RED"), "comment": "Second editor.", "version": a.version}
    )
    assert again.status_code == 302


def test_a_clerks_stale_edit_is_refused_and_kept_as_not_saved(clerk_client, small_board):
    """The clerk's edit saves an action and any new people all or nothing, in the view's own
    transaction; a refusal there used to roll back with it, and the attempt was lost."""
    a = action("201(b)")
    seen = a.version
    change(a, actor=Actor(via="web"), comment="The officer saved first.")
    edit = reverse("boards:edit_action", args=[SLUG, a.pk])
    response = clerk_client.post(
        edit,
        {
            "reference": a.reference,
            "description": "The clerk's stale wording.",
            "officers": "Olu Officer/ Pat Partner",
            "due": "",
            "status": status_pk("RED"),
            "reason": "Reworded at the chair's request.",
            "version": seen,
        },
    )
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.description != "The clerk's stale wording." and a.latest_comment == "The officer saved first."
    refused = RefusedChange.objects.get(action=a)
    assert refused.by_user == small_board.clerk_user and refused.seen_version == seen
    assert refused.attempted["description"] == "The clerk's stale wording."
    assert refused.comment == "Reworded at the chair's request."
    page = clerk_client.get(reverse("boards:action", args=[SLUG, a.pk])).content.decode()
    assert "Not saved" in page and "Reworded at the chair&#x27;s request." in page


# Every change path leaves exactly one history row per change -------------------------


def test_each_change_path_leaves_exactly_one_history_row(client, small_board, officer):
    def rows():
        return ActionUpdate.objects.count()

    a = action("201(a)")
    sign_in(client, small_board.officer_user.username, PASSWORD)
    n = rows()
    client.post(update_url(a), {"status": status_pk("GREEN"), "comment": "web", "version": a.version})
    assert rows() == n + 1
    client.logout()

    a.refresh_from_db()
    token = make_token(officer)
    client.get(reverse("boards:link", args=[token]))
    client.post(
        reverse("boards:link_update", args=[a.pk]),
        {"status": status_pk("AMBER"), "comment": "link", "version": a.version},
    )
    assert rows() == n + 2

    sign_in(client, small_board.clerk_user.username, PASSWORD)
    a.refresh_from_db()
    client.post(
        reverse("boards:edit_action", args=[SLUG, a.pk]),
        {
            "reference": a.reference,
            "description": a.description + " (edited)",
            "officers": "Olu Officer",
            "due": "March 2017",
            "status": a.status_id,
            "version": a.version,
            "reason": "",
        },
    )
    assert rows() == n + 3
    meeting = small_board.next_meeting
    client.post(
        reverse("boards:close_actions", args=[SLUG]),
        {"actions": [a.pk], "meeting": meeting.pk, "confirm": "yes"},
    )
    assert rows() == n + 4
    a.refresh_from_db()
    client.post(
        reverse("boards:reopen_action", args=[SLUG, a.pk]), {"reason": "reopen", "version": a.version}
    )
    assert rows() == n + 5
    # Each row says its path; the board's own rows (one per action, written by the factories
    # through the same writer) are untouched. The demo loader's: tests/test_demo.py.
    assert dict(Counter(ActionUpdate.objects.values_list("via", flat=True))) == {
        "system": 5,
        "web": 4,
        "link": 1,
    }
    # Admin: see tests/test_admin.py (one row per admin save).


def test_password_reset_by_email(client, small_board):
    user = small_board.clerk_user
    user.email = "clerk@example.org"
    user.save()
    client.post(reverse("password_reset"), {"email": "clerk@example.org"})
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/") :].strip()
    form = client.get(path, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-new-pass-phrase", "new_password2": "a-long-new-pass-phrase"},
    )
    assert done.status_code == 302
    assert sign_in(client, user.username, "a-long-new-pass-phrase")


def test_sign_in_and_out(client, small_board):
    username = small_board.member_user.username
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert f"Signed in as {username}" in client.get(reverse("boards:home")).content.decode()
    client.post(reverse("logout"))
    assert "Sign in" in client.get(reverse("boards:home")).content.decode()


def test_closing_keeps_the_officers_comment_in_the_log_and_the_note_in_history(clerk_client, small_board):
    a = action("201(a)")
    meeting = small_board.next_meeting
    clerk_client.post(
        reverse("boards:close_actions", args=[SLUG]),
        {"actions": [a.pk], "meeting": meeting.pk, "comment": "Agreed complete.", "confirm": "yes"},
    )
    a.refresh_from_db()
    assert a.latest_comment == "Delivery plan due in March 2017."
    assert a.updates.get(version=a.version).comment == "Agreed complete."


def test_a_new_minute_item_starts_with_the_resolved_heading(clerk_client, small_board):
    meeting = small_board.meeting
    html = clerk_client.get(reverse("boards:minute_item_new", args=[SLUG, meeting.pk])).content.decode()
    assert 'name="heading" value="RESOLVED:"' in html


# Emailed links leave no token behind (issue 11, item 5) ---------------------------------


def test_the_token_is_exchanged_for_a_session_on_first_use(client, officer):
    token = make_token(officer)
    before = client.cookies.get("sessionid")
    opened = client.get(reverse("boards:link", args=[token]))
    assert opened.status_code == 302 and token not in opened["Location"]
    assert client.cookies["sessionid"].value != (before.value if before else None)
    # Every page and form after it: no token in the address, in a link or in a form.
    home = client.get(reverse("boards:link_home"))
    a = action("201(b)")
    form = client.get(reverse("boards:link_update", args=[a.pk]))
    for page in (home, form):
        assert page.status_code == 200 and token not in page.content.decode()
    saved = client.post(
        reverse("boards:link_update", args=[a.pk]),
        {"status": status_pk("GREEN"), "comment": "Done.", "version": a.version},
    )
    assert saved.status_code == 302 and token not in saved["Location"]


def test_a_link_session_ends_after_an_idle_hour_on_finish_and_on_revoke(
    client, officer, settings, monkeypatch
):
    home = reverse("boards:link_home")
    token = make_token(officer)
    client.get(reverse("boards:link", args=[token]))
    assert client.get(home).status_code == 200

    later = timezone.now() + timedelta(minutes=settings.UPDATE_LINK_SESSION_MINUTES + 1)
    monkeypatch.setattr("boards.services.links.timezone.now", lambda: later)
    ended = client.get(home)
    assert ended.status_code == 403 and "Open the link in your email again" in ended.content.decode()
    monkeypatch.undo()

    client.get(reverse("boards:link", args=[token]))  # the emailed link still works
    assert client.get(home).status_code == 200
    finished = client.post(reverse("boards:link_end"), follow=True)
    assert "You have finished updating" in finished.content.decode()
    assert client.get(home).status_code == 403

    client.get(reverse("boards:link", args=[token]))
    officer.rotate_link_key()  # the clerk revokes the links: the session ends too
    assert client.get(home).status_code == 403
    assert client.get(reverse("boards:link", args=[token])).status_code == 403


def test_a_link_session_is_not_a_sign_in(client, officer):
    client.get(reverse("boards:link", args=[make_token(officer)]))
    assert client.get(reverse("boards:my_actions")).status_code == 302  # to the login page
    a = action("201(b)")
    assert client.get(reverse("boards:update_action", args=[SLUG, a.pk])).status_code == 302
