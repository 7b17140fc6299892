"""Scoring the importers against the fidelity corpus (tests/fidelity/README.md).

    cases = minutes_cases()            # [(name, bytes, expected)]
    card = score_minutes(name, data, expected)
    card.items_right, card.resolutions_right, card.actions_right, card.wrong_actions, ...

The scorecard is printed and written to docs/fidelity.md by `make fidelity`
(test_minutes_fidelity.py and test_log_fidelity.py, with ACTIONLOG_FIDELITY_REPORT=1).
"""

from __future__ import annotations

import json
import re
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
MINUTES = HERE / "minutes"
LOGS = HERE / "logs"


def minutes_cases() -> list[tuple[str, bytes, dict]]:
    cases = []
    for path in sorted(MINUTES.glob("*.json")):
        text = path.with_suffix(".txt")
        cases.append((path.stem, text.read_bytes(), json.loads(path.read_text(encoding="utf-8"))))
    return cases


def _norm(text: str) -> str:
    return " ".join((text or "").replace("\x00", " ").split())


def _key(text: str) -> str:
    """Text compared loosely: spaces made single, quotes and dashes made plain, case folded."""
    text = _norm(text)
    for fancy, plain in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(fancy, plain)
    return text.casefold()


def _ends_key(text: str) -> str:
    text = _key(text).rstrip(" ;,.:-")
    return re.sub(r"(?:\s+(?:and|or))+$", "", text).rstrip(" ;,.:-")


def _label_key(label: str) -> str:
    return _norm(label)


@dataclass
class MinutesCard:
    name: str
    body: str = ""
    items: int = 0
    items_right: int = 0
    resolutions: int = 0
    resolutions_right: int = 0
    actions_expected: int = 0
    actions_right: int = 0  # decisions whose action call (yes or no) is right
    wrong_actions: int = 0  # actions proposed where the clerk would raise none
    lines_lost: int = 0
    crashed: str = ""
    problems: list[str] = field(default_factory=list)


def score_minutes(name: str, data: bytes, expected: dict) -> MinutesCard:
    from boards.importers.minutes import _parse, accounted_lines

    card = MinutesCard(name, expected.get("body", ""))
    want_items = expected["items"]
    card.items = len(want_items)
    card.resolutions = sum(len(i["resolutions"]) for i in want_items)
    card.actions_expected = sum(1 for i in want_items for r in i["resolutions"] if r["action"])
    try:
        parsed = _parse(data)
    except Exception:  # noqa: BLE001 - a crash is what the scorecard counts
        card.crashed = traceback.format_exc(limit=3)
        return card
    claimed = Counter(accounted_lines(parsed))
    every = range(1, len(parsed.lines) + 1)
    card.lines_lost = sum(1 for n in every if claimed[n] != 1) + sum(1 for n in claimed if n not in every)

    got_items = list(parsed.items)
    by_number = {}
    for item in got_items:
        by_number.setdefault(item.number, item)
    used_actions = set()
    for position, want in enumerate(want_items):
        if want["number"]:
            got = by_number.get(want["number"])
        else:
            got = (
                got_items[position] if position < len(got_items) and not got_items[position].number else None
            )
        if got is None:
            card.problems.append(f"item {want['number'] or '(no number)'} {want['title']!r} not found")
            continue
        if _key(got.title) == _key(want["title"]):
            card.items_right += 1
        else:
            card.problems.append(f"item {want['number']}: title {got.title!r}, expected {want['title']!r}")
        remaining = list(got.resolutions)
        for res in want["resolutions"]:
            match = next(
                (
                    r
                    for r in remaining
                    if _label_key(r.label) == _label_key(res["label"])
                    and _key(r.text).startswith(_key(res["starts"]))
                    and _ends_key(r.text).endswith(_ends_key(res["ends"]))
                ),
                None,
            )
            if match is None:
                labels = [(r.label, _norm(r.text)[:50]) for r in got.resolutions]
                card.problems.append(
                    f"item {want['number']}: resolution {res['label']!r} "
                    f"{res['starts']!r}...{res['ends']!r} not read; got {labels}"
                )
                continue
            remaining.remove(match)
            card.resolutions_right += 1
            used_actions.add(id(match))
            if match.creates_action == res["action"]:
                card.actions_right += 1
            else:
                card.problems.append(
                    f"item {want['number']} {res['label']}: action {match.creates_action}, "
                    f"expected {res['action']} ({match.reason})"
                )
                if match.creates_action:
                    card.wrong_actions += 1
        for extra in remaining:
            if extra.creates_action:
                card.wrong_actions += 1
                card.problems.append(
                    f"item {want['number']}: an action proposed that the papers do not "
                    f"call for: {extra.label} {_norm(extra.text)[:60]!r}"
                )
    expected_numbers = {i["number"] for i in want_items}
    for item in got_items:
        if item.number and item.number not in expected_numbers:
            card.problems.append(f"an item {item.number} {item.title!r} read that is not one")
            card.wrong_actions += sum(1 for r in item.resolutions if r.creates_action)
    return card


def minutes_totals(cards: list[MinutesCard]) -> dict:
    total = {
        key: sum(getattr(c, key) for c in cards)
        for key in (
            "items",
            "items_right",
            "resolutions",
            "resolutions_right",
            "actions_right",
            "wrong_actions",
            "lines_lost",
        )
    }
    total["cases"] = len(cards)
    total["bodies"] = len({c.body for c in cards})
    total["crashes"] = sum(1 for c in cards if c.crashed)
    total["resolutions_rate"] = total["resolutions_right"] / max(total["resolutions"], 1)
    total["actions_rate"] = total["actions_right"] / max(total["resolutions"], 1)
    return total


def minutes_report(cards: list[MinutesCard], threshold: float = 0.95) -> str:
    total = minutes_totals(cards)
    lines = [
        "## Minutes",
        "",
        f"Asserted: 0 lines lost, 0 crashes, at least {threshold:.0%} of resolutions "
        "and of action calls right.",
        "",
        f"{total['cases']} cases from {total['bodies']} bodies. Resolutions read right (label and "
        f"text): {total['resolutions_right']} of {total['resolutions']} "
        f"({total['resolutions_rate']:.1%}); action calls right: {total['actions_right']} of "
        f"{total['resolutions']} ({total['actions_rate']:.1%}); items right: {total['items_right']} of "
        f"{total['items']}; actions proposed wrongly: {total['wrong_actions']}; lines lost: "
        f"{total['lines_lost']}; crashes: {total['crashes']}.",
        "",
        "| case | body | items | resolutions | action calls | wrong actions | lines lost | crash |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in cards:
        lines.append(
            f"| {c.name} | {c.body} | {c.items_right}/{c.items} | {c.resolutions_right}/{c.resolutions} "
            f"| {c.actions_right}/{c.resolutions} | {c.wrong_actions} | {c.lines_lost} | "
            f"{'yes' if c.crashed else ''} |"
        )
    return "\n".join(lines) + "\n"
