"""Calculations read wrong: the size of a fall or of a gap below ("how far below A is B"), the two compared of three
names a question gives, a ratio of amounts rather than of their growth rates, and a yes/no question whose check
cannot be read (qa/compose/answer.py, qa/understand/plans.py, qa/understand/verdict.py). Invented places, measures and
numbers; expected values worked out from the figures by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.compose.answer import FALL_ASKED
from qa.model.records import Op, Plan, Unit
from qa.understand.plans import PLANNERS, Context, compared_pair, pair
from qa.understand.query import read_question
from qa.understand.verdict import asks_verdict


@pytest.mark.parametrize("question, fall", [
    ("how many percentage points has the share of donors dropped by?", True),
    ("how far has the rate fallen since 2019?", True),
    ("how far below the pre-pandemic level is the approval rate, in points?", True),
    ("how many points behind the leader are the greens?", True),
    ("how many cases has the force dropped despite a suspect?", False),  # "dropped" is what was counted
    ("how many points has the rate risen?", False),
    ("how far above the target is the rate?", False),
])
def test_the_size_of_a_fall_or_a_gap_below_is_asked(question, fall):
    assert bool(FALL_ASKED.search(question)) is fall


WORKS_TEXT = ("Northworks made an operating profit of $620m in the quarter, up 20%, and Southworks $155m, down 5%. "
              "Segment operating profit came to $775m before $40m of unallocated costs.")


def _works_known():
    def f(i, who, measure, v, quote, unit=Unit.money):
        return figure_in(WORKS_TEXT, "d", i, who, measure, "2024-07/2024-09", v, unit, quote)

    return known_of(WORKS_TEXT, "d", [
        f("n_op", "Northworks", "operating profit", 620e6, "$620m"),
        f("n_chg", "Northworks", "percent change in operating profit", 20.0, "20%", Unit.percent),
        f("s_op", "Southworks", "operating profit", 155e6, "$155m"),
        f("s_chg", "Southworks", "percent change in operating profit", -5.0, "5%", Unit.percent),
        f("seg", "Segment operating profit", "profit before unallocated costs", 775e6, "$775m"),
        f("unalloc", "Segment operating profit", "unallocated costs", 40e6, "$40m"),
    ], published="2024-10-20")


def test_of_three_names_the_two_with_like_figures_are_compared():
    known = _works_known()
    ctx = Context(known=known, sims={}, doc_year=2024)
    # Northworks and Southworks share two measures of one period; the caption's name shares none with either
    assert compared_pair(ctx, ["Northworks", "Segment operating profit", "Southworks"]) == (
        "Northworks", "Southworks", ["Segment operating profit"])
    # nothing shared: the first two, as named
    assert compared_pair(ctx, ["Segment operating profit", "Elsewhere", "Nowhere"])[:2] == (
        "Segment operating profit", "Elsewhere")


@pytest.mark.parametrize("question, ids", [
    # the two divisions' amounts: 620 / 155 = 4 times, not 20% / -5%
    ("Northworks operating profit is how many times Southworks'?", [["n_op"], ["s_op"]]),
])
def test_a_ratio_is_of_amounts_unless_a_change_is_asked(question, ids):
    known = _works_known()
    r = replace(read_question(known, question.lower(), 2024), operation=Op.ratio,
                subjects=["Northworks", "Segment operating profit", "Southworks"])
    ctx = Context(known=known, sims={}, doc_year=2024)
    plan = PLANNERS[Op.ratio](ctx, Plan(operation=Op.ratio, resolved_question=question), r)
    assert plan.groups == ids
    # the pair of halves itself reads the two divisions, whatever else is named
    groups = pair(ctx, r, Unit.money)
    assert groups is not None and sorted(f.id for g in groups for f in g) == ["n_op", "s_op"]


@pytest.mark.parametrize("lowered, verdict", [
    ("did spain overtake denmark as fastest?", True),
    ("is any city in the table over the legal limit?", True),
    ("was this the worst january since records began?", True),
    ("can you tell me the price in northvale?", False),   # a request put as a question
    ("do you know how many seats the greens won?", False),
    ("what was the price in northvale?", False),
    ("the top sentence is five years, isn't it?", False),  # a claim to check, led in
])
def test_a_question_put_as_yes_or_no(lowered, verdict):
    assert asks_verdict(lowered) is verdict


HOMES_TEXT = "Northvale values fell 0.1% in June, and are up 1.2% on a year earlier. They rose 0.4% in May."


@pytest.mark.parametrize("figures, ids", [
    # a month's change and a year's change both dated June are no series to take a change over
    ([("m_jun", "2024-06", -0.1, "0.1%"), ("y_jun", "2024-06", 1.2, "1.2%")], None),
    # two months are: May then June
    ([("m_jun", "2024-06", -0.1, "0.1%"), ("m_may", "2024-05", 0.4, "0.4%")], [["m_may"], ["m_jun"]]),
])
def test_one_period_twice_is_no_series(figures, ids):
    from qa.understand.plans import series_ends

    figs = [figure_in(HOMES_TEXT, "d", i, "Northvale", "percent change in values", p, v, Unit.percent, q)
            for i, p, v, q in figures]
    known = known_of(HOMES_TEXT, "d", figs, published="2024-07-01")
    r = read_question(known, "did northvale values go up?", 2024)
    got = series_ends(Context(known=known, sims={}, doc_year=2024), r, figs[0])
    assert (None if got is None else [[f.id for f in g] for g in got]) == ids
