"""The emailed token reaches a real web server's access log once per use (issue 11, item 5).

gunicorn, as docker-compose.yml runs it with --access-logfile, serves the test database;
an officer's round of use: open the emailed link, list the actions, open an update form,
save it, back to the list. Only the first request carries the token.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from boards.demo.load import load_demo
from boards.models import Action, Person
from boards.services.links import make_token

from .conftest import ROOT, _stop_process_group, database_url, free_port, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _answers(url):
    try:
        return urllib.request.urlopen(url, timeout=1).status == 200
    except OSError:
        return False


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    access_log = tmp_path / "access.log"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="actionlog.settings",
        DEBUG="true",
        DATABASE_URL=database_url(),
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "actionlog.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(access_log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "error.log", "wb"),
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(
        lambda: process.poll() is not None or _answers(f"{url}/healthz"),
        timeout=30,
        what="gunicorn to answer",
        details=lambda: (tmp_path / "error.log").read_text(),
    )
    assert process.poll() is None, (tmp_path / "error.log").read_text()
    yield url, access_log
    _stop_process_group(process)


def test_a_round_of_use_writes_the_token_to_the_access_log_once(gunicorn):
    url, access_log = gunicorn
    load_demo()
    token = make_token(Person.objects.get(name="Mike Sandys"))
    action = Action.objects.get(reference="330(d)")
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    home = browser.open(f"{url}/u/{token}/")  # and the redirect it answers with
    assert home.url == f"{url}/u/"
    form = browser.open(f"{url}/u/actions/{action.pk}/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    amber = action.board.rag_key.statuses.get(code="AMBER")
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "status": amber.pk,
            "comment": "Prevalence figures requested.",
            "version": action.version,
        }
    )
    saved = browser.open(urllib.request.Request(f"{url}/u/actions/{action.pk}/", data=data.encode()))
    assert saved.url == f"{url}/u/"
    action.refresh_from_db()
    assert action.latest_comment == "Prevalence figures requested."

    def logged():
        return [line for line in access_log.read_text().splitlines() if "/healthz" not in line]

    # open, /u/, the form, the save, /u/ again (gunicorn writes its log line after answering)
    lines = wait_for(
        lambda: len(logged()) >= 5 and logged(),
        timeout=10,
        what="five access log lines",
        details=lambda: "\n".join(logged()),
    )
    assert len(lines) == 5, lines
    assert sum(token in line for line in lines) == 1, lines
