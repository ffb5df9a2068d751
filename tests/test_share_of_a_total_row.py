"""A share of a table's whole when the question names only the part ("What share of the 2024 budget goes on parks?"):
the whole is the table's total row ("Total spending") when the other rows (three or more) add up to it, not an
abstention for want of a total. A "total" row that the rows do not add up to is no such whole. Invented names and
numbers; the expected operands are read off the table by hand."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Figure, Op, Plan, Unit
from qa.understand.plans import Context, plan_share
from qa.understand.query import read_question

# 12,000 + 8,000 + 5,000 = 25,000: the total row adds up the three services
BUDGET = ("| Service | 2024 |\n|---|---|\n| Parks | 12,000 |\n| Libraries | 8,000 |\n| Roads | 5,000 |\n"
          "| Total spending | 25,000 |")
# 12,000 + 8,000 + 5,000 = 25,000, but the "total" row says 40,000 (services not shown): no whole of these rows
PARTIAL = ("| Service | 2024 |\n|---|---|\n| Parks | 12,000 |\n| Libraries | 8,000 |\n| Roads | 5,000 |\n"
           "| Total spending | 40,000 |")


def rows(text: str, total: float) -> list[Figure]:
    def fig(i: str, subject: str, v: float, quote: str) -> Figure:
        return figure_in(text, "b", i, subject, "council spending", "2024", v, Unit.money, quote)
    return [fig("parks", "Parks", 12_000, "12,000"), fig("lib", "Libraries", 8_000, "8,000"),
            fig("roads", "Roads", 5_000, "5,000"), fig("tot", "Total spending", total, f"{total:,.0f}")]


@pytest.mark.parametrize("text, total, question, groups", [
    (BUDGET, 25_000, "What share of the 2024 council spending goes on parks?", [["parks"], ["tot"]]),
    (BUDGET, 25_000, "How much of the council spending in 2024 went on roads, as a percentage?", [["roads"], ["tot"]]),
])
def test_a_share_of_the_total_row_the_rows_add_up_to(text, total, question, groups):
    known = known_of(text, "b", rows(text, total))
    r = read_question(known, question, 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of and plan.groups == groups, plan


def test_a_total_row_the_rows_do_not_add_up_to_is_not_taken():
    known = known_of(PARTIAL, "b", rows(PARTIAL, 40_000))
    r = read_question(known, "What share of the 2024 council spending goes on parks?", 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert not (plan.operation is Op.percentage_of and plan.groups == [["parks"], ["tot"]]), plan
