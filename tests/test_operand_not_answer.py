"""A question the intent model is sure asks for a difference, a sum or a ratio ("how many more than Easton?", "the
total of A and B?", "how many times bigger?") is not answered by one figure of the article stated back on its own:
that figure is one operand of the calculation. A figure whose own words state such a result ("up 3,200", "a combined
5,000", "twice as many") still answers it, and an unsure reading is left to the ranker. Every name here is invented."""

from __future__ import annotations

import pytest
from made_figures import figure_in

from qa.model.records import Unit
from qa.understand.candidates import one_for_a_calculation
from qa.understand.query import Reading

TEXT = ("Northport libraries lent 12,400 books in 2024. Loans at Easton rose by 3,200 to 9,100. "
        "Westbay and Southholm lent a combined 5,000 e-books. Northport lent twice as many audiobooks as Easton.")
PLAIN = figure_in(TEXT, "d", "f1", "Northport", "books lent", "2024", 12400, Unit.count, "12,400 books")
CHANGE = figure_in(TEXT, "d", "f2", "Easton", "loans", "2024", 3200, Unit.count, "rose by 3,200")
TOTAL = figure_in(TEXT, "d", "f3", "Westbay and Southholm", "e-books lent", "2024", 5000, Unit.count,
                  "a combined 5,000 e-books")
TIMES = figure_in(TEXT, "d", "f4", "Northport", "audiobooks lent", "2024", 2, Unit.ratio, "twice as many")
GIVEN = PLAIN.model_copy(update={"doc_id": ""})  # a number the question itself gives


def reading(op: str, p: float) -> Reading:
    r = Reading(text="q", lowered="q")
    r.intents = ((op, p), ("lookup", 1 - p))
    return r


@pytest.mark.parametrize("op, p, figure, refused", [
    ("difference", 0.75, PLAIN, True),    # "how many more books did Northport lend than Easton?": an operand
    ("sum", 0.8, PLAIN, True),            # "total books lent by Northport and Easton?": an operand
    ("ratio", 0.7, PLAIN, True),          # "how many times more than Easton?": an operand
    ("difference", 0.75, CHANGE, False),  # the article states the rise itself
    ("sum", 0.8, TOTAL, False),           # the article states the combined figure
    ("ratio", 0.7, TIMES, False),         # the article states the multiple
    ("difference", 0.45, PLAIN, False),   # unsure: the ranker weighs it
    ("lookup", 0.9, PLAIN, False),        # a lookup asked is a lookup answered
    ("pct_change", 0.9, PLAIN, False),    # not one of the three (a stated percent change answers it)
    ("difference", 0.75, GIVEN, False),   # a number the question gives is not the article's figure
])
def test_one_operand_is_not_the_answer(op, p, figure, refused):
    assert one_for_a_calculation([figure], reading(op, p)) is refused


def test_two_figures_are_a_calculation_not_a_lookup():
    assert not one_for_a_calculation([PLAIN, CHANGE], reading("difference", 0.9))
