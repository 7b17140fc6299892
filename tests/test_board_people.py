"""A board's people page, one person's details and roles, and the links to them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import ActionOfficer, Membership, Person, SetupKind, SetupRecord

from .factories import make_action, make_board, make_person
from .html_tables import read_table
from .people_builders import clerk, on_board, pb, user  # noqa: F401 - pb and clerk are fixtures

pytestmark = pytest.mark.django_db


def people_url(pb, query=""):
    return reverse("boards:board_people", args=[pb.board.slug]) + query


def edit_url(pb, person):
    return reverse("boards:person_edit", args=[pb.board.slug, person.pk])


def roles_url(pb, person):
    return reverse("boards:person_roles", args=[pb.board.slug, person.pk])


# The list ----------------------------------------------------------------------


def test_the_list_shows_each_persons_details_roles_and_kind_of_account(clerk, pb):
    signed_in = on_board(
        pb.board,
        make_person(
            "Sam Signed",
            user=user("sam"),
            job_title="Director",
            organisation=pb.organisation,
            email="sam@example.org",
        ),
    )
    invited_user = user("ivy@example.org")
    invited_user.set_unusable_password()
    invited_user.save()
    on_board(pb.board, make_person("Ivy Invited", user=invited_user), "officer", "chair")
    on_board(pb.board, make_person("Lee Linkonly"))
    on_board(pb.board, make_person("Rex Removed", user=user("rex", is_active=False)))
    merged = on_board(pb.board, make_person("Sam Signd", merged_into=signed_in))

    response = clerk.get(people_url(pb))
    headings, rows = read_table(response.content.decode(), "People on People Board")
    assert headings == ["Name", "Job title", "Organisation", "Email", "Roles", "Account", ""]
    by_name = {row[0]: row for row in rows}
    assert by_name["Sam Signed"] == [
        "Sam Signed",
        "Director",
        "County Council",
        "sam@example.org",
        "Officer",
        "Signed-in account",
        "Edit",
    ]
    assert by_name["Ivy Invited"][4:6] == ["Chair, Officer", "Invited"]
    assert by_name["Lee Linkonly"][5] == "Link-only officer"
    assert by_name["Rex Removed"][5] == "Access removed"
    assert by_name["Clare Clerk"][4] == "Clerk"
    assert merged.name not in by_name
    html = response.content.decode()
    assert reverse("boards:person", args=[signed_in.pk]) in html
    assert edit_url(pb, signed_in) in html
    assert reverse("boards:people_add", args=[pb.board.slug]) in html and ">Add people<" in html


def test_the_search_box_finds_people_by_name(clerk, pb):
    on_board(pb.board, make_person("Vandna Gohil"))
    on_board(pb.board, make_person("Mike Sandys"))
    _, rows = read_table(clerk.get(people_url(pb, "?q=gohil")).content.decode(), "People whose names contain")
    assert [row[0] for row in rows] == ["Vandna Gohil"]
    html = clerk.get(people_url(pb, "?q=nobody")).content.decode()
    assert "No one on this board has a name containing “nobody”." in html


def test_a_board_with_no_one_on_it_says_so(client, pb):
    board = make_board("empty-board")
    board.organisations.add(pb.organisation)
    client.force_login(pb.admin_user)
    html = client.get(reverse("boards:board_people", args=[board.slug])).content.decode()
    assert "No one has been added to this board yet." in html


def test_the_list_is_paginated_by_fifty(clerk, pb):
    for i in range(52):  # with the clerk and the member: 54
        on_board(pb.board, make_person(f"Person {i:02d}"))
    _, first = read_table(clerk.get(people_url(pb)).content.decode(), "People on")
    _, second = read_table(clerk.get(people_url(pb, "?page=2")).content.decode(), "People on")
    assert len(first) == 50 and len(second) == 4
    assert {r[0] for r in first}.isdisjoint({r[0] for r in second})


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_queries_do_not_grow_with_its_rows(clerk, pb):
    for i in range(3):
        on_board(pb.board, make_person(f"Small {i}", user=user(f"small{i}")), "officer", "member")
    small = _count(clerk, people_url(pb))
    for i in range(45):
        on_board(
            pb.board,
            make_person(f"Large {i}", user=user(f"large{i}"), organisation=pb.organisation),
            "officer",
            "chair",
        )
    assert _count(clerk, people_url(pb)) == small


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_boards_managers_see_its_people_page(client, pb, who):
    client.force_login(pb.member_user if who == "member" else user("outsider"))
    assert client.get(people_url(pb)).status_code == 403


def test_the_board_page_links_to_people_for_its_managers_only(client, pb):
    url = reverse("boards:board", args=[pb.board.slug])
    client.force_login(pb.clerk_user)
    assert people_url(pb) in client.get(url).content.decode()
    client.force_login(pb.member_user)
    assert people_url(pb) not in client.get(url).content.decode()


# One person's details ----------------------------------------------------------


def test_editing_a_person_saves_and_records_from_and_to(clerk, pb):
    person = on_board(pb.board, make_person("Vandna Gohil"))
    page = clerk.get(edit_url(pb, person)).content.decode()
    for label in ("Name", "Job title", "Organisation", "Email", ">Save<"):
        assert label in page
    response = clerk.post(
        edit_url(pb, person),
        {
            "name": "Vandna  Gohil",
            "job_title": "Lead Officer",
            "organisation": pb.organisation.pk,
            "email": "vg@example.org",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.job_title, person.organisation, person.email) == (
        "Lead Officer",
        pb.organisation,
        "vg@example.org",
    )
    record = SetupRecord.objects.get(kind=SetupKind.PERSON_CHANGED, person=person)
    assert record.by_user == pb.clerk_user and record.board == pb.board
    assert record.details["changes"]["email"] == {"from": "", "to": "vg@example.org"}
    assert "name" not in record.details["changes"]  # spaces tidied: the same name
    # Saving again with nothing changed records nothing.
    clerk.post(
        edit_url(pb, person),
        {
            "name": "Vandna Gohil",
            "job_title": "Lead Officer",
            "organisation": pb.organisation.pk,
            "email": "vg@example.org",
        },
    )
    assert SetupRecord.objects.filter(kind=SetupKind.PERSON_CHANGED).count() == 1


def test_an_email_another_person_uses_is_refused(clerk, pb):
    on_board(pb.board, make_person("Mike Sandys", email="mike@example.org"))
    person = on_board(pb.board, make_person("Vandna Gohil"))
    response = clerk.post(
        edit_url(pb, person),
        {"name": "Vandna Gohil", "job_title": "", "organisation": "", "email": "MIKE@example.org"},
    )
    assert response.status_code == 200
    assert "MIKE@example.org is already the email of Mike Sandys." in response.content.decode()
    person.refresh_from_db()
    assert person.email == ""


def test_a_person_not_on_the_board_is_not_found(clerk, pb):
    elsewhere = make_person("Elsewhere")
    on_board(make_board("another"), elsewhere)
    assert clerk.get(edit_url(pb, elsewhere)).status_code == 404
    assert clerk.post(roles_url(pb, elsewhere), {"role": "member", "op": "add"}).status_code == 404
    assert not Membership.objects.filter(person=elsewhere, board=pb.board).exists()


# Roles ---------------------------------------------------------------------------


def test_a_clerk_gives_and_takes_away_a_role_and_each_is_recorded(clerk, pb):
    person = on_board(pb.board, make_person("Vandna Gohil"))
    assert clerk.post(roles_url(pb, person), {"role": "member", "op": "add"}).status_code == 302
    membership = Membership.objects.get(person=person, board=pb.board, role="member")
    assert membership.added_by == pb.clerk_user
    added = SetupRecord.objects.get(kind=SetupKind.ROLE_ADDED, person=person)
    assert added.by_user == pb.clerk_user and added.details["role"] == "member"
    response = clerk.post(roles_url(pb, person), {"role": "member", "op": "remove"}, follow=True)
    assert "Vandna Gohil is no longer Member of People Board." in response.content.decode()
    assert not Membership.objects.filter(person=person, role="member").exists()
    assert SetupRecord.objects.get(kind=SetupKind.ROLE_REMOVED, person=person).by_user == pb.clerk_user


def test_the_clerk_role_is_given_and_taken_only_by_the_organisations_admin(client, pb):
    person = on_board(pb.board, make_person("Vandna Gohil"))
    client.force_login(pb.clerk_user)
    page = client.get(edit_url(pb, person)).content.decode()
    assert "Only the organisation's admins can change this role." in page
    assert client.post(roles_url(pb, person), {"role": "clerk", "op": "add"}).status_code == 403
    assert client.post(roles_url(pb, pb.clerk), {"role": "clerk", "op": "remove"}).status_code == 403
    assert not Membership.objects.filter(person=person, role="clerk").exists()
    assert Membership.objects.filter(person=pb.clerk, role="clerk").exists()

    client.force_login(pb.admin_user)
    assert client.post(roles_url(pb, person), {"role": "clerk", "op": "add"}).status_code == 302
    assert Membership.objects.get(person=person, role="clerk").added_by == pb.admin_user
    assert SetupRecord.objects.get(kind=SetupKind.ROLE_ADDED, person=person).by_user == pb.admin_user


def test_the_officer_role_of_someone_with_open_actions_is_kept(clerk, pb):
    person = on_board(pb.board, make_person("Vandna Gohil"), "officer", "member")
    make_action(pb.board, "1(a)", officers=[person])
    response = clerk.post(roles_url(pb, person), {"role": "officer", "op": "remove"}, follow=True)
    assert (
        "Vandna Gohil is the responsible officer of 1 open action on People Board: give it to someone "
        "else (or close them) before removing the officer role."
    ) in response.content.decode()
    assert Membership.objects.filter(person=person, role="officer").exists()
    assert not SetupRecord.objects.filter(kind=SetupKind.ROLE_REMOVED).exists()
    assert ActionOfficer.objects.filter(person=person).exists()


def test_removing_a_persons_last_role_takes_them_off_the_list(clerk, pb):
    person = on_board(pb.board, make_person("Vandna Gohil"), "member")
    response = clerk.post(roles_url(pb, person), {"role": "member", "op": "remove"})
    assert response["Location"] == people_url(pb)
    assert Person.objects.filter(pk=person.pk).exists()
    assert clerk.get(edit_url(pb, person)).status_code == 404


def test_the_roles_page_answers_only_posts(clerk, pb):
    assert clerk.get(roles_url(pb, pb.clerk)).status_code == 405


# The person page -----------------------------------------------------------------


def test_the_person_page_links_its_managers_to_the_people_pages(client, pb):
    person = on_board(pb.board, make_person("Vandna Gohil"))
    url = reverse("boards:person", args=[person.pk])
    client.force_login(pb.clerk_user)
    html = client.get(url).content.decode()
    for name in ("person_edit", "person_invite", "person_remove_access", "person_merge"):
        assert reverse(f"boards:{name}", args=[pb.board.slug, person.pk]) in html
    assert "add one on their page" in html  # no email yet
    client.force_login(pb.member_user)
    assert edit_url(pb, person) not in client.get(url).content.decode()


def test_sending_a_link_to_someone_without_email_leads_to_their_page(clerk, pb):
    person = on_board(pb.board, make_person("Vandna Gohil"))
    make_action(pb.board, "1(a)", officers=[person])
    response = clerk.post(reverse("boards:send_link", args=[pb.board.slug, person.pk]))
    assert response["Location"] == edit_url(pb, person)
    html = clerk.get(response["Location"]).content.decode()
    assert "Vandna Gohil has no email address: add one on their page, then send the link." in html
