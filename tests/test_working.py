"""Working the log: officers update, links, clerks record, close and reopen; nothing is lost."""

import logging
import re
import time
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
from .factories import make_meeting
from .html_tables import read_table

pytestmark = pytest.mark.django_db
SLUG = "leicestershire-hwb"


@pytest.fixture
def sandys(demo):
    return Person.objects.get(name="Mike Sandys")


def action(ref):
    return Action.objects.get(board__slug=SLUG, reference=ref)


def update_url(a):
    return reverse("boards:update_action", args=[SLUG, a.pk])


def status_pk(code):
    return Action.objects.first().board.rag_key.statuses.get(code=code).pk


# Officer updates -------------------------------------------------------------------


def test_officer_updates_status_and_comment_in_one_history_row(officer_client, sandys):
    a = action("330(d)")
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
        sandys,
        "web",
        {"status": {"from": "AMBER", "to": "GREEN"}},
    )
    assert a.updates.count() == 3


def test_revised_due_date_needs_a_reason_and_the_reason_is_recorded(officer_client):
    a = action("326(c)")
    data = {"status": a.status_id, "revised_due": "30/06/2017", "version": a.version}
    response = officer_client.post(update_url(a), data)
    assert "Give a reason for changing the due date." in response.content.decode()
    assert action("326(c)").version == a.version
    officer_client.post(update_url(a), {**data, "due_reason": "Consultation extended."})
    a.refresh_from_db()
    assert a.due_date.isoformat() == "2017-06-30" and a.due_text == ""
    assert a.latest_comment == "Due date revised: Consultation extended."


def test_officer_proposes_complete_and_the_log_shows_it(officer_client):
    a = action("330(b)")
    officer_client.post(
        update_url(a),
        {"status": a.status_id, "propose_complete": "on", "comment": "Done.", "version": a.version},
    )
    assert action("330(b)").state == "proposed"
    html = officer_client.get(reverse("boards:log", args=[SLUG])).content.decode()
    assert "Proposed for closure" in html


def test_saving_nothing_is_explained(officer_client):
    a = action("330(b)")
    response = officer_client.post(update_url(a), {"status": a.status_id, "version": a.version})
    assert "Nothing to save" in response.content.decode()
    assert action("330(b)").version == a.version


def test_officer_cannot_update_someone_elses_action(officer_client):
    a = action("254(e)")  # Paul Meredith's
    assert officer_client.get(update_url(a)).status_code == 403


def test_my_actions_lists_the_officers_outstanding_actions(officer_client):
    html = officer_client.get(reverse("boards:my_actions")).content.decode()
    _, rows = read_table(html, "Your outstanding actions")
    assert sorted(r[0] for r in rows) == ["326(c)", "330(b)", "330(d)", "333(b)"]


# Emailed links -------------------------------------------------------------------


def test_link_update_is_recorded_as_the_person_via_emailed_link(client, sandys):
    token = make_token(sandys)
    opened = client.get(reverse("boards:link", args=[token]))
    assert opened.status_code == 302 and opened["Location"] == reverse("boards:link_home")
    home = client.get(opened["Location"]).content.decode()
    assert "Your outstanding actions" in home and "333(b)" in home and "254(e)" not in home
    assert token not in home  # the token is not carried on
    a = action("333(b)")
    url = reverse("boards:link_update", args=[a.pk])
    response = client.post(
        url, {"status": status_pk("GREEN"), "comment": "Cohorts agreed.", "version": a.version}
    )
    assert response.status_code == 302
    update = action("333(b)").updates.order_by("-version").first()
    assert (update.by_person, update.by_user, update.via) == (sandys, None, "link")
    assert update.comment == "Cohorts agreed."


def test_link_cannot_reach_another_persons_action(client, sandys):
    client.get(reverse("boards:link", args=[make_token(sandys)]))
    assert client.get(reverse("boards:link_update", args=[action("254(e)").pk])).status_code == 404


def test_expired_tampered_and_revoked_links_are_refused_and_logged(
    client, sandys, caplog, monkeypatch, settings
):
    token = make_token(sandys)
    url = reverse("boards:link", args=[token])
    caplog.set_level(logging.WARNING, logger="boards.links")

    later = time.time() + settings.UPDATE_LINK_MAX_AGE_DAYS * 86400 + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    expired = client.get(url)
    assert expired.status_code == 403 and "This link has expired" in expired.content.decode()
    monkeypatch.undo()

    tampered = client.get(reverse("boards:link", args=[token[:-2] + "xx"]))
    assert tampered.status_code == 403 and "This link is not valid" in tampered.content.decode()

    sandys.rotate_link_key()
    revoked = client.get(url)
    assert revoked.status_code == 403 and "withdrawn" in revoked.content.decode()
    reasons = [r.getMessage().split("(")[1].split(")")[0] for r in caplog.records if r.name == "boards.links"]
    assert reasons == ["expired", "tampered", "revoked"]
    # A refused link changes nothing, and opens no session.
    a = action("333(b)")
    refused = client.post(
        reverse("boards:link_update", args=[a.pk]), {"status": status_pk("RED"), "version": a.version}
    )
    assert refused.status_code == 403
    assert action("333(b)").version == a.version


def test_clerk_emails_an_update_link_that_works(clerk_client, sandys):
    response = clerk_client.post(reverse("boards:send_link", args=[SLUG, sandys.pk]))
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["mike.sandys@example.org"]
    assert "330(d)" in message.body
    link = next(line for line in message.body.splitlines() if "/u/" in line).strip()
    assert message.alternatives[0][1] == "text/html" and link in message.alternatives[0][0]
    clerk_client.logout()
    opened = clerk_client.get(link.replace("http://127.0.0.1:8000", ""), follow=True)
    assert opened.status_code == 200 and "330(d)" in opened.content.decode()


def test_sending_a_link_to_someone_without_email_explains(clerk_client):
    rosemary = Person.objects.get(name="Rosemary Palmer")
    rosemary.email = ""
    rosemary.save()
    response = clerk_client.post(reverse("boards:send_link", args=[SLUG, rosemary.pk]), follow=True)
    assert "has no email address" in response.content.decode()
    assert mail.outbox == []


def test_revoking_links_asks_first_then_rotates_the_key(clerk_client, sandys):
    url = reverse("boards:revoke_links", args=[SLUG, sandys.pk])
    key = sandys.link_key
    assert "Revoke every update link" in clerk_client.get(url).content.decode()
    sandys.refresh_from_db()
    assert sandys.link_key == key
    clerk_client.post(url)
    sandys.refresh_from_db()
    assert sandys.link_key != key


# Clerk recording -------------------------------------------------------------------


def test_clerk_records_a_meeting_minutes_and_three_actions(clerk_client, demo):
    response = clerk_client.post(
        reverse("boards:meeting_new", args=[SLUG]),
        {
            "date": "05/01/2017",
            "start": "14:00",
            "venue": "County Hall, Glenfield",
            "title": "",
            "status": "held",
        },
    )
    assert "already has a meeting" in response.content.decode()  # the demo has 5 January 2017
    clerk_client.post(
        reverse("boards:meeting_new", args=[SLUG]),
        {
            "date": "02/03/2017",
            "start": "14:00",
            "venue": "County Hall, Glenfield",
            "status": "held",
        },
    )
    meeting = Meeting.objects.get(board=demo, starts_at__date="2017-03-02")
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
    assert [r.label for r in MinuteItem.objects.get(board=demo, number="340").resolutions.all()] == [
        "(a)",
        "(b)",
    ]

    resolutions = {
        f"{r.minute_item.number}{r.label}": r
        for r in MinuteItem.objects.get(board=demo, number="340").resolutions.all()
    }
    resolutions["341"] = MinuteItem.objects.get(board=demo, number="341").resolutions.get()
    rows = {"rows-TOTAL_FORMS": "10", "rows-INITIAL_FORMS": "0"}
    entries = [
        (resolutions["340(a)"].pk, "", "Report BCF outturn.", "Mike Sandys", "March 2017"),
        (resolutions["340(b)"].pk, "", "Agree the BCF plan.", "Jim Bosworth/ A New Officer", "next meeting"),
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
        "Jim Bosworth",
        "A New Officer",
    ]
    assert Membership.objects.filter(board=demo, person__name="A New Officer", role="officer").exists()
    assert c.due_text == "in due course" and c.due_date is None
    assert b.due_meeting is None or b.due_meeting.starts_at > meeting.starts_at
    for x in (a, b, c):
        assert x.raised_at == meeting and x.updates.get().via == "web"


def test_one_bad_row_saves_nothing(clerk_client, demo):
    meeting = Meeting.objects.get(board=demo, starts_at__date="2016-11-17")
    rows = {"rows-TOTAL_FORMS": "10", "rows-INITIAL_FORMS": "0"}
    for i in range(10):
        rows[f"rows-{i}-status"] = status_pk("GREEN")
    rows.update(
        {
            "rows-0-reference": "328(b)",
            "rows-0-description": "Fine row.",
            "rows-0-officers": "Mike Sandys",
            "rows-1-reference": "326(c)",
            "rows-1-description": "Duplicate reference.",
        }
    )
    before = Action.objects.count()
    response = clerk_client.post(reverse("boards:actions_entry", args=[SLUG, meeting.pk]), rows)
    html = response.content.decode()
    assert response.status_code == 200 and "already has an action 326(c)" in html
    assert "Nothing has been saved yet" in html
    assert "Fine row." in html  # what the clerk typed is kept for correcting
    assert Action.objects.count() == before


def test_clerk_reassigns_with_a_reason_in_one_history_row(clerk_client):
    a = action("330(c)")
    url = reverse("boards:edit_action", args=[SLUG, a.pk])
    data = {
        "reference": a.reference,
        "description": a.description,
        "officers": "Mike Sandys",
        "due": "March 2017",
        "status": a.status_id,
        "version": a.version,
    }
    response = clerk_client.post(url, data)
    assert "Give a reason" in response.content.decode()
    clerk_client.post(url, {**data, "reason": "Public Health lead now owns suicide prevention."})
    a.refresh_from_db()
    update = a.updates.get(version=a.version)
    assert update.changes == {"officers": {"from": ["Mike McHugh"], "to": ["Mike Sandys"]}}
    assert update.comment == "Public Health lead now owns suicide prevention."


# Closing ---------------------------------------------------------------------------


def test_clerk_closes_after_confirming_and_it_shows_once_under_closed_since_last_meeting(clerk_client, demo):
    proposed = action("327(b)")
    from boards.services.updating import Actor, change

    change(proposed, actor=Actor(via="web"), state="proposed")
    url = reverse("boards:close_actions", args=[SLUG])
    form = clerk_client.get(url).content.decode()
    assert re.search(rf'name="actions" value="{proposed.pk}"[^>]*checked', form)
    assert not re.search(rf'name="actions" value="{action("330(b)").pk}"[^>]*checked', form)
    meeting = make_meeting(
        demo, when=(timezone.localtime() - timedelta(days=1)).replace(tzinfo=None, microsecond=0)
    )
    confirm = clerk_client.post(url, {"actions": [proposed.pk], "meeting": meeting.pk})
    assert "Close 1 action?" in confirm.content.decode()
    assert action("327(b)").state == "proposed"  # nothing closed before confirming
    clerk_client.post(url, {"actions": [proposed.pk], "meeting": meeting.pk, "confirm": "yes"})
    closed = action("327(b)")
    assert (closed.state, closed.closed_at_meeting, closed.closed_on) == ("closed", meeting, meeting.date)

    log = clerk_client.get(reverse("boards:log", args=[SLUG])).content.decode()
    _, outstanding = read_table(log, "action log")
    assert "327(b)" not in [r[0] for r in outstanding]
    _, closed_rows = read_table(log, "Closed since the last meeting")
    assert [r[0] for r in closed_rows] == ["327(b)"]
    # After the next meeting it is gone from the live log, and still in the closed view.
    make_meeting(demo, when=(timezone.localtime() - timedelta(hours=1)).replace(tzinfo=None, microsecond=0))
    log = clerk_client.get(reverse("boards:log", args=[SLUG])).content.decode()
    assert "Closed since the last meeting" not in log
    closed_view = clerk_client.get(reverse("boards:log", args=[SLUG]), {"view": "closed"}).content.decode()
    assert [r[0] for r in read_table(closed_view, "action log")[1]] == ["327(b)"]


def test_reopen_needs_a_reason(clerk_client, demo):
    a = action("327(b)")
    from boards.services.closing import close
    from boards.services.updating import Actor

    close([a], meeting=Meeting.objects.get(board=demo, starts_at__date="2016-12-06"), actor=Actor(via="web"))
    a.refresh_from_db()
    url = reverse("boards:reopen_action", args=[SLUG, a.pk])
    assert "Give a reason." in clerk_client.post(url, {"reason": "", "version": a.version}).content.decode()
    clerk_client.post(url, {"reason": "The meeting was postponed.", "version": a.version})
    a.refresh_from_db()
    assert a.state == "open" and a.closed_on is None and a.latest_comment == "The meeting was postponed."


# No lost updates -------------------------------------------------------------------


def test_two_editors_the_second_is_refused_with_what_changed_and_both_are_recorded(client, demo, sandys):
    other = get_user_model().objects.create_user("vandna", password="pw")
    Person.objects.filter(name="Vandna Gohil").update(user=other)
    a = action("333(b)")
    first, second = client, client.__class__()
    sign_in(first, "mike.sandys", "demo-officer-password")
    sign_in(second, "vandna", "pw")
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
    assert refused.by_person.name == "Vandna Gohil" and refused.comment == "Second editor."
    page = client.get(reverse("boards:action", args=[SLUG, a.pk])).content.decode()
    assert "First editor." in page and "Second editor." in page and "Not saved" in page
    # Saving again, having seen the other change, goes through.
    again = second.post(
        update_url(a), {"status": status_pk("RED"), "comment": "Second editor.", "version": a.version}
    )
    assert again.status_code == 302


def test_a_clerks_stale_edit_is_refused_and_kept_as_not_saved(clerk_client, demo, sandys):
    """The clerk's edit saves an action and any new people all or nothing, in the view's own
    transaction; a refusal there used to roll back with it, and the attempt was lost."""
    a = action("330(d)")
    seen = a.version
    change(a, actor=Actor(via="web"), comment="The officer saved first.")
    edit = reverse("boards:edit_action", args=[SLUG, a.pk])
    response = clerk_client.post(
        edit,
        {
            "reference": a.reference,
            "description": "The clerk's stale wording.",
            "officers": "Mike Sandys",
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
    assert refused.by_user.username == "clerk" and refused.seen_version == seen
    assert refused.attempted["description"] == "The clerk's stale wording."
    assert refused.comment == "Reworded at the chair's request."
    page = clerk_client.get(reverse("boards:action", args=[SLUG, a.pk])).content.decode()
    assert "Not saved" in page and "Reworded at the chair&#x27;s request." in page


# Every change path leaves exactly one history row per change -------------------------


def test_each_change_path_leaves_exactly_one_history_row(client, demo, sandys):
    def rows():
        return ActionUpdate.objects.count()

    a = action("330(d)")
    sign_in(client, "mike.sandys", "demo-officer-password")
    n = rows()
    client.post(update_url(a), {"status": status_pk("GREEN"), "comment": "web", "version": a.version})
    assert rows() == n + 1
    client.logout()

    a.refresh_from_db()
    token = make_token(sandys)
    client.get(reverse("boards:link", args=[token]))
    client.post(
        reverse("boards:link_update", args=[a.pk]),
        {"status": status_pk("AMBER"), "comment": "link", "version": a.version},
    )
    assert rows() == n + 2

    sign_in(client, "clerk", "demo-clerk-password")
    a.refresh_from_db()
    client.post(
        reverse("boards:edit_action", args=[SLUG, a.pk]),
        {
            "reference": a.reference,
            "description": a.description + " (edited)",
            "officers": "Mike Sandys",
            "due": "05/01/2017",
            "status": a.status_id,
            "version": a.version,
            "reason": "",
        },
    )
    assert rows() == n + 3
    meeting = Meeting.objects.get(board=demo, starts_at__date="2016-12-06")
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
    # Import: the demo loader wrote two rows per action (created, then the papers' update).
    assert ActionUpdate.objects.filter(via="import").count() == 18
    # Admin: see tests/test_admin.py (one row per admin save).


def test_password_reset_by_email(client, demo):
    user = get_user_model().objects.get(username="clerk")
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
    assert sign_in(client, "clerk", "a-long-new-pass-phrase")


def test_sign_in_and_out(client, demo):
    response = client.post(reverse("login"), {"username": "member", "password": "demo-member-password"})
    assert response.status_code == 302
    assert "Signed in as member" in client.get(reverse("boards:home")).content.decode()
    client.post(reverse("logout"))
    assert "Sign in" in client.get(reverse("boards:home")).content.decode()


def test_closing_keeps_the_officers_comment_in_the_log_and_the_note_in_history(clerk_client, demo):
    a = action("327(b)")
    meeting = Meeting.objects.get(board=demo, starts_at__date="2016-12-06")
    clerk_client.post(
        reverse("boards:close_actions", args=[SLUG]),
        {"actions": [a.pk], "meeting": meeting.pk, "comment": "Agreed complete.", "confirm": "yes"},
    )
    a.refresh_from_db()
    assert a.latest_comment == "Meeting set up and reports submitted for consideration."
    assert a.updates.get(version=a.version).comment == "Agreed complete."


def test_a_new_minute_item_starts_with_the_resolved_heading(clerk_client, demo):
    meeting = Meeting.objects.get(board=demo, starts_at__date="2016-11-17")
    html = clerk_client.get(reverse("boards:minute_item_new", args=[SLUG, meeting.pk])).content.decode()
    assert 'name="heading" value="RESOLVED:"' in html


# Emailed links leave no token behind (issue 11, item 5) ---------------------------------


def test_the_token_is_exchanged_for_a_session_on_first_use(client, sandys):
    token = make_token(sandys)
    before = client.cookies.get("sessionid")
    opened = client.get(reverse("boards:link", args=[token]))
    assert opened.status_code == 302 and token not in opened["Location"]
    assert client.cookies["sessionid"].value != (before.value if before else None)
    # Every page and form after it: no token in the address, in a link or in a form.
    home = client.get(reverse("boards:link_home"))
    a = action("330(d)")
    form = client.get(reverse("boards:link_update", args=[a.pk]))
    for page in (home, form):
        assert page.status_code == 200 and token not in page.content.decode()
    saved = client.post(
        reverse("boards:link_update", args=[a.pk]),
        {"status": status_pk("GREEN"), "comment": "Done.", "version": a.version},
    )
    assert saved.status_code == 302 and token not in saved["Location"]


def test_a_link_session_ends_after_an_idle_hour_on_finish_and_on_revoke(
    client, sandys, settings, monkeypatch
):
    home = reverse("boards:link_home")
    token = make_token(sandys)
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
    sandys.rotate_link_key()  # the clerk revokes the links: the session ends too
    assert client.get(home).status_code == 403
    assert client.get(reverse("boards:link", args=[token])).status_code == 403


def test_a_link_session_is_not_a_sign_in(client, sandys):
    client.get(reverse("boards:link", args=[make_token(sandys)]))
    assert client.get(reverse("boards:my_actions")).status_code == 302  # to the login page
    a = action("330(d)")
    assert client.get(reverse("boards:update_action", args=[SLUG, a.pk])).status_code == 302
