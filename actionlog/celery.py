"""The Celery app. Tasks live in boards/; beat's schedule is in settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionlog.settings")

app = Celery("actionlog")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["boards.reminders", "boards.alerts"])
