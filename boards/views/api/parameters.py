"""The query parameters an API view accepts: any other, or a value it cannot use, is a 400
naming the parameter and why, never silently ignored."""

from rest_framework import status
from rest_framework.exceptions import APIException

PAGE_PARAMETERS = ("page", "page_size")


class BadParameters(APIException):
    """A 400 whose body names each parameter the API could not use, and why:
    {"detail": "...", "parameters": {"page": "“x” is not a page number."}}."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_parameters"

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        names = ", ".join(sorted(problems))
        super().__init__(f"The API cannot use the query parameter{'s' if len(problems) > 1 else ''} {names}.")


def check_names(query, allowed) -> None:
    """Refuse any parameter not in `allowed`."""
    unknown = sorted(name for name in query if name not in allowed)
    if unknown:
        choices = ", ".join(sorted(allowed)) or "none"
        why = f"No such parameter here. This address takes: {choices}."
        raise BadParameters(dict.fromkeys(unknown, why))


class StrictParameters:
    """For API views: `parameters` names every query parameter the view accepts."""

    parameters: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # the APIView's
        check_names(request.query_params, set(self.parameters))
