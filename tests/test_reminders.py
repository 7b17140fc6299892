"""Reminders: the pure planner, exactly-once sending, stale reminders, 60 days of the small board."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from boards.models import Digest, Reminder, ReminderPolicy
from boards.reminders import sender
from boards.reminders.planner import ActionFacts, BoardFacts, Officer, Planned, Policy, plan
from boards.services.updating import Actor, change

from .board_world import UPDATE_REQUESTS, UPDATE_REQUESTS_DAY
from .conftest import sign_in
from .factories import PASSWORD, make_action

D = date.fromisoformat


def facts(due="2017-03-31", state="open", complete=False, officers=((1, True),), last_update=None, sent=()):
    return ActionFacts(
        10,
        5,
        state,
        complete,
        D(due) if due else None,
        tuple(Officer(p, e) for p, e in officers),
        D(last_update) if last_update else None,
        frozenset(sent),
    )


BOARD = {5: BoardFacts(5, Policy(), clerks=(99,))}


def kinds(planned):
    return sorted((p.person_id, p.kind, p.period) for p in planned)


# The planner, a pure function ---------------------------------------------------------


def test_upcoming_from_n_days_before_until_the_due_date():
    assert plan([facts()], BOARD, D("2017-03-23")) == []
    assert kinds(plan([facts()], BOARD, D("2017-03-24"))) == [(1, "upcoming", "2017-03-31")]
    assert kinds(plan([facts()], BOARD, D("2017-03-30"))) == [(1, "upcoming", "2017-03-31")]
    assert all(p.kind != "upcoming" for p in plan([facts()], BOARD, D("2017-03-31")))


def test_overdue_the_day_after_then_every_m_days():
    assert kinds(plan([facts()], BOARD, D("2017-04-01"))) == [(1, "overdue", "2017-04-01+0")]
    assert kinds(plan([facts()], BOARD, D("2017-04-07"))) == [(1, "overdue", "2017-04-01+0")]
    assert kinds(plan([facts()], BOARD, D("2017-04-08"))) == [(1, "overdue", "2017-04-01+1")]


def test_a_missed_week_catches_up_with_one_reminder_not_a_backlog():
    planned = plan([facts()], BOARD, D("2017-05-01"))
    assert kinds(planned) == [(1, "overdue", "2017-04-01+4")]


def test_an_officer_update_restarts_the_overdue_cadence():
    updated = facts(last_update="2017-04-10")
    assert plan([updated], BOARD, D("2017-04-16")) == []
    assert kinds(plan([updated], BOARD, D("2017-04-17"))) == [(1, "overdue", "2017-04-17+0")]


def test_escalation_to_each_clerk_after_e_overdue_reminders_once_per_spell():
    one = facts(sent={"2017-04-01+0"})
    assert all(p.kind != "escalation" for p in plan([one], BOARD, D("2017-04-09")))
    two = facts(sent={"2017-04-01+0", "2017-04-01+1"})
    assert (99, "escalation", "2017-04-01") in kinds(plan([two], BOARD, D("2017-04-09")))
    # After the officer updates, the old spell's reminders no longer count.
    after_update = facts(sent={"2017-04-01+0", "2017-04-01+1"}, last_update="2017-04-10")
    assert all(p.kind != "escalation" for p in plan([after_update], BOARD, D("2017-04-20")))


def test_update_request_k_days_before_the_next_meeting():
    board = {5: BoardFacts(5, Policy(), (99,), next_meeting=(7, D("2017-01-05")))}
    no_due = facts(due=None)
    assert plan([no_due], board, D("2016-12-25")) == []
    assert kinds(plan([no_due], board, D("2016-12-26"))) == [(1, "meeting", "meeting-7")]
    assert kinds(plan([no_due], board, D("2017-01-04"))) == [(1, "meeting", "meeting-7")]
    assert plan([no_due], board, D("2017-01-05")) == []


def test_proposed_complete_and_complete_statuses_are_not_chased():
    for quiet in (facts(state="proposed"), facts(complete=True)):
        assert plan([quiet], BOARD, D("2017-04-02")) == []


def test_an_officer_with_no_email_is_listed_to_the_clerks_instead():
    planned = plan([facts(officers=((1, False), (2, True)))], BOARD, D("2017-04-01"))
    assert set(planned) == {
        Planned(2, 10, "overdue", "2017-04-01+0"),
        Planned(99, 10, "no_email", "overdue:2017-04-01+0:1", about_id=1),
    }


def test_policy_values_are_used():
    board = {5: BoardFacts(5, Policy(upcoming_days=14, overdue_every_days=3), (99,))}
    assert kinds(plan([facts()], board, D("2017-03-17"))) == [(1, "upcoming", "2017-03-31")]
    assert kinds(plan([facts()], board, D("2017-04-04"))) == [(1, "overdue", "2017-04-01+1")]


# Sending, exactly once --------------------------------------------------------------
# On the small board (tests/board_world.py, which lists its reminders): UPDATE_REQUESTS_DAY
# sends Olu Officer and Pat Partner one digest each.
FIRST = UPDATE_REQUESTS_DAY.isoformat()
DIGESTS = len(UPDATE_REQUESTS)


def at(day, hour=8):
    return timezone.make_aware(datetime.fromisoformat(day).replace(hour=hour))


def day_after(day):
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


@pytest.mark.django_db
def test_a_second_sweep_sends_nothing_new(small_board):
    first = sender.sweep(at(FIRST))
    assert len(mail.outbox) == DIGESTS and all(r.status == "sent" for r in first)
    assert sender.sweep(at(FIRST, 9)) == []
    assert sender.sweep(at(day_after(FIRST))) == []
    assert len(mail.outbox) == DIGESTS


@pytest.mark.django_db
def test_a_digest_is_sent_once_however_many_workers_try(small_board):
    ids = sender.plan_and_record(at(FIRST))
    assert len(ids) == DIGESTS
    assert sender.send_digest(ids[0], at(FIRST)) is not None
    assert sender.send_digest(ids[0], at(FIRST)) is None  # already claimed and sent
    assert len(mail.outbox) == 1
    # A second sweep planning the same day gathers nothing new.
    assert set(sender.plan_and_record(at(FIRST))) == set(ids[1:])


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_reminder(small_board):
    from django.db import IntegrityError, transaction

    sender.plan_and_record(at(FIRST))
    reminder = Reminder.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            person=reminder.person, action=reminder.action, kind=reminder.kind, period=reminder.period
        )


@pytest.mark.django_db
def test_a_reminder_planned_before_an_update_or_closing_is_dropped(small_board):
    # Another action due on 6 December, so that something is still due once 201(b) closes.
    make_action(small_board.board, "203(a)", officers=[small_board.officer], due_date=date(2016, 12, 6))
    ids = sender.plan_and_record(at("2016-12-07"))
    action = small_board.action("201(b)")
    change(action, actor=Actor(via="web"), state="closed", closed_on=date(2016, 12, 7))
    for pk in ids:
        sender.send_digest(pk, at("2016-12-07", 9))
    dropped = Reminder.objects.filter(action=action)
    assert dropped.exists() and all(r.dropped for r in dropped)
    assert not any("201(b)" in m.body for m in mail.outbox)
    assert any("203(a)" in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_a_failed_send_is_recorded_and_tried_again(small_board, flaky_email):
    flaky_email.failures = 1
    results = sender.sweep(at(FIRST))
    failed = Digest.objects.get(status="failed")
    assert "Connection refused" in failed.error and len(mail.outbox) == DIGESTS - 1
    assert sum(r.status == "failed" for r in results) == 1
    sender.sweep(at(day_after(FIRST)))
    failed.refresh_from_db()
    assert failed.status == "sent" and len(mail.outbox) == DIGESTS


@pytest.mark.django_db
def test_the_digest_lists_each_action_in_the_logs_columns_with_an_update_link(small_board):
    sender.sweep(at("2016-12-21"))  # 201(b)'s overdue reminder of that week, so that ...
    mail.outbox.clear()
    sender.sweep(at(FIRST))  # ... this day's digest holds only the update requests
    message = next(m for m in mail.outbox if m.to == [small_board.officer.email])
    assert message.subject == "Your actions: 2 to update"
    for ref in UPDATE_REQUESTS["Olu Officer"]:
        assert ref in message.body
    assert "Responsible Officer: Olu Officer/ Pat Partner" in message.body
    assert "/u/" in message.body
    html = message.alternatives[0][0]
    assert '<th scope="col" style' in html and "Update your actions" in html


@pytest.mark.django_db
def test_send_reminders_command_prints_what_it_sent(small_board, capsys):
    call_command("send_reminders", now="2016-11-29T08:00")
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "sent 2 emails"
    assert "sent to Pat Partner <pat.partner@example.org>: upcoming 201(b)" in out
    call_command("send_reminders", now="2016-12-07T08:00")
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "sent 2 emails"
    assert f"sent to Olu Officer <{small_board.officer.email}>: overdue 201(b)" in out
    call_command("send_reminders", now="2016-12-07T08:30")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "sent 0 emails"


@pytest.mark.django_db
def test_boards_are_swept_after_their_send_time(small_board):
    ReminderPolicy.objects.create(board=small_board.board, send_time=datetime(2000, 1, 1, 9, 30).time())
    assert sender.sweep(at(FIRST, 9)) == []
    assert len(sender.sweep(at(FIRST, 10))) == DIGESTS


# Sixty days of the small board -------------------------------------------------------

# Reasoned from the default policy (N=7, M=7, K=10, E=2) and the small board's due dates
# (tests/board_world.py): 201(b) (Olu Officer/ Pat Partner) is due 6/12/16; 101(a) (Pat Partner)
# at the meeting of 5/1/17; 201(a) (Olu Officer) on 31/3/17, after the sixty days; 201(c) is
# proposed for closure and 202(a) closed, so neither is chased. The one meeting ahead is 5/1/17.
# The clerk is Clara Clerk.
DUE_6_DEC = {"Olu Officer": {"201(b)"}, "Pat Partner": {"201(b)"}}
DUE_5_JAN = {"Pat Partner": {"101(a)"}}


def _tag(table, kind):
    return {person: {(kind, ref) for ref in refs} for person, refs in table.items()}


EXPECTED_SCHEDULE = {
    "2016-11-29": _tag(DUE_6_DEC, "upcoming"),  # 6 Dec - 7 days
    "2016-12-07": _tag(DUE_6_DEC, "overdue"),  # the day after
    "2016-12-14": _tag(DUE_6_DEC, "overdue"),  # + 7
    "2016-12-15": {"Clara Clerk": {("escalation", "201(b)")}},  # after 2
    "2016-12-21": _tag(DUE_6_DEC, "overdue"),
    "2016-12-26": _tag(UPDATE_REQUESTS, "meeting"),  # 5 Jan - 10 days: every open action's officers
    "2016-12-28": _tag(DUE_6_DEC, "overdue"),
    "2016-12-29": _tag(DUE_5_JAN, "upcoming"),  # 5 Jan - 7 days
    "2017-01-04": _tag(DUE_6_DEC, "overdue"),
    "2017-01-06": _tag(DUE_5_JAN, "overdue"),
    "2017-01-11": _tag(DUE_6_DEC, "overdue"),
    "2017-01-13": _tag(DUE_5_JAN, "overdue"),
    "2017-01-14": {"Clara Clerk": {("escalation", "101(a)")}},
}


@pytest.mark.django_db
def test_sixty_days_of_the_small_board_send_exactly_the_expected_emails(small_board):
    found = {}
    start = date(2016, 11, 17)
    for offset in range(60):
        day = (start + timedelta(days=offset)).isoformat()
        sent = {}
        for result in sender.sweep(at(day)):
            assert result.status == "sent", result
            assert result.person not in sent, f"two emails to {result.person} on {day}"
            sent[result.person] = {(r.kind, r.action.reference) for r in result.reminders}
        if sent:
            found[day] = sent
    assert found == EXPECTED_SCHEDULE
    assert len(mail.outbox) == sum(len(people) for people in EXPECTED_SCHEDULE.values())


# What clerks and officers see -----------------------------------------------------------


@pytest.mark.django_db
def test_clerk_sends_one_officer_a_reminder_now(clerk_of_small_board, small_board):
    from django.urls import reverse

    clerk, officer = clerk_of_small_board, small_board.officer
    response = clerk.post(reverse("boards:chase", args=[small_board.board.slug, officer.pk]), follow=True)
    assert "A reminder of 2 actions has been emailed to Olu Officer." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == [officer.email] and "/u/" in message.body
    # Sending now again is a new reminder, deliberately.
    clerk.post(reverse("boards:chase", args=[small_board.board.slug, officer.pk]))
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_clerk_edits_the_boards_reminder_policy(clerk_of_small_board, small_board):
    from django.urls import reverse

    clerk = clerk_of_small_board
    url = reverse("boards:reminder_policy", args=[small_board.board.slug])
    assert "Days before the due date" in clerk.get(url).content.decode()
    bad = clerk.post(
        url,
        {
            "enabled": "on",
            "upcoming_days": "5",
            "overdue_every_days": "0",
            "before_meeting_days": "10",
            "escalate_after": "2",
            "send_time": "07:30",
        },
    )
    assert bad.status_code == 200 and not ReminderPolicy.objects.exists()
    clerk.post(
        url,
        {
            "enabled": "on",
            "upcoming_days": "5",
            "overdue_every_days": "3",
            "before_meeting_days": "10",
            "escalate_after": "2",
            "send_time": "07:30",
        },
    )
    policy = ReminderPolicy.objects.get(board=small_board.board)
    assert (policy.upcoming_days, policy.overdue_every_days, policy.send_time.hour) == (5, 3, 7)
    # The sweep follows it: 6 Dec - 5 days = 1 Dec for 201(b)'s two officers' upcoming reminders.
    assert all(r.kind != "upcoming" for r in Reminder.objects.filter(planned_at__date="2016-11-30"))
    sender.sweep(at("2016-11-30", 8))
    assert not Reminder.objects.filter(kind="upcoming").exists()
    sender.sweep(at("2016-12-01", 8))
    assert Reminder.objects.filter(kind="upcoming").count() == 2


@pytest.mark.django_db
def test_reminder_history_on_the_action_and_person_pages(client, small_board):
    from django.urls import reverse

    sign_in(client, small_board.member_user.username, PASSWORD)  # a board member sees who was chased
    sender.sweep(at(FIRST))
    action = small_board.action("201(b)")
    page = client.get(reverse("boards:action", args=[small_board.board.slug, action.pk])).content.decode()
    history = page[page.index('id="reminders"') :]
    assert "Update before the meeting" in history and "Pat Partner" in history and "Sent" in history
    officer = small_board.officer
    person_page = client.get(reverse("boards:person", args=[officer.pk])).content.decode()
    assert "Reminders sent to Olu Officer" in person_page
    assert person_page[person_page.index('id="reminders"') :].count("Update before the meeting") == 2


@pytest.mark.django_db
def test_tasks_plan_then_queue_one_send_per_digest(small_board, django_capture_on_commit_callbacks):
    from boards.reminders.tasks import sweep_reminders

    with django_capture_on_commit_callbacks(execute=True):
        ids = sweep_reminders(f"{FIRST}T08:00")
    assert len(ids) == DIGESTS
    assert Digest.objects.filter(status="sent").count() == DIGESTS and len(mail.outbox) == DIGESTS
