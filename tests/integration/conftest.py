"""Real services for the integration tests: a Redis server and a Celery worker process.

The worker is `celery -A tests.integration.worker_app worker --pool solo`, started in
its own process group with DJANGO_SETTINGS_MODULE=actionlog.settings and the test's
database (DATABASE_URL), broker (CELERY_BROKER_URL) and email folder (the file backend).
Tests use `transactional_db`, so what they write is committed and the worker sees it.

Isolation, also under pytest-xdist: each xdist worker uses its own Redis database
number, and each test its own queue and its own key prefix in Redis (every key kombu
writes, the queue and the unacknowledged messages included), deleted at the end.

Variables:
- ACTIONLOG_TEST_REDIS_URL: the Redis server to use (default redis://127.0.0.1:6379);
  point it at a closed port to see the tests skip.
- ACTIONLOG_TEST_REDIS_SERVER: the redis-server program that the "Redis down" test
  starts and stops on a port of its own (default: redis-server on PATH).

A missing Redis or redis-server is a skip on a developer's machine and a failure when
ACTIONLOG_REQUIRE_SERVICES=1 (tests/conftest.py: require_service).
"""

import email
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.db import connection
from django.test import override_settings

from actionlog.celery import app as celery_app
from boards.models import ReminderKind
from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379"
WORKER_READY_TIMEOUT = 30
STOP_TIMEOUT = 10


# Waiting, always bounded -------------------------------------------------------------


def wait_for(condition, *, timeout, what, interval=0.05, details=lambda: ""):
    """Poll `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}\n{details()}")
        time.sleep(interval)


# Redis --------------------------------------------------------------------------------


def redis_answers(url: str, timeout: float = 1.0) -> bool:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def _xdist_number(worker_id: str) -> int:
    match = re.fullmatch(r"gw(\d+)", worker_id)
    return int(match.group(1)) + 1 if match else 0


def redis_db_for(worker_id: str) -> int:
    """A database number per xdist worker (1-15; 0 is left to the developer's own use)."""
    return 1 + _xdist_number(worker_id) % 15


def with_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


@dataclass
class Broker:
    """One test's corner of a Redis server: its queue and its key prefix."""

    url: str
    queue: str
    prefix: str
    transport_options: dict = field(default_factory=dict)

    @classmethod
    def for_test(cls, url: str, token: str) -> "Broker":
        prefix = f"actionlog-it-{token}:"
        return cls(
            url=url,
            queue=f"actionlog-it-{token}",
            prefix=prefix,
            transport_options={
                "global_keyprefix": prefix,
                # A message whose worker died is delivered again after 5 s ...
                "visibility_timeout": 5,
                # ... looked for every second (the defaults: every 100 s).
                "unacked_restore_interval": 1,
                "unacked_restore_throttle": 1,
            },
        )

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=5)

    def outstanding(self) -> dict:
        """Messages still waiting in the queue and delivered but not acknowledged."""
        client = self.client()
        try:
            return {
                "queued": client.llen(f"{self.prefix}{self.queue}"),
                "unacked": client.hlen(f"{self.prefix}unacked"),
            }
        finally:
            client.close()

    def delete_keys(self) -> None:
        client = self.client()
        try:
            keys = list(client.scan_iter(match=f"{self.prefix}*", count=1000))
            if keys:
                client.delete(*keys)
        finally:
            client.close()


@pytest.fixture
def xdist_worker():
    """gw0, gw1... under pytest-xdist, "main" without it (also with -p no:xdist)."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture
def token(xdist_worker):
    return f"{xdist_worker}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def redis_url(xdist_worker):
    """The machine's Redis (ACTIONLOG_TEST_REDIS_URL), at this xdist worker's database number."""
    base = os.environ.get("ACTIONLOG_TEST_REDIS_URL", DEFAULT_REDIS_URL)
    require_service(
        redis_answers(base),
        f"no Redis server answers at {base} (start one with `redis-server`, "
        "or set ACTIONLOG_TEST_REDIS_URL to one that runs)",
    )
    return with_db(base, redis_db_for(xdist_worker))


@pytest.fixture
def broker(redis_url, token):
    broker = Broker.for_test(redis_url, token)
    yield broker
    if redis_answers(broker.url):
        broker.delete_keys()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own on a free port: it can be stopped and started again."""

    def __init__(self, program: str, folder: Path):
        self.program = program
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.starts = 0

    def start(self) -> None:
        assert self.process is None, "already running"
        self.starts += 1
        log = open(self.folder / f"redis-{self.starts}.log", "wb")
        self.process = subprocess.Popen(
            [
                self.program,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for(
            lambda: self.process.poll() is not None or redis_answers(self.url, 0.2),
            timeout=10,
            what=f"redis-server on port {self.port}",
            details=self.log,
        )
        if self.process.poll() is not None:
            pytest.fail(f"redis-server exited with {self.process.returncode}\n{self.log()}")

    def stop(self) -> None:
        if self.process is None:
            return
        _stop_process_group(self.process)
        self.process = None

    def log(self) -> str:
        logs = sorted(self.folder.glob("redis-*.log"))
        return "".join(p.read_text(errors="replace") for p in logs)


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of the test's own (the machine's Redis is never stopped)."""
    program = os.environ.get("ACTIONLOG_TEST_REDIS_SERVER") or shutil.which("redis-server")
    require_service(
        bool(program) and os.access(program, os.X_OK),
        "the redis-server program was not found (install Redis, or set "
        "ACTIONLOG_TEST_REDIS_SERVER to its path)",
    )
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(program, folder)
    try:
        yield server
    finally:
        server.stop()


# The Celery worker --------------------------------------------------------------------


def _stop_process_group(process: subprocess.Popen, *, sig=signal.SIGTERM) -> None:
    """Stop a process started with start_new_session=True, and its children, by its id."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)
    # Children left behind by a killed parent (the solo pool has none, prefork would).
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def database_url() -> str:
    """The test database (pytest-django's, per xdist worker) as a DATABASE_URL."""
    settings = connection.settings_dict
    engine = settings["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        if connection.is_in_memory_db():
            pytest.fail(
                "The SQLite test database is in memory, which a worker process cannot open: "
                "actionlog/test_settings.py must give it a file name (DATABASES TEST NAME)."
            )
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    if engine == "django.db.backends.postgresql":
        user = quote(settings.get("USER") or "", safe="")
        password = quote(settings.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings.get("HOST") or ""
        port = f":{settings['PORT']}" if settings.get("PORT") else ""
        return f"postgres://{credentials}{host}{port}/{quote(settings['NAME'], safe='')}"
    pytest.fail(f"no DATABASE_URL for the database engine {engine}")


def celery_program() -> list[str]:
    beside = Path(sys.executable).with_name("celery")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "celery"]


class Worker:
    """`celery -A tests.integration.worker_app worker --pool solo` on the test's broker."""

    def __init__(self, broker: Broker, folder: Path, env: dict):
        self.broker = broker
        self.folder = folder
        self.env = env
        self.process = None
        self.starts = 0
        self.log_path = None

    def start(self, **extra_env) -> None:
        assert self.process is None or self.process.poll() is not None, "already running"
        self.starts += 1
        self.log_path = self.folder / f"worker-{self.starts}.log"
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [
                *celery_program(),
                "-A",
                "tests.integration.worker_app",
                "worker",
                "--pool",
                "solo",
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--queues",
                self.broker.queue,
                "--hostname",
                f"{self.broker.queue}-{self.starts}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env={**self.env, **{k: str(v) for k, v in extra_env.items()}},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for(
            lambda: self.process.poll() is not None or " ready." in self.log(),
            timeout=WORKER_READY_TIMEOUT,
            what="the Celery worker to be ready",
            details=self.logs,
        )
        if self.process.poll() is not None:
            pytest.fail(f"the Celery worker exited with {self.process.returncode}\n{self.logs()}")

    def stop(self) -> None:
        """Warm shutdown (SIGTERM), then SIGKILL if it does not stop in time."""
        if self.process is not None:
            _stop_process_group(self.process)

    def kill(self) -> None:
        """kill -9: no shutdown, no acknowledgement, no rollback but the database's own."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')}" for p in sorted(self.folder.glob("worker-*.log"))
        )

    def task_result(self, task_id: str, *, timeout: float):
        """Wait for the worker's log to report the task done; return its value as logged."""
        pattern = re.compile(rf"Task [\w.]+\[{re.escape(task_id)}\] (succeeded in \S+: (.*)|raised .*)")

        def finished():
            return pattern.search(self.log())

        match = wait_for(finished, timeout=timeout, what=f"task {task_id} to finish", details=self.logs)
        assert match.group(2) is not None, f"task {task_id} failed: {match.group(0)}\n{self.logs()}"
        return match.group(2)


@pytest.fixture
def emails_folder(tmp_path):
    folder = tmp_path / "emails"
    folder.mkdir()
    return folder


@pytest.fixture
def markers_folder(tmp_path):
    folder = tmp_path / "markers"
    folder.mkdir()
    return folder


@pytest.fixture
def make_worker(transactional_db, tmp_path, emails_folder, markers_folder):
    """Workers for a broker, each stopped at the end of the test, passed or failed."""
    workers = []
    folder = tmp_path / "worker"
    folder.mkdir()
    base_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "CELERY_", "EMAIL_", "DJANGO_", "ACTIONLOG_IT_"))
        and key not in {"DATABASE_URL"}
    }

    def make(broker: Broker, *, email_backend="django.core.mail.backends.filebased.EmailBackend", **extra):
        worker = Worker(
            broker,
            folder,
            {
                **base_env,
                "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                "DJANGO_SETTINGS_MODULE": "actionlog.settings",
                "DATABASE_URL": database_url(),
                "CELERY_BROKER_URL": broker.url,
                "EMAIL_BACKEND": email_backend,
                "EMAIL_FILE_PATH": str(emails_folder),
                "ACTIONLOG_IT_QUEUE": broker.queue,
                "ACTIONLOG_IT_TRANSPORT_OPTIONS": json.dumps(broker.transport_options),
                "ACTIONLOG_IT_MARKERS": str(markers_folder),
                **{key: str(value) for key, value in extra.items()},
            },
        )
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()


# The test process as a client of the broker -------------------------------------------


@contextmanager
def celery_client(broker: Broker):
    """This process publishes to `broker`, as the web app does with CELERY_BROKER_URL set.

    Django's settings and the Celery app's configuration (loaded from them once, so
    override_settings alone would not reach it) both change, and are put back after.
    """
    changes = {
        "broker_url": broker.url,
        "task_always_eager": False,
        "task_default_queue": broker.queue,
        "broker_transport_options": broker.transport_options,
        "broker_connection_timeout": 2,
    }
    before = {key: celery_app.conf[key] for key in changes}
    celery_app.conf.update(changes)
    try:
        with override_settings(CELERY_BROKER_URL=broker.url, CELERY_TASK_ALWAYS_EAGER=False):
            yield
    finally:
        celery_app.conf.update(before)


def publish(task, *args, broker: Broker, retry: bool = True) -> str:
    """`task.apply_async(args)` on a connection of its own to the test's broker and queue.

    A fresh connection each time: the app's connection pool would keep a connection to
    a broker of an earlier test (or to a Redis that was stopped and started again).
    """
    assert celery_app.conf.task_always_eager is False, "publish() runs inside celery_client()"
    with celery_app.connection_for_write() as conn:
        result = task.apply_async(args=list(args), connection=conn, queue=broker.queue, retry=retry)
    return result.id


# The email folder ---------------------------------------------------------------------

SEPARATOR = b"-" * 79 + b"\n"  # what Django's file backend writes after each message
KIND_BY_LABEL = {kind.label: kind.value for kind in ReminderKind}
ITEM = re.compile(r"^(?P<ref>\S+) \((?P<label>[^:)]+)(?::[^)]*)?\)$", re.MULTILINE)


@dataclass
class Sent:
    to: list[str]
    subject: str
    text: str
    message_id: str = ""

    @property
    def items(self) -> set[tuple[str, str]]:
        """(kind, action reference) of each reminder listed in the text part."""
        return {
            (KIND_BY_LABEL[m["label"]], m["ref"])
            for m in ITEM.finditer(self.text)
            if m["label"] in KIND_BY_LABEL
        }


def read_emails(folder: Path) -> list[Sent]:
    found = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(SEPARATOR):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk, policy=policy.default)
            body = message.get_body(preferencelist=("plain",))
            found.append(
                Sent(
                    to=[a.addr_spec for a in message["To"].addresses],
                    subject=str(message["Subject"]),
                    text=body.get_content() if body is not None else "",
                    message_id=str(message["Message-ID"]),
                )
            )
    return found


def read_markers(folder: Path) -> list[str]:
    """The send markers of slow_email.py, in the order written."""
    return [p.read_text().strip() for p in sorted(folder.glob("*.txt")) if p.name[0].isdigit()]


# A real SMTP server ---------------------------------------------------------------------


def port_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class SmtpServer:
    """aiosmtpd on a port of the test's own, delivering to a Maildir: an SMTP server that
    can be down (nothing listens: connection refused) and come back."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.maildir = folder / "maildir"
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        log = open(self.folder / "smtp.log", "ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{self.port}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(self.maildir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for(
            lambda: self.process.poll() is not None or port_answers(self.port),
            timeout=15,
            what=f"the SMTP server on port {self.port}",
            details=lambda: (self.folder / "smtp.log").read_text(errors="replace"),
        )
        if self.process.poll() is not None:
            pytest.fail(f"aiosmtpd exited\n{(self.folder / 'smtp.log').read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process is not None:
            _stop_process_group(self.process)
            self.process = None

    def received(self) -> list["Sent"]:
        import mailbox

        if not self.maildir.exists():
            return []
        found = []
        for message in mailbox.Maildir(self.maildir, factory=None):
            parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
            body = parsed.get_body(preferencelist=("plain",))
            found.append(
                Sent(
                    to=[a.addr_spec for a in parsed["To"].addresses],
                    subject=str(parsed["Subject"]),
                    text=body.get_content() if body is not None else "",
                    message_id=str(parsed["Message-ID"]),
                )
            )
        return found


@pytest.fixture
def smtp_server(tmp_path):
    require_service(
        importlib.util.find_spec("aiosmtpd") is not None,
        "the aiosmtpd Python package is not installed: run `make install`",
    )
    folder = tmp_path / "smtp"
    folder.mkdir()
    server = SmtpServer(folder)
    yield server
    server.stop()
