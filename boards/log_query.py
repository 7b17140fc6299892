"""The log as a request's GET parameters select it: filtered, sorted, a page of rows, its
column headings and counts by status.

Below the views because the exports and publishing read the log the same way (a request
here needs only its GET QueryDict: see boards.exports.QueryOnly).
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.utils import timezone

from .filters import ActionFilter
from .log_table import COLUMNS, build_rows
from .models import Action

PER_PAGE = 100

# The sort parameter for each column of the log (filters.SORTS names them).
COLUMN_SORTS = {
    "reference": "reference",
    "date": "date",
    "action": "action",
    "officers": "officer",
    "comments": "comments",
    "status": "status",
}


def table_headers(request=None, current_sort=()):
    """The log's column headings; with a request, each is a link that sorts by it."""
    current = current_sort[0] if current_sort else None
    headers = []
    for key, heading in COLUMNS:
        header = {"key": key, "heading": heading, "url": None, "aria_sort": None, "hint": ""}
        if request is not None:
            name = COLUMN_SORTS[key]
            ascending = current == name
            if ascending:
                header["aria_sort"] = "ascending"
            elif current == f"-{name}":
                header["aria_sort"] = "descending"
            params = request.GET.copy()
            params.pop("page", None)
            params["sort"] = f"-{name}" if ascending else name
            header["url"] = f"?{params.urlencode()}"
            header["hint"] = "sort descending" if ascending else "sort ascending"
        headers.append(header)
    return headers


def count_by_status(actions) -> dict:
    """{status id: rows} in one query (each action once, whatever the filters join)."""
    return dict(actions.order_by().values_list("status_id").annotate(n=Count("pk", distinct=True)))


def status_counts(actions, statuses, found=None):
    """Rows in the current view by status, in the key's order."""
    found = count_by_status(actions) if found is None else found
    return [(status, found.get(status.pk, 0)) for status in statuses]


def page_of(paginator, requested):
    """The requested page, or (with a notice saying so) the nearest one there is: a link to
    page 9 of a log that has shrunk to 2 pages shows page 2 and says why."""
    try:
        return paginator.page(requested or 1), ""
    except PageNotAnInteger:
        page = paginator.page(1)
        return page, f"“{str(requested)[:20]}” is not a page number: showing page 1 of {paginator.num_pages}."
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
        return (
            page,
            f"There is no page {str(requested)[:20]}: showing page {page.number} of {paginator.num_pages}.",
        )


class CountedPaginator(Paginator):
    """A Paginator told its count, when the caller has counted the rows already."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self.count = count  # Paginator.count is a cached_property: this is its value


def log_filter(query, actions, *, board=None, today=None) -> ActionFilter:
    """The log's filters over `actions`, as the GET parameters `query` ask: `.qs` is the
    log's rows in the log's order. The page (filtered_log) and the JSON API both read the
    log through this, so they answer the same parameters with the same rows."""
    return ActionFilter(query, queryset=actions, board=board, today=today or timezone.localdate())


def filtered_log(request, actions, *, board=None, paginate=True, statuses=None, exempt=True):
    """Apply the log's filters to `actions` and build the table rows for one page.

    With `statuses` (the board's key, in order) the rows' statuses are not read again, and
    a paginated log counts its rows by status (context "status_counts") in the same query
    that counts them for the pages. With `exempt=False` (a reader who is not one of the
    board's people: BoardAccess.sees_exempt) actions exempt from publication are left out
    of the rows and counted (context "exempt_not_shown"), in that same query if there is one.
    """
    today = timezone.localdate()
    filterset = log_filter(request.GET, actions, board=board, today=today)
    matched = filterset.qs
    queryset = matched if exempt else matched.published()
    page = None
    counts = None
    left_out = 0
    if paginate and statuses is not None:
        found, exempt_found = _count_by_status_and_exemption(matched)
        if exempt:
            for status_id, n in exempt_found.items():
                found[status_id] = found.get(status_id, 0) + n
        else:
            left_out = sum(exempt_found.values())
        counts = status_counts(queryset, statuses, found)
    elif not exempt:
        left_out = matched.filter(exempt=True).count()
    if paginate:
        if counts is not None:
            # Every row counts, a status outside the board's key included.
            paginator = CountedPaginator(queryset, PER_PAGE, count=sum(found.values()))
        else:
            paginator = Paginator(queryset, PER_PAGE)
        page, page_notice = page_of(paginator, request.GET.get("page"))
        rows = build_rows(page.object_list, today, statuses=statuses)
        # The page holds its rows: `{% if page %}` then counts them instead of loading the
        # page's actions a second time as model instances.
        page.object_list = rows
    else:
        rows = build_rows(queryset, today, statuses=statuses)
        page_notice = ""
    return {
        "filter": filterset,
        "rows": rows,
        "page": page,
        "today": today,
        "current_view": filterset.form.cleaned_data.get("view") or "outstanding",
        "headers": table_headers(request, filterset.form.cleaned_data.get("sort") or ()),
        "status_counts": counts,
        "page_notice": page_notice,
        "exempt_not_shown": left_out,
    }


def _count_by_status_and_exemption(actions) -> tuple[dict, dict]:
    """({status id: rows open to the public}, {status id: exempt rows}) in one query."""
    public: dict = {}
    exempt: dict = {}
    grouped = actions.order_by().values_list("status_id", "exempt").annotate(n=Count("pk", distinct=True))
    for status_id, is_exempt, n in grouped:
        (exempt if is_exempt else public)[status_id] = n
    return public, exempt


def all_actions(board, *, exempt: bool = True):
    """The board's actions; with `exempt=False`, those open to the public only (pass the
    reader's BoardAccess.sees_exempt)."""
    actions = Action.objects.filter(board=board)
    return actions if exempt else actions.published()
