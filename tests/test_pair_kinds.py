"""The two operands of a two-figure calculation, paired by how the question says them: a change "since" a year runs
from that year's figure to the series' latest, which may be of the year the article is published (not only up to
the year before); and a gap said by where one thing stands against another ("above the margin for all divisions",
"how many points behind the national recovery is X?") is between those two things, as with "than". Invented names
and numbers; the expected pairs are read off the figures by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Plan, Unit
from qa.understand.plans import Context, pair, plan_share, than_other, than_sides
from qa.understand.query import read_question

PLOT_TEXT = ("Under-40s made up 41 per cent of new plot applicants this spring, against 35 per cent in 2021 and "
             "29 per cent in 2019. Waiting lists: 2018-19 4,100; 2021-22 5,200; 2023-24 6,900.")


def _plot_known():
    def f(i, measure, period, v, unit, quote):
        return figure_in(PLOT_TEXT, "d", i, "Kessford Growers", measure, period, v, unit, quote)

    return known_of(PLOT_TEXT, "d", [
        f("u_24", "share of new plot applicants under 40", "2024-03", 41, Unit.percent, "41 per cent"),
        f("u_21", "share of new plot applicants under 40", "2021", 35, Unit.percent, "35 per cent"),
        f("u_19", "share of new plot applicants under 40", "2019", 29, Unit.percent, "29 per cent"),
        f("w_19", "people on plot waiting lists", "2018-04/2019-03", 4100, Unit.count, "4,100"),
        f("w_22", "people on plot waiting lists", "2021-04/2022-03", 5200, Unit.count, "5,200"),
        f("w_24", "people on plot waiting lists", "2023-04/2024-03", 6900, Unit.count, "6,900"),
    ], published="2024-06-01")


@pytest.mark.parametrize("question, start, open_end", [
    ("by how many points has the under-40 share of plot applicants risen since 2019", 2019, True),
    ("how much have plot waiting lists grown since 2018-19, in percent?", 2019, True),  # the year 2018-19 ends in
    ("how much did plot waiting lists grow between 2019 and 2023?", 2019, False),
])
def test_since_reads_an_open_range(question, start, open_end):
    r = read_question(_plot_known(), question, 2024)
    assert r.year_range is not None and r.year_range[0] == start
    assert r.open_end is open_end


@pytest.mark.parametrize("question, op, unit, ids", [
    # 29% in 2019 to 41% in spring 2024: the latest is of the year published, past the range's nominal end (2023)
    ("by how many points has the under-40 share of plot applicants risen since 2019", Op.pp_difference, Unit.percent,
     [["u_19"], ["u_24"]]),
    # 4,100 in 2018-19 to 6,900 in 2023-24: counted from the year 2018-19 ends in, to the latest
    ("how much have plot waiting lists grown since 2018-19, in percent?", Op.pct_change, Unit.count,
     [["w_19"], ["w_24"]]),
])
def test_since_runs_to_the_latest(question, op, unit, ids):
    known = _plot_known()
    r = replace(read_question(known, question, 2024), operation=op)
    groups = pair(Context(known=known, sims={}, doc_year=2024), r, unit)
    assert groups is not None
    assert [[f.id for f in g] for g in groups] == ids


@pytest.mark.parametrize("question, sides, other", [
    ("how many points behind the national recovery is dunmore?", ("dunmore", "the national recovery"), True),
    ("how many points is the widget margin above the margin for all divisions?",
     ("how many points is the widget margin", "the margin for all divisions"), True),
    ("how far below the 2019 peak is the 2024 total?", ("the 2024 total", "the 2019 peak"), False),  # a time
    ("is the order book above $40bn?", ("is the order book", "$40bn"), False),  # a size
    ("what share of tenants are behind on their bills?", None, False),  # "behind on" is no gap to another thing
    ("how many more visits than in 2019?", ("how many more visits", "in 2019"), False),
])
def test_sides_of_a_gap(question, sides, other):
    assert than_sides(question) == sides
    assert than_other(question) is other


MARGIN_TEXT = ("Brindle Group's operating margin was 16.3 per cent in the quarter. Segment table: Widgets 20.4; "
               "Gadgets 12.1.")


def _margin_known():
    def f(i, who, measure, v, quote):
        return figure_in(MARGIN_TEXT, "d", i, who, measure, "2024-07/2024-09", v, Unit.percent, quote)

    return known_of(MARGIN_TEXT, "d", [
        f("group", "Brindle Group", "group operating margin", 16.3, "16.3 per cent"),
        f("widgets", "Widgets", "operating margin", 20.4, "20.4"),
        f("gadgets", "Gadgets", "operating margin", 12.1, "12.1"),
    ], published="2024-10-20")


@pytest.mark.parametrize("question, ids", [
    # 20.4 - 16.3 = 4.1 points: the widget row against the group's margin the text states
    ("How many percentage points is the widgets operating margin above the group margin?", [["widgets"], ["group"]]),
    # 16.3 - 12.1 = 4.2 points behind: the thing measured is named after the verb
    ("How many points behind the group operating margin is gadgets?", [["gadgets"], ["group"]]),
])
def test_a_gap_said_by_where_one_stands(question, ids):
    known = _margin_known()
    r = replace(read_question(known, question, 2024), operation=Op.pp_difference)
    groups = pair(Context(known=known, sims={}, doc_year=2024), r, Unit.percent)
    assert groups is not None
    assert [[f.id for f in g] for g in groups] == ids


# 14,110 + 13,040 = 27,150 of 95,590 beds: the whole is England's row, not "East of England" (a related name, but
# 10,860 is smaller than the part)
BEDS = ("| Region | Beds occupied |\n|---|---|\n| East of England | 10,860 |\n| London | 14,110 |\n"
        "| South East | 13,040 |\n| North West | 12,470 |\n| England | 95,590 |")


def _beds_known():
    def fig(i, subject, v, quote):
        return figure_in(BEDS, "b", i, subject, "beds occupied", "2025-01", v, Unit.count, quote)

    return known_of(BEDS, "b", [fig("east", "East of England", 10_860, "10,860"), fig("lon", "London", 14_110, "14,110"),
                                fig("se", "South East", 13_040, "13,040"), fig("nw", "North West", 12_470, "12,470"),
                                fig("eng", "England", 95_590, "95,590")], published="2025-02-10")


@pytest.mark.parametrize("question, groups", [
    ("what % of all occupied beds in england were in london and the south east together?", [["lon", "se"], ["eng"]]),
    ("what share of the beds occupied in england were in the north west?", [["nw"], ["eng"]]),
])
def test_the_whole_is_the_named_place_not_a_smaller_related_one(question, groups):
    known = _beds_known()
    r = read_question(known, question, 2025)
    plan = plan_share(Context(known=known, sims={}, doc_year=2025), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of and plan.groups == groups, plan



@pytest.mark.parametrize("question, other", [
    ("how many more over-25s than 19-24 year olds started a course in 2023/24?", True),  # an age band, no time
    ("how far above the 10-year average was last year's burned area?", True),  # another figure, no year
    ("how many times bigger was the bill in 23-24 than in 19-20?", False),  # a split year
    ("how many more visits than in 2019?", False),
    ("is it more than 12 months ago?", False),
    ("did they average more than 6,000 fans?", False),  # a size
])
def test_a_number_after_than_is_a_time_a_size_or_a_group(question, other):
    assert than_other(question) is other
