"""What every API view shares: read-only, strict about its query parameters."""

from rest_framework.views import APIView

from .parameters import StrictParameters


class ApiView(StrictParameters, APIView):
    """A read-only API view: GET (and HEAD, OPTIONS) only; every other method is a 405."""

    http_method_names = ["get", "head", "options"]
