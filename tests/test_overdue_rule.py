"""Overdue is defined once: `is_overdue` for facts already read, `overdue_q` its SQL twin.

Every combination of state, complete status and due date (none, before, on, after the day
asked about) is stored as an action; the query and the function must pick the same ones,
and the log's rows and the reminder planner must agree with them.
"""

from datetime import date, timedelta
from itertools import product

import pytest

from boards.log_table import build_rows
from boards.models import Action, ActionState, Board
from boards.models.actions import is_overdue, overdue_q
from boards.reminders.planner import ActionFacts, BoardFacts, Policy, overdue_start, plan
from tests.factories import make_action, make_board

ON = date(2017, 4, 1)
DUES = {"none": None, "before": ON - timedelta(days=1), "on": ON, "after": ON + timedelta(days=1)}
CASES = list(product(ActionState.values, (False, True), DUES))


@pytest.fixture
def every_case(db):
    board = make_board(key="brag")  # BLUE means complete, GREEN does not
    actions = {}
    for n, (state, complete, due) in enumerate(CASES, start=1):
        actions[(state, complete, due)] = make_action(
            board,
            reference=f"{n}(a)",
            status="BLUE" if complete else "GREEN",
            due_date=DUES[due],
            state=state,
            closed_on=ON if state == ActionState.CLOSED else None,
        )
    return board, actions


def test_the_cases_cover_both_answers():
    answers = {is_overdue(state, complete, DUES[due], ON) for state, complete, due in CASES}
    assert answers == {True, False}


def test_only_an_open_incomplete_action_due_before_the_day_is_overdue():
    overdue = [case for case in CASES if is_overdue(case[0], case[1], DUES[case[2]], ON)]
    assert overdue == [(ActionState.OPEN, False, "before")]


def test_the_query_and_the_function_agree_on_every_combination(every_case):
    board, actions = every_case
    by_query = set(Action.objects.filter(board=board).filter(overdue_q(ON)).values_list("pk", flat=True))
    by_function = {
        action.pk
        for (state, complete, due), action in actions.items()
        if is_overdue(state, complete, DUES[due], ON)
    }
    assert by_query == by_function
    assert set(Action.objects.filter(board=board).overdue(on=ON).values_list("pk", flat=True)) == by_function


def test_the_query_across_a_relation_agrees(every_case):
    board, actions = every_case
    counted = Board.objects.filter(pk=board.pk).filter(overdue_q(ON, prefix="actions__")).distinct()
    assert counted.exists() == any(is_overdue(s, c, DUES[d], ON) for s, c, d in actions)


def test_the_log_rows_mark_overdue_by_the_same_rule(every_case):
    board, actions = every_case
    rows = {row.id: row.is_overdue for row in build_rows(Action.objects.filter(board=board), ON)}
    for (state, complete, due), action in actions.items():
        assert rows[action.pk] == is_overdue(state, complete, DUES[due], ON), (state, complete, due)


def test_the_planner_starts_the_overdue_cadence_by_the_same_rule():
    policy = Policy()
    for state, complete, due in CASES:
        facts = ActionFacts(1, 1, state, complete, DUES[due], officers=())
        start = overdue_start(facts, policy)
        assert (start is not None and start <= ON) == is_overdue(state, complete, DUES[due], ON), (
            state,
            complete,
            due,
        )


def test_the_planner_escalates_exactly_the_overdue(every_case):
    """Escalation goes to clerks with no officer needed: planned exactly when overdue."""
    policy = Policy(escalate_after=0)
    board = BoardFacts(1, policy, clerks=(7,))
    for state, complete, due in CASES:
        facts = ActionFacts(1, 1, state, complete, DUES[due], officers=())
        escalated = [p for p in plan([facts], {1: board}, ON) if p.kind == "escalation"]
        assert bool(escalated) == is_overdue(state, complete, DUES[due], ON), (state, complete, due)
