"""/status-colours.css: a class for every status colour in use, so pages need no inline styles."""

from hashlib import sha256

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from ..models import RagStatus
from ..status_colours import pair_key, parse_pairs, stylesheet, text_colour_for


@require_safe
def status_colours(request):
    """Every key's colours (a few dozen rows), plus any pairs named in ?c= (a published copy
    keeps the colours it was published with). Revalidated on each use, answered 304 when
    unchanged, so a colour changed in a key shows at once."""
    pairs = {
        pair_key(colour, text_colour_for(colour))
        for colour in RagStatus.objects.values_list("colour", flat=True).distinct()
    }
    pairs.update(parse_pairs(request.GET.get("c", "")))
    css = stylesheet(pair for pair in pairs if pair)
    etag = f'"{sha256(css.encode()).hexdigest()[:32]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True, public=True)
    return response
