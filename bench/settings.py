"""Settings for the benchmark: the app's settings, plus the floor view and the admin peer.

DEBUG is off as in production; plain HTTP on loopback (no HTTPS redirect), and static
files are not served by the pages measured (their URLs need no manifest).
"""

from actionlog.settings import *  # noqa: F403
from actionlog.settings import INSTALLED_APPS, STORAGES

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "WARNING"}}

import warnings

# No collectstatic for the benchmark: the pages measured are HTML only.
warnings.filterwarnings("ignore", message="No directory at")
