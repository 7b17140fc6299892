"""The followers' alerts: one email a day of what changed on what they follow, limited to what
they may see, never sent twice, a failed send recorded and retried, in constant queries."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from boards.alerts import planner, sender, tasks
from boards.models import AlertEmail, AlertStatus, ChangeKind, Follower
from boards.services.follows import Target, follow
from boards.services.publishing import publish
from boards.services.updating import Actor, change

from .board_world import small_board as build_small_board
from .factories import UserFactory, make_action

pytestmark = pytest.mark.django_db

SYSTEM = Actor(via="system")


def public_follower(email, *targets, at=None):
    """A member of the public who has confirmed (the pages' path is in test_follows)."""
    at = at or timezone.now()
    follower = Follower.objects.create(email=email, confirmed_at=at, alerted_upto=at, created_at=at)
    for target in targets:
        follower.follows.create(created_at=at, **target.fields())
    return follower


def _later(hours=1):
    return timezone.now() + timedelta(hours=hours)


def test_a_public_follower_gets_public_changes_only_and_a_member_sees_the_exempt_one(small_board):
    board = small_board.board
    reader = public_follower("reader@example.org", Target(board=board))
    follow(small_board.member_user, Target(board=board))
    private = build_small_board("private-board", "Private Board")
    private.board.is_public = False
    private.board.save()
    reader.follows.create(board=private.board)  # as if followed while it was public

    amber = board.rag_key.statuses.get(code="AMBER")
    change(small_board.actions["201(a)"], actor=SYSTEM, status=amber, comment="Plan drafted.", at=_later(1))
    secret = small_board.actions["201(b)"]
    change(secret, actor=SYSTEM, exempt=True, exempt_grounds="Paragraph 3 of Schedule 12A", at=_later(2))
    change(secret, actor=SYSTEM, comment="Terms of the contract agreed.", at=_later(3))
    change(private.actions["201(a)"], actor=SYSTEM, comment="Private progress.", at=_later(3))
    change(
        small_board.actions["201(c)"], actor=SYSTEM, state="closed", closed_on=date(2017, 1, 5), at=_later(4)
    )

    results = sender.sweep(_later(24))
    assert sorted(r.status for r in results) == ["sent", "sent"]
    by_address = {m.to[0]: m for m in mail.outbox}
    public = by_address["reader@example.org"]
    for part in (public.body, public.alternatives[0][0]):
        assert "Plan drafted." in part and "201(a)" in part and "201(c)" in part
        assert "201(b)" not in part and "Terms of the contract" not in part and "Schedule 12A" not in part
        assert "Private progress" not in part and "Private Board" not in part
        # Public fields only: no officer's address, no reminders.
        assert "@example.org" not in part.replace("reader@example.org", "")
    assert "Closed" in public.body and "Status: GREEN -> AMBER" in public.body

    member = by_address[small_board.member_user.email]
    assert "201(b)" in member.body and "Terms of the contract agreed." in member.body
    assert "Private Board" not in member.body  # not on it
    # The exemption's grounds are never in an alert, even for the board's people.
    assert "Schedule 12A" not in member.body


def test_following_an_action_brings_its_changes_only_and_a_board_brings_its_published_logs(small_board):
    reader = public_follower("reader@example.org", Target(action=small_board.actions["201(a)"]))
    watcher = public_follower("watcher@example.org", Target(board=small_board.board))
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="Mine.", at=_later(1))
    change(small_board.actions["201(b)"], actor=SYSTEM, comment="Not mine.", at=_later(1))
    publish(small_board.board, small_board.meeting)
    sender.sweep(_later(24))
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Mine." in by_address[reader.email].body and "Not mine." not in by_address[reader.email].body
    assert "Action log published" not in by_address[reader.email].body
    assert "Action log published" in by_address[watcher.email].body
    assert "Not mine." in by_address[watcher.email].body


def test_nothing_new_means_no_email(small_board):
    public_follower("reader@example.org", Target(board=small_board.board))
    assert sender.sweep(_later(24)) == []
    assert not mail.outbox and not AlertEmail.objects.exists()


def test_a_sweep_run_twice_sends_once_and_the_next_day_sends_only_what_is_new(small_board):
    reader = public_follower("reader@example.org", Target(board=small_board.board))
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="First news.", at=_later(1))
    day = _later(24)
    assert [r.status for r in sender.sweep(day)] == ["sent"]
    assert sender.sweep(day) == [] and sender.sweep(day + timedelta(minutes=5)) == []
    assert len(mail.outbox) == 1 and AlertEmail.objects.count() == 1
    reader.refresh_from_db()
    assert reader.alerted_upto == day

    change(small_board.actions["201(a)"], actor=SYSTEM, comment="Second news.", at=day + timedelta(hours=1))
    sender.sweep(day + timedelta(days=1))
    assert len(mail.outbox) == 2
    assert "Second news." in mail.outbox[1].body and "First news." not in mail.outbox[1].body


def test_the_beat_task_sends_once_committed(small_board, django_capture_on_commit_callbacks):
    public_follower("reader@example.org", Target(board=small_board.board))
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="News.", at=_later(1))
    with django_capture_on_commit_callbacks(execute=True):
        alert_ids = tasks.sweep_alerts.delay(_later(24).isoformat()).get()
    assert len(alert_ids) == 1 and len(mail.outbox) == 1
    assert AlertEmail.objects.get().status == AlertStatus.SENT
    schedule = settings.CELERY_BEAT_SCHEDULE["sweep-alerts"]
    assert schedule["task"] == "boards.sweep_alerts" and schedule["schedule"].hour == {settings.ALERT_HOUR}


def test_a_failing_send_is_recorded_and_retried_and_nothing_is_lost(small_board, flaky_email):
    reader = public_follower("reader@example.org", Target(board=small_board.board))
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="News.", at=_later(1))
    flaky_email.failures = 1
    day = _later(24)
    (failed,) = sender.sweep(day)
    alert = AlertEmail.objects.get()
    assert failed.status == alert.status == AlertStatus.FAILED
    assert "Connection refused" in alert.error and alert.next_attempt_at == day + sender.FIRST_RETRY
    reader.refresh_from_db()
    assert reader.alerted_upto < day  # not told yet
    # Not due before its retry time; a second sweep that day plans no second alert.
    assert sender.due_now(day + timedelta(minutes=1)) == [] and sender.sweep(day + timedelta(minutes=1)) == []
    retry = day + timedelta(minutes=6)
    assert sender.due_now(retry) == [alert.pk]
    assert sender.send_alert(alert.pk, retry).status == AlertStatus.SENT
    alert.refresh_from_db()
    assert (alert.status, alert.attempts, alert.to_email) == (AlertStatus.SENT, 2, "reader@example.org")
    assert len(mail.outbox) == 1 and "News." in mail.outbox[0].body
    reader.refresh_from_db()
    assert reader.alerted_upto == day


def test_one_bad_alert_never_stops_the_sweep(small_board, flaky_email):
    public_follower("refused@example.org", Target(board=small_board.board))
    public_follower("reader@example.org", Target(board=small_board.board))
    flaky_email.refused = {"refused@example.org"}
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="News.", at=_later(1))
    results = {r.to or "refused": r.status for r in sender.sweep(_later(24))}
    assert sorted(results.values()) == ["sent", "undeliverable"]
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]


def test_an_unsubscribed_follower_gets_nothing_even_if_planned(small_board):
    reader = public_follower("reader@example.org", Target(board=small_board.board))
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="News.", at=_later(1))
    (alert_id,) = sender.plan_and_record(_later(24))
    Follower.objects.filter(pk=reader.pk).update(unsubscribed_at=timezone.now())
    assert sender.send_alert(alert_id, _later(24)).status == AlertStatus.DROPPED
    assert not mail.outbox


def test_every_alert_has_one_click_unsubscribe_in_its_headers_and_body(small_board):
    reader = public_follower("reader@example.org", Target(board=small_board.board))
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="News.", at=_later(1))
    sender.sweep(_later(24))
    (message,) = mail.outbox
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (url,) = re.fullmatch(r"<(.+)>", headers["List-Unsubscribe"]).groups()
    assert url in message.body and url in message.alternatives[0][0]
    assert headers["Message-ID"] == f"<alert-{AlertEmail.objects.get().pk}@127.0.0.1>"
    # The mail client's one-click POST: no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix(settings.SITE_URL),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.unsubscribed_at is not None and not reader.follows.exists()


def _queries_for_one_alert(world, updates: int, email: str) -> int:
    follower = public_follower(email, Target(board=world.board))
    follow_user = UserFactory(username=f"acct-{email.split('@')[0]}")
    follow(follow_user, Target(board=world.board))
    at = _later(1)
    for n in range(updates):
        action = make_action(world.board, f"9{n:02d}({email[0]})", officers=[world.officer], actor=SYSTEM)
        change(action, actor=SYSTEM, comment=f"Update {n}.", at=at + timedelta(minutes=n))
    ids = sender.plan_and_record(_later(24))
    counts = []
    for alert in AlertEmail.objects.filter(pk__in=ids).select_related("follower"):
        with CaptureQueriesContext(connection) as queries:
            assert sender.send_alert(alert.pk, _later(24)).status == AlertStatus.SENT
        counts.append(len(queries))
    assert follower.alerts.exists()
    return max(counts)


def test_the_queries_to_send_one_alert_do_not_grow_with_its_changes(db):
    small = _queries_for_one_alert(build_small_board("few"), 2, "few@example.org")
    large = _queries_for_one_alert(build_small_board("many"), 25, "many@example.org")
    assert small == large
    # Claim, hand-over and record each commit on their own (three statements inside a test's
    # transaction: savepoint, update, release); the alert, its follows, its history rows, its
    # published logs, and moving alerted_upto: one each.
    assert large <= 14


def test_planning_queries_do_not_grow_with_followers(small_board):
    change(small_board.actions["201(a)"], actor=SYSTEM, comment="News.", at=_later(1))
    public_follower("one@example.org", Target(board=small_board.board))
    with CaptureQueriesContext(connection) as few:
        sender.plan_and_record(_later(24))
    AlertEmail.objects.all().delete()
    for n in range(10):
        public_follower(f"more-{n}@example.org", Target(board=small_board.board))
    with CaptureQueriesContext(connection) as many:
        ids = sender.plan_and_record(_later(24))
    assert len(ids) == 11 and len(few) == len(many)


# The planner, on its own ---------------------------------------------------------------------


def test_the_planner_names_each_change_once_and_respects_when_a_follow_began():
    t0 = timezone.now()
    follows = [
        planner.Followed(board_id=1, action_id=None, since=t0),
        planner.Followed(board_id=None, action_id=10, since=t0 - timedelta(days=5)),
        planner.Followed(board_id=None, action_id=20, since=t0 + timedelta(hours=2)),
    ]
    changes = [
        planner.Change(("update", 1), "updated", t0 + timedelta(hours=1), board_id=1, action_id=10),
        planner.Change(("update", 2), "updated", t0 + timedelta(hours=1), board_id=2, action_id=20),
        planner.Change(("update", 3), "updated", t0 + timedelta(hours=3), board_id=2, action_id=20),
        planner.Change(("published", 4), "published", t0 + timedelta(hours=1), board_id=2),
        planner.Change(("update", 5), "updated", t0 + timedelta(days=2), board_id=1, action_id=11),
        planner.Change(("update", 6), "updated", t0 - timedelta(hours=1), board_id=1, action_id=12),
    ]
    listed = planner.changes_for(follows, changes, since=t0 - timedelta(days=1), upto=t0 + timedelta(days=1))
    assert [c.key for c in listed] == [("update", 1), ("update", 3)]


def test_the_planner_words_each_kind_of_change():
    assert planner.kind_of(1, {}) == ChangeKind.RAISED
    assert planner.kind_of(2, {"state": {"from": "open", "to": "proposed"}}) == ChangeKind.PROPOSED
    assert planner.kind_of(3, {"state": {"from": "proposed", "to": "closed"}}) == ChangeKind.CLOSED
    assert planner.kind_of(4, {"state": {"from": "closed", "to": "open"}}) == ChangeKind.REOPENED
    assert planner.kind_of(4, {"state": {"from": "open", "to": "withdrawn"}}) == ChangeKind.WITHDRAWN
    assert planner.kind_of(5, {"status": {"from": "GREEN", "to": "AMBER"}}) == ChangeKind.UPDATED


def test_the_planner_waits_for_an_alert_still_being_retried():
    now = timezone.now()
    facts = [
        planner.FollowerFacts(1, now - timedelta(days=1), has_changes=True),
        planner.FollowerFacts(2, now - timedelta(days=1), has_changes=True, waiting=True),
        planner.FollowerFacts(3, now - timedelta(days=1), has_changes=False),
    ]
    (only,) = planner.plan(facts, now.date(), now)
    assert (only.follower_id, only.period, only.upto) == (1, now.date().isoformat(), now)
