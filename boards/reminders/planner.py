"""What reminders are due on a day: a pure function of the facts, the policy and the date.

No database here: the models give only their rules (`is_overdue`, `ReminderKind`).
`facts.py` gathers the facts; `sender.py` records and sends.
Periods name what a reminder covers, so the same reminder is never planned twice:
- upcoming:   the due date ("2017-03-31"): once per due date, catching up if a sweep was missed;
- overdue:    the cadence's start and step ("2017-04-01+2"): the day after the due date, then every
              M days; an officer's update restarts the cadence M days after it;
- meeting:    the meeting ("meeting-17"): once, K days before the board's next meeting;
- escalation: the cadence's start ("2017-04-01"): once per silent spell, to each clerk, after
              E overdue reminders with no update;
- no_email:   a reminder for an officer without an email address, sent to the clerks instead.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..models.actions import ActionState, is_overdue
from ..models.reminders import ReminderKind


@dataclass(frozen=True)
class Policy:
    upcoming_days: int = 7
    overdue_every_days: int = 7
    before_meeting_days: int = 10
    escalate_after: int = 2


@dataclass(frozen=True)
class Officer:
    person_id: int
    has_email: bool


@dataclass(frozen=True)
class ActionFacts:
    action_id: int
    board_id: int
    state: str  # open, proposed (closed actions are not facts of a sweep)
    complete: bool  # the status means complete
    due_date: date | None
    officers: tuple[Officer, ...]
    last_officer_update: date | None = None  # the latest update made by one of its officers
    overdue_periods_sent: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class BoardFacts:
    board_id: int
    policy: Policy
    clerks: tuple[int, ...] = ()
    next_meeting: tuple[int, date] | None = None  # (meeting id, date)


@dataclass(frozen=True, order=True)
class Planned:
    person_id: int
    action_id: int
    kind: str  # a ReminderKind
    period: str
    about_id: int | None = None  # the officer, for a clerk's reminder


def overdue_start(action: ActionFacts, policy: Policy) -> date | None:
    """The day the current overdue cadence started, or None if the action is not overdue-able.

    The cadence starts on the first day the action is overdue (`is_overdue`, the one rule, asked
    of the day after its due date), or M days after its officer's latest update since then."""
    if action.due_date is None:
        return None
    start = action.due_date + timedelta(days=1)
    if not is_overdue(action.state, action.complete, action.due_date, start):
        return None
    if action.last_officer_update and action.last_officer_update >= start:
        start = action.last_officer_update + timedelta(days=policy.overdue_every_days)
    return start


@dataclass(frozen=True)
class Skipped:
    """An action the planner could not plan for, and why: the sweep carries on without it."""

    action_id: int
    error: str


def plan(
    actions: Iterable[ActionFacts],
    boards: dict[int, BoardFacts],
    today: date,
    *,
    skipped: list[Skipped] | None = None,
) -> list[Planned]:
    """Every reminder due on `today`. An action whose facts cannot be planned (a due date
    at the end of the calendar, say) is left out and, if `skipped` is given, added to it:
    one bad row never stops the rest."""
    planned: set[Planned] = set()
    for action in actions:
        board = boards.get(action.board_id)
        if board is None:
            continue
        try:
            found = _plan_action(action, board, today)
        except (ArithmeticError, ValueError, TypeError) as error:  # OverflowError among them
            if skipped is not None:
                skipped.append(Skipped(action.action_id, f"{type(error).__name__}: {error}"))
            continue
        planned.update(found)
    return sorted(planned)


def _plan_action(action: ActionFacts, board: BoardFacts, today: date) -> set[Planned]:
    planned: set[Planned] = set()
    policy = board.policy
    for kind, period in _officer_reminders(action, board, today):
        for officer in action.officers:
            if officer.has_email:
                planned.add(Planned(officer.person_id, action.action_id, kind, period))
            else:
                for clerk in board.clerks:
                    planned.add(
                        Planned(
                            clerk,
                            action.action_id,
                            ReminderKind.NO_EMAIL,
                            f"{kind}:{period}:{officer.person_id}",
                            officer.person_id,
                        )
                    )
    start = overdue_start(action, policy)
    if start is not None and start <= today:
        sent = sum(1 for p in action.overdue_periods_sent if p.startswith(f"{start.isoformat()}+"))
        if sent >= policy.escalate_after:
            for clerk in board.clerks:
                planned.add(Planned(clerk, action.action_id, ReminderKind.ESCALATION, start.isoformat()))
    return planned


def _officer_reminders(action: ActionFacts, board: BoardFacts, today: date) -> Iterator[tuple[str, str]]:
    policy = board.policy
    due = action.due_date
    if due and action.state == ActionState.OPEN and not action.complete:
        if due - timedelta(days=policy.upcoming_days) <= today < due:
            yield ReminderKind.UPCOMING, due.isoformat()
    start = overdue_start(action, policy)
    if start is not None and start <= today:
        step = (today - start).days // policy.overdue_every_days
        yield ReminderKind.OVERDUE, f"{start.isoformat()}+{step}"
    if board.next_meeting and action.state == ActionState.OPEN:
        meeting_id, meeting_date = board.next_meeting
        if meeting_date - timedelta(days=policy.before_meeting_days) <= today < meeting_date:
            yield ReminderKind.MEETING, f"meeting-{meeting_id}"
