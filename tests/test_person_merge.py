"""Merging a person entered twice: choose, see what moves, confirm; the history written
under the old name is kept as it was and reads as the person kept."""

from datetime import datetime

import pytest
from django.urls import reverse

from boards.filters import ActionFilter
from boards.models import (
    ActionOfficer,
    ActionUpdate,
    Attendance,
    Membership,
    OrganisationAdmin,
    SetupKind,
    SetupRecord,
    UpdateVia,
)
from boards.services.attendance import board_people as attendance_people
from boards.services.imports.minutes import board_people as importing_people
from boards.services.links import make_token
from boards.services.people import MergeRefused, merge_people
from boards.services.updating import Actor, change

from .factories import make_action, make_board, make_meeting, make_person
from .people_builders import clerk, on_board, pb, user  # noqa: F401 - pb and clerk are fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(pb):
    """Vandna Gohil (kept: no email, no account) and Vandna Gohill (the duplicate, with both)."""
    keep = on_board(pb.board, make_person("Vandna Gohil", job_title="Lead Officer"), "officer", "member")
    duplicate = on_board(
        pb.board,
        make_person("Vandna Gohill", email="vg@example.org", user=user("vg@example.org")),
        "officer",
        "chair",
    )
    return keep, duplicate


def merge_url(pb, person):
    return reverse("boards:person_merge", args=[pb.board.slug, person.pk])


def test_the_choice_lists_similar_names_first(clerk, pb, pair):
    keep, duplicate = pair
    on_board(pb.board, make_person("Aaron Aardvark"))
    html = clerk.get(merge_url(pb, keep)).content.decode()
    assert "Merge a duplicate into Vandna Gohil" in html
    options = html[html.index('name="duplicate"') : html.index("</select>")]
    assert options.index("Vandna Gohill (similar name)") < options.index("Aaron Aardvark")
    assert f'value="{keep.pk}"' not in options


def test_nothing_moves_before_the_confirmation_which_lists_what_will(clerk, pb, pair):
    keep, duplicate = pair
    meeting = make_meeting(pb.board)
    Attendance.objects.create(meeting=meeting, person=duplicate, kind="present")
    make_action(pb.board, "1(a)", officers=[duplicate])
    make_action(pb.board, "1(b)", officers=[duplicate, keep])
    response = clerk.post(merge_url(pb, keep), {"duplicate": duplicate.pk})
    html = response.content.decode()
    assert "Merge Vandna Gohill into Vandna Gohil?" in html
    # 1(b) has both already; the member role is kept's already, the chair is not.
    for line in (
        "1 action<",
        "1 role<",
        "1 attendance record<",
        "The account vg@example.org",
        "The email vg@example.org",
        ">Merge into Vandna Gohil<",
    ):
        assert line in html, line
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and ActionOfficer.objects.filter(person=duplicate).count() == 2


def test_merging_moves_everything_to_the_person_kept(clerk, pb, pair):
    keep, duplicate = pair
    account = duplicate.user
    old_key = duplicate.link_key
    meeting = make_meeting(pb.board, chair=duplicate)
    other_meeting = make_meeting(pb.board, when=datetime(2017, 1, 5, 14, 0))
    Attendance.objects.create(meeting=meeting, person=duplicate, kind="present")
    Attendance.objects.create(meeting=other_meeting, person=duplicate, kind="apologies")
    Attendance.objects.create(meeting=other_meeting, person=keep, kind="present")
    OrganisationAdmin.objects.create(organisation=pb.organisation, person=duplicate)
    only_dup = make_action(pb.board, "1(a)", officers=[duplicate])
    both = make_action(pb.board, "1(b)", officers=[duplicate, keep])  # the duplicate leads
    lead = make_person("Lead")
    elsewhere = make_action(make_board("elsewhere"), "9(z)", officers=[lead, duplicate])
    history_before = ActionUpdate.objects.count()

    clerk.force_login(user("staffer", is_staff=True))  # an organisation admin's record: staff only
    response = clerk.post(merge_url(pb, keep), {"duplicate": duplicate.pk, "confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:person_edit", args=[pb.board.slug, keep.pk])
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep and duplicate.link_key != old_key
    assert keep.user == account and duplicate.user is None and keep.email == "vg@example.org"
    assert keep.job_title == "Lead Officer"  # kept's own

    def officers(action):
        return list(ActionOfficer.objects.filter(action=action).values_list("person_id", "position"))

    assert officers(only_dup) == [(keep.pk, 0)]
    assert officers(both) == [(keep.pk, 0)]  # once, and still the lead
    assert officers(elsewhere) == [(lead.pk, 0), (keep.pk, 1)]
    assert set(Membership.objects.filter(person=keep, board=pb.board).values_list("role", flat=True)) == {
        "officer",
        "member",
        "chair",
    }
    assert Membership.objects.filter(person=keep, board__slug="elsewhere").exists()
    assert not Membership.objects.filter(person=duplicate).exists()
    assert dict(Attendance.objects.filter(person=keep).values_list("meeting_id", "kind")) == {
        meeting.pk: "present",
        other_meeting.pk: "present",
    }
    assert not Attendance.objects.filter(person=duplicate).exists()
    assert OrganisationAdmin.objects.filter(person=keep, organisation=pb.organisation).exists()
    meeting.refresh_from_db()
    assert meeting.chair == keep
    # No action's history is written: moving officers is not a change of responsibility.
    assert ActionUpdate.objects.count() == history_before
    records = SetupRecord.objects.filter(kind=SetupKind.PEOPLE_MERGED)
    assert {(r.person_id, r.summary) for r in records} == {
        (keep.pk, "Merged with Vandna Gohill"),
        (duplicate.pk, "Merged into Vandna Gohil"),
    }
    assert "2 actions" in records.first().details["moved"]


def test_history_written_under_the_old_name_is_kept_and_reads_as_the_person_kept(clerk, pb, pair):
    keep, duplicate = pair
    action = make_action(pb.board, "1(a)", officers=[duplicate])
    change(action, actor=Actor(via=UpdateVia.LINK, person=duplicate), comment="Started.")
    update = ActionUpdate.objects.get(action=action, by_person=duplicate)
    merge_people(keep, duplicate, pb.clerk_user, pb.board)
    update.refresh_from_db()
    assert update.by_person_id == duplicate.pk  # never changed
    html = clerk.get(reverse("boards:action", args=[pb.board.slug, action.pk])).content.decode()
    assert "Vandna Gohil (recorded as Vandna Gohill)" in html


def test_the_merged_persons_page_leads_to_the_kept_one_which_says_so(clerk, pb, pair):
    keep, duplicate = pair
    merge_people(keep, duplicate, pb.clerk_user, pb.board)
    response = clerk.get(reverse("boards:person", args=[duplicate.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("boards:person", args=[keep.pk])
    html = clerk.get(response["Location"]).content.decode()
    assert "Merged with Vandna Gohill on " in html and f" by {pb.clerk_user.username}" in html


def test_merged_people_leave_the_lists_and_filters_and_their_links_stop(client, clerk, pb, pair):
    keep, duplicate = pair
    token = make_token(duplicate)
    merge_people(keep, duplicate, pb.clerk_user, pb.board)
    # A role left behind (written before this rule, say) does not bring the record back.
    Membership.objects.create(board=pb.board, person=duplicate, role="officer")
    html = clerk.get(reverse("boards:board_people", args=[pb.board.slug])).content.decode()
    assert "Vandna Gohill" not in html
    officers = ActionFilter({}, queryset=pb.board.actions.all(), board=pb.board).filters["officer"].queryset
    assert duplicate not in officers and keep in officers
    assert clerk.get(reverse("boards:person_edit", args=[pb.board.slug, duplicate.pk])).status_code == 404
    assert client.get(reverse("boards:link", args=[token])).status_code == 403
    # The minutes import's officer suggestions, the attendance reader and the clerk's pages
    # take the board's people from one place, which leaves merged records out.
    assert duplicate not in importing_people(pb.board) and keep in importing_people(pb.board)
    assert duplicate not in attendance_people(pb.board)
    send_link = reverse("boards:send_link", args=[pb.board.slug, duplicate.pk])
    assert clerk.post(send_link).status_code == 404


def test_two_people_who_both_sign_in_are_not_merged(clerk, pb, pair):
    keep, duplicate = pair
    keep.user = user("keep")
    keep.save()
    response = clerk.post(merge_url(pb, keep), {"duplicate": duplicate.pk, "confirm": "yes"})
    assert response.status_code == 200
    assert "both sign in with accounts of their own" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    with pytest.raises(MergeRefused):
        merge_people(keep, duplicate, pb.clerk_user, pb.board)


def test_only_the_boards_people_can_be_merged(clerk, pb, pair):
    keep, _ = pair
    stranger = on_board(make_board("elsewhere"), make_person("Vandna Gohel"))
    response = clerk.post(merge_url(pb, keep), {"duplicate": stranger.pk, "confirm": "yes"})
    assert response.status_code == 200
    stranger.refresh_from_db()
    assert stranger.merged_into is None


def test_a_merged_record_on_a_private_board_is_not_found_by_outsiders(client, pb, pair):
    keep, duplicate = pair
    pb.board.is_public = False
    pb.board.save()
    merge_people(keep, duplicate, pb.clerk_user, pb.board)
    client.force_login(user("outsider"))
    assert client.get(reverse("boards:person", args=[duplicate.pk])).status_code == 404


def test_a_clerks_record_is_merged_by_the_organisations_admin_not_by_a_clerk(client, pb, pair):
    keep, _ = pair
    other_clerk = on_board(pb.board, make_person("Vandna Gohill-Clerk"), "clerk")
    client.force_login(pb.clerk_user)
    response = client.post(merge_url(pb, keep), {"duplicate": other_clerk.pk, "confirm": "yes"})
    assert (
        "Vandna Gohill-Clerk is a clerk: only the organisation&#x27;s admins can merge their record."
        in response.content.decode()
    )
    # Nor their own record, which would hand their account and role to someone else.
    response = client.post(merge_url(pb, keep), {"duplicate": pb.clerk.pk, "confirm": "yes"})
    assert "Your own record cannot be merged into someone else&#x27;s." in response.content.decode()
    other_clerk.refresh_from_db()
    assert (
        other_clerk.merged_into is None and not Membership.objects.filter(person=keep, role="clerk").exists()
    )

    client.force_login(pb.admin_user)
    client.post(merge_url(pb, keep), {"duplicate": other_clerk.pk, "confirm": "yes"})
    other_clerk.refresh_from_db()
    assert other_clerk.merged_into == keep and Membership.objects.filter(person=keep, role="clerk").exists()
