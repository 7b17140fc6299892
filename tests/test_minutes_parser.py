"""The minutes parser (boards/importers/minutes/): pure reading of the text, no database."""

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from boards.demo.minutes_2016_11_17 import ITEMS
from boards.importers.minutes import _parse, accounted_lines, parse_minutes, to_json
from boards.importers.minutes.normalise import clean
from tests.test_demo import EXPECTED_LABELS

SEED = Path(__file__).parent / "data" / "minutes_2016_11_17.txt"


def norm(text):
    return " ".join(text.split())


def assert_every_line_once(text, parsed):
    """The documented rule: every line (blank ones with the line above) is claimed once."""
    claimed = Counter(accounted_lines(parsed))
    assert sorted(claimed) == list(range(1, len(text.splitlines()) + 1))
    assert all(count == 1 for count in claimed.values())


# --- The minutes of 17 November 2016 ----------------------------------------------------------

# Every resolution of the seed and whether it proposes an action.
EXPECTED_ACTIONS = {
    "324": [False],
    "325": [False],
    "326": [False, False, True],
    "327": [False, True],
    "328": [False, False, False],
    "330": [False, True, True, True],
    "331": [False, False],
    "332": [False],
    "333": [False, True],
}


def test_seed_minutes_give_the_transcribed_items_and_resolutions():
    text = SEED.read_text(encoding="utf-8")
    parsed = parse_minutes(text)
    assert [i.number for i in parsed.items] == [str(n) for n in range(320, 335)]
    assert [i.title for i in parsed.items] == [i["title"] for i in ITEMS]
    assert [i.heading for i in parsed.items] == [i["heading"] for i in ITEMS]
    assert {i.number: [r.label for r in i.resolutions] for i in parsed.items} == EXPECTED_LABELS
    for got, want in zip(parsed.items, ITEMS, strict=True):
        assert [(r.label, norm(r.text)) for r in got.resolutions] == [
            (label, norm(text)) for label, text in want["resolutions"]
        ]
    actions = {i.number: [r.creates_action for r in i.resolutions] for i in parsed.items}
    assert {k: v for k, v in actions.items() if v} == EXPECTED_ACTIONS
    assert_every_line_once(text, parsed)


def test_seed_minutes_details():
    parsed = parse_minutes(SEED.read_text(encoding="utf-8"))
    items = {i.number: i for i in parsed.items}
    # The attendance before 320 and the signature block after 334 are left unparsed.
    assert [b.lines for b in parsed.unparsed] == [(1, 30), (270, 273)]
    assert parsed.unparsed[1].text.splitlines()[-1] == "CHAIRMAN"
    # The (i)-(vii) points of 327 are discussion, joined across PDF line breaks.
    assert "(vii) The new LLR System Leadership Team, which would oversee delivery" in items["327"].text
    assert "undertook to check whether the statistics included prisoners" in items["330"].text
    assert items["334"].text.endswith("5th January 2017 at 2.00pm.")
    due = {(i.number, r.label): r.due_phrase for i in parsed.items for r in i.resolutions}
    assert due[("326", "(c)")] == "in due course"
    assert due[("330", "(c)")] == "a future meeting"
    assert due[("326", "(a)")] == ""
    reasons = {(i.number, r.label): r.reason for i in parsed.items for r in i.resolutions}
    assert reasons[("324", "")] == "notes or approves: no work follows"
    assert "be submitted" in reasons[("330", "(c)")]
    assert "discuss" in reasons[("333", "(b)")]


def test_to_json_shape():
    data = to_json(parse_minutes(SEED.read_text(encoding="utf-8")))
    assert set(data) == {"items", "unparsed"}
    item = next(i for i in data["items"] if i["number"] == "326")
    assert item["title"] == "Joint Health and Wellbeing Strategy"
    assert item["resolutions"][2] == {
        "label": "(c)",
        "text": item["resolutions"][2]["text"],
        "creates_action": True,
        "officers": [],
        "due": "in due course",
    }
    assert data["unparsed"][0]["lines"] == [1, 30]


# --- Formats, one small example each ------------------------------------------------------------


def one(text):
    parsed = parse_minutes(text)
    assert_every_line_once(text, parsed)
    return parsed


def test_minute_number_formats():
    cases = [
        ("326. Joint Strategy.", "326", "Joint Strategy"),
        ("337/18 Apologies for Absence", "337/18", "Apologies for Absence"),
        ("2786/12 Item 1 Minutes of the last meeting", "2786/12", "Minutes of the last meeting"),
        ("12.1 Finance Report", "12.1", "Finance Report"),
        ("HWB.05.04.2016/6 Better Care Fund", "HWB.05.04.2016/6", "Better Care Fund"),
    ]
    for line, number, title in cases:
        parsed = one(f"{line}\nThe Board considered a report.\n")
        assert [(i.number, i.title) for i in parsed.items] == [(number, title)]
        assert parsed.items[0].text == "The Board considered a report."


def test_a_number_that_jumps_is_a_line_break_not_a_minute():
    parsed = one("12. Budget\nThe spending was higher than in\n2016. The Board noted this.\n13. Close\n")
    assert [i.number for i in parsed.items] == ["12", "13"]
    assert parsed.items[0].text == "The spending was higher than in 2016. The Board noted this."


def test_decision_headings():
    """The heading as printed; a "that" or "to" after it starts the resolution's text."""
    cases = [
        ("RESOLVED:", "RESOLVED:", "the report be noted."),
        ("AGREED:", "AGREED:", "the report be noted."),
        ("It was RESOLVED that", "It was RESOLVED", "that the report be noted."),
        ("Resolved - that", "Resolved -", "that the report be noted."),
        ("The Board resolved:-", "The Board resolved:-", "the report be noted."),
        ("Decision:", "Decision:", "the report be noted."),
    ]
    for heading, printed, text in cases:
        lines = heading.rsplit(" ", 1) if heading.endswith(" that") else [heading, ""]
        body = f"{lines[0]}\n{lines[1] + ' ' if lines[1] else ''}the report be noted.\n"
        parsed = one(f"5. Report\nDiscussion.\n{body}")
        item = parsed.items[0]
        assert item.heading == printed
        assert item.text == "Discussion."
        assert [(r.label, r.text) for r in item.resolutions] == [("", text)]
        assert item.heading_lines == (3,)


def test_no_heading_means_no_resolutions():
    parsed = one("5. Urgent Items\nThere were no urgent items.\n")
    assert parsed.items[0].heading == "" and parsed.items[0].resolutions == []


def test_resolution_on_the_heading_line():
    parsed = one("5. Report\nIt was RESOLVED that the report be noted.\n")
    item = parsed.items[0]
    assert item.heading == "It was RESOLVED"
    assert [(r.label, r.text, r.lines) for r in item.resolutions] == [
        ("", "that the report be noted.", (2, 2))
    ]
    assert item.heading_lines == ()


def test_label_formats():
    for labels in (
        ["(a)", "(b)"],
        ["a)", "b)"],
        ["a.", "b."],
        ["(i)", "(ii)"],
        ["1.", "2."],
        ["(1)", "(2)"],
        ["(A)", "(B)"],
    ):
        text = (
            f"7. Plan\nRESOLVED:\n{labels[0]} That the plan be\napproved;\n"
            f"{labels[1]} That a report be submitted to the next meeting.\n"
        )
        item = one(text).items[0]
        assert [r.label for r in item.resolutions] == labels
        assert [r.text for r in item.resolutions] == [
            "That the plan be approved;",
            "That a report be submitted to the next meeting.",
        ]
        assert [r.creates_action for r in item.resolutions] == [False, True]
        assert item.resolutions[1].due_phrase == "next meeting"
        assert item.resolutions[0].lines == (3, 4)


def test_first_label_on_the_heading_line():
    item = one(
        "7. Plan\nRESOLVED: (a) That the plan be approved;\n(b) That officers report back in July.\n"
    ).items[0]
    assert [(r.label, r.text) for r in item.resolutions] == [
        ("(a)", "That the plan be approved;"),
        ("(b)", "That officers report back in July."),
    ]
    assert item.resolutions[1].due_phrase == "in July"
    assert item.heading == "RESOLVED:"


def test_numbered_labels_then_the_next_numbered_item():
    parsed = one("1. Minutes\nRESOLVED:\n1. That the minutes be approved.\n2. Date of next meeting\nNoted.\n")
    assert [i.number for i in parsed.items] == ["1", "2"]
    assert [r.label for r in parsed.items[0].resolutions] == ["1."]


def test_sub_points_stay_with_their_resolution():
    text = (
        "7. Plan\nRESOLVED:\n(a) That officers:\n(i) prepare a plan;\n(ii) report back;\n"
        "(b) That the risks be noted.\n"
    )
    item = one(text).items[0]
    assert [r.label for r in item.resolutions] == ["(a)", "(b)"]
    assert item.resolutions[0].text == "That officers: (i) prepare a plan; (ii) report back;"
    # ... while "(i)" after "(h)" is the next letter.
    letters = "abcdefghij"
    text = "7. Plan\nRESOLVED:\n" + "".join(f"({c}) That {c} be noted;\n" for c in letters)
    assert [r.label for r in one(text).items[0].resolutions] == [f"({c})" for c in letters]


def test_continuation_lines_that_look_like_labels_or_bullets():
    text = "7. Plan\nRESOLVED:\n(a) That the Strategy 2017\n-2022 be approved, that is\ni.e. the final one.\n"
    item = one(text).items[0]
    assert [(r.label, r.text) for r in item.resolutions] == [
        ("(a)", "That the Strategy 2017 -2022 be approved, that is i.e. the final one.")
    ]


def test_bullets():
    for bullet in ("•", "·", "-"):
        item = one(
            f"8. Fund\nAGREED:\n{bullet} to develop a plan by March 2017;\n{bullet} to note the report.\n"
        ).items[0]
        assert [(r.label, r.text) for r in item.resolutions] == [
            ("", "to develop a plan by March 2017;"),
            ("", "to note the report."),
        ]
        assert item.resolutions[0].due_phrase == "by March 2017"
        # Outside a decision bullets are discussion, one per line.
        item = one(f"8. Fund\nMatters raised:\n{bullet} falls;\n{bullet} flu.\n").items[0]
        assert item.text == "Matters raised:\n- falls;\n- flu."


def test_page_furniture_and_pdf_line_breaks():
    text = (
        "Agenda Item 4\n\n9. Annual Report\nThe Board considered\na report.\n12\n\nAgenda Item 5\n"
        "RESOLVED:\nThat a report be\nPage 3 of 8\nsubmitted in due course.\n"
    )
    parsed = one(text)
    item = parsed.items[0]
    assert item.text == "The Board considered a report."
    assert item.resolutions[0].text == "That a report be submitted in due course."
    assert item.resolutions[0].line_numbers == (10, 12)
    assert item.resolutions[0].lines == (10, 12)
    assert [b.lines for b in parsed.unparsed] == [(1, 2), (6, 8), (11, 11)]


def test_a_discussion_list_is_not_a_resolution():
    text = (
        "10. STP\nPoints raised:\n(i) the plan would be published;\n(ii) beds would reduce.\n"
        "RESOLVED:\n(a) That the update be noted;\n(b) That a meeting take place to discuss it.\n"
    )
    item = one(text).items[0]
    assert "(i) the plan would be published;" in item.text
    assert [r.label for r in item.resolutions] == ["(a)", "(b)"]
    assert [r.creates_action for r in item.resolutions] == [False, True]


def test_blank_lines_go_with_the_line_above():
    text = "\n\nPreamble\n\n3. Item\n\nText.\n\nRESOLVED:\n\n(a) That it be noted.\n\n"
    parsed = one(text)
    item = parsed.items[0]
    assert parsed.unparsed[0].lines == (1, 4)
    assert item.text_lines == (5, 6, 7, 8)
    assert item.heading_lines == (9, 10)
    assert item.resolutions[0].line_numbers == (11, 12)


def test_classification():
    from boards.importers.minutes import classify, due_phrase

    assert classify("That the report be received.") == (False, "notes or approves: no work follows")
    assert classify("The Board noted the update.")[0] is False
    assert classify("That the model be endorsed.")[0] is False
    assert classify("That the Chair be asked to write to the Minister.") == (
        True,
        "creates work: 'be asked to'",
    )
    assert classify("That the Board was informed.")[0] is False
    # Whole words: these only note.
    assert classify("That the governance arrangements be approved.")[0] is False
    assert classify("That the information provided be noted.")[0] is False
    assert classify("That the report submitted and the discussion be noted.")[0] is False
    assert classify("That the work undertaken be noted.")[0] is False
    assert classify("That officers are asked to prepare a plan.")[0] is True
    assert due_phrase("report by March 2017") == "by March 2017"
    assert due_phrase("nothing due") == ""


def test_never_raises_on_odd_input():
    for text in ("", "\n", None, b"1. A\nRESOLVED:\n(a) x", "RESOLVED:\n(a)", "\r\n\x0c\u2028"):
        parsed = parse_minutes(text)
        assert isinstance(parsed.items, list)


# --- Properties --------------------------------------------------------------------------------

REALISTIC_LINES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "326. Joint Strategy.",
            "337/18 Apologies",
            "2786/12 Item 1 Minutes",
            "12.1 Finance",
            "HWB.05.04.2016/6 Fund",
            "2016. The Board",
            "RESOLVED:",
            "AGREED:",
            "It was RESOLVED that",
            "Resolved - that the report be noted.",
            "The Board resolved:-",
            "Decision:",
            "RESOLVED: (a) That it be noted;",
            "(a) That the report be noted;",
            "b) That a plan be developed",
            "c. That a report be submitted by March 2017",
            "(i)",
            "(vii) The new team",
            "1. That",
            "(1) That",
            "(A) That",
            "• item",
            "· item",
            "- item",
            "Agenda Item 5",
            "Page 2 of 9",
            "12",
            "CHAIRMAN",
            "2.00 - 3.55 pm",
            "17 November 2016",
            "continued text of a sentence",
            "be noted.",
        ]
    ),
    st.text(max_size=30),
)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_property_never_raises_and_accounts_for_every_line(text):
    parsed = _parse(text)  # the parser itself, without parse_minutes' safety net
    assert_every_line_once(text, parsed)
    to_json(parsed)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(REALISTIC_LINES, max_size=40), st.sampled_from(["\n", "\r\n"]))
def test_property_realistic_lines(lines, newline):
    text = newline.join(lines)
    parsed = _parse(text)
    assert_every_line_once(text, parsed)
    for item in parsed.items:
        first, last = item.lines
        owned = list(item.text_lines + item.heading_lines)
        for res in item.resolutions:
            assert res.reason
            if res.line_numbers:
                assert res.lines == (res.line_numbers[0], res.line_numbers[-1])
            else:  # split out of a line another part owns: it names that line
                assert res.lines[0] == res.lines[1] and first <= res.lines[0] <= last
            owned += res.line_numbers
        assert owned and first == min(owned) and all(first <= n <= last for n in owned)


@st.composite
def well_formed_minutes(draw):
    """Minutes built from parts, with what the parser should find: items numbered upwards,
    discussion, an optional RESOLVED block with (a), (b) ... labels, resolutions broken
    across lines, page furniture and blank lines anywhere between lines."""
    words = st.lists(
        st.sampled_from(["the", "Board", "report", "plan", "considered", "was"]), min_size=1, max_size=6
    ).map(" ".join)
    furniture = st.sampled_from(["Agenda Item 7", "Page 3", "12", ""])
    lines, expected = [], []
    number = draw(st.integers(1, 900))
    for _ in range(draw(st.integers(1, 4))):
        number += draw(st.integers(1, 3))
        title = "Item " + draw(words)
        lines.append(f"{number}. {title}.")
        lines += ["The " + draw(words) for _ in range(draw(st.integers(0, 3)))]
        resolutions = []
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["RESOLVED:", "AGREED:", "Decision:"])))
            count = draw(st.integers(1, 4))
            for index in range(count):
                label = f"({'abcd'[index]})" if count > 1 else ""
                parts = ["That the " + draw(words)] + [draw(words) for _ in range(draw(st.integers(0, 2)))]
                parts[-1] += " be noted;"
                lines.append(f"{label} {parts[0]}".strip())
                for part in parts[1:]:
                    if draw(st.booleans()):
                        lines.append(draw(furniture))
                    lines.append(part)
                resolutions.append((label, " ".join(parts)))
        expected.append((str(number), title, resolutions))
    return "\n".join(lines), expected


@settings(max_examples=200, deadline=None, database=None)
@given(well_formed_minutes())
def test_property_well_formed_minutes_are_read_back(case):
    text, expected = case
    parsed = _parse(text)
    assert_every_line_once(text, parsed)
    assert [(i.number, i.title, [(r.label, r.text) for r in i.resolutions]) for i in parsed.items] == expected


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(REALISTIC_LINES, min_size=10, max_size=60), st.text(max_size=20))
def test_property_text_that_lost_its_line_breaks(lines, tail):
    """A PDF extraction run together on one line (or a page a line): re-split, and still every
    line of the normalised text is claimed exactly once."""
    text = " ".join(line for line in lines) + " " + tail + " " + " ".join(reversed(lines))
    parsed = _parse(text)
    claimed = Counter(accounted_lines(parsed))
    assert sorted(claimed) == list(range(1, len(parsed.lines) + 1))
    assert all(count == 1 for count in claimed.values())
    # Only spaces became line breaks: the words are all there, in order.
    assert " ".join(parsed.lines).split() == clean(text).split()
