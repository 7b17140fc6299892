"""A board's RAG key: its ordered statuses, their colours and definitions."""

from django.db import models
from django.db.models import Q


class RagKey(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "RAG key"

    def __str__(self):
        return self.name

    @property
    def overdue_status(self):
        """The status a date-based key shows for an outstanding action past its due date."""
        return next((s for s in self.statuses.all() if s.shown_when_overdue), None)


class RagStatus(models.Model):
    key = models.ForeignKey(RagKey, on_delete=models.CASCADE, related_name="statuses")
    code = models.CharField(max_length=20, help_text="As printed in the log, e.g. GREEN.")
    label = models.CharField(max_length=50)
    colour = models.CharField(max_length=7, help_text="Background colour, #rrggbb.")
    definition = models.TextField(help_text="Printed under the log in the board's key.")
    is_complete = models.BooleanField(
        default=False, help_text="This status means the work is complete."
    )
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
        """Black or white, whichever contrasts more with the background (WCAG relative luminance)."""

        def channel(hex_pair: str) -> float:
            c = int(hex_pair, 16) / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(self.colour[i : i + 2]) for i in (1, 3, 5))
        luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
        # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
        return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"
