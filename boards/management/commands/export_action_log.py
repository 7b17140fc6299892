from django.core.management.base import BaseCommand, CommandError

from boards.exports import FORMATS, QueryOnly, document_for, filename, render
from boards.filters import VIEWS
from boards.models import Board


class Command(BaseCommand):
    help = "Write a board's action log as CSV, XLSX, DOCX or PDF (the outstanding view by default)."

    def add_arguments(self, parser):
        parser.add_argument("--board", required=True, help="The board's slug.")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("-o", "--output", help="File to write (default: the download's name).")
        parser.add_argument("--view", default="outstanding", choices=[key for key, _ in VIEWS])
        parser.add_argument(
            "--include-exempt",
            action="store_true",
            help="Include actions exempt from publication (for the board's own people, not the public).",
        )

    def handle(self, *args, board, fmt, output=None, view="outstanding", include_exempt=False, **options):
        try:
            board_obj = Board.objects.select_related("rag_key").get(slug=board)
        except Board.DoesNotExist:
            raise CommandError(f"No board with slug {board!r}.") from None
        doc = document_for(QueryOnly(f"view={view}"), board_obj, exempt=include_exempt)
        output = output or filename(board_obj, doc.today, fmt)
        with open(output, "wb") as f:
            f.write(render(doc, fmt))
        self.stdout.write(f"Wrote {len(doc.rows)} actions to {output}.")
        if not include_exempt and (left_out := board_obj.actions.filter(exempt=True).count()):
            self.stdout.write(f"{left_out} exempt actions of the board are not included (--include-exempt).")
