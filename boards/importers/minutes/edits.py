"""The clerk's corrections to what the parser read, applied to its structure.

A parser cannot know everything a clerk knows: that two resolutions are one, that a
paragraph of the discussion is the board's decision. The preview offers four edits, each
a short string kept in the page between previews, so the same text and the same edits
always give the same structure (and the preview's fields keep their keys):

    split:I:J:AT      resolution J of item I split at character AT of its text
    join:I:J          resolution J of item I joined with the one after it
    to-discussion:I:J resolution J of item I is discussion, not a decision
    to-decision:I:K   paragraph K of item I's discussion is a decision

Pure, like the rest of the parser. Every line still ends in exactly one place.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from .classify import classify, due_phrase
from .model import Item, Paragraph, ParsedMinutes, Res
from .patterns import LABEL, SENTENCE_END, norm

MAX_EDITS = 200  # a page's worth: more is not a clerk correcting a preview

# Where a resolution can be split: before a label inside it ("; (b) ...", " 2. ..."), after a
# sentence or after a semicolon.
_LABEL_INSIDE = re.compile(r"(?<=[\s;:,])(?=\(?(?:[a-z]|[ivx]{1,4}|\d{1,2}|[A-Z])[.)]\s)")
_CLAUSE_END = re.compile(r"(?<=;)\s+(?=\S)")


class EditError(ValueError):
    """An edit that does not fit the structure (it was made for another text)."""


def split_points(res: Res) -> list[tuple[int, str]]:
    """Where a resolution can be split: (offset in its text, the first words after it)."""
    text = res.text
    offsets = {m.start() for m in _LABEL_INSIDE.finditer(text)}
    offsets |= {m.end() for m in SENTENCE_END.finditer(text)}
    offsets |= {m.end() for m in _CLAUSE_END.finditer(text)}
    points = []
    for at in sorted(offsets):
        if 0 < at < len(text) and text[:at].strip() and text[at:].strip():
            words = " ".join(text[at:].split()[:6])
            points.append((at, words))
    return points


def apply_edits(parsed: ParsedMinutes, edits: list[str]) -> tuple[ParsedMinutes, list[str]]:
    """The structure with the edits applied, and the edits that applied (one made for
    another text, or no longer fitting, is left out rather than guessed at)."""
    if not edits:
        return parsed, []
    result = copy.deepcopy(parsed)
    applied = []
    for edit in edits[:MAX_EDITS]:
        try:
            _apply(result, edit)
        except EditError:
            continue
        applied.append(edit)
    return result, applied


def _apply(parsed: ParsedMinutes, edit: str) -> None:
    parts = str(edit).split(":")
    try:
        name, numbers = parts[0], [int(p) for p in parts[1:]]
    except ValueError:
        raise EditError(edit) from None
    operations: dict[str, tuple[Callable[..., None], int]] = {
        "split": (_split, 3),
        "join": (_join, 2),
        "to-discussion": (_to_discussion, 2),
        "to-decision": (_to_decision, 2),
    }
    if name not in operations or len(numbers) != operations[name][1]:
        raise EditError(edit)
    item_index = numbers[0]
    if not 0 <= item_index < len(parsed.items):
        raise EditError(edit)
    operations[name][0](parsed.items[item_index], *numbers[1:])


def _resolution(item: Item, index: int) -> Res:
    if not 0 <= index < len(item.resolutions):
        raise EditError(f"no resolution {index}")
    return item.resolutions[index]


def _classified(res: Res) -> Res:
    res.creates_action, res.reason = classify(res.text)
    res.due_phrase = due_phrase(res.text)
    return res


def _split(item: Item, index: int, at: int) -> None:
    res = _resolution(item, index)
    if at not in {offset for offset, _ in split_points(res)}:
        raise EditError(f"not a place to split: {at}")
    first, rest = res.text[:at].strip(), res.text[at:].strip()
    label = LABEL.match(rest)
    second = Res(
        label=label.group("label") if label else "",
        text=norm(label.group("rest") if label else rest),
        lines=(res.lines[1], res.lines[1]),
    )
    res.text = first
    item.resolutions.insert(index + 1, _classified(second))
    _classified(res)


def _join(item: Item, index: int) -> None:
    res, after = _resolution(item, index), _resolution(item, index + 1)
    res.text = norm(f"{res.text} {after.label} {after.text}")
    res.line_numbers = tuple(sorted(set(res.line_numbers) | set(after.line_numbers)))
    firsts = [n for n in (res.lines[0], after.lines[0]) if n]
    res.lines = (min(firsts or [0]), max(res.lines[1], after.lines[1]))
    del item.resolutions[index + 1]
    _classified(res)


def _to_discussion(item: Item, index: int) -> None:
    res = _resolution(item, index)
    del item.resolutions[index]
    item.text_lines = tuple(sorted(set(item.text_lines) | set(res.line_numbers)))
    text = norm(f"{res.label} {res.text}")
    item.paragraphs = _in_order([*item.paragraphs, Paragraph(res.line_numbers, text)])
    item.text = "\n\n".join(p.text for p in item.paragraphs)


def _to_decision(item: Item, index: int) -> None:
    if not 0 <= index < len(item.paragraphs):
        raise EditError(f"no paragraph {index}")
    paragraph = item.paragraphs.pop(index)
    item.text = "\n\n".join(p.text for p in item.paragraphs)
    item.text_lines = tuple(n for n in item.text_lines if n not in paragraph.line_numbers)
    numbers = paragraph.line_numbers
    res = Res(
        label="",
        text=norm(paragraph.text),
        line_numbers=numbers,
        lines=(numbers[0], numbers[-1]) if numbers else (item.lines[1], item.lines[1]),
    )
    item.resolutions.append(_classified(res))
    item.resolutions.sort(key=lambda r: r.lines[0])


def _in_order(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs with lines in the order of their lines; those without (split off a
    resolution's sentence) after them, as read."""
    lined = sorted((p for p in paragraphs if p.line_numbers), key=lambda p: p.line_numbers[0])
    return lined + [p for p in paragraphs if not p.line_numbers]
