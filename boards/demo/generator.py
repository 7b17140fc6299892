"""A realistic, deterministic data set at scale, for benchmarks and load tests.

`generate(boards=50, years=10, seed=1, today=...)` builds boards with their RAG keys,
organisations, people (officers shared across boards, some on ten or more), monthly
meetings with about fifteen minute items, resolutions of which about a third create
actions, and three to ten history rows per action ending in a realistic mix of
statuses, proposed and closed actions. At 50 boards and 10 years that is about
200,000 actions and 1,000,000 history rows.

Why this module writes Action and ActionUpdate rows in bulk, outside
`services.updating.record()`: going through the one writer costs several queries per
change, so a million history rows would take hours. Here each action's whole history
is simulated in memory first and written with `bulk_create`; every row is shaped
exactly as `record()` would have written it (version 1 creates with every tracked
field "from" None, each later row carries only the changed fields with "from" equal
to the previous "to", values as `updating._value` renders them, officers as names,
`action.version` equal to the last row's version, `latest_comment` the last comment
written to the log, closing rows keeping the officer's comment). Nothing else in the
application writes these tables in bulk.

Deterministic: one `random.Random(seed)`, a fixed `today`, no clock reads, so the same
arguments give the same rows (primary keys aside, which the database assigns).
"""

import random
import time as clock
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import (
    Action,
    ActionOfficer,
    ActionState,
    ActionUpdate,
    Attendance,
    AttendanceKind,
    Board,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipRole,
    MinuteItem,
    Organisation,
    Person,
    RagKey,
    ReminderPolicy,
    Resolution,
    UpdateVia,
)
from ..references import sort_key

BATCH = 2000

PLACES = [
    "Leicestershire",
    "Rutland",
    "Leicester City",
    "Nottinghamshire",
    "Derbyshire",
    "Lincolnshire",
    "Northamptonshire",
    "Warwickshire",
    "Staffordshire",
    "Shropshire",
    "Herefordshire",
    "Worcestershire",
    "Gloucestershire",
    "Wiltshire",
    "Somerset",
    "Dorset",
    "Devon",
    "Cornwall",
    "Cumbria",
    "Lancashire",
    "Cheshire",
    "Norfolk",
    "Suffolk",
    "Essex",
    "Kent",
    "Surrey",
    "Hampshire",
    "Oxfordshire",
    "Buckinghamshire",
    "Hertfordshire",
    "Bedfordshire",
    "Cambridgeshire",
    "North Yorkshire",
    "East Sussex",
    "West Sussex",
    "Cheshire East",
]
BOARD_KINDS = [
    ("{place} Health and Wellbeing Board", "hwb"),
    ("{place} Health Overview and Scrutiny Committee", "hosc"),
    ("{place} Integrated Care Board", "icb-board"),
    ("{place} Safeguarding Adults Board", "sab"),
]
FIRST_NAMES = [
    "Mike",
    "Paul",
    "Toby",
    "Karen",
    "Rick",
    "Jim",
    "Rosemary",
    "Vandna",
    "Sarah",
    "David",
    "Helen",
    "Andrew",
    "Rachel",
    "Mark",
    "Claire",
    "Simon",
    "Jane",
    "Richard",
    "Emma",
    "Peter",
    "Anita",
    "Mohammed",
    "Priya",
    "Gareth",
    "Fiona",
    "Tom",
    "Louise",
    "Stephen",
    "Nadia",
    "Chris",
    "Julie",
    "Ian",
    "Kate",
    "Amarjit",
    "Joanne",
    "Neil",
    "Ruth",
    "Graham",
    "Olivia",
    "Samuel",
]
LAST_NAMES = [
    "Sandys",
    "Meredith",
    "Sanders",
    "English",
    "Moore",
    "Bosworth",
    "Palmer",
    "Gohil",
    "McHugh",
    "Patel",
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Walker",
    "Wright",
    "Robinson",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Lewis",
    "Martin",
    "Jackson",
    "Clarke",
    "Khan",
    "Singh",
    "Ahmed",
    "Turner",
    "Parker",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
]
OFFICER_TITLES = [
    "Director of Public Health",
    "Director of Adults and Communities",
    "Director of Children and Family Services",
    "Director of Corporate Resources",
    "Head of Commissioning",
    "Assistant Director of Public Health",
    "Consultant in Public Health",
    "Head of Strategic Planning",
    "Managing Director",
    "Chief Nurse",
    "Medical Director",
    "Director of Strategy and Transformation",
    "Head of Mental Health Commissioning",
    "Head of Housing Services",
    "Community Safety Manager",
    "Head of Performance and Intelligence",
    "Better Care Fund Lead",
    "Head of Primary Care",
    "Director of Finance",
    "Head of Safeguarding",
    "Healthwatch Manager",
    "Chief Inspector, Partnerships",
]
SHARED_TITLES = [
    "Regional Director of Public Health",
    "NHS England Locality Director",
    "Regional Head of Specialised Commissioning",
    "Director of Nursing, Midlands",
    "Regional Screening and Immunisation Lead",
    "Chief Executive, Ambulance Service",
    "Regional Mental Health Programme Lead",
    "Police and Crime Commissioner's Chief Executive",
]
TOPICS = [
    "the Joint Health and Wellbeing Strategy",
    "the Better Care Fund plan",
    "the CAMHS Transformation Plan",
    "the Suicide Prevention Strategy",
    "the Sustainability and Transformation Plan",
    "winter pressures in urgent care",
    "the Pharmaceutical Needs Assessment",
    "the Joint Strategic Needs Assessment",
    "delayed transfers of care",
    "the childhood obesity programme",
    "social prescribing",
    "the Dementia Strategy",
    "the Carers' Strategy",
    "the Learning Disabilities Transformation Programme",
    "drug and alcohol services",
    "the Health Protection annual report",
    "air quality",
    "the Domestic Abuse Strategy",
    "housing and health",
    "the Children's Safeguarding annual report",
    "primary care access",
    "the Integrated Care Partnership strategy",
    "health inequalities",
    "the Director of Public Health's annual report",
    "the Summary Care Record",
    "the Joint Commissioning Work Plan",
    "workforce recruitment and retention",
    "the Healthwatch annual report",
]
ACTION_VERBS = [
    "Submit a report to a future meeting of the Board on",
    "Develop a delivery plan and performance framework for",
    "Circulate to members a briefing note on",
    "Receive regular progress reports on",
    "Ascertain and report back on the underlying data for",
    "Arrange a development session for members on",
    "Write to NHS England setting out the Board's concerns about",
    "Consult partners and report the outcome of the review of",
    "Bring forward a timed and quantified plan for",
]
NOTING = [
    "That the report be noted.",
    "That the update be noted.",
    "That the comments of the Board be forwarded to the relevant partners.",
    "That the report and the progress made be welcomed.",
    "That the information be noted.",
]
PROGRESS = [
    "Work is under way with partners; an update will be brought to the {month} meeting.",
    "Report scheduled for {month}.",
    "Awaiting data from {org}; expected in {month}.",
    "Progress report circulated to the Board for information in {month}.",
    "A task and finish group has met twice; its recommendations are due in {month}.",
    "This is under consideration.",
    "Delayed by winter pressures; revised timetable agreed with the chair.",
    "The delivery plan has been drafted and is out for consultation until {month}.",
]
DONE = [
    "Report presented to the Board on {day}.",
    "Completed: briefing note circulated on {day}.",
    "Meeting held and reports submitted for consideration.",
    "Completed and signed off on {day}.",
]
VENUES = ["County Hall", "Council Chamber, Town Hall", "Committee Room 1", "Civic Centre", "ICB Headquarters"]

# How long an action stays open, in months: most close within a few months, a tail runs on.
CLOSE_MEAN_MONTHS = 6.0
TAIL_SHARE, TAIL_MEAN_MONTHS = 0.10, 30.0
UPDATES_PER_ACTION = (3, 4, 5, 6, 7, 8, 9, 10)
UPDATES_WEIGHTS = (25, 25, 20, 10, 8, 6, 3, 3)  # mean about 5


@dataclass
class MeetingRow:
    pk: int
    starts_at: datetime
    date: date
    label: str  # str(Meeting), as history stores it


@dataclass
class BoardPlan:
    board: Board
    key_slug: str
    statuses: dict  # code -> RagStatus
    pace: float  # how slowly this board closes its actions
    officers: list = field(default_factory=list)  # Person, by weight of use
    clerks: list = field(default_factory=list)
    members: list = field(default_factory=list)
    chair: Person | None = None


class Progress:
    def __init__(self, out):
        self.out = out
        self.start = clock.monotonic()
        self.counts = defaultdict(int)

    def add(self, model, n):
        self.counts[model.__name__] += n

    def say(self, text):
        if self.out:
            self.out(f"[{clock.monotonic() - self.start:7.1f}s] {text}")


def _month_name(d: date) -> str:
    return f"{d:%B %Y}"


def _meeting_label(board_name: str, starts_at: datetime) -> str:
    # Meeting.__str__ formats starts_at as the database returns it (UTC); 14:00 local is the same day.
    return f"{board_name}, {starts_at.astimezone(UTC):%d %B %Y}"


def _bulk(model, rows, progress):
    made = model.objects.bulk_create(rows, batch_size=BATCH)
    progress.add(model, len(made))
    return made


class Generator:
    def __init__(self, *, boards=50, years=10, seed=1, today=None, out=None):
        self.n_boards = boards
        self.years = years
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.progress = Progress(out)
        self.tz = timezone.get_current_timezone()

    # People and boards ------------------------------------------------------

    def _name(self, used):
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in used:
                used.add(name)
                return name
            # Many people share names; the papers then add an initial.
            name = f"{name[0]}. {name}" if self.rng.random() < 0.5 else name
            if name not in used:
                used.add(name)
                return name

    def _person(self, name, title, org, *, with_email=True):
        local = ".".join(p for p in name.lower().replace(".", " ").split() if p.isalpha())
        token = f"{self.rng.getrandbits(128):032x}"
        return Person(
            name=name,
            job_title=title,
            organisation=org,
            email=f"{local}.{token[:4]}@example.org" if with_email else "",
            link_key=token,
        )

    def _build_structure(self):
        rng = self.rng
        keys = {k.slug: k for k in RagKey.objects.prefetch_related("statuses")}
        specs = []
        for i in range(self.n_boards):
            place = PLACES[i // len(BOARD_KINDS) % len(PLACES)]
            cycle = i // (len(BOARD_KINDS) * len(PLACES))
            pattern, suffix = BOARD_KINDS[i % len(BOARD_KINDS)]
            name = pattern.format(place=place) + (f" ({cycle + 1})" if cycle else "")
            specs.append((place, name, slugify(f"{place}-{suffix}") + (f"-{cycle + 1}" if cycle else "")))
        places = sorted({s[0] for s in specs}, key=PLACES.index)
        # Beside existing data (the demo board, an earlier run): never reuse a slug or a name.
        taken_slugs = set(Board.objects.values_list("slug", flat=True))
        specs = [(p, n, f"{s}-gen" if s in taken_slugs else s) for p, n, s in specs]
        taken_orgs = set(Organisation.objects.values_list("name", flat=True)) | set(
            Organisation.objects.values_list("slug", flat=True)
        )

        orgs = []
        for place in places:
            orgs += [
                Organisation(
                    name=f"{place} County Council", slug=slugify(f"{place} county council"), kind="council"
                ),
                Organisation(name=f"NHS {place} ICB", slug=slugify(f"nhs {place} icb"), kind="icb"),
                Organisation(
                    name=f"{place} Partnership NHS Trust",
                    slug=slugify(f"{place} partnership trust"),
                    kind="trust",
                ),
                Organisation(
                    name=f"Healthwatch {place}", slug=slugify(f"healthwatch {place}"), kind="healthwatch"
                ),
                Organisation(name=f"{place} Police", slug=slugify(f"{place} police"), kind="police"),
            ]
        orgs.append(Organisation(name="NHS England (generated)", slug="nhs-england-generated", kind="nhse"))
        for org in orgs:
            if org.name in taken_orgs or org.slug in taken_orgs:
                org.name, org.slug = f"{org.name} (generated)", f"{org.slug}-gen"
        orgs = _bulk(Organisation, orgs, self.progress)
        by_place = {place: orgs[i * 5 : (i + 1) * 5] for i, place in enumerate(places)}
        nhse = orgs[-1]

        key_slugs = ["rag"] * 5 + ["brag"] * 3 + ["date-based"] * 2
        boards = _bulk(
            Board,
            [
                Board(name=name, slug=slug, description=f"The {name}.", rag_key=keys[key_slugs[i % 10]])
                for i, (place, name, slug) in enumerate(specs)
            ],
            self.progress,
        )
        Board.organisations.through.objects.bulk_create(
            [
                Board.organisations.through(board_id=b.pk, organisation_id=o.pk)
                for b, (place, _, _) in zip(boards, specs, strict=False)
                for o in by_place[place]
            ]
        )

        # People: local officers per place (shared by that place's boards), members and
        # clerks per board, and a regional pool shared by many boards.
        used = set()
        people = []
        local_officers = {}
        for place in places:
            local_officers[place] = [
                self._person(
                    self._name(used),
                    rng.choice(OFFICER_TITLES),
                    rng.choice(by_place[place]),
                    with_email=rng.random() > 0.04,
                )
                for _ in range(18)
            ]
            people += local_officers[place]
        regional = [
            self._person(self._name(used), SHARED_TITLES[i % len(SHARED_TITLES)], nhse)
            for i in range(max(4, self.n_boards // 2))
        ]
        people += regional
        per_board = []
        for _board, (place, _, _) in zip(boards, specs, strict=False):
            council = by_place[place][0]
            members = [self._person("Cllr " + self._name(used), "Councillor", council) for _ in range(8)]
            clerks = [
                self._person(self._name(used), "Democratic Services Officer", council) for _ in range(2)
            ]
            people += members + clerks
            per_board.append((members, clerks))
        people = _bulk(Person, people, self.progress)  # primary keys set in place
        self.progress.say(f"{len(boards)} boards, {len(people)} people")

        plans = []
        memberships = []
        rows = zip(boards, specs, per_board, strict=False)
        for index, (board, (place, _, _), (members, clerks)) in enumerate(rows):
            key = keys[board.rag_key.slug]
            plan = BoardPlan(
                board=board,
                key_slug=key.slug,
                statuses={s.code: s for s in key.statuses.all()},
                pace=rng.uniform(0.5, 2.5),
            )
            own = rng.sample(local_officers[place], 12)
            # Regional officers: each sits on many boards (the first few on ten or more).
            shared = [r for j, r in enumerate(regional) if (index + j) % 3 == 0 or j < 2][:6]
            plan.officers = own + shared
            plan.clerks, plan.members, plan.chair = clerks, members, members[0]
            plans.append(plan)
            memberships += [
                Membership(board=board, person=p, role=MembershipRole.OFFICER) for p in plan.officers
            ]
            memberships += [Membership(board=board, person=p, role=MembershipRole.CLERK) for p in clerks]
            memberships += [Membership(board=board, person=members[0], role=MembershipRole.CHAIR)]
            memberships += [Membership(board=board, person=p, role=MembershipRole.MEMBER) for p in members]
        _bulk(Membership, memberships, self.progress)

        policies = []
        for plan in plans:
            policies.append(
                ReminderPolicy(
                    board=plan.board,
                    enabled=rng.random() < 0.9,
                    upcoming_days=rng.choice([7, 7, 14]),
                    overdue_every_days=rng.choice([7, 14, 14, 28]),
                    before_meeting_days=rng.choice([3, 5, 7]),
                    escalate_after=rng.choice([2, 3]),
                    send_time=rng.choice([time(7, 30), time(8, 0), time(8, 0)]),
                )
            )
        _bulk(ReminderPolicy, policies, self.progress)
        return plans

    # Meetings, minutes, actions -------------------------------------------

    def _meeting_dates(self, first_day: date, last_day: date, weekday: int, week: int):
        """The board's meeting day each month, e.g. the second Tuesday."""
        dates = []
        year, month = first_day.year, first_day.month
        while (year, month) <= (last_day.year, last_day.month):
            d = date(year, month, 1)
            d += timedelta(days=(weekday - d.weekday()) % 7 + 7 * week)
            if first_day <= d <= last_day:
                dates.append(d)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return dates

    def _board(self, plan: BoardPlan):
        rng, board, today = self.rng, plan.board, self.today
        start = date(today.year - self.years, today.month, 1)
        dates = self._meeting_dates(start, today + timedelta(days=100), rng.randrange(5), rng.randrange(4))
        meetings = []
        for d in dates:
            starts = timezone.make_aware(datetime.combine(d, time(14, 0)), self.tz)
            status = MeetingStatus.SCHEDULED if d > today else MeetingStatus.APPROVED
            meetings.append(
                Meeting(
                    board=board,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    venue=rng.choice(VENUES),
                    status=status,
                    chair=plan.chair,
                )
            )
        held = [m for m in meetings if m.starts_at.date() <= today]
        if held:
            held[-1].status = MeetingStatus.HELD
        meetings = _bulk(Meeting, meetings, self.progress)
        rows = [
            MeetingRow(m.pk, m.starts_at, m.starts_at.date(), _meeting_label(board.name, m.starts_at))
            for m in meetings
        ]
        n_held = len(held)
        self._dates = [r.date for r in rows]

        attendance = []
        for m in meetings[:n_held]:
            present = [plan.chair] + rng.sample(plan.members[1:], 5)
            apologies = [p for p in plan.members[1:] if p not in present][:2]
            attendance += [
                Attendance(
                    meeting=m,
                    person=p,
                    kind=AttendanceKind.PRESENT,
                    position=i,
                    note="In the Chair" if i == 0 else "",
                )
                for i, p in enumerate(present)
            ]
            attendance += [
                Attendance(meeting=m, person=p, kind=AttendanceKind.APOLOGIES, position=i)
                for i, p in enumerate(apologies)
            ]
        _bulk(Attendance, attendance, self.progress)

        # Minute items and resolutions, numbered in one running sequence per board.
        number = rng.randrange(1, 300)
        items, item_specs = [], []
        for meeting, row in zip(meetings[:n_held], rows, strict=False):
            count = rng.randint(13, 17)
            for position in range(count):
                if position == 0:
                    title, n_res = "Minutes and Action Log", 1
                elif position == count - 1:
                    title, n_res = "Date of next meeting", 1
                elif position == 1:
                    title, n_res = "Declarations of interest", 0
                else:
                    topic = rng.choice(TOPICS)
                    title, n_res = topic[0].upper() + topic[1:], rng.randint(4, 12)
                items.append(
                    MinuteItem(
                        board=board,
                        meeting=meeting,
                        number=str(number),
                        sort_key=sort_key(str(number)),
                        title=title,
                        heading="RESOLVED:" if n_res else "",
                        text=f"The Board considered a report on {title[0].lower() + title[1:]}. "
                        "Arising from discussion the following points were raised: (i) partners were "
                        "asked to align their plans; (ii) members sought assurance on the timetable.",
                    )
                )
                item_specs.append((row, n_res, position not in (0, count - 1)))
                number += 1
        items = _bulk(MinuteItem, items, self.progress)

        resolutions, res_specs = [], []
        for item, (row, n_res, substantive) in zip(items, item_specs, strict=False):
            for position in range(n_res):
                label = f"({'abcdefghijkl'[position]})" if n_res > 1 else ""
                creates = substantive and rng.random() < 0.35
                if creates:
                    topic = item.title[0].lower() + item.title[1:]
                    text = f"{rng.choice(ACTION_VERBS)} {topic}."
                elif item.title == "Minutes and Action Log":
                    text = "That the minutes of the previous meeting be taken as read, confirmed and signed."
                elif item.title == "Date of next meeting":
                    text = "That the next meeting of the Board be held on the date published."
                else:
                    text = rng.choice(NOTING)
                resolutions.append(Resolution(minute_item=item, label=label, text=text, position=position))
                res_specs.append((item, row, creates))
        resolutions = _bulk(Resolution, resolutions, self.progress)

        actions_data = [
            self._simulate(plan, res, item, row, rows, n_held)
            for res, (item, row, creates) in zip(resolutions, res_specs, strict=False)
            if creates
        ]
        actions = _bulk(Action, [a for a, _, _ in actions_data], self.progress)
        _bulk(
            ActionOfficer,
            [
                ActionOfficer(action=action, person=person, position=i)
                for action, (_, officers, _) in zip(actions, actions_data, strict=False)
                for i, person in enumerate(officers)
            ],
            self.progress,
        )
        updates = []
        for action, (_, _, history) in zip(actions, actions_data, strict=False):
            for u in history:
                u.action = action
            updates += history
        _bulk(ActionUpdate, updates, self.progress)
        return len(actions)

    def _simulate(self, plan: BoardPlan, resolution, item, raised: MeetingRow, meetings, n_held):
        """One action's whole life: its final row, its officers and its history rows."""
        rng, today, st = self.rng, self.today, plan.statuses
        dates = self._dates
        i = bisect_right(dates, raised.date) - 1
        officers = [rng.choice(plan.officers[:12] if rng.random() < 0.8 else plan.officers)]
        if rng.random() < 0.3:
            other = rng.choice(plan.officers)
            if other is not officers[0]:
                officers.append(other)
        clerk = rng.choice(plan.clerks)

        # When (if ever) the board closes it: k meetings later.
        mean = (TAIL_MEAN_MONTHS if rng.random() < TAIL_SHARE else CLOSE_MEAN_MONTHS) * plan.pace
        k = 1 + int(rng.expovariate(1 / mean))
        closed_at = meetings[i + k] if i + k < n_held else None

        # Due: a later meeting, a date, or "in due course".
        roll = rng.random()
        due_meeting = due_date = None
        due_text = ""
        if roll < 0.6 and i + 1 < len(meetings):
            due_meeting = meetings[min(i + rng.randint(1, 4), len(meetings) - 1)]
            due_date = due_meeting.date
        elif roll < 0.9:
            due_date = raised.date + timedelta(days=rng.choice([30, 61, 91, 122, 183]))
        else:
            due_text = "in due course"

        complete_code = {"rag": "GREEN", "brag": "BLUE", "date-based": "COMPLETE"}[plan.key_slug]
        open_codes = ["AMBER", "GREEN"] if plan.key_slug == "date-based" else ["RED", "AMBER", "GREEN"]
        state = {
            "reference": item.number + (f"({resolution.label.strip('()')})" if resolution.label else ""),
            "description": resolution.text,
            "raised_on": raised.date,
            "raised_at": raised,
            "resolution": f"{item.number}{resolution.label} {resolution.text[:60]}",
            "minute_item": f"{item.number}. {item.title}",
            "due_date": due_date,
            "due_meeting": due_meeting,
            "due_text": due_text,
            "status": "GREEN",
            "state": ActionState.OPEN,
            "closed_at_meeting": None,
            "closed_on": None,
        }
        n = rng.choices(UPDATES_PER_ACTION, UPDATES_WEIGHTS)[0]
        start = raised.starts_at + timedelta(hours=rng.uniform(3, 30))
        if closed_at is not None:
            end = closed_at.starts_at + timedelta(hours=3)
        else:
            end = timezone.make_aware(datetime.combine(today, time(7, 0)), self.tz) - timedelta(hours=1)
        end = max(end, start + timedelta(hours=n))
        span = (end - start).total_seconds()
        times = (
            [start] + sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(n - 2)) + [end]
        )
        for j in range(1, n):  # strictly increasing
            if times[j] <= times[j - 1]:
                times[j] = times[j - 1] + timedelta(minutes=1)
        proposed_last = closed_at is None and rng.random() < 0.04

        history: list[ActionUpdate] = []
        latest_comment = ""

        def emit(at, by, via, changes, comment, to_log=True):
            nonlocal latest_comment
            if comment and to_log:
                latest_comment = comment
            history.append(
                ActionUpdate(
                    at=at, by_person=by, via=via, changes=changes, comment=comment, version=len(history) + 1
                )
            )

        def move(at, by, via, comment, to_log=True, **fields):
            changes = {}
            for name, value in fields.items():
                if state[name] != value:
                    changes[name] = {"from": _shown(state[name]), "to": _shown(value)}
                    state[name] = value
            emit(at, by, via, changes, comment, to_log)

        # Version 1: created, every tracked field from nothing.
        created = {
            name: {"from": None, "to": _shown(value)}
            for name, value in state.items()
            if _shown(value) is not None
        }
        created["officers"] = {"from": [], "to": [p.name for p in officers]}
        emit(times[0], clerk, UpdateVia.WEB, created, "")

        last = n - 1
        for j in range(1, n):
            at = times[j]
            day = timezone.localtime(at, self.tz).date()
            month = _month_name(day + timedelta(days=rng.choice([30, 61, 91])))
            officer = rng.choice(officers)
            if j == last and closed_at is not None:
                move(
                    at,
                    clerk,
                    UpdateVia.WEB,
                    f"Closed: agreed complete at the meeting of {closed_at.date:%d %B %Y}.",
                    to_log=False,
                    state=ActionState.CLOSED,
                    closed_on=closed_at.date,
                    closed_at_meeting=closed_at,
                )
            elif j == last - 1 and closed_at is not None:
                move(
                    at,
                    officer,
                    rng.choice([UpdateVia.WEB, UpdateVia.LINK]),
                    rng.choice(DONE).format(day=f"{day:%d %B %Y}"),
                    status=complete_code,
                )
            elif j == last and proposed_last:
                move(
                    at,
                    officer,
                    UpdateVia.LINK,
                    rng.choice(DONE).format(day=f"{day:%d %B %Y}"),
                    status=complete_code,
                    state=ActionState.PROPOSED_COMPLETE,
                )
            elif state["due_date"] is not None and state["due_date"] < day and rng.random() < 0.8:
                # Past its due date: the clerk agrees a new one, at a later meeting if there is one.
                later = bisect_right(dates, day + timedelta(days=rng.choice([20, 45, 75])))
                if state["due_meeting"] is not None and later < len(meetings):
                    target = meetings[later]
                    move(
                        at,
                        clerk,
                        UpdateVia.WEB,
                        f"Revised date agreed: {target.date:%d %B %Y}.",
                        due_meeting=target,
                        due_date=target.date,
                    )
                else:
                    new = day + timedelta(days=rng.choice([30, 61, 91]))
                    move(at, clerk, UpdateVia.WEB, f"Revised date agreed: {new:%d %B %Y}.", due_date=new)
            else:
                text = rng.choice(PROGRESS).format(
                    month=month, org=officer.organisation.name if officer.organisation else "partners"
                )
                overdue = state["due_date"] is not None and state["due_date"] < day
                status = (
                    rng.choice(["RED", "AMBER"])
                    if overdue and "RED" in open_codes
                    else rng.choice(open_codes)
                )
                if rng.random() < 0.5:
                    move(at, officer, rng.choice([UpdateVia.WEB, UpdateVia.LINK]), text, status=status)
                else:
                    move(at, officer, rng.choice([UpdateVia.WEB, UpdateVia.LINK]), text)

        action = Action(
            board=plan.board,
            reference=state["reference"],
            sort_key=sort_key(state["reference"]),
            resolution=resolution,
            minute_item=item,
            raised_at_id=raised.pk,
            raised_on=raised.date,
            description=state["description"],
            due_date=state["due_date"],
            due_meeting_id=state["due_meeting"].pk if state["due_meeting"] else None,
            due_text=state["due_text"],
            status=st[state["status"]],
            state=state["state"],
            closed_at_meeting_id=state["closed_at_meeting"].pk if state["closed_at_meeting"] else None,
            closed_on=state["closed_on"],
            latest_comment=latest_comment,
            version=len(history),
            created_at=history[0].at,
            updated_at=history[-1].at,
        )
        return action, officers, history

    # ----------------------------------------------------------------------

    def run(self) -> dict:
        self.progress.say(f"generating {self.n_boards} boards over {self.years} years, today {self.today}")
        # Outside a caller's transaction only (PRAGMA synchronous cannot change inside one).
        standalone = not connection.in_atomic_block
        fast_sqlite = connection.vendor == "sqlite" and standalone
        if fast_sqlite:
            with connection.cursor() as cursor:  # a bulk load: durability per statement is not needed
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-200000")
                cursor.execute("PRAGMA temp_store=MEMORY")
        with transaction.atomic():
            plans = self._build_structure()
        total = 0
        for n, plan in enumerate(plans, 1):
            with transaction.atomic():
                total += self._board(plan)
            c = self.progress.counts
            self.progress.say(
                f"board {n}/{len(plans)} {plan.board.slug}: actions {c['Action']:,}, "
                f"history {c['ActionUpdate']:,}, resolutions {c['Resolution']:,}, meetings {c['Meeting']:,}"
            )
        if fast_sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql" and standalone:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.progress.say("done: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.progress.counts.items())))
        return dict(self.progress.counts)


def _shown(value):
    """A value as the history stores it (services.updating._value)."""
    if isinstance(value, MeetingRow):
        return value.label
    if isinstance(value, date):
        return value.isoformat()
    return value if value not in ("", None) else None


def generate(*, boards=50, years=10, seed=1, today=None, out=None) -> dict:
    return Generator(boards=boards, years=years, seed=seed, today=today, out=out).run()
