from .actions import Action, ActionOfficer, ActionState, ActionUpdate, RefusedChange, UpdateVia
from .meetings import Attendance, AttendanceKind, Meeting, MeetingStatus, MinuteItem, Resolution
from .organisations import Board, Membership, MembershipRole, Organisation, OrganisationKind, Person
from .rag import RagKey, RagStatus

__all__ = [
    "Action",
    "ActionOfficer",
    "ActionState",
    "ActionUpdate",
    "Attendance",
    "AttendanceKind",
    "Board",
    "Meeting",
    "MeetingStatus",
    "Membership",
    "MembershipRole",
    "MinuteItem",
    "Organisation",
    "OrganisationKind",
    "Person",
    "RagKey",
    "RagStatus",
    "RefusedChange",
    "Resolution",
    "UpdateVia",
]
