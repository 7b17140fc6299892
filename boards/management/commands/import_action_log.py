from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boards import wording
from boards.importers.action_log import FIELDS, LogFileError, read_log
from boards.models import Board, UpdateVia
from boards.services.log_import import ImportRefused, import_log, preview_log
from boards.services.updating import Actor


class Command(BaseCommand):
    help = "Import a board's existing action log from a CSV, Excel (.xlsx) or Word (.docx) file, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv, .xlsx or .docx file holding the log's table.")
        parser.add_argument("--board", required=True, help="The board's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and save nothing.")

    def handle(self, path, board, dry_run=False, **options):
        board_row = Board.objects.filter(slug=board).select_related("rag_key").first()
        if board_row is None:
            raise CommandError(f"No board with the slug {board!r}.")
        try:
            table = read_log(Path(path).read_bytes(), Path(path).name)
        except (OSError, LogFileError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Read {len(table.rows)} rows from {table.source}, headings in row {table.header_row}.")
        for name, label in FIELDS:
            index = table.mapping[name]
            column = f"column {index + 1} “{table.headers[index]}”" if index is not None else "(not in the file)"
            self.stdout.write(f"  {label:<20} {column}")
        preview = preview_log(table, table.mapping, board_row)
        if not preview.ok:
            for error in preview.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{wording.count(len(preview.errors), 'problem')} found: nothing was imported.")
        if preview.new_people:
            self.stdout.write(f"New people, to be added to the board as officers: {', '.join(preview.new_people)}")
        if dry_run:
            self.stdout.write(f"Dry run: {wording.count(len(preview.rows), 'action')} would be imported; "
                              "nothing was saved.")
            return
        try:
            counts = import_log(table, table.mapping, board_row, actor=Actor(via=UpdateVia.IMPORT))
        except ImportRefused as refused:
            for error in refused.preview.errors:
                self.stderr.write(str(error))
            raise CommandError(str(refused)) from None
        self.stdout.write(f"Imported {wording.count(counts['actions'], 'action')} into {board_row.name} "
                          f"({wording.count(counts['new_people'], 'new person', 'new people')}).")
