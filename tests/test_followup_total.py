"""A follow-up about a total the answer before worked out ("what % of the national total is that?" after "add up
A, B and C"): the figures that add up to it are the part. Invented figures: no evaluation article is read here."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Turn, Unit
from qa.understand.query import summed_before

TEXT = ("Northvale burned 1,910,600 acres in 2024, Eastmoor 1,041,800 and Westfell 368,500. "
        "Southby burned 90,000. Across the country 8,924,900 acres burned.")


@pytest.fixture(scope="module")
def known():
    def fig(i: str, subject: str, value: float, quote: str, measure: str = "acres burned"):
        return figure_in(TEXT, "d", i, subject, measure, "2024", value, Unit.count, quote)
    figs = [fig("n", "Northvale", 1_910_600, "1,910,600"), fig("e", "Eastmoor", 1_041_800, "1,041,800"),
            fig("w", "Westfell", 368_500, "368,500"), fig("s", "Southby", 90_000, "90,000"),
            fig("t", "Country", 8_924_900, "8,924,900", "acres burned nationally")]
    return known_of(TEXT, "d", figs, "2025-01-10")


@pytest.mark.parametrize("question, earlier, answer, ids", [
    # the places the question before named, whose sum the answer states (rounded to three figures)
    ("what % of the national total is that?", "Add up the acres burned in Northvale, Eastmoor and Westfell.",
     "About 3.32 million acres.", ["n", "e", "w"]),
    # no place named: every row of the column
    ("what share of the country's total is that?", "Add up the acres burned in all four areas.",
     "3,410,900 acres.", ["n", "e", "w", "s"]),
    # the answer states a figure, not a total: nothing is summed
    ("what % of the national total is that?", "How many acres burned in Northvale?", "1,910,600 acres.", []),
    # a total no rows add up to
    ("what % of the national total is that?", "Add up the acres burned in Northvale and Eastmoor.",
     "About 5 million acres.", []),
    # no reference back
    ("what share of the national total was Northvale's?", "Add up the acres burned in Northvale and Eastmoor.",
     "2,952,400 acres.", []),
])
def test_the_figures_a_stated_total_adds_up(known, question, earlier, answer, ids):
    got = summed_before(known, question, [Turn(question=earlier, answer=answer)])
    assert sorted(got) == sorted(ids)
