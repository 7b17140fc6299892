"""The action log as a download: CSV, XLSX, DOCX or PDF, filtered as the log page is."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from ..access import board_for
from ..exports import FORMATS, document_for, filename, render


@require_safe  # a download changes nothing: GET (and HEAD) only, 405 to a POST
def export_log(request, slug, fmt):
    if fmt not in FORMATS:
        raise Http404("No such export format.")
    access = board_for(request, slug)
    board = access.board
    doc = document_for(request, board, exempt=access.sees_exempt)
    response = HttpResponse(render(doc, fmt), content_type=FORMATS[fmt].content_type)
    name = filename(board, doc.today, fmt, filtered=bool(doc.filters))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
