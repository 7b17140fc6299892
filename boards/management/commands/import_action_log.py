"""import_action_log PATH --board SLUG: a board's existing log, from CSV, Excel or Word.

It takes the preview's suggestions (the columns, what each status word means, the date of
rows without one) and prints each one it applied, and every row it skipped and why. Flags
override them:

    --status "Not yet due=GREEN"   (repeatable) a status word's status in the board's key
    --default-date 17/11/2016      the date of rows without one
    --partial                      import the good rows, leave out the others
    --add-new-people               add each officer name that is nobody's as a new person
    --refused-csv PATH             write the rows left out (or, without --partial, the rows
                                   with problems) as a CSV with a Problem column

Officers: a name that is the same as one of the board's people (case, spacing and titles
aside), or failing that anyone's, is that person. Any other name is printed with the
people it is near ("Did you mean Vandna Gohil?") and, without --add-new-people, is a
problem: nothing is imported (with --partial, the rows naming it are left out). Correct
the name in the file, or pass --add-new-people to add every such name as a new person.
"""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boards import wording
from boards.due import NUMERIC_FORMATS
from boards.exports import refused_rows
from boards.importers.action_log import FIELDS, LogFileError, read_log
from boards.importers.action_log.status_words import normalise
from boards.models import Board, UpdateVia
from boards.services.imports.action_log import ImportChoices, import_log, preview_log
from boards.services.imports.refused import ImportRefused
from boards.services.updating import Actor


def _date(text: str):
    for fmt in NUMERIC_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            pass
    raise CommandError(
        f"--default-date: “{text}” is not a date: write it as dd/mm/yyyy, for example 17/11/2016."
    )


class Command(BaseCommand):
    help = (
        "Import a board's existing action log from a CSV, Excel (.xlsx) or Word (.docx) file, all or nothing "
        "(or, with --partial, the good rows)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv, .xlsx or .docx file holding the log's table.")
        parser.add_argument("--board", required=True, help="The board's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and save nothing.")
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            metavar="WORD=CODE",
            help="What a status word of the file means in the board's key, e.g. "
            '"Not yet due=GREEN". Repeat for each word.',
        )
        parser.add_argument(
            "--default-date",
            metavar="DD/MM/YYYY",
            help="The date of rows without one (default: the board's latest meeting, else today).",
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Import the rows without problems and leave out the others.",
        )
        parser.add_argument(
            "--add-new-people",
            action="store_true",
            help="Add each officer name that is none of the board's people (nor anyone's) "
            "as a new person. Without it such names are refused, with suggestions.",
        )
        parser.add_argument(
            "--refused-csv",
            metavar="PATH",
            help="Write the rows with problems to this CSV, with a Problem column.",
        )

    def handle(
        self,
        path,
        board,
        dry_run=False,
        status=(),
        default_date=None,
        partial=False,
        refused_csv=None,
        add_new_people=False,
        **options,
    ):
        board_row = Board.objects.filter(slug=board).select_related("rag_key").first()
        if board_row is None:
            raise CommandError(f"No board with the slug {board!r}.")
        try:
            table = read_log(Path(path).read_bytes(), Path(path).name)
        except (OSError, LogFileError) as error:
            raise CommandError(str(error)) from None
        choices = ImportChoices(
            statuses=self._statuses(status, board_row),
            default_date=_date(default_date) if default_date else None,
            add_new_people=add_new_people,
        )
        self.stdout.write(
            f"Read {len(table.rows)} rows from {table.source}, headings in row {table.header_row}."
        )
        for name, label in FIELDS:
            index = table.mapping[name]
            heading = (" ".join(table.headers[index].split()) or "(no heading)") if index is not None else ""
            column = f"column {index + 1} “{heading}”" if index is not None else "(not in the file)"
            self.stdout.write(f"  {label:<20} {column}")
        preview = preview_log(table, table.mapping, board_row, choices)
        self._report(preview, choices)
        if refused_csv and preview.refused_rows:
            Path(refused_csv).write_bytes(
                refused_rows.render(
                    table.headers, [(row.cells, row.problem_text) for row in preview.refused_rows]
                )
            )
            self.stdout.write(
                f"{wording.count(len(preview.refused_rows), 'row')} with problems written to {refused_csv}."
            )
        if not preview.ok:
            for problem in preview.errors:
                self.stderr.write(str(problem))
            if any(problem.officer for problem in preview.errors):
                self.stderr.write(
                    "Officer names that are none of the board's people: correct them in the "
                    "file, or use --add-new-people to add them as new people."
                )
            if not (partial and preview.can_import_good_rows):
                raise CommandError(
                    f"{wording.count(len(preview.errors), 'problem')} found: nothing was imported."
                    + (
                        " Use --partial to import the rows without problems."
                        if preview.can_import_good_rows
                        else ""
                    )
                )
        rows = preview.good_rows if partial else preview.rows
        if preview.new_people:
            self.stdout.write(
                f"New people, to be added to the board as officers: {', '.join(preview.new_people)}"
            )
        if dry_run:
            left_out = len(preview.rows) - len(rows)
            self.stdout.write(
                f"Dry run: {wording.count(len(rows), 'action')} would be imported"
                + (f", {left_out} left out" if left_out else "")
                + "; nothing was saved."
            )
            return
        try:
            counts = import_log(
                table,
                table.mapping,
                board_row,
                actor=Actor(via=UpdateVia.IMPORT),
                choices=choices,
                partial=partial,
            )
        except ImportRefused as refused:
            for problem in refused.preview.errors:
                self.stderr.write(str(problem))
            raise CommandError(str(refused)) from None
        self.stdout.write(
            f"Imported {wording.count(counts['actions'], 'action')} into {board_row.name} "
            f"({wording.count(counts['new_people'], 'new person', 'new people')})"
            + (
                f"; {wording.count(counts['refused'], 'row')} with problems left out."
                if counts["refused"]
                else "."
            )
        )

    def _statuses(self, flags, board) -> dict:
        statuses = {s.code.lower(): s for s in board.rag_key.statuses.all()}
        chosen = {}
        for flag in flags:
            word, sep, code = flag.rpartition("=")
            if not sep or not word.strip():
                raise CommandError(
                    f'--status “{flag}”: write it as WORD=CODE, for example "Not yet due=GREEN".'
                )
            status = statuses.get(code.strip().lower())
            if status is None:
                codes = ", ".join(s.code for s in board.rag_key.statuses.order_by("position"))
                raise CommandError(
                    f"--status “{flag}”: {code.strip()} is not a status of {board.name}'s key ({codes})."
                )
            chosen[normalise(word)] = status.pk
        return chosen

    def _report(self, preview, choices) -> None:
        """Every suggestion applied, and every row skipped, in words."""
        for question in preview.officer_questions:
            if question.answered:
                self.stdout.write(f"Officer {question.notice} Added as a new person (--add-new-people).")
        for word in preview.status_words:
            if word.status is None:
                continue
            how = "--status" if word.chosen else word.why_text
            self.stdout.write(f"Status “{word.written}” -> {word.status.code} ({how}): {word.rows_text}")
        for row in preview.skipped:
            text = " ".join(row.text.split())
            text = text if len(text) <= 60 else text[:59] + "…"
            self.stdout.write(f"Row {row.number} skipped: {row.why} – “{text}”")
        numbered = [row for row in preview.rows if row.reference_note]
        for row in numbered:
            self.stdout.write(f"Row {row.number}: numbered {row.reference} ({row.reference_note})")
        if preview.dated_by_heading:
            self.stdout.write(
                f"{wording.count(len(preview.dated_by_heading), 'row')} without a date dated by the "
                f"meeting or month heading above."
            )
        if preview.dated_by_default and preview.default:
            default = preview.default
            why = "--default-date" if default.why == "chosen" else default.why
            count = wording.count(len(preview.dated_by_default), "action")
            where = "No date column" if preview.mapping.get("date") is None else "No date in the row"
            self.stdout.write(f"{where}: {count} dated {default.date:%d/%m/%Y} ({why}).")
