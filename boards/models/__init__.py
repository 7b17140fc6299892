from .actions import Action, ActionOfficer, ActionState, ActionUpdate, RefusedChange, UpdateVia
from .api_tokens import ApiToken
from .calendars import CalendarFeed
from .follows import AlertEmail, AlertStatus, ChangeKind, Follow, Follower
from .meetings import Attendance, AttendanceKind, Meeting, MeetingStatus, MinuteItem, Resolution
from .organisations import (
    Board,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationAdmin,
    OrganisationKind,
    Person,
)
from .published import PublishedLog
from .rag import RagKey, RagStatus
from .reminders import Digest, DigestStatus, Reminder, ReminderAudience, ReminderKind, ReminderPolicy
from .setup_records import SetupKind, SetupRecord
from .status_words import StatusWordChoice

__all__ = [
    "Action",
    "ApiToken",
    "ActionOfficer",
    "ActionState",
    "ActionUpdate",
    "CalendarFeed",
    "AlertEmail",
    "AlertStatus",
    "ChangeKind",
    "Follow",
    "Follower",
    "Digest",
    "DigestStatus",
    "Attendance",
    "AttendanceKind",
    "Board",
    "Meeting",
    "MeetingStatus",
    "Membership",
    "MembershipRole",
    "MinuteItem",
    "Organisation",
    "OrganisationAdmin",
    "OrganisationKind",
    "Person",
    "PublishedLog",
    "RagKey",
    "RagStatus",
    "RefusedChange",
    "Reminder",
    "ReminderAudience",
    "ReminderKind",
    "ReminderPolicy",
    "Resolution",
    "SetupKind",
    "SetupRecord",
    "StatusWordChoice",
    "UpdateVia",
]
