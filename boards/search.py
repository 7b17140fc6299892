"""Search across the boards a person may see: actions (their reference, text, officers' names
and latest comment), the comments in their history, minute items and resolutions.

`search(user, criteria, page)` is the one way in; both databases answer it with the same
shape (Results: a page of Hits, counts by kind). What the user may see comes from
boards.access (visible_actions, visible_updates, visible_minute_items, visible_resolutions)
and from nowhere else.

PostgreSQL: full-text search with the 'english' configuration ("chasing" finds "chase"), the
query read as a web search box reads it ("a phrase", -without, or), ranked by ts_rank over
weighted documents (an action's reference and text and a minute's title weigh most, comments
least), snippets by ts_headline. Each WHERE clause is the expression migration 0013 indexes
with GIN (DOCUMENTS holds the fields of each, in the migration's order). Officers' names live
in another table, so they cannot be in the action's index: the people whose name matches are
found through their own index first, and their actions' ids join the search as a list.

SQLite (the embedded default): every word of the query must appear in the item
(case-insensitive substring); the score is ten for each word found in the title (an action's
reference, text or officers; a minute's title; a resolution) and one for each found only in
comments or a minute's discussion, newer first on a tie; highlighting is done here, in Python.

Snippets are HTML built from escaped text: the matched words are marked with two private-use
characters (START, STOP) by the database or by `mark_words`, and `marked_html` turns each
marked run into <mark> with safe_html.format_html, escaping everything else.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from . import access
from .models import Action, ActionOfficer, ActionUpdate, MinuteItem, RagStatus, Resolution
from .safe_html import format_html, join_html

MAX_QUERY = 200  # characters: a longer query is refused with a message, not cut
PER_PAGE = 20
CONFIG = "english"
SNIPPET_CHARS = 300

KIND_LABELS = {
    "action": ("Action", "Actions"),
    "update": ("Update", "Updates"),
    "minute": ("Minute item", "Minute items"),
    "resolution": ("Resolution", "Resolutions"),
}
KINDS = tuple(KIND_LABELS)

# Action states as the filter offers them (the log's views, and withdrawn).
STATUSES = (
    ("outstanding", "Outstanding"),
    ("overdue", "Overdue"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
)

# The fields of each kind's document, in the order migration 0013 indexes them.
DOCUMENTS = {
    "action": ("reference", "description", "latest_comment"),
    "update": ("comment",),
    "minute": ("title", "text"),
    "resolution": ("text",),
    "person": ("name",),
}

START, STOP = "\ue000", "\ue001"
# ts_headline drops whatever its parser takes for an HTML tag ("<script>" in a comment would
# vanish from the snippet): the text goes to it with < and > replaced by these, and comes back.
LT, GT = "\ue002", "\ue003"


@dataclass(frozen=True)
class Criteria:
    """What to look for, and where: a board's pk, a kind, an action status, a date range."""

    text: str
    board: int | None = None
    kind: str = ""
    status: str = ""
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if len(self.text) > MAX_QUERY:
            raise ValueError(f"A search is at most {MAX_QUERY} characters long.")
        if self.kind and self.kind not in KIND_LABELS:
            raise ValueError(f"Unknown kind {self.kind!r}.")
        if self.status and self.status not in dict(STATUSES):
            raise ValueError(f"Unknown status {self.status!r}.")


@dataclass(frozen=True)
class Hit:
    """One result: what it is, where it leads, and its text with the matches marked."""

    kind: str
    label: str
    title: SafeString
    url: str
    board_name: str
    on: date
    snippet: SafeString
    details: list[tuple[str, SafeString]] = field(default_factory=list)
    status: RagStatus | None = None
    state: str = ""


@dataclass
class Results:
    page: object | None  # a Paginator page whose object_list is the Hits; None for no search
    counts: dict[str, int]
    total: int
    page_notice: str = ""

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list) if self.page is not None else []  # type: ignore[attr-defined]


# Marking matches ----------------------------------------------------------------------


def marked_html(text: str) -> SafeString:
    """`text`, whose matches are between START and STOP, as HTML: escaped, matches in <mark>."""
    first, *rest = text.replace(LT, "<").replace(GT, ">").split(START)
    pieces: list[object] = [first.replace(STOP, "")]
    for chunk in rest:
        matched, _, after = chunk.partition(STOP)
        pieces.append(format_html("<mark>{}</mark>", matched))
        pieces.append(after.replace(STOP, ""))
    return join_html("", pieces)


def words_of(text: str) -> list[str]:
    """The query's words as the substring search takes them: quotes and brackets dropped,
    each word once (case aside)."""
    seen: dict[str, str] = {}
    for raw in text.split():
        word = raw.strip("\"'()")
        if word and word.casefold() not in seen:
            seen[word.casefold()] = word
    return list(seen.values())


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE) if ordered else None


def mark_words(text: str, words: Iterable[str], *, limit: int | None = SNIPPET_CHARS) -> str:
    """`text` (or, past `limit` characters, an excerpt around its first match) with each
    occurrence of a word between START and STOP."""
    text = text or ""
    pattern = _words_pattern(words)
    first = pattern.search(text) if pattern else None
    if limit is not None and len(text) > limit:
        begin = max(0, (first.start() if first else 0) - limit // 3)
        if begin:
            space = text.find(" ", begin)
            begin = space + 1 if 0 <= space < (first.start() if first else len(text)) else begin
        end = min(len(text), begin + limit)
        if end < len(text):
            space = text.rfind(" ", begin, end)
            end = space if space > begin else end
        text = ("…" if begin else "") + text[begin:end].strip() + ("…" if end < len(text) else "")
    if pattern is None:
        return text
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def has_mark(html: str) -> bool:
    return "<mark>" in html


# The kinds ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    name: str
    visible: Callable[[access.Viewer], QuerySet]
    day: object  # an expression: the date the item is shown and filtered by
    day_lookup: str
    board_lookup: str
    title_fields: tuple[str, ...]  # a match here weighs most
    other_fields: tuple[str, ...]  # comments, a minute's discussion
    title_weight: str = "A"


KIND_DEFS = {
    "action": Kind(
        "action",
        access.visible_actions,
        F("raised_on"),
        "raised_on",
        "board_id",
        ("reference", "description"),
        ("latest_comment",),
    ),
    "update": Kind(
        "update", access.visible_updates, TruncDate("at"), "at__date", "action__board_id", (), ("comment",)
    ),
    "minute": Kind(
        "minute",
        access.visible_minute_items,
        TruncDate("meeting__starts_at"),
        "meeting__starts_at__date",
        "board_id",
        ("title",),
        ("text",),
    ),
    "resolution": Kind(
        "resolution",
        access.visible_resolutions,
        TruncDate("minute_item__meeting__starts_at"),
        "minute_item__meeting__starts_at__date",
        "minute_item__board_id",
        ("text",),
        (),
        title_weight="B",
    ),
}


def _actions_in_status(actions: QuerySet, status: str, today: date) -> QuerySet:
    if status == "outstanding":
        return actions.outstanding()  # type: ignore[attr-defined]
    if status == "overdue":
        return actions.overdue(on=today)  # type: ignore[attr-defined]
    if status == "closed":
        return actions.closed()  # type: ignore[attr-defined]
    if status == "withdrawn":
        return actions.withdrawn()  # type: ignore[attr-defined]
    return actions


def _candidates(kind: Kind, user, criteria: Criteria, today: date) -> QuerySet | None:
    """The kind's items the user may see, within the filters (None: the filters leave none)."""
    if criteria.status and kind.name in ("minute", "resolution"):
        return None  # a status is an action's: minutes and resolutions have none
    items = kind.visible(user).order_by()
    if criteria.board is not None:
        items = items.filter(**{kind.board_lookup: criteria.board})
    if criteria.since is not None:
        items = items.filter(**{f"{kind.day_lookup}__gte": criteria.since})
    if criteria.until is not None:
        items = items.filter(**{f"{kind.day_lookup}__lte": criteria.until})
    if kind.name == "action" and criteria.status:
        items = _actions_in_status(items, criteria.status, today)
    if kind.name == "update":
        # The latest comment is found with its action; the update that wrote it is not a
        # second result.
        items = items.exclude(comment=F("action__latest_comment"))
        if criteria.status:
            items = items.filter(
                action__in=_actions_in_status(access.visible_actions(user), criteria.status, today)
            )
    return items


# The two backends -----------------------------------------------------------------------


class SubstringSearch:
    """SQLite: each word somewhere in the item, case aside; ten points a word in the title,
    one in the comments."""

    def __init__(self, text: str):
        self.words = words_of(text)

    def matching(self, kind: Kind, items: QuerySet) -> QuerySet:
        if not self.words:
            return items.none()
        score: object = Value(0.0)
        for word in self.words:
            title = Q()
            for name in kind.title_fields:
                title |= Q(**{f"{name}__icontains": word})
            if kind.name == "action":
                title |= Q(
                    pk__in=ActionOfficer.objects.filter(person__name__icontains=word).values("action_id")
                )
            other = Q()
            for name in kind.other_fields:
                other |= Q(**{f"{name}__icontains": word})
            items = items.filter(title | other)
            whens = [When(title, then=Value(10.0))] if kind.title_fields or kind.name == "action" else []
            if kind.other_fields:
                whens.append(When(other, then=Value(1.0)))
            score = score + Case(*whens, default=Value(0.0), output_field=FloatField())  # type: ignore[operator]
        return items.annotate(rank=score)

    def with_headlines(self, kind: Kind, items: QuerySet) -> QuerySet:
        return items

    def headline(self, item, name: str, *, whole: bool = False) -> SafeString:
        return marked_html(
            mark_words(getattr(item, name), self.words, limit=None if whole else SNIPPET_CHARS)
        )

    def names(self, names: str) -> SafeString:
        return marked_html(mark_words(names, self.words, limit=None))


class FullTextSearch:
    """PostgreSQL: full-text search over the documents migration 0013 indexes."""

    def __init__(self, text: str):
        from django.contrib.postgres.search import SearchQuery

        self.query = SearchQuery(text, config=CONFIG, search_type="websearch")
        self.words = words_of(text)
        self._officer_actions: list[int] | None = None

    @staticmethod
    def document(kind: str):
        from django.contrib.postgres.search import SearchVector

        return SearchVector(*DOCUMENTS[kind], config=CONFIG)

    def officer_actions(self) -> list[int]:
        """The actions one of whose officers' name matches (through the index on names)."""
        if self._officer_actions is None:
            from .models import Person

            people = Person.objects.alias(document=self.document("person")).filter(document=self.query)
            self._officer_actions = list(
                ActionOfficer.objects.filter(person__in=people).values_list("action_id", flat=True).distinct()
            )
        return self._officer_actions

    def matching(self, kind: Kind, items: QuerySet) -> QuerySet:
        from django.contrib.postgres.aggregates import StringAgg
        from django.contrib.postgres.search import SearchRank, SearchVector
        from django.db.models import OuterRef, Subquery

        matched = Q(document=self.query)
        if kind.name == "action":
            ids = self.officer_actions()
            if ids:
                matched |= Q(pk__in=ids)
        weighted: Any = None  # SearchVector, or several joined (||)
        if kind.title_fields:
            weighted = SearchVector(*kind.title_fields, config=CONFIG, weight=kind.title_weight)
        if kind.name == "action":
            names = Subquery(
                ActionOfficer.objects.filter(action=OuterRef("pk"))
                .values("action")
                .annotate(names=StringAgg("person__name", " "))
                .values("names")
            )
            weighted = weighted + SearchVector(names, config=CONFIG, weight="B")
        for name in kind.other_fields:
            part = SearchVector(name, config=CONFIG, weight="C")
            weighted = part if weighted is None else weighted + part
        return (
            items.alias(document=self.document(kind.name))
            .filter(matched)
            .annotate(rank=SearchRank(weighted, self.query))
        )

    def _headline(self, name: str, *, whole: bool = False):
        from django.contrib.postgres.search import SearchHeadline
        from django.db.models.functions import Replace

        text = Replace(Replace(F(name), Value("<"), Value(LT)), Value(">"), Value(GT))
        if whole:
            return SearchHeadline(
                text, self.query, config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
            )
        return SearchHeadline(
            text, self.query, config=CONFIG, start_sel=START, stop_sel=STOP, max_words=45, min_words=20
        )

    def with_headlines(self, kind: Kind, items: QuerySet) -> QuerySet:
        if kind.name == "minute":
            return items.annotate(
                hl_title=self._headline("title", whole=True), hl_text=self._headline("text")
            )
        return items.annotate(
            **{f"hl_{name}": self._headline(name) for name in (*kind.title_fields, *kind.other_fields)}
        )

    def headline(self, item, name: str, *, whole: bool = False) -> SafeString:
        return marked_html(getattr(item, f"hl_{name}"))

    def names(self, names: str) -> SafeString:
        return marked_html(mark_words(names, self.words, limit=None))


def backend(text: str) -> SubstringSearch | FullTextSearch:
    return FullTextSearch(text) if connection.vendor == "postgresql" else SubstringSearch(text)


# Building the hits ----------------------------------------------------------------------


def _date(value) -> date:
    return value if isinstance(value, date) else timezone.localdate(value)


def _action_hits(engine, pks: list[int]) -> dict[int, Hit]:
    items = engine.with_headlines(
        KIND_DEFS["action"],
        Action.objects.filter(pk__in=pks)
        .select_related("board", "status")
        .prefetch_related("officer_links__person"),
    )
    hits = {}
    for action in items:
        details = []
        officers = ", ".join(link.person.name for link in action.officer_links.all())
        if officers:
            details.append(("Responsible", engine.names(officers)))
        comment = engine.headline(action, "latest_comment")
        if has_mark(comment):
            details.append(("Comments", comment))
        hits[action.pk] = Hit(
            kind="action",
            label="Action",
            title=engine.headline(action, "reference", whole=True),
            url=reverse("boards:action", args=[action.board.slug, action.pk]),
            board_name=action.board.name,
            on=action.raised_on,
            snippet=engine.headline(action, "description"),
            details=details,
            status=action.status,
            state=action.get_state_display(),
        )
    return hits


def _update_hits(engine, pks: list[int]) -> dict[int, Hit]:
    items = engine.with_headlines(
        KIND_DEFS["update"],
        ActionUpdate.objects.filter(pk__in=pks).select_related(
            "action__board", "action__status", "by_person", "by_user"
        ),
    )
    hits = {}
    for update in items:
        action = update.action
        who = (
            update.by_person.name
            if update.by_person
            else (update.by_user.get_username() if update.by_user else "")
        )
        hits[update.pk] = Hit(
            kind="update",
            label="Update",
            title=format_html("Update to {}", action.reference),
            url=reverse("boards:action", args=[action.board.slug, action.pk]) + "#history",
            board_name=action.board.name,
            on=_date(update.at),
            snippet=engine.headline(update, "comment"),
            details=[("By", format_html("{}", who))] if who else [],
            status=action.status,
            state=action.get_state_display(),
        )
    return hits


def _minute_hits(engine, pks: list[int]) -> dict[int, Hit]:
    items = engine.with_headlines(
        KIND_DEFS["minute"], MinuteItem.objects.filter(pk__in=pks).select_related("board", "meeting")
    )
    hits = {}
    for item in items:
        hits[item.pk] = Hit(
            kind="minute",
            label="Minute item",
            title=format_html("{}. {}", item.number, engine.headline(item, "title", whole=True)),
            url=reverse("boards:meeting", args=[item.board.slug, item.meeting_id]) + f"#minute-{item.pk}",
            board_name=item.board.name,
            on=item.meeting.date,
            snippet=engine.headline(item, "text") if item.text else SafeString(""),
        )
    return hits


def _resolution_hits(engine, pks: list[int]) -> dict[int, Hit]:
    items = engine.with_headlines(
        KIND_DEFS["resolution"],
        Resolution.objects.filter(pk__in=pks).select_related("minute_item__board", "minute_item__meeting"),
    )
    hits = {}
    for resolution in items:
        item = resolution.minute_item
        hits[resolution.pk] = Hit(
            kind="resolution",
            label="Resolution",
            title=format_html("{}{} ({}. {})", item.number, resolution.label, item.number, item.title),
            url=reverse("boards:meeting", args=[item.board.slug, item.meeting_id]) + f"#minute-{item.pk}",
            board_name=item.board.name,
            on=item.meeting.date,
            snippet=engine.headline(resolution, "text"),
        )
    return hits


HIT_BUILDERS = {
    "action": _action_hits,
    "update": _update_hits,
    "minute": _minute_hits,
    "resolution": _resolution_hits,
}


# The one way in ---------------------------------------------------------------------------


def search(user, criteria: Criteria, page: int | str | None = 1, *, today: date | None = None) -> Results:
    """The items `user` may see that match `criteria`, best first (then newest), one page
    of them as Hits, and how many there are of each kind. An empty query finds nothing."""
    today = today or timezone.localdate()
    counts = dict.fromkeys(KINDS, 0)
    if not criteria.text.strip():
        return Results(None, counts, 0)
    engine = backend(criteria.text)
    matched: dict[str, QuerySet] = {}
    for name, kind in KIND_DEFS.items():
        items = _candidates(kind, user, criteria, today)
        if items is None:
            continue
        matched[name] = engine.matching(kind, items)
        counts[name] = matched[name].count()
    shown = [name for name in KINDS if name in matched and counts[name] and criteria.kind in ("", name)]
    total = sum(counts[name] for name in shown)
    if not total:
        return Results(None, counts, 0)
    rows = [
        matched[name]
        .annotate(kind=Value(name), day=KIND_DEFS[name].day)
        .values_list("pk", "kind", "rank", "day")
        for name in shown
    ]
    union = rows[0].union(*rows[1:], all=True) if len(rows) > 1 else rows[0]
    paginator = Paginator(union.order_by("-rank", "-day", "kind", "pk"), PER_PAGE)
    paginator.count = total  # a cached_property: counted above, by kind
    page_obj, notice = _page_of(paginator, page)
    found = list(page_obj.object_list)
    by_kind: dict[str, list[int]] = {}
    for pk, name, _rank, _day in found:
        by_kind.setdefault(name, []).append(pk)
    built = {name: HIT_BUILDERS[name](engine, pks) for name, pks in by_kind.items()}
    page_obj.object_list = [built[name][pk] for pk, name, _rank, _day in found if pk in built[name]]
    return Results(page_obj, counts, total, notice)


def _page_of(paginator: Paginator, requested: int | str | None):
    try:
        return paginator.page(requested or 1), ""
    except PageNotAnInteger:
        return paginator.page(1), f"“{str(requested)[:20]}” is not a page number: showing page 1."
    except EmptyPage:
        last = paginator.page(paginator.num_pages)
        return (
            last,
            f"There is no page {str(requested)[:20]}: showing page {last.number} of {paginator.num_pages}.",
        )
