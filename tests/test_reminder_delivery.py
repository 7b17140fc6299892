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

from .conftest import sign_in

pytestmark = pytest.mark.django_db

SLUG = "leicestershire-hwb"
OFFICERS = 7  # the demo's officers with an update due before the meeting of 6 December


def at(day, hour=8, minute=0):
    return timezone.make_aware(datetime.fromisoformat(day).replace(hour=hour, minute=minute))


def delivered():
    """(address, action reference) of every reminder that reached a mailbox."""
    found = []
    for message in mail.outbox:
        for reference in (
            "254(e)",
            "266(c)",
            "286(b)",
            "326(c)",
            "327(b)",
            "330(b)",
            "330(c)",
            "330(d)",
            "333(b)",
        ):
            if f"\n{reference} (" in message.body:
                found.append((message.to[0], reference))
    return found


# 9. An SMTP outage ------------------------------------------------------------------------


def test_an_smtp_outage_loses_nothing_every_due_reminder_goes_once_after_recovery(demo, flaky_email):
    flaky_email.failures = 10_000  # the mail server is down
    start = at("2016-11-26")
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
    assert Digest.objects.get(person__name="Mike Sandys").attempts == 9
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


def test_a_reminder_no_longer_due_when_mail_recovers_is_dropped_not_sent_late(demo, flaky_email):
    flaky_email.failures = 10_000
    sender.sweep(at("2016-11-26"))  # update requests before the meeting of 6 December
    flaky_email.failures = 0
    after_meeting = at("2016-12-07")  # mail is back only after the meeting
    for pk in sender.due_now(after_meeting):
        sender.send_digest(pk, after_meeting)
    assert mail.outbox == []
    assert set(Digest.objects.values_list("status", flat=True)) == {"dropped"}


def test_new_reminders_join_the_failed_email_one_email_per_person(demo, flaky_email):
    flaky_email.failures = 10_000
    sender.sweep(at("2016-11-26"))
    flaky_email.failures = 0
    sender.sweep(at("2016-11-29"))  # new: due-soon reminders, while the others wait for retry
    assert Digest.objects.count() == OFFICERS
    for pk in sender.due_now(at("2016-11-29", 12)):
        sender.send_digest(pk, at("2016-11-29", 12))
    vandna = [m for m in mail.outbox if m.to == ["vandna.gohil@example.org"]]
    assert len(vandna) == 1 and "Due soon" in vandna[0].body and "Update before the meeting" in vandna[0].body


def test_clerks_and_staff_are_told_when_mail_has_been_failing(client, demo, flaky_email):
    flaky_email.failures = 10_000
    sender.sweep(at("2016-11-26"))
    board_page = f"/boards/{SLUG}/"
    assert "Reminder emails are failing" not in client.get(board_page).content.decode()  # not the public
    assert sign_in(client, "clerk", "demo-clerk-password")
    html = client.get(board_page).content.decode()
    assert "Reminder emails are failing" in html
    assert "Connection refused" in html and "Mike Sandys" in html
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("admin", password="a-long-pass-phrase", is_staff=True)
    client.post("/accounts/logout/")
    assert sign_in(client, "admin", "a-long-pass-phrase")
    home = client.get("/").content.decode()
    assert "7 reminder emails could not be sent" in home  # on every page, for the site's staff


# 10. A crash between the send and its record --------------------------------------------


def handed_over_then_crashed(digest, now):
    """What a worker killed after the SMTP send and before the record leaves behind."""
    assert sender._claim(digest.pk, now)
    Digest.objects.filter(pk=digest.pk).update(to_email=digest.person.email)


def test_a_send_interrupted_after_hand_over_is_sent_again_marked_and_recorded(demo):
    ids = sender.plan_and_record(at("2016-11-26"))
    digest = Digest.objects.get(pk=ids[0])
    handed_over_then_crashed(digest, at("2016-11-26"))
    assert sender.send_digest(digest.pk, at("2016-11-26", 8, 1)) is None  # a redelivered task: taken
    # Within the lease it is left alone (the send may still be going on) ...
    assert digest.pk not in sender.due_now(at("2016-11-26", 8, 14))
    # ... after it, the rule: sent again, saying it may repeat, with the same Message-ID.
    later = at("2016-11-26", 8, 16)
    assert digest.pk in sender.due_now(later)
    result = sender.send_digest(digest.pk, later)
    assert result.status == "sent"
    (message,) = [m for m in mail.outbox if m.to == [digest.person.email]]
    assert "You may have had this email already" in message.body
    assert "You may have had this email already" in message.alternatives[0][0]
    assert message.extra_headers["Message-ID"] == sender.message_id(digest.pk)
    digest.refresh_from_db()
    assert digest.status == "sent" and digest.interrupted_at == at("2016-11-26")
    assert "interrupted" in digest.error and digest.attempts == 2


def test_a_send_interrupted_before_hand_over_is_simply_tried_again(demo):
    ids = sender.plan_and_record(at("2016-11-26"))
    digest = Digest.objects.get(pk=ids[0])
    assert sender._claim(digest.pk, at("2016-11-26"))  # claimed, then the worker died
    later = at("2016-11-26", 8, 16)
    assert digest.pk in sender.due_now(later)
    assert sender.send_digest(digest.pk, later).status == "sent"
    (message,) = [m for m in mail.outbox if m.to == [digest.person.email]]
    assert "You may have had this email already" not in message.body
    digest.refresh_from_db()
    assert digest.interrupted_at is None


def test_every_send_carries_its_digests_message_id(demo):
    sender.sweep(at("2016-11-26"))
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert ids == {sender.message_id(pk) for pk in Digest.objects.values_list("pk", flat=True)}


# 11. Nobody to send to ----------------------------------------------------------------------


def test_an_address_the_mail_server_refuses_is_undeliverable_and_shown(client, demo, flaky_email):
    flaky_email.refused = {"mike.sandys@example.org"}
    sender.sweep(at("2016-11-26"))
    digest = Digest.objects.get(person__name="Mike Sandys")
    assert digest.status == "undeliverable" and "550" in digest.error
    assert sender.due_now(at("2016-11-27")) == []  # not tried again and again
    assert sign_in(client, "clerk", "demo-clerk-password")
    html = client.get(f"/boards/{SLUG}/").content.decode()
    assert "could not be delivered" in html and "mike.sandys@example.org" in html


def test_an_officer_whose_clerks_have_no_email_is_shown_to_whoever_can_fix_it(client, demo):
    rosemary = Person.objects.get(name="Rosemary Palmer")
    Person.objects.filter(pk=rosemary.pk).update(email="")
    Person.objects.filter(memberships__board=demo, memberships__role="clerk").update(email="")
    sender.sweep(at("2016-11-26"))
    undeliverable = Digest.objects.filter(status="undeliverable")
    assert undeliverable.exists()  # the clerks' list of officers without email
    assert sign_in(client, "clerk", "demo-clerk-password")
    html = client.get(f"/boards/{SLUG}/").content.decode()
    assert "Officers who cannot be emailed" in html and "Rosemary Palmer" in html
    assert "has no email address" in html


def test_a_board_with_no_clerk_still_shows_who_cannot_be_emailed(client, demo):
    from boards.models import Membership

    Person.objects.filter(name="Rosemary Palmer").update(email="")
    Membership.objects.filter(board=demo, role="clerk").update(role="member")
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("admin", password="a-long-pass-phrase", is_staff=True)
    assert sign_in(client, "admin", "a-long-pass-phrase")
    html = client.get(f"/boards/{SLUG}/").content.decode()
    assert "Officers who cannot be emailed" in html and "Rosemary Palmer" in html
