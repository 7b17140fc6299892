"""Scoring the action-log importer against the fidelity corpus (tests/fidelity/README.md,
"Action logs"): 10 real layouts, each as CSV, XLSX and DOCX.

    cards = score_logs()            # pure: the importer's reading, no database
    cards = score_logs(board)       # also: does it import with only the preview's suggestions?
    print(log_report(cards))        # markdown, for docs/fidelity.md

For each case and format a LogCard says: the heading row right; the columns right (each
field the expected heading names, or none); the rows read as actions right (by row
number, and the action's text starting as expected); the status meanings right; the
skipped rows right (by row number and reason); and, given a board, whether the preview
has no problem with the columns and choices it suggests itself (preview.ok).
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOGS = HERE / "logs"
FORMATS = (".csv", ".xlsx", ".docx")


def log_cases() -> list[tuple[str, dict]]:
    return [(path.stem, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(LOGS.glob("*.json"))]


def _norm(text) -> str:
    return " ".join(str(text or "").split())


def _key(text) -> str:
    text = _norm(text)
    for fancy, plain in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(fancy, plain)
    return text.casefold()


@dataclass
class LogCard:
    case: str
    fmt: str
    body: str = ""
    header_right: bool = False
    columns: int = 0
    columns_right: int = 0
    actions: int = 0  # expected action rows
    actions_right: int = 0
    actions_extra: int = 0  # rows read as actions that are not
    statuses: int = 0
    statuses_right: int = 0
    skipped: int = 0  # expected skipped rows
    skipped_right: int = 0
    skipped_extra: int = 0  # rows skipped that are actions, or with the wrong reason
    imports: bool | None = None  # None: not tried (no board)
    import_problems: list[str] = field(default_factory=list)
    crashed: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def rows_match(self) -> float:
        """Rows read right (actions and skipped), over all the rows that should be and were read."""
        wanted = self.actions + self.skipped + self.actions_extra + self.skipped_extra
        return (self.actions_right + self.skipped_right) / wanted if wanted else 1.0


def score_log(case: str, fmt: str, expected: dict, board=None) -> LogCard:
    from boards.importers.action_log import read_log
    from boards.importers.action_log.rows import read_rows
    from boards.importers.action_log.status_words import meaning_of

    card = LogCard(case, fmt, expected.get("body", ""))
    want = expected["expected"]
    path = (LOGS / case).with_suffix(fmt)
    card.actions, card.skipped = len(want["rows"]), len(want["skipped"])
    try:
        table = read_log(path.read_bytes(), path.name)
        reading = read_rows(table, table.mapping)
    except Exception:  # noqa: BLE001 - a crash is what the scorecard counts
        card.crashed = traceback.format_exc(limit=3)
        return card

    card.header_right = table.header_row == want["header_row"]
    if not card.header_right:
        card.problems.append(f"headings found in row {table.header_row}, not {want['header_row']}")
    for name, heading in want["columns"].items():
        card.columns += 1
        index = table.mapping.get(name)
        got = _norm(table.headers[index]) if index is not None else None
        if got == (_norm(heading) if heading is not None else None):
            card.columns_right += 1
        else:
            card.problems.append(f"{name}: column {got!r}, expected {heading!r}")

    read = {row.number: row for row in reading.rows}
    for item in want["rows"]:
        row = read.get(item["row"])
        if row is None:
            card.problems.append(f"row {item['row']} not read as an action")
            continue
        if _key(row.action).startswith(_key(item["action_starts"])):
            card.actions_right += 1
        else:
            card.problems.append(
                f"row {item['row']}: action {_norm(row.action)[:40]!r}, expected {item['action_starts']!r}"
            )
        card.statuses += 1
        meaning = meaning_of(row.status_word, reading.legend) or "unknown"
        if meaning == item["status_means"]:
            card.statuses_right += 1
        else:
            card.problems.append(
                f"row {item['row']}: status {row.status_word!r} read as {meaning}, "
                f"expected {item['status_means']}"
            )
    expected_rows = {item["row"] for item in want["rows"]}
    for number in sorted(set(read) - expected_rows):
        card.actions_extra += 1
        card.problems.append(f"row {number} read as an action")

    skipped = {row.number: row.why for row in reading.skipped}
    wanted_skips = {item["row"]: item["why"] for item in want["skipped"]}
    for number, why in wanted_skips.items():
        if skipped.get(number) == why:
            card.skipped_right += 1
        else:
            card.problems.append(f"row {number}: skipped as {skipped.get(number)!r}, expected {why!r}")
    for number in sorted(set(skipped) - set(wanted_skips)):
        card.skipped_extra += 1
        card.problems.append(f"row {number} skipped as {skipped[number]!r}, expected an action")

    if board is not None:
        _try_import(card, table, board)
    return card


def _try_import(card: LogCard, table, board) -> None:
    """Does the preview, with only its own suggestions, have nothing left to put right? The
    officers' names are the layouts' own people, nobody's on a new board: added as new people,
    as the clerk would choose (boards.officer_names asks; reading them is not in question here)."""
    from boards.services.imports.action_log import ImportChoices, preview_log

    try:
        preview = preview_log(table, table.mapping, board, ImportChoices(add_new_people=True))
    except Exception:  # noqa: BLE001
        card.crashed = traceback.format_exc(limit=3)
        card.imports = False
        return
    card.imports = preview.ok
    card.import_problems = [str(e) for e in preview.errors]


def score_logs(board=None) -> list[LogCard]:
    """Every case in every format. With a board (any board with a key: its actions are not
    touched), also whether each imports with only what the preview suggests."""
    return [score_log(case, fmt, expected, board) for case, expected in log_cases() for fmt in FORMATS]


def log_totals(cards: list[LogCard]) -> dict:
    def total(name):
        return sum(getattr(card, name) for card in cards)

    wanted = total("actions") + total("skipped") + total("actions_extra") + total("skipped_extra")
    return {
        "files": len(cards),
        "crashed": sum(1 for c in cards if c.crashed),
        "headers_right": sum(1 for c in cards if c.header_right),
        "columns": total("columns"),
        "columns_right": total("columns_right"),
        "actions": total("actions"),
        "actions_right": total("actions_right"),
        "actions_extra": total("actions_extra"),
        "statuses": total("statuses"),
        "statuses_right": total("statuses_right"),
        "skipped": total("skipped"),
        "skipped_right": total("skipped_right"),
        "skipped_extra": total("skipped_extra"),
        "rows_match": (total("actions_right") + total("skipped_right")) / wanted if wanted else 1.0,
        "imports": sum(1 for c in cards if c.imports),
        "tried": sum(1 for c in cards if c.imports is not None),
    }


def _yes(value: bool | None) -> str:
    return "–" if value is None else "yes" if value else "**no**"


def log_report(cards: list[LogCard]) -> str:
    """The scorecard as markdown: one line per case and format, then the totals."""
    lines = [
        "## Action logs",
        "",
        "Asserted: no file crashes; every file imports with only what the preview offers; rows read as "
        "actions and rows skipped match the expected reading at least 95% of the time (80% for each file).",
        "",
        "| Log | Format | Headings | Columns | Actions | Status meanings | Skipped rows | Imports |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for card in cards:
        if card.crashed:
            lines.append(f"| {card.case} | {card.fmt} | crashed | | | | | **no** |")
            continue
        actions = f"{card.actions_right}/{card.actions}" + (
            f" (+{card.actions_extra})" if card.actions_extra else ""
        )
        skipped = f"{card.skipped_right}/{card.skipped}" + (
            f" (+{card.skipped_extra})" if card.skipped_extra else ""
        )
        lines.append(
            f"| {card.case} | {card.fmt} | {_yes(card.header_right)} | "
            f"{card.columns_right}/{card.columns} | {actions} | "
            f"{card.statuses_right}/{card.statuses} | {skipped} | {_yes(card.imports)} |"
        )
    t = log_totals(cards)
    lines += [
        "",
        f"{t['files']} files, {t['crashed']} crashed. Headings found: {t['headers_right']}/{t['files']}. "
        f"Columns right: {t['columns_right']}/{t['columns']}. "
        f"Actions read: {t['actions_right']}/{t['actions']} "
        f"({t['actions_extra']} rows wrongly read as actions). Status meanings: "
        f"{t['statuses_right']}/{t['statuses']}. Skipped rows: {t['skipped_right']}/{t['skipped']} "
        f"({t['skipped_extra']} wrongly skipped). Rows matching: {t['rows_match']:.0%}. "
        + (f"Import with only the preview's suggestions: {t['imports']}/{t['tried']}." if t["tried"] else ""),
    ]
    return "\n".join(lines) + "\n"
