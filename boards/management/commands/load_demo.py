from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from boards.demo.leicestershire import BOARD, DEMO_LOGINS
from boards.demo.load import load_demo


class Command(BaseCommand):
    help = (
        "Load the Leicestershire Health and Wellbeing Board demo (meeting of 17 November 2016, "
        "its minutes and action log) with demo logins. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-logins",
            action="store_true",
            help="Load even with DEBUG off (the demo logins have published passwords).",
        )

    def handle(self, *args, allow_demo_logins=False, **options):
        if not settings.DEBUG and not allow_demo_logins:
            raise CommandError(
                "DEBUG is off: the demo creates logins with published passwords. "
                "Use --allow-demo-logins if this really is a demo site."
            )
        created = load_demo()
        if created:
            summary = ", ".join(f"{n} {name}" for name, n in sorted(created.items()))
            self.stdout.write(f"Demo loaded: {summary}.")
        else:
            self.stdout.write("Demo already loaded: nothing changed.")
        self.stdout.write(f"Board: /boards/{BOARD['slug']}/actions/")
        self.stdout.write("Demo logins (only in this demo):")
        for username, password, person, role in DEMO_LOGINS:
            self.stdout.write(f"  {role:<8} {username:<12} password: {password}  ({person})")
