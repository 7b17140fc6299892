import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boards.importers.minutes import parse_minutes
from boards.models import Board, UpdateVia
from boards.services.importing import ImportRefused, proposals, record_minutes
from boards.services.updating import Actor


class Command(BaseCommand):
    help = "Import a meeting's minutes from a text file: items, resolutions and the actions they call for."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A text file of the minutes (UTF-8).")
        parser.add_argument("--board", required=True, help="The board's slug.")
        parser.add_argument("--date", required=True, help="The meeting's date, YYYY-MM-DD.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be saved; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the structure found as JSON.")

    def handle(self, path, board, date: str, dry_run=False, json=False, **options):
        try:
            meeting_date = _date(date)
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(str(error)) from None
        board_row = Board.objects.filter(slug=board).first()
        if board_row is None:
            raise CommandError(f"No board with the slug {board!r}.")
        parsed = parse_minutes(text)
        found = proposals(parsed, board_row, meeting_date)
        if json:
            self.stdout.write(_json({"meeting": {"board": board, "date": meeting_date.isoformat()}, **found}))
        else:
            for item in found["items"]:
                self.stdout.write(f"{item['number']}. {item['title']}")
                for res in item["resolutions"]:
                    mark = "ACTION" if res["creates_action"] else "      "
                    officers = "/ ".join(res["officers"]) or "-"
                    self.stdout.write(f"   {mark} {res['label'] or '-':<5} {res['text'][:70]}  [{officers}; {res['due'] or '-'}]")
            for block in found["unparsed"]:
                self.stdout.write(f"unparsed lines {block['lines'][0]}-{block['lines'][1]}: {block['text'][:60]}")
        if dry_run:
            return
        try:
            saved = record_minutes(parsed, board=board_row, meeting_date=meeting_date,
                                   actor=Actor(via=UpdateVia.IMPORT))
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        message = (f"imported {saved['items']} minute items, {saved['resolutions']} resolutions and "
                   f"{saved['actions']} actions for the meeting of {meeting_date:%d/%m/%Y}")
        (self.stderr if json else self.stdout).write(message)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--date {text!r} is not a date like 2016-11-17.") from None


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
