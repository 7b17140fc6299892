"""A board's RAG key: its ordered statuses, their colours and definitions."""

from django.db import models
from django.db.models import Q

from .. import limits
from ..status_colours import Painted, text_colour_for


class RagKey(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, max_length=limits.DESCRIPTION)

    class Meta:
        ordering = ["name"]
        verbose_name = "RAG key"

    def __str__(self):
        return self.name

    @property
    def overdue_status(self):
        """The status a date-based key shows for an outstanding action past its due date."""
        return next((s for s in self.statuses.all() if s.shown_when_overdue), None)


class RagStatus(Painted, models.Model):
    key = models.ForeignKey(RagKey, on_delete=models.CASCADE, related_name="statuses")
    code = models.CharField(max_length=20, help_text="As printed in the log, e.g. GREEN.")
    label = models.CharField(max_length=50)
    colour = models.CharField(max_length=7, help_text="Background colour, #rrggbb.")
    definition = models.TextField(
        max_length=limits.DEFINITION, help_text="Printed under the log in the board's key."
    )
    is_complete = models.BooleanField(default=False, help_text="This status means the work is complete.")
    shown_when_overdue = models.BooleanField(
        default=False,
        help_text="Date-based keys: shown for any outstanding action past its due date, "
        "whatever its officer's status.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["key", "position"]
        verbose_name = "RAG status"
        verbose_name_plural = "RAG statuses"
        constraints = [
            models.UniqueConstraint(fields=["key", "code"], name="boards_ragstatus_unique_code"),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(shown_when_overdue=True),
                name="boards_ragstatus_one_overdue_status",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="boards_ragstatus_colour_hex",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def text_colour(self) -> str:
        """Black or white, whichever contrasts more with the background."""
        return text_colour_for(self.colour)
