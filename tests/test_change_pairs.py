"""The two operands of a change over time of one subject: both ends of one quantity (not a total at one end and a
per-share amount of the same words at the other), and a change asked with a name that is the measure's own words (a
row or heading that names the measure, not a place). Invented names and numbers; the expected pairs are read off the
figures by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Unit
from qa.understand.plans import CHANGE_OPS, Context, like_sized, names_as_measure, pair
from qa.understand.query import read_question

INCOME_TEXT = ("Fernmoor Ltd said net income rose to £50m in 2024 from £40m in 2023. Per share, net income was "
               "71p against 62p.")


def _income_known():
    def f(i, period, v, quote):
        return figure_in(INCOME_TEXT, "d", i, "Fernmoor Ltd", "net income", period, v, Unit.money, quote)

    # the reader takes the per-share amounts for figures of the same measure (one series with two sizes a year)
    return known_of(INCOME_TEXT, "d", [
        f("ni_24", "2024", 50_000_000, "£50m"),
        f("ni_23", "2023", 40_000_000, "£40m"),
        f("ps_24", "2024", 0.71, "71p"),
        f("ps_23", "2023", 0.62, "62p"),
    ], published="2025-03-01")


@pytest.mark.parametrize("a, b, like", [
    (40_000_000, 50_000_000, True),
    (0.62, 0.71, True),
    (40_000_000, 0.71, False),     # a total and a per-share amount
    (2_111, 213, True),            # ten times more fires in a year is still a change of one thing
    (0, 5, True),
])
def test_like_sized(a, b, like):
    def f(v):
        return figure_in(INCOME_TEXT, "d", "x", "Fernmoor Ltd", "net income", "2024", v, Unit.money, "£50m")

    assert like_sized(f(a), f(b)) is like


@pytest.mark.parametrize("question, op", [
    ("By what percentage did Fernmoor's net income rise?", Op.pct_change),
    ("How much more net income did Fernmoor make than in 2023?", Op.difference),
])
def test_a_change_takes_both_ends_of_one_size(question, op):
    known = _income_known()
    r = replace(read_question(known, question, 2025), operation=op)
    groups = pair(Context(known=known, sims={}, doc_year=2025), r, Unit.money)
    assert groups is not None
    ids = [[f.id for f in g] for g in groups]
    assert ids in ([["ni_23"], ["ni_24"]], [["ps_23"], ["ps_24"]])   # never £40m against 71p


FERRY_TEXT = ("Eastford ferry trips fell to 1,200,000 in 2023 from 1,500,000 in 2019, while weekend ferry trips "
              "recovered to 91 percent of their 2019 level.")


def _ferry_known():
    def f(i, who, measure, period, v, unit, quote):
        return figure_in(FERRY_TEXT, "d", i, who, measure, period, v, unit, quote)

    return known_of(FERRY_TEXT, "d", [
        f("e_23", "Eastford", "ferry trips", "2023", 1_200_000, Unit.count, "1,200,000"),
        f("e_19", "Eastford", "ferry trips", "2019", 1_500_000, Unit.count, "1,500,000"),
        f("w_rec", "Weekend ferry trips", "share of 2019 level", "2023", 91, Unit.percent, "91 percent"),
    ], published="2024-06-01")


@pytest.mark.parametrize("question, op, unit, ids", [
    # "Weekend ferry trips" names the measure's words as a row: the change is Eastford's, 2019 to 2023
    ("By what percent did Eastford's ferry trips fall between 2019 and 2023?", Op.pct_change, None,
     [["e_19"], ["e_23"]]),
    ("How many fewer ferry trips did Eastford have in 2023 than in 2019?", Op.difference, None,
     [["e_19"], ["e_23"]]),
])
def test_a_name_that_is_the_measure_words(question, op, unit, ids):
    known = _ferry_known()
    r = replace(read_question(known, question, 2024), operation=op)
    ctx = Context(known=known, sims={}, doc_year=2024)
    groups = names_as_measure(ctx, r, unit)
    assert groups is not None
    assert sorted([f.id for f in g] for g in groups) == sorted(ids)
    assert op in CHANGE_OPS


CLASS_TEXT = ("Pottery classes drew 4,310 enrolments this year. Table: enrolments by course. Pottery: 2024 4,850, "
              "2025 4,310. Weaving: 2024 2,020, 2025 2,200.")


def _class_known():
    def f(i, who, measure, period, v, quote, at=0):
        start = CLASS_TEXT.index(quote, at)
        return figure_in(CLASS_TEXT, "d", i, who, measure, period, v, Unit.count, quote).model_copy(
            update={"start": start, "end": start + len(quote)})

    table = CLASS_TEXT.index("Table")
    return known_of(CLASS_TEXT, "d", [
        # the text's figure restates the table's 2025 cell, but the reader dated it a year early
        f("txt", "pottery enrolments", "pottery enrolments", "2024", 4310, "4,310"),
        f("p_24", "Pottery", "enrolments", "2024", 4850, "4,850", table),
        f("p_25", "Pottery", "enrolments", "2025", 4310, "4,310", table),
        f("w_24", "Weaving", "enrolments", "2024", 2020, "2,020", table),
        f("w_25", "Weaving", "enrolments", "2025", 2200, "2,200", table),
    ], published="2025-02-01")


@pytest.mark.parametrize("question, op, ids", [
    # 4,850 - 4,310 = 540 fewer; not 4,310 - 4,310 = 0 from one number stated twice
    ("How many fewer pottery enrolments were there in 2025 than in 2024?", Op.difference, [["p_24"], ["p_25"]]),
])
def test_one_number_stated_twice_is_no_change(question, op, ids):
    known = _class_known()
    r = replace(read_question(known, question, 2025), operation=op)
    groups = pair(Context(known=known, sims={}, doc_year=2025), r, Unit.count)
    assert groups is not None
    assert sorted([f.id for f in g] for g in groups) == sorted(ids)
