"""What the lines of minutes look like: item numbers, decision headings, labels, bullets and
page furniture, as the families of real papers print them (tests/fidelity/README.md)."""

from __future__ import annotations

import re

from .classify import MONTH, ROLE_OF

# A minute's number at the start of a line, with its title on the line or alone:
# "326. Title", "337/18 Title", "2786/12 Item 1 Title", "12.1 Title", "HWB.05.04.2016/6 Title",
# "01/25/01 – Title", "FC/91/13 Title", "TB23/045 Title", "GBP/2122/214", "ICB 24/105",
# "Min 24/113 Title", "Minute 12 Title", "Item 7: Title", "8 Title pdf icon PDF 133 KB", "1." alone.
ITEM = re.compile(
    r"^\s*(?P<word>(?:Min(?:ute)?s?|MIN(?:UTE)?S?|Item|ITEM|Agenda\s+[Ii]tem|AGENDA\s+ITEM)\.?\s*(?:No\.?\s*)?)?"
    r"(?P<code>"
    # 326, 337/18, TB23/045, Cou/285/07-08, F01:04/24, 5a
    r"(?:[A-Z][A-Za-z]{0,5}[/. ]?)?\d{1,5}(?:[/.:-]\d{1,4}){0,4}(?P<suffix>[a-z](?![a-z]))?"
    r"|(?P<roman>[IVXL]{1,6})(?=[.)]|\s+[A-Z][A-Z])"  # I, II, IV (with a stop, or before CAPITALS)
    r")"
    r"(?P<stop>[.:)]?)"
    # the title ("2786/12 Item 1" dropped)
    r"(?:(?:\s+Item\s+\d+\b)?(?:\s*[-–—:/|]\s*|\s+)(?P<title>[^\s/|].*?))?(?:\s+/)?\s*$"
)
# A ModernGov item page gives the number after the title: "Strategy Update (HWB.05.04.2016/6)".
ITEM_TRAILING = re.compile(
    r"^\s*(?P<title>[A-Z‘'\"“].{2,150}?)\s*\((?P<code>[A-Z]{1,6}\.\d{1,2}\.\d{1,2}\.\d{2,4}/\d{1,3}"
    r"|[A-Z]{1,6}/?\d{1,4}(?:[/.-]\d{1,4}){1,3}|(?:Minute|Min\.?|Item)\s+\d{1,4}(?:/\d{1,4})?)\)\s*$"
)
# Titles that are not titles: what a resolution or a sentence starts with.
NOT_A_TITLE = re.compile(
    r"^(?:[Tt]hat\b|and\b|or\b|the\s|of\s|in\s|[a-z]|pm\b|am\b|%|per\s?cent|"
    r"\d|[-–—,;:.)|/*=+])"
)
# An agenda-and-minutes page whose item numbers were lost: its items are known by their titles.
NUMBERLESS_PAGE = re.compile(
    r"^\s*(?:No\.?\s*\|?\s*Item\b|Agenda\s+and\s+(?:draft\s+)?minutes\b)", re.IGNORECASE
)
# "APOLOGIES Additional documents: Minutes: ..." (a table row flattened): a title in capitals
# running into the page's furniture.
CAPS_TITLE_RUN_IN = re.compile(
    r"^\s*(?P<title>[A-Z][A-Z0-9,&'’()/:–-]*[A-Z0-9)](?:\s+[A-Z0-9,&'’()/:–-]+)*?)\s+"
    r"(?=[A-Z][a-z]|Additional\s+documents:|Minutes:)(?=.{0,400}?(?:Additional\s+documents:|Minutes:))"
)
# Furniture after a title on an issue page ("8 Title pdf icon PDF 133 KB").
TITLE_FURNITURE = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+\d+\s*[KM]B\s*$", re.IGNORECASE)

# Decision headings. Group "rest" is any text after the heading on the same line.
_BODY = (
    r"(?:Board|Committee|Sub-Committee|Panel|Cabinet|Council|Authority|IJB|Integration\s+Joint\s+Board|"
    r"Governing\s+Body|Trust\s+Board|Executive|Forum|Group|Partnership|Members?)"
)
HEADING = re.compile(
    r"^\s*(?P<heading>"
    r"It\s+was\s+(?:(?:unanimously|further|therefore|also|then)\s+)?(?:RESOLVED|[Rr]esolved|AGREED|[Aa]greed)(?:\s*:-?|\s*[-–]|\s+(?=that\b|to\b)|\s*$)"
    r"|(?:RESOLVED|Resolved)\s*(?:UNANIMOUSLY|unanimously)?\s*[-–—]\s*(?=[Tt]hat\b|\(|[A-Z0-9])"
    r"|RESOLVED\b\s*(?:UNANIMOUSLY\b\s*)?(?::-|[:\-–—.])?"
    r"|Resolved\s*(?::-|:|[-–—]|\s+(?=that\b|to\b|[Tt]hat\s)|$)"
    r"|AGREED\b\s*(?::-|[:\-–—.])?|Agreed\s*(?::-|:|[-–—]|\s+(?=that\b|to\b)|$)"
    r"|RECOMMENDED\b\s*(?::-|[:\-–—.])?|Recommended\s*(?::-|:|\s+(?=that\b|to\b))"
    r"|The\s+" + _BODY + r"\s+(?:RESOLVED|[Rr]esolved|AGREED|[Aa]greed)(?:\s+(?:to|that))?(?:\s*:-?|\s*$)"
    r"|(?:DECISIONS?|Decisions?|OUTCOME|Outcome|RESOLUTIONS?|Resolutions?)\s*(?::-|:)|DECISIONS?\s*$"
    r")(?P<rest>.*)$"
)
# "The Board:" / "That the Committee:-" / "RESOLVED that the Panel:" before a list of
# resolutions: a stem, not a resolution itself.
STEM = re.compile(
    r"^\s*(?:[Tt]hat\s+)?(?:[Tt]he\s+)?(?:" + _BODY + r"|Members?)\b.{0,60}?:-?\s*$|^.{0,80}:-\s*$"
)
# A paragraph number inside a minute ("5.3. The Board:"), read past to see what the line is.
PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3}){1,2}\.?\s+(?=\S)")

# Labels: (a) a) a. (i) i) 1. 1) (1) (A) A. (aa), with what follows. Group c1 or c2 is the core.
LABEL = re.compile(
    r"^\s*(?P<label>\((?P<c1>[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z]{1,2})\)"
    r"|(?P<c2>[a-z]|[ivxlc]{1,6}|\d{1,3}|[A-Z])[.)](?=\s|$))\s*(?P<rest>.*)$"  # not "i.e."
)
# A label inside a paragraph: "that (1) ...; (2) ...; and (3) ..." (split at "; (2)").
INLINE_LABEL = re.compile(
    r"(?:(?<=[;,:.])|(?<=\band)|(?<=\bor))\s+(?P<label>\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z])\))\s+"
)
FIRST_INLINE_LABEL = re.compile(
    r"^\s*(?:(?:[Tt]hat|[Tt]o)[\s,:-]+)?(?:(?:the\s+)?[A-Z][\w']*(?:\s+[A-Z][\w']*){0,4}\s+(?=\((?:1|a|i|A)\)))?"
    r"(?P<label>\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z])\))\s+(?P<rest>.+)$"
)
# Bullets: a dash needs a space after it ("-2022" is not a bullet).
BULLET = re.compile(r"^\s*(?:[•·▪●◦■□➢►\uf0b7\uf0a7*]|[-–](?=\s)|o(?=\s{2,}|\t))\s*(?P<rest>.*)$")
# Page furniture, matched against the whole stripped line.
FURNITURE = re.compile(
    r"(?:Agenda\s+Item\s+\w+|Page\s+\d+(?:\s+of\s+\d+)?|-?\s*\d{1,3}\s*-?"  # "- 3 -", "12"
    r"|Chair(?:man|person|woman)?:?\s*\.*|CHAIR(?:MAN|PERSON)?"  # the signature block ...
    r"|Signed:?\s*(?:[._]{3,}\s*)?(?:\(?Chair(?:man|person)?\)?)?\s*[._]{3,}|Signed:?\s*\(?Chair(?:man|person)?\)?"
    r"|Date:?\s*[._]{3,}|[._]{5,}"
    r"|Minute\s+Book|(?:Supporting|Additional|Background)\s+documents?:?|Minutes:"
    r"|Agenda\s+item|Agenda\s+and\s+(?:draft\s+)?minutes|Issue\s+-\s+meetings|No\.\s+Item|Items?"
    r"|View\s+directions|Contact:.{0,120}|Venue:.{0,200}|image|Publication|Printed\s+minutes|Link\s+to\s+.{0,60}"
    r"|\d{1,2}[.:]\d{2}\s*(?:[ap]m)?\s*[-–]\s*\d{1,2}[.:]\d{2}\s*[ap]m"  # ... 2.00 - 3.55 pm
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH + r"\s+\d{4})",  # ... 17 November 2016
    re.IGNORECASE,
)
# An issue page's line naming the meeting: "Meeting: 17/06/2021 - Health and Wellbeing Board (Item 8)".
ISSUE_MEETING = re.compile(r"^\s*Meeting:\s*\d{1,2}/\d{1,2}/\d{2,4}\s*-\s*.+\(Item\s+(?P<item>[\w./]+)\)\s*$")

# What a decision reads like: the start of a resolution's text.
DECISION_START = re.compile(
    r"^\s*(?:[Tt]hat\b|[Tt]o\s+[a-z]|[Nn]oted\b|[Aa]greed\b|[Aa]pproved\b|[Ee]ndorsed\b|[Rr]eceived\b|"
    r"[Ss]upported\b|[Rr]ecommended\b|[Rr]equested\b|[Dd]elegated\b|[Rr]atified\b|[Aa]ccepted\b|"
    r"[Cc]onfirmed\b|[Ww]elcomed\b|[Aa]dopted\b|[Tt]ook\s+assurance\b|[Cc]ommented\b|"
    r"[Ii]t\s+be\b|[Aa]ll\b.*\bbe\b|the\s+\w+(?:\s+\w+){0,6}\s+be\s+\w+ed\b|"
    r"(?:the|The)\s+" + _BODY + r"\s+(?:note[sd]?|agree[sd]?|approve[sd]?|endorse[sd]?|receive[sd]?|"
    r"support(?:s|ed)?|request(?:s|ed)?|ask(?:s|ed)?|welcome[sd]?|ratif(?:y|ies|ied)|accept(?:s|ed)?)\b)"
)


# What a decision reads like anywhere in its first sentence: "... be noted;", "... be approved".
_DONE_TO = (
    r"noted|approved|agreed|endorsed|received|supported|adopted|accepted|welcomed|ratified|confirmed|"
    r"submitted|circulated|reported|prepared|developed|established|arranged|scheduled|added|"
    r"considered|reviewed|presented|referred|delegated|authorised|recommended|requested|asked|"
    r"invited|sent|published|made|given|brought|included|undertaken|commissioned|produced"
)
DECISION_BE = re.compile(
    r"\b(?:be|are|is)\s+(?:(?:now|further|formally|also|hereby)\s+)?(?:" + _DONE_TO + r")\b"
)


def reads_as_decision(text: str) -> bool:
    """A resolution's text, as opposed to a point of discussion."""
    first = re.split(r"(?<=[.;])\s", text.strip(), maxsplit=1)[0]
    return bool(DECISION_START.match(text) or DECISION_BE.search(first))


def norm(text: str) -> str:
    return " ".join(text.split())


def label_core(label: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", label)


def label_style(label: str, previous: str = "") -> str:
    """The kind of a label: "1", "A", "a" (letter) or "i" (roman numeral). A lone i, v, x,
    l or c is a letter when it follows the letter before it ("(h)" then "(i)") or opens the
    list (other than "i"), and a roman numeral otherwise ("(a)" then "(i)")."""
    core, previous = label_core(label), label_core(previous)
    if core.isdigit():
        return "1"
    if core.isupper():
        return "A"
    if not re.fullmatch(r"[ivxlc]+", core):
        return "a"
    if len(core) == 1 and len(previous) == 1 and previous.islower():
        return "a" if ord(core) == ord(previous) + 1 else "i"
    return "a" if (len(core) == 1 and not previous and core != "i") else "i"


def label_value(label: str, style: str) -> int | None:
    """The position a label stands for in its list: (c) 3, (iv) 4, (aa) 27, 12. 12."""
    core = label_core(label)
    if style == "1":
        return int(core) if core.isdigit() else None
    if style == "i":
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
        total, last = 0, 0
        for char in reversed(core.lower()):
            value = values.get(char, 0)
            total, last = (total - value, last) if value < last else (total + value, value)
        return total or None
    if style in ("a", "A") and core.isalpha():
        core = core.lower()
        return (ord(core[0]) - 96) if len(core) == 1 else 26 * (ord(core[0]) - 96) + (ord(core[1]) - 96)
    return None


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(text: str) -> int | None:
    total, last = 0, 0
    for char in reversed(text.upper()):
        value = _ROMAN.get(char)
        if value is None:
            return None
        total, last = (total - value, last) if value < last else (total + value, value)
    return total or None


# An action's owner line: "Action: Chief Executive", "ACTION: RP", "Action: Clerk to write ..."
# ("Action PHW 9.8 – ..." is a tracker's reference, not one).
ACTION_LINE = re.compile(r"^\s*(?:ACTIONS?|Actions?)\s*(?::|-|–|—)\s*(?P<rest>\S.*?)\s*$")
# Work given to someone, as a line of its own: "Clerk to write to ...", "JS to circulate ...".
_ROLE_OF = ROLE_OF
# A person named in full ("Ross Jago", "Dr A Petrie") and a verb of work after "X to ...".
# Not "The Board", "Joint Waste Team": a body is not a person (and an agenda's "The Board to
# consider ..." is not work).
PERSON = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Cllr|Councillor)\.?\s+)?"
    r"(?!(?:The|This|That|A|An|All|Each|Every|Members?|Officers?|Joint)\b)[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}"
    r"(?<!Board)(?<!Team)(?<!Committee)(?<!Group)(?<!Council)(?<!Panel)(?<!Service)(?<!Partnership)(?<!Trust)"
)
WORK_VERB = (
    r"(?:produce|prepare|write|circulate|send|provide|report|bring|present|arrange|organise|contact|"
    r"liaise|update|review|draft|share|confirm|check|investigate|explore|follow|meet|invite|"
    r"ask|seek|obtain|develop|set\s+up|establish|discuss|raise|look|consider|feed|forward|chase)"
)
OWNER_TO = re.compile(
    r"^\s*(?:The\s+|the\s+)?(?:Clerk|Chair(?:man|person)?|Vice[- ]Chair|Officers?|Secretary|"
    r"(?:Cllrs?|Councillors?)\s+[A-Z][\w.'-]*(?:\s+(?:and|&)\s+[A-Z][\w.'-]*)?|[A-Z]{2,4}|"
    r"(?:Chief\s+)?(?:Executive|Director|Officer|Nurse|Manager|Lead)(?:\s+(?:of|for)\s+" + _ROLE_OF + r")?)"
    r"\s+to\s+(?!be\b|the\b|a\b|all\b|date\b)[a-z]{3,}"
    # ... or people named in full, with a verb of work: "Carole Burgoyne and Ross Jago to produce ..."
    r"|^\s*" + PERSON + r"(?:\s*(?:,|and|&)\s*" + PERSON + r"){0,3}\s+to\s+" + WORK_VERB + r"\b"
)
# The board stated as the subject of its decision: "The Board approved the minutes ...",
# "The IJB agreed to note ...", "The Board NOTED the report."
_VERBS_DONE = (
    r"(?:RESOLVED|NOTED|APPROVED|AGREED|RECEIVED|ENDORSED|RATIFIED|SUPPORTED|ACCEPTED|CONFIRMED|"
    r"resolved|agreed|approved|endorsed|ratified|received|noted|supported|accepted|confirmed|"
    r"asked|requested|delegated|recommended|took\s+assurance|TOOK\s+ASSURANCE)"
)
_SUBJECT = r"(?:(?:The|the)\s+" + _BODY + r"|Cabinet|Council|Members)"
BODY_DECIDED = re.compile(
    r"^\s*"
    + _SUBJECT
    + r"\s+(?:(?:formally|then|also|unanimously|further|therefore)\s+)?"
    + _VERBS_DONE
    + r"\b(?!\s*:)"
)
# The same in capitals ("The Governing Body NOTED ..."): a decision in any minutes.
_CAPS_DONE = (
    r"(?:RESOLVED|NOTED|APPROVED|AGREED|RECEIVED|ENDORSED|RATIFIED|SUPPORTED|ACCEPTED|CONFIRMED|"
    r"TOOK\s+ASSURANCE|DELEGATED|RECOMMENDED)"
)
BODY_DECIDED_CAPS = re.compile(
    r"^\s*"
    + _SUBJECT
    + r"\s+(?:(?:formally|then|also|unanimously|further|therefore)\s+)?"
    + _CAPS_DONE
    + r"\b(?!\s*:)"
)
# Under a stem ("The Governing Body:"), a line starting with a verb in capitals is a decision.
CAPS_VERB_START = re.compile(r"^\s*" + _CAPS_DONE + r"\b(?!\s*:?\s*$)")
# "... pointed Members to Appendix A. The Committee agreed that ...": a decision mid-line.
MID_LINE_BODY = re.compile(
    r"(?P<before>.*?[.;:!?])\s+(?P<rest>(?:The|the)\s+"
    + _BODY
    + r"\s+(?:(?:then|also|unanimously|further)\s+)?"
    r"(?:agreed|resolved|AGREED|RESOLVED)\s+(?:that|to)\b.+)$"
)
# What ends a decision block: a council's trailer after its decisions.
BLOCK_TRAILER = re.compile(
    r"^\s*(?:Reasons?\s+for\s+(?:the\s+)?[Dd]ecisions?|Reasons?\s*:|Alternative\s+options?\s+considered|"
    r"Record\s+of\s+any\s+conflict|Note\s+of\s+dispensation|Voting:|Proposed\s+by\b|Seconded\s+by\b|"
    r"Options?\s+considered|Wards?\s+affected|The\s+meeting\s+(?:closed|ended|finished|concluded)\b|"
    r"(?:The\s+)?(?:Date|Time)\s+of\s+(?:the\s+)?next\s+meeting\b)",
    re.IGNORECASE,
)
# "The Key Decision List was noted.": a decision stated in the passive.
PASSIVE_DECIDED = re.compile(
    r"^\s*(?:Subject\s+to\s+[^,]{1,120},\s+)?(?:The|the)\s+[\w ,'’()/-]{1,90}?\s+(?:was|were)\s+"
    r"(?:(?:then|formally|duly|unanimously)\s+)?(?:noted|approved|agreed|received|endorsed|accepted|adopted|ratified|"
    r"confirmed|signed)\b"
)
# A paragraph number before a heading: "5.    RESOLVED that:".
NUMBERED_HEADING = re.compile(r"^\s*\d{1,3}[.)]\s+(?=(?:It\s+was\s+)?(?:RESOLVED|AGREED|Resolved|Agreed)\b)")
# "The Board agreed to ..." / "The Committee resolved that ...": always a decision.
BODY_AGREED_TO = re.compile(
    r"^\s*" + _SUBJECT + r"\s+(?:(?:formally|then|also|unanimously|further)\s+)?"
    r"(?:agreed|resolved|AGREED|RESOLVED)\s+(?:that|to)\b"
)
# Someone named taking work on: "Mr Ogilvie agreed to send ...", "The Chair agreed to write ...".
PERSON_AGREED_TO = re.compile(
    r"^\s*(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor|Prof)\.?\s+[A-Z][\w'’-]+|The\s+Chair(?:man|person)?|"
    r"The\s+(?:Chief\s+)?(?:Executive|Officer|Director|Clerk|Secretary|Manager|Lead)(?:\s+(?:of|for)\s+"
    + _ROLE_OF
    + r")?)\s+(?:agreed|undertook|offered|promised)\s+to\s+[a-z]+"
)
# The minutes confirmed: "The minute of the meeting of ... was agreed as a correct record."
MINUTES_CONFIRMED = re.compile(
    r"^\s*(?:Subject\s+to\s+[^,]{1,160},\s+)?(?:(?:[Tt]he\s+)?minutes?\s+of\b.{0,200}?\b(?:agreed|approved|confirmed|accepted|signed)\b.{0,40}?"
    r"|(?:(?:The|the)\s+\w+(?:\s+\w+){0,3}|Cabinet|Council|Members)\s+(?:agreed|approved|confirmed|accepted)\b"
    r".{0,80}?\bminutes\b.{0,120}?)"
    r"\b(?:correct|true|accurate)\s+record",
    re.IGNORECASE,
)
# A decision heading at the end of a narrative line: "... the Integration Joint Board agreed:-".
LINE_END_HEADING = re.compile(
    r"^(?P<before>.*\S)\s+(?P<heading>(?:it\s+was\s+|It\s+was\s+)?(?:RESOLVED|[Rr]esolved|AGREED|[Aa]greed)"
    r"(?:\s+as\s+follows)?(?:\s+(?:to|that))?\s*(?::-|:|-|–))\s*$"
)
# A decision inside a sentence: "... all in favour: it was resolved that ...".
MID_LINE_HEADING = re.compile(
    r"(?P<before>.*?\S)[\s:;,]+(?P<heading>(?:[Ii]t\s+was\s+(?:(?:unanimously|therefore|further|then)\s+)?"
    r"(?:RESOLVED|resolved|AGREED|agreed)|RESOLVED|AGREED|(?<=[.!?]\s)(?:Resolved|Agreed))\b(?:\s*:-?|\s*[-–])?)\s*"
    r"(?P<rest>(?:that|to|That|To)\b.*)$"
)
# Where a decision read from inside a line ends: the end of its sentence.
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]%'’”])\.\s+(?=[A-Z(“\"‘'])")


_STARTS_VERB = re.compile(
    r"(?:were|was|had|has|have|is|are|said|reported|noted|asked|agreed|declared|explained|presented|opened|"
    r"thanked|welcomed|introduced|gave|informed|advised|confirmed|sent|attended|resolved|received)\b"
)
_SMALL = {"of", "and", "for", "the", "to", "in", "on", "at", "a", "an", "&", "–", "-", "with", "by"}


# Words that start a minute's first sentence rather than continue a title.
_SENTENCE_STARTERS = {
    "The",
    "This",
    "These",
    "There",
    "It",
    "No",
    "Members",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Cllr",
    "Councillor",
    "Professor",
    "Prof",
    "Sir",
    "Dame",
    "Apologies",
    "RESOLVED",
    "Resolved",
    "AGREED",
    "Agreed",
    "That",
    "Further",
    "Following",
    "Consideration",
    "Having",
    "Once",
}


def _sentence_start(words: list[str]) -> int:
    """The index of the word that starts the first sentence after a title, within a title's length,
    or 0: a starter word ("The Board:", "Dr Greig spoke"), or a capital word followed by a verb
    ("Members were")."""
    length = 0
    for index, word in enumerate(words):
        length += len(word) + 1
        if length > 160:
            return 0
        if index < 1 or words[index - 1].lower() in _SMALL:
            continue
        if word in _SENTENCE_STARTERS:
            return index
        following = words[index + 1] if index + 1 < len(words) else ""
        if word[:1].isupper() and _STARTS_VERB.match(following) and not words[index - 1][:1].isupper():
            return index
        if words[index - 1].endswith(".") and not re.fullmatch(
            r"[\d.]+|[A-Z]\.|(?:No|St|Cllr|Dr|Mr|Mrs|Ms)\.", words[index - 1]
        ):
            return index
    return 0


# Agenda titles every body uses: where a run-on line holds one, the title is that much.
_STANDARD_TITLE = re.compile(
    r"^(?:Apologies(?:\s+for\s+Absence)?(?:\s+and\s+Substitut\w+)?|Declarations?\s+of\s+(?:[A-Z]\w+\s+){0,2}"
    r"Interests?|Minutes\s+of\s+(?:the\s+)?(?:Previous|Last)\s+Meeting|Date\s+(?:and\s+Time\s+)?of\s+(?:the\s+)?"
    r"Next\s+Meeting|Matters\s+Arising|Public\s+(?:Participation|Questions|Session|Forum)|Any\s+Other\s+Business|"
    r"Urgent\s+Business|Exclusion\s+of\s+(?:the\s+)?Press\s+and\s+Public)(?=\s+[A-Z])",
    re.IGNORECASE,
)
# A label that opens a list inside the minute: "Planning a. Applications", "Finance a) Balances".
LABEL_WORD = re.compile(r"\(?(?:[a-h]|[ivx]{1,4}|\d{1,2})[.)]")


def title_from_run_on(text: str) -> str:
    """A title out of a line that runs on into the minute (a text that lost its line breaks):
    the words in capitals ("APOLOGIES FOR ABSENCE a. Mr ..."), or the words in title case
    before the first sentence ("Declaration of Pecuniary Interests Members were ...")."""
    standard = _STANDARD_TITLE.match(text)
    if standard:
        return standard.group(0)
    words = text.split()
    labelled = next((i for i, word in enumerate(words) if i and LABEL_WORD.fullmatch(word)), 0)
    if labelled:
        words = words[:labelled]  # "Planning a. Applications received": the title ends at the list
    caps: list[str] = []
    for word in words:
        if word.isupper() or (caps and word in _SMALL) or re.fullmatch(r"[\d/.’'&()-]+", word):
            caps.append(word)
        else:
            break
    if len(caps) >= 2:
        return " ".join(caps).rstrip(" -–&")
    started = _sentence_start(words)
    if started:
        return " ".join(words[:started]).rstrip(" -–&,;:")
    if labelled and len(" ".join(words)) <= 120:
        return " ".join(words).rstrip(" -–&,;:")
    taken = []
    for word in words:
        if word[:1].isupper() or word.lower() in _SMALL or word[:1].isdigit():
            taken.append(word)
            continue
        if taken and taken[-1][:1].isupper() and len(taken) > 1 and _STARTS_VERB.match(word):
            taken.pop()  # "Members were ...": the capital word starts the next sentence
        break
    return " ".join(taken).rstrip(" -–&,;:") or text[:120]
