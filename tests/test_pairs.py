"""Two operands of a calculation between two named things: one measure and period both places have (a table's column
read down two rows), and a comparison with another thing ("than the overall rate") that is no change over time.
Invented places, measures and numbers; expected pairs worked out from the figures by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Unit
from qa.understand.plans import Context, pair, than_other
from qa.understand.query import read_question


@pytest.mark.parametrize("question, other", [
    ("how many more seats did the reds win than the blues?", True),
    ("how many points higher is the rate for older workers than the overall rate?", True),
    ("how much bigger was the grant than the debt owed?", True),
    ("how many more seats did the reds win than in 2019?", False),      # an earlier time
    ("how many more cases than the year before?", False),
    ("how much more was paid than in the same quarter of 2022?", False),
    ("how many fewer than a decade ago?", False),
    ("is it higher than last month?", False),
    ("are they approving more loans than they were a year ago?", False),  # the same thing at another time
    ("did offences rise by more than a third?", False),                 # a size, not another thing
    ("did it more than double?", False),
    ("how many were recorded by forces other than northvale?", False),  # a place left out
    ("how many seats did the reds win?", False),                        # no comparison at all
])
def test_than_names_another_thing_or_another_time(question, other):
    assert than_other(question) is other


PET_TEXT = ("Owners in Northvale now pay almost £190 a week for pet care. In Southvale the weekly bill is lower. "
            "Table: average weekly price of pet care. Northvale: 2023 178.20, 2024 189.73. "
            "Southvale: 2023 139.80, 2024 146.50.")


def _pet_known():
    def f(i, who, measure, period, v, quote):
        return figure_in(PET_TEXT, "d", i, who, measure, period, v, Unit.money, quote)

    return known_of(PET_TEXT, "d", [
        f("n_text", "Northvale", "owners now pay week for pet care", "2024-01", 190, "almost £190 a week"),
        f("n_23", "Northvale", "average weekly price of pet care", "2023", 178.2, "178.20"),
        f("n_24", "Northvale", "average weekly price of pet care", "2024", 189.73, "189.73"),
        f("s_23", "Southvale", "average weekly price of pet care", "2023", 139.8, "139.80"),
        f("s_24", "Southvale", "average weekly price of pet care", "2024", 146.5, "146.50"),
    ])


@pytest.mark.parametrize("question, op, ids", [
    # the rounded text figure of one place is not set beside the other's table cell: both cells of 2024 (the latest)
    ("How much more per week does pet care cost in Northvale than in Southvale?", Op.difference, [["n_24"], ["s_24"]]),
    ("How many times the Southvale price is the Northvale price of pet care?", Op.ratio, [["s_24"], ["n_24"]]),
    ("How much more did pet care cost in Northvale than in Southvale in 2023?", Op.difference, [["n_23"], ["s_23"]]),
])
def test_two_places_take_one_measure_and_period_both_have(question, op, ids):
    known = _pet_known()
    r = replace(read_question(known, question, 2024), operation=op)
    groups = pair(Context(known=known, sims={}, doc_year=2024), r, None)
    assert groups is not None and [[f.id for f in g] for g in groups] == ids


RATE_TEXT = ("The jobless rate for older workers was 5.7 percent in September, up from 5.3 percent in August. "
             "The overall jobless rate held at 3.8 percent.")


@pytest.mark.parametrize("question, ids", [
    # the thing after "than" is another figure (the overall rate), not August's figure of the same series
    ("How many points higher is the older workers' jobless rate than the overall rate?", [["o_sep"], ["all_sep"]]),
    # measured against an earlier time: the series' two months
    ("How many points higher was the older workers' jobless rate than the month before?", [["o_aug"], ["o_sep"]]),
])
def test_than_another_thing_is_no_change_over_time(question, ids):
    def f(i, who, measure, period, v, quote):
        return figure_in(RATE_TEXT, "d", i, who, measure, period, v, Unit.percent, quote)

    known = known_of(RATE_TEXT, "d", [
        f("o_sep", "Older workers", "jobless rate for older workers", "2023-09", 5.7, "5.7 percent"),
        f("o_aug", "Older workers", "jobless rate for older workers", "2023-08", 5.3, "5.3 percent"),
        f("all_sep", "Northvale", "overall jobless rate", "2023-09", 3.8, "3.8 percent"),
    ], published="2023-10-06")
    r = replace(read_question(known, question, 2023), operation=Op.pp_difference)
    groups = pair(Context(known=known, sims={}, doc_year=2023), r, Unit.percent)
    assert groups is not None and [[f.id for f in g] for g in groups] == ids


PRICE_TEXT = ("A fast plan costs €31.90 a month in Northvale and €30.99 in Southvale. "
              "In Westvale it was £33.20 before conversion.")


def _price_known():
    def f(i, who, v, quote, currency):
        fig = figure_in(PRICE_TEXT, "d", i, who, "monthly price of a fast plan", "2024", v, Unit.money, quote)
        return fig.model_copy(update={"currency": currency})

    return known_of(PRICE_TEXT, "d", [f("n", "Northvale", 31.9, "€31.90", "EUR"), f("s", "Southvale", 30.99, "€30.99", "EUR"),
                                      f("w", "Westvale", 33.2, "£33.20", "GBP")])


@pytest.mark.parametrize("question, op, outcome", [
    # "cheaper" asks for the lower of the two
    ("Which is cheaper for a fast plan, Northvale or Southvale?", Op.comparison, "prefer_low"),
    ("Which is dearer for a fast plan, Northvale or Southvale?", Op.comparison, "prefer_high"),
    # euros and pounds are no two amounts of one thing until converted
    ("How much more is a fast plan in Westvale than in Southvale?", Op.difference, "abstain"),
])
def test_cheaper_is_the_lower_and_currencies_are_not_mixed(question, op, outcome):
    from qa.model.records import Plan
    from qa.understand.plans import PLANNERS

    known = _price_known()
    r = replace(read_question(known, question, 2024), operation=op)
    plan = PLANNERS[op](Context(known=known, sims={}, doc_year=2024), Plan(operation=op, resolved_question=question), r)
    got = "abstain" if plan.operation is Op.abstain else ("prefer_low" if plan.prefer_low else "prefer_high")
    assert got == outcome
