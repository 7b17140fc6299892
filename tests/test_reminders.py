"""Reminders: the pure planner, exactly-once sending, stale reminders, 60 days of the demo."""

from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from boards.models import Action, Digest, Reminder, ReminderPolicy
from boards.reminders import sender
from boards.reminders.planner import ActionFacts, BoardFacts, Officer, Planned, Policy, plan
from boards.services.updating import Actor, change

from .conftest import sign_in

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


def at(day, hour=8):
    return timezone.make_aware(datetime.fromisoformat(day).replace(hour=hour))


@pytest.mark.django_db
def test_a_second_sweep_sends_nothing_new(demo):
    first = sender.sweep(at("2016-11-26"))
    assert len(mail.outbox) == 7 and all(r.status == "sent" for r in first)
    assert sender.sweep(at("2016-11-26", 9)) == []
    assert sender.sweep(at("2016-11-27")) == []
    assert len(mail.outbox) == 7


@pytest.mark.django_db
def test_a_digest_is_sent_once_however_many_workers_try(demo):
    ids = sender.plan_and_record(at("2016-11-26"))
    assert len(ids) == 7
    assert sender.send_digest(ids[0], at("2016-11-26")) is not None
    assert sender.send_digest(ids[0], at("2016-11-26")) is None  # already claimed and sent
    assert len(mail.outbox) == 1
    # A second sweep planning the same day gathers nothing new.
    assert set(sender.plan_and_record(at("2016-11-26"))) == set(ids[1:])


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_reminder(demo):
    from django.db import IntegrityError, transaction

    sender.plan_and_record(at("2016-11-26"))
    reminder = Reminder.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            person=reminder.person, action=reminder.action, kind=reminder.kind, period=reminder.period
        )


@pytest.mark.django_db
def test_a_reminder_planned_before_an_update_or_closing_is_dropped(demo):
    ids = sender.plan_and_record(at("2016-12-07"))
    action = Action.objects.get(reference="327(b)")
    change(action, actor=Actor(via="web"), state="closed", closed_on=date(2016, 12, 7))
    for pk in ids:
        sender.send_digest(pk, at("2016-12-07", 9))
    dropped = Reminder.objects.filter(action=action)
    assert dropped.exists() and all(r.dropped for r in dropped)
    assert not any("327(b)" in m.body for m in mail.outbox)
    assert any("333(b)" in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_a_failed_send_is_recorded_and_tried_again(demo, flaky_email):
    flaky_email.failures = 1
    results = sender.sweep(at("2016-11-26"))
    failed = Digest.objects.get(status="failed")
    assert "Connection refused" in failed.error and len(mail.outbox) == 6
    assert sum(r.status == "failed" for r in results) == 1
    sender.sweep(at("2016-11-27"))
    failed.refresh_from_db()
    assert failed.status == "sent" and len(mail.outbox) == 7


@pytest.mark.django_db
def test_the_digest_lists_each_action_in_the_logs_columns_with_an_update_link(demo):
    sender.sweep(at("2016-11-26"))
    message = next(m for m in mail.outbox if m.to == ["mike.sandys@example.org"])
    assert message.subject == "Your actions: 4 to update"
    for ref in ("326(c)", "330(b)", "330(d)", "333(b)"):
        assert ref in message.body
    assert "Responsible Officer: Vandna Gohil/ Mike Sandys" in message.body
    assert "/u/" in message.body
    html = message.alternatives[0][0]
    assert '<th scope="col" style' in html and "Update your actions" in html


@pytest.mark.django_db
def test_send_reminders_command_prints_what_it_sent(demo, capsys):
    call_command("send_reminders", now="2016-11-26T08:00")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "sent 7 emails"
    call_command("send_reminders", now="2016-11-29T08:00")
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "sent 4 emails"
    assert "sent to Vandna Gohil <vandna.gohil@example.org>: upcoming 333(b)" in out
    call_command("send_reminders", now="2016-11-29T08:30")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "sent 0 emails"


@pytest.mark.django_db
def test_boards_are_swept_after_their_send_time(demo):
    ReminderPolicy.objects.create(board=demo, send_time=datetime(2000, 1, 1, 9, 30).time())
    assert sender.sweep(at("2016-11-26", 9)) == []
    assert len(sender.sweep(at("2016-11-26", 10))) == 7


# Sixty days of the demo --------------------------------------------------------------

# Reasoned from the default policy (N=7, M=7, K=10, E=2) and the demo's due dates:
# 327(b) and 333(b) are due 6/12/16; 266(c), 286(b) and 330(d) at the meeting of 5/1/17;
# 254(e) on 1/6/17, 326(c) and 330(c) at 31/3/17, 330(b) has no date. Meetings: 6/12/16, 5/1/17.
# Officers: 327(b) Rosemary Palmer/ Toby Sanders; 333(b) Vandna Gohil/ Mike Sandys; 266(c) Jim
# Bosworth/ Mike McHugh; 286(b) Rosemary Palmer; 330(d), 326(c), 330(b) Mike Sandys; 330(c) Mike
# McHugh; 254(e) Paul Meredith. The clerk is Demo Clerk.
MEETING_6_DEC = {  # 10 days before 6 December: every open action's officers
    "Mike Sandys": {"326(c)", "330(b)", "330(d)", "333(b)"},
    "Paul Meredith": {"254(e)"},
    "Toby Sanders": {"327(b)"},
    "Jim Bosworth": {"266(c)"},
    "Mike McHugh": {"266(c)", "330(c)"},
    "Rosemary Palmer": {"286(b)", "327(b)"},
    "Vandna Gohil": {"333(b)"},
}
DUE_6_DEC = {
    "Rosemary Palmer": {"327(b)"},
    "Toby Sanders": {"327(b)"},
    "Vandna Gohil": {"333(b)"},
    "Mike Sandys": {"333(b)"},
}
DUE_5_JAN = {
    "Jim Bosworth": {"266(c)"},
    "Mike McHugh": {"266(c)"},
    "Rosemary Palmer": {"286(b)"},
    "Mike Sandys": {"330(d)"},
}


def _tag(table, kind):
    return {person: {(kind, ref) for ref in refs} for person, refs in table.items()}


def _merge(*tables):
    merged = defaultdict(set)
    for table in tables:
        for person, items in table.items():
            merged[person] |= items
    return dict(merged)


EXPECTED_SCHEDULE = {
    "2016-11-26": _tag(MEETING_6_DEC, "meeting"),  # 6 Dec - 10 days
    "2016-11-29": _tag(DUE_6_DEC, "upcoming"),  # 6 Dec - 7 days
    "2016-12-07": _tag(DUE_6_DEC, "overdue"),  # the day after
    "2016-12-14": _tag(DUE_6_DEC, "overdue"),  # + 7
    "2016-12-15": {"Demo Clerk": {("escalation", "327(b)"), ("escalation", "333(b)")}},  # after 2
    "2016-12-21": _tag(DUE_6_DEC, "overdue"),
    "2016-12-26": _tag(MEETING_6_DEC, "meeting"),  # 5 Jan - 10 days: the same open actions
    "2016-12-28": _tag(DUE_6_DEC, "overdue"),
    "2016-12-29": _tag(DUE_5_JAN, "upcoming"),  # 5 Jan - 7 days
    "2017-01-04": _tag(DUE_6_DEC, "overdue"),
    "2017-01-06": _tag(DUE_5_JAN, "overdue"),
    "2017-01-11": _tag(DUE_6_DEC, "overdue"),
    "2017-01-13": _tag(DUE_5_JAN, "overdue"),
    "2017-01-14": {
        "Demo Clerk": {("escalation", "266(c)"), ("escalation", "286(b)"), ("escalation", "330(d)")}
    },
}


@pytest.mark.django_db
def test_sixty_days_of_the_demo_send_exactly_the_expected_emails(demo):
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


@pytest.fixture
def clerk(client, demo):
    sign_in(client, "clerk", "demo-clerk-password")
    return client


@pytest.mark.django_db
def test_clerk_sends_one_officer_a_reminder_now(clerk, demo):
    from django.urls import reverse

    from boards.models import Person

    sandys = Person.objects.get(name="Mike Sandys")
    response = clerk.post(reverse("boards:chase", args=[demo.slug, sandys.pk]), follow=True)
    assert "A reminder of 4 actions has been emailed to Mike Sandys." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["mike.sandys@example.org"] and "/u/" in message.body
    # Sending now again is a new reminder, deliberately.
    clerk.post(reverse("boards:chase", args=[demo.slug, sandys.pk]))
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_clerk_edits_the_boards_reminder_policy(clerk, demo):
    from django.urls import reverse

    url = reverse("boards:reminder_policy", args=[demo.slug])
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
    policy = ReminderPolicy.objects.get(board=demo)
    assert (policy.upcoming_days, policy.overdue_every_days, policy.send_time.hour) == (5, 3, 7)
    # The sweep follows it: 6 Dec - 5 days = 1 Dec for the upcoming reminders.
    assert all(r.kind != "upcoming" for r in Reminder.objects.filter(planned_at__date="2016-11-30"))
    sender.sweep(at("2016-11-30", 8))
    assert not Reminder.objects.filter(kind="upcoming").exists()
    sender.sweep(at("2016-12-01", 8))
    assert Reminder.objects.filter(kind="upcoming").count() == 4


@pytest.mark.django_db
def test_reminder_history_on_the_action_and_person_pages(client, demo):
    from django.urls import reverse

    from boards.models import Person

    sign_in(client, "member", "demo-member-password")  # a board member sees who was chased
    sender.sweep(at("2016-11-26"))
    action = Action.objects.get(reference="333(b)")
    page = client.get(reverse("boards:action", args=[demo.slug, action.pk])).content.decode()
    history = page[page.index('id="reminders"') :]
    assert "Update before the meeting" in history and "Vandna Gohil" in history and "Sent" in history
    sandys = Person.objects.get(name="Mike Sandys")
    person_page = client.get(reverse("boards:person", args=[sandys.pk])).content.decode()
    assert "Reminders sent to Mike Sandys" in person_page
    assert person_page[person_page.index('id="reminders"') :].count("Update before the meeting") == 4


@pytest.mark.django_db
def test_tasks_plan_then_queue_one_send_per_digest(demo, django_capture_on_commit_callbacks):
    from boards.reminders.tasks import sweep_reminders

    with django_capture_on_commit_callbacks(execute=True):
        ids = sweep_reminders("2016-11-26T08:00")
    assert len(ids) == 7
    assert Digest.objects.filter(status="sent").count() == 7 and len(mail.outbox) == 7
