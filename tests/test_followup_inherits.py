"""What a follow-up inherits from the question before and what it replaces: a period named relative to the one asked
("and a year before that?", "and this year?", "the same three towns a year earlier"), a place standing in for the place
(not for a measure the article also names as a subject), a comparison or a share naming its other operand. Invented
names and figures: no evaluation article is read here."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Figure, Turn, Unit
from qa.understand.followup import resolve_follow_up, restates_last_answer

TEXT = ("Truancy in Northshire ran at 21.4% in 2023, against 17.2% in Southshire. "
        "Persistent truancy: 4.1% of pupils nationally. Northshire spent £3.4m per year on attendance officers in 2023 and "
        "£3.1m in 2022. Southshire spent £2.2m per year in 2023. The county budget is £900m.")


@pytest.fixture(scope="module")
def known():
    figs = [figure_in(TEXT, "d", "n23", "Northshire", "truancy rate", "2023", 21.4, Unit.percent, "21.4% in 2023"),
            figure_in(TEXT, "d", "s23", "Southshire", "truancy rate", "2023", 17.2, Unit.percent, "17.2% in Southshire"),
            # the article's wording makes the measure a subject too ("Truancy: 4.1% of pupils")
            figure_in(TEXT, "d", "t", "Persistent truancy", "share of pupils", "2023", 4.1, Unit.percent, "4.1% of pupils"),
            figure_in(TEXT, "d", "no23", "Northshire", "spending per year on attendance officers", "2023", 3.4e6,
                      Unit.money, "£3.4m per year"),
            figure_in(TEXT, "d", "no22", "Northshire", "spending per year on attendance officers", "2022", 3.1e6,
                      Unit.money, "£3.1m in 2022"),
            figure_in(TEXT, "d", "so23", "Southshire", "spending per year on attendance officers", "2023", 2.2e6,
                      Unit.money, "£2.2m per year in 2023"),
            figure_in(TEXT, "d", "bud", "County", "budget", "2024", 9e8, Unit.money, "£900m")]
    return known_of(TEXT, "d", figs, "2024-02-01")


def _resolve(known, follow_up: str, earlier: str, answer: str = "") -> str:
    return resolve_follow_up(known, follow_up, [Turn(question=earlier, answer=answer)], 2024)


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # a period named relative to the one asked, though "year" is a word of the article's measures
    ("and a year before that?", "What did Northshire spend on attendance officers in 2023?",
     "What did Northshire spend on attendance officers in 2022?"),
    ("and this year?", "What did Northshire spend on attendance officers in 2023?",
     "What did Northshire spend on attendance officers in 2024?"),
    # "the same ..." is what was asked before, not a measure of the follow-up's own
    ("and the same two councils a year earlier?", "Add up the 2023 spending of Northshire and Southshire.",
     "Add up the 2022 spending of Northshire and Southshire."),
    # a phone typist's shorthand: "yr" is "year", here as in a whole question
    ("and the yr before?", "What did Northshire spend on attendance officers in 2023?",
     "What did Northshire spend on attendance officers in 2022?"),
    ("what about a yr before that?", "What did Northshire spend on attendance officers in 2023?",
     "What did Northshire spend on attendance officers in 2022?"),
])
def test_a_period_relative_to_the_one_asked_is_swapped_in(known, follow_up, earlier, expected):
    assert _resolve(known, follow_up, earlier) == expected


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # the new place stands in for the place, not for the measure the article also names as a subject
    ("and in southshire?", "What was the persistent truancy rate in Northshire?", "What was the persistent truancy rate in Southshire?"),
    ("and in southshire?", "How common was persistent truancy in Northshire?", "How common was persistent truancy in Southshire?"),
])
def test_a_new_place_replaces_the_place(known, follow_up, earlier, expected):
    assert _resolve(known, follow_up, earlier) == expected


@pytest.mark.parametrize("follow_up, earlier", [
    # a comparison with the place it names: that place is one operand, the question before the other
    ("and how much lower is southshire's?", "What was the truancy rate in Northshire?"),
    ("so how much less did southshire spend?", "What did Northshire spend on attendance officers in 2023?"),
    # a share written with "%" of what was just said, the whole named in the follow-up
    ("what % of the county budget is that?", "What did Northshire spend on attendance officers in 2023?"),
    ("what % of that would Southshire's spending be?", "How big is the county budget?"),
])
def test_a_follow_up_naming_the_other_operand_keeps_the_question_before(known, follow_up, earlier):
    assert _resolve(known, follow_up, earlier) == follow_up.rstrip("?. ") + " — " + earlier


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # a span of years the follow-up writes stands where the year asked before stood, as a span
    ("and what was the total over 2019 to 2023?", "What did Northshire spend on attendance officers in 2023?",
     "and what was the total over 2019 to 2023 — What did Northshire spend on attendance officers from 2019 to 2023?"),
    ("and between 2020 and 2023?", "What did Northshire spend on attendance officers in 2023?",
     "What did Northshire spend on attendance officers from 2020 to 2023?"),
    # two years joined by "and" are two years, not a span
    ("and in 2022 and 2023?", "What did Northshire spend on attendance officers?",
     "What did Northshire spend on attendance officers in 2022 and 2023?"),
])
def test_a_span_of_years_is_carried_as_written(known, follow_up, earlier, expected):
    assert _resolve(known, follow_up, earlier) == expected


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # how the measure asked before changed over time for the place the follow-up names: that place stands in it
    ("and for Southshire, by how much did it change from 2022?", "What did Northshire spend on attendance officers?",
     "and for Southshire, by how much did it change from 2022 — What did Southshire spend on attendance officers?"),
    # two places compared: the question before keeps its place, the other operand
    ("and how much lower was Southshire's than that in 2023?", "What did Northshire spend on attendance officers?",
     "and how much lower was Southshire's than that in 2023 — What did Northshire spend on attendance officers?"),
])
def test_a_change_over_time_of_a_new_place_asks_the_measure_before_of_it(known, follow_up, earlier, expected):
    assert _resolve(known, follow_up, earlier) == expected


def _spend(value: float) -> Figure:
    return Figure(id="f", doc_id="d", subject="Northshire", measure="spending", period="2023", value=value,
                  unit=Unit.money, quote="x", start=0, end=1)


@pytest.mark.parametrize("value, answer, restated", [
    (3.4e6, "£3.4m in 2023, up from £3.1m.", True),           # the figure the answer was about
    (3.4e6, "In 2023, £3.4m.", True),                         # a year first says when, not what
    (3.1e6, "£3.4m in 2023, up from £3.1m.", False),          # a number the answer adds later may be asked for
    (21.4, "About 5.9 million people (21.4% of adults).", False),
    (2.2e6, "£3.4m in 2023.", False),                         # another figure
])
def test_a_follow_up_is_not_answered_with_the_figure_just_given(value, answer, restated):
    assert restates_last_answer([_spend(value)], answer) is restated


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # the question before named its thing by a possessive the article's rows lack: the new place stands there
    ("and Southshire?", "What was Eastmoor's spending on attendance officers in 2023?",
     "What was Southshire's spending on attendance officers in 2023?"),
    # a possessive of a period is no thing to swap: the place is added
    ("and Southshire?", "What was last year's spending on attendance officers?",
     "What was last year's spending on attendance officers for Southshire?"),
])
def test_a_new_place_stands_where_the_possessor_stood(known, follow_up, earlier, expected):
    assert _resolve(known, follow_up, earlier) == expected


@pytest.mark.parametrize("follow_up, earlier, answer, expected", [
    # "last year" after a preposition is the year alone ("the whole of 2023", not "the whole of in 2023")
    ("how much higher than that is the county budget?", "What did Northshire spend on attendance officers for the whole of "
     "last year?", "£3.4m.", "how much higher than that is the county budget — What did Northshire spend on attendance "
     "officers for the whole of 2023?"),
])
def test_last_year_is_dated_as_written(known, follow_up, earlier, answer, expected):
    assert _resolve(known, follow_up, earlier, answer) == expected


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # the question before asked of the whole: the group named next is asked of instead, not the whole as well
    ("and for the over-65s?", "What share of pupils overall were absent?", "What share of pupils were absent for over-65s?"),
    ("and Southshire?", "What was the spending on attendance officers nationally in 2023?",
     "What was the spending on attendance officers in 2023 for Southshire?"),
])
def test_a_group_asked_after_the_whole_replaces_it(known, follow_up, earlier, expected):
    assert _resolve(known, follow_up, earlier) == expected
