"""Fault drills with the real parts: a Celery worker process, Redis, a real SMTP server
(aiosmtpd) and the test's database (issue 11's Done-when).

- SMTP refusing, then recovering: every due reminder is delivered once, after recovery.
- A worker killed between the send and its record: the documented outcome, and the record
  says so.
- A database connection killed mid-sweep: the sweep completes on retry.
- A due date of 31/12/9999 on one action: every other reminder still goes.
"""

import time

import pytest
from django.db import connection

from boards.demo.load import load_demo
from boards.models import Action, Board, Digest, Reminder
from boards.reminders.tasks import retry_digests, sweep_reminders

from .conftest import celery_client, publish, read_emails, read_markers, wait_for
from .demo_reminders import EXPECTED_SCHEDULE

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEND_TIMEOUT = 40
OFFICERS = 7
EXPECTED = EXPECTED_SCHEDULE["2016-11-26"]  # the update requests before the meeting of 6 December


@pytest.fixture
def demo(transactional_db):
    load_demo()
    return Board.objects.get(slug="leicestershire-hwb")


def statuses():
    counts = {}
    for status in Digest.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def wait_for_statuses(wanted, worker, timeout=SEND_TIMEOUT):
    wait_for(
        lambda: statuses() == wanted,
        timeout=timeout,
        interval=0.2,
        what=f"digests {wanted}",
        details=lambda: f"digests: {statuses()}\n{worker.logs()}",
    )


def by_name(received):
    names = dict(Digest.objects.values_list("person__email", "person__name"))
    return {names[sent.to[0]]: sent for sent in received}


def test_smtp_refusing_then_recovering_delivers_every_due_reminder_once(
    demo, broker, make_worker, smtp_server
):
    worker = make_worker(
        broker,
        email_backend="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp_server.port,
        EMAIL_TIMEOUT=5,
    )
    worker.start()
    with celery_client(broker):
        # The SMTP server is down: every digest fails, and is kept for a retry.
        publish(sweep_reminders, "2016-11-26T08:00", broker=broker)
        wait_for_statuses({"failed": OFFICERS}, worker)
        assert all(
            "Connection refused" in error or "111" in error
            for error in Digest.objects.values_list("error", flat=True)
        )
        # The retry before its time sends nothing.
        publish(retry_digests, "2016-11-26T08:04", broker=broker)
        time.sleep(1.5)
        assert statuses() == {"failed": OFFICERS}

        # The server is back; the retry task runs (beat runs it every five minutes).
        smtp_server.start()
        publish(retry_digests, "2016-11-26T08:05", broker=broker)
        wait_for_statuses({"sent": OFFICERS}, worker)
        received = smtp_server.received()
        assert len(received) == OFFICERS
        assert {name: sent.items for name, sent in by_name(received).items()} == EXPECTED
        # Later retries and the next sweep send nothing again.
        publish(retry_digests, "2016-11-26T09:00", broker=broker)
        publish(sweep_reminders, "2016-11-26T09:05", broker=broker)
        time.sleep(2)
        assert len(smtp_server.received()) == OFFICERS
        assert Reminder.objects.filter(digest__status="sent").count() == Reminder.objects.count()


def test_a_worker_killed_between_send_and_record_sends_again_marked(
    demo, broker, make_worker, emails_folder, markers_folder
):
    worker = make_worker(broker, email_backend="tests.integration.slow_email.EmailBackend")
    worker.start(ACTIONLOG_IT_AFTER_SEND_DELAY=3)
    with celery_client(broker):
        publish(sweep_reminders, "2016-11-26T08:00", broker=broker)
        # The first email is written; the worker sleeps before recording it. Kill it there.
        sent = wait_for(
            lambda: [m for m in read_markers(markers_folder) if m.startswith("sent to ")],
            timeout=SEND_TIMEOUT,
            interval=0.02,
            what="the first email to be sent",
            details=worker.logs,
        )
        worker.kill()
        address = sent[0].removeprefix("sent to ")
        digest = Digest.objects.get(person__email=address)
        assert digest.status == "sending" and len(read_emails(emails_folder)) == 1

        # Restarted. Within the lease the digest is left alone; after it (15 minutes), the
        # retry task applies the rule: send again, saying it may repeat, same Message-ID.
        worker.start(ACTIONLOG_IT_AFTER_SEND_DELAY=0)
        publish(retry_digests, "2016-11-26T08:10", broker=broker)
        wait_for_statuses({"sent": OFFICERS - 1, "sending": 1}, worker)
        publish(retry_digests, "2016-11-26T08:16", broker=broker)
        wait_for_statuses({"sent": OFFICERS}, worker)

        emails = read_emails(emails_folder)
        assert len(emails) == OFFICERS + 1
        twice = [e for e in emails if e.to == [address]]
        assert len(twice) == 2
        assert "You may have had this email already" not in twice[0].text
        assert "You may have had this email already" in twice[1].text
        assert twice[0].message_id == twice[1].message_id
        assert twice[0].items == twice[1].items
        others = [tuple(e.to) for e in emails if e.to != [address]]
        assert len(others) == OFFICERS - 1 and len(set(others)) == OFFICERS - 1  # each once
        digest.refresh_from_db()
        assert digest.interrupted_at is not None and "interrupted" in digest.error


def test_a_database_connection_killed_mid_sweep_the_sweep_completes_on_retry(
    demo, broker, make_worker, emails_folder, markers_folder, is_postgres
):
    """PostgreSQL: the worker's own connection is terminated (pg_terminate_backend) while it
    is about to record the planned reminders. SQLite's connections cannot be cut from
    outside, so there the worker raises the error a dropped connection gives."""
    # The bulk insert of the planned reminders: INSERT (OR IGNORE on SQLite) INTO "boards_reminder".
    pause = {
        "ACTIONLOG_IT_PAUSE_ON_SQL": r'INSERT (OR IGNORE )?INTO "boards_reminder"',
        "ACTIONLOG_IT_PAUSE_SECONDS": 3,
    }
    if not is_postgres:
        pause["ACTIONLOG_IT_DROP_ON_PAUSE"] = 1
    worker = make_worker(broker, **pause)
    worker.start()
    with celery_client(broker):
        task = publish(sweep_reminders, "2016-11-26T08:00", broker=broker)
        paused = wait_for(
            lambda: (
                (markers_folder / "paused.txt").exists()
                and (markers_folder / "paused.txt").read_text().split()
            ),
            timeout=SEND_TIMEOUT,
            what="the sweep to reach the insert of the planned reminders",
            details=worker.logs,
        )
        if is_postgres:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [int(paused[1])])
                assert cursor.fetchone()[0] is True
        wait_for_statuses({"sent": OFFICERS}, worker)
        log = worker.log()
        assert f"Task boards.sweep_reminders[{task}] retry" in log  # failed once, retried
        emails = read_emails(emails_folder)
        assert len(emails) == OFFICERS and len({tuple(e.to) for e in emails}) == OFFICERS
        assert {name: sent.items for name, sent in by_name(emails).items()} == EXPECTED


def test_a_due_date_of_31_12_9999_on_one_action_every_other_reminder_still_goes(
    demo, broker, make_worker, emails_folder
):
    from datetime import date

    Action.objects.filter(board=demo, reference="330(b)").update(due_date=date(9999, 12, 31))
    worker = make_worker(broker)
    worker.start()
    with celery_client(broker):
        publish(sweep_reminders, "2016-11-26T08:00", broker=broker)
        wait_for_statuses({"sent": OFFICERS}, worker)
    emails = by_name(read_emails(emails_folder))
    expected = {name: {item for item in items if item[1] != "330(b)"} for name, items in EXPECTED.items()}
    assert {name: sent.items for name, sent in emails.items()} == expected
    assert "could not be planned" in worker.log() and "OverflowError" in worker.log()
