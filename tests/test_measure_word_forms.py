"""A measure the question names in one form of its word ("charged", "charging") is mentioned by an article that writes
another form ("a charge or summons", "trusts that charge"): the question is read against the article's figures rather
than refused as being about something the article never covers. A measure the article has in no form is still refused.
Every text here is invented."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Unit
from qa.understand.link import measure_pattern, measure_stem_pattern
from qa.understand.query import read_question
from qa.understand.reader import uncovered

TEXT = ("Harbourside Borough closed 4,120 reports last year. Only 6.4 per cent of reports ended in a charge or a "
        "summons, and 31 per cent of car parks charge visitors more than £2 an hour.")


def known():
    figures = [
        figure_in(TEXT, "d", "d-1", "Harbourside Borough", "share of reports ended in a charge or a summons", "2023",
                  6.4, Unit.percent, "6.4 per cent of reports ended in a charge or a summons"),
        figure_in(TEXT, "d", "d-2", "Harbourside Borough", "share of car parks charge visitors", "2023", 31.0,
                  Unit.percent, "31 per cent of car parks charge visitors"),
    ]
    return known_of(TEXT, "d", figures)


@pytest.mark.parametrize("measure, written, found", [
    ("charged", "a charge or a summons", True),
    ("charging", "car parks charge visitors", True),
    ("charges", "the charged party", True),
    ("surveyed", "in a survey of members", True),
    ("charged", "a chart of reports", False),
    ("convict", "a conviction rate", True),
    ("cost", "costs rose", True),
    ("cost", "a costume", False),  # a short entry is still a word of its own
])
def test_a_measure_is_found_in_any_form_of_its_word(measure, written, found):
    assert bool(measure_stem_pattern(measure).search(written)) is found


@pytest.mark.parametrize("measure", ["cost", "calls", "girls", "convict", "forecast"])
def test_an_entry_without_an_ending_to_drop_is_searched_as_before(measure):
    assert measure_stem_pattern(measure).pattern == measure_pattern(measure).pattern


@pytest.mark.parametrize("question, refused", [
    ("What % of reports led to someone being charged?", []),
    ("What proportion of car parks are charging over £2 an hour?", []),
    ("How many convictions were there?", ["convictions"]),  # the article has no form of the word
    ("What was the forecast for next year?", ["forecast"]),
])
def test_a_question_is_refused_only_for_a_measure_the_article_has_in_no_form(question, refused):
    k = known()
    r = read_question(k, question, 2024)
    assert uncovered(k, r) == refused
