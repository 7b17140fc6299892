"""Every error of the API as JSON: a 400 names the parameters it could not use, a 404 is
JSON even for an address the API does not have, and no traceback is ever shown."""

from django.http import JsonResponse
from rest_framework.views import exception_handler as drf_exception_handler

from .parameters import BadParameters


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, BadParameters):
        response.data = {"detail": str(exc.detail), "parameters": exc.problems}
    return response


def not_found(request, rest=""):
    """Any address under /api/ that the API does not have."""
    return JsonResponse(
        {"detail": "No such address in the API. The list of what there is: /api/v1/ and /api/v1/schema/."},
        status=404,
    )
