"""load_demo reproduces the papers of 17 November 2016 (shared/domain.md)."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command

from boards.models import Action, ActionUpdate, Meeting, MinuteItem, OrganisationAdmin

from .conftest import sign_in

# The action log table of domain.md, row by row: the truth the demo must reproduce.
EXPECTED_LOG = [
    (
        "254(e)",
        "07/01/16",
        "Receive progress reports on the CAMHS Transformation Plan, including performance information with regard to the outcomes framework on a regular basis.",
        ["Paul Meredith"],
        "Next progress report is scheduled for meeting on 1 June 2017.",
        "GREEN",
    ),
    (
        "266(c)",
        "10/03/16",
        "Submit a report to the Health and Wellbeing Board in July setting out a timed and quantified plan for addressing issues related to Parity of Esteem",
        ["Jim Bosworth", "Mike McHugh"],
        "Progress report circulated to the Board for information in September 2016. Report scheduled for January 2017",
        "GREEN",
    ),
    (
        "286(b)",
        "05/05/16",
        "Consider the following items relating to health and social integration at future meetings of the Board:- Lightbulb Business Case; Health and Wellbeing Outcomes for Social Prescribing; Summary Care Record Solution for Care Planning; Joint Commissioning Work Plan.",
        ["Rosemary Palmer"],
        "The Board has already considered reports on the emerging approach to Social Prescribing, Joint Commissioning and the Lightbulb Business Case. The Summary Care Record will be considered by the Board in January.",
        "GREEN",
    ),
    (
        "326(c)",
        "17/11/16",
        "Develop a delivery plan and performance framework for the Joint Health and Wellbeing Strategy to monitor progress against the Strategy and reported to the Health and Wellbeing Board in due course.",
        ["Mike Sandys"],
        "The delivery plan and performance framework for the Joint Health and Wellbeing Strategy will be reported to the Board in March 2017.",
        "GREEN",
    ),
    (
        "327(b)",
        "17/11/16",
        "Hold a meeting of the Health and Wellbeing Board on Tuesday 6 December at 3pm to discuss the STP including governance arrangements and the role of the Health and Wellbeing Board.",
        ["Rosemary Palmer", "Toby Sanders"],
        "Meeting set up and reports submitted for consideration.",
        "GREEN",
    ),
    (
        "330(b)",
        "17/11/16",
        "That regular, targeted updates from the LLEP, Housing Services Partnership and Safer Communities Partnership Board be submitted to the Health and Wellbeing Board to ensure that they are aligned with the work of the Board.",
        ["Mike Sandys"],
        "This will be addressed through the performance framework, with targeted reports being submitted to the Board when appropriate.",
        "GREEN",
    ),
    (
        "330(c)",
        "17/11/16",
        "Submit a report outlining progress with the development and delivery of the Suicide Prevention Strategy to a future meeting of the Health and Wellbeing Board.",
        ["Mike McHugh"],
        "Report scheduled for March 2017.",
        "GREEN",
    ),
    (
        "330(d)",
        "17/11/16",
        "The Director of Public Health to ascertain whether the health profiles included prisoners and to clarify the underlying prevalence for drug use in Leicestershire.",
        ["Mike Sandys"],
        "Population estimates include all prisoners imprisoned in England and Wales with a sentence of 6 months or more. Prisoners are treated as a special population in the population estimates as it is assumed that movements of people into and out of prisons are not picked up by GP registers used to estimate internal migration. The underlying prevalence for drug use in Leicestershire will be clarified in due course.",
        "AMBER",
    ),
    (
        "333(b)",
        "17/11/16",
        "Public Health and Healthwatch to discuss whether specific cohorts of patients be targeted for further analysis of their views.",
        ["Vandna Gohil", "Mike Sandys"],
        "This is under consideration",
        "AMBER",
    ),
]

# Minutes 320-334 of 17 November 2016 and each item's resolution labels as printed
# ("" is a single unlabelled resolution).
EXPECTED_LABELS = {
    "320": [],
    "321": [],
    "322": [],
    "323": [],
    "324": [""],
    "325": [""],
    "326": ["(a)", "(b)", "(c)"],
    "327": ["(a)", "(b)"],
    "328": ["(a)", "(b)", "(c)"],
    "329": [],
    "330": ["(a)", "(b)", "(c)", "(d)"],
    "331": ["(a)", "(b)"],
    "332": [""],
    "333": ["(a)", "(b)"],
    "334": [],
}


def log_rows(board):
    actions = (
        Action.objects.filter(board=board)
        .outstanding()
        .in_log_order()
        .select_related("status")
        .prefetch_related("officer_links__person")
    )
    return [
        (
            a.reference,
            a.raised_on.strftime("%d/%m/%y"),
            a.description,
            [link.person.name for link in a.officer_links.all()],
            a.latest_comment,
            a.status.code,
        )
        for a in actions
    ]


def test_demo_reproduces_the_nine_rows_of_the_action_log(demo):
    assert log_rows(demo) == EXPECTED_LOG


def test_demo_actions_come_from_the_resolutions_they_cite(demo):
    for action in Action.objects.filter(board=demo).select_related("resolution__minute_item"):
        item = action.resolution.minute_item
        assert action.reference == f"{item.number}{action.resolution.label}"
        assert action.raised_at == item.meeting
        assert action.raised_on == item.meeting.date


def test_demo_has_the_fifteen_minute_items_with_labels_as_printed(demo):
    meeting = Meeting.objects.get(board=demo, starts_at__date=date(2016, 11, 17))
    items = MinuteItem.objects.filter(meeting=meeting).prefetch_related("resolutions")
    found = {item.number: [r.label for r in item.resolutions.all()] for item in items}
    assert found == EXPECTED_LABELS
    assert [item.number for item in items] == [str(n) for n in range(320, 335)]


def test_demo_minutes_keep_the_printed_text(demo):
    item = MinuteItem.objects.get(board=demo, number="330")
    assert item.title == "Annual Report of the Director of Public Health"
    assert item.heading == "RESOLVED:"
    assert "undertook to check whether the statistics included prisoners" in item.text
    resolution = item.resolutions.get(label="(d)")
    assert resolution.text == (
        "That the Director of Public Health be asked to ascertain whether the health profiles "
        "included prisoners and to clarify the underlying prevalence for drug use in Leicestershire."
    )


def test_demo_meeting_records_venue_chair_and_attendance(demo):
    meeting = Meeting.objects.get(board=demo, starts_at__date=date(2016, 11, 17))
    assert meeting.venue == "County Hall, Glenfield"
    assert meeting.chair.name == "Mr. E. F. White CC"
    present = meeting.attendance.filter(kind="present")
    assert present.count() == 15
    assert set(meeting.attendance.filter(kind="in_attendance").values_list("note", flat=True)) == {
        "NHS England",
        "Leicestershire Police",
        "Leicestershire Partnership Trust",
    }


def test_demo_people_have_their_roles(demo):
    sandys = demo.memberships.get(person__name="Mike Sandys", role="officer").person
    assert sandys.job_title == "Director of Public Health"
    assert sandys.user.username == "mike.sandys"
    roles = set(demo.memberships.values_list("person__user__username", "role"))
    assert {("clerk", "clerk"), ("mike.sandys", "officer"), ("member", "member")} <= roles


def test_demo_logins_work(demo, client):
    for username, password in [
        ("clerk", "demo-clerk-password"),
        ("member", "demo-member-password"),
        ("governance", "demo-admin-password"),
    ]:
        assert sign_in(client, username=username, password=password)


def test_demo_has_an_organisation_admin_with_no_role_on_the_board(demo, client):
    """The governance lead administers the county council, one of the board's organisations:
    they may manage the board without being its clerk, and the command prints the login."""
    admin = OrganisationAdmin.objects.get(person__user__username="governance")
    assert admin.organisation.slug == "leicestershire-county-council"
    assert demo.organisations.filter(pk=admin.organisation_id).exists()
    assert not demo.memberships.filter(person=admin.person).exists()
    assert sign_in(client, "governance", "demo-admin-password")
    assert client.get(f"/boards/{demo.slug}/meetings/new/").status_code == 200
    out = StringIO()
    call_command("load_demo", allow_demo_logins=True, stdout=out)
    assert "admin    governance   password: demo-admin-password" in out.getvalue()


def _snapshot():
    models = [m for m in apps.get_models() if m._meta.app_label in {"boards", "auth"}]
    return {m._meta.label: serializers.serialize("json", m._default_manager.order_by("pk")) for m in models}


def test_second_run_changes_nothing(db, capsys):
    call_command("load_demo", allow_demo_logins=True)  # tests run with DEBUG off
    before = _snapshot()
    call_command("load_demo", allow_demo_logins=True)
    assert _snapshot() == before
    assert "nothing changed" in capsys.readouterr().out


def test_every_demo_action_has_its_history(demo):
    for action in Action.objects.filter(board=demo):
        versions = list(action.updates.order_by("version").values_list("version", flat=True))
        assert versions == list(range(1, action.version + 1))
    assert ActionUpdate.objects.filter(action__board=demo).count() == 18


@pytest.mark.django_db
def test_load_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="published passwords"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()
