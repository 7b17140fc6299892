"""Settings come from the environment, strictly; production settings pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from actionlog.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Jq-production-like-secret-key-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "actions.example.org",
    "DATABASE_URL": "sqlite:////tmp/actionlog-deploy-check.sqlite3",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", *PRODUCTION}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "actionlog.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("raw, expected", [("true", True), ("0", False), ("Yes", True), ("", False)])
def test_env_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", False) is expected


def test_env_readers_fail_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    monkeypatch.setenv("COUNT", "seven")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", False)
    with pytest.raises(ImproperlyConfigured, match="COUNT"):
        env_int("COUNT", 1)


def test_env_list(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example.org, ,b.example.org ")
    assert env_list("HOSTS", []) == ["a.example.org", "b.example.org"]
    monkeypatch.delenv("HOSTS")
    assert env_list("HOSTS", ["default"]) == ["default"]


def test_missing_secret_key_with_debug_off_stops_start_up():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="actions.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_system_checks_are_clean():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", check=True, dry_run=True)


def test_database_url_selects_the_database():
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )
    result = manage(
        "shell", "-c", code, DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/actionlog"
    )
    assert result.stdout.split()[-2:] == ["django.db.backends.postgresql", "actionlog"]
    result = manage("shell", "-c", code, DEBUG="true", DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert result.stdout.split()[-2:] == ["django.db.backends.sqlite3", "/tmp/x.sqlite3"]


# Production-safe by default (issue 11, item 6) ------------------------------------------


def _env_example_value(name):
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise AssertionError(f"{name} is not in .env.example")


SHOW_MODE = (
    "from django.conf import settings; "
    "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)"
)


def test_without_debug_set_the_app_runs_in_production_mode():
    result = manage("shell", "-c", SHOW_MODE, SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["False", "True", "True"]


def test_without_debug_set_a_missing_key_stops_start_up():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_with_the_example_files_placeholder_key():
    result = manage(
        "check",
        DEBUG="false",
        SECRET_KEY=_env_example_value("SECRET_KEY"),
        ALLOWED_HOSTS="actions.example.org",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is a published placeholder" in result.stderr


@pytest.mark.parametrize(
    ("key", "why"),
    [
        (_env_example_value("SECRET_KEY"), "published placeholder"),  # the example file's
        ("insecure-development-key-only-used-while-DEBUG-is-on", "published placeholder"),  # the dev key
        ("django-insecure-" + "k3j4h5g6f7d8s9a0" * 3, "published placeholder"),  # Django's throwaway marker
        ("short-but-random-Xq9", "too short"),
        ("a" * 60, "too short or too simple"),
        ("", "is not set"),
    ],
)
def test_weak_or_placeholder_keys_are_refused(key, why):
    from actionlog.secret_key import check_secret_key

    with pytest.raises(ImproperlyConfigured, match=why):
        check_secret_key(key)
    check_secret_key(PRODUCTION["SECRET_KEY"])  # a real one passes


def test_development_mode_is_explicit_and_needs_no_key():
    result = manage("shell", "-c", SHOW_MODE, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["True", "False", "False"]


def test_make_run_and_make_test_ask_for_development_mode():
    makefile = (ROOT / "Makefile").read_text()
    assert "DEV := DEBUG=true" in makefile
    assert "RUN_ENV := $(DEV)" in makefile
    assert "$(DEV) $(BIN)/python -m pytest" in makefile
