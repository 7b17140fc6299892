"""Template context for every page."""

from django.utils.functional import SimpleLazyObject

from .access import administered_organisations
from .reminders.health import mail_trouble

# The site navigation's "Your organisations" lists at most this many.
ORGANISATIONS_IN_MENU = 10


def site_notices(request):
    """The site's staff are told on every page while reminder emails are failing; nobody
    else pays for the query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {}
    return {"mail_trouble": mail_trouble()}


def your_organisations(request):
    """The organisations the signed-in user administers, for the site navigation: one query,
    made only when a page shows the navigation, and none for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "your_organisations": SimpleLazyObject(
            lambda: list(administered_organisations(user).only("slug", "name")[:ORGANISATIONS_IN_MENU])
        )
    }
