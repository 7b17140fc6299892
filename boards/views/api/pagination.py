"""Pages of a list: `page` (from 1) and `page_size` (up to MAX_PAGE_SIZE). A page number or
size the API cannot use is a 400 naming it, not the nearest page (the log page's kindness
to a person following an old link is a trap for a program)."""

from django.core.paginator import Page, Paginator
from rest_framework import serializers
from rest_framework.utils.urls import replace_query_param

from .parameters import BadParameters

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _whole_number(query, name, default, *, at_most=None) -> int:
    text = query.get(name)
    if text is None:
        return default
    if not text.isdigit() or int(text) < 1:
        raise BadParameters({name: f"“{text[:20]}” is not a whole number of 1 or more."})
    if at_most is not None and int(text) > at_most:
        raise BadParameters({name: f"{text[:20]} is more than {at_most}, the most a page holds."})
    return int(text)


def page_of(request, queryset, *, count=None) -> Page:
    """The requested page of `queryset`; its object_list stays a (sliced) queryset, so the
    log's rows are built from it in their fast path."""
    query = request.query_params
    size = _whole_number(query, "page_size", PAGE_SIZE, at_most=MAX_PAGE_SIZE)
    number = _whole_number(query, "page", 1)
    paginator = Paginator(queryset, size)
    if count is not None:
        paginator.count = count  # a cached_property: its value
    if number > paginator.num_pages:
        raise BadParameters({"page": f"There is no page {number}: there are {paginator.num_pages}."})
    return paginator.page(number)


def envelope(request, page: Page, results) -> dict:
    """The JSON of a page: how many in all, links to the pages either side, the results."""
    url = request.build_absolute_uri()
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": replace_query_param(url, "page", page.next_page_number()) if page.has_next() else None,
        "previous": (
            replace_query_param(url, "page", page.previous_page_number()) if page.has_previous() else None
        ),
        "results": results,
    }


def paged(serializer_class):
    """The schema of a page of `serializer_class` (for drf-spectacular)."""
    name = serializer_class.__name__.removesuffix("Serializer")
    return type(
        f"{name}PageSerializer",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )
