"""Who owns a transaction: every writer in boards/services says so in its docstring, and a
writer that refuses a stale change keeps the refusal, whether or not it runs inside a
caller's transaction."""

import ast
from datetime import date
from pathlib import Path

import pytest
from django.db import transaction

from boards.models import Action, ActionState
from boards.services import closing
from boards.services.updating import StaleAction, change, keep_refusal

from .factories import SYSTEM, make_action, make_board

SERVICES = Path(__file__).resolve().parent.parent / "boards" / "services"

# A call to any of these writes (or opens a transaction to write).
WRITING_CALLS = {
    "atomic",
    "save",
    "create",
    "create_user",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "rotate_link_key",
    "record",
    "change",
    "note",
}
OWNS = "Owns its transaction"
JOINS = "Runs in the caller's transaction: call it inside atomic()"


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return getattr(call.func, "id", None)


def writers():
    """(module:function, docstring) for each function of boards/services that writes, itself
    or through another function of its module."""
    for path in sorted(SERVICES.rglob("*.py")):  # services/imports/ too
        functions = {
            node.name: node for node in ast.parse(path.read_text()).body if isinstance(node, ast.FunctionDef)
        }
        calls = {
            name: {_called_name(n) for n in ast.walk(node) if isinstance(n, ast.Call)}
            for name, node in functions.items()
        }
        writing = {name for name, called in calls.items() if called & WRITING_CALLS}
        while grown := {name for name, called in calls.items() if called & writing} - writing:
            writing |= grown
        for name in sorted(writing):
            doc = " ".join((ast.get_docstring(functions[name]) or "").split())
            module = ".".join(path.relative_to(SERVICES).with_suffix("").parts)
            yield f"{module}:{name}", doc


def test_the_scan_finds_the_writers():
    found = dict(writers())
    for name in (
        "updating:record",
        "updating:change",
        "setup_records:note",
        "publishing:publish",
        "imports.minutes:record_minutes",
    ):
        assert name in found


def test_every_writer_says_whether_it_owns_its_transaction():
    silent = [name for name, doc in writers() if OWNS not in doc and JOINS not in doc]
    assert silent == []


@pytest.fixture
def action(db):
    return make_action(make_board(), "326(c)")


def _stale_copy(action):
    """The action as an editor loaded it, before someone else changed it."""
    stale = Action.objects.get(pk=action.pk)
    change(Action.objects.get(pk=action.pk), actor=SYSTEM, description="Someone else's edit")
    return stale


def _withdraw(action, version):
    closing.withdraw(action, actor=SYSTEM, reason="Recorded in error", expected_version=version)


def _reopen(action, version):
    closing.reopen(action, actor=SYSTEM, reason="Not done after all", expected_version=version)


def _closed(action):
    change(action, actor=SYSTEM, state=ActionState.CLOSED, closed_on=date(2017, 3, 16))
    return Action.objects.get(pk=action.pk)


@pytest.mark.parametrize("writer", ["withdraw", "reopen"])
def test_a_stale_withdrawal_or_reopening_keeps_its_refusal(action, writer):
    if writer == "reopen":
        action = _closed(action)
    stale = _stale_copy(action)
    with pytest.raises(StaleAction):
        (_withdraw if writer == "withdraw" else _reopen)(stale, stale.version)
    action.refresh_from_db()
    assert action.description == "Someone else's edit" and action.state == stale.state
    refusal = action.refused_changes.get()
    assert refusal.seen_version == stale.version and refusal.current_version == action.version
    expected = ActionState.WITHDRAWN if writer == "withdraw" else ActionState.OPEN
    assert refusal.attempted["state"] == expected


@pytest.mark.parametrize("writer", ["withdraw", "reopen"])
def test_inside_a_callers_transaction_the_refusal_is_kept_after_it(action, writer):
    if writer == "reopen":
        action = _closed(action)
    stale = _stale_copy(action)
    with transaction.atomic():
        with pytest.raises(StaleAction) as refused:
            (_withdraw if writer == "withdraw" else _reopen)(stale, stale.version)
    assert not action.refused_changes.exists()
    keep_refusal(refused.value)
    assert action.refused_changes.get().seen_version == stale.version
