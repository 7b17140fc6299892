"""Reminder kinds know whose they are and how they are worded (boards.models.ReminderKind),
and the digest follows them: an officer's reminder asks for an update and carries the update
link; a clerk's asks them to chase, with no link."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from boards.models import Membership, Reminder, ReminderAudience, ReminderKind
from boards.reminders.sender import render_digest

from .factories import make_action, make_board, make_person

NOW = timezone.make_aware(datetime(2017, 4, 10, 8, 0))
LINK_PREFIX = settings.SITE_URL + reverse("boards:link", args=["TOKEN"]).replace("TOKEN/", "")


def test_every_kind_has_an_audience_and_its_own_wording():
    for kind in ReminderKind:
        assert kind.audience in set(ReminderAudience), kind
        assert kind.label and kind.label != kind.value, kind
    labels = [kind.label for kind in ReminderKind]
    assert len(set(labels)) == len(labels)


def test_escalations_and_officers_without_an_address_go_to_clerks():
    clerks = {kind for kind in ReminderKind if kind.audience == ReminderAudience.CLERK}
    assert clerks == {ReminderKind.ESCALATION, ReminderKind.NO_EMAIL}
    assert all(kind.is_officers for kind in set(ReminderKind) - clerks)


def test_a_digest_takes_the_officers_wording_if_any_reminder_is_an_officers():
    assert ReminderKind.digest_audience(["escalation", "no_email"]) == ReminderAudience.CLERK
    assert ReminderKind.digest_audience(["escalation", "overdue"]) == ReminderAudience.OFFICER


@pytest.fixture
def reminder_of(db):
    board = make_board()
    person = make_person("Mike Sandys", email="mike@example.org")
    other = make_person("Jim Bosworth")
    for p in (person, other):
        Membership.objects.create(board=board, person=p, role="officer")
    action = make_action(board, "326(c)", officers=[person], due_date=date(2017, 3, 31))

    def reminder_of(kind):
        about = other if kind == ReminderKind.NO_EMAIL else None
        return Reminder(person=person, action=action, kind=kind, period="p", about=about, planned_at=NOW)

    return reminder_of


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_the_update_link_and_wording_follow_the_kind(reminder_of, kind):
    reminder = reminder_of(kind)
    message = render_digest(reminder.person, [reminder], NOW)
    html = message.alternatives[0][0]
    assert f"326(c) ({kind.label}" in message.body
    if kind.is_officers:
        assert LINK_PREFIX in message.body and LINK_PREFIX in html
        assert message.subject == "Your actions: 1 to update"
    else:
        assert LINK_PREFIX not in message.body and LINK_PREFIX not in html
        assert message.subject == "Actions that need chasing: 1"
