"""The third and fourth passes: an item's decision blocks, and the resolutions in them.

Within an item, a decision block starts at a heading ("RESOLVED:", "AGREED:", "It was
RESOLVED that", "The Board RESOLVED to:", "Decision:") and holds what follows it:

* labelled resolutions, the labels continuing one list ((a), (b) ... or 1., 2. ...); a label
  of another kind under one of them ("(i)" under "(a)") is a sub-point of it;
* an unlabelled resolution, or bullets when the block's first entry is a bullet;
* a stem ("That the Board:-") before the list: kept with the heading, not a resolution;
* lines that continue a resolution (a PDF breaks lines mid-sentence).

The block ends at the next item or heading, or at a blank line followed by a paragraph
that is narrative again: one that is not labelled and does not read as a decision, after a
resolution that ended its sentence ("RESOLVED that the report be noted.\\n\\nThe Chair ...").

Two families have no heading on a line of its own:
* the heading inside a sentence ("... and it was RESOLVED that a letter be sent."): the
  line stays in the discussion and the decision is read from it;
* the heading lost (ModernGov pages drop the bold "RESOLVED", leaving the labelled list):
  labelled paragraphs that read as decisions ("That ...", "To note ...") at the end of an
  item with no heading become its decision block.

Inline lists ("that (1) ...; (2) ...; and (3) ...") are split into one resolution a label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Literal

from .classify import classify, due_phrase
from .model import Item, Paragraph, Res
from .patterns import (
    ACTION_LINE,
    BLOCK_TRAILER,
    BODY_AGREED_TO,
    BODY_DECIDED,
    BODY_DECIDED_CAPS,
    BULLET,
    CAPS_VERB_START,
    DECISION_START,
    FIRST_INLINE_LABEL,
    FURNITURE,
    HEADING,
    INLINE_LABEL,
    LABEL,
    LINE_END_HEADING,
    MID_LINE_BODY,
    MID_LINE_HEADING,
    MINUTES_CONFIRMED,
    NUMBERED_HEADING,
    OWNER_TO,
    PARAGRAPH_NUMBER,
    PASSIVE_DECIDED,
    PERSON_AGREED_TO,
    SENTENCE_END,
    STEM,
    label_style,
    label_value,
    norm,
    reads_as_decision,
)

# An owner line names someone, not work: "Action: Chief Executive", "ACTION: RP".
_OWNER_ONLY = re.compile(
    r"^(?:[A-Z]{1,4}(?:\s*[,/&]\s*[A-Z]{1,4})*|[A-Z][\w.'’-]*(?:\s+[\w.'’&()-]+){0,12})\.?$"
)


# The last cell of a flattened table row naming who acts: "... members. / D Ogilvie", "/ JS, KT".
OWNER_CELL = re.compile(
    r"^(?P<body>.*[.;)])\s+/\s+(?P<owner>(?:(?:[A-Z]\.?\s*){1,3}[A-Z][a-z'’-]+|[A-Z]{2,4})"
    r"(?:\s*(?:,|/|&|and)\s*(?:(?:[A-Z]\.?\s*){1,3}[A-Z][a-z'’-]+|[A-Z]{2,4}))*)\s*$"
)


# A decision's own number in a table cell: "184/2017".
_DECISION_NUMBER = re.compile(r"(?:[A-Z]{1,4}/?)?\d{1,4}(?:[/.]\d{1,4}){1,2}")


_BROKEN_HEADING = re.compile(
    r"^\s*(?P<was>was\s+)?(?:(?:unanimously|further|therefore|then)\s+)?"
    r"(?:resolved|agreed|RESOLVED|AGREED)\s*:?\s*(?P<rest>(?:that|to)\b.*)$"
)
_SENTENCE_START = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")


def _owner_sentence(line: str) -> re.Match[str] | None:
    """A sentence inside a line that gives someone work ("Ross Jago to produce ..."), as a
    match whose "rest" is that sentence and what follows it; or None."""
    for found in _SENTENCE_START.finditer(line):
        if OWNER_TO.match(line[found.end() :]):
            return _REST.match(line, found.end())
    return None


_REST = re.compile(r"(?P<rest>.+)", re.DOTALL)


def explicit_decisions(lines: list[str]) -> bool:
    """Whether the minutes state their decisions with a formula (RESOLVED, AGREED, Decision:).
    If not (many NHS boards' minutes), "The Board approved ..." sentences are the decisions."""
    return any(_FORMAL.match(found.group("heading")) for found in map(HEADING.match, lines) if found)


# A decision formula proper, not a sentence that happens to say "It was agreed" or "The Board agreed:".
_FORMAL = re.compile(
    r"\s*(?:It\s+was\s+(?:\w+\s+)?(?:RESOLVED|AGREED)|RESOLVED|Resolved|AGREED|Agreed|RECOMMENDED|"
    r"Recommended|DECISION|Decision|OUTCOME|Outcome|RESOLUTION|Resolution)"
)


def _follows(label: str, previous: str, style: str) -> bool:
    """Whether `label` is the next in a list of `style` after `previous`. The same label again
    counts too: a web page that rendered a numbered list prints "1." before every entry."""
    if label.strip() == previous.strip():
        return True
    if label_style(label, previous) != style:
        return False
    value, before = label_value(label, style), label_value(previous, style)
    return value is None or before is None or value == before + 1


# Where the line above went: into the discussion, a decision heading, unparsed, or a resolution.
_Owner = (
    tuple[Literal["text"]]
    | tuple[Literal["heading"]]
    | tuple[Literal["unparsed"]]
    | tuple[Literal["res"], Res]
)


class ItemReader:
    """Reads one item's body lines (after its number and title lines) into the item."""

    def __init__(
        self, item: Item, lines: list[str], to_unparsed: Callable[[int, str], None], explicit: bool = True
    ):
        self.item = item
        self.explicit = explicit  # the document's decisions have headings (explicit_decisions)
        self.sentence_mode = False  # the resolution is a sentence of the narrative
        self.stem_block = False  # the block opened with a stem ("The Board:"), not a heading
        self.lost_block = False  # the block is decisions whose heading was lost
        self.lines = lines
        self.to_unparsed = to_unparsed  # (n, line): page furniture goes there
        self.kept: list[tuple[int, str]] = []  # discussion lines (with blanks), for item.text
        self.res_parts: dict[int, list[str]] = {}
        self.owner: _Owner = ("text",)  # where the line above went: ("text",), ("heading",), ("res", r)
        self.in_decision = False
        self.res: Res | None = None
        self.top_style = ""  # the style of the block's first label
        self.last_label = ""
        self.after_blank = False
        self.forced: dict[int, str] = {}  # id(res) -> why it is an action whatever its words
        self.furniture: frozenset[int] = frozenset()  # running headers' line numbers (normalise.py)
        self.pending_label = ""  # a decision number in a table cell of its own, for the next decision

    # Where lines go -------------------------------------------------------------------

    def to_text(self, n: int, line: str) -> None:
        self.item.text_lines += (n,)
        self.kept.append((n, line))
        self.owner = ("text",)

    def to_heading(self, n: int) -> None:
        self.item.heading_lines += (n,)
        self.owner = ("heading",)

    def to_res(self, n: int, res: Res, line: str) -> None:
        res.line_numbers += (n,)
        res.lines = (res.line_numbers[0], n)
        self.res_parts[id(res)].append(line)
        self.owner = ("res", res)

    def start_res(self, n: int, label: str, rest: str) -> Res:
        if not label and self.pending_label:
            label, self.pending_label = self.pending_label, ""
            res = Res(label=label, text="")
            self.res_parts[id(res)] = []
            self.item.resolutions.append(res)
            self.to_res(n, res, rest)
            self.res = res
            return res  # a decision number, not a label in a list
        res = Res(label=label, text="")
        self.res_parts[id(res)] = []
        self.item.resolutions.append(res)
        self.to_res(n, res, rest)
        self.res = res
        if label:
            self.top_style = self.top_style or label_style(label)
            self.last_label = label
        return res

    def text_of(self, res: Res) -> str:
        # A web page's table copied as text ends its cells with " |": a border, not words.
        return norm(" ".join(part.rstrip(" |") for part in self.res_parts[id(res)]))

    # Reading --------------------------------------------------------------------------

    def read(self, numbers: Iterable[int]) -> None:
        for n in numbers:
            self.line(n, self.lines[n - 1])
        self.heading_lost()
        self.finish()

    def open_block(self) -> None:
        self.in_decision, self.res, self.top_style, self.last_label = True, None, "", ""
        self.sentence_mode = self.stem_block = False

    def line(self, n: int, line: str) -> None:
        cell = OWNER_CELL.match(line) if " / " in line else None
        if cell:
            self.owner_cell(n, cell.group("body"), cell.group("owner"))
            return
        if line.rstrip().endswith("|"):
            self.table_cell(n, line)
            return
        self.plain_line(n, line)

    def table_cell(self, n: int, line: str) -> None:
        """A web page's table copied as text: each cell ends with " |". A decision's cell ends
        the decision; a cell holding only a number numbers the decision after it
        ("184/2017 |" then "The Cabinet agreed to ... |")."""
        text = line.rstrip()[:-1].rstrip()
        if self.in_decision and _DECISION_NUMBER.fullmatch(text.strip()):
            self.pending_label = text.strip()
            self.to_heading(n)
            return
        self.plain_line(n, text)
        if self.in_decision and self.owner[0] == "res":
            self.res = None
            self.sentence_mode = False

    def plain_line(self, n: int, line: str) -> None:
        stripped = line.strip()
        item = self.item
        if not stripped:  # a blank line goes with the line above
            item.lines = (item.lines[0], max(item.lines[1], n))
            self.after_blank = True
            if self.owner == ("heading",):
                self.to_heading(n)
            elif self.owner == ("unparsed",):
                self.to_unparsed(n, line)
            elif self.owner[0] == "res":
                self.to_res(n, self.owner[1], line)
            else:
                self.to_text(n, line)
            return
        after_blank, self.after_blank = self.after_blank, False
        if FURNITURE.fullmatch(stripped) or n in self.furniture:
            self.to_unparsed(n, line)
            self.owner = ("unparsed",)
            return
        item.lines = (item.lines[0], max(item.lines[1], n))
        if self.sentence_mode and self.res is not None and self.ended(self.res):
            self.in_decision, self.res, self.sentence_mode = False, None, False
        numbered = PARAGRAPH_NUMBER.match(line) or NUMBERED_HEADING.match(line)
        if numbered and not self.in_decision:
            line = line[numbered.end() :]  # "5.3. The Board:" reads as "The Board:"
        if self.in_decision and self.stem_block and CAPS_VERB_START.match(line):
            # "The Governing Body:" then "NOTED ...;" "APPROVED ...;": one decision a verb.
            self.start_res(n, "", line)
            return
        heading = HEADING.match(line)
        if heading:
            self.open_block()
            item.heading = item.heading or norm(heading.group("heading"))
            rest = heading.group("rest").strip().lstrip("-–—:,; ").strip()
            if not rest or STEM.match(rest) or (len(rest) < 60 and rest.endswith((":", ":-", "-", "–", "—"))):
                self.to_heading(n)
                return
            inline = FIRST_INLINE_LABEL.match(rest)
            if inline:
                self.start_res(n, inline.group("label"), inline.group("rest"))
            else:
                self.start_res(n, "", rest)  # the first resolution starts on the heading's line
            return
        action = ACTION_LINE.match(line)
        if action:
            self.action_line(n, line, action.group("rest"))
            return
        if self.in_decision and BLOCK_TRAILER.match(line):
            self.in_decision, self.res, self.sentence_mode = False, None, False
        if not self.in_decision:
            self.narrative(n, line, after_blank)
            return
        found = LABEL.match(line)
        if found and (not self.last_label or _follows(found.group("label"), self.last_label, self.top_style)):
            self.start_res(n, found.group("label"), found.group("rest"))
            return
        if after_blank and not self.lost_block and self.narrative_again(line, found):
            self.in_decision, self.res = False, None
            self.to_text(n, line)
            return
        bullet = BULLET.match(line)
        if bullet and not self.top_style and (self.res is None or not self.res.label):
            self.start_res(n, "", bullet.group("rest"))
            return
        if self.res is None:
            if STEM.match(line):
                self.to_heading(n)  # "That the Board:-" before its list
                return
            inline = FIRST_INLINE_LABEL.match(line)  # "that (1) ..." under its heading
            if inline:
                self.start_res(n, inline.group("label"), inline.group("rest"))
            else:
                self.start_res(n, "", line)  # a single unlabelled resolution
            return
        self.to_res(n, self.res, line)  # a PDF line break, a sub-point or a bullet inside it

    def narrative(self, n: int, line: str, after_blank: bool) -> None:
        """A line outside any decision block: discussion, or a decision stated in it."""
        item = self.item
        if STEM.match(line) and self.next_is_label(n):
            # "The Board:" then "a) noted ..." or "NOTED ...": the stem of a block with no heading.
            self.open_block()
            self.stem_block = True
            item.heading = item.heading or norm(line)
            self.to_heading(n)
            return
        lettered = LABEL.match(line)
        if lettered and self.decided(lettered.group("rest")):
            # "c. The Board agreed that ...": a lettered paragraph that is a decision.
            self.open_block()
            self.sentence_mode = True
            self.start_res(n, lettered.group("label"), lettered.group("rest"))
            return
        end_heading = LINE_END_HEADING.match(line)
        if end_heading and not LABEL.match(line):
            # "... the Integration Joint Board agreed:-": the line is discussion; a block opens.
            self.to_text(n, line)
            self.open_block()
            item.heading = item.heading or norm(end_heading.group("heading"))
            return
        mid = MID_LINE_HEADING.match(line)
        if mid and not LABEL.match(line):
            # "... all in favour: it was resolved that ...": the line stays in the discussion;
            # the decision read from it ends with its sentence, or goes on to the next lines.
            item.heading = item.heading or norm(mid.group("heading"))
            self.decision_inside(n, line, mid.group("rest"))
            return
        body = MID_LINE_BODY.match(line) or _owner_sentence(line) or self.heading_broken(n, line)
        if body:
            # "... to Appendix A. The Committee agreed that ...", "... plans? Ross Jago to produce
            # a paragraph ...": the decision read from inside the line.
            self.decision_inside(n, line, body.group("rest"))
            return
        starts_paragraph = after_blank or self.owner != ("text",) or self.previous_ended()
        decided = (
            BODY_AGREED_TO.match(line)
            or MINUTES_CONFIRMED.match(line)
            or OWNER_TO.match(line)
            or BODY_DECIDED_CAPS.match(line)
            or PERSON_AGREED_TO.match(line)
            or (not self.explicit and (BODY_DECIDED.match(line) or PASSIVE_DECIDED.match(line)))
            or (
                not self.item.resolutions
                and re.match(r"\s*That\s+(?:the|a|an|this|[A-Z])", line)
                and reads_as_decision(line)
            )
        )
        if decided and starts_paragraph:
            self.open_block()
            self.sentence_mode = True
            self.start_res(n, "", line)
            return
        self.to_text(n, line)

    def decision_inside(self, n: int, line: str, rest: str) -> None:
        """A decision read from inside a line that stays in the discussion: it ends with its
        sentence, or goes on to the next lines."""
        self.to_text(n, line)
        cut = SENTENCE_END.search(rest)
        res = Res(label="", text="", lines=(n, n))
        self.res_parts[id(res)] = [rest[: cut.start() + 1] if cut else rest]
        self.item.resolutions.append(res)
        if cut is None:
            self.in_decision, self.res, self.sentence_mode = True, res, True

    def heading_broken(self, n: int, line: str) -> re.Match[str] | None:
        """ "... and it" then "was resolved that the request be declined ...": a decision whose
        heading a line break cut in two (the line above stays discussion)."""
        found = _BROKEN_HEADING.match(line)
        if not found:
            return None
        above = next((self.lines[m - 1] for m in range(n - 1, 0, -1) if self.lines[m - 1].strip()), "")
        cut = r"\b[Ii]t\s*$" if found.group("was") else r"\b[Ii]t\s+was\s*$"
        return found if re.search(cut, above) else None

    def decided(self, text: str) -> bool:
        """A sentence that states a decision (not a label's discussion point)."""
        return bool(
            BODY_AGREED_TO.match(text)
            or MINUTES_CONFIRMED.match(text)
            or BODY_DECIDED_CAPS.match(text)
            or re.match(
                r"\s*It\s+was\s+(?:(?:unanimously|therefore|further|then)\s+)?"
                r"(?:RESOLVED|resolved|AGREED|agreed)\b",
                text,
            )
            or (not self.explicit and BODY_DECIDED.match(text))
        )

    def next_is_label(self, n: int) -> bool:
        """Whether a list of decisions follows: labels, verbs in capitals, or bullets of them."""
        for line in self.lines[n : n + 3]:
            if line.strip():
                bullet = BULLET.match(line)
                rest = bullet.group("rest") if bullet else ""
                return bool(
                    LABEL.match(line)
                    or CAPS_VERB_START.match(line)
                    or (bullet and (CAPS_VERB_START.match(rest) or reads_as_decision(rest)))
                )
        return False

    def previous_ended(self) -> bool:
        """Whether the discussion line above ended its sentence (so this line starts one),
        or was a heading of its own ("a) Approval of Minutes")."""
        for _, line in reversed(self.kept):
            if line.strip():
                text = line.strip()
                return (
                    text.endswith((".", ":", "!", "?", "”", '"'))
                    or bool(LABEL.match(line))
                    or (len(text) < 70 and text[:1].isupper() and not text.endswith((",", ";")))
                )
        return True

    def ended(self, res: Res) -> bool:
        return self.text_of(res).rstrip().endswith((".", "!", "?"))

    def action_line(self, n: int, line: str, rest: str) -> None:
        """ "Action: X to do Y" is a decision of its own; "Action: Chief Executive" names
        who does what the sentence above it says."""
        if not _OWNER_ONLY.match(rest) or OWNER_TO.match(rest) or " to " in f" {rest} ":
            self.open_block()
            res = self.start_res(n, "", rest)
            self.sentence_mode = True  # it may go on to the next line
            self.forced[id(res)] = f"the minutes give it as an action: '{norm(rest)[:60]}'"
            return
        target = self.res if self.owner[0] == "res" or self.res is not None and self.in_decision else None
        if target is None:
            target = self.resolution_above(n) or self.take_last_sentence()
        if target is None:
            self.to_text(n, line)
            return
        self.to_res(n, target, "")
        self.forced[id(target)] = f"the minutes name who does it: {norm(rest)[:60]}"
        self.in_decision, self.res, self.sentence_mode = False, None, False

    def owner_cell(self, n: int, body: str, owner: str) -> None:
        """A table flattened with " / " between its cells, whose last cell names who acts
        ("... to all Board members. / D Ogilvie"): the row is an action, and ends there."""
        self.line(n, body)
        target = self.owner[1] if self.owner[0] == "res" else None
        if target is None and self.owner == ("text",) and self.kept and self.kept[-1][0] == n:
            target = self.take_last_sentence()
        if target is not None:
            self.forced[id(target)] = f"the minutes name who does it: {norm(owner)}"
            self.in_decision, self.res, self.sentence_mode = False, None, False

    def resolution_above(self, n: int) -> Res | None:
        """The resolution read from the last line with text above line `n`, if any."""
        above = next((m for m in range(n - 1, 0, -1) if self.lines[m - 1].strip()), None)
        for res in reversed(self.item.resolutions):
            if above is not None and (res.lines[1] == above or above in res.line_numbers):
                return res
        return None

    def take_last_sentence(self) -> Res | None:
        """The discussion lines since the last sentence ended, made a resolution."""
        taken: list[tuple[int, str]] = []
        for n, line in reversed(self.kept):
            if not line.strip():
                if taken:
                    break
                continue
            if taken and line.rstrip().endswith((".", ":", "!", "?")):
                break
            taken.append((n, line))
        if not taken:
            return None
        numbers = {n for n, _ in taken}
        self.kept = [(n, line) for n, line in self.kept if n not in numbers]
        self.item.text_lines = tuple(n for n in self.item.text_lines if n not in numbers)
        res = Res(label="", text="")
        self.res_parts[id(res)] = []
        for n, line in reversed(taken):
            self.to_res(n, res, line)
        self.item.resolutions.append(res)
        self.item.resolutions.sort(key=lambda r: r.lines[0])
        return res

    def narrative_again(self, line: str, found: re.Match[str] | None) -> bool:
        """After a blank line inside a block: a paragraph that is not the block's."""
        if found is not None or self.res is None:
            return False
        ended = self.text_of(self.res).rstrip().endswith((".", "!", "?", "”", '"'))
        if not ended or DECISION_START.match(line) or BULLET.match(line):
            return False
        return not (self.res.label == "" and not self.top_style and line.lstrip()[:1].islower())

    # The heading lost ------------------------------------------------------------------

    def heading_lost(self) -> None:
        """Labelled decisions left in the discussion at the end of an item (the page lost
        their heading, or printed them under sub-headings after the block): its block."""
        item = self.item
        after = max((max(r.line_numbers or r.lines) for r in item.resolutions), default=0)
        body = [(n, line) for n, line in self.kept if line.strip() and n > after]
        runs: list[list[tuple[int, str]]] = []
        run: list[tuple[int, str]] = []
        for n, line in body:
            found = LABEL.match(line)
            if not found:
                continue
            label = found.group("label")
            decision = reads_as_decision(found.group("rest")) or not found.group("rest").strip()
            if run and decision and _follows(label, run[-1][1], label_style(run[0][1])):
                run.append((n, label))
            else:
                if run:
                    runs.append(run)
                run = [(n, label)] if decision else []
        if run:
            runs.append(run)
        if not runs or len(runs[-1]) < 2:
            return
        first, last = runs[-1][0][0], runs[-1][-1][0]
        # After the last of them, nothing but their own lines: a paragraph of narrative
        # after a blank line means the list was discussion, unless every entry is a
        # resolution's "That ..." (then what follows is the minute's trailer).
        firm = all(re.match(r"\s*(?:[Tt]hat|To)\b", _label_rest(self.lines[n - 1])) for n, _ in runs[-1])
        blank = False
        for n, line in self.kept:
            if n <= last or firm:
                continue
            if not line.strip():
                blank = True
            elif blank and not reads_as_decision(line):
                return
        moved = [(n, line) for n, line in self.kept if n >= first]
        self.kept = [(n, line) for n, line in self.kept if n < first]
        item.text_lines = tuple(n for n in item.text_lines if n < first)
        self.owner = ("text",)
        self.open_block()
        self.lost_block = True
        for n, line in moved:
            if not LABEL.match(line) and line.strip() and self.res is not None and self.after_blank:
                self.after_blank = False
                self.to_text(n, line)  # a sub-heading between the decisions stays discussion
                continue
            self.line(n, line)

    # Joining ---------------------------------------------------------------------------

    def finish(self) -> None:
        item = self.item
        after = []
        resolutions = []
        for res in item.resolutions:
            text = self.text_of(res)
            owned = []
            if not res.label:
                text, rest = first_sentence(text)
                if rest and OWNER_TO.match(rest):
                    # "... be declined. ES to inform the applicant.": work given after the decision.
                    owned.append(Res(label="", text=rest, lines=(res.lines[1], res.lines[1])))
                elif rest:
                    after.append(rest)  # narrative that followed in the same paragraph: kept
            resolutions += split_inline(res, text) + owned
        item.resolutions = resolutions
        item.paragraphs = paragraphs(self.kept) + [
            Paragraph((), norm(rest)) for rest in after if rest.strip()
        ]
        item.text = "\n\n".join(p.text for p in item.paragraphs)
        for res in item.resolutions:
            res.creates_action, res.reason = classify(res.text)
            if id(res) in self.forced:
                res.creates_action, res.reason = True, self.forced[id(res)]
            res.due_phrase = due_phrase(res.text)


def first_sentence(text: str) -> tuple[str, str]:
    """An unlabelled resolution's own sentence, and narrative run on after it in the same
    paragraph ("That the minutes be signed. The Chair then reported ..."), if any."""
    cut = SENTENCE_END.search(text)
    if not cut:
        return text, ""
    rest = text[cut.end() :]
    if OWNER_TO.match(rest):
        return text[: cut.start() + 1], rest
    if reads_as_decision(rest) or re.match(
        r"\s*(?:and|or|but|Proposed|Seconded|Carried|All\s+in\s+favour|"
        r"Unanimous|\(Proposed|\(Seconded)\b",
        rest,
    ):
        return text, ""
    return text[: cut.start() + 1], rest


def split_inline(res: Res, text: str) -> list[Res]:
    """ "(1) A; (2) B; and (3) C" in one resolution: one resolution a label, when the
    labels continue each other."""
    res.text = text
    pieces = INLINE_LABEL.split(text)
    if len(pieces) < 3:
        return [res]
    previous = res.label
    if not previous:
        return [res]
    style = label_style(previous)
    out, current = [], res
    current.text = pieces[0].strip()
    for label, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if _follows(label, previous, style):
            current = Res(label=label, text=piece.strip(), lines=(res.lines[1], res.lines[1]))
            out.append(current)
            previous = label
        else:
            current.text = f"{current.text} {label} {piece}".strip()
    return [res, *out]


def paragraphs(kept: list[tuple[int, str]]) -> list[Paragraph]:
    """Discussion lines to paragraphs, each with its lines: a blank line ends a paragraph, a
    bullet starts a new line, anything else continues the line above (a PDF line break
    mid-sentence)."""
    out: list[Paragraph] = []
    current: list[str] = []
    numbers: list[int] = []
    for n, part in kept:
        bullet = BULLET.match(part)
        if not part.strip():
            if current:
                out.append(Paragraph(tuple(numbers), "\n".join(current)))
                current, numbers = [], []
            continue
        numbers.append(n)
        if bullet and bullet.group("rest").strip():
            current.append("- " + norm(bullet.group("rest")))
        elif current:
            current[-1] = current[-1] + " " + norm(part)
        else:
            current.append(norm(part))
    if current:
        out.append(Paragraph(tuple(numbers), "\n".join(current)))
    return [p for p in out if p.text]


def join_text(parts: list[str]) -> str:
    """Discussion lines as the item's text: its paragraphs, split by a blank line."""
    return "\n\n".join(p.text for p in paragraphs(list(enumerate(parts))))


def _label_rest(line: str) -> str:
    """What follows a labelled line's label ("(a) That ..." -> "That ..."); "" for any other line."""
    found = LABEL.match(line)
    return found.group("rest") if found else ""
