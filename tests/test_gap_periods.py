"""A gap between two periods of one series, asked with its periods in the forms people write them: two quarters of two
years ("in Q3 2024 than in Q3 2023"), a span of months given once for two years ("in Jan-Oct 2024 than in the same
months of 2023"), or one end only ("than last January", "than the year before", "compared with Q3 last year"), the
other end being the same span a year apart or the latest. The quarter asked is not the nine months that end with it.
Every name and number here is invented; the expected values are worked out by hand from the figures."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import engine_over, figure_in, known_of

from qa.model.records import Op, Plan, Unit
from qa.pipeline import ask
from qa.understand.candidates import implied_end
from qa.understand.query import read_question
from qa.understand.score import period_fits

TEXT = ("Brackwell Foods said revenue in the three months to September 2024 was £610m, against £560m a year "
        "earlier; for the nine months to September revenue was £1.7bn (£1.6bn in 2023). The helpline took 9,400 "
        "calls in January, up from 7,100 in January 2024. Brackwell made 4,200 deliveries in Jan-Oct 2024 and 3,900 "
        "in the same months of 2023.")


def _known():
    def f(i, subject, measure, period, v, unit, quote):
        return figure_in(TEXT, "d", i, subject, measure, period, v, unit, quote)

    return known_of(TEXT, "d", [
        f("q3_24", "Brackwell Foods", "revenue", "2024-07/2024-09", 610e6, Unit.money, "£610m"),
        f("q3_23", "Brackwell Foods", "revenue", "2023-07/2023-09", 560e6, Unit.money, "£560m"),
        f("9m_24", "Brackwell Foods", "revenue", "2024-01/2024-09", 1.7e9, Unit.money, "£1.7bn"),
        f("9m_23", "Brackwell Foods", "revenue", "2023-01/2023-09", 1.6e9, Unit.money, "£1.6bn"),
        f("calls_25", "Helpline", "calls", "2025-01", 9400, Unit.count, "9,400"),
        f("calls_24", "Helpline", "calls", "2024-01", 7100, Unit.count, "7,100"),
        f("del_24", "Brackwell Foods", "deliveries", "2024-01/2024-10", 4200, Unit.count, "4,200"),
        f("del_23", "Brackwell Foods", "deliveries", "2023-01/2023-10", 3900, Unit.count, "3,900"),
    ], published="2025-02-10")


@pytest.mark.parametrize("question, years, months", [
    # the year of the first quarter named is kept: "Q3 2023" is not also 2024
    ("How much more revenue did Brackwell make in Q3 2024 than in Q3 2023?", {2023, 2024}, {"2024-09", "2023-09"}),
    ("How much more revenue did Brackwell make in Q3 2023 than in Q2 2024?", {2023, 2024}, {"2023-09", "2024-06"}),
    # a span of months given for one year is asked of the other year named too
    ("How many more deliveries were made in Jan-Oct 2024 than in the same months of 2023?", {2023, 2024},
     {"2024-10", "2023-10"}),
])
def test_the_periods_of_both_ends_are_read(question, years, months):
    r = read_question(_known(), question, 2025)
    assert set(r.years) == years
    assert months <= set(r.months)


@pytest.mark.parametrize("question, fits, misfits", [
    # the quarter asked, not the nine months ending with it
    ("How much more revenue did Brackwell make in Q3 2024 than in Q3 2023?", {"q3_24", "q3_23"}, {"9m_24", "9m_23"}),
    ("How many more deliveries were made in Jan-Oct 2024 than in the same months of 2023?", {"del_24", "del_23"},
     set()),
])
def test_the_span_asked_fits_and_a_longer_one_does_not(question, fits, misfits):
    known = _known()
    r = read_question(known, question, 2025)
    by_id = known.corpus.figures_by_id
    assert all(period_fits(by_id[i], r) is True for i in fits)
    assert all(period_fits(by_id[i], r) is False for i in misfits)


@pytest.mark.parametrize("question, ends, implied", [
    ("How many more calls did the helpline take this January than last January?", ("calls_24", "calls_25"),
     "calls_24"),
    ("How much more revenue did Brackwell make compared with Q3 2023?", ("q3_23", "q3_24"), "q3_24"),
    # both periods named: nothing is implied
    ("How much more revenue did Brackwell make in Q3 2024 than in Q3 2023?", ("q3_23", "q3_24"), None),
    # the other end is no span a year from the end named (nine months against a quarter)
    ("How much more revenue did Brackwell make compared with Q3 2023?", ("q3_23", "9m_24"), None),
    # ends of two measures are no series
    ("How much more revenue did Brackwell make compared with Q3 last year?", ("q3_23", "del_24"), None),
])
def test_the_end_a_question_leaves_unnamed(question, ends, implied):
    known = _known()
    r = read_question(known, question, 2025)
    if question.endswith("last January?"):
        r = replace(r, months=["2025-01"])  # "this January" of a document published in February 2025
    by_id = known.corpus.figures_by_id
    figs = [by_id[i] for i in ends]
    plan = Plan(operation=Op.difference, groups=[[i] for i in ends], figure_ids=list(ends))
    got = implied_end(plan, figs, r, known)
    assert (got[0].id if got else None) == implied


ARTICLE = """# Ashgrove Rail reports third-quarter results

Ashgrove Rail said on Tuesday that ticket revenue in the third quarter of 2024 was £412m, up from £388m in the third
quarter of 2023. Over the first nine months of 2024 ticket revenue reached £1,190m, compared with £1,105m in the same
period of 2023.

Its customer helpline answered 52,300 calls in January 2025, against 47,800 in January 2024.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, ARTICLE, "Ashgrove Rail reports third-quarter results", "2025-02-11")


@pytest.mark.parametrize("question, value", [
    ("How much more ticket revenue did Ashgrove Rail make in Q3 2024 than in Q3 2023?", 24e6),
    ("How many more calls did the helpline answer this January than last January?", 4500),
])
def test_the_gap_is_worked_out_from_both_ends(engine, question, value):
    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.value == pytest.approx(value)
