"""The first step of a new installation: `add_organisation_admin` appoints a governance lead,
who chooses a password at the printed address and can then create boards."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from boards.models import Organisation, OrganisationAdmin, Person, SetupKind, SetupRecord

from .conftest import sign_in
from .factories import make_person

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("add_organisation_admin", *args, stdout=out)
    return out.getvalue()


def test_appoints_creates_the_organisation_and_the_password_link_works(client):
    out = run("Rutland County Council", "--name", "Jo Governance", "--email", "Jo.G@Rutland.example.org")
    admin = OrganisationAdmin.objects.get()
    assert admin.organisation.name == "Rutland County Council"
    assert admin.organisation.slug == "rutland-county-council"
    assert admin.person.name == "Jo Governance" and admin.person.email == "jo.g@rutland.example.org"
    assert not admin.person.user.has_usable_password()
    assert SetupRecord.objects.filter(kind=SetupKind.ROLE_ADDED, person=admin.person).count() == 1
    assert "Jo Governance is now an admin of Rutland County Council" in out

    link = re.search(r"https?://\S+(/accounts/reset/\S+/)", out).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and b"Choose a new password" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-long-passphrase-2026", "new_password2": "a-long-passphrase-2026"},
    )
    assert done.status_code == 302
    assert sign_in(client, "jo.g@rutland.example.org", "a-long-passphrase-2026")
    page = client.get(reverse("boards:board_new", args=["rutland-county-council"]))
    assert page.status_code == 200


def test_running_it_again_changes_nothing_and_says_so():
    run("Rutland County Council", "--name", "Jo Governance", "--email", "jo@example.org")
    before = (Organisation.objects.count(), Person.objects.count(), SetupRecord.objects.count())
    out = run("rutland county council", "--name", "Jo Governance", "--email", "JO@example.org")
    assert "was already an admin" in out
    assert (Organisation.objects.count(), Person.objects.count(), SetupRecord.objects.count()) == before


def test_an_existing_person_is_appointed_not_duplicated():
    existing = make_person("Jo Governance", email="jo@example.org")
    run("Rutland County Council", "--name", "jo governance", "--email", "jo@example.org")
    assert OrganisationAdmin.objects.get().person == existing
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("--name", "Someone Else", "--email", "jo@example.org"), "is the email of Jo Governance"),
        (("--name", "Jo", "--email", "not-an-address"), "is not an email address"),
    ],
)
def test_refusals_save_nothing(args, why):
    make_person("Jo Governance", email="jo@example.org")
    with pytest.raises(CommandError, match=why):
        run("Rutland County Council", *args)
    assert not Organisation.objects.exists() and not OrganisationAdmin.objects.exists()
