from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from boards.reminders.sender import sweep


class Command(BaseCommand):
    help = "Run one reminder sweep now, synchronously, through the same code as the daily task."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", help="Pretend it is this local time, e.g. 2016-12-01T08:00 (for trials and tests)."
        )

    def handle(self, *args, now=None, **options):
        moment = timezone.now()
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(f"--now {now!r} is not a date and time like 2016-12-01T08:00.") from None
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        results = sweep(moment)
        sent = 0
        for result in results:
            refs = ", ".join(f"{r.kind} {r.action.reference}" for r in result.reminders)
            if result.status == "sent":
                sent += 1
                self.stdout.write(f"sent to {result.person} <{result.to}>: {refs}")
            else:
                self.stdout.write(
                    f"{result.status}: {result.person or 'digest ' + str(result.digest_id)} {refs}"
                )
        self.stdout.write(f"sent {sent} email{'s' if sent != 1 else ''}")
