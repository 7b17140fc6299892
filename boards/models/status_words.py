"""The status words of a board's imported logs, and the status of its key each one means."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .organisations import Board
from .rag import RagStatus


class StatusWordChoice(models.Model):
    """What a status word written in a board's old log ("Not yet due", "C") means in the
    board's key, as the clerk confirmed it when importing. The next import offers it first.
    Written with the imported actions, in their transaction (services.imports.action_log)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="status_words")
    word = models.CharField(max_length=100, help_text="Normalised: lower case, words only.")
    status = models.ForeignKey(RagStatus, on_delete=models.CASCADE, related_name="+")
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["board", "word"]
        constraints = [
            models.UniqueConstraint(fields=["board", "word"], name="boards_statuswordchoice_one_per_word"),
        ]

    def __str__(self):
        return f"{self.word} -> {self.status}"
