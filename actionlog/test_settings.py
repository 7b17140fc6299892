"""Fast settings for the test suite (pytest-django uses this module)."""

import os

# The app defaults to production mode; the tests run in development mode on purpose (and
# the processes they start, such as the Celery worker, inherit it).
os.environ.setdefault("DEBUG", "true")

from .settings import *  # noqa: E402, F403
from .settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files from the app folders, as runserver does: no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# SQLite: the test database is a file, not in memory, so that the Celery worker process
# started by tests/integration can open it. One file per test process (pytest-xdist adds
# _gw0, _gw1... to the name); Django deletes it at the end of the run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import os as _os
    import tempfile as _tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": _os.path.join(_tempfile.gettempdir(), f"actionlog-test-{_os.getpid()}.sqlite3")
    }
# The API's anonymous throttle: out of the way of the suite (tests/test_api_access.py sets
# its own rate to see it work).
API_ANON_RATE = "100000/minute"
