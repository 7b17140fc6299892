"""Attendance on the clerk's meeting form, saved with the meeting, and shown on the meeting page."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import Attendance, Meeting, Membership, SetupKind, SetupRecord
from boards.services.attendance import Choice, record_attendance

from .factories import make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return make_board("hwb", name="Health and Wellbeing Board")


@pytest.fixture
def clerk(board, client):
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(board=board, person=make_person("Clara Clerk", user=user), role="clerk")
    client.force_login(user)
    return user


def member(board, name, job_title="", role="member"):
    person = make_person(name, job_title=job_title)
    Membership.objects.create(board=board, person=person, role=role)
    return person


def meeting_data(**extra):
    return {
        "date": "05/01/2017",
        "start": "14:00",
        "end": "",
        "venue": "Room 1",
        "title": "",
        "status": "held",
        **extra,
    }


def field(person):
    return f"attendance-person-{person.pk}"


def test_the_form_has_a_radio_group_for_each_board_person_with_job_title_as_hint(client, clerk, board):
    ann = member(board, "Ann Archer", "Director of Public Health")
    merged = member(board, "Ann Archer (old)")
    merged.merged_into = ann
    merged.save()
    html = client.get(reverse("boards:meeting_new", args=[board.slug])).content.decode()
    section = html[html.index('id="attendance-heading"') :]
    assert '<legend class="label">Ann Archer</legend>' in section
    assert "Director of Public Health" in section
    assert "Ann Archer (old)" not in section  # merged people are not offered
    for value, label in [
        ("none", "Not recorded"),
        ("present", "Present"),
        ("apologies", "Apologies"),
        ("in_attendance", "In attendance"),
    ]:
        assert f'value="{value}"' in section and f">{label}</label>" in section
    # Nothing recorded yet: "Not recorded" is chosen, and only it.
    radios = re.findall(rf'<input type="radio" name="{field(ann)}"[^>]*>', section)
    assert len(radios) == 4
    assert [("checked" in radio) for radio in radios] == [True, False, False, False]


def test_a_new_meeting_is_saved_with_its_attendance_and_a_set_up_record(client, clerk, board):
    ann, bob, cat = member(board, "Ann Archer"), member(board, "Bob Baker"), member(board, "Cat Cole")
    response = client.post(
        reverse("boards:meeting_new", args=[board.slug]),
        meeting_data(
            **{
                field(ann): "present",
                field(bob): "apologies",
                field(cat): "in_attendance",
            }
        ),
    )
    meeting = Meeting.objects.get(board=board)
    assert response.status_code == 302
    rows = {(row.person.name, row.kind) for row in meeting.attendance.select_related("person")}
    assert rows == {("Ann Archer", "present"), ("Bob Baker", "apologies"), ("Cat Cole", "in_attendance")}
    record = SetupRecord.objects.get(kind=SetupKind.ATTENDANCE)
    assert record.board == board and record.by_user == clerk
    assert record.details == {"meeting": meeting.pk, "present": 1, "apologies": 1, "in_attendance": 1}
    assert record.summary == (
        "Attendance at the meeting of 5 January 2017 recorded: 1 present, 1 apology, 1 in attendance."
    )


def test_editing_prefills_changes_and_removes_keeping_printed_groups_and_notes(client, clerk, board):
    ann, bob, cat = member(board, "Ann Archer"), member(board, "Bob Baker"), member(board, "Cat Cole")
    meeting = make_meeting(board)
    Attendance.objects.create(
        meeting=meeting, person=ann, kind="present", group="County Council", note="In the Chair", position=0
    )
    Attendance.objects.create(meeting=meeting, person=bob, kind="present", position=1)
    url = reverse("boards:meeting_edit", args=[board.slug, meeting.pk])
    form = client.get(url).context["attendance"]
    assert form[f"person-{ann.pk}"].value() == "present" and form[f"person-{cat.pk}"].value() == "none"
    client.post(
        url,
        meeting_data(
            date="17/11/2016", **{field(ann): "present", field(bob): "none", field(cat): "apologies"}
        ),
    )
    rows = list(meeting.attendance.select_related("person").order_by("position"))
    assert [(r.person.name, r.kind, r.group, r.note) for r in rows] == [
        ("Ann Archer", "present", "County Council", "In the Chair"),
        ("Cat Cole", "apologies", "", ""),
    ]


def test_a_post_without_attendance_fields_leaves_attendance_as_it_was(client, clerk, board):
    ann = member(board, "Ann Archer")
    meeting = make_meeting(board)
    Attendance.objects.create(meeting=meeting, person=ann, kind="apologies")
    response = client.post(
        reverse("boards:meeting_edit", args=[board.slug, meeting.pk]),
        meeting_data(date="17/11/2016", venue="Another room"),
    )
    assert response.status_code == 302
    assert list(meeting.attendance.values_list("kind", flat=True)) == ["apologies"]
    assert not SetupRecord.objects.filter(kind=SetupKind.ATTENDANCE).exists()


def test_an_invalid_meeting_saves_no_attendance_and_invalid_attendance_saves_no_meeting(client, clerk, board):
    ann = member(board, "Ann Archer")
    url = reverse("boards:meeting_new", args=[board.slug])
    response = client.post(url, meeting_data(date="31/02/2017", **{field(ann): "present"}))
    assert response.status_code == 200 and not Meeting.objects.exists() and not Attendance.objects.exists()
    response = client.post(url, meeting_data(**{field(ann): "chairing"}))
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "There is a problem" in response.content.decode()
    assert not SetupRecord.objects.exists()


def test_recording_the_same_attendance_again_writes_no_record(board):
    ann = member(board, "Ann Archer")
    meeting = make_meeting(board)
    assert record_attendance(meeting, [Choice(ann, "present")])["changed"] is True
    assert record_attendance(meeting, [Choice(ann, "present")])["changed"] is False
    assert SetupRecord.objects.filter(kind=SetupKind.ATTENDANCE).count() == 1


def _people(board, count, start=0):
    return [member(board, f"Person {chr(65 + (i % 26))}{i:03d}") for i in range(start, start + count)]


def _queries(action):
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_the_form_costs_the_same_queries_for_3_people_and_60(client, clerk, board):
    small_board, big_board = board, make_board("big", name="Big Board")
    Membership.objects.create(board=big_board, person=clerk.person, role="clerk")
    counts = []
    for target, size in ((small_board, 3), (big_board, 60)):
        people = _people(target, size, start=len(counts) * 100)
        meeting = make_meeting(target)
        for i, person in enumerate(people):
            Attendance.objects.create(meeting=meeting, person=person, kind="present", position=i)
        url = reverse("boards:meeting_edit", args=[target.slug, meeting.pk])
        get = _queries(lambda url=url: client.get(url))
        data = meeting_data(date="17/11/2016", **{field(p): "apologies" for p in people})
        post = _queries(lambda url=url, data=data: client.post(url, data))
        assert set(meeting.attendance.values_list("kind", flat=True)) == {"apologies"}
        counts.append((get, post))
    assert counts[0] == counts[1]


def test_the_meeting_page_shows_attendance_grouped_to_everyone(client, board):
    ann = member(board, "Ann Archer", "Director of Public Health")
    bob, cat = member(board, "Bob Baker"), member(board, "Cat Cole", "Head of Finance")
    meeting = make_meeting(board)
    url = reverse("boards:meeting", args=[board.slug, meeting.pk])
    assert "Attendance not recorded." in client.get(url).content.decode()
    Attendance.objects.create(meeting=meeting, person=ann, kind="present", note="In the Chair", position=0)
    Attendance.objects.create(meeting=meeting, person=bob, kind="apologies", position=1)
    Attendance.objects.create(meeting=meeting, person=cat, kind="in_attendance", position=2)
    html = client.get(url).content.decode()  # anonymous: a public board's minutes
    section = html[html.index('id="attendance-heading"') : html.index('id="minutes-heading"')]
    assert "Attendance not recorded." not in section
    ann_shown = section.index("Ann Archer, Director of Public Health (In the Chair)")
    assert section.index(">Present</h3>") < ann_shown
    assert section.index(">Apologies</h3>") < section.index("Bob Baker")
    assert section.index("Bob Baker") < section.index(">In attendance</h3>")
    assert section.index(">In attendance</h3>") < section.index("Cat Cole, Head of Finance")
