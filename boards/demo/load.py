"""Build the demo board from the papers. Idempotent: a second run writes nothing."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..due import Due
from ..models import (
    Action,
    Attendance,
    AttendanceKind,
    Board,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipRole,
    MinuteItem,
    Organisation,
    OrganisationAdmin,
    Person,
    RagKey,
    Resolution,
    UpdateVia,
)
from ..services.recording import action_from_resolution
from ..services.updating import Actor, change
from . import leicestershire as data
from . import minutes_2016_11_17 as minutes

IMPORTED = Actor(via=UpdateVia.IMPORT)
# When the log's comments and statuses were recorded: the papers' date (demo).
LOG_UPDATED_AT = (2016, 11, 17, 16, 30)


def _at(parts) -> datetime:
    return timezone.make_aware(datetime(*parts))


def _email(name: str) -> str:
    local = ".".join(part for part in name.lower().replace(".", " ").split() if part.isalpha())
    return f"{local}@example.org"


class DemoLoader:
    def __init__(self):
        self.created: dict[str, int] = {}

    def _get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            self.created[model.__name__] = self.created.get(model.__name__, 0) + 1
        return obj

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            self.organisations = {
                slug: self._get_or_create(Organisation, slug=slug, defaults={"name": name, "kind": kind})
                for slug, name, kind in data.ORGANISATIONS
            }
            self.board = self._get_or_create(
                Board,
                slug=data.BOARD["slug"],
                defaults={
                    "name": data.BOARD["name"],
                    "description": data.BOARD["description"],
                    "rag_key": RagKey.objects.get(slug=data.BOARD["rag_key"]),
                },
            )
            if not self.board.organisations.exists():
                self.board.organisations.set(self.organisations.values())
            self.people: dict[str, Person] = {}
            for name, title, org in data.KNOWN_PEOPLE:
                self._person(name, title, self.organisations.get(org) if org else None)
            self._person(
                data.DEMO_CLERK_NAME,
                "Democratic Services Officer",
                self.organisations["leicestershire-county-council"],
            )
            self._person(
                data.DEMO_ADMIN_NAME,
                "Head of Democratic and Governance Services (demo)",
                self.organisations[data.ADMIN_ORGANISATION],
            )
            self.meeting = self._meeting_of_17_november()
            for spec in data.EARLIER_MEETINGS:
                self._earlier_meeting(spec)
            for parts in data.NEXT_MEETINGS:
                self._get_or_create(
                    Meeting,
                    board=self.board,
                    starts_at=_at(parts),
                    defaults={"venue": data.MEETING_17_NOV_2016["venue"]},
                )
            self._action_log()
            self._logins()
        return self.created

    def _person(self, name, title="", organisation=None) -> Person:
        if name not in self.people:
            self.people[name] = self._get_or_create(
                Person,
                name=name,
                defaults={"job_title": title, "organisation": organisation, "email": _email(name)},
            )
        return self.people[name]

    def _member(self, person, role):
        self._get_or_create(Membership, board=self.board, person=person, role=role)

    def _meeting_of_17_november(self) -> Meeting:
        spec = data.MEETING_17_NOV_2016
        meeting = self._get_or_create(
            Meeting,
            board=self.board,
            starts_at=_at(spec["starts_at"]),
            defaults={"ends_at": _at(spec["ends_at"]), "venue": spec["venue"], "status": spec["status"]},
        )
        rows = [(AttendanceKind.PRESENT, row) for row in minutes.PRESENT]
        rows += [(AttendanceKind.IN_ATTENDANCE, row) for row in minutes.IN_ATTENDANCE]
        for position, (kind, (group, name, note)) in enumerate(rows):
            org_name = group if kind == AttendanceKind.PRESENT else note
            org = self.organisations.get(data.GROUP_ORGANISATIONS.get(org_name, ""))
            person = self._person(name, organisation=org)
            self._get_or_create(
                Attendance,
                meeting=meeting,
                person=person,
                defaults={"kind": kind, "group": group, "note": note, "position": position},
            )
            if kind == AttendanceKind.PRESENT:
                self._member(person, MembershipRole.MEMBER)
            else:
                self._member(person, MembershipRole.IN_ATTENDANCE)
        chair = self.people[spec["chair"]]
        self._member(chair, MembershipRole.CHAIR)
        if meeting.chair_id is None:
            meeting.chair = chair
            meeting.save(update_fields=["chair"])

        for item_spec in minutes.ITEMS:
            item = self._get_or_create(
                MinuteItem,
                board=self.board,
                number=item_spec["number"],
                defaults={
                    "meeting": meeting,
                    "title": item_spec["title"],
                    "text": item_spec["text"],
                    "heading": item_spec["heading"],
                },
            )
            for position, (label, text) in enumerate(item_spec["resolutions"]):
                self._get_or_create(
                    Resolution,
                    minute_item=item,
                    position=position,
                    defaults={"label": label, "text": text},
                )
        return meeting

    def _earlier_meeting(self, spec) -> Meeting:
        meeting = self._get_or_create(
            Meeting,
            board=self.board,
            starts_at=_at(spec["starts_at"]),
            defaults={"venue": data.MEETING_17_NOV_2016["venue"], "status": MeetingStatus.APPROVED},
        )
        number, title = spec["item"]
        item = self._get_or_create(
            MinuteItem,
            board=self.board,
            number=number,
            defaults={
                "meeting": meeting,
                "title": title,
                "text": "(Demo: only the resolution that the action log cites is recorded.)",
                "heading": "RESOLVED:",
            },
        )
        label, text = spec["resolution"]
        self._get_or_create(Resolution, minute_item=item, position=0, defaults={"label": label, "text": text})
        return meeting

    def _action_log(self):
        statuses = {s.code: s for s in self.board.rag_key.statuses.all()}
        meetings = {m.date: m for m in self.board.meetings.all()}
        for row in data.ACTION_LOG:
            if Action.objects.filter(board=self.board, reference=row["reference"]).exists():
                continue
            number, label = row["reference"].split("(")
            resolution = Resolution.objects.get(
                minute_item__board=self.board, minute_item__number=number, label=f"({label}"
            )
            officers = [self._person(name) for name in row["officers"]]
            for person in officers:
                self._member(person, MembershipRole.OFFICER)
            written = row["due"]
            if written[0] == "meeting":
                due = Due(meeting=meetings[datetime(*written[1]).date()])
            else:
                due = Due(date=written[1], text=written[2])
            meeting = resolution.minute_item.meeting
            action = action_from_resolution(
                resolution,
                description=row["action"],
                officers=officers,
                status=statuses["GREEN"],
                actor=IMPORTED,
                at=meeting.ends_at or meeting.starts_at,
                due=due,
            )
            change(
                action,
                actor=IMPORTED,
                comment=row["comment"],
                status=statuses[row["status"]],
                at=_at(LOG_UPDATED_AT),
            )
            self.created["ActionUpdate"] = self.created.get("ActionUpdate", 0) + 2

    def _logins(self):
        User = get_user_model()
        for username, password, person_name, role in data.DEMO_LOGINS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(username=username, password=password)
                self.created["User"] = self.created.get("User", 0) + 1
            person = self._person(person_name)
            if person.user_id is None:
                person.user = user
                person.save(update_fields=["user"])
            if role == "admin":
                self._get_or_create(
                    OrganisationAdmin, organisation=self.organisations[data.ADMIN_ORGANISATION], person=person
                )
            else:
                self._member(person, role)


def load_demo() -> dict[str, int]:
    return DemoLoader().run()
