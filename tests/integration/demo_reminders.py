"""The demo's reminders on its first two days, for the drills here that run the demo with the
real parts (tests/test_reminders.py runs sixty days of the small board instead).

Reasoned from the default policy (N=7, M=7, K=10, E=2) and the demo's due dates: 327(b) and
333(b) are due 6/12/16; 266(c), 286(b) and 330(d) at the meeting of 5/1/17; 254(e) on 1/6/17,
326(c) and 330(c) at 31/3/17, 330(b) has no date. Meetings: 6/12/16, 5/1/17. Officers: 327(b)
Rosemary Palmer/ Toby Sanders; 333(b) Vandna Gohil/ Mike Sandys; 266(c) Jim Bosworth/ Mike
McHugh; 286(b) Rosemary Palmer; 330(d), 326(c), 330(b) Mike Sandys; 330(c) Mike McHugh; 254(e)
Paul Meredith.
"""

from collections import defaultdict

MEETING_6_DEC = {  # 10 days before 6 December: every open action's officers
    "Mike Sandys": {"326(c)", "330(b)", "330(d)", "333(b)"},
    "Paul Meredith": {"254(e)"},
    "Toby Sanders": {"327(b)"},
    "Jim Bosworth": {"266(c)"},
    "Mike McHugh": {"266(c)", "330(c)"},
    "Rosemary Palmer": {"286(b)", "327(b)"},
    "Vandna Gohil": {"333(b)"},
}
DUE_6_DEC = {
    "Rosemary Palmer": {"327(b)"},
    "Toby Sanders": {"327(b)"},
    "Vandna Gohil": {"333(b)"},
    "Mike Sandys": {"333(b)"},
}


def _tag(table, kind):
    return {person: {(kind, ref) for ref in refs} for person, refs in table.items()}


def _merge(*tables):
    merged = defaultdict(set)
    for table in tables:
        for person, items in table.items():
            merged[person] |= items
    return dict(merged)


EXPECTED_SCHEDULE = {
    "2016-11-26": _tag(MEETING_6_DEC, "meeting"),  # 6 Dec - 10 days
    "2016-11-29": _tag(DUE_6_DEC, "upcoming"),  # 6 Dec - 7 days
}
