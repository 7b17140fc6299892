"""Following a board or an action, and the record of every alert email.

A Follower is either an account (its user) or, for a member of the public, an email address
that has confirmed it wants alerts (double opt-in: confirmed_at). A Follow names one board or
one action. Once a day each follower with something new gets one AlertEmail: the changes on
what they follow between alerted_upto and the moment the alert was planned, limited to what
they may see (boards/alerts). Exactly once: an alert is one (follower, period) and the
database refuses a second; it is sent only by whoever claims it from "pending".
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .. import limits
from .actions import Action
from .organisations import Board


class FollowerQuerySet(models.QuerySet["Follower"]):
    def receiving(self) -> Self:
        """Confirmed, not unsubscribed, and (for an account) still active: those sent alerts."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).filter(
            Q(user__isnull=True) | Q(user__is_active=True)
        )


class Follower(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follower",
        help_text="A member or officer following from their account (alerts go to its address).",
    )
    email = models.EmailField(blank=True, help_text="A member of the public: the address that asked.")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the address confirmed (an account is confirmed at once)."
    )
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="The latest confirmation email: at most one a day per address."
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    alerted_upto = models.DateTimeField(
        default=timezone.now, help_text="Changes up to this moment have been sent (or were not needed)."
    )

    objects = FollowerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email="")) | (Q(user__isnull=True) & ~Q(email="")),
                name="boards_follower_account_or_address",
            ),
            models.UniqueConstraint(
                fields=["email"], condition=Q(user__isnull=True), name="boards_follower_one_per_address"
            ),
        ]

    def __str__(self):
        return self.email or f"Account {self.user_id}"

    @property
    def address(self) -> str:
        """Where alerts go: the public follower's address, or the account's."""
        if self.user_id:
            return self.user.email if self.user else ""
        return self.email


class Follow(models.Model):
    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="follows")
    board = models.ForeignKey(Board, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(board__isnull=False) & Q(action__isnull=True))
                | (Q(board__isnull=True) & Q(action__isnull=False)),
                name="boards_follow_board_or_action",
            ),
            models.UniqueConstraint(
                fields=["follower", "board"],
                condition=Q(board__isnull=False),
                name="boards_follow_board_once",
            ),
            models.UniqueConstraint(
                fields=["follower", "action"],
                condition=Q(action__isnull=False),
                name="boards_follow_action_once",
            ),
        ]

    def __str__(self):
        return f"{self.follower} follows {self.board or self.action}"

    @property
    def target(self):
        return self.board if self.board_id else self.action


class ChangeKind(models.TextChoices):
    """What an alert lists, as its wording."""

    RAISED = "raised", "Raised"
    UPDATED = "updated", "Updated"
    PROPOSED = "proposed", "Proposed for closure"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"
    WITHDRAWN = "withdrawn", "Withdrawn"
    PUBLISHED = "published", "Action log published"


class AlertStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed: will be tried again"
    UNDELIVERABLE = "undeliverable", "Not sent: no address, refused, or given up"
    DROPPED = "dropped", "Not needed: nothing left to tell, or unsubscribed"
    INTERRUPTED = "interrupted", "Handed to the mail server when the worker stopped: not sent again"


class AlertEmail(models.Model):
    """One alert email to one follower: the changes between `since` and `upto`.

    Its life (boards/alerts/sender.py): pending -> sending (the claim, committed before the
    email goes) -> sent; or failed, tried again after a back-off; the follower's alerted_upto
    moves to `upto` once it is sent or found to be unneeded.
    """

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="alerts")
    period = models.CharField(max_length=20, help_text="The day it covers (its local date): one a day.")
    since = models.DateTimeField()
    upto = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=AlertStatus, default=AlertStatus.PENDING)
    to_email = models.EmailField(blank=True, help_text="Set when it was handed to the mail server.")
    subject = models.CharField(max_length=300, blank=True)
    change_count = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, max_length=limits.ERROR_TEXT)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["follower", "period"], name="boards_alert_once_a_period"),
        ]
        indexes = [
            # The sender's queue and the retry sweep: alerts still to send or to recover.
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["pending", "failed", "sending"]),
                name="boards_alert_waiting",
            ),
        ]

    def __str__(self):
        return f"Alert to {self.follower} for {self.period} ({self.get_status_display()})"
