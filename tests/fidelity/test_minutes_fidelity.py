"""The minutes importer on the fidelity corpus: real layouts from at least 30 public bodies,
each with its expected reading written by hand (tests/fidelity/README.md)."""

import pytest

from .score import minutes_cases, minutes_report, minutes_totals, score_minutes

THRESHOLD = 0.95


@pytest.fixture(scope="module")
def cards(fidelity_report):
    scored = [score_minutes(name, data, expected) for name, data, expected in minutes_cases()]
    fidelity_report["minutes"] = minutes_report(scored, threshold=THRESHOLD)
    return scored


def test_the_corpus_has_at_least_40_texts_from_30_bodies(cards):
    total = minutes_totals(cards)
    assert total["cases"] >= 40 and total["bodies"] >= 30


def test_no_text_crashes_the_parser_or_loses_a_line(cards):
    assert [c.name for c in cards if c.crashed] == []
    assert [(c.name, c.lines_lost) for c in cards if c.lines_lost] == []


def test_resolutions_and_action_calls_are_read_right_at_least_95_percent_of_the_time(cards):
    total = minutes_totals(cards)
    assert total["resolutions_rate"] >= THRESHOLD, minutes_report(cards)
    assert total["actions_rate"] >= THRESHOLD, minutes_report(cards)


def test_every_case_has_its_expected_reading(cards):
    assert all(c.items for c in cards)  # an empty expectation would score nothing
