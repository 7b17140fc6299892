"""python manage.py add_organisation_admin "Organisation name" --name "Full Name" --email ADDRESS

The first step of a new installation: the organisation's governance lead, who then creates its
boards and appoints their clerks in the app. Prints the address where they choose a password
(it works once, for PASSWORD_RESET_TIMEOUT seconds; "Forgot your password?" sends a new one).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from boards.services.accounts import set_password_url
from boards.services.organisation_admins import AppointmentRefused, appoint_organisation_admin


class Command(BaseCommand):
    help = "Make someone the admin (governance lead) of an organisation, creating either if needed."

    def add_arguments(self, parser):
        parser.add_argument(
            "organisation", help="The organisation's name, e.g. “Leicestershire County Council”."
        )
        parser.add_argument("--name", required=True, help="The person's name as printed in the papers.")
        parser.add_argument("--email", required=True, help="Their email: also their username.")

    def handle(self, *args, organisation, name, email, **options):
        try:
            appointment, created = appoint_organisation_admin(organisation, name, email)
        except AppointmentRefused as refused:
            raise CommandError(str(refused)) from None
        person, user = appointment.person, appointment.person.user
        done = "is now" if created else "was already"
        self.stdout.write(
            f"{person.name} {done} an admin of {appointment.organisation.name} "
            f"(/organisations/{appointment.organisation.slug}/)."
        )
        if user.has_usable_password():
            self.stdout.write(f"They sign in as {user.get_username()}.")
        else:
            hours = settings.PASSWORD_RESET_TIMEOUT // 3600
            self.stdout.write(
                f"They sign in as {user.get_username()} after choosing a password at "
                f"(works once, for {hours} hours):\n{set_password_url(user)}"
            )
