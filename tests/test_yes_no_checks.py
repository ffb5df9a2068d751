"""Yes/no checks: which calculations decide them, and a change measured over a named interval ("than a year ago",
"from the month before") back from the latest figure (qa/understand/verdict.py, candidates.py, plans.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Plan, Unit
from qa.understand.candidates import Candidate, decides
from qa.understand.plans import Context, interval_back, over_time
from qa.understand.query import read_question
from qa.understand.reader import VERDICT_CUT_SHIFT, cut_for
from qa.understand.verdict import Check, deciding_ops

LOAN_TEXT = ("Northvale lenders approved 13.6% of requests in December, up from 13.4% in November but below the 15.3% "
             "approved a year earlier and the 28.3% recorded in January 2020. Approvals were down 1.7 percentage points "
             "on the year. Lenders took 4,100 requests.")


def _loan_known():
    def f(i, measure, period, v, quote, unit=Unit.percent):
        return figure_in(LOAN_TEXT, "d", i, "Northvale", measure, period, v, unit, quote)

    return known_of(LOAN_TEXT, "d", [
        f("dec23", "share of requests approved", "2023-12", 13.6, "13.6%"),
        f("nov23", "share of requests approved", "2023-11", 13.4, "13.4%"),
        f("dec22", "share of requests approved", "2022-12", 15.3, "15.3%"),
        f("jan20", "share of requests approved", "2020-01", 28.3, "28.3%"),
        f("chg", "percentage point change in share of requests approved", "2022-12/2023-12", -1.7,
          "1.7 percentage points", Unit.percentage_points),
        f("requests", "requests", "2023-12", 4100, "4,100", Unit.count),
    ], published="2024-01-10")


@pytest.mark.parametrize("lowered, months", [
    ("are lenders approving more than they were a year ago?", 12),
    ("did that go up from the month before?", 1),
    ("was it higher than the previous quarter?", 3),
    ("is it up on one year earlier?", 12),
    ("was it higher than in 2019?", None),  # a year named, not an interval
    ("did approvals rise last year?", None),  # "last year" is a year, read as one
    ("is it higher than before the pandemic?", None),  # a time named by an event
])
def test_interval_back(lowered, months):
    assert interval_back(lowered) == months


@pytest.mark.parametrize("question, ids", [
    # the latest month (December 2023) against the month that far back; not the earliest (January 2020)
    ("Are Northvale lenders approving a bigger share of requests than a year ago?", [["dec22"], ["dec23"]]),
    ("Did the Northvale share of requests approved go up from the month before?", [["nov23"], ["dec23"]]),
    # no interval named: the earliest and the latest of the series
    ("How much did the Northvale share of requests approved change?", [["jan20"], ["dec23"]]),
    # an interval the series does not have (no September figure): none, rather than another pair
    ("Is the Northvale share of requests approved higher than the previous quarter?", None),
])
def test_a_change_over_a_named_interval_runs_back_from_the_latest(question, ids):
    known = _loan_known()
    r = replace(read_question(known, question, 2024), subjects=["Northvale"])
    groups = over_time(Context(known=known, sims={}, doc_year=2024), r, Unit.percent)
    assert (None if groups is None else [[f.id for f in g] for g in groups]) == ids


@pytest.mark.parametrize("check, ops", [
    # a direction is decided by a percent change, a gap in points (a change of a percentage) or a change stated
    (Check("direction"), (Op.pct_change, Op.pp_difference, Op.lookup)),
    (Check("change_above", threshold=25), (Op.pct_change, Op.lookup)),
    (Check("share_above", threshold=50), (Op.share, Op.lookup)),
    (Check("value_above", threshold=400, unit="count"), (Op.lookup,)),
    (Check("compare"), (Op.comparison,)),
    (Check("ratio_above", threshold=2), (Op.ratio,)),
])
def test_the_calculations_that_decide_a_check(check, ops):
    assert deciding_ops(check) == ops


@pytest.mark.parametrize("question, asked, op, ids, expected", [
    # a gap in points between two periods decides "higher than a year ago" and "than in 2020"
    ("Is the Northvale share of requests approved higher than a year ago?", "pp_difference", Op.pp_difference,
     ["dec22", "dec23"], True),
    ("Is the Northvale share of requests approved higher than in 2020?", "pp_difference", Op.pp_difference,
     ["jan20", "dec23"], True),
    # ... not "than before <an event>": which figure is of the event's time is not read
    ("Is the Northvale share of requests approved higher than before the merger?", "pp_difference",
     Op.pp_difference, ["jan20", "dec23"], False),
    # a looked-up figure decides a direction only when it is a change the article states
    ("Did the Northvale share of requests approved go up?", "lookup", Op.lookup, ["chg"], True),
    ("Did the Northvale share of requests approved go up?", "lookup", Op.lookup, ["dec23"], False),
    # ... and a share above a threshold only when it is a percentage
    ("Were more than half of Northvale requests approved?", "lookup", Op.lookup, ["dec23"], True),
    ("Were more than half of Northvale requests approved?", "lookup", Op.lookup, ["requests"], False),
    # a question with no check is decided by nothing
    ("What share of Northvale requests were approved?", "lookup", Op.lookup, ["dec23"], False),
])
def test_which_candidates_decide_a_check(question, asked, op, ids, expected):
    known = _loan_known()
    r = read_question(known, question, 2024)
    plan = Plan(operation=op, figure_ids=ids, groups=[[i] for i in ids])
    assert decides(Candidate(plan=plan, asked=asked), r, known) is expected


@pytest.mark.parametrize("question", [
    # no word of quantity ("how many", "share", "more", a number): a check of figures all the same
    "Did the Northvale queue of requests get shorter?",
    "Is it true the Northvale queue actually got longer?",
    "Did Northvale lenders get cheaper?",
])
def test_a_check_is_decided_by_figures_not_a_passage(question):
    r = read_question(_loan_known(), question, 2024)
    assert r.check is not None and r.quantitative and not r.is_text


@pytest.mark.parametrize("question, unit", [
    ("Is it true Northvale lenders took more than 4,000 requests?", Unit.count),  # a count threshold: a count
    ("Were more than half of Northvale requests approved?", Unit.percent),
    ("Did the number of Northvale requests double?", None),  # a change of a count is no count
    ("Did the Northvale approval rate go up?", Unit.percent),  # a change of a rate: points of the rate's percent
])
def test_a_check_wants_the_unit_that_decides_it(question, unit):
    r = read_question(_loan_known(), question, 2024)
    assert r.check is not None and r.wants_unit is unit


SEATS_TEXT = ("The Greens gained 245 seats. Table: seats by party. Green: 2019 239, 2023 484. "
              "Labour: 2019 2,000, 2023 2,500.")


def test_a_series_under_a_shorter_name_of_the_place_is_the_place_s():
    def f(i, who, measure, period, v, quote):
        return figure_in(SEATS_TEXT, "d", i, who, measure, period, v, Unit.count, quote)

    known = known_of(SEATS_TEXT, "d", [
        f("gained", "Greens", "seats gained", "2023", 245, "245"),
        f("g19", "Green", "seats", "2019", 239, "239"),
        f("g23", "Green", "seats", "2023", 484, "484"),
        f("l19", "Labour", "seats", "2019", 2000, "2,000"),
        f("l23", "Labour", "seats", "2023", 2500, "2,500"),
    ])
    r = read_question(known, "Did the Greens more than double their seats?", 2024)
    assert r.subjects == ["Greens"]
    groups = over_time(Context(known=known, sims={}, doc_year=2024), r, Unit.count)
    assert groups is not None and [[x.id for x in g] for g in groups] == [["g19"], ["g23"]]


@pytest.mark.parametrize("question, op, lowered_by", [
    ("Did the Northvale share of requests approved go up?", Op.pct_change, VERDICT_CUT_SHIFT),  # a verdict
    ("What share of Northvale requests were approved?", Op.lookup, 0.0),  # a figure stated as the answer
    ("Did the Northvale share of requests approved go up?", Op.abstain, 0.0),  # nothing to state
])
def test_a_verdict_is_given_at_lower_confidence_than_a_figure(question, op, lowered_by):
    plan = Plan(operation=op, resolved_question=question)
    assert cut_for(plan, 0.5) == pytest.approx(0.5 + lowered_by)
    assert cut_for(plan, None) is None
