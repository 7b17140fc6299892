"""The clerk's structural corrections to parsed minutes (boards.importers.minutes.edits)."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boards.importers.minutes import accounted_lines, apply_edits, parse_minutes, split_points

TEXT = """\
12. Community Safety Plan

The Head of Community Safety introduced the plan.
Members asked about anti-social behaviour in the town centre.

The Committee asked that the police attend the next meeting.

RESOLVED: That the plan be noted; a report on town centre patrols be submitted in March.

13. Community Grants

RESOLVED:
(a) That the grants listed in the report be approved.
(b) That the Clerk write to each applicant.
"""


def read(*edits):
    return apply_edits(parse_minutes(TEXT), list(edits))


def each_line_once(parsed):
    counts = Counter(accounted_lines(parsed))
    return all(count == 1 for count in counts.values()) and set(counts) == set(
        range(1, len(parsed.lines) + 1)
    )


def resolutions(parsed, item=0):
    return [(r.label, r.text, r.creates_action) for r in parsed.items[item].resolutions]


def test_the_example_reads_as_the_parser_reads_it_without_edits():
    parsed, applied = read()
    assert applied == []
    assert resolutions(parsed) == [
        ("", "That the plan be noted; a report on town centre patrols be submitted in March.", True)
    ]
    assert [r.label for r in parsed.items[1].resolutions] == ["(a)", "(b)"]
    assert len(parsed.items[0].paragraphs) == 2


def test_a_resolution_is_split_after_a_clause_and_each_part_classified_again():
    parsed, _ = read()
    points = {words: at for at, words in split_points(parsed.items[0].resolutions[0])}
    assert list(points) == ["a report on town centre patrols"]
    at = points["a report on town centre patrols"]
    edited, applied = read(f"split:0:0:{at}")
    assert applied == [f"split:0:0:{at}"]
    assert resolutions(edited) == [
        ("", "That the plan be noted;", False),
        ("", "a report on town centre patrols be submitted in March.", True),
    ]
    assert edited.items[0].resolutions[1].due_phrase == "in March"
    assert each_line_once(edited)


def test_a_resolution_is_split_before_a_label_inside_it_and_the_label_kept():
    text = TEXT.replace("noted; a report", "noted; (ii) a report")
    parsed = parse_minutes(text)
    at = {words: at for at, words in split_points(parsed.items[0].resolutions[0])}[
        "(ii) a report on town centre"
    ]
    edited, _ = apply_edits(parsed, [f"split:0:0:{at}"])
    assert [r.label for r in edited.items[0].resolutions] == ["", "(ii)"]
    assert edited.items[0].resolutions[1].text == "a report on town centre patrols be submitted in March."


def test_two_resolutions_are_joined_into_one_with_both_their_lines():
    edited, _ = read("join:1:0")
    assert resolutions(edited, 1) == [
        (
            "(a)",
            "That the grants listed in the report be approved. (b) That the Clerk write to each applicant.",
            True,
        )
    ]
    assert edited.items[1].resolutions[0].line_numbers == (13, 14)  # the lines of (a) and (b)
    assert each_line_once(edited)


def test_a_paragraph_of_the_discussion_becomes_a_decision_and_is_classified():
    edited, _ = read("to-decision:0:1")
    assert [p.text for p in edited.items[0].paragraphs] == [
        "The Head of Community Safety introduced the plan. Members asked about anti-social behaviour in "
        "the town centre."
    ]
    texts = [r.text for r in edited.items[0].resolutions]
    assert texts[0] == "The Committee asked that the police attend the next meeting."
    assert (edited.items[0].resolutions[0].creates_action, edited.items[0].resolutions[0].reason) == (
        True,
        "creates work: 'asked that'",
    )
    assert "police attend" not in edited.items[0].text
    assert each_line_once(edited)


def test_a_resolution_moved_to_the_discussion_keeps_its_lines_and_words():
    edited, _ = read("to-discussion:0:0")
    assert edited.items[0].resolutions == []
    assert "a report on town centre patrols be submitted in March" in edited.items[0].text
    assert each_line_once(edited)


def test_edits_apply_in_order_and_the_same_edits_give_the_same_structure():
    edits = ["to-decision:0:1", "join:0:0"]  # the paragraph comes first: joined with the resolution
    first, applied = read(*edits)
    second, _ = read(*edits)
    assert applied == edits
    assert resolutions(first) == resolutions(second)
    assert len(first.items[0].resolutions) == 1
    assert first.items[0].resolutions[0].text.startswith("The Committee asked that the police attend")


@pytest.mark.parametrize(
    "edit",
    [
        "split:0:0:5",
        "split:0:9:10",
        "join:0:0",
        "join:1:1",
        "join:7:0",
        "to-decision:0:9",
        "to-discussion:3:0",
        "explode:0:0",
        "split:a:b:c",
        "",
        "join:0",
        "to-decision:-1:0",
    ],
)
def test_an_edit_that_does_not_fit_is_left_out_not_guessed(edit):
    before, _ = read()
    edited, applied = read(edit)
    assert applied == []
    assert [resolutions(edited, i) for i in range(2)] == [resolutions(before, i) for i in range(2)]


def test_the_parsed_structure_itself_is_not_changed_by_edits():
    parsed = parse_minutes(TEXT)
    apply_edits(parsed, ["to-discussion:0:0", "join:1:0"])
    assert len(parsed.items[0].resolutions) == 1 and len(parsed.items[1].resolutions) == 2


EDIT = st.one_of(
    st.builds(
        lambda i, j, at: f"split:{i}:{j}:{at}", st.integers(0, 4), st.integers(0, 4), st.integers(0, 200)
    ),
    st.builds(lambda i, j: f"join:{i}:{j}", st.integers(0, 4), st.integers(0, 4)),
    st.builds(lambda i, j: f"to-discussion:{i}:{j}", st.integers(0, 4), st.integers(0, 4)),
    st.builds(lambda i, j: f"to-decision:{i}:{j}", st.integers(0, 4), st.integers(0, 4)),
    st.text(max_size=12),
)


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(
        st.sampled_from(
            TEXT.splitlines() + ["", "RESOLVED:", "(c) That a plan be developed.", "14. Any other business"]
        ),
        max_size=30,
    ),
    st.lists(EDIT, max_size=8),
)
def test_property_any_edits_never_raise_and_every_line_stays_in_one_place(lines, edits):
    parsed = parse_minutes("\n".join(lines))
    # Split points are offered, not typed: try the first offered one too.
    for item_index, item in enumerate(parsed.items):
        for res_index, res in enumerate(item.resolutions):
            for at, _ in split_points(res)[:1]:
                edits = [*edits, f"split:{item_index}:{res_index}:{at}"]
    edited, applied = apply_edits(parsed, edits)
    assert set(applied) <= set(edits)
    assert each_line_once(edited) or not edited.lines
    for item in edited.items:
        for res in item.resolutions:
            assert res.reason and res.text
