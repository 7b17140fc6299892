"""The SECRET_KEY rule: production refuses to start with no key, a short one or a placeholder.

The key signs sessions, CSRF tokens, password-reset and emailed update links: anyone who
knows it can forge an officer's update link. A key copied from an example file or the
documentation is known to everyone, so it is refused as firmly as a missing one.
"""

from django.core.exceptions import ImproperlyConfigured

# Used only while DEBUG is on (make run, the tests): published here, so never for production.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-only-used-while-DEBUG-is-on"

MINIMUM_LENGTH = 40

# Keys that have been published: in .env.example, the README, the Dockerfile's build step,
# and Django's own example prefix.
PLACEHOLDERS = {
    DEVELOPMENT_SECRET_KEY,
    "change-me-to-a-long-random-string",
    "change-me",
    "changeme",
    "secret",
    "collectstatic-only",
}
PLACEHOLDER_PREFIXES = ("django-insecure", "change-me", "changeme", "insecure-", "replace-me", "your-")

HOW = 'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'


def check_secret_key(key: str) -> None:
    """Raise ImproperlyConfigured unless `key` is fit for a site running with DEBUG off."""
    if not key:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set. With DEBUG off the app will not start without one. {HOW}"
        )
    lowered = key.strip().lower()
    if lowered in PLACEHOLDERS or lowered.startswith(PLACEHOLDER_PREFIXES):
        raise ImproperlyConfigured(
            "SECRET_KEY is a published placeholder (from .env.example or the documentation), "
            f"so anyone could forge sessions and update links. {HOW}"
        )
    if len(key) < MINIMUM_LENGTH or len(set(key)) < 10:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too short or too simple ({len(key)} characters; at least "
            f"{MINIMUM_LENGTH}, varied, are needed). {HOW}"
        )
