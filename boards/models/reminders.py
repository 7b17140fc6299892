"""Reminder policy per board, and the record of every reminder planned and sent.

Exactly once: a Reminder is one (person, action, kind, period) and the database
refuses a second one. Each reminder joins at most one Digest (one email to one
person), and a digest is sent only by whoever claims it from "pending".
"""

from datetime import time

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .. import limits
from .actions import Action
from .organisations import Board, Person


class ReminderPolicy(models.Model):
    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="reminder_policy")
    enabled = models.BooleanField(default=True)
    # Bounds a board would use (a reminder a year ahead, a cadence of three months), so a
    # typo such as 100000 is refused rather than silencing the board's reminders.
    upcoming_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MaxValueValidator(90)],
        help_text="Remind officers this many days before an action is due (0 to 90).",
    )
    overdue_every_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="After the due date, remind again every this many days until updated (1 to 90).",
    )
    before_meeting_days = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(90)],
        help_text="Ask for updates this many days before each meeting, the papers deadline (0 to 90).",
    )
    escalate_after = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Tell the clerks after this many overdue reminders with no update (1 to 20).",
    )
    send_time = models.TimeField(default=time(8, 0), help_text="Local time of the daily sweep.")

    class Meta:
        verbose_name_plural = "reminder policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(overdue_every_days__gte=1), name="boards_policy_cadence_positive"
            ),
            models.CheckConstraint(
                condition=Q(escalate_after__gte=1), name="boards_policy_escalate_positive"
            ),
        ]

    def __str__(self):
        return f"Reminder policy of {self.board}"


class ReminderAudience(models.TextChoices):
    """Whose a reminder is; not stored (a reminder's person says who received it)."""

    OFFICER = "officer", "The action's officer, who can update it"
    CLERK = "clerk", "The board's clerks, who chase it"


class ReminderKind(models.TextChoices):
    """What a reminder is about, whose it is and how it is worded.

    `label` is its wording: the tag each action carries in a digest ("Overdue"). `audience`
    says whose it is (`_AUDIENCES` below names one for every kind, or the module does not
    import): an officer's digest asks them for an update and carries their update link, a
    clerk's asks them to chase (escalations, and reminders for officers with no address)."""

    UPCOMING = "upcoming", "Due soon"
    OVERDUE = "overdue", "Overdue"
    MEETING = "meeting", "Update before the meeting"
    ESCALATION = "escalation", "Escalated to the clerk"
    NO_EMAIL = "no_email", "Officer has no email address"
    CHASE = "chase", "Sent now by the clerk"

    @property
    def audience(self) -> "ReminderAudience":
        return _AUDIENCES[self]

    @property
    def is_officers(self) -> bool:
        """Sent to the action's officer, with their update link; the others go to clerks."""
        return self.audience == ReminderAudience.OFFICER

    @classmethod
    def digest_audience(cls, kinds) -> "ReminderAudience":
        """Whose wording a digest of these kinds takes: the officer's (with the update link)
        if any of them is an officer's, else the clerk's."""
        if any(cls(kind).is_officers for kind in kinds):
            return ReminderAudience.OFFICER
        return ReminderAudience.CLERK


_AUDIENCES = {
    ReminderKind.UPCOMING: ReminderAudience.OFFICER,
    ReminderKind.OVERDUE: ReminderAudience.OFFICER,
    ReminderKind.MEETING: ReminderAudience.OFFICER,
    ReminderKind.ESCALATION: ReminderAudience.CLERK,
    ReminderKind.NO_EMAIL: ReminderAudience.CLERK,
    ReminderKind.CHASE: ReminderAudience.OFFICER,
}
if set(_AUDIENCES) != set(ReminderKind):  # a new kind says whose it is, or nothing starts
    raise TypeError(f"Reminder kinds without an audience: {sorted(set(ReminderKind) - set(_AUDIENCES))}")


class DigestStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed: will be tried again"
    UNDELIVERABLE = "undeliverable", "Not sent: no address to send to"
    DROPPED = "dropped", "Not needed any more"


class Digest(models.Model):
    """One email to one person, listing their reminders across boards.

    Its life (boards/reminders/sender.py): pending -> sending (the claim, committed before
    the email goes) -> sent, recorded after. A failed send waits until next_attempt_at and
    is tried again while its reminders are still due. A digest left "sending" by a worker
    that stopped mid-send is found by the next sweep and sent again, marked interrupted.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="digests")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=DigestStatus, default=DigestStatus.PENDING)
    to_email = models.EmailField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, max_length=limits.ERROR_TEXT)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the latest attempt to send it started."
    )
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="A failed digest: when it is tried again."
    )
    interrupted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A send that stopped part-way (the worker died): it was sent again after, marked "
        "as possibly repeating the email that may have gone then.",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The sender's queue: digests still to send.
            models.Index(fields=["status"], condition=Q(status="pending"), name="boards_digest_pending"),
            # The retry sweep: failed digests by when they are due again, and sends to recover.
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["failed", "sending"]),
                name="boards_digest_retry",
            ),
        ]

    def __str__(self):
        return f"Digest to {self.person} ({self.get_status_display()})"


class Reminder(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reminders")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind)
    period = models.CharField(
        max_length=100, help_text="What the reminder covers, e.g. the due date or the overdue step."
    )
    about = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For clerks' reminders: the officer concerned.",
    )
    digest = models.ForeignKey(
        Digest, null=True, blank=True, on_delete=models.PROTECT, related_name="reminders"
    )
    planned_at = models.DateTimeField(default=timezone.now)
    dropped = models.BooleanField(default=False, help_text="No longer due when its digest was sent.")

    class Meta:
        ordering = ["-planned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "action", "kind", "period"], name="boards_reminder_exactly_once"
            )
        ]
        indexes = [
            # The sweep: planned reminders not yet in a digest.
            models.Index(
                fields=["person"], condition=Q(digest__isnull=True), name="boards_reminder_unassigned"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.person} about {self.action.reference}"
