"""Template context for every page."""

from .reminders.health import mail_trouble


def site_notices(request):
    """The site's staff are told on every page while reminder emails are failing; nobody
    else pays for the query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {}
    return {"mail_trouble": mail_trouble()}
