"""A difference, a total or a percent change is taken between two amounts of one kind. Two figures of an article more
than a hundred times apart in size never are ("£3,220m" beside a "£0.9" per-share amount, a count beside a rate per
1,000). A percent change is of one quantity at two times, so two figures an order of magnitude apart are its ends only
as one series (the same place and measure over periods of one kind: a town's visitors may grow twelvefold; a year's
total and one month's are no two ends). Two parts of one whole may differ tenfold and still be added or set apart.
Such a pair is no candidate, and the planner's own pair, when it is all that is left, is an abstention. Every name
and number here is invented."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Plan, Unit
from qa.understand.candidates import period_grain, unlike_operands

TEXT = ("Harlow Mills made revenue of £3,220m in 2024, and 90p a share. Its Dunmere plant made £410m and its Corvey "
        "plant £52m. Corvey absences were 18,011 pupils, a rate of 23.6 per 1,000. Visitors to Fenby rose from "
        "12,000 in 2023 to 150,000 in 2024. Fenby had 6,750,000 passengers in 2024 and 452,900 in December 2024. "
        "Some 188,000 more people were out of work, taking the total to 2,993,000. Police dropped 31 cases with a "
        "suspect named and 402 without one.")
D = "d"
REVENUE = figure_in(TEXT, D, "rev", "Harlow Mills", "revenue", "2024", 3_220_000_000, Unit.money, "£3,220m")
PER_SHARE = figure_in(TEXT, D, "eps", "Harlow Mills", "earnings per share", "2024", 0.9, Unit.money, "90p")
DUNMERE = figure_in(TEXT, D, "dun", "Dunmere", "revenue", "2024", 410_000_000, Unit.money, "£410m")
CORVEY = figure_in(TEXT, D, "cor", "Corvey", "revenue", "2024", 52_000_000, Unit.money, "£52m")
ABSENT = figure_in(TEXT, D, "abs", "Corvey", "absent pupils", "2024", 18011, Unit.count, "18,011")
RATE = figure_in(TEXT, D, "rat", "Corvey", "absent pupils per 1,000", "2024", 23.6, Unit.count, "23.6")
FENBY_23 = figure_in(TEXT, D, "f23", "Fenby", "visitors", "2023", 12000, Unit.count, "12,000")
FENBY_24 = figure_in(TEXT, D, "f24", "Fenby", "visitors", "2024", 150000, Unit.count, "150,000")
YEAR = figure_in(TEXT, D, "pyr", "Fenby", "passengers", "2024", 6_750_000, Unit.count, "6,750,000")
MONTH = figure_in(TEXT, D, "pdec", "Fenby", "passengers", "2024-12", 452_900, Unit.count, "452,900")
MORE = figure_in(TEXT, D, "more", "Fenby", "more out of work", "2024", 188_000, Unit.count, "188,000")
OUT = figure_in(TEXT, D, "out", "Fenby", "people out of work", "2024", 2_993_000, Unit.count, "2,993,000")
WITH = figure_in(TEXT, D, "with", "Fenby", "cases dropped with a suspect", "2024", 31, Unit.count, "31 cases")
WITHOUT = figure_in(TEXT, D, "without", "Fenby", "cases dropped without a suspect", "2024", 402, Unit.count, "402")
FIGURES = [WITH, WITHOUT, REVENUE, PER_SHARE, DUNMERE, CORVEY, ABSENT, RATE, FENBY_23, FENBY_24, YEAR, MONTH, MORE, OUT]
KNOWN = known_of(TEXT, D, FIGURES)


def plan(op: Op, *groups: list[str]) -> Plan:
    ids = [i for g in groups for i in g]
    return Plan(operation=op, resolved_question="q", figure_ids=ids, groups=[list(g) for g in groups])


@pytest.mark.parametrize("p, unlike", [
    (plan(Op.difference, ["rev"], ["eps"]), True),        # "by how much did revenue beat ...": £3,220m − 90p
    (plan(Op.sum, ["abs", "rat"]), True),                 # a count plus a rate per 1,000
    (plan(Op.difference, ["abs"], ["rat"]), True),
    (plan(Op.pct_change, ["more"], ["out"]), True),       # a rise of 188,000 against the level: 16 times apart
    (plan(Op.pct_change, ["pyr"], ["pdec"]), True),       # a year's passengers against one month's
    (plan(Op.difference, ["dun"], ["cor"]), False),       # two plants' revenue, 8 times apart: a real gap
    (plan(Op.sum, ["with", "without"]), False),           # two parts of one whole, 13 times apart: a real total
    (plan(Op.difference, ["without"], ["with"]), False),  # and a real gap
    (plan(Op.pct_change, ["with"], ["without"]), True),   # but no change of one quantity
    (plan(Op.pct_change, ["f23"], ["f24"]), False),       # one series over two years may grow twelvefold
    (plan(Op.sum, ["dun", "cor"]), False),
    (plan(Op.ratio, ["rev"], ["eps"]), False),            # a ratio sets unlike sizes against each other by design
    (plan(Op.percentage_of, ["cor"], ["rev"]), False),    # a part of a whole may be a small part
    (plan(Op.lookup, ["rev"]), False),
    (plan(Op.sum, ["dun", "cor", "rev"]), False),         # a total of several is not two amounts set side by side
])
def test_unlike_operands(p, unlike):
    assert unlike_operands(p, KNOWN) is unlike


def test_a_number_the_question_gives_is_not_judged():
    given = PER_SHARE.model_copy(update={"id": "given", "doc_id": ""})
    known = known_of(TEXT, D, [*FIGURES, given])
    assert not unlike_operands(plan(Op.difference, ["rev"], ["given"]), known)


@pytest.mark.parametrize("period, grain", [
    ("2024", "9999"), ("2024-12", "9999-99"), ("2023/2024", "9999/9999"), ("2023-04/2024-03", "9999-99/9999-99"),
    ("", ""),
])
def test_period_grain(period, grain):
    assert period_grain(period) == grain
