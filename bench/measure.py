"""In-process measurements against one database (DATABASE_URL): run by bench/run.py.

    python -m bench.measure setup|queries|sweep|import|export --today YYYY-MM-DD

Each prints one JSON object on its last line of output.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
import django

django.setup()

from django.conf import settings

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the in-process test client

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone

from boards.models import (
    Action,
    ActionState,
    Board,
    Membership,
    MembershipRole,
    Person,
    Reminder,
    UpdateVia,
)
from boards.services.updating import Actor, change

ROOT = Path(__file__).resolve().parent.parent
HISTORY_ROWS = 50
TARGET_OUTSTANDING = 500


@contextmanager
def counting():
    """Count the SQL queries run inside (lighter than keeping them all)."""
    box = {"n": 0}

    def wrapper(execute, sql, params, many, context):
        box["n"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield box


def peak_memory(fn):
    """(result, peak bytes allocated by Python while fn ran)."""
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def bench_board():
    """The public board with a date-free key whose outstanding rows are nearest 500."""
    boards = Board.objects.filter(rag_key__slug__in=["rag", "brag"]).annotate(
        outstanding=Count("actions", filter=~Q(actions__state=ActionState.CLOSED))
    )
    return min(boards, key=lambda b: (abs(b.outstanding - TARGET_OUTSTANDING), b.pk))


def setup(args):
    """Users, a board, an action with 50 history rows; idempotent."""
    User = get_user_model()
    board = bench_board()
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    # The officer on the most boards (the home page's "officer on 10 boards").
    officer = (
        Person.objects.filter(memberships__role=MembershipRole.OFFICER)
        .annotate(n=Count("memberships__board", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    if officer.user_id is None:
        user = User.objects.create(username="bench-officer")
        officer.user = user
        officer.save(update_fields=["user"])
    action = Action.objects.filter(board=board, state=ActionState.OPEN).order_by("sort_key").first()
    if args.history:
        actor = Actor(via=UpdateVia.WEB, person=officer)
        while action.version < HISTORY_ROWS:
            change(action, actor=actor, comment=f"Benchmark progress note {action.version + 1}.")
    sessions = {}
    for user in (admin, officer.user):
        client = Client()
        client.force_login(user)
        sessions[user.username] = client.cookies["sessionid"].value
    amber = board.rag_key.statuses.get(code="AMBER")
    info = {
        "board": board.slug,
        "board_id": board.pk,
        "board_outstanding": board.outstanding,
        "amber_id": amber.pk,
        "action": action.pk,
        "action_history": action.updates.count(),
        "officer": officer.name,
        "officer_boards": officer.memberships.values("board").distinct().count(),
        "officer_outstanding": Action.objects.filter(officer_links__person=officer).outstanding().count(),
        "sessions": sessions,
        "actions": Action.objects.count(),
        "history": Action.updates.rel.related_model.objects.count(),
    }
    info["pages"] = pages(info)
    return info


def pages(info):
    """(name, path, session user or None): the log beside its floor and its peer, then the rest."""
    slug, bid, amber = info["board"], info["board_id"], info["amber_id"]
    outstanding = f"/bench/peer/boards/action/?board__id__exact={bid}&view=outstanding"
    return [
        ("log", f"/boards/{slug}/actions/", None),
        ("floor", f"/bench/floor/{slug}/", None),
        ("admin peer", outstanding, "bench-admin"),
        ("log filtered", f"/boards/{slug}/actions/?status=AMBER&q=report", None),
        ("floor filtered", f"/bench/floor/{slug}/?status=AMBER&q=report", None),
        ("admin peer filtered", f"{outstanding}&status__id__exact={amber}&q=report", "bench-admin"),
        ("home (officer)", "/", "bench-officer"),
        ("my actions (officer)", "/my/actions/", "bench-officer"),
        ("action page", f"/boards/{slug}/actions/{info['action']}/", None),
        ("print view (all outstanding)", f"/boards/{slug}/actions/print/", None),
    ]


def queries(args):
    info = setup(argparse.Namespace(history=args.history))
    User = get_user_model()
    out = {}
    for name, url, username in info["pages"]:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        client.get(url)  # warm caches (ContentTypes, templates)
        with counting() as box:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        # Table rows (less the heading's), or the history entries on the action page.
        rows = response.content.count(b"<tr") - 1
        if rows < 0:
            rows = response.content.count(b'class="history__entry')
        out[name] = {"queries": box["n"], "table_rows": rows}
    return {"info": info, "pages": out}


def sweep_now(today):
    return timezone.make_aware(datetime.combine(today, dtime(9, 0)))


def _reset_reminders():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM boards_reminder")
        cursor.execute("DELETE FROM boards_digest")


def rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux


def sweep(args):
    from boards.reminders.sender import sweep as run_sweep

    now = sweep_now(args.today)
    Action.objects.filter(pk__in=[0]).exists()  # connect before the baseline
    baseline = rss_kb()
    times, result = [], {}
    for _ in range(args.runs):
        _reset_reminders()
        with counting() as box:
            start = time.perf_counter()
            results = run_sweep(now)
            times.append(time.perf_counter() - start)
        result = {"queries": box["n"], "digests": len(results), "reminders": Reminder.objects.count()}
    _reset_reminders()
    return {
        **result,
        "seconds": statistics.median(times),
        "all_seconds": times,
        "peak_bytes": (rss_kb() - baseline) * 1024,
        "actions": Action.objects.count(),
        "open_actions": Action.objects.exclude(state=ActionState.CLOSED).count(),
    }


class Rollback(Exception):
    pass


def minutes_import(args):
    from boards.importers.minutes import parse_minutes
    from boards.services.imports.minutes import record_minutes

    text = (ROOT / "tests" / "data" / "minutes_2016_11_17.txt").read_text(encoding="utf-8")
    template = bench_board()

    def once():
        try:
            with transaction.atomic():
                board = Board.objects.create(
                    name="Benchmark import board", slug="bench-import", rag_key=template.rag_key
                )
                Membership.objects.bulk_create(
                    Membership(board=board, person_id=m.person_id, role=m.role)
                    for m in Membership.objects.filter(board=template)
                )
                start = time.perf_counter()
                parsed = parse_minutes(text)
                saved = record_minutes(
                    parsed, board=board, meeting_date=date(2016, 11, 17), actor=Actor(via=UpdateVia.IMPORT)
                )
                elapsed = time.perf_counter() - start
                raise Rollback((elapsed, saved))
        except Rollback as done:
            return done.args[0]

    once()  # warm imports
    runs = []
    for _ in range(args.runs):
        with counting() as box:
            elapsed, saved = once()
        runs.append((elapsed, box["n"] - 0))
    (_, saved), peak = peak_memory(once)
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "queries": runs[-1][1],
        "items": saved["items"],
        "resolutions": saved["resolutions"],
        "actions": saved["actions"],
        "peak_bytes": peak,
    }


PREVIEW_CHARS = 2_000_000


def minutes_preview(args):
    """The clerk's preview of a 2 MB minutes text, through the page (parse, suggestions, form,
    template), as a clerk of the benchmark board."""
    from django.urls import reverse

    from tests.data.long_minutes import big_minutes

    text = big_minutes(PREVIEW_CHARS)
    template = bench_board()
    User = get_user_model()

    def once(body):
        try:
            with transaction.atomic():
                user = User.objects.create(username="bench-clerk")
                person = Person.objects.create(name="Bench Clerk", user=user)
                Membership.objects.create(board=template, person=person, role="clerk")
                client = Client()
                client.force_login(user)
                url = reverse("boards:minutes_import", args=[template.slug])
                with counting() as box:
                    start = time.perf_counter()
                    response = client.post(url, {"step": "preview", "date": "17/11/2016", "text": body})
                    elapsed = time.perf_counter() - start
                assert response.status_code == 200, response.status_code
                import re

                found = re.search(rb"Found ([\d,]+) minute item", response.content)
                items = int(found.group(1).replace(b",", b"")) if found else 0
                raise Rollback((elapsed, box["n"], items, len(response.content)))
        except Rollback as done:
            return done.args[0]

    once(text[:20000])  # warm imports and templates
    runs = [once(text) for _ in range(args.runs)]
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "queries": runs[-1][1],
        "items": runs[-1][2],
        "page_bytes": runs[-1][3],
        "chars": len(text),
    }


def export(args):
    """One format per process (bench/run.py runs each apart), so the peak is the format's own:
    the growth of the process's peak RSS over its baseline after a small warm-up export."""
    from boards.exports import LogDocument, render
    from boards.log_table import build_rows

    board = bench_board()
    today = timezone.localdate()
    statuses = list(board.rag_key.statuses.all())
    boards = list(Board.objects.filter(rag_key=board.rag_key).order_by("name").values_list("pk", flat=True))
    (fmt,) = args.formats

    def once(n):
        qs = Action.objects.filter(board__in=boards).order_by("board__name", "sort_key")[:n]
        rows = build_rows(qs, today)
        doc = LogDocument(board=board, rows=rows, statuses=statuses, today=today, view="all")
        return len(rows), len(render(doc, fmt))

    once(20)  # import the format's library, warm the caches
    baseline = rss_kb()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        n, size = once(args.rows)
        times.append(time.perf_counter() - start)
    return {
        "seconds": statistics.median(times),
        "rows": n,
        "bytes": size,
        "peak_bytes": (rss_kb() - baseline) * 1024,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["setup", "queries", "sweep", "import", "preview", "export"])
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--formats", nargs="*", default=["csv"])
    parser.add_argument("--history", action="store_true", help="give one action 50 history rows")
    args = parser.parse_args()
    args.today = args.today or timezone.localdate()
    fn = {
        "setup": setup,
        "queries": queries,
        "sweep": sweep,
        "import": minutes_import,
        "preview": minutes_preview,
        "export": export,
    }[args.what]
    result = fn(args)
    sys.stdout.write("\n" + json.dumps(result, default=str) + "\n")


if __name__ == "__main__":
    main()
