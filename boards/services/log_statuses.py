"""The status words of an imported log, each matched to a status of the board's key.

A word's status is, in this order: the clerk's choice in the preview (or the command's
--status); what the clerk chose for it at an earlier import of this board's logs; what
the file's own key says it means ("Green – done"); the key's own code or label; its
meaning (importers.action_log.status_words). A word none of these settle must be chosen before the
import. A blank cell, or a "tbc", gets the status a new action gets.

The choices are remembered (StatusWordChoice) when an import is saved, in its transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone

from ..importers.action_log.status_words import meaning_of, normalise, suggest
from ..models import Board, RagStatus, StatusWordChoice

WHY = {
    "chosen": "chosen",
    "remembered": "chosen at an earlier import",
    "legend": "from the file's own key",
    "code": "the key's own code",
    "meaning": "suggested by meaning",
    "blank": "no status given: the status a new action gets",
}


@dataclass
class StatusWord:
    key: str  # normalised: how it is compared and remembered
    written: str  # as the file first writes it
    rows: list[int] = field(default_factory=list)
    meaning: str | None = None
    suggestion: RagStatus | None = None
    why: str = ""  # a key of WHY: where the suggestion comes from
    status: RagStatus | None = None  # what the import uses: the clerk's choice, else the suggestion
    chosen: bool = False

    @property
    def why_text(self) -> str:
        return WHY["chosen"] if self.chosen else WHY.get(self.why, "")

    @property
    def rows_text(self) -> str:
        shown = ", ".join(str(n) for n in self.rows[:10])
        more = len(self.rows) - 10
        return f"row{'s' if len(self.rows) > 1 else ''} {shown}" + (f" and {more} more" if more > 0 else "")

    @property
    def is_plain_code(self) -> bool:
        """The word is the status's own code or label: nothing worth remembering."""
        return self.status is not None and self.key in (
            normalise(self.status.code),
            normalise(self.status.label),
        )


def match_words(
    board: Board,
    statuses: Sequence[RagStatus],
    default: RagStatus | None,
    found: Mapping[str, tuple[str, Sequence[int]]],
    legend: Mapping[str, str],
    chosen: Mapping[str, str | int],
) -> list[StatusWord]:
    """A StatusWord for each word in `found` ({key: (written, [row numbers])}), in the order
    first met. `chosen`: {key: status pk} from the clerk."""
    by_pk = {s.pk: s for s in statuses}
    remembered = {
        c.word: by_pk[c.status_id]
        for c in StatusWordChoice.objects.filter(board=board, word__in=list(found))
        if c.status_id in by_pk
    }
    words = []
    for key, (written, rows) in found.items():
        word = StatusWord(key=key, written=written, rows=list(rows), meaning=meaning_of(written, legend))
        word.suggestion, word.why = _suggestion(word, statuses, default, remembered, legend)
        pick = chosen.get(key)
        pk = _pk(pick) if pick is not None and pick != "" else None
        if pk is not None and pk in by_pk:
            word.status, word.chosen = by_pk[pk], True
        else:
            word.status = word.suggestion
        words.append(word)
    return words


def _pk(value: str | int) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _suggestion(
    word: StatusWord,
    statuses: Sequence[RagStatus],
    default: RagStatus | None,
    remembered: Mapping[str, RagStatus],
    legend: Mapping[str, str],
) -> tuple[RagStatus | None, str]:
    if word.key in remembered:
        return remembered[word.key], "remembered"
    if word.key in legend:
        found = suggest(legend[word.key], statuses, default)
        if found is not None:
            return found, "legend"
    for status in statuses:
        if word.key in (normalise(status.code), normalise(status.label)):
            return status, "code"
    found = suggest(word.meaning, statuses, default)
    if found is not None:
        return found, "blank" if word.meaning == "unknown" else "meaning"
    return None, ""


def remember(board: Board, words: list[StatusWord], *, user: User | None = None) -> None:
    """Keep the board's choices for these words, with the import that used them.
    Runs in the caller's transaction: call it inside atomic()."""
    now = timezone.now()
    chooser = user if getattr(user, "is_authenticated", False) else None
    for word in words:
        if word.status is None:
            continue
        if word.is_plain_code:  # "Green" for GREEN: an earlier, other choice is forgotten
            StatusWordChoice.objects.filter(board=board, word=word.key).delete()
            continue
        StatusWordChoice.objects.update_or_create(
            board=board,
            word=word.key,
            defaults={"status": word.status, "chosen_by": chooser, "chosen_at": now},
        )
