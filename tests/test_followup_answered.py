"""A calculation asked of what the last answer stated ("whats that as a % increase?" after "97 cents, up from 83 cents
in 2023"): its operands are the figures the answer stated, in the order stated, the base it was measured from first.
Invented figures: no evaluation article is read here."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Turn, Unit
from qa.understand.followup import answered_figures, summed_by_value
from qa.understand.plans import Context, answered_pair
from qa.understand.query import read_question, summed_before

TEXT = ("Brindle Cafes sold 41,300 cakes in 2024, up from 38,200 in 2023, a rise of 8.1%. Its Westvale shop sold "
        "9,900. Earnings per share were 64 cents, against 58 cents a year before. The Dunmore bakery shares 9,900 "
        "ovens hours. Some 12.5% of cakes were vegan in 2024 and 10.5% in 2023.")


@pytest.fixture(scope="module")
def known():
    def fig(i, subject, measure, period, value, unit, quote):
        return figure_in(TEXT, "d", i, subject, measure, period, value, unit, quote)
    figs = [fig("c24", "Brindle Cafes", "cakes sold", "2024", 41_300, Unit.count, "41,300"),
            fig("c23", "Brindle Cafes", "cakes sold", "2023", 38_200, Unit.count, "38,200"),
            fig("ch", "Brindle Cafes", "percent change in cakes sold", "2023/2024", 8.1, Unit.percent, "8.1%"),
            fig("w", "Westvale", "cakes sold", "2024", 9_900, Unit.count, "9,900"),
            fig("e24", "Brindle Cafes", "earnings per share", "2024", 0.64, Unit.money, "64 cents"),
            fig("e23", "Brindle Cafes", "earnings per share", "2023", 0.58, Unit.money, "58 cents"),
            fig("o", "Dunmore", "oven hours", "2024", 9_900, Unit.count, "9,900 ovens"),
            fig("v24", "Brindle Cafes", "share of cakes vegan", "2024", 12.5, Unit.percent, "12.5%"),
            fig("v23", "Brindle Cafes", "share of cakes vegan", "2023", 10.5, Unit.percent, "10.5%"),
            fig("s", "Brindle Cafes", "shops open", "", 38, Unit.count, "9,900. Earnings")]
    return known_of(TEXT, "d", figs, "2025-02-01")


@pytest.mark.parametrize("question, earlier, answer, ids", [
    # the numbers the answer stated, in its order: the change it stated is one of them
    ("whats that as a % increase", "How many cakes did Brindle Cafes sell in 2024?",
     "41,300, up 8.1% from 38,200 in 2023.", ["c24", "ch", "c23"]),
    # cents: the amounts are read as the answer writes them
    ("what percent rise is that?", "What were earnings per share?", "64 cents, up from 58 cents.", ["e24", "e23"]),
    # "then" points back too
    ("whats the exact percentage increase then", "How many cakes did Brindle Cafes sell in 2024?",
     "41,300 cakes, up from 38,200 the year before.", ["c24", "c23"]),
    # a number two figures of different rows share says nothing; a year is no figure
    ("how many more is that?", "How many cakes did Westvale sell in 2024?", "9,900 in 2024.", []),
    # the follow-up names a year of its own: its operands are its own
    ("how much higher is that than in 2021?", "How many cakes did Brindle Cafes sell in 2024?",
     "41,300, up from 38,200.", []),
    # ... or a place of its own
    ("how many more is that than Westvale?", "How many cakes did Brindle Cafes sell in 2024?",
     "41,300, up from 38,200.", []),
    # no reference back
    ("how many more did Brindle sell?", "How many cakes did Brindle Cafes sell in 2024?", "41,300, up from 38,200.", []),
])
def test_the_figures_the_last_answer_stated(known, question, earlier, answer, ids):
    assert answered_figures(known, question, [Turn(question=earlier, answer=answer)]) == ids


@pytest.mark.parametrize("question, answer, unit, groups", [
    # the base the answer measured from first, the figure asked second; the stated change is no operand
    ("whats that as a % increase", "41,300, up 8.1% from 38,200 in 2023.", Unit.count, [["c23"], ["c24"]]),
    ("how many points higher is that than last year", "12.5%, up from 10.5% last year.", Unit.percent,
     [["v23"], ["v24"]]),
    # any unit: the first two of one unit (a share between counts is passed over)
    ("how many more is that than a year before?", "41,300 cakes (12.5% vegan), against 38,200.", None,
     [["c23"], ["c24"]]),
    # the unit asked for is not among what the answer stated
    ("what percent rise is that?", "64 cents, up from 58 cents.", Unit.count, None),
    # one figure stated: nothing to calculate on
    ("how many more is that than last year?", "41,300 cakes.", None, None),
])
def test_a_calculation_on_the_answers_figures(known, question, answer, unit, groups):
    turns = [Turn(question="How many cakes did Brindle Cafes sell?", answer=answer)]
    r = read_question(known, question, 2025)
    r.answered = answered_figures(known, question, turns)
    got = answered_pair(Context(known=known, sims={}, doc_year=2025), r, unit)
    assert (None if got is None else [[f.id for f in g] for g in got]) == groups


HALF = ("Ashby recorded 5,000 thefts in 2024, Bexford 2,100, Colne 1,800 and Dorrin 1,150. Across the region "
        "19,000 thefts were recorded.")


@pytest.fixture(scope="module")
def half_known():
    def fig(i, subject, value, quote, measure="thefts recorded"):
        return figure_in(HALF, "h", i, subject, measure, "2024", value, Unit.count, quote)
    return known_of(HALF, "h", [fig("a", "Ashby", 5_000, "5,000"), fig("b", "Bexford", 2_100, "2,100"),
                                fig("c", "Colne", 1_800, "1,800"), fig("d", "Dorrin", 1_150, "1,150"),
                                fig("r", "Region", 19_000, "19,000", "thefts recorded across the region")],
                    "2025-01-10")


@pytest.mark.parametrize("earlier, answer, ids", [
    # the largest row is about the sum of the others (5,000 against 5,050) but is no total row: all four add up
    ("Add up the thefts in the four towns in the table.", "10,050 thefts.", ["a", "b", "c", "d"]),
    # without the largest row
    ("Add up the thefts in the three smaller towns.", "5,050 thefts.", ["b", "c", "d"]),
    # a name the question before gives that is no row of the column ("the table") does not narrow the rows
    ("What's the combined number of thefts for the towns in the Region's table?", "10,050.", ["a", "b", "c", "d"]),
])
def test_the_rows_a_stated_total_adds_up(half_known, earlier, answer, ids):
    got = summed_before(half_known, "what share of the regional total is that?", [Turn(question=earlier, answer=answer)])
    assert sorted(got) == sorted(ids)


PROSE = ("Harlow libraries had 412,350 visits. The capital's branches counted 1,207,120, and Marsh Bay 96,480 "
         "visits. Some 4,310,000 visits were made nationally; 38 branches closed.")


@pytest.fixture(scope="module")
def prose_known():
    def fig(i, subject, measure, value, quote):
        return figure_in(PROSE, "p", i, subject, measure, "2024", value, Unit.count, quote)
    # labels read from prose vary: no one column holds the three places' visits
    return known_of(PROSE, "p", [fig("h", "Harlow libraries", "visits", 412_350, "412,350"),
                                 fig("c", "capital's branches", "counted", 1_207_120, "1,207,120"),
                                 fig("m", "Marsh Bay", "visits made", 96_480, "96,480"),
                                 fig("n", "Nation", "visits made nationally", 4_310_000, "4,310,000"),
                                 fig("b", "Branches", "branches closed", 38, "38 branches")], "2025-01-10")


@pytest.mark.parametrize("answer, ids", [
    ("Together they had 1,715,950 visits.", ["c", "h", "m"]),  # all three
    ("1,303,600 visits.", ["c", "m"]),  # two of them
    ("1,716,000 visits.", []),  # rounded to thousands: met by chance, not trusted
    ("1,715,951 visits.", []),  # no set adds up to it exactly
])
def test_a_stated_total_found_by_value(prose_known, answer, ids):
    turns = [Turn(question="Add up the visits for Harlow, the capital and Marsh Bay.", answer=answer)]
    assert sorted(summed_by_value(prose_known, "what share of the national total is that?", turns)) == ids


def test_two_counts_of_different_things_are_no_pair(known):
    # 41,300 cakes and 9,900 of Westvale's are one measure (a pair); cakes sold and oven hours of one year are not
    turns = [Turn(question="How many cakes did Brindle Cafes sell?", answer="41,300 cakes, and 9,900 ovens hours.")]
    r = read_question(known, "how many more than the year before then", 2025)
    r.answered = answered_figures(known, "how many more than the year before then", turns)
    assert r.answered == ["c24"]  # 9,900 is two figures' number: passed over
    r.answered = ["c24", "o"]
    assert answered_pair(Context(known=known, sims={}, doc_year=2025), r, None) is None
    r.answered = ["c24", "s"]  # one place, and a figure of no period: no two times of one thing
    assert answered_pair(Context(known=known, sims={}, doc_year=2025), r, None) is None
    r.answered = ["c24", "w"]
    got = answered_pair(Context(known=known, sims={}, doc_year=2025), r, None)
    assert [[f.id for f in g] for g in got] == [["w"], ["c24"]]
