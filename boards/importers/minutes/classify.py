"""The last pass: does a resolution create work, and by when?

A resolution creates an action when it gives someone work to do ("be circulated", "report
back", "be added to the work programme", "the Clerk to write to ..."). Noting, receiving,
approving, endorsing or confirming creates none. Work wins over noting: "that the report be
noted and a further report be submitted in March" creates work. The reason is kept, in
words the clerk can check.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)

# Phrases that give work, whole words only ("provided", "arrangements", "submitted" and
# "discussion" are not work; nor is "the draft" or "the review", nouns).
_WORK = [
    r"be submitted",
    r"be developed",
    r"take place",
    r"(?:be|are|is) asked to",
    r"discuss",
    r"receives? regular",
    r"be reported",
    r"report back",
    r"reports? (?:back )?to (?:the|a|its) (?:next|future)",
    r"submit",
    r"be prepared",
    r"be circulated",
    r"circulate",
    r"be arranged",
    r"write to",
    r"be written",
    r"be established",
    r"be set up",
    r"ascertain",
    r"be reviewed",
    r"bring back",
    r"be brought",
    r"be considered at",
    r"consider at",
    r"be provided",
    r"be produced",
    r"liaise",
    r"to work with",
    r"be requested",
    r"be invited",
    r"be commissioned",
    r"investigate",
    r"explore",
    r"update the board",
    r"be updated",
    r"be sent",
    r"to report",
    r"be added to",
    r"be scheduled",
    r"be included (?:at|in|on)",
    r"be made (?:publicly )?available",
    r"be published",
    r"be shared",
    r"be distributed",
    r"be forwarded",
    r"be placed on",
    r"be put on",
    r"come back",
    r"return to (?:the|a|this) (?:board|committee|panel|meeting)",
    r"be presented",
    r"be referred to",
    r"be sought",
    r"follow up",
    r"be followed up",
    r"be (?:re)?drafted",
    r"be amended",
    r"be revised",
    r"be investigated",
    r"be explored",
    r"be completed",
    r"be organised",
    r"be convened",
    r"be contacted",
    r"be informed",
    r"be advised",
    r"be clarified",
    r"be monitored",
    r"be identified",
    r"be tabled",
    r"(?<!approval )be given",
    r"be looked into",
    r"look into",
    r"be raised with",
    r"(?:is|are) brought",
    r"be progressed",
    r"be implemented",
    r"be delivered",
    r"be undertaken",
    r"be carried out",
    r"carry out",
    r"be (?:re)?considered",
    r"be (?:re)?visited",
    r"be pursued",
    r"be obtained",
    r"be actioned",
    r"request(?:s|ed)? (?:that|a|an|further|sight|details|more|information)",
    r"ask(?:s|ed)? that",
    r"(?:add|added) (?:it |this |the \w+ )?to the (?:work|forward) (?:programme|plan)",
]
# Verbs that are work only as verbs: after "to", "will", "would", "should" or "undertook to"
# ("officers to develop a plan", "the Chair will write"), never as nouns ("the draft").
_VERBS = (
    r"(?:review|develop|produce|progress|deliver|monitor|complete|inform|advise|contact|forward|"
    r"share|publish|draft|amend|revise|schedule|implement|identify|organise|organize|convene|clarify|"
    r"obtain|seek|consider|bring|present|pursue|revisit|reconsider|undertake|investigate|explore|"
    r"prepare|arrange|circulate|submit|provide|liaise|update|send|write|report|check|confirm|"
    r"establish|set up|look|follow|meet|hold|invite|ask|raise|feed ?back|return|come|provide|issue|"
    r"chase|collate|compile|ensure|agree with|work with|engage|promote|commission|procure|purchase|"
    r"order|repair|replace|install|inspect|visit|attend|approach|lobby|respond|reply|prioritise|"
    r"refer|notify|escalate|stress|emphasi[sz]e|highlight|convey|communicate|relay|pass on|"
    r"interview|offer|advertise|appoint|recruit|book|hire|buy|pay|apply|bid)"
)
_WORK_RE = [re.compile(rf"\b{p}\b", re.IGNORECASE) for p in _WORK] + [
    re.compile(
        rf"\b(?:to|will|would|should|shall|must|undertook to|agreed to)\s+(?:\w+\s+and\s+)?{_VERBS}\b",
        re.IGNORECASE,
    ),
    # "ask the Treasurer to notify ...", "instruct the Chief Officer to ..."
    # (a verb, not the noun: "the request be declined as it was not of benefit to the ...")
    re.compile(
        r"(?<!\bthe )(?<!\ba )(?<!\bthis )(?<!\bthat )(?<!\bits )"
        r"\b(?:ask|asks|asked|instruct|instructs|instructed|request|requests|requested|invite|invites|"
        r"direct|directs|authorise|authorises)\s+(?:the\s+|its\s+)?[\w ,’'&-]{1,60}?\s+to\s+"
        r"(?!sign\b|serve\b|act\b|be\b|note\b|continue\b|remain\b|the\b|a\b|an\b|this\b|that\b|its\b|"
        r"their\b)[a-z]{3,}",
        re.IGNORECASE,
    ),
]
# "That the Council produce a guide", "the CCG supply Members with ...": a resolution in the
# subjunctive gives the work to its subject, when the subject is someone (a council, a
# director, an officer) rather than a thing ("that the report be noted").
_AGENT = (
    r"(?:Council|Director|Officers?|Committee|Authority|CCG|ICB|PCC|Board|Manager|Secretary|Group|"
    r"Partnership|Clerk|Chair(?:man|person)?|Cabinet|Panel|Executive|Team|Service|Trust|Commissioner|"
    r"Treasurer|Facilitator|Lead|[Rr]epresentative|Office|Forum|Network|[A-Z]{2,6})"
)
_SUBJUNCTIVE = re.compile(
    r"^\s*(?:[Tt]hat\s+)?(?:the|The)\s+(?:[A-Z][\w'’&-]*\s+|of\s+|and\s+|for\s+){0,8}?"
    + _AGENT
    + r"(?:'s\s+[a-z]+(?:\s+[a-z]+)?)?(?:\s+of\s+(?:the\s+)?[A-Z][\w ]{1,40}?)?"
    r"(?:,[^,]{1,80},)?\s+(?!may\b|next\b)"
    r"(?P<verb>(?:produce|promote|supply|report|consult|update|add|include|prepare|publish|"
    r"arrange|proceed|enter|notify|write|send|circulate|provide|bring|present|develop|review|undertake|"
    r"investigate|explore|establish|set\s+up|work|meet|hold|organise|organize|seek|obtain|liaise|engage|"
    r"commission|procure|draft|amend|revise|inform|contact|monitor|ensure|consider|look\s+into|attend|visit|"
    r"respond|reply|share|distribute|forward|schedule|make|deliver|implement|invite|raise|feed\s+back|return|"
    r"come\s+back|take\s+forward|keep|lead|nominate|carry\s+out|put|place|collate|chase|"
    r"confirm|clarify|examine|assess|evaluate|audit|check|identify|begin|start|launch|run|"
    r"submit|table|refer|advise|brief|train|recruit|appoint|purchase|order|"
    r"repair|replace|install|fix|clear|remove|erect|inspect|pay|apply|bid|tender|negotiate|"
    r"approach|lobby|campaign|take\s+part|participate|join)\b)"
)
# "... its next agenda (December 2014) include the election ...": a thing that will hold work.
_AGENDA_INCLUDE = re.compile(
    r"\b(?:agenda|work\s+programme|forward\s+plan|(?:next|future|further|following)\s+"
    r"(?:\w+\s+)?(?:report|update|paper))\b[^.;]{0,40}?\b(?:include|cover|set\s+out)\b",
    re.IGNORECASE,
)
# Verbs given to someone that are not work to track: a role, a signature.
_NOT_WORK_VERB = re.compile(
    r"\bto\s+(?:sign|serve|act|continue|remain|represent|chair|take\s+the\s+chair)\b", re.IGNORECASE
)
# Someone named or by role, "to" a verb: "The Clerk to write", "Officers to report",
# "the Director of Public Health to ascertain", "JS to circulate".
# What a role is of: "(Director) of Public Health", "(Head) of the Joint Waste Team": capitalised
# words, so that "the Director of Public Health urged partners to press ..." names no work.
ROLE_OF = r"(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'’&-]*){0,5}"
_ROLE_OF = ROLE_OF
_OWNER_TO = re.compile(
    r"\b(?:Clerk|Officers?|Director|Chair(?:man|person)?|Lead|Manager|Secretary|Head|"
    r"Councillors?|Cllr\.?\s+\w+|[A-Z]{2,4})(?:\s+of\s+"
    + _ROLE_OF
    + r")?\s+to\s+(?!be\b|the\b|a\b|all\b)[a-z]+",
)
_NOTING = re.compile(
    r"\b(?:be|is|are|was|were) "
    r"(?:noted|approved|received|supported|endorsed|agreed|welcomed|accepted|adopted|"
    r"ratified|confirmed|acknowledged|signed|declined|refused|rejected)\b"
    r"|\b(?:noted|approved|received|endorsed|ratified|"
    r"accepted|welcomed|supported|agreed|confirmed) the\b|\btook assurance\b|\bto note\b|\bnoted\b",
    re.IGNORECASE,
)
# Work phrases that, inside these, are not work: "the work undertaken be noted".
_NOT_WORK_CONTEXT = re.compile(
    r"\b(?:signed by the chair(?:man|person)?|as a (?:correct|true) record|"
    r"(?:the )?progress (?:made|to date|being made)|work (?:undertaken|delivered|completed))\b",
    re.IGNORECASE,
)

# Due phrases, most specific first. The whole match is kept as written.
_DUE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:by|before|no later than)\s+(?:the\s+end\s+of\s+)?"
        r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + MONTH + r"(?:\s+\d{4})?\b",
        r"\b(?:by|before)\s+\d{1,2}/\d{1,2}/\d{2,4}\b",
        r"\bon\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
        + MONTH
        + r"(?:\s+\d{4})?\b",
        r"\bin\s+(?:early\s+|late\s+|mid[-\s])?" + MONTH + r"(?:\s+\d{4})?\b",
        r"\b(?:for|to|at)\s+the\s+" + MONTH + r"(?:\s+\d{4})?\s+meeting\b",
        r"\bnext\s+(?:board\s+|committee\s+|panel\s+)?meeting\b",
        r"\bin\s+due\s+course\b",
        r"\b(?:a|the)\s+future\s+meeting\b",
    )
]


def _norm(text: str) -> str:
    return " ".join(text.split())


def classify(text: str) -> tuple[bool, str]:
    """(creates_action, reason). Work phrases win over noting ones. No phrase at all: no
    action proposed, and the reason says to check by hand."""
    working = _NOT_WORK_CONTEXT.sub(" ", text)
    for pattern in _WORK_RE:
        found = pattern.search(working)
        if found:
            return True, f"creates work: '{found.group(0)}'"
    owner = _OWNER_TO.search(working)
    if owner and not _NOT_WORK_VERB.search(owner.group(0)):
        return True, f"someone is given work: '{_norm(owner.group(0))}'"
    subjunctive = next(
        filter(
            None,
            (
                _SUBJUNCTIVE.match(clause)
                for clause in re.split(
                    r"\b(?:and|;)\s+that\s+|^\s*(?:Agreed|Resolved|Decided|Requested|"
                    r"Directed|Instructed)\s+(?=that\s)",
                    working,
                )
            ),
        ),
        None,
    )
    if subjunctive:
        return True, f"gives work to its subject: '{_norm(subjunctive.group('verb'))}'"
    agenda = _AGENDA_INCLUDE.search(working)
    if agenda:
        return True, f"puts it on an agenda: '{_norm(agenda.group(0))}'"
    if _NOTING.search(text):
        return False, "notes or approves: no work follows"
    return False, "no work phrase found: check by hand"


def due_phrase(text: str) -> str:
    """The first due phrase in the text ("by March 2017", "next meeting"), or ""."""
    for pattern in _DUE:
        found = pattern.search(text)
        if found:
            return _norm(found.group(0))
    return ""
