"""The floor: the board log's default page as one raw SQL query and a minimal template.

Same rows as the log's default view (outstanding, in the papers' order, the first page
of 100), same columns; no filters form, counts, key or layout. What the log page costs
above this is the price of the framework and the features.
"""

from django.db import connection
from django.http import Http404
from django.shortcuts import render

PER_PAGE = 100  # boards.log_query.PER_PAGE

OFFICERS = {
    "postgresql": "(SELECT string_agg(p.name, '/ ' ORDER BY ao.position) FROM boards_actionofficer ao "
    "JOIN boards_person p ON p.id = ao.person_id WHERE ao.action_id = a.id)",
    "sqlite": "(SELECT group_concat(name, '/ ') FROM (SELECT p.name FROM boards_actionofficer ao "
    "JOIN boards_person p ON p.id = ao.person_id WHERE ao.action_id = a.id ORDER BY ao.position))",
}
LIKE = {"postgresql": "ILIKE", "sqlite": "LIKE"}


def floor_log(request, slug):
    vendor = connection.vendor
    where, params = ["b.slug = %s", "a.state <> 'closed'"], [slug]
    codes = request.GET.getlist("status")
    if codes:
        where.append(f"s.code IN ({', '.join(['%s'] * len(codes))})")
        params += codes
    for word in request.GET.get("q", "").split():
        like = LIKE[vendor]
        where.append(f"(a.description {like} %s OR a.latest_comment {like} %s OR a.reference {like} %s)")
        params += [f"%{word}%"] * 3
    sql = (
        f"SELECT a.id, a.reference, a.raised_on, a.description, {OFFICERS[vendor]}, a.latest_comment, "
        "s.code, s.colour, b.name FROM boards_action a JOIN boards_board b ON b.id = a.board_id "
        "JOIN boards_ragstatus s ON s.id = a.status_id "
        f"WHERE {' AND '.join(where)} ORDER BY b.name, a.sort_key LIMIT {PER_PAGE}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows and not request.GET:
        raise Http404
    if vendor == "sqlite":  # dates come back as text
        from datetime import date

        rows = [
            (r[0], r[1], date.fromisoformat(r[2]) if isinstance(r[2], str) else r[2], *r[3:]) for r in rows
        ]
    return render(
        request,
        "bench/floor.html",
        {
            "rows": rows,
            "slug": slug,
            "board_name": rows[0][8] if rows else slug,
        },
    )
