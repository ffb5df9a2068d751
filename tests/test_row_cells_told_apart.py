"""Questions worded unlike the article: the figure asked for among cells of one table row that match the question's
names alike (a tonnage and a value, a stated change and a level), told apart by what the question's own words ask
(an amount of money, a change, a level). Invented names and numbers; the expected figures are read off the tables by
hand."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Unit
from qa.understand.query import read_question
from qa.understand.score import score_figures

LANDINGS = ("Port | Tonnes 2023 | Value 2023 (£m)\nWexmouth | 12,400 | 31.2\nHolbridge | 8,150 | 19.7\n"
            "Landings at Wexmouth held up last year.")
TRIPS = ("City | Change in daily riders (%) | Cycling share of trips (%)\nDunmore | 4.0 | 27.5\nKelby | 2.5 | 11.0\n"
         "Dunmore remains the cycling capital.")
FARES = ("System | Previous fare | Change in fare\nDunmore Transit | $2.50 | +$0.40\nKelby Metro | $2.25 | +$0.15\n"
         "Fares rose in both cities in July.")


def _landings():
    def f(i, subject, measure, v, unit, quote):
        return figure_in(LANDINGS, "d", i, subject, measure, "2023", v, unit, quote)
    # the cells of a row: the first in the text is the tonnage, whose label matches the question as well as the value's
    return known_of(LANDINGS, "d", [
        f("w_t", "Wexmouth", "tonnes (landings)", 12_400, Unit.count, "12,400"),
        f("w_v", "Wexmouth", "value (landings)", 31_200_000, Unit.money, "31.2"),
        f("h_t", "Holbridge", "tonnes (landings)", 8_150, Unit.count, "8,150"),
        f("h_v", "Holbridge", "value (landings)", 19_700_000, Unit.money, "19.7"),
    ])


def _one_unit(text: str, period: str, unit: Unit, published: str, cells: list[tuple]):
    """A table's row cells, all in one unit and period: (id, subject, measure, value, quote) each."""
    return known_of(text, "d", [figure_in(text, "d", i, subject, measure, period, v, unit, quote)
                                for i, subject, measure, v, quote in cells], published=published)


def _trips():
    return _one_unit(TRIPS, "2024", Unit.percent, "2025-03-01", [
        ("d_c", "Dunmore", "percent change in daily riders", 4.0, "4.0"),
        ("d_s", "Dunmore", "cycling share of trips (daily riders)", 27.5, "27.5"),
        ("k_c", "Kelby", "percent change in daily riders", 2.5, "2.5"),
        ("k_s", "Kelby", "cycling share of trips (daily riders)", 11.0, "11.0"),
    ])


def _fares():
    return _one_unit(FARES, "2025-07", Unit.money, "2025-08-01", [
        ("d_p", "Dunmore Transit", "previous fare (adult bus fare)", 2.50, "$2.50"),
        ("d_c", "Dunmore Transit", "change in adult bus fare", 0.40, "+$0.40"),
        ("k_p", "Kelby Metro", "previous fare (adult bus fare)", 2.25, "$2.25"),
        ("k_c", "Kelby Metro", "change in adult bus fare", 0.15, "+$0.15"),
    ])


@pytest.mark.parametrize("make, question, year, expected", [
    # an amount of money asked in other words: the row's value, not its tonnage
    (_landings, "what were Wexmouth's landings worth in 2023?", 2024, "w_v"),
    (_landings, "value of Holbridge's landings in 2023?", 2024, "h_v"),
    # the tonnage when the question says so (the money words do not pull every question to a value)
    (_landings, "how many tonnes were landed at Holbridge in 2023?", 2024, "h_t"),
    # a level looked up ("fraction of"): the share, not the change stated beside it
    (_trips, "fraction of Dunmore journeys by bike?", 2025, "d_s"),
    (_trips, "bike journeys in Kelby, fraction?", 2025, "k_s"),
    # and the change when the question asks one
    (_trips, "by how much did Kelby's daily riders go up?", 2025, "k_c"),
    # a change asked ("put ... up by"): the stated change, not the fare before it
    (_fares, "How many cents did Dunmore Transit put its fare up by?", 2025, "d_c"),
    (_fares, "What was the previous fare at Kelby Metro?", 2025, "k_p"),
])
def test_the_cell_the_question_asks_leads(make, question, year, expected):
    known = make()
    r = read_question(known, question, year)
    scored = score_figures(known, r, {})
    assert scored[0][1].id == expected


@pytest.mark.parametrize("question, unit", [
    ("fraction of Dunmore journeys by bike?", Unit.percent),  # read as a lookup: the words alone say a share
    ("what fraction of journeys in Dunmore are done by bicycle?", Unit.percent),
    ("what proportion of journeys in Dunmore are done by bicycle?", Unit.percent),
    ("how many daily riders did Kelby have?", Unit.count),
])
def test_a_fraction_of_asks_a_share(question, unit):
    assert read_question(_trips(), question, 2025).wants_unit is unit
