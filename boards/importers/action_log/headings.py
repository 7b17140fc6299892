"""Which column of an action log holds which field: from its heading, then its cells.
Pure: no database and no Django.

    guess_field("Lead Officer(s)")                 # "officers"
    guess_mapping(headers)                         # by the headings alone
    guess_mapping(headers, rows)                   # the cells settle what the headings leave open

A heading's words are read with any bracketed aside left out ("New Status (as noted by
TTN MAR23)" is "New Status"). The cells then decide: an "Item" column of topic names
is not the actions' numbers, a "Status" column of sentences is the comments, the most
filled of several comment columns is the update, a column with no heading but long
text is the action. Status and Comments may share one column ("STATUS/ COMMENT",
or a "Completed" column of updates that open with their status).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from .dates import raised_date

# The fields a log row can fill, in the papers' order with Due before Comments.
FIELDS = [
    ("reference", "No."),
    ("date", "Date"),
    ("action", "Action"),
    ("officers", "Responsible Officer"),
    ("due", "Due"),
    ("revised_due", "Revised due date"),
    ("comments", "Comments"),
    ("status", "Status"),
]
FIELD_LABELS = dict(FIELDS)
# Each field's column index, or None: {"reference": 0, ..., "revised_due": None}.
ColumnMapping = dict[str, int | None]
MAX_HEADING_WORDS = 6
SHARED = {"status", "comments"}  # the one pair of fields that may read the same column

# Reference headings that name where an action came from, not the action: several actions
# may come from one item, so a repeat is numbered on ("14 (2)") instead of refused.
ITEM_HEADINGS = {
    "item",
    "item no",
    "agenda item",
    "agenda item no",
    "minute",
    "minute no",
    "min no",
    "minute ref",
    "minute reference",
    "minute number",
    "relevant item",
    "agenda ref",
    "min ref",
    "board minute",
    "minute item",
}

# Headings that name a field outright (after normalising: lower case, no punctuation,
# no bracketed aside).
EXACT_HEADINGS = {
    "reference": {
        "no",
        "ref",
        "ref no",
        "reference",
        "reference no",
        "number",
        "action no",
        "action ref",
        "action number",
        "id",
        "#",
        "ar no",
        "rec no",
        "recommendation no",
        "action id",
        "log no",
        "log ref",
        "action reference",
        "ref number",
        "no ref",
        # where the action came from: several actions may share one
        *ITEM_HEADINGS,
    },
    "date": {
        "date",
        "meeting date",
        "date raised",
        "raised",
        "raised on",
        "date of meeting",
        "date agreed",
        "meeting",
        "date added",
        "date of action",
        "action date",
        "date opened",
        "date identified",
        "date logged",
        "board date",
        "committee date",
        "date of board",
        "date of committee",
        "date action raised",
        "meeting raised",
        "date of meeting raised",
        "date set",
    },
    "action": {
        "action",
        "actions",
        "description",
        "action required",
        "action agreed",
        "agreed action",
        "action description",
        "task",
        "resolution",
        "management action agreed",
        "management action",
        "agreed management action",
        "agreed management actions",
        "action point",
        "action points",
        "recommendation",
        "recommendations",
        "action to be taken",
        "actions agreed",
        "item action",
        "action progress",
        "decision",
        "action detail",
        "details",
        "detail",
    },
    "officers": {
        "lead",
        "lead officer",
        "lead officers",
        "responsible officer",
        "responsible officers",
        "owner",
        "action owner",
        "officer",
        "officers",
        "responsible",
        "responsibility",
        "who",
        "lead officer s",
        "responsible officer s",
        "responsible person",
        "exec lead",
        "executive lead",
        "lead director",
        "lead executive",
        "actionee",
        "action by",
        "by whom",
        "councillor",
        "lead member",
        "officer responsible",
        "accountable officer",
        "responsible director",
        "lead exec",
        "lead officer em",
        "owner s",
        "assigned to",
    },
    "due": {
        "due",
        "due date",
        "date due",
        "target",
        "target date",
        "deadline",
        "by when",
        "timescale",
        "timescales",
        "completion date",
        "due by",
        "original due date",
        "original target date",
        "original implementation date",
        "implementation date",
        "original deadline",
        "to be completed",
        "to be completed progressed",
        "target completion date",
        "agreed completion date",
        "expected completion",
        "date for completion",
        "target date for completion",
        "when",
    },
    "revised_due": {
        "revised due date",
        "revised date",
        "new date",
        "revised target date",
        "revised implementation date",
        "revised deadline",
        "new due date",
        "new target date",
        "revised timescale",
        "amended date",
        "revised completion date",
        "revised",
        "revised target",
        "new deadline",
        "new timescale",
    },
    "comments": {
        "comments",
        "comment",
        "update",
        "updates",
        "progress",
        "progress update",
        "latest update",
        "notes",
        "commentary",
        "comments update",
        "update comments",
        "action taken",
        "actions taken",
        "outcome",
        "current position",
        "position",
        "response",
        "officer response",
        "progress to date",
        "update on progress",
        "progress comments",
        "narrative",
        "action update",
        "action updates",
        "progress report",
        "latest position",
        "progress notes",
        "status update",
    },
    "status": {
        "status",
        "rag",
        "rag status",
        "rag rating",
        "rating",
        "brag",
        "brag status",
        "brag rating",
        "open closed",
        "open or closed",
        "proposed to open close",
        "proposed to close",
        "current status",
        "new status",
        "status rag",
        "rag brag",
        "completed",
        "complete",
        "done",
        "closed",
        "open close",
        "progress status",
    },
}
# Headings read as both Status and Comments: the cell is one or the other.
BOTH_HEADINGS = {
    "status comment",
    "status comments",
    "comments status",
    "comment status",
    "status update",
    "status and comments",
    "status and comment",
    "update status",
    "status progress",
    "progress status",
}
# Headings understood as none of the fields: the paper, the audit, the area...
IGNORED_HEADINGS = {
    "source",
    "paper",
    "papers",
    "audit",
    "priority",
    "area",
    "origin",
    "partners",
    "partner",
    "exec date",
    "executive date",
    "theme",
    "topic",
    "category",
    "risk",
    "directorate",
    "service",
    "committee",
    "report",
    "page",
    "agenda title",
    "subject",
    "title",
    "percent complete",
    "percentage complete",
    "rag key",
    "key",
    "heading",
    "workstream",
    "sub committee",
    "forum",
    "problem",
}
# Otherwise a heading's words decide, in this order ("Action owner" is an officer,
# "Target date" is the due date, "Action no" is the reference, "Item / Action" the action).
KEYWORDS = [
    ("status", {"rag", "brag", "status"}),
    ("revised_due", {"revised"}),
    ("due", {"due", "target", "deadline", "timescale", "timescales", "completion", "implementation"}),
    (
        "officers",
        {
            "officer",
            "officers",
            "owner",
            "owners",
            "lead",
            "responsible",
            "responsibility",
            "actionee",
            "councillor",
            "director",
            "exec",
            "executive",
        },
    ),
    (
        "comments",
        {
            "comment",
            "comments",
            "update",
            "updates",
            "progress",
            "notes",
            "commentary",
            "outcome",
            "response",
            "position",
            "taken",
        },
    ),
    ("action", {"action", "actions", "description", "task", "recommendation", "recommendations"}),
    ("reference", {"no", "ref", "reference", "item", "number", "minute", "id"}),
    ("date", {"date", "raised", "meeting"}),
]
_COMMENT_WORDS = dict(KEYWORDS)["comments"]
# Among several columns naming the action, the one the board agreed wins.
ACTION_RANK = [
    "management action agreed",
    "agreed management action",
    "agreed management actions",
    "management action",
    "action agreed",
    "agreed action",
    "actions agreed",
    "action required",
    "action",
    "actions",
    "action description",
    "action point",
    "action points",
    "task",
    "description",
    "recommendation",
    "recommendations",
    "resolution",
    "decision",
]
_FRESH = {"new", "current", "latest", "revised"}  # "New Status" beats the status at the last review


def heading_words(heading: str) -> list[str]:
    text = (heading or "").lower().replace("&", " and ")
    bare = re.sub(r"\([^)]*\)", " ", text)  # "New Status (as noted by ...)"
    words = re.findall(r"[a-z0-9#]+", bare)
    return words or re.findall(r"[a-z0-9#]+", text)


def _normal(heading: str) -> str:
    return " ".join(heading_words(heading))


def heading_fields(heading: str) -> tuple[str, ...]:
    """The fields a heading names, best first: () for none, ("status", "comments") for a
    column that holds either."""
    words = heading_words(heading)
    if not words or len(words) > MAX_HEADING_WORDS or "%" in (heading or ""):
        return ()
    normal = " ".join(words)
    if normal in IGNORED_HEADINGS:
        return ()
    if normal in BOTH_HEADINGS:
        return ("status", "comments")
    for name, headings in EXACT_HEADINGS.items():
        if normal in headings:
            return (name,)
    found = set(words)
    for name, keywords in KEYWORDS:
        if not keywords & found:
            continue
        if name == "status" and found & _COMMENT_WORDS:
            return ("status", "comments")  # "CCTT comment on new status": the cells decide
        if name == "revised_due" and not found & {"date", "due", "target", "deadline", "timescale"}:
            continue
        if (
            name == "comments"
            and "action" in found
            and not found & {"taken", "update", "updates", "comment", "comments"}
        ):
            continue  # "Action / Progress" is the action
        return (name,)
    return ()


def guess_field(heading: str) -> str | None:
    """The field a column heading names, or None: "Lead Officer(s)" -> "officers"."""
    fields = heading_fields(heading)
    return fields[0] if fields else None


def is_item_heading(heading: str) -> bool:
    """A reference column naming the item an action came from ("Agenda Item", "Minute ref")."""
    return _normal(heading) in ITEM_HEADINGS


# The cells ------------------------------------------------------------------------


class _Column:
    def __init__(self, index: int, heading: str, cells: list[str]):
        self.index, self.heading = index, heading
        self.cells = [c for c in cells if c.strip()]
        self.filled = len(self.cells)
        words = [len(c.split()) for c in self.cells]
        self.mean_words = sum(words) / len(words) if words else 0.0
        self.sentences = sum(1 for n in words if n > 4) / self.filled if self.filled else 0
        self.digits = sum(1 for c in self.cells if re.search(r"\d", c)) / self.filled if self.filled else 0
        self.short = sum(1 for c in self.cells if len(c) <= 60) / self.filled if self.filled else 0
        self.dates = sum(1 for c in self.cells if raised_date(c)) / self.filled if self.filled else 0
        self.fields = list(heading_fields(heading))


def _columns(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[_Column]:
    rows = [list(r) for r in rows]
    columns = []
    for index, heading in enumerate(headers):
        cells = [r[index] if index < len(r) else "" for r in rows]
        column = _Column(index, heading, cells)
        if rows and column.filled:
            _adjust(column)
        columns.append(column)
    return columns


def _adjust(column: _Column) -> None:
    """What the cells say about the heading's guess."""
    fields = column.fields
    if "reference" in fields and (column.digits < 0.5 or column.short < 0.8):
        fields.remove("reference")  # an "Item" column of topics, not numbers
    if "date" in fields and column.dates < 0.5:
        fields.remove("date")
    if fields[:1] == ["status"] and column.sentences >= 0.3:
        column.fields = fields = [
            "comments",
            "status",
        ]  # sentences: the update, perhaps opening with a status
    if not fields and not column.heading.strip() and column.mean_words >= 4:
        fields.append("action")  # the action's column, left without a heading


def _pick(name: str, columns: list[_Column]) -> _Column | None:
    first = [c for c in columns if c.fields[:1] == [name]]
    if not first:
        return None
    if name == "action":

        def rank(c: _Column) -> int:
            normal = _normal(c.heading)
            return ACTION_RANK.index(normal) if normal in ACTION_RANK else len(ACTION_RANK)

        return min(first, key=lambda c: (rank(c), c.index))
    if name == "status":
        return min(first, key=lambda c: (not (_FRESH & set(heading_words(c.heading))), -c.filled, -c.index))
    if name == "comments":
        return min(first, key=lambda c: (-c.filled, c.index))
    return first[0]


def guess_mapping(headers: Sequence[str], rows: Iterable[Sequence[str]] = ()) -> ColumnMapping:
    """Each field's column, or None. A column fills one field, except that Status and
    Comments may share one. Without rows, the first column naming a field wins."""
    columns = _columns(headers, rows)
    mapping: dict[str, int | None] = {name: None for name, _ in FIELDS}
    used = set()
    for name in ("action", "reference", "date", "officers", "due", "revised_due", "comments", "status"):
        free = [c for c in columns if c.index not in used]
        chosen = _pick(name, free)
        if chosen is None and name in SHARED:
            # A column naming both fields, or a status column of updates: shared.
            other = mapping["comments" if name == "status" else "status"]
            if other is not None and name in columns[other].fields:
                chosen = columns[other]
        if chosen is None:
            # A second choice: a column whose heading also names this field.
            chosen = next((c for c in free if name in c.fields[1:]), None)
        if chosen is not None:
            mapping[name] = chosen.index
            used.add(chosen.index)
    return mapping


def heading_score(cells: Sequence[str]) -> int:
    return sum(1 for column in guess_mapping(cells).values() if column is not None)


def most_common_year(texts: Iterable[str]) -> int | None:
    """The year most of these cells' dates fall in (the latest of equals), or None."""
    years = Counter(d.year for d in map(raised_date, texts) if d)
    if not years:
        return None
    best = max(years.values())
    return max(year for year, count in years.items() if count == best)
