"""The project's Celery app, as the integration tests' worker runs it.

`celery -A tests.integration.worker_app worker ...` with the environment set by
conftest.py: the settings module reads CELERY_BROKER_URL, DATABASE_URL, EMAIL_BACKEND
and EMAIL_FILE_PATH itself; the Celery options the settings do not read from the
environment are set here, from ACTIONLOG_IT_* variables:

- ACTIONLOG_IT_QUEUE: the test's own queue, for the tasks the worker sends too
  (the sweep queues one send per digest);
- ACTIONLOG_IT_TRANSPORT_OPTIONS: JSON, the broker transport options (a short
  visibility timeout, the test's key prefix in Redis).
"""

import json
import os

from actionlog.celery import app

app.conf.update(
    task_default_queue=os.environ["ACTIONLOG_IT_QUEUE"],
    broker_transport_options=json.loads(os.environ["ACTIONLOG_IT_TRANSPORT_OPTIONS"]),
)

__all__ = ["app"]
