"""The two ends of a change asked in the short forms people write periods in: a financial year written short ("in
23/24 than in 21/22"), a month against the same month a year before ("this March than last"), this year against last
year ("in H1 this year than in H1 last year"); a month's figure read across its series to the other month; and one end
quoted as a number, the other named in words ("going from £575 to the new cap"). Every name and number here is
invented; the expected values are worked out by hand from the figures."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Unit
from qa.understand.plans import Context, by_number, pair, quoted_and_named
from qa.understand.query import SHORT_SPLIT_YEAR, _short_year, read_question

TEXT = ("Tarnley Council issued 3,120 parking permits in 2023-24, against 2,480 in 2021-22 and 2,900 in 2022-23. "
        "The tip took 4,300 bookings this March, up from 3,650 in March last year. Average collection times were "
        "6.2 days across the county (5.8 a year earlier), 7.9 days in Upper Tarn (7.1) and 5.0 days in Low Tarn (4.9).")


def _known():
    def f(i, subject, measure, period, v, unit, quote):
        return figure_in(TEXT, "d", i, subject, measure, period, v, unit, quote)

    return known_of(TEXT, "d", [
        f("p24", "Tarnley Council", "parking permits", "2023-04/2024-03", 3120, Unit.count, "3,120"),
        f("p22", "Tarnley Council", "parking permits", "2021-04/2022-03", 2480, Unit.count, "2,480"),
        f("p23", "Tarnley Council", "parking permits", "2022-04/2023-03", 2900, Unit.count, "2,900"),
        f("b25", "Tarnley Council", "tip bookings", "2025-03", 4300, Unit.count, "4,300"),
        f("b24", "Tarnley Council", "tip bookings", "2024-03", 3650, Unit.count, "3,650"),
    ], published="2025-04-20")


@pytest.mark.parametrize("written, read", [
    ("in 23/24 than in 21/22", "in 2023/24 than in 2021/22"),
    ("since 19-20", "since 2019/20"),
    ("the 24/25 season", "the 2024/25 season"),
    # not a year after a year: an age band, a range of sizes, a score, days of a month, a fraction of a number
    ("16-17 year olds", "16-17 year olds"),
    ("aged 16-17", "aged 16-17"),
    ("between 18-24 and 25-34", "between 18-24 and 25-34"),
    ("up 12-13%", "up 12-13%"),
    ("10-11 percent", "10-11 percent"),
    ("from 23-24 march", "from 23-24 march"),
    ("a score of 21-14", "a score of 21-14"),
    ("1.23/24", "1.23/24"),
])
def test_a_financial_year_written_short_is_read_in_full(written, read):
    assert SHORT_SPLIT_YEAR.sub(_short_year, written) == read


@pytest.mark.parametrize("question, years, months", [
    # a financial year is counted by the year it ends in, as its figures' periods are
    ("How many more parking permits were issued in 23/24 compared to 21/22?", {2024, 2022}, set()),
    ("how many more permits in 22/23 than 21/22", {2023, 2022}, set()),
    # the month asked and the same month a year before
    ("How many more bookings did the tip take this March than last?", set(), {"2025-03", "2024-03"}),
    ("How many more bookings did the tip take in March compared with a year earlier?", set(),
     {"2025-03", "2024-03"}),
    # "than last month" is the month before, not the same month a year back
    ("How many more bookings did the tip take in March than last month?", set(), {"2025-03"}),
    # both years, when this year is measured against last year
    ("How many more bookings did the tip take this year than last year?", {2025, 2024}, set()),
    # last year alone is still the one year
    ("How many bookings did the tip take last year?", {2024}, set()),
])
def test_both_ends_of_the_change_are_read(question, years, months):
    r = read_question(_known(), question, 2025)
    assert set(r.years) == years
    assert set(r.months) == months


CAP_TEXT = ("From January the Harlow Water tariff cap rises to £612 a year, against £575 under the current cap. The "
            "board aims to connect 8,000 homes a year; it connected 6,400 homes last year. Pupils sat 9 subjects.")


def _cap_known():
    def f(i, subject, measure, period, v, unit, quote):
        return figure_in(CAP_TEXT, "d", i, subject, measure, period, v, unit, quote)

    return known_of(CAP_TEXT, "d", [
        f("cap_new", "Harlow Water", "tariff cap", "2025-01", 612, Unit.money, "£612"),
        f("cap_old", "Harlow Water", "under the current cap", "2024-12", 575, Unit.money, "£575"),
        f("target", "Harlow Water", "homes connected target", "2025", 8000, Unit.count, "8,000"),
        f("done", "Harlow Water", "homes connected", "2024", 6400, Unit.count, "6,400"),
        f("subjects", "Pupils", "subjects sat", "2024", 9, Unit.count, "9 subjects"),
    ], published="2024-12-20")


@pytest.mark.parametrize("question, op, unit, ids", [
    # one end quoted, the other named in words: the quoted amount is the one measured from
    ("Going from £575 under the current cap to the new tariff cap, what is the percentage rise?", Op.pct_change,
     Unit.money,
     [["cap_old"], ["cap_new"]]),
    ("How far short of the 8,000 homes a year target were the homes connected, in %?", Op.pct_change, Unit.count,
     [["target"], ["done"]]),
    # a small bare number is part of a name, not an end of the change
    ("How many more homes were connected than the 9 subjects?", Op.difference, Unit.count, None),
    # a number set aside ("besides the £575") is no end of the change
    ("Besides the £575 under the current cap, how much more is the new tariff cap?", Op.difference, Unit.money, None),
])
def test_a_quoted_amount_against_one_named(question, op, unit, ids):
    known = _cap_known()
    r = replace(read_question(known, question, 2025), operation=op)
    # every figure about as near the question in meaning: its words decide
    ctx = Context(known=known, sims={f.id: 0.2 for f in known.corpus.figures}, doc_year=2025)
    quoted = by_number(ctx, r, unit)
    groups = quoted_and_named(ctx, r, quoted[0]) if len(quoted) == 1 else None
    assert ([[f.id for f in g] for g in groups] if groups else None) == ids


MONTHS_TEXT = ("The county's tip bookings table: March 2025 4,300; March 2024 3,650. In March 2025 some 12 percent of "
               "bookings were cancelled, and bookings were up 650 on the year.")


def _months_known():
    def f(i, subject, measure, period, v, unit, quote):
        return figure_in(MONTHS_TEXT, "d", i, subject, measure, period, v, unit, quote)

    return known_of(MONTHS_TEXT, "d", [
        f("b25", "All tips", "tip bookings", "2025-03", 4300, Unit.count, "4,300"),
        f("b24", "All tips", "tip bookings", "2024-03", 3650, Unit.count, "3,650"),
        f("cancel", "All tips", "share of bookings cancelled", "2025-03", 12, Unit.percent, "12 percent"),
        f("chg", "All tips", "rise in tip bookings", "2024-03/2025-03", 650, Unit.count, "650"),
    ], published="2025-04-20")


@pytest.mark.parametrize("question", [
    "By what percent did tip bookings rise this March than last?",
    "By what percent did tip bookings rise on last March?",
])
def test_a_month_is_read_across_to_the_same_month_a_year_before(question):
    known = _months_known()
    r = replace(read_question(known, question, 2025), operation=Op.pct_change)
    groups = pair(Context(known=known, sims={f.id: 0.2 for f in known.corpus.figures}, doc_year=2025), r, Unit.count)
    assert groups is not None
    assert sorted(f.id for g in groups for f in g) == ["b24", "b25"]  # two levels, not a level and a stated change
