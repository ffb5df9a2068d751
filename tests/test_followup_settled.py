"""Calculations a follow-up settles on the figures the last answer stated: "what's that per household?" (the amount
over the count it stated) and "whats that as a % drop?" (the change between the two ends of one series it stated).
Invented figures: no evaluation article is read here."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.compute import calculator as calc
from qa.model.records import Op, Turn, Unit
from qa.understand.followup import answered_figures, settled_change, shared_out
from qa.understand.query import quoted_numbers

TEXT = ("The Tarnby heating grant cost £42 million in 2024, paid to 70,000 homes. Some 1.2 million people gave "
        "36 million hours of their time to Tarnby clubs. Kelso Lines carried 8,400 riders in 2024, up from 7,000 in "
        "2023, and ran 120 buses. Its on-time rate was 81.5%, against 84.0% a year before. The Ardley fund paid "
        "£9 million to 300 projects and to 450 schools.")


@pytest.fixture(scope="module")
def known():
    def fig(i, subject, measure, period, value, unit, quote):
        return figure_in(TEXT, "d", i, subject, measure, period, value, unit, quote)
    figs = [fig("grant", "Tarnby heating grant", "cost", "2024", 42_000_000, Unit.money, "£42 million"),
            fig("homes", "Tarnby heating grant", "homes paid", "2024", 70_000, Unit.count, "70,000"),
            fig("people", "Tarnby", "people", "", 1_200_000, Unit.count, "1.2 million"),
            fig("hours", "Tarnby", "hours given", "", 36_000_000, Unit.count, "36 million"),
            fig("r24", "Kelso Lines", "riders", "2024", 8_400, Unit.count, "8,400"),
            fig("r23", "Kelso Lines", "riders", "2023", 7_000, Unit.count, "7,000"),
            fig("buses", "Kelso Lines", "buses run", "2024", 120, Unit.count, "120"),
            fig("ot25", "Kelso Lines", "on-time rate", "2025", 81.5, Unit.percent, "81.5%"),
            fig("ot24", "Kelso Lines", "on-time rate", "2024", 84.0, Unit.percent, "84.0%"),
            fig("fund", "Ardley fund", "paid", "", 9_000_000, Unit.money, "£9 million"),
            fig("projects", "Ardley fund", "projects", "", 300, Unit.count, "300"),
            fig("schools", "Ardley fund", "schools", "", 450, Unit.count, "450")]
    return known_of(TEXT, "d", figs, "2025-02-01")


@pytest.mark.parametrize("question, answer, groups", [
    # money shared over the count stated beside it: money each
    ("what's that per home?", "£42 million in 2024, paid to 70,000 homes.", [["grant"], ["homes"]]),
    ("so roughly how much per home", "£42 million, paid to 70,000 homes.", [["grant"], ["homes"]]),
    # the count is known by the words the answer writes after its number, not its label alone
    ("and per project?", "£9 million to 300 projects.", [["fund"], ["projects"]]),
    # two counts stated: the follow-up names what is counted out ("volunteer" is not said), and what is shared
    ("how many hours is that per volunteer?", "1.2 million people gave 36 million hours.", [["hours"], ["people"]]),
    # "per head": over the one count stated
    ("how much is that per head then?", "£42 million, paid to 70,000 homes.", [["grant"], ["homes"]]),
    # the count named among two
    ("what's that per school?", "£9 million to 300 projects and 450 schools.", [["fund"], ["schools"]]),
    # two counts the thing could be, neither named: not settled
    ("what's that per member?", "£9 million to 300 projects and 450 schools.", []),
    # per a period is an average over time, not a share-out of what was stated
    ("whats that per month?", "£42 million, paid to 70,000 homes.", []),
    # one figure stated: nothing to share out
    ("what's that per home?", "£42 million in 2024.", []),
    # no "per": a share, not a share-out
    ("what share of the total is that?", "£42 million, paid to 70,000 homes.", []),
])
def test_a_follow_up_shares_out_what_was_stated(known, question, answer, groups):
    turns = [Turn(question="How much did the heating grant cost?", answer=answer)]
    assert shared_out(known, question, turns) == groups


@pytest.mark.parametrize("question, answer, settled", [
    # a percentage asked of two amounts of one series: the percent change from the one stated second
    ("whats that as a % drop?", "8,400, up from 7,000 in 2023.", (Op.pct_change, [["r23"], ["r24"]])),
    ("whats the exact percentage increase then", "8,400 riders, up from 7,000.", (Op.pct_change, [["r23"], ["r24"]])),
    # no percentage asked: the difference
    ("how much has it gone up by?", "8,400, up from 7,000.", (Op.difference, [["r23"], ["r24"]])),
    # of percentages, with no percentage asked: the difference (in points)
    ("so how much has it fallen by?", "81.5%, against 84.0% a year before.", (Op.difference, [["ot24"], ["ot25"]])),
    # a "% drop" of percentages may be in points or percent: not settled
    ("whats that as a % drop?", "81.5%, against 84.0% a year before.", None),
    # compared with something the follow-up names: its own operands
    ("how much more is that than the buses?", "8,400, up from 7,000.", None),
    # two figures of different things are no series
    ("how much has it gone up by?", "8,400 riders on 120 buses.", None),
    # no change asked
    ("what share of the total is that?", "8,400, up from 7,000.", None),
    # a percentage "in terms" of an answer that stated a change: that change as a percentage, "that" said or not
    ("and in % terms?", "8,400, up from 7,000 in 2023.", (Op.pct_change, [["r23"], ["r24"]])),
    ("whats that in percentage terms?", "8,400 riders, up from 7,000.", (Op.pct_change, [["r23"], ["r24"]])),
    # the answer stated no change: nothing to put in percentage terms
    ("and in % terms?", "8,400 riders and 120 buses.", None),
])
def test_a_follow_up_asks_the_change_between_the_ends_stated(known, question, answer, settled):
    turns = [Turn(question="How many riders did Kelso Lines carry in 2024?", answer=answer)]
    assert settled_change(known, question, turns, answered_figures(known, question, turns)) == settled


@pytest.mark.parametrize("money, count, each", [(42_000_000, 70_000, 600.0), (9_000_000, 300, 30_000.0)])
def test_money_shared_over_a_count_is_money_each(money, count, each):
    c = calc.ratio(calc.Quantity(value=money, unit=Unit.money, ref="a"),
                   calc.Quantity(value=count, unit=Unit.count, ref="b"))
    assert (c.result, c.unit) == (each, Unit.money)


def test_a_count_over_money_is_still_refused():
    with pytest.raises(calc.CalculationError):
        calc.ratio(calc.Quantity(value=300, unit=Unit.count, ref="a"),
                   calc.Quantity(value=9_000_000, unit=Unit.money, ref="b"))


@pytest.mark.parametrize("text, quoted", [
    # the end of a financial or school year is part of its period, not a number quoted
    ("how many visits in 2023/24?", []),
    ("the budget for 2024-25 and 2025–26", []),
    ("what was the 71 in 2023/24 about?", [71.0]),
    ("a range of 3-4%", [3.0, 4.0]),
])
def test_a_financial_year_quotes_no_number(text, quoted):
    assert quoted_numbers(text, text)[0] == quoted


SERIES_TEXT = ("Pellow Water's average bill is £512 in 2025/26, up from £470 in 2024/25 and £455 in 2023/24. The table: "
               "Pellow Water | 512 | 470. Harran had 3,100 members in 2024 and 2,900 in 2023. Harran's average fee was "
               "£40 in March 2024 and £38 in February 2024. Dunmore had 1,800 members in 2024 and 1,650 in 2023.")


@pytest.fixture(scope="module")
def series_known():
    def fig(i, subject, measure, period, value, unit, quote):
        return figure_in(SERIES_TEXT, "s", i, subject, measure, period, value, unit, quote)
    figs = [fig("b26", "Pellow Water", "average bill", "2025-04/2026-03", 512, Unit.money, "£512"),
            fig("b25", "Pellow Water", "average bill", "2024-04/2025-03", 470, Unit.money, "£470"),
            fig("b24", "Pellow Water", "average bill", "2023-04/2024-03", 455, Unit.money, "£455"),
            # the same bills in a table, under another label: one fact stated twice
            fig("t26", "Pellow Water", "bill", "2025-04/2026-03", 512, Unit.money, "512"),
            fig("t25", "Pellow Water", "bill", "2024-04/2025-03", 470, Unit.money, "470"),
            fig("m24", "Harran", "members", "2024", 3_100, Unit.count, "3,100"),
            fig("m23", "Harran", "members", "2023", 2_900, Unit.count, "2,900"),
            fig("fmar", "Harran", "average fee", "2024-03", 40, Unit.money, "£40"),
            fig("ffeb", "Harran", "average fee", "2024-02", 38, Unit.money, "£38"),
            fig("d24", "Dunmore", "members", "2024", 1_800, Unit.count, "1,800"),
            fig("d23", "Dunmore", "members", "2023", 1_650, Unit.count, "1,650")]
    return known_of(SERIES_TEXT, "s", figs, "2025-05-01")


@pytest.mark.parametrize("earlier, answer, question, resolved, ids", [
    # the year asked, in the series of the figure the answer stated: the figure of that period, whatever its label
    ("How many members did Harran have in 2024?", "3,100 in 2024.", "and in 2023?",
     "How many members did Harran have in 2023?", ["m23"]),
    # a financial year: the one the resolved question names; the bill is stated in the text and the table, both kept
    ("What's Pellow Water's average bill now?", "£512 a year in 2025/26.", "and the year before?",
     "What's Pellow Water's average bill in 2024/25?", ["b25", "t25"]),
    # a month asked
    ("What was Harran's average fee in March?", "£40 in March 2024.", "and in february?",
     "What was Harran's average fee in February 2024?", ["ffeb"]),
    # a place of its own: the same measure of that place, at the period of the figure stated
    ("How many members did Harran have in 2024?", "3,100 in 2024.", "and Dunmore?",
     "How many members did Dunmore have in 2024?", ["d24"]),
    # ... or at the period it names
    ("How many members did Harran have in 2024?", "3,100 in 2024.", "and Dunmore in 2023?",
     "How many members did Dunmore have in 2023?", ["d23"]),
    # a place with no figure of that measure
    ("How many members did Harran have in 2024?", "3,100 in 2024.", "and Pellow Water in 2023?",
     "How many members did Pellow Water have in 2023?", []),
    # a measure of its own: not the same question
    ("How many members did Harran have in 2024?", "3,100 in 2024.", "and what was Dunmore's average fee?",
     "what was Dunmore's average fee (2024)?", []),
    # a calculation asked: not the same question
    ("How many members did Harran have in 2024?", "3,100 in 2024.", "how much higher than in 2023?",
     "how much higher than in 2023 — How many members did Harran have in 2024?", []),
    # no period in the series asked
    ("How many members did Harran have in 2024?", "3,100 in 2024.", "and in 2021?",
     "How many members did Harran have in 2021?", []),
])
def test_the_same_question_of_another_period(series_known, earlier, answer, question, resolved, ids):
    from qa.understand.followup import series_at
    from qa.understand.query import read_question
    r = read_question(series_known, resolved, 2025)
    got = series_at(series_known, question, [Turn(question=earlier, answer=answer)], r)
    assert sorted(f.id for f in got) == sorted(ids)


@pytest.mark.parametrize("answer, ids", [
    # neither the question before nor its answer names a period: a year before the stated figure's own period
    ("3,100 members.", ["m23"]),
    ("£40 a month.", []),  # no figure of the month a year before in the series
])
def test_a_year_before_the_figure_stated(series_known, answer, ids):
    from qa.understand.followup import series_at
    from qa.understand.query import read_question
    r = read_question(series_known, "How many members does Harran have?", 2025)
    got = series_at(series_known, "and a year before?", [Turn(question="How many members does Harran have?",
                                                               answer=answer)], r)
    assert sorted(f.id for f in got) == ids


AGAINST_TEXT = ("Brackley clinics got an extra £12m for evening clinics in 2024-25. A mobile scanner fund got £2.4m. "
                "Brackley runs 12 clinics.")


@pytest.mark.parametrize("follow_up, earlier, groups", [
    # "that" is the figure the answer stated first, measured against what the follow-up's own words name
    ("how many times the scanner fund money is that", "How much extra money did Brackley clinics get?",
     [["clin"], ["scan"]]),
])
def test_that_is_the_figure_stated_first(follow_up, earlier, groups):
    from dataclasses import replace

    from qa.understand.plans import Context, against_answer
    from qa.understand.query import read_question

    def fig(i, subject, measure, period, value, unit, quote):
        return figure_in(AGAINST_TEXT, "a", i, subject, measure, period, value, unit, quote)
    k = known_of(AGAINST_TEXT, "a", [
        fig("clin", "Brackley", "extra money for evening clinics", "2024-04/2025-03", 12_000_000, Unit.money, "£12m"),
        fig("scan", "Mobile scanner fund", "scanner fund money", "", 2_400_000, Unit.money, "£2.4m"),
        fig("n", "Brackley", "clinics", "", 12, Unit.count, "12 clinics")], "2025-03-01")
    r = read_question(k, follow_up + " — " + earlier, 2025)
    # the answer's numbers match two figures ("£12m" and "12 clinics"): the one it stated first is "that"
    r = replace(r, prior=frozenset({"n", "clin"}), said_last=["clin"])
    got = against_answer(Context(known=k, sims={}, doc_year=2025), r, None)
    assert (None if got is None else [[f.id for f in g] for g in got]) == groups
