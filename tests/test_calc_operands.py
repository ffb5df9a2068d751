"""Operands of calculations over an article's figures when they come from a table and its prose: a share of the total
the article states beside each row, a part and a whole that one figure's words both fit, "A is what percent of B",
and every row of a table column added up. Invented places, measures and numbers."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Figure, Op, Plan, Qualifier, Unit
from qa.understand.plans import Context, plan_share, plan_sum, share_clauses
from qa.understand.query import read_question

HIRING = ("Employers added 236,000 jobs in September. Health care added 44,000 jobs, Government 52,000 jobs and "
          "Leisure 61,000 jobs.")


def _hiring() -> list[Figure]:
    def f(i: str, who: str, measure: str, v: float, quote: str) -> Figure:
        return figure_in(HIRING, "h", i, who, measure, "2023-09", v, Unit.count, quote)

    return [f("all", "Northland", "jobs added", 236_000, "236,000 jobs"), f("hc", "Health care", "jobs", 44_000, "44,000 jobs"),
            f("gov", "Government", "jobs", 52_000, "52,000 jobs"), f("lei", "Leisure", "jobs", 61_000, "61,000 jobs")]


@pytest.mark.parametrize("question, part, whole", [
    # the article states the total ("jobs added", the sectors' own measure word and more) beside each sector's jobs:
    # that is the whole, not the three sectors added up (157,000)
    ("What share of September's hiring came from health care?", ["hc"], ["all"]),
    ("What share of the jobs were in Government?", ["gov"], ["all"]),
])
def test_a_share_of_a_row_is_of_the_total_the_article_states(question, part, whole):
    known = known_of(HIRING, "h", _hiring())
    r = read_question(known, question, 2023)
    plan = plan_share(Context(known=known, sims={}, doc_year=2023), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of, plan
    assert plan.groups == [part, whole]


def test_a_share_of_rows_without_a_stated_total_is_of_the_rows_together():
    figs = [f for f in _hiring() if f.id != "all"]  # no total stated: the whole is every sector's jobs
    known = known_of(HIRING, "h", figs)
    r = read_question(known, "What share of the jobs were in Government?", 2023)
    plan = plan_share(Context(known=known, sims={}, doc_year=2023), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of
    assert [sorted(g) for g in plan.groups] == [["gov"], ["gov", "hc", "lei"]]


@pytest.mark.parametrize("question, whole, part", [
    ("the £50 saving works out as what percent of the bill", "the bill", "£50 saving"),
    ("westvale's marketing budget is what percent of what visitors spent in westvale",
     "what visitors spent in westvale", "westvale's marketing budget"),
    ("the fee represents what share of the total cost", "the total cost", "fee"),
    ("the fee as a percentage of the total cost", "the total cost", "fee"),            # the form read before
])
def test_a_is_what_percent_of_b(question, whole, part):
    known = known_of("No figures.", "d", [])
    assert share_clauses(read_question(known, question, 2023)) == (whole, part)


BUDGET = ("Visitors spent $28.3 billion in Westvale in 2023, and officials credit the state's $26.5 million tourism "
          "marketing budget for drawing visitors. Eastvale visitors spent $9.1 billion.")


def _budget() -> list[Figure]:
    def f(i: str, who: str, measure: str, v: float, quote: str) -> Figure:
        return figure_in(BUDGET, "b", i, who, measure, "2023", v, Unit.money, quote)

    return [f("spend", "Westvale", "spending", 28.3e9, "$28.3 billion"),
            f("budget", "Westvale", "tourism marketing budget for drawing visitors", 26.5e6,
              "$26.5 million tourism marketing budget for drawing visitors"),
            f("east", "Eastvale", "spending", 9.1e9, "$9.1 billion")]


@pytest.mark.parametrize("question, groups", [
    # the budget's quote names visitors too, so it fits both clauses best; it is the part (it has the part's own words,
    # marketing and budget) and the whole is the best of the rest
    ("Westvale's marketing budget is what percent of what visitors spent in Westvale?", [["budget"], ["spend"]]),
])
def test_a_figure_fitting_both_clauses_is_the_part_that_names_it(question, groups):
    known = known_of(BUDGET, "b", _budget())
    r = read_question(known, question, 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of, plan
    assert plan.groups == groups


def test_a_part_clause_whose_words_no_figure_has_takes_no_other_whole():
    # "are women": no figure counts women, so the one figure both clauses fit is not a part of another whole
    known = known_of(BUDGET, "b", _budget())
    r = read_question(known, "What percentage of Westvale's visitor spending was by women?", 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert not (plan.operation is Op.percentage_of and plan.groups == [["spend"], ["east"]])


FORCES = ("Knife offences in 2023, by force: Northshire 1,400; Southshire 1,100; Eastshire 900; Westshire 600. "
          "All forces 4,000. Rates per 100,000 people: Northshire 140; Southshire 110; Eastshire 90; Westshire 60.")


def _forces() -> list[Figure]:
    def f(i: str, who: str, measure: str, v: float, quote: str) -> Figure:
        return figure_in(FORCES, "k", i, who, measure, "2023", v, Unit.count, quote)

    return [f("n", "Northshire", "knife offences", 1400, "1,400"), f("s", "Southshire", "knife offences", 1100, "1,100"),
            f("e", "Eastshire", "knife offences", 900, "900"), f("w", "Westshire", "knife offences", 600, "600"),
            f("all", "All forces", "knife offences", 4000, "4,000"),
            f("nr", "Northshire", "rate per 100,000 people (knife offences)", 140, "140"),
            f("sr", "Southshire", "rate per 100,000 people (knife offences)", 110, "110"),
            f("er", "Eastshire", "rate per 100,000 people (knife offences)", 90, "90"),
            f("wr", "Westshire", "rate per 100,000 people (knife offences)", 60, "60")]


@pytest.mark.parametrize("question, ids", [
    # every force's row of the offences column; the total row (as large as the rest together) is not added, nor rates
    ("Add up the 2023 knife offences for all four forces in the table - what is the total?", ["n", "s", "e", "w"]),
    ("Add up the 2023 knife offences for the four named forces in the table", ["n", "s", "e", "w"]),
    ("What do the knife offences in the table add up to in 2023?", ["n", "s", "e", "w"]),
])
def test_every_row_of_a_column_is_added(question, ids):
    known = known_of(FORCES, "k", _forces())
    r = read_question(known, question, 2024)
    plan = plan_sum(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.sum), r)
    assert plan.operation is Op.sum, plan
    assert plan.groups == [ids]


@pytest.mark.parametrize("question", [
    "Add up the knife offences for all six forces in the table",  # the table has four forces: not this column
    "Add up the knife offences in Northshire and Southshire",      # places named: those, not every row
])
def test_every_row_is_not_read_when_the_count_differs_or_places_are_named(question):
    known = known_of(FORCES, "k", _forces())
    r = read_question(known, question, 2024)
    plan = plan_sum(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.sum), r)
    assert not (plan.operation is Op.sum and plan.groups == [["n", "s", "e", "w"]])


SLEEPERS = ("Across Westland 3,898 people were counted bedding down on the streets in 2023. Northvale had 1,033 rough "
            "sleepers, more than a quarter of the national total.")


def _sleepers() -> list[Figure]:
    return [figure_in(SLEEPERS, "r", "all", "Westland", "people bedding down on the streets counted", "2023", 3898,
                      Unit.count, "3,898 people"),
            figure_in(SLEEPERS, "r", "nv", "Northvale", "rough sleepers", "2023", 1033, Unit.count, "1,033 rough sleepers"),
            Figure(id="nv_share", doc_id="r", subject="Northvale", measure="share of national total of rough sleepers",
                   period="2023", value=25, unit=Unit.percent, qualifier=Qualifier("more than"), quote="more than a quarter",
                   start=SLEEPERS.index("more than a quarter"), end=SLEEPERS.index("more than a quarter") + 19)]


@pytest.mark.parametrize("question, operation, groups", [
    # the article rounds ("more than a quarter"): the exact share asked for is worked out from the counts
    ("The article says 'more than a quarter' - what's the actual share of Westland's rough sleepers that were in "
     "Northvale?", Op.percentage_of, [["nv"], ["all"]]),
    ("What is the exact share of Westland's rough sleepers that were in Northvale?", Op.percentage_of, [["nv"], ["all"]]),
    # not asked for exactly: the share the article states answers; asked exactly, its rounded share does not
    ("What share of rough sleepers were in Northvale?", Op.lookup, [["nv_share"]]),
    ("What share of the total, per the piece, were in Northvale?", Op.lookup, [["nv_share"]]),  # "piece" names no measure
    ("Exactly what share of rough sleepers were in Northvale?", None, [["nv"], ["all"]]),
])
def test_an_exact_share_asked_is_worked_out_when_the_article_rounds(question, operation, groups):
    known = known_of(SLEEPERS, "r", _sleepers())
    r = read_question(known, question, 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    if operation is None:
        assert plan.groups != [["nv_share"]]
        return
    assert plan.operation is operation, plan
    assert plan.groups == groups


SEATS = ("Table: seats won. Green: 239 in 2019, 484 in 2023; vote share 9.4% and 10.9%. Liberal Democrat: 1,223 in "
         "2019, 1,631 in 2023; vote share 17.9% and 18.6%. The Greens gained 245 seats.")


def _seats() -> list[Figure]:
    def f(i: str, who: str, measure: str, period: str, v: float, unit: Unit, quote: str) -> Figure:
        return figure_in(SEATS, "e", i, who, measure, period, v, unit, quote)

    return [f("g19", "Green", "seats", "2019", 239, Unit.count, "239"), f("g23", "Green", "seats", "2023", 484, Unit.count, "484"),
            f("gv19", "Green", "vote share", "2019", 9.4, Unit.percent, "9.4%"),
            f("gv23", "Green", "vote share", "2023", 10.9, Unit.percent, "10.9%"),
            f("l19", "Liberal Democrat", "seats", "2019", 1223, Unit.count, "1,223"),
            f("l23", "Liberal Democrat", "seats", "2023", 1631, Unit.count, "1,631"),
            f("lv19", "Liberal Democrat", "vote share", "2019", 17.9, Unit.percent, "17.9%"),
            f("lv23", "Liberal Democrat", "vote share", "2023", 18.6, Unit.percent, "18.6%"),
            f("gain", "Greens", "seats gained", "2023", 245, Unit.count, "245 seats")]


@pytest.mark.parametrize("question, groups", [
    # "the Greens" is the text's name; the table's row is "Green": its seats over time answer, not its vote share
    ("Which party increased its number of seats faster in percentage terms, the Greens or the Liberal Democrats?",
     [["g19"], ["g23"], ["l19"], ["l23"]]),
])
def test_growth_compared_reads_each_partys_series_under_any_of_its_names(question, groups):
    from qa.understand.plans import plan_change_comparison

    known = known_of(SEATS, "e", _seats())
    r = read_question(known, question, 2024)
    assert len(r.subjects) == 2
    plan = plan_change_comparison(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.change_comparison), r)
    assert plan.operation is Op.change_comparison, plan
    assert plan.groups == groups


LIST = ("The waiting list stood at 7.58 million in January, down from 7.61 million in December and from a peak of "
        "7.77 million in September. A year earlier it was 7.32 million.")


def _waiting() -> list[Figure]:
    def f(i: str, measure: str, period: str, v: float, quote: str) -> Figure:
        return figure_in(LIST, "w", i, "Westland", measure, period, v, Unit.count, quote)

    return [f("jan", "waiting list", "2024-01", 7.58e6, "7.58 million"), f("dec", "patients waiting", "2023-12", 7.61e6, "7.61 million"),
            f("sep", "patients waiting", "2023-09", 7.77e6, "7.77 million"), f("jan23", "waiting list", "2023-01", 7.32e6, "7.32 million")]


@pytest.mark.parametrize("question, groups", [
    # two months named: each month's figure, whatever its label, not the ends of the yearly series
    ("Percentage change in the Westland waiting list from December to January?", [["dec"], ["jan"]]),
    ("By what percent did the waiting list change between September and January?", [["sep"], ["jan"]]),
])
def test_a_change_between_two_months_takes_each_months_figure(question, groups):
    from qa.understand.plans import plan_binary

    known = known_of(LIST, "w", _waiting(), published="2024-03-14")
    r = read_question(known, question, 2024)
    plan = plan_binary(Op.pct_change)(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.pct_change), r)
    assert plan.operation is Op.pct_change, plan
    assert plan.groups == groups


VOTES = ("Across Westland 8,057 seats were contested in 2023. Table: seats won in 2023. Labour 2,682; Conservative 2,299; "
         "Others 3,076. Labour gained 542 seats and the Conservatives lost more than 1,000, while Others gained 408. "
         "Labour's vote share was 33.8%.")


def _votes() -> list[Figure]:
    def f(i: str, who: str, measure: str, v: float, unit: Unit, quote: str, qualifier: str = "exact") -> Figure:
        fig = figure_in(VOTES, "v", i, who, measure, "2023", v, unit, quote)
        return fig.model_copy(update={"qualifier": Qualifier(qualifier)})

    return [f("all", "Westland", "seats", 8057, Unit.count, "8,057 seats"),
            f("lab", "Labour", "seats", 2682, Unit.count, "2,682"), f("con", "Conservative", "seats", 2299, Unit.count, "2,299"),
            f("oth", "Others", "seats", 3076, Unit.count, "3,076"),
            f("con_lost", "Conservatives", "seats", 1000, Unit.count, "more than 1,000", "more than"),
            f("lab_gain", "Labour", "seats gained", 542, Unit.count, "542 seats"),
            f("oth_gain", "Others", "seats gained", 408, Unit.count, "408"),
            f("lab_vote", "Labour", "vote share", 33.8, Unit.percent, "33.8%")]


@pytest.mark.parametrize("question, groups", [
    # not Labour's vote share (the whole's own word, seats, is not in its label or sentence), nor its gains as a share
    # of every party's gains: its seats of the seats the article gives in all (a rounded row is no row of that total)
    ("What share of all the seats up for grabs did Labour end up with?", [["lab"], ["all"]]),
])
def test_a_share_of_all_is_taken_where_the_article_states_the_total(question, groups):
    known = known_of(VOTES, "v", _votes())
    r = read_question(known, question, 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of, plan
    assert plan.groups == groups


@pytest.mark.parametrize("question, subjects", [
    ("Total jobs added by leisure/hospitality and health care combined?", ["Leisure and hospitality", "Health care"]),
    ("How many jobs did leisure / hospitality add?", ["Leisure and hospitality"]),
])
def test_a_joint_name_written_with_a_slash_names_its_subject(question, subjects):
    text = "Leisure and hospitality added 61,000 jobs, health care 44,000 jobs and government 52,000 jobs."
    figs = [figure_in(text, "j", "l", "Leisure and hospitality", "jobs", "2023-09", 61000, Unit.count, "61,000 jobs"),
            figure_in(text, "j", "h", "Health care", "jobs", "2023-09", 44000, Unit.count, "44,000 jobs"),
            figure_in(text, "j", "g", "Government", "jobs", "2023-09", 52000, Unit.count, "52,000 jobs")]
    known = known_of(text, "j", figs)
    assert read_question(known, question, 2023).subjects == subjects


RATES = ("Big lenders approved 13.6% of requests in December, about half the rate of January 2020, when they approved "
         "28.3%.")


@pytest.mark.parametrize("question, groups", [
    # December is given twice, as 13.6% and as "about half": the series is read from the figure stated exactly
    ("How far below its January 2020 level is the big lenders' approval rate, in points?", [["jan20"], ["dec"]]),
])
def test_a_period_given_twice_is_read_from_its_exact_figure(question, groups):
    from qa.understand.plans import over_time

    def f(i: str, period: str, v: float, quote: str, qualifier: str) -> Figure:
        return figure_in(RATES, "l", i, "Big lenders", "share of requests approved", period, v, Unit.percent,
                         quote).model_copy(update={"qualifier": Qualifier(qualifier)})

    figs = [f("dec", "2023-12", 13.6, "13.6%", "exact"), f("half", "2023-12", 50, "about half", "about"),
            f("jan20", "2020-01", 28.3, "28.3%", "exact")]
    known = known_of(RATES, "l", figs)
    r = read_question(known, question, 2024)
    found = over_time(Context(known=known, sims={}, doc_year=2024), r, Unit.percent)
    assert found is not None and [[x.id for x in g] for g in found] == groups


@pytest.mark.parametrize("subjects, expected", [
    # the word that tells rows apart: their shared second word ("wind") or an abbreviation ("PV") is not needed
    (["Offshore wind", "Onshore wind", "Solar PV", "Hydro"], [("offshore", "Offshore wind"), ("onshore", "Onshore wind"),
                                                            ("solar", "Solar PV")]),
    # a first word another label has too names neither; a second word no other label has leaves the name whole
    (["Offshore wind", "offshore wind farms", "Onshore wind"], [("onshore", "Onshore wind")]),
    (["Greater Northvale", "Westvale"], []),
    (["North West", "South West", "North East and Yorkshire"], [("south", "South West")]),
])
def test_a_row_label_is_called_by_the_word_that_tells_it_apart(subjects, expected):
    from qa.understand.link import modifier_names

    assert sorted(modifier_names(subjects)) == sorted(expected)


def test_a_share_of_all_of_a_place_no_row_names_is_of_the_total_row():
    # "all knife offences in Westland": Westland is no row of the table, whose total row is the whole (not Westland's
    # count of every crime)
    text = FORCES + " Westland recorded 90,000 crimes in 2023."
    figs = [f.model_copy() for f in _forces()] + [
        figure_in(text, "k", "crimes", "Westland", "crimes recorded", "2023", 90000, Unit.count, "90,000 crimes")]
    known = known_of(text, "k", figs)
    r = read_question(known, "What proportion of all knife offences in Westland in 2023 were in Northshire?", 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of, plan
    assert plan.groups == [["n"], ["all"]]


@pytest.mark.parametrize("subjects, expected", [
    # a place placed further after a comma, in names: called by the name before the comma
    (["Northvale, Ore. Metro Transit", "Westbay Transit", "Eastmoor, Kent"],
     [("northvale", "Northvale, Ore. Metro Transit"), ("eastmoor", "Eastmoor, Kent")]),
    # a label qualified in lower case is a measure's, not a place's
    (["Income, net", "Revenue"], []),
    # two labels with one head name neither; a label that is the head alone keeps it
    (["Northvale, Ore. Metro", "Northvale, Maine Bus"], []),
    (["Westbay", "Westbay, Upper Reach"], []),
])
def test_a_row_label_is_called_by_the_place_before_its_comma(subjects, expected):
    from qa.understand.link import head_names

    assert sorted(head_names(subjects)) == sorted(expected)
