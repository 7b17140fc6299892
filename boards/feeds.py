"""A board's Atom feed as entries: actions raised, updated, proposed for closure and closed
(read from their history rows), and logs published, newest first.

Public fields only: the action's reference and text, what changed (the fields an action's
page shows anyone who may read it), the comment, and the name of the person who made the
change. No email addresses, no usernames, nothing of the reminders (who was chased). Three
queries whatever the number of entries. The caller chooses the actions (boards.access).
"""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from .calendars import uid_host
from .history import describe
from .log_table import long_date
from .models import ActionState, ActionUpdate, Board, PublishedLog
from .safe_html import format_html, format_html_join, lines_html

# How many entries the feed carries: readers keep what they have already seen.
LATEST = 50
TITLE_CHARS = 80


@dataclass(frozen=True)
class FeedEntry:
    kind: str  # "raised", "updated", "proposed", "closed" or "published"
    at: datetime
    title: str
    description: SafeString  # HTML, every piece of user text escaped
    path: str  # the page the entry links to
    uid: str  # the entry's permanent id
    author: str | None


KIND_WORDS = {
    "raised": "raised",
    "updated": "updated",
    "proposed": "proposed for closure",
    "closed": "closed",
}


def kind_of(update: ActionUpdate) -> str:
    """What a history row tells a reader: the action raised (its first row), proposed for
    closure, closed, or otherwise updated."""
    if update.version == 1:
        return "raised"
    state = (update.changes.get("state") or {}).get("to")
    if state == ActionState.PROPOSED_COMPLETE:
        return "proposed"
    if state == ActionState.CLOSED:
        return "closed"
    return "updated"


def _author(update: ActionUpdate) -> str | None:
    """The person who made the change, as the action's page names them; None for a change
    made by an account with no person, or by the system (its username is not shown)."""
    person = update.by_person
    if person is None:
        return None
    kept = person.merged_into if person.merged_into_id else None
    return kept.name if kept is not None else person.name


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _update_entry(update: ActionUpdate, board: Board) -> FeedEntry:
    action = update.action
    kind = kind_of(update)
    short = Truncator(_one_line(action.description)).chars(TITLE_CHARS)
    title = f"{action.reference} {KIND_WORDS[kind]}: {short}"
    parts = []
    if kind == "raised":
        parts.append(format_html("<p>{}</p>", lines_html(action.description)))
    else:
        changes = [c for c in describe(update) if c.before or c.after]
        if changes:
            parts.append(
                format_html(
                    "<ul>{}</ul>",
                    format_html_join(
                        "",
                        "<li>{}: {} → {}</li>",
                        ((c.label, c.before or "(none)", c.after or "(none)") for c in changes),
                    ),
                )
            )
    if update.comment:
        parts.append(format_html("<p>{}</p>", lines_html(update.comment)))
    return FeedEntry(
        kind=kind,
        at=update.at,
        title=title,
        description=SafeString("".join(parts)),
        path=reverse("boards:action", args=[board.slug, action.pk]),
        uid=f"tag:{uid_host()},{update.at:%Y-%m-%d}:action-update-{update.pk}",
        author=_author(update),
    )


def _published_entry(published: PublishedLog, board: Board) -> FeedEntry:
    rows = published.row_count
    return FeedEntry(
        kind="published",
        at=published.published_at,
        title=f"Action log published for the meeting of {long_date(published.meeting.date)}",
        description=format_html(
            "<p>{} ({} action{}), as the board's papers show it.</p>",
            published.title,
            rows,
            "" if rows == 1 else "s",
        ),
        path=reverse("boards:published_log", args=[board.slug, published.pk]),
        uid=f"tag:{uid_host()},{published.published_at:%Y-%m-%d}:published-log-{published.pk}",
        author=None,
    )


def board_entries(board: Board, actions, limit: int = LATEST) -> list[FeedEntry]:
    """The latest `limit` entries of the board's feed, newest first. `actions` are the
    board's actions the reader may see (boards.access.feed_actions)."""
    updates = (
        ActionUpdate.objects.filter(action__in=actions)
        .select_related("action", "by_person__merged_into")
        .order_by("-at", "-id")[:limit]
    )
    published = (
        PublishedLog.objects.filter(board=board)
        .defer("rows", "statuses")
        .select_related("meeting")
        .order_by("-published_at", "-id")[:limit]
    )
    entries = [_update_entry(u, board) for u in updates] + [_published_entry(p, board) for p in published]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]
