"""Attendance read from minutes: the reader on the layouts councils and NHS bodies print, the
import preview's choices, and the import writing the meeting's attendance (or nothing).

The layouts follow real minutes (tests/fidelity/minutes, tests/data); the names are invented.
"""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from boards.importers.minutes import parse_minutes
from boards.importers.minutes.attendance import read_attendance
from boards.models import Action, Attendance, Meeting, Membership, MinuteItem, Person, SetupKind, SetupRecord
from boards.services.imports.minutes import Correction, ImportRefused, record_minutes
from boards.services.updating import Actor

from .factories import make_action, make_board, make_person

ITEMS = (
    "\n12. Minutes of the previous meeting\nThe minutes were agreed.\n"
    "13. Any other business\nNone was raised.\n"
)


def read(text):
    return [(a.kind, a.name, a.job_title, a.group, a.note) for a in read_attendance(parse_minutes(text))]


# The reader ---------------------------------------------------------------------------------


def test_a_heading_alone_then_group_headings_names_and_in_attendance_with_their_organisation():
    text = (
        "Minutes of a meeting of the Example Board held on Thursday, 3 March 2022.\n"
        "PRESENT\nExample County Council\nMr. A. B. Fairfax CC (In the Chair)\nMrs. Jo Grey MBE, CC\n\n"
        "Sam Hollis\nClinical Commissioning Groups\nDr Kim Ives\nIn attendance\n"
        "Lee Jarvis, NHS England\nChief Inspector Max Kemp, Example Police\n" + ITEMS
    )
    assert read(text) == [
        ("present", "Mr. A. B. Fairfax CC", "", "Example County Council", "In the Chair"),
        ("present", "Mrs. Jo Grey MBE, CC", "", "Example County Council", ""),
        ("present", "Sam Hollis", "", "Example County Council", ""),
        ("present", "Dr Kim Ives", "", "Clinical Commissioning Groups", ""),
        ("in_attendance", "Lee Jarvis", "NHS England", "", ""),
        ("in_attendance", "Chief Inspector Max Kemp", "Example Police", "", ""),
    ]


def test_a_table_of_name_initials_and_role_pasted_with_tabs():
    text = (
        "Governing Body meeting in public\nPresent:\nDr Ada Lane\tAL\tClinical Chair\n"
        "Ben Moss\tBM\tChief Finance Officer (part meeting)\nApologies:\n"
        "Cy Nash\tCN\tDirector of Public Health – Example City Council\nIn attendance:\n"
        "Di Orme\tDO\tHead of Governance\n" + ITEMS
    )
    assert read(text) == [
        ("present", "Dr Ada Lane", "Clinical Chair", "", ""),
        ("present", "Ben Moss", "Chief Finance Officer", "", "part meeting"),
        ("apologies", "Cy Nash", "Director of Public Health – Example City Council", "", ""),
        ("in_attendance", "Di Orme", "Head of Governance", "", ""),
    ]


def test_names_run_together_after_the_heading_and_a_plural_title_shared():
    text = (
        "Planning Committee\n\nPresent: Ann Archer, Bob Baker and Cat Cole\n\n"
        "Apologies: Cllrs Dee, Eve, and Fox\n\n"
        "Copies of all documents considered are in the minute book\n" + ITEMS
    )
    assert [(kind, name) for kind, name, *_ in read(text)] == [
        ("present", "Ann Archer"),
        ("present", "Bob Baker"),
        ("present", "Cat Cole"),
        ("apologies", "Cllr Dee"),
        ("apologies", "Cllr Eve"),
        ("apologies", "Cllr Fox"),
    ]


def test_bullets_with_a_role_after_a_dash_and_notes_in_brackets():
    text = (
        "Present\n- Prof. G Hart – Non-Executive Director (Chairman) and voting member\n"
        "- Mrs H Ince – Director of Nursing (part of meeting)\n- Mr J Kay – Press\nMinutes\n"
        "01/22/01 – Welcome and apologies\nMr Lamb and Dr Mole had given their apologies.\n"
        "01/22/02 – Any other business\nNone.\n"
    )
    assert read(text) == [
        ("present", "Prof. G Hart", "Non-Executive Director and voting member", "", "Chairman"),
        ("present", "Mrs H Ince", "Director of Nursing", "", "part of meeting"),
        ("present", "Mr J Kay", "Press", "", ""),
        ("apologies", "Mr Lamb", "", "", ""),
        ("apologies", "Dr Mole", "", "", ""),
    ]


def test_apologies_in_a_sentence_of_the_apologies_item():
    received = (
        "Agenda and minutes\n\n51.\n\nApologies for Absence\n\nMinutes:\n\n"
        "Apologies for absence were received from Councillor Nia Owen and Dr Pat Quinn.\n\n"
        "52.\n\nDeclarations of Interest\n\nMinutes:\n\nNone were declared.\n\n"
        "53.\n\nMinutes\n\nAgreed.\n"
    )
    assert read(received) == [
        ("apologies", "Councillor Nia Owen", "", "", ""),
        ("apologies", "Dr Pat Quinn", "", "", ""),
    ]
    sent = (
        "1. Welcome and Apologies\nThe Chair welcomed everyone. Rae Shaw, Non-Executive Director, "
        "had sent her apologies.\n2. Minutes\nAgreed.\n3. Close\nThe meeting closed.\n"
    )
    assert read(sent) == [("apologies", "Rae Shaw", "Non-Executive Director", "", "")]


def test_names_and_roles_on_alternate_lines_are_read_as_pairs():
    text = (
        "At a MEETING of the EXAMPLE INTEGRATION JOINT BOARD.\n\nPresent:-\n\nMembers\n\nRole\n\n"
        "Tom VALE (Vice Chairperson)\n\nNominated by Health Board (Non-Executive Member)\n\n"
        "Uma WEST\n\nChief Finance Officer\n\nI APOLOGIES FOR ABSENCE\n\nNo apologies.\n\n"
        "II MINUTE OF PREVIOUS MEETING\n\nAgreed.\n\nIII CLOSE\n\nClosed.\n"
    )
    assert read(text) == [
        ("present", "Tom VALE", "Nominated by Health Board (Non-Executive Member)", "", "Vice Chairperson"),
        ("present", "Uma WEST", "Chief Finance Officer", "", ""),
    ]


def test_titled_people_run_together_on_one_line():
    text = (
        "MINUTES OF THE TRUST BOARD\n\nPRESENT :\n\n"
        "Mr A Birch Non Executive Director and Chairman Mrs C Dale "
        "Chief Executive Dr E Frost Medical Director\n\n" + ITEMS
    )
    assert read(text) == [
        ("present", "Mr A Birch", "Non Executive Director and Chairman", "", ""),
        ("present", "Mrs C Dale", "Chief Executive", "", ""),
        ("present", "Dr E Frost", "Medical Director", "", ""),
    ]


def test_the_lists_end_at_the_first_minute_item_and_each_person_is_read_once():
    text = (
        "Present:\nAnn Archer\nBob Baker\nAnn Archer\n12. Minutes of the previous meeting\nPresent:\n"
        "Zed Young\nThe minutes were agreed.\n13. Any other business\nNone.\n"
    )
    assert [name for _, name, *_ in read(text)] == ["Ann Archer", "Bob Baker"]


def test_minutes_without_attendance_lists_give_none():
    assert read("Agenda and minutes\nVenue: Room 1\nContact: Ann Archer\n" + ITEMS) == []


def test_the_seed_minutes_are_read_with_their_groups():
    text = (Path(__file__).parent / "data" / "minutes_2016_11_17.txt").read_text(encoding="utf-8")
    found = read_attendance(parse_minutes(text))
    kinds = [a.kind for a in found]
    assert kinds.count("present") == 15 and kinds.count("in_attendance") == 3
    assert {a.group for a in found if a.kind == "present"} == {
        "Leicestershire County Council",
        "Clinical Commissioning Groups",
        "Healthwatch Leicestershire",
        "Leicestershire District Councils",
    }


# The preview and the import ------------------------------------------------------------------

MINUTES = (
    "Minutes of the Example Board held on 17 November 2016.\nPresent:\nMike Sandys\nJon Wilsom\n"
    "Nora New, Director of Adult Social Care\nIn attendance:\nOlly Other, NHS England\n"
    "Apologies:\nMike Sandys\n"
    "320. Minutes of the previous meeting\nThe minutes were agreed.\n"
    "321. Urgent items\nThere were no urgent items.\n"
)


@pytest.fixture
def board(db):
    board = make_board("hwb", name="Health and Wellbeing Board")
    for name, job in (("Mike Sandys", "Director of Public Health"), ("Jon Wilson", "Chief Executive")):
        Membership.objects.create(board=board, person=make_person(name, job_title=job), role="member")
    return board


@pytest.fixture
def clerk(board, client):
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(board=board, person=make_person("Clara Clerk", user=user), role="clerk")
    client.force_login(user)
    return user


def preview(client, board, text=MINUTES):
    return client.post(
        reverse("boards:minutes_import", args=[board.slug]),
        {"step": "preview", "date": "17/11/2016", "text": text},
    )


def confirm(client, board, response, **answers):
    form = response.context["form"]
    data = {"step": "confirm", "packed": form.initial["packed"], "edits": "[]", "date": "17/11/2016"}
    for name in form.fields:
        if name.startswith("item-") and not name.endswith(("-create", "-split-at")):
            data[name] = form[name].value() or ""
    data.update({f"attendance-{k}": v for k, v in answers.items()})
    return client.post(reverse("boards:minutes_import", args=[board.slug]), data)


def test_the_preview_marks_each_name_read(client, clerk, board):
    response = preview(client, board)
    html = response.content.decode()
    section = html[html.index('id="attendance-heading"') : html.index('id="people"')]
    assert "matches Mike Sandys" in section
    assert "Did you mean Jon Wilson?" in section
    assert '<legend class="label">Jon Wilsom</legend>' in section
    assert '<legend class="label">Nora New</legend>' in section and "Not on the board yet." in section
    for label in (">Add as a new person</label>", ">Leave out</label>", ">Add all 2 new people</label>"):
        assert label in section
    assert " checked" not in section  # nothing is chosen for the clerk
    assert ">Present</h3>" in section and ">In attendance</h3>" in section
    assert ">Apologies</h3>" not in section  # the one apology was already read as present


def test_confirming_records_matches_choices_and_new_people_in_one_go(client, clerk, board):
    jon = Person.objects.get(name="Jon Wilson")
    response = preview(client, board)
    readings = response.context["attendance_form"].readings
    keys = {r.attendee.name: f"name-{r.index}" for r in readings}
    done = confirm(client, board, response, **{keys["Jon Wilsom"]: f"person-{jon.pk}", "add_all": "on"})
    assert done.status_code == 302
    meeting = Meeting.objects.get(board=board)
    rows = [(r.person.name, r.kind) for r in meeting.attendance.select_related("person").order_by("position")]
    assert rows == [
        ("Mike Sandys", "present"),
        ("Jon Wilson", "present"),
        ("Nora New", "present"),
        ("Olly Other", "in_attendance"),
    ]
    nora = Person.objects.get(name="Nora New")
    assert nora.job_title == "Director of Adult Social Care"
    assert Membership.objects.filter(board=board, person=nora, role="member").exists()
    assert Membership.objects.filter(board=board, person__name="Olly Other", role="in_attendance").exists()
    added = SetupRecord.objects.get(kind=SetupKind.PEOPLE_ADDED)
    assert added.details["names"] == ["Nora New", "Olly Other"] and added.by_user == clerk
    recorded = SetupRecord.objects.get(kind=SetupKind.ATTENDANCE)
    assert (recorded.details["present"], recorded.details["in_attendance"]) == (3, 1)
    message = client.get(done["Location"]).content.decode()
    assert "Attendance recorded: 3 present, 0 apologies, 1 in attendance." in message


def test_names_left_out_or_unanswered_are_not_recorded_and_nobody_is_added(client, clerk, board):
    response = preview(client, board)
    keys = {r.attendee.name: f"name-{r.index}" for r in response.context["attendance_form"].readings}
    done = confirm(client, board, response, **{keys["Nora New"]: "leave"})
    assert done.status_code == 302
    meeting = Meeting.objects.get(board=board)
    assert [r.person.name for r in meeting.attendance.select_related("person")] == ["Mike Sandys"]
    assert not Person.objects.filter(name__in=["Nora New", "Olly Other", "Jon Wilsom"]).exists()
    shown = client.get(done["Location"]).content.decode()
    assert "3 names from the attendance lists were not recorded" in shown


def test_a_near_miss_choice_that_is_not_offered_is_refused_and_nothing_is_saved(client, clerk, board):
    response = preview(client, board)
    keys = {r.attendee.name: f"name-{r.index}" for r in response.context["attendance_form"].readings}
    stranger = make_person("Someone Else")
    again = confirm(client, board, response, **{keys["Jon Wilsom"]: f"person-{stranger.pk}"})
    assert again.status_code == 200 and "There is a problem" in again.content.decode()
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_refused_import_writes_no_attendance_and_adds_nobody(client, clerk, board):
    response = preview(client, board)
    # Meanwhile the board got minute 321 from elsewhere: the confirmation is refused.
    other = Meeting.objects.create(board=board, starts_at="2016-10-01T14:00Z")
    MinuteItem.objects.create(board=board, meeting=other, number="321", title="Elsewhere")
    again = confirm(client, board, response, add_all="on")
    assert again.status_code == 200
    assert not Attendance.objects.exists() and not Person.objects.filter(name="Nora New").exists()
    assert not SetupRecord.objects.exists()


def test_the_service_rolls_back_attendance_when_an_action_is_refused(board):
    make_action(board, reference="320(a)")
    text = MINUTES.replace(
        "The minutes were agreed.",
        "RESOLVED:\n(a) That the Director of Public Health report back by March 2017.",
    )
    parsed = parse_minutes(text)
    read = read_attendance(parsed)
    chosen = [(a, None) for a in read]
    with pytest.raises(ImportRefused):
        record_minutes(
            parsed,
            board=board,
            meeting_date=date(2016, 11, 17),
            actor=Actor(via="import"),
            attendance=chosen,
            corrections={(0, 0): Correction(creates_action=True)},
        )
    assert not Attendance.objects.exists() and not Person.objects.filter(name="Nora New").exists()
    assert Action.objects.count() == 1


def test_the_command_records_only_the_board_people_unless_told_to_add(board, tmp_path, capsys):
    path = tmp_path / "minutes.txt"
    path.write_text(MINUTES, encoding="utf-8")
    call_command("import_minutes", str(path), board="hwb", date="2016-11-17")
    out = capsys.readouterr().out
    assert "attendance: Present: Mike Sandys (matches Mike Sandys)" in out
    assert "attendance: Present: Jon Wilsom (did you mean Jon Wilson? left out" in out
    assert "attendance: Present: Nora New (new person: left out; --add-attendees adds them)" in out
    assert "attendance recorded: 1 present, 0 apologies, 0 in attendance" in out
    assert not Person.objects.filter(name="Nora New").exists()


def test_the_command_adds_new_names_with_add_attendees(board, tmp_path, capsys):
    path = tmp_path / "minutes.txt"
    path.write_text(MINUTES, encoding="utf-8")
    call_command("import_minutes", str(path), board="hwb", date="2016-11-17", add_attendees=True)
    out = capsys.readouterr().out
    assert "added to the board: Nora New, Olly Other" in out
    meeting = Meeting.objects.get(board=board)
    assert sorted(meeting.attendance.values_list("person__name", flat=True)) == [
        "Mike Sandys",
        "Nora New",
        "Olly Other",
    ]  # the near miss is still left out
    with pytest.raises(CommandError):
        call_command("import_minutes", str(path), board="hwb", date="2016-11-17", add_attendees=True)
    assert Person.objects.filter(name="Nora New").count() == 1
