"""Inviting a board's person to sign in, and removing their access again."""

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from boards.models import SetupKind, SetupRecord
from boards.services.links import make_token

from .conftest import sign_in
from .factories import make_action, make_person
from .people_builders import PASSWORD, clerk, on_board, pb, user  # noqa: F401 - pb and clerk are fixtures

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Correct-horse-battery-9"


@pytest.fixture
def sue(pb):
    return on_board(pb.board, make_person("Sue Smith", email="Sue.Smith@Example.org"))


def invite_url(pb, person):
    return reverse("boards:person_invite", args=[pb.board.slug, person.pk])


def remove_url(pb, person):
    return reverse("boards:person_remove_access", args=[pb.board.slug, person.pk])


def link_in(message) -> str:
    return re.search(r"http\S+/accounts/reset/\S+", message.body).group(0)


def choose_password(link: str, password: str = NEW_PASSWORD):
    """Follow the emailed link as the invited person does; the response to the new password."""
    client = Client()
    opened = client.get(link.replace(settings.SITE_URL, ""), follow=True)
    if not opened.context or not opened.context.get("validlink"):
        return opened
    return client.post(opened.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def test_an_invitation_makes_an_account_emails_a_link_and_the_person_signs_in(clerk, pb, sue):
    page = clerk.get(invite_url(pb, sue)).content.decode()
    assert "Invite Sue Smith to sign in" in page and ">Send invitation<" in page
    assert "The link works once, for 3 days." in page
    response = clerk.post(invite_url(pb, sue), follow=True)
    assert "An invitation has been emailed to Sue Smith." in response.content.decode()
    sue.refresh_from_db()
    account = sue.user
    assert account.username == "sue.smith@example.org" and account.is_active
    assert not account.has_usable_password()
    record = SetupRecord.objects.get(kind=SetupKind.INVITED, person=sue)
    assert record.by_user == pb.clerk_user and record.board == pb.board

    (message,) = mail.outbox
    assert message.to == ["sue.smith@example.org"]
    assert message.subject == "You are invited to sign in to the Board Action Log for People Board"
    assert "Clare Clerk has invited you to sign in to the Board Action Log for People Board." in message.body
    link = link_in(message)
    assert link.startswith(settings.SITE_URL + "/accounts/reset/") and link in message.alternatives[0][0]
    assert "Your username is sue.smith@example.org." in message.body
    assert re.search(r"until \d{1,2} \w+ \d{4}, \d\d:\d\d", message.body)

    assert not sign_in(Client(), "sue.smith@example.org", NEW_PASSWORD)  # no password yet
    saved = choose_password(link)
    assert saved.status_code == 302 and saved["Location"] == reverse("password_reset_complete")
    assert sign_in(Client(), "sue.smith@example.org", NEW_PASSWORD)
    # The link works once.
    assert not choose_password(link, "Another-password-42").context["validlink"]


def test_an_expired_invitation_is_refused(clerk, pb, sue):
    clerk.post(invite_url(pb, sue))
    sue.refresh_from_db()

    class Earlier(PasswordResetTokenGenerator):
        def _now(self):
            return datetime.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)

    uid = urlsafe_base64_encode(force_bytes(sue.user.pk))
    old = reverse("password_reset_confirm", args=[uid, Earlier().make_token(sue.user)])
    opened = Client().get(old, follow=True)
    assert not opened.context["validlink"]
    assert "This link cannot be used" in opened.content.decode()
    # The same, made now, works: it is the age that is refused.
    fresh = reverse("password_reset_confirm", args=[uid, PasswordResetTokenGenerator().make_token(sue.user)])
    assert Client().get(fresh, follow=True).context["validlink"]


def test_the_invitation_keeps_the_default_three_days():
    assert settings.PASSWORD_RESET_TIMEOUT == 3 * 24 * 3600


def test_without_an_email_the_clerk_is_sent_to_add_one(clerk, pb):
    lee = on_board(pb.board, make_person("Lee Linkonly"))
    page = clerk.get(invite_url(pb, lee)).content.decode()
    assert "Add an email address for Lee Linkonly first." in page
    assert reverse("boards:person_edit", args=[pb.board.slug, lee.pk]) in page
    assert "Send invitation" not in page
    response = clerk.post(invite_url(pb, lee))
    assert response["Location"] == reverse("boards:person_edit", args=[pb.board.slug, lee.pk])
    lee.refresh_from_db()
    assert lee.user is None and mail.outbox == []
    assert not SetupRecord.objects.filter(kind=SetupKind.INVITED).exists()


def test_an_email_that_is_another_accounts_is_refused(clerk, pb, sue):
    user("SUE.SMITH@example.org")
    response = clerk.post(invite_url(pb, sue), follow=True)
    assert "is the email of another account" in response.content.decode()
    sue.refresh_from_db()
    assert sue.user is None and mail.outbox == []


def test_someone_who_has_signed_in_already_is_not_invited_again(clerk, pb, sue):
    sue.user = user("sue", email=sue.email)
    sue.save()
    assert sign_in(Client(), "sue", PASSWORD)
    response = clerk.post(invite_url(pb, sue), follow=True)
    assert "Sue Smith already has an account and has signed in." in response.content.decode()
    assert mail.outbox == []


def test_an_invitation_can_be_sent_again_before_it_is_used(clerk, pb, sue):
    clerk.post(invite_url(pb, sue))
    clerk.post(invite_url(pb, sue))
    assert len(mail.outbox) == 2
    assert get_user_model().objects.filter(username="sue.smith@example.org").count() == 1
    assert choose_password(link_in(mail.outbox[1])).status_code == 302


# Removing access -------------------------------------------------------------------


def test_removing_access_stops_sign_in_sessions_and_update_links(clerk, pb, sue):
    clerk.post(invite_url(pb, sue))
    choose_password(link_in(mail.outbox[0]))
    make_action(pb.board, "1(a)", officers=[sue])
    sues_browser = Client()
    assert sign_in(sues_browser, "sue.smith@example.org", NEW_PASSWORD)
    assert sues_browser.get(reverse("boards:my_actions")).status_code == 200
    sue.refresh_from_db()
    token = make_token(sue)

    page = clerk.get(remove_url(pb, sue)).content.decode()
    assert "Remove Sue Smith's access?" in page
    assert ">Remove access<" in page
    response = clerk.post(remove_url(pb, sue), follow=True)
    assert "Sue Smith&#x27;s access has been removed" in response.content.decode()
    sue.refresh_from_db()
    assert not sue.user.is_active and not sue.user.has_usable_password()
    assert SetupRecord.objects.get(kind=SetupKind.ACCESS_REMOVED, person=sue).by_user == pb.clerk_user

    assert not sign_in(Client(), "sue.smith@example.org", NEW_PASSWORD)
    signed_out = sues_browser.get(reverse("boards:my_actions"))
    assert signed_out.status_code == 302 and signed_out["Location"].startswith(reverse("login"))
    assert Client().get(reverse("boards:link", args=[token])).status_code == 403
    # The person stays, without an account, with their action.
    assert sue.officer_links.count() == 1
    people = clerk.get(reverse("boards:board_people", args=[pb.board.slug])).content.decode()
    assert "Access removed" in people


def test_an_unused_invitation_stops_working_when_access_is_removed(clerk, pb, sue):
    clerk.post(invite_url(pb, sue))
    clerk.post(remove_url(pb, sue))
    assert not choose_password(link_in(mail.outbox[0])).context["validlink"]
    # Invited again, they can come back.
    clerk.post(invite_url(pb, sue))
    sue.refresh_from_db()
    assert sue.user.is_active
    assert choose_password(link_in(mail.outbox[1])).status_code == 302


@pytest.mark.parametrize("target", ["yourself", "staff", "clerk", "organisation admin"])
def test_some_access_is_not_the_clerks_to_remove(clerk, pb, target):
    if target == "yourself":
        person = pb.clerk
    elif target == "staff":
        person = on_board(pb.board, make_person("Stan Staff", user=user("stan", is_staff=True)))
    elif target == "clerk":
        person = on_board(pb.board, make_person("Other Clerk", user=user("other")), "clerk")
    else:
        person = on_board(pb.board, pb.admin)
    response = clerk.post(remove_url(pb, person), follow=True)
    assert response.status_code == 200
    person.user.refresh_from_db()
    assert person.user.is_active
    assert not SetupRecord.objects.filter(kind=SetupKind.ACCESS_REMOVED).exists()
    assert "Remove access</button>" not in clerk.get(remove_url(pb, person)).content.decode()


def test_the_organisations_admin_may_remove_a_clerks_access(client, pb):
    other = on_board(pb.board, make_person("Other Clerk", user=user("other")), "clerk")
    client.force_login(pb.admin_user)
    client.post(remove_url(pb, other))
    other.user.refresh_from_db()
    assert not other.user.is_active


def test_a_clerk_cannot_invite_someone_whose_powers_reach_beyond_the_board(clerk, pb):
    """Else a clerk could set another clerk's (or an admin's) email to their own, and take
    the account."""
    pb.admin.email = "ada@example.org"
    pb.admin.save()
    admin = on_board(pb.board, pb.admin, "member")
    other_clerk = on_board(pb.board, make_person("Other Clerk", email="oc@example.org"), "clerk")
    html = clerk.post(invite_url(pb, admin), follow=True).content.decode()
    assert "Ada Admin is an organisation admin: only staff can invite them." in html
    html = clerk.post(invite_url(pb, other_clerk), follow=True).content.decode()
    assert "Other Clerk is a clerk: only the organisation&#x27;s admins can invite them." in html
    assert mail.outbox == []
    other_clerk.refresh_from_db()
    assert other_clerk.user is None
