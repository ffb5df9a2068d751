"""A share's whole stated outside the rows its part is one of: a national figure in the text under its own label and
period beside a table of regions (which may leave some regions out), or a company's revenue beside one division's.
Invented names and numbers; the expected operands are read off the text by hand."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Figure, Op, Plan, Unit
from qa.understand.plans import Context, plan_share
from qa.understand.query import read_question

# The regions' rows add up to 78,000 (40,000 + 25,000 + 13,000); the country's 90,000 includes regions not shown.
# The 85,000 of 2023 is of another year, and the 120,000 applications is no total of homes (a smaller figure than
# the country's would otherwise be "the nearest total").
STARTS = ("Builders began 90,000 homes across Veldoria in January to September, up from 85,000 a year before. "
          "Permits reached 120,000 applications. "
          "| Region | 2024 |\n|---|---|\n| Northmark | 40.0 |\n| Eastvale | 25.0 |\n| Southfell | 13.0 |")


def starts() -> list[Figure]:
    def fig(i: str, subject: str, measure: str, period: str, v: float, quote: str) -> Figure:
        return figure_in(STARTS, "s", i, subject, measure, period, v, Unit.count, quote)
    return [fig("nat", "Veldoria", "homes across Veldoria", "2024-01/2024-09", 90_000, "90,000 homes"),
            fig("nat23", "Veldoria", "homes across Veldoria", "2023-01/2023-09", 85_000, "85,000"),
            fig("permits", "Permits", "applications", "2024-01/2024-09", 120_000, "120,000 applications"),
            fig("nm", "Northmark", "housing starts", "2024", 40_000, "40.0"),
            fig("ev", "Eastvale", "housing starts", "2024", 25_000, "25.0"),
            fig("sf", "Southfell", "housing starts", "2024", 13_000, "13.0")]


REVENUE = "Korvel Foods reported revenue of $900m in 2024. Its Coastal division generated revenue of $360m in 2024."


def revenue() -> list[Figure]:
    return [figure_in(REVENUE, "r", "all", "Korvel Foods", "reported revenue", "2024", 900e6, Unit.money, "$900m"),
            figure_in(REVENUE, "r", "coast", "Coastal", "coastal division generated revenue", "2024", 360e6, Unit.money,
                      "$360m")]


@pytest.mark.parametrize("text, doc, make, question, groups", [
    # a region's row against the national figure of the text (not the rows added up: 40,000 / 90,000, not / 78,000)
    (STARTS, "s", starts, "What share of the national starts in 2024 were in Northmark?", [["nm"], ["nat"]]),
    # several regions named as a group, with a number that counts them (no figure is 2)
    (STARTS, "s", starts, "What percentage of all starts in 2024 were in the two regions Northmark and Eastvale "
                          "together?", [["nm", "ev"], ["nat"]]),
    # one division's figure, the only one of its kind, against the company's revenue the whole's words name
    (REVENUE, "r", revenue, "What share of revenue came from Coastal?", [["coast"], ["all"]]),
])
def test_a_share_takes_the_total_the_article_states_outside_the_rows(text, doc, make, question, groups):
    known = known_of(text, doc, make())
    r = read_question(known, question, 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of and plan.groups == groups, plan


# One row per month: passengers and flights of one airport; an average per thing counted divides two cells of a row.
ROWS = ("| Month | Passengers | Flights |\n|---|---|---|\n| November | 300,000 | 2,500 |\n| December | 420,000 | 3,500 |\n"
        "Tarnby Airport handled 6,000,000 passengers in the year.")


def rows() -> list[Figure]:
    def fig(i: str, measure: str, period: str, v: float, quote: str) -> Figure:
        return figure_in(ROWS, "a", i, "Tarnby Airport", measure, period, v, Unit.count, quote)
    return [fig("nov_pax", "passengers", "2024-11", 300_000, "300,000"), fig("nov_fl", "flights", "2024-11", 2_500, "2,500"),
            fig("dec_pax", "passengers", "2024-12", 420_000, "420,000"), fig("dec_fl", "flights", "2024-12", 3_500, "3,500"),
            fig("year", "passengers", "2024", 6_000_000, "6,000,000")]


@pytest.mark.parametrize("question, groups", [
    # 420,000 passengers / 3,500 flights in December: the amount first, the thing counted out second
    ("On average how many passengers per flight were there in December 2024?", [["dec_pax"], ["dec_fl"]]),
    ("How many passengers did each flight carry in November 2024?", [["nov_pax"], ["nov_fl"]]),
    # "per head" is a rate the article would state, not two counts divided
    ("What was the average number of passengers per head in December 2024?", None),
])
def test_an_average_per_thing_counted_divides_two_cells_of_a_row(question, groups):
    from qa.understand.plans import per_unit

    known = known_of(ROWS, "a", rows())
    got = per_unit(Context(known=known, sims={}, doc_year=2025), read_question(known, question, 2025))
    assert (got if got is None else [[f.id for f in g] for g in got]) == groups

