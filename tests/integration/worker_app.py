"""The project's Celery app, as the integration tests' worker runs it.

`celery -A tests.integration.worker_app worker ...` with the environment set by
conftest.py: the settings module reads CELERY_BROKER_URL, DATABASE_URL, EMAIL_BACKEND
and EMAIL_FILE_PATH itself; the Celery options the settings do not read from the
environment are set here, from ACTIONLOG_IT_* variables:

- ACTIONLOG_IT_QUEUE: the test's own queue, for the tasks the worker sends too
  (the sweep queues one send per digest);
- ACTIONLOG_IT_TRANSPORT_OPTIONS: JSON, the broker transport options (a short
  visibility timeout, the test's key prefix in Redis);
- ACTIONLOG_IT_PAUSE_ON_SQL: for the dropped-connection drill, a regular expression
  matching the start of an SQL statement before which the worker pauses once
  (ACTIONLOG_IT_PAUSE_SECONDS), after writing a marker "paused <database backend pid>", so
  that the test can terminate the
  worker's PostgreSQL connection at that moment. With ACTIONLOG_IT_DROP_ON_PAUSE=1 (for
  SQLite, whose connections cannot be terminated from outside) the worker raises the
  OperationalError a dropped connection gives, instead of pausing.
"""

import json
import os
import re
import time
from pathlib import Path

from django.db import OperationalError
from django.db.backends.signals import connection_created

from actionlog.celery import app

app.conf.update(
    task_default_queue=os.environ["ACTIONLOG_IT_QUEUE"],
    broker_transport_options=json.loads(os.environ["ACTIONLOG_IT_TRANSPORT_OPTIONS"]),
)

PAUSE_ON = (
    re.compile(os.environ["ACTIONLOG_IT_PAUSE_ON_SQL"])
    if os.environ.get("ACTIONLOG_IT_PAUSE_ON_SQL")
    else None
)


def _pause_once(execute, sql, params, many, context):
    markers = Path(os.environ["ACTIONLOG_IT_MARKERS"])
    done = markers / "paused.done"
    if PAUSE_ON.match(sql.lstrip()) and not done.exists():
        done.write_text("")
        connection = context["connection"]
        pid = getattr(getattr(connection.connection, "info", None), "backend_pid", 0)
        (markers / "paused.txt").write_text(f"paused {pid}\n")
        if os.environ.get("ACTIONLOG_IT_DROP_ON_PAUSE") == "1":
            raise OperationalError("server closed the connection unexpectedly (a drill)")
        time.sleep(float(os.environ.get("ACTIONLOG_IT_PAUSE_SECONDS", "3")))
    return execute(sql, params, many, context)


if PAUSE_ON:

    def _install(sender, connection, **kwargs):
        if _pause_once not in connection.execute_wrappers:
            connection.execute_wrappers.append(_pause_once)

    connection_created.connect(_install, weak=False)

__all__ = ["app"]
