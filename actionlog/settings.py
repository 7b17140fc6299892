"""Settings for the Board Action Log.

Every value comes from an environment variable with a default that runs with
no configuration at all (SQLite beside the code, console email, no Redis).
See the configuration table in README.md.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_float, env_int, env_list, env_str
from .secret_key import DEVELOPMENT_SECRET_KEY, check_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

# Production-safe by default: development mode only when asked for (`make run` and the
# tests set DEBUG=true themselves).
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if DEBUG and not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
elif not DEBUG:
    check_secret_key(SECRET_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "csp",
    "boards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused for AXES_COOLOFF_MINUTES, the right
# password included. Keyed on the pair, so an attacker cannot lock a clerk out from
# elsewhere, and one office behind a shared address is not locked out by a colleague.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "boards.views.accounts.locked_out"
AXES_VERBOSE = False
# The client's address: REMOTE_ADDR, or behind TRUSTED_PROXIES proxies the address the
# nearest of them added to X-Forwarded-For (actionlog/client_ip.py).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 1 if env_bool("SECURE_PROXY_SSL_HEADER", False) else 0)
AXES_CLIENT_IP_CALLABLE = "actionlog.client_ip.client_ip"

# Content-Security-Policy (django-csp): our own scripts, styles and images only; no inline
# script or style anywhere (status colours come from the stylesheet at /status-colours.css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        **({"report-uri": [env_str("CSP_REPORT_URI")]} if env_str("CSP_REPORT_URI") else {}),
    }
}

# The read-only JSON API (boards/views/api, README "JSON API"): JSON only, a member's or
# officer's token (Authorization: Bearer) or their signed-in session, anonymous callers
# limited to API_ANON_RATE (DRF's rate: "120/minute", "2000/day").
API_ANON_RATE = env_str("API_ANON_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "boards.views.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["boards.views.api.throttling.AnonymousThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "boards.views.api.errors.exception_handler",
    # ?format= is not a parameter of ours: an unknown parameter is a 400, as any other.
    "URL_FORMAT_OVERRIDE": None,
    # The client's address for the throttle, as for sign-in throttling (TRUSTED_PROXIES).
    "NUM_PROXIES": TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Board Action Log API",
    "DESCRIPTION": "Read-only: boards, meetings with their minutes, the action log with the log page's "
    "filters, people's public fields and published logs. The same access rules as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

ROOT_URLCONF = "actionlog.urls"
WSGI_APPLICATION = "actionlog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "boards.context_processors.site_notices",
                "boards.context_processors.your_organisations",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/actionlog or
# sqlite:////absolute/path/db.sqlite3. The default is a SQLite file beside the code.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and a worker may write at once: WAL lets readers carry on,
    # IMMEDIATE makes a writer wait for the lock instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email: Django's own setting names. The default prints emails to the console.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "emails"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Seconds before an SMTP connection gives up: a reminder send never hangs for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Board Action Log <actions@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Celery. Production: CELERY_BROKER_URL=redis://... With no broker configured,
# tasks run in the calling process. `make run` uses kombu's filesystem transport
# (CELERY_BROKER_URL=filesystem://), so a worker with beat runs the reminder
# schedule with no server at all.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = Path(env_str("CELERY_FILESYSTEM_FOLDER", str(BASE_DIR / "var" / "celery")))
    for _folder in ("queue", "control"):
        (_queue / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "queue"),
        "data_folder_out": str(_queue / "queue"),
        "control_folder": str(_queue / "control"),
        "store_processed": False,
        "polling_interval": 1,
    }
# Alerts to followers of boards and actions go once a day at this hour (0 to 23, local time).
ALERT_HOUR = env_int("ALERT_HOUR", 7)
if not 0 <= ALERT_HOUR <= 23:
    raise ImproperlyConfigured(f"ALERT_HOUR={ALERT_HOUR} is not an hour of the day (0 to 23).")
# How long the link confirming a member of the public's follow works.
FOLLOW_CONFIRM_MAX_AGE_DAYS = env_int("FOLLOW_CONFIRM_MAX_AGE_DAYS", 7)
# The sweep runs hourly; each board's reminders go at the first sweep after its send time.
# Every few minutes, failed sends whose retry time has come are tried again.
CELERY_BEAT_SCHEDULE = {
    "sweep-reminders": {
        "task": "boards.sweep_reminders",
        "schedule": crontab(minute=env_int("REMINDER_SWEEP_MINUTE", 5)),
    },
    "retry-digests": {
        "task": "boards.retry_digests",
        "schedule": crontab(minute=f"*/{env_int('REMINDER_RETRY_MINUTES', 5)}"),
    },
    # Followers' alerts: one email a day, at ALERT_HOUR local time; failed ones retried.
    "sweep-alerts": {
        "task": "boards.sweep_alerts",
        "schedule": crontab(hour=ALERT_HOUR, minute=0),
    },
    "retry-alerts": {
        "task": "boards.retry_alerts",
        "schedule": crontab(minute=f"*/{env_int('ALERT_RETRY_MINUTES', 15)}"),
    },
}

# Security. With DEBUG off these default to the strict values that
# `manage.py check --deploy` asks for; each can be relaxed by its variable.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a proxy's health check may use plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The clerk's minutes preview posts four fields for every resolution: a long meeting's
# minutes pass Django's default of 1,000 fields. The body stays within Django's 2.5 MB
# (the minutes text travels compressed).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "boards:home"
LOGOUT_REDIRECT_URL = "boards:home"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)

# Emailed update links: how long an officer's link works.
UPDATE_LINK_MAX_AGE_DAYS = env_int("UPDATE_LINK_MAX_AGE_DAYS", 14)
# Opening a link starts a session without the token in the address: minutes it lasts
# after its last use.
UPDATE_LINK_SESSION_MINUTES = env_int("UPDATE_LINK_SESSION_MINUTES", 60)

# The least contrast a status badge's black or white text must have with the status's colour
# in a board's RAG key: 4.5 is WCAG AA (which every colour meets with black or white text),
# 7 is AAA (which refuses mid-tones, such as the presets' red, and names the nearest that passes).
STATUS_MIN_CONTRAST = env_float("STATUS_MIN_CONTRAST", 4.5)
if not 1 <= STATUS_MIN_CONTRAST <= 21:
    raise ImproperlyConfigured(
        f"STATUS_MIN_CONTRAST={STATUS_MIN_CONTRAST} is not a contrast ratio (1 to 21)."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
