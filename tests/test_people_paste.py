"""Adding people to a board from a pasted list: every line checked, nothing saved until
all are right, no one added twice, near misses asked about."""

import pytest
from django.urls import reverse

from boards.models import Membership, Person, SetupKind, SetupRecord

from .factories import make_board, make_person
from .people_builders import clerk, on_board, pb, user  # noqa: F401 - pb and clerk are fixtures

pytestmark = pytest.mark.django_db


def add(client, pb, text, role="officer", **extra):
    return client.post(
        reverse("boards:people_add", args=[pb.board.slug]),
        {"people": text, "role": role, "organisation": "", **extra},
    )


def people_on(board):
    return sorted(Person.objects.filter(memberships__board=board).values_list("name", flat=True).distinct())


def test_the_page_has_its_labels_and_officer_by_default(clerk, pb):
    html = clerk.get(reverse("boards:people_add", args=[pb.board.slug])).content.decode()
    assert "People, one per line" in html
    assert "name, job title, email — job title and email may be left empty" in html
    assert '<option value="officer" selected>Officer</option>' in html
    assert ">Add people<" in html
    assert "These are different people" not in html  # only when a near miss is found


def test_a_pasted_list_adds_each_person_with_the_role_in_one_record(clerk, pb):
    response = add(
        clerk,
        pb,
        "Mike Sandys, Director of Public Health, Mike.Sandys@example.org\n"
        "\n"
        "Vandna Gohil\n"
        "Jim Bosworth, Head of Service, Leicestershire, \n",
        role="member",
        organisation=pb.organisation.pk,
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "boards:board_people", args=[pb.board.slug]
    )
    mike = Person.objects.get(name="Mike Sandys")
    assert (mike.job_title, mike.email, mike.organisation) == (
        "Director of Public Health",
        "Mike.Sandys@example.org",
        pb.organisation,
    )
    # A job title may hold commas; an empty last part is no email.
    assert Person.objects.get(name="Jim Bosworth").job_title == "Head of Service, Leicestershire"
    added = Membership.objects.filter(board=pb.board, role="member").exclude(person__name="Mo Member")
    assert sorted(m.person.name for m in added) == ["Jim Bosworth", "Mike Sandys", "Vandna Gohil"]
    assert {m.added_by for m in added} == {pb.clerk_user}
    record = SetupRecord.objects.get(kind=SetupKind.PEOPLE_ADDED)
    assert record.board == pb.board and record.by_user == pb.clerk_user
    assert record.details["new"] == ["Mike Sandys", "Vandna Gohil", "Jim Bosworth"]
    html = clerk.get(response["Location"]).content.decode()
    assert "3 people added to People Board as Member: Mike Sandys, Vandna Gohil, Jim Bosworth." in html


def test_tab_separated_lines_from_a_spreadsheet_are_read_too(clerk, pb):
    add(clerk, pb, "Sue Smith\tChief Executive, Trust\tsue@example.org")
    sue = Person.objects.get(name="Sue Smith")
    assert (sue.job_title, sue.email) == ("Chief Executive, Trust", "sue@example.org")


def test_every_bad_line_is_answered_by_number_and_nothing_is_saved(clerk, pb):
    on_board(pb.board, make_person("Mike Sandys", email="mike@example.org"))
    before = (Person.objects.count(), Membership.objects.count(), SetupRecord.objects.count())
    response = add(
        clerk,
        pb,
        "Ann Able, Analyst, ann@example.org\n"
        ", Director\n"
        "Bob Baker, Manager, bob@\n"
        "Cat Cole, , ANN@example.org\n"
        "Dan Dale, Officer, mike@example.org\n"
        "Eve Ellis, eve@example.org, Director\n"
        "ann able",
    )
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "Line 2: no name",
        "Line 3: “bob@” is not an email address",
        "Line 4: the same email as line 1",
        "Line 5: an email already used by Mike Sandys",
        "Line 6: put the email last: name, job title, email",
        "Line 7: the same name as line 1",
    ):
        assert message in html, message
    assert "Line 1:" not in html
    assert "Nothing has been saved yet." in html
    assert (Person.objects.count(), Membership.objects.count(), SetupRecord.objects.count()) == before


def test_someone_already_on_the_board_is_given_the_role_not_added_twice(clerk, pb):
    vandna = on_board(pb.board, make_person("Vandna Gohil"), "member")
    add(clerk, pb, "Cllr. vandna  GOHIL, Lead Officer, vandna@example.org\nNew Person")
    assert Person.objects.filter(name__iexact="vandna gohil").count() == 1
    vandna.refresh_from_db()
    assert (vandna.job_title, vandna.email) == ("Lead Officer", "vandna@example.org")  # empty ones filled
    assert set(vandna.memberships.values_list("role", flat=True)) == {"member", "officer"}
    record = SetupRecord.objects.get(kind=SetupKind.PEOPLE_ADDED)
    assert record.details["given_role"] == ["Vandna Gohil"] and record.details["new"] == ["New Person"]


def test_details_already_there_are_not_overwritten_and_a_clash_is_explained(clerk, pb):
    vandna = on_board(pb.board, make_person("Vandna Gohil", job_title="Lead", email="vg@example.org"))
    response = add(clerk, pb, "Vandna Gohil, Someone Else, other@example.org")
    assert (
        "Line 1: Vandna Gohil is already on the board with another email (vg@example.org): leave the "
        "email out, or change it on their page"
    ) in response.content.decode()
    add(clerk, pb, "Vandna Gohil, Another Title", role="chair")
    vandna.refresh_from_db()
    assert vandna.job_title == "Lead"
    assert set(vandna.memberships.values_list("role", flat=True)) == {"officer", "chair"}


def test_a_near_miss_is_asked_about_then_added_when_confirmed(clerk, pb):
    on_board(pb.board, make_person("Vandna Gohil"))
    response = add(clerk, pb, "Ann Able\nVandna Gohill")
    html = response.content.decode()
    assert "Line 2: “Vandna Gohill” — did you mean Vandna Gohil, already on the board?" in html
    assert "These are different people: add them as new" in html
    assert not Person.objects.filter(name="Ann Able").exists()

    response = add(clerk, pb, "Ann Able\nVandna Gohill", different_people="on")
    assert response.status_code == 302
    assert people_on(pb.board) == ["Ann Able", "Clare Clerk", "Mo Member", "Vandna Gohil", "Vandna Gohill"]


def test_the_same_person_on_another_board_is_given_the_role_here(clerk, pb):
    elsewhere = on_board(make_board("elsewhere"), make_person("Sue Smith", email="sue@example.org"))
    add(clerk, pb, "Sue Smith, , SUE@example.org")
    assert Person.objects.filter(name="Sue Smith").count() == 1
    assert Membership.objects.filter(board=pb.board, person=elsewhere, role="officer").exists()


def test_an_email_of_someone_else_off_the_board_or_of_an_account_is_refused(clerk, pb):
    on_board(make_board("elsewhere"), make_person("Sue Smith", email="sue@example.org"))
    user("taken@example.org")
    html = add(clerk, pb, "Sam Other, , sue@example.org\nTom Taken, , taken@example.org").content.decode()
    assert "Line 1: an email already used by someone not on this board" in html
    assert "Line 2: an email already used by another person&#x27;s account" in html
    assert not Person.objects.filter(name__in=["Sam Other", "Tom Taken"]).exists()


def test_the_clerk_role_is_offered_to_the_organisations_admin_only(client, pb):
    url = reverse("boards:people_add", args=[pb.board.slug])
    client.force_login(pb.clerk_user)
    assert '<option value="clerk"' not in client.get(url).content.decode()
    response = add(client, pb, "New Clerk", role="clerk")
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Person.objects.filter(name="New Clerk").exists()

    client.force_login(pb.admin_user)
    assert '<option value="clerk"' in client.get(url).content.decode()
    assert add(client, pb, "New Clerk", role="clerk").status_code == 302
    assert Membership.objects.get(person__name="New Clerk").role == "clerk"


def test_merged_records_are_not_matched(clerk, pb):
    kept = on_board(pb.board, make_person("Vandna Gohil"))
    # Even with a role left behind on the board, a merged record is not one of its people.
    on_board(pb.board, make_person("Vandna Gohill", merged_into=kept))
    response = add(clerk, pb, "Vandna Gohill")
    # Not taken for the merged record (which would be silently revived): asked about the kept one.
    assert "did you mean Vandna Gohil, already on the board?" in response.content.decode()
