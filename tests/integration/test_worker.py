"""Reminders through the real parts: Redis, a Celery worker process, emails written to files.

The test process commits the demo (transactional_db), publishes `boards.sweep_reminders`
to Redis as the beat schedule would, and reads what the worker wrote: the emails in the
folder of Django's file backend, the Digest rows in the shared database.
"""

import ast
import time

import pytest
from kombu.exceptions import OperationalError

from boards.demo.load import load_demo
from boards.forms.actions import status_choices
from boards.models import Action, ActionUpdate, Board, Digest, Person, Reminder
from boards.reminders.tasks import sweep_reminders
from tests.conftest import sign_in

from .conftest import Broker, celery_client, publish, read_emails, read_markers, wait_for
from .demo_reminders import EXPECTED_SCHEDULE, _merge

pytestmark = [
    pytest.mark.redis,
    # The worker reads what the test commits. The RAG key presets come from a data
    # migration, which a transactional test's flush removes: serialized_rollback restores them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OFFICERS = [
    "Mike Sandys",
    "Paul Meredith",
    "Toby Sanders",
    "Jim Bosworth",
    "Mike McHugh",
    "Rosemary Palmer",
    "Vandna Gohil",
]
SEND_TIMEOUT = 30


@pytest.fixture
def demo(transactional_db):
    """The demo, committed: the worker process reads it from the same database."""
    load_demo()
    return Board.objects.get(slug="leicestershire-hwb")


def addresses(names):
    return {Person.objects.get(name=name).email: name for name in names}


def digests_by_status():
    counts = {}
    for status in Digest.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def wait_for_sent(count, worker):
    wait_for(
        lambda: Digest.objects.filter(status="sent").count() >= count,
        timeout=SEND_TIMEOUT,
        interval=0.1,
        what=f"{count} digests to be sent",
        details=lambda: f"digests: {digests_by_status()}\n{worker.logs()}",
    )


def one_email_each(folder, names):
    """The emails in the folder, by officer: exactly one to each of `names`, no others."""
    wanted = addresses(names)
    emails = read_emails(folder)
    to = sorted(address for sent in emails for address in sent.to)
    assert to == sorted(wanted), f"expected one email to each of {sorted(wanted)}, found {to}"
    return {wanted[sent.to[0]]: sent for sent in emails}


def test_worker_sends_the_digests_and_a_second_trigger_sends_nothing_new(
    demo, broker, make_worker, emails_folder
):
    worker = make_worker(broker)
    worker.start()
    with celery_client(broker):
        first = publish(sweep_reminders, "2016-11-26T08:00", broker=broker)
        digest_ids = worker.task_result(first, timeout=SEND_TIMEOUT)
        wait_for_sent(7, worker)

        by_officer = one_email_each(emails_folder, OFFICERS)
        expected = EXPECTED_SCHEDULE["2016-11-26"]  # 10 days before the 6 December meeting
        assert {name: sent.items for name, sent in by_officer.items()} == expected
        assert by_officer["Mike Sandys"].subject == "Your actions: 4 to update"
        assert sorted(Digest.objects.values_list("pk", flat=True)) == ast.literal_eval(digest_ids)
        assert digests_by_status() == {"sent": 7}
        wait_for(
            lambda: broker.outstanding() == {"queued": 0, "unacked": 0},
            timeout=10,
            what="the queue to drain",
            details=lambda: str(broker.outstanding()),
        )

        # Again, for the same moment and an hour later: nothing new is due, nothing is
        # queued, nothing is sent.
        for moment in ("2016-11-26T08:00", "2016-11-26T09:00"):
            again = publish(sweep_reminders, moment, broker=broker)
            assert worker.task_result(again, timeout=SEND_TIMEOUT) == "[]", moment
        time.sleep(1)  # a send queued by mistake would have been picked up by now
        assert broker.outstanding() == {"queued": 0, "unacked": 0}
        assert len(read_emails(emails_folder)) == 7
        assert digests_by_status() == {"sent": 7}
        assert Reminder.objects.filter(digest__isnull=True).count() == 0


def test_worker_killed_mid_send_then_restarted_sends_each_reminder_and_marks_the_interrupted_one(
    demo, broker, make_worker, emails_folder, markers_folder
):
    """Killed inside the SMTP exchange: nobody can know whether that email went. The rule
    (boards/reminders/sender.py): it is sent again once the lease has passed, saying it may
    repeat, and its record says it was interrupted. Every other digest goes once."""
    worker = make_worker(broker, email_backend="tests.integration.slow_email.EmailBackend")
    worker.start(ACTIONLOG_IT_SEND_DELAY=2)
    with celery_client(broker):
        publish(sweep_reminders, "2016-11-26T08:00", broker=broker)
        # At the second "about to send" the worker is asleep, before writing that email.
        markers = wait_for(
            lambda: (
                (found := [m for m in read_markers(markers_folder) if m.startswith("about")])[1:] and found
            ),
            timeout=SEND_TIMEOUT,
            interval=0.02,
            what="the second send to start",
            details=worker.logs,
        )
        worker.kill()
        first_to = markers[0].removeprefix("about to send to ")
        killed_to = markers[1].removeprefix("about to send to ")
        assert [sent.to for sent in read_emails(emails_folder)] == [[first_to]]
        # The claim was committed before sending: the digest is "sending", handed over.
        killed = Digest.objects.get(person__email=killed_to)
        assert (killed.status, killed.attempts, killed.to_email) == ("sending", 1, killed_to)

        # Restarted, an hour later: the sweep sends the rest, and finds the interrupted one.
        worker.start(ACTIONLOG_IT_SEND_DELAY=0)
        publish(sweep_reminders, "2016-11-26T09:00", broker=broker)
        wait_for_sent(7, worker)
        wait_for(
            lambda: broker.outstanding() == {"queued": 0, "unacked": 0},
            timeout=20,
            interval=0.2,
            what="every message, the redelivered one too, to be handled",
            details=lambda: f"{broker.outstanding()}\n{worker.logs()}",
        )

        by_officer = one_email_each(emails_folder, OFFICERS)
        expected = EXPECTED_SCHEDULE["2016-11-26"]
        assert {name: sent.items for name, sent in by_officer.items()} == expected
        resent = next(sent for sent in by_officer.values() if sent.to == [killed_to])
        assert "You may have had this email already" in resent.text
        assert sum("You may have had this email already" in sent.text for sent in by_officer.values()) == 1
        killed.refresh_from_db()
        assert killed.status == "sent" and killed.interrupted_at is not None
        assert "interrupted" in killed.error
        assert digests_by_status() == {"sent": 7}
        assert Reminder.objects.filter(digest__status="sent").count() == Reminder.objects.count()


def test_redis_down_at_sweep_time_then_back_catches_up(
    demo, own_redis, token, make_worker, emails_folder, client
):
    broker = Broker.for_test(own_redis.url, token)
    own_redis.start()
    own_redis.stop()
    with celery_client(broker):
        # Redis is down. The web app works: an officer's update is saved.
        action = Action.objects.get(board=demo, reference="330(d)")
        updates = ActionUpdate.objects.filter(action=action).count()
        green = next(s for s in status_choices(demo) if s.code == "GREEN" and not s.is_complete)
        assert sign_in(client, "mike.sandys", "demo-officer-password")
        response = client.post(
            f"/boards/{demo.slug}/actions/{action.pk}/update/",
            {
                "status": green.pk,
                "comment": "Prevalence figures clarified with the drug and alcohol team.",
                "version": action.version,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert ActionUpdate.objects.filter(action=action).count() == updates + 1
        action.refresh_from_db()
        assert action.status == green

        # The sweep cannot be published: an error, at once, and nothing is recorded.
        started = time.monotonic()
        with pytest.raises(OperationalError):
            publish(sweep_reminders, "2016-11-26T08:00", broker=broker, retry=False)
        assert time.monotonic() - started < 5
        assert Reminder.objects.count() == 0 and Digest.objects.count() == 0

        # Redis is back on the same port; a worker starts; the next sweep, three days
        # later, catches up: one email per officer with the meeting requests due since
        # 26 November and the actions due on 6 December.
        own_redis.start()
        worker = make_worker(broker)
        worker.start()
        publish(sweep_reminders, "2016-11-29T08:00", broker=broker)
        wait_for_sent(7, worker)
        by_officer = one_email_each(emails_folder, OFFICERS)
        expected = _merge(EXPECTED_SCHEDULE["2016-11-26"], EXPECTED_SCHEDULE["2016-11-29"])
        assert {name: sent.items for name, sent in by_officer.items()} == expected
        assert by_officer["Mike Sandys"].items == {
            ("meeting", "326(c)"),
            ("meeting", "330(b)"),
            ("meeting", "330(d)"),
            ("meeting", "333(b)"),
            ("upcoming", "333(b)"),
        }
        # The update made while Redis was down is in the digest.
        assert "Prevalence figures clarified with the drug and alcohol team." in (
            by_officer["Mike Sandys"].text
        )
        assert digests_by_status() == {"sent": 7}
