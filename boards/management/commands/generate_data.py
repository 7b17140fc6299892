from datetime import date

from django.core.management.base import BaseCommand, CommandError

from boards.demo.generator import generate


class Command(BaseCommand):
    help = (
        "Generate a realistic, deterministic data set for benchmarks: boards, people, monthly "
        "meetings, minutes, resolutions, actions and their history (bulk inserts). "
        "At --boards 50 --years 10: about 200,000 actions and 1,000,000 history rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--boards", type=int, default=50)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The anchor date, YYYY-MM-DD (default: today). Same seed and today give the same data.",
        )

    def handle(self, *args, boards, years, seed, today, **options):
        if boards < 1 or years < 1:
            raise CommandError("--boards and --years must be at least 1.")
        counts = generate(
            boards=boards,
            years=years,
            seed=seed,
            today=today,
            out=self.stdout.write if options["verbosity"] else None,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {counts.get('Action', 0):,} actions and "
                f"{counts.get('ActionUpdate', 0):,} history rows."
            )
        )
