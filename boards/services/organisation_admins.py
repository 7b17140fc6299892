"""Appointing an organisation's admin (its governance lead) from the command line: the first
step of a new installation, before anyone can create a board in the app."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from ..models import Organisation, OrganisationAdmin, Person, SetupKind
from ..people_names import same_name
from .setup_records import note


class AppointmentRefused(Exception):
    pass


def appoint_organisation_admin(
    organisation_name: str, name: str, email: str
) -> tuple[OrganisationAdmin, bool]:
    """Make the person (found by email, else created) an admin of the organisation (created if
    there is none of that name), with an account named by their email and no password yet.
    Returns (the appointment, whether it is new). Owns its transaction; the appointment is
    recorded."""
    email = email.strip().lower()
    if "@" not in email:
        raise AppointmentRefused(f"“{email}” is not an email address.")
    User = get_user_model()
    with transaction.atomic():
        organisation = Organisation.objects.filter(name__iexact=organisation_name.strip()).first()
        if organisation is None:
            slug = slugify(organisation_name)[:200]
            if not slug or Organisation.objects.filter(slug=slug).exists():
                raise AppointmentRefused(f"No organisation can be made with the address “{slug}”.")
            organisation = Organisation.objects.create(name=organisation_name.strip(), slug=slug)
        person = Person.objects.filter(email__iexact=email, merged_into__isnull=True).first()
        if person is not None and not same_name(person.name, name):
            raise AppointmentRefused(f"{email} is the email of {person.name}, not {name}.")
        if person is None:
            person = Person.objects.create(name=name.strip(), email=email, organisation=organisation)
        if person.user_id is None:
            user = User.objects.filter(username__iexact=email).first()
            if user is not None and hasattr(user, "person"):
                raise AppointmentRefused(f"The account {email} belongs to {user.person.name}.")
            user = user or User.objects.create_user(username=email, email=email)  # no password yet
            person.user = user
            person.save(update_fields=["user"])
        appointment, created = OrganisationAdmin.objects.get_or_create(
            organisation=organisation, person=person
        )
        if created:
            note(
                SetupKind.ROLE_ADDED,
                f"{person.name} made an admin of {organisation.name}",
                organisation=organisation,
                person=person,
                role="organisation admin",
            )
    return appointment, created
