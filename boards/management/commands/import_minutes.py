"""python manage.py import_minutes FILE --board SLUG --date YYYY-MM-DD

The command line's version of the clerk's preview: it takes what the preview suggests
(which resolutions are actions, the officers named in them, the due phrases found) and
prints each suggestion it applied; flags override them, as the clerk's corrections do.

Attendance: the Present / Apologies / In attendance lists are read and each name printed
with what was done with it. A name that matches someone on the board is recorded; a near
miss ("did you mean ...?") is left out, to be settled on the meeting form; a name new to the
board is left out unless --add-attendees is given, which adds it to the board.

Officers: the suggested officers are the board's people. A name given with --officers that
is the same as one of the board's people (case, spacing and titles aside), or failing
that anyone's, is that person. Any other name is printed with the people it is near
("Did you mean Mike Sandys?") and refused, nothing imported, unless --add-new-people
adds each such name as a new person.
"""

import json
from datetime import date, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boards.importers.documents import DocumentError, text_from_document
from boards.importers.minutes import MinutesJson, apply_edits, parse_minutes
from boards.importers.minutes.attendance import KIND_LABELS
from boards.models import Board, UpdateVia
from boards.officers import join_officer_names, split_officer_names
from boards.references import item_references
from boards.services.attendance import describe, readings_for
from boards.services.imports.minutes import Correction, officer_questions, proposals, record_minutes
from boards.services.imports.refused import ImportRefused
from boards.services.updating import Actor


class Command(BaseCommand):
    help = (
        "Import a meeting's minutes from a file: items, resolutions and the actions they call for, "
        "and the attendance (Present, Apologies, In attendance). Names that match the board's people "
        "are recorded as attending; near misses are left out; new names are left out unless "
        "--add-attendees is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The minutes: a text file (UTF-8 or Windows-1252), .docx or .pdf.")
        parser.add_argument("--board", required=True, help="The board's slug.")
        parser.add_argument("--date", required=True, help="The meeting's date: 2016-11-17 or 17/11/2016.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be saved; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the structure found as JSON.")
        parser.add_argument(
            "--number",
            action="append",
            default=[],
            metavar="POSITION=NUMBER",
            help="Number an item the text gives no number (1=326: the first item is 326).",
        )
        parser.add_argument(
            "--edit",
            action="append",
            default=[],
            metavar="EDIT",
            help="A structural edit, as the preview makes them: split:I:J:AT, join:I:J, "
            "to-discussion:I:J, to-decision:I:K (indexes from 0).",
        )
        parser.add_argument(
            "--action",
            action="append",
            default=[],
            metavar="REF",
            help="Make this resolution an action (326(c)).",
        )
        parser.add_argument(
            "--no-action",
            action="append",
            default=[],
            metavar="REF",
            help="Do not make this resolution an action.",
        )
        parser.add_argument(
            "--officers",
            action="append",
            default=[],
            metavar="REF=NAMES",
            help="The officers for an action: 330(d)=Mike Sandys/ Jim Bosworth.",
        )
        parser.add_argument(
            "--due",
            action="append",
            default=[],
            metavar="REF=DUE",
            help="The due for an action: 330(d)=31/03/2017.",
        )
        parser.add_argument(
            "--add-attendees",
            action="store_true",
            help="Add the names in the attendance lists that match nobody on the board "
            "as new people (near misses are still left out) and record their attendance. "
            "Without it only names of the board's people are recorded.",
        )
        parser.add_argument(
            "--add-new-people",
            action="store_true",
            help="Add each --officers name that is none of the board's people (nor anyone's) "
            "as a new person. Without it such names are refused, with suggestions.",
        )

    def handle(self, path, board, date: str, dry_run=False, json=False, **options):
        try:
            meeting_date = _date(date)
            text = _read(Path(path))
        except (OSError, ValueError, DocumentError) as error:
            raise CommandError(str(error)) from None
        board_row = Board.objects.filter(slug=board).first()
        if board_row is None:
            raise CommandError(f"No board with the slug {board!r}.")
        parsed, applied = apply_edits(parse_minutes(text), options["edit"])
        for edit in options["edit"]:
            if edit not in applied:
                raise CommandError(f"The edit {edit!r} does not fit these minutes.")
        _number(parsed, options["number"])
        out = self.stderr if json else self.stdout
        for note in parsed.notes:
            out.write(f"note: {note}")
        found = proposals(parsed, board_row, meeting_date)
        corrections = _corrections(parsed, found, options, out)
        attendance = _attendance(readings_for(parsed, board_row), options["add_attendees"], out)
        if json:
            self.stdout.write(_json({"meeting": {"board": board, "date": meeting_date.isoformat()}, **found}))
        else:
            self._show(found)
        unnumbered = [position for position, item in enumerate(parsed.items, start=1) if not item.number]
        for position in unnumbered:
            out.write(f"item {position} has no number in the text: give it with --number {position}=NUMBER")
        add_new = options.get("add_new_people", False)
        self._officers(corrections, board_row, add_new, out)
        if dry_run:
            return
        try:
            saved = record_minutes(
                parsed,
                board=board_row,
                meeting_date=meeting_date,
                actor=Actor(via=UpdateVia.IMPORT),
                corrections=corrections,
                attendance=attendance,
                add_new_people=add_new,
            )
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        message = (
            f"imported {saved['items']} minute items, {saved['resolutions']} resolutions and "
            f"{saved['actions']} actions for the meeting of {meeting_date:%d/%m/%Y}"
        )
        out.write(message)
        if saved["attendance"].get("changed"):
            out.write(f"attendance recorded: {describe(saved['attendance'])}")
        if saved["attendance"].get("added"):
            out.write(f"added to the board: {', '.join(saved['attendance']['added'])}")

    def _officers(self, corrections, board, add_new: bool, out) -> None:
        """Each officer name that is nobody's, with its near matches: a new person with
        --add-new-people, else refused."""
        names = [name for c in corrections.values() if c.creates_action for name in c.officer_names]
        questions = officer_questions(names, board)
        for question in questions:
            out.write(
                f"officer {question.notice}"
                + (" Added as a new person (--add-new-people)." if add_new else "")
            )
        if questions and not add_new:
            unknown = f"{len(questions)} officer name{'s are' if len(questions) > 1 else ' is'}"
            raise CommandError(
                f"{unknown} none of the board's people: correct it with --officers, or use "
                "--add-new-people to add them as new people. Nothing was imported."
            )

    def _show(self, found):
        for item in found["items"]:
            self.stdout.write(f"{item['number'] or '(no number)'}. {item['title']}")
            for res in item["resolutions"]:
                mark = "ACTION" if res["creates_action"] else "      "
                officers = join_officer_names(res["officers"]) or "-"
                self.stdout.write(
                    f"   {mark} {res['label'] or '-':<5} {res['text'][:70]}  "
                    f"[{officers}; {res['due'] or '-'}]"
                )
        for block in found["unparsed"]:
            self.stdout.write(f"unparsed lines {block['lines'][0]}-{block['lines'][1]}: {block['text'][:60]}")


def _read(path: Path) -> str:
    """The file's text: a Word or PDF document's, or a text file's in UTF-8 or Windows-1252."""
    data = path.read_bytes()
    if path.suffix.lower() in (".docx", ".pdf"):
        return text_from_document(data, path.name)
    from boards.importers.minutes.normalise import decode

    return decode(data)


def _number(parsed, numbers: list[str]) -> None:
    for given in numbers:
        position, _, number = given.partition("=")
        if not position.strip().isdigit() or not number.strip():
            raise CommandError(f"--number {given!r}: write it as POSITION=NUMBER, for example 1=326.")
        index = int(position) - 1
        if not 0 <= index < len(parsed.items):
            raise CommandError(f"--number {given!r}: the minutes have {len(parsed.items)} items.")
        parsed.items[index].number = number.strip()


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        reference, sep, rest = value.partition("=")
        if not sep or not reference.strip():
            raise CommandError(f"{flag} {value!r}: write it as REF=VALUE, for example 330(d)=...")
        pairs[reference.strip()] = rest.strip()
    return pairs


def _corrections(parsed, found: MinutesJson, options: dict, out) -> dict[tuple[int, int], Correction]:
    """The preview's suggestions for every resolution, each one printed, with the flags
    applied over them."""
    force, refuse = set(options["action"]), set(options["no_action"])
    officers, dues = _pairs(options["officers"], "--officers"), _pairs(options["due"], "--due")
    known = set()
    corrections = {}
    for i, (item, item_data) in enumerate(zip(parsed.items, found["items"], strict=True)):
        references = item_references(item.number, [res.label for res in item.resolutions])
        for j, (res, res_data) in enumerate(zip(item.resolutions, item_data["resolutions"], strict=True)):
            reference = references[j]
            known.add(reference)
            creates = (res.creates_action or reference in force) and reference not in refuse
            names = (
                split_officer_names(officers[reference]) if reference in officers else res_data["officers"]
            )
            due = dues.get(reference, res.due_phrase)
            if res.creates_action and creates:
                out.write(
                    f"applied: {reference} is an action ({res.reason}); officers: "
                    f"{join_officer_names(res_data['officers']) or 'none found'}; "
                    f"due: {res.due_phrase or 'none found'}"
                )
            elif creates:
                out.write(f"flag: {reference} is an action (--action)")
            elif res.creates_action:
                out.write(f"flag: {reference} is not an action (--no-action)")
            corrections[(i, j)] = Correction(creates_action=creates, officer_names=tuple(names), due=due)
    unknown = (force | refuse | set(officers) | set(dues)) - known
    if unknown:
        raise CommandError(f"No resolution {', '.join(sorted(unknown))} in these minutes.")
    return corrections


def _attendance(readings, add_new: bool, out) -> list:
    """The names read to record, each printed with what is done with it."""
    chosen = []
    for reading in readings:
        attendee = reading.attendee
        said = f"attendance: {KIND_LABELS[attendee.kind]}: {attendee.name}"
        if reading.person is not None:
            out.write(f"{said} (matches {reading.person.name})")
            chosen.append((attendee, reading.person))
        elif reading.near:
            names = " or ".join(p.name for p in reading.near)
            out.write(f"{said} (did you mean {names}? left out: record it on the meeting form)")
        elif add_new:
            out.write(f"{said} (new person: added, --add-attendees)")
            chosen.append((attendee, None))
        else:
            out.write(f"{said} (new person: left out; --add-attendees adds them)")
    return chosen


def _date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"--date {text!r} is not a date like 2016-11-17 or 17/11/2016.")


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
