import os

import pytest
from django.db import connection

from boards.demo.load import load_demo
from boards.models import Board, RagKey

# In CI (.ci/run sets this) a service a test needs that is missing is a failure,
# never a skip. On a developer's machine such tests are skipped and listed.
REQUIRE_SERVICES = os.environ.get("ACTIONLOG_REQUIRE_SERVICES") == "1"


def require_service(available: bool, why: str) -> None:
    """Skip (locally) or fail (in CI) a test whose service is missing."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{why} (ACTIONLOG_REQUIRE_SERVICES=1: a missing service is a failure here)")
    pytest.skip(f"not run on this machine: {why}")


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    mode = "missing services fail" if REQUIRE_SERVICES else "missing services skip"
    return f"database: {engine} (set DATABASE_URL to change); {mode}"


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    not_run = [r for r in skipped if "not run on this machine" in str(r.longrepr)]
    if not_run:
        terminalreporter.section("tests not run on this machine")
        for report in not_run:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            terminalreporter.write_line(f"{report.nodeid}: {reason}")


@pytest.fixture
def demo(db):
    load_demo()
    return Board.objects.get(slug="leicestershire-hwb")


@pytest.fixture
def flaky_email(settings):
    """Email through tests/email_backends.FlakyBackend: set .failures or .refused to fail."""
    from .email_backends import FlakyBackend

    FlakyBackend.reset()
    settings.EMAIL_BACKEND = "tests.email_backends.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.reset()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def rag_key(db):
    return RagKey.objects.get(slug="rag")


def sign_in(client, username: str, password: str) -> bool:
    """Sign in through the login page, as a person does (and as django-axes, which counts
    failures per address, needs: Client.login() passes no request to the backends)."""
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


@pytest.fixture
def officer_client(client, demo):
    """The demo's officer Mike Sandys, signed in."""
    assert sign_in(client, "mike.sandys", "demo-officer-password")
    return client


@pytest.fixture
def clerk_client(client, demo):
    """The demo board's clerk, signed in."""
    assert sign_in(client, "clerk", "demo-clerk-password")
    return client


@pytest.fixture
def small_board(db):
    """A small board built by the factories (tests/board_world.py): for tests that need a
    board with people, meetings and actions in several states, but not the demo's papers."""
    from .board_world import small_board

    return small_board()


@pytest.fixture
def clerk_of_small_board(client, small_board):
    """The small board's clerk, signed in."""
    client.force_login(small_board.clerk_user)
    return client


@pytest.fixture
def officer_of_small_board(client, small_board):
    """The small board's officer Olu Officer, signed in."""
    client.force_login(small_board.officer_user)
    return client
