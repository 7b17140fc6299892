"""Actions, their responsible officers, and the history of every change.

An Action's tracked fields are written only by `boards.services.updating`, which
records an ActionUpdate in the same transaction. `Action.save()` refuses to run
outside it, so no code path can change an action without leaving history.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from .. import limits
from ..references import sort_key
from .exemption import Exemptable
from .meetings import Meeting, MinuteItem, Resolution
from .organisations import Board, Person
from .rag import RagStatus

_history_writer_active: ContextVar[bool] = ContextVar("history_writer_active", default=False)


@contextmanager
def history_writer():
    """Open only by boards.services.updating: lets Action.save() run."""
    token = _history_writer_active.set(True)
    try:
        yield
    finally:
        _history_writer_active.reset(token)


class ActionState(models.TextChoices):
    OPEN = "open", "Open"
    PROPOSED_COMPLETE = "proposed", "Proposed for closure"
    CLOSED = "closed", "Closed"
    # Neither outstanding nor closed: recorded in error and withdrawn by a clerk, with the
    # reason in its history. Shown only in the log's "All" view, marked withdrawn.
    WITHDRAWN = "withdrawn", "Withdrawn"


def is_overdue(state: str, complete: bool, due: date | None, on: date) -> bool:
    """The one definition of overdue: open, not marked complete, due before `on`.

    For facts already read (the log's rows, the reminder planner); `overdue_q` is its SQL
    twin, for querysets. tests/test_overdue_rule.py holds the two to the same answers."""
    return state == ActionState.OPEN and not complete and due is not None and due < on


def overdue_q(on, prefix: str = "") -> Q:
    """`is_overdue` as a query: open, not marked complete, due before `on`.
    `prefix` applies it across a relation, e.g. "actions__" from a Board."""
    return Q(
        **{
            f"{prefix}state": ActionState.OPEN,
            f"{prefix}due_date__lt": on,
            f"{prefix}status__is_complete": False,
        }
    ) & ~Q(**{f"{prefix}state": ActionState.CLOSED})
    # The last term adds nothing (an open action is not closed) except for SQLite's planner:
    # it uses the partial index on open actions' due dates (boards_action_open_due) only
    # when the query repeats the index's condition. The home page's overdue list across 50
    # boards went from 90 ms to 6 ms.


class ActionQuerySet(models.QuerySet):
    def outstanding(self) -> Self:
        """Not yet closed by the board, and not withdrawn: the live log."""
        # Two excludes, not one `state__in`: SQLite's planner uses the partial index on open
        # actions only when the query repeats its condition (state <> 'closed') as written.
        return self.exclude(state=ActionState.CLOSED).exclude(state=ActionState.WITHDRAWN)

    def closed(self) -> Self:
        return self.filter(state=ActionState.CLOSED)

    def published(self) -> Self:
        """Open to the public: not exempt from publication (boards.models.exemption)."""
        return self.filter(exempt=False)

    def withdrawn(self) -> Self:
        return self.filter(state=ActionState.WITHDRAWN)

    def overdue(self, on: date | None = None) -> Self:
        """Open, not marked complete, and due before `on` (default: today, in the board's time zone)."""
        return self.filter(overdue_q(on or timezone.localdate()))

    def in_log_order(self) -> Self:
        return self.order_by("board_id", "sort_key")

    def soonest_due_first(self) -> Self:
        """By due date, those with none last (SQLite would put them first), then as the log."""
        return self.order_by(F("due_date").asc(nulls_last=True), "board__name", "sort_key")


class Action(Exemptable):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(
        max_length=50, help_text="As printed in the log: minute number and label, e.g. 326(c)."
    )
    sort_key = models.CharField(max_length=200, editable=False)
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    minute_item = models.ForeignKey(
        MinuteItem, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    raised_at = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_raised",
        help_text="The meeting that agreed the action.",
    )
    raised_on = models.DateField(help_text="The log's Date column.")
    description = models.TextField(max_length=limits.ACTION_TEXT)
    officers = models.ManyToManyField(Person, through="ActionOfficer", related_name="actions")
    due_date = models.DateField(null=True, blank=True)
    due_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_due"
    )
    due_text = models.CharField(
        max_length=100, blank=True, help_text="Due as written: “March 2017”, “in due course”."
    )
    status = models.ForeignKey(RagStatus, on_delete=models.PROTECT, related_name="actions")
    state = models.CharField(max_length=20, choices=ActionState, default=ActionState.OPEN)
    closed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_closed"
    )
    closed_on = models.DateField(null=True, blank=True)
    latest_comment = models.TextField(
        blank=True, max_length=limits.COMMENT_TEXT, help_text="The log's Comments column."
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["board", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["board", "reference"], name="boards_action_unique_reference"),
            models.CheckConstraint(
                condition=(Q(state=ActionState.CLOSED) & Q(closed_on__isnull=False))
                | (~Q(state=ActionState.CLOSED) & Q(closed_on__isnull=True)),
                name="boards_action_closed_has_date",
            ),
        ]
        indexes = [
            # The reminder sweep: open actions by due date (upcoming and overdue).
            models.Index(
                fields=["due_date"],
                condition=~Q(state=ActionState.CLOSED),
                name="boards_action_open_due",
            ),
            # The board log page: one board's actions in the papers' order.
            models.Index(fields=["board", "sort_key"], name="boards_action_log_order"),
        ]

    def __str__(self):
        return f"{self.reference} {self.description[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not _history_writer_active.get():
            raise RuntimeError("Actions are changed through boards.services.updating, which records history.")
        self.sort_key = sort_key(self.reference)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("boards:action", args=[self.board.slug, self.pk])


class ActionOfficer(models.Model):
    """A responsible officer of an action; position 0 is the lead."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="officer_links")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="officer_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["action", "position"]
        constraints = [models.UniqueConstraint(fields=["action", "person"], name="boards_actionofficer_once")]

    def __str__(self):
        return f"{self.person} on {self.action.reference}"


class AppendOnlyQuerySet(models.QuerySet):
    """History is written once: no bulk update or delete through the ORM either (on
    PostgreSQL a trigger refuses them in SQL too: migration 0007)."""

    def update(self, **kwargs):
        raise RuntimeError(f"{self.model._meta.verbose_name_plural} are never changed.")

    def delete(self):
        raise RuntimeError(f"{self.model._meta.verbose_name_plural} are never deleted.")

    _raw_delete = delete  # type: ignore[assignment]  # refused as delete() is (Django's takes `using`)


class UpdateVia(models.TextChoices):
    WEB = "web", "Web"
    LINK = "link", "Emailed link"
    ADMIN = "admin", "Admin"
    IMPORT = "import", "Import"
    SYSTEM = "system", "System"


class ActionUpdate(models.Model):
    """One change to an action: who, when, how, what changed from and to, and why.

    Rows are written by boards.services.updating and never edited or deleted.
    """

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_updates",
    )
    by_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="action_updates"
    )
    via = models.CharField(max_length=20, choices=UpdateVia)
    changes = models.JSONField(default=dict, blank=True, help_text='{"field": {"from": ..., "to": ...}}')
    comment = models.TextField(blank=True, max_length=limits.HISTORY_COMMENT)
    version = models.PositiveIntegerField(help_text="The action's version after this change.")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["action", "-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "version"], name="boards_actionupdate_one_per_version")
        ]
        indexes = [
            # The action page's history, newest first; the board page's recent updates.
            models.Index(fields=["action", "-at"], name="boards_update_action_at"),
            models.Index(fields=["-at"], name="boards_update_recent"),
        ]

    def __str__(self):
        return f"{self.action.reference} v{self.version} ({self.get_via_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("History rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("History rows are never deleted.")


class RefusedChange(models.Model):
    """An edit refused because the action changed after the editor loaded it.

    Kept so that both attempts are in the record: the one that was saved (an
    ActionUpdate) and the one that was not (this row, with what it tried to do).
    """

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="refused_changes")
    at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    via = models.CharField(max_length=20, choices=UpdateVia)
    seen_version = models.PositiveIntegerField()
    current_version = models.PositiveIntegerField()
    attempted = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True, max_length=limits.HISTORY_COMMENT)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["action", "-at"]

    def __str__(self):
        return f"Refused edit of {self.action.reference} (saw v{self.seen_version})"
