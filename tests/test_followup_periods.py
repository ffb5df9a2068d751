"""Follow-ups about another period ("what about in Jan 2023?", "and the year before?"), calculations of the answer
against the year before or against another figure ("how much was that up on a year earlier?", "how many minutes over
the target is that?"), and the readings they need. Invented names and figures: no evaluation article is read here."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.compose.answer import FALL_ASKED
from qa.model.records import Op, Turn, Unit
from qa.understand.followup import resolve_follow_up, year_before
from qa.understand.plans import Context, pair
from qa.understand.query import read_question, stated_before
from qa.understand.reader import uncovered

TEXT = ("Crews in Westvale took an average of 41 minutes to reach patients in March, against a target of 30 minutes. "
        "Harbour Bank approved 12.1% of requests. Councils spent £2.6bn on road repairs in 2022-23, up from "
        "£2.2bn the year before.")


@pytest.fixture(scope="module")
def known():
    figs = [figure_in(TEXT, "d", "mean", "Westvale", "minutes to reach patients", "2024-03", 41, Unit.count,
                      "41 minutes to reach patients"),
            figure_in(TEXT, "d", "target", "Westvale", "target minutes", "2024-03", 30, Unit.count,
                      "target of 30 minutes"),
            figure_in(TEXT, "d", "bank", "Harbour Bank", "share of requests approved", "2024-03", 12.1, Unit.percent,
                      "12.1% of requests"),
            figure_in(TEXT, "d", "rep23", "Councils", "spending on road repairs", "2022-04/2023-03", 2.6e9, Unit.money,
                      "£2.6bn on road repairs in 2022-23"),
            figure_in(TEXT, "d", "rep22", "Councils", "spending on road repairs", "2021-04/2022-03", 2.2e9, Unit.money,
                      "£2.2bn the year before")]
    return known_of(TEXT, "d", figs, "2024-04-02")


@pytest.mark.parametrize("phrase, earlier", [
    ("January 2024", "January 2023"),
    ("2022-23", "2021-22"),            # a financial year steps back as a whole
    ("2000-01", "1999-00"),
    ("between October and December 2023", "between October and December 2022"),
    ("Q3 2023", "Q3 2022"),
])
def test_the_year_before_is_the_same_period_a_year_earlier(phrase, earlier):
    assert year_before(phrase) == earlier


@pytest.mark.parametrize("follow_up, earlier, answer, expected", [
    # a month and year the question before lacked: its "now" gives way to them
    ("what about in Jan 2023?", "What's the typical repair wait now?", "9 weeks.",
     "What's the typical repair wait in jan 2023?"),
    # the year before the period the question before named, written as it was written
    ("and the year before?", "What did Harbour Bank approve in January 2024?", "12.1%.",
     "What did Harbour Bank approve in January 2023?"),
    # ... or the period its answer gave, with the words that tie it
    ("what about the year before?", "What was the national score for the quarter?",
     "4.1% of trains between July and September 2023.",
     "What was the national score for the quarter between July and September 2022?"),
    ("and what was it the year before?", "How much did councils lend?", "£2.1bn in 2021-22.",
     "How much did councils lend in 2020-21?"),
    # "last year" is the year before the article's
    ("and the year before?", "How many loans did Harbour Bank approve last year?", "310.",
     "How many loans did Harbour Bank approve in 2022?"),
    # a new place with a period keeps the old rewriting (no period phrase alone)
    ("and in 2022?", "What did Harbour Bank approve in 2023?", "12.1%.", "What did Harbour Bank approve in 2022?"),
])
def test_a_follow_up_naming_only_another_period_swaps_it(known, follow_up, earlier, answer, expected):
    assert resolve_follow_up(known, follow_up, [Turn(question=earlier, answer=answer)], 2024) == expected


@pytest.mark.parametrize("follow_up, earlier, answer, expected", [
    ("how many more is that than a year before?", "How long was the queue in Westvale in March 2024?", "1,200.",
     "how many more is that than March 2023 — How long was the queue in Westvale in March 2024?"),
    # the question before named no period: its answer's, both in the question before and a year back in the follow-up
    ("how much was that up on a year earlier, in pounds?", "What's the average fare in Northtown now?",
     "£12.40 in April 2024.",
     "how much was that up on April 2023, in pounds — What's the average fare in Northtown in April 2024?"),
    ("how much more was that than the year before?", "How much did councils spend on road repairs?", "£2.6bn in 2022-23.",
     "how much more was that than 2021-22 — How much did councils spend on road repairs in 2022-23?"),
    # no period anywhere: nothing to step back from
    ("how much more was that than the year before?", "How much did councils spend?", "£2.6bn.",
     "how much more was that than the year before — How much did councils spend?"),
])
def test_a_calculation_against_the_year_before_names_both_periods(known, follow_up, earlier, answer, expected):
    assert resolve_follow_up(known, follow_up, [Turn(question=earlier, answer=answer)], 2024) == expected


@pytest.mark.parametrize("question, op", [
    ("how much less is that than in 2022 — What did Harbour Bank approve in 2023?", Op.difference),
    ("how much was that up on April 2023 — What's the average fare in Northtown in April 2024?", Op.difference),
    ("so how many minutes over the target is that — How long did crews take to reach patients?", Op.difference),
])
def test_a_follow_up_measuring_the_answer_against_something_asks_for_the_gap(known, question, op):
    assert read_question(known, question, 2024).operation is op


@pytest.mark.parametrize("question, unit", [
    ("by how many points?", Unit.percentage_points),
    ("by how many percentage points did it rise?", Unit.percentage_points),
    ("how many points of sale are there?", Unit.count),
])
def test_how_many_points_asks_for_percentage_points(known, question, unit):
    assert read_question(known, question, 2024).wants_unit is unit


@pytest.mark.parametrize("question, is_text", [
    ("What does a nursery place cost in Westvale?", False),   # a price asked, though "what does" starts it
    ("What did councils spend on road repairs?", False),
    ("What does the charity do?", True),
])
def test_what_does_it_cost_asks_for_an_amount(known, question, is_text):
    assert read_question(known, question, 2024).is_text is is_text


def test_a_measure_written_as_another_form_of_the_word_is_covered(known):
    # the text says "spent"; the figure's measure says "spending": a question about spending is not about nothing
    assert uncovered(known, read_question(known, "How much did councils spend on road repairs?", 2024)) == []


@pytest.mark.parametrize("question, fall", [
    ("how much less is that than in 2022, in dollars", True),
    ("how many fewer were there than in 2021", True),
    ("how much more is that than in 2022", False),
])
def test_how_much_less_asks_for_the_size_of_the_gap(question, fall):
    assert bool(FALL_ASKED.search(question)) is fall


def test_the_answer_is_measured_against_the_figure_the_follow_up_names(known):
    turns = [Turn(question="How long did Westvale crews take to reach patients?", answer="41 minutes on average.")]
    text = "so how many minutes over the target is that?"
    r = read_question(known, resolve_follow_up(known, text, turns, 2024), 2024)
    r.prior = stated_before(known, text, turns)
    assert r.prior == {"mean"}
    groups = pair(Context(known=known, sims={}, doc_year=2024), r, None)
    assert groups is not None and [[f.id for f in g] for g in groups] == [["mean"], ["target"]]


@pytest.mark.parametrize("follow_up, earlier, answer, expected", [
    # a season steps back a year as a year does, written as the question before wrote it
    ("and the season before?", "What do the 2022-23 averages of the two Northvale clubs add up to?", "9,120.",
     "What do the 2021-22 averages of the two Northvale clubs add up to?"),
    ("and the previous season?", "How many fans went to Northvale games in 2023-24?", "41,300.",
     "How many fans went to Northvale games in 2022-23?"),
    # the answer's period after "on" is the base its change was measured from: "the year before" is that period, and
    # the month the question before named gets its year instead of a second period
    ("what about the year before?", "How many repairs did Westvale make in March?", "1,410, up 4.1% on March 2023.",
     "How many repairs did Westvale make in March 2023?"),
    # a period the answer's change ran over ("rose 5% in the year to June 2023") is the answer's own, stepped back
    ("and the year before?", "How much did fares in Northtown rise?", "Fares rose 5% in the year to June 2023.",
     "How much did fares in Northtown rise in the year to June 2022?"),
])
def test_a_season_or_the_base_of_a_change_is_the_year_before(known, follow_up, earlier, answer, expected):
    assert resolve_follow_up(known, follow_up, [Turn(question=earlier, answer=answer)], 2024) == expected


@pytest.mark.parametrize("follow_up, earlier, answer, expected", [
    # the answer states the earlier figure itself and no period: the relative words go, the pair is the answer's
    ("what % increase is that on the previous season?", "How much was a Northvale ticket this season?",
     "£9.50, up from £8.75 the season before.",
     "what % increase is that — How much was a Northvale ticket this season?"),
    # "then" points back as "that" does: the calculation is asked of the question before
    ("whats the exact percentage increase then", "How many visits did Westvale's libraries get in 2022-23?",
     "2,150,000, up from 1,980,000.",
     "whats the exact percentage increase then — How many visits did Westvale's libraries get in 2022-23?"),
    # a change asked in words of moving ("how much extra", "narrowed") is a calculation, not the question before again
    ("so how much extra is that in pounds?", "How much did councils spend on road repairs in 2022-23?",
     "£2.6bn, compared with £2.2bn the year before.",
     "so how much extra is that in pounds — How much did councils spend on road repairs in 2022-23?"),
    ("so how much has it narrowed by?", "What was the Westvale gap in 2023?", "6.1 points, against 5.2 this year.",
     "so how much has it narrowed by — What was the Westvale gap in 2023?"),
])
def test_a_calculation_asked_of_the_answer_carries_the_question_before(known, follow_up, earlier, answer, expected):
    assert resolve_follow_up(known, follow_up, [Turn(question=earlier, answer=answer)], 2024) == expected


@pytest.mark.parametrize("question, op", [
    ("so how much extra is that in pounds — How much did councils spend on road repairs in 2022-23?", Op.difference),
    ("so how much has it narrowed by — What was the Westvale gap in 2023?", Op.difference),
    ("so how many pounds did it gain at the next one — What did Harbour Bank charge in March?", Op.difference),
])
def test_a_follow_up_asking_how_much_it_moved_asks_for_the_gap(known, question, op):
    assert read_question(known, question, 2024).operation is op


def test_how_far_below_asks_for_the_gap(known):
    question = "so how far below its peak is it still — How long did crews take to reach patients?"
    assert read_question(known, question, 2024).operation is Op.difference
