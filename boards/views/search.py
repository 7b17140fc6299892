"""Search across the boards the user may see (boards/search.py does the searching)."""

from django.db import connection
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..access import visible_boards
from ..forms.search import SearchForm
from ..search import KIND_LABELS, MAX_QUERY, search


@require_GET
def search_page(request):
    boards = list(visible_boards(request.user).only("pk", "slug", "name"))
    form = SearchForm(request.GET or None, boards=boards)
    results = None
    if form.is_bound and form.is_valid():
        results = search(request.user, form.criteria(), request.GET.get("page"))
    query = form.cleaned_data.get("q", "") if form.is_bound and hasattr(form, "cleaned_data") else ""
    kinds = [
        (key, plural, results.counts[key] if results else 0) for key, (_label, plural) in KIND_LABELS.items()
    ]
    context = {
        "form": form,
        "results": results,
        "query": query,
        "kinds": kinds,
        "current_kind": form.cleaned_data.get("kind", "") if results else "",
        "narrowed": bool(results)
        and any(form.cleaned_data.get(name) for name in ("board", "kind", "status", "date_from", "date_to")),
        "full_text": connection.vendor == "postgresql",
        "max_query": MAX_QUERY,
    }
    # A query that cannot be used is the visitor's to correct: a 400, with the page saying why.
    return render(request, "boards/search.html", context, status=400 if form.errors else 200)
