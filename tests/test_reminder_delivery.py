"""Reminders never lost, never silently repeated (issue 11, items 9 to 11).

The sender's single steps, on the real database, with the email backend standing in for
an SMTP server that fails (tests/integration has the same drills with a real worker,
real Redis and a real SMTP server).
"""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from boards.models import Digest, Person, Reminder
from boards.reminders import sender

from .board_world import UPDATE_REQUESTS, UPDATE_REQUESTS_DAY
from .conftest import sign_in
from .factories import PASSWORD

pytestmark = pytest.mark.django_db

# The small board (tests/board_world.py): on UPDATE_REQUESTS_DAY its two officers with an email
# are asked for updates before the meeting of 5 January, one digest each.
SLUG = "small-board"
FIRST = UPDATE_REQUESTS_DAY.isoformat()
OFFICERS = len(UPDATE_REQUESTS)


def at(day, hour=8, minute=0):
    return timezone.make_aware(datetime.fromisoformat(day).replace(hour=hour, minute=minute))


def delivered():
    """(address, action reference) of every reminder that reached a mailbox."""
    found = []
    for message in mail.outbox:
        for reference in ("101(a)", "201(a)", "201(b)", "201(c)", "202(a)"):
            if f"\n{reference} (" in message.body:
                found.append((message.to[0], reference))
    return found


# 9. An SMTP outage ------------------------------------------------------------------------


def test_an_smtp_outage_loses_nothing_every_due_reminder_goes_once_after_recovery(small_board, flaky_email):
    flaky_email.failures = 10_000  # the mail server is down
    start = at(FIRST)
    results = sender.sweep(start)
    assert {r.status for r in results} == {"failed"} and len(results) == OFFICERS
    assert mail.outbox == []
    # Tried again with a growing delay: 5, 10, 20, 40, 80 minutes, then every 2 hours ...
    moment, delays = start, []
    for _ in range(8):
        retry_at = min(Digest.objects.filter(status="failed").values_list("next_attempt_at", flat=True))
        delays.append(int((retry_at - moment).total_seconds() // 60))
        moment = retry_at
        assert sender.due_now(moment - timedelta(seconds=1)) == []  # not before its time
        for pk in sender.due_now(moment):
            sender.send_digest(pk, moment)
    assert delays == [5, 10, 20, 40, 80, 120, 120, 120]
    assert Digest.objects.filter(status="failed").count() == OFFICERS  # never given up ...
    assert Digest.objects.get(person=small_board.officer).attempts == 9
    # ... and the mail server is back: every reminder still due goes, once.
    flaky_email.failures = 0
    later = moment + timedelta(hours=2)
    for pk in sender.due_now(later):
        sender.send_digest(pk, later)
    assert Digest.objects.filter(status="sent").count() == OFFICERS
    assert len(mail.outbox) == OFFICERS
    assert sorted(delivered()) == sorted(set(delivered()))
    planned = {(r.person.email, r.action.reference) for r in Reminder.objects.filter(dropped=False)}
    assert set(delivered()) == planned
    # Nothing more goes out afterwards.
    assert sender.due_now(later + timedelta(days=1)) == []


def test_a_reminder_no_longer_due_when_mail_recovers_is_dropped_not_sent_late(small_board, flaky_email):
    flaky_email.failures = 10_000
    sender.sweep(at(FIRST))  # update requests before the meeting of 5 January
    flaky_email.failures = 0
    after_meeting = at("2017-01-06")  # mail is back only after the meeting
    for pk in sender.due_now(after_meeting):
        sender.send_digest(pk, after_meeting)
    assert mail.outbox == []
    assert set(Digest.objects.values_list("status", flat=True)) == {"dropped"}


def test_new_reminders_join_the_failed_email_one_email_per_person(small_board, flaky_email):
    flaky_email.failures = 10_000
    sender.sweep(at(FIRST))
    flaky_email.failures = 0
    sender.sweep(at("2016-12-29"))  # new: 101(a) due soon, while the others wait for retry
    assert Digest.objects.count() == OFFICERS
    for pk in sender.due_now(at("2016-12-29", 12)):
        sender.send_digest(pk, at("2016-12-29", 12))
    pat = [m for m in mail.outbox if m.to == ["pat.partner@example.org"]]
    assert len(pat) == 1 and "Due soon" in pat[0].body and "Update before the meeting" in pat[0].body


def test_clerks_and_staff_are_told_when_mail_has_been_failing(client, small_board, flaky_email):
    flaky_email.failures = 10_000
    sender.sweep(at(FIRST))
    board_page = f"/boards/{SLUG}/"
    assert "Reminder emails are failing" not in client.get(board_page).content.decode()  # not the public
    assert sign_in(client, small_board.clerk_user.username, PASSWORD)
    html = client.get(board_page).content.decode()
    assert "Reminder emails are failing" in html
    assert "Connection refused" in html and "Olu Officer" in html
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("admin", password="a-long-pass-phrase", is_staff=True)
    client.post("/accounts/logout/")
    assert sign_in(client, "admin", "a-long-pass-phrase")
    home = client.get("/").content.decode()
    assert f"{OFFICERS} reminder emails could not be sent" in home  # on every page, for the site's staff


def cannot_be_emailed(html):
    """The board page's list of officers who cannot be emailed (Ada Adviser, who has no
    address, is always on the small board's), or "" when there is none."""
    if "Officers who cannot be emailed" not in html:
        return ""
    start = html.index("Officers who cannot be emailed")
    return html[start : html.index("</section>", start)]


# 10. A crash between the send and its record --------------------------------------------


def handed_over_then_crashed(digest, now):
    """What a worker killed after the SMTP send and before the record leaves behind."""
    assert sender._claim(digest.pk, now)
    Digest.objects.filter(pk=digest.pk).update(to_email=digest.person.email)


def test_a_send_interrupted_after_hand_over_is_sent_again_marked_and_recorded(small_board):
    ids = sender.plan_and_record(at(FIRST))
    digest = Digest.objects.get(pk=ids[0])
    handed_over_then_crashed(digest, at(FIRST))
    assert sender.send_digest(digest.pk, at(FIRST, 8, 1)) is None  # a redelivered task: taken
    # Within the lease it is left alone (the send may still be going on) ...
    assert digest.pk not in sender.due_now(at(FIRST, 8, 14))
    # ... after it, the rule: sent again, saying it may repeat, with the same Message-ID.
    later = at(FIRST, 8, 16)
    assert digest.pk in sender.due_now(later)
    result = sender.send_digest(digest.pk, later)
    assert result.status == "sent"
    (message,) = [m for m in mail.outbox if m.to == [digest.person.email]]
    assert "You may have had this email already" in message.body
    assert "You may have had this email already" in message.alternatives[0][0]
    assert message.extra_headers["Message-ID"] == sender.message_id(digest.pk)
    digest.refresh_from_db()
    assert digest.status == "sent" and digest.interrupted_at == at(FIRST)
    assert "interrupted" in digest.error and digest.attempts == 2


def test_a_send_interrupted_before_hand_over_is_simply_tried_again(small_board):
    ids = sender.plan_and_record(at(FIRST))
    digest = Digest.objects.get(pk=ids[0])
    assert sender._claim(digest.pk, at(FIRST))  # claimed, then the worker died
    later = at(FIRST, 8, 16)
    assert digest.pk in sender.due_now(later)
    assert sender.send_digest(digest.pk, later).status == "sent"
    (message,) = [m for m in mail.outbox if m.to == [digest.person.email]]
    assert "You may have had this email already" not in message.body
    digest.refresh_from_db()
    assert digest.interrupted_at is None


def test_every_send_carries_its_digests_message_id(small_board):
    sender.sweep(at(FIRST))
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert ids == {sender.message_id(pk) for pk in Digest.objects.values_list("pk", flat=True)}


# 11. Nobody to send to ----------------------------------------------------------------------


def test_an_address_the_mail_server_refuses_is_undeliverable_and_shown(client, small_board, flaky_email):
    address = small_board.officer.email
    flaky_email.refused = {address}
    sender.sweep(at(FIRST))
    digest = Digest.objects.get(person=small_board.officer)
    assert digest.status == "undeliverable" and "550" in digest.error
    assert sender.due_now(at("2016-12-27")) == []  # not tried again and again
    assert sign_in(client, small_board.clerk_user.username, PASSWORD)
    html = client.get(f"/boards/{SLUG}/").content.decode()
    assert "could not be delivered" in html and address in html


def test_an_officer_whose_clerks_have_no_email_is_shown_to_whoever_can_fix_it(client, small_board):
    Person.objects.filter(pk=small_board.partner.pk).update(email="")
    Person.objects.filter(memberships__board=small_board.board, memberships__role="clerk").update(email="")
    sender.sweep(at(FIRST))
    undeliverable = Digest.objects.filter(status="undeliverable")
    assert undeliverable.exists()  # the clerks' list of officers without email
    assert sign_in(client, small_board.clerk_user.username, PASSWORD)
    html = client.get(f"/boards/{SLUG}/").content.decode()
    assert "Pat Partner</a> has no email address" in cannot_be_emailed(html)


def test_a_board_with_no_clerk_still_shows_who_cannot_be_emailed(client, small_board):
    from boards.models import Membership

    Person.objects.filter(pk=small_board.partner.pk).update(email="")
    Membership.objects.filter(board=small_board.board, role="clerk").update(role="member")
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("admin", password="a-long-pass-phrase", is_staff=True)
    assert sign_in(client, "admin", "a-long-pass-phrase")
    html = client.get(f"/boards/{SLUG}/").content.decode()
    assert "Pat Partner</a> has no email address" in cannot_be_emailed(html)
