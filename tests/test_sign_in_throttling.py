"""Sign-in throttling (django-axes): guessing a password stops working after a few tries.

Issue 11, item 2: 100 wrong passwords for `clerk`, then the right one, signed in.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def accounts(db):
    """The accounts whose sign-ins are guessed at: `clerk` and `member`, password PASSWORD."""
    return UserFactory(username="clerk"), UserFactory(username="member")


def attempt(client, password, *, username="clerk", path=LOGIN, address="203.0.113.7"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_hundred_wrong_passwords_then_the_right_one_is_refused(accounts):
    client = Client()
    codes = [attempt(client, f"guess-{n}").status_code for n in range(100)]
    limit = settings.AXES_FAILURE_LIMIT
    assert codes[: limit - 1] == [200] * (limit - 1)  # the login form again, with its error
    assert set(codes[limit:]) == {429}
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Too many failed sign-ins" in page and "15 minutes" in page
    assert 'class="site-header"' in page  # in the site's layout


def test_the_lockout_is_for_that_username_from_that_address_only(accounts):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), f"guess-{n}")
    # The clerk, from their own office, still signs in: an attacker cannot lock them out.
    elsewhere = Client()
    assert attempt(elsewhere, PASSWORD, address="198.51.100.20").status_code == 302
    # Another account from the attacker's address is not locked either.
    assert attempt(Client(), PASSWORD, username="member").status_code == 302


def test_the_admin_login_is_throttled_too(accounts):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess-{n}", path=ADMIN_LOGIN)
    assert attempt(client, PASSWORD, path=ADMIN_LOGIN).status_code == 429


def test_after_the_cool_off_the_right_password_works_again(accounts):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess-{n}")
    assert attempt(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert attempt(client, PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(accounts):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, f"guess-{n}")
    assert attempt(client, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, f"again-{n}").status_code == 200


def test_behind_a_proxy_the_client_address_is_the_one_the_proxy_saw(accounts, settings):
    settings.TRUSTED_PROXIES = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            LOGIN,
            {"username": "clerk", "password": f"guess-{n}"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
        )
    # A forged left-hand entry does not escape the lockout ...
    locked = Client().post(
        LOGIN,
        {"username": "clerk", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
    )
    assert locked.status_code == 429
    # ... and the clerk, behind the same proxy from another address, signs in.
    fine = Client().post(
        LOGIN,
        {"username": "clerk", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert fine.status_code == 302
