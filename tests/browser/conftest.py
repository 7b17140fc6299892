"""Fixtures for the browser tests: Debian's Chromium driven by Playwright (sync API).

No pytest-playwright and no browser download: Playwright launches /usr/bin/chromium.
A missing Chromium, Playwright, pypdf or axe-core is a skip on a developer's machine
and a failure in CI (require_service in tests/conftest.py).
"""

import importlib.util
import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 15_000


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@contextmanager
def _playwright_beside_django():
    """Sync Playwright, with Django's ORM still usable by the tests.

    Sync Playwright keeps an asyncio loop running in this thread. Django then refuses
    ORM calls (SynchronousOnlyOperation) unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and
    its connection handler switches to a separate set of connections per async context:
    `connections["default"]` would be a second connection, without the test database's
    serialized contents (serialized_rollback would restore nothing) and, on PostgreSQL,
    another session. So the thread's own connections are pinned while the loop runs.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    thread_connections = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            try:
                yield playwright
            finally:
                for alias in thread_connections:
                    del connections[alias]
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Headless Chromium for one test module (per xdist worker), started only when a
    browser test runs there. Module scope, not session: the event loop and
    DJANGO_ALLOW_ASYNC_UNSAFE must not outlive the browser tests, because pytest-django
    runs the tests that use no database after the transactional ones."""
    require_service(
        _importable("playwright"),
        "the playwright Python package is not installed: run `make install` "
        '(or `.venv/bin/pip install -e ".[dev]"`)',
    )
    require_service(
        CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
        f"Chromium is not installed at {CHROMIUM}: run `apt-get install chromium`",
    )
    with _playwright_beside_django() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _note(page, problem, url):
    # Chromium asks for /favicon.ico by itself when a page names no icon, some time
    # after the load event: that 404 is not something the page did, and racy to catch.
    # It fetches the page's own icon after the load event too, and cancels that request
    # (net::ERR_ABORTED) when the test moves on to the next page first: not a failure either.
    path = urlparse(url).path
    if path == "/favicon.ico" or (path.endswith("/favicon.svg") and "ERR_ABORTED" in problem):
        return
    page.problems.append(f"{problem}: {url}")


def _new_page(browser, **options):
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # What went wrong in the page itself, for assert_no_page_errors().
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and _note(page, f"console error {message.text!r}", message.location.get("url", ""))
        ),
    )
    page.on(
        "response",
        lambda response: response.status >= 400 and _note(page, f"HTTP {response.status}", response.url),
    )
    page.on(
        "requestfailed",
        lambda request: _note(page, f"request failed ({request.failure})", request.url),
    )
    return context, page


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies, no cache) per test."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """Like page, plus axe-core to inject. axe goes in as an inline script, so the
    context bypasses any Content-Security-Policy: the checker must not be blocked."""
    require_service(
        AXE.is_file(),
        f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): "
        "install Node.js and npm, then run `npm ci` in the project folder",
    )
    context, page = _new_page(browser, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture
def pdf_reader():
    require_service(
        _importable("pypdf"),
        "the pypdf Python package is not installed: run `make install` "
        '(or `.venv/bin/pip install -e ".[dev]"`)',
    )
    from pypdf import PdfReader

    return PdfReader


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """Where the tests save their screenshots: docs/screenshots/ with ACTIONLOG_SCREENSHOTS=1
    (`make screenshots`), otherwise a temporary folder, so a test run leaves the tree clean."""
    if os.environ.get("ACTIONLOG_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


def assert_no_page_errors(page):
    assert not page.problems, "The page reported problems:\n" + "\n".join(page.problems)
