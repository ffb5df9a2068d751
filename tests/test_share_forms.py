"""Shares and percentages asked as people ask them: the part and the whole named around "what % of", a rounded share
the question quotes ("the article says A is about a third of B - what's the exact %?") and the checks on the figures
found for them. Invented places, measures and numbers."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Figure, Op, Plan, Qualifier, Unit
from qa.understand.plans import Context, exact_twin, own_question, plan_share, share_clauses, stated_percent
from qa.understand.query import read_question
from qa.understand.rounded import near, quoted_share, share_value


@pytest.mark.parametrize("question, whole, part", [
    # "what % of B <verb> ...": the verb after the whole starts the part, whichever verb it is
    ("what share of the harbours ended up closed?", "the harbours", "ended up closed"),
    ("what proportion of the valley's farms got a grant?", "the valley's farms", "got a grant"),
    ("what percentage of westvale pupils go to grammar schools?", "westvale pupils", "go to grammar schools"),
    ("what share of the region's nurses live in the city?", "the region's nurses", "live in the city"),
    ("what percent of the loans actually ended in default", "the loans", "actually ended in default"),
    ("what % of the 40 promised depots have actually been built?", "the 40 promised depots",
     "have actually been built"),
    # a participle with "by" names the whole ("the money raised by the toll"), it does not start the part
    ("the bridge budget was what percentage of the money raised by the toll?", "the money raised by the toll",
     "bridge budget"),
    # "A as a % of B"
    ("eastvale's ferry fares as a % of westvale's?", "westvale's", "eastvale's ferry fares"),
    # "A <does> what % of B": the words before it name the part
    ("a loaf in eastvale costs what percentage of a loaf in westvale?", "a loaf in westvale",
     "a loaf in eastvale costs"),
    ("the two biggest ports together handled what % of all cargo", "all cargo", "the two biggest ports together handled"),
    # "A - what % is that of B?"
    ("the 120 closures so far this year - what % is that of last year's total?", "last year's total",
     "the 120 closures so far this year"),
    # a rounded share quoted: the part and the whole around it
    ("the report says ferries are 'roughly a quarter' of all crossings, what's the exact percentage?",
     "all crossings", "ferries"),
    ("it says almost 40% of the callers were repeat callers - whats the exact figure?", "the callers",
     "were repeat callers"),
    ("the review says about one in six loans is digital. what is the exact percentage?", "loans", "is digital"),
    # a lead-in only ("so what % of ..."), not a part
    ("so what % of the harbours", None, None),
])
def test_a_share_names_its_part_and_whole(question, whole, part):
    got = share_clauses(SimpleNamespace(lowered=question))
    assert got == ((whole, part) if whole else None)


@pytest.mark.parametrize("words, value", [
    ("a third", 100 / 3), ("two-thirds", 200 / 3), ("half", 50.0), ("three quarters", 75.0), ("47%", 47.0),
    ("12.5 per cent", 12.5), ("seven in ten", 70.0), ("1 in 8", 12.5), ("one out of five", 20.0),
    ("five thirds", None), ("ten in two", None),   # no share of a whole
])
def test_a_share_in_words_is_a_percentage(words, value):
    got = share_value(words)
    assert got == pytest.approx(value) if value is not None else got is None


@pytest.mark.parametrize("question, value", [
    ("the article says ferries are 'close to two-thirds' of crossings - exact %?", 200 / 3),
    ("it says almost 47% of calls were hoaxes", 47.0),
    ("roughly seven in ten crowns came from timber", 70.0),
    ("what share of the 36 districts had floods?", None),           # a count of things, no share
    ("what share of sales came in the third quarter?", None),       # a quarter of the year, no share
])
def test_the_rounded_share_a_question_quotes(question, value):
    got = quoted_share(question)
    assert got == pytest.approx(value) if value is not None else got is None


@pytest.mark.parametrize("worked, quoted, is_near", [
    (46.5, 47.0, True), (35.0, 100 / 3, True), (65.5, 200 / 3, True), (24.4, 100 / 3, False), (12.0, 25.0, False),
])
def test_a_share_worked_out_is_near_the_rounded_one(worked, quoted, is_near):
    assert near(worked, quoted) is is_near


DOCKS = ("The harbour board said more than 4 million containers passed through Eastport in 2024, out of 12,500,000 "
         "across the coast. Its table gives Eastport 4,118,700 containers and Westport 2,400,000 containers. "
         "Eastport's 3 docks were busy.")


def _docks(with_table: bool = True) -> list[Figure]:
    def f(i: str, who: str, measure: str, v: float, quote: str, q: Qualifier = Qualifier.exact) -> Figure:
        return figure_in(DOCKS, "d", i, who, measure, "2024", v, Unit.count, quote).model_copy(update={"qualifier": q})

    figs = [f("round", "Eastport", "containers", 4_000_000, "more than 4 million containers", Qualifier.more_than),
            f("coast", "Coast", "containers across the coast", 12_500_000, "12,500,000"),
            f("docks", "Eastport", "docks", 3, "3 docks")]
    if with_table:
        figs += [f("east", "Eastport", "containers handled", 4_118_700, "4,118,700 containers"),
                 f("west", "Westport", "containers handled", 2_400_000, "2,400,000 containers")]
    return figs


def test_a_rounded_figure_gives_way_to_its_exact_twin():
    known = known_of(DOCKS, "d", _docks())
    by_id = known.corpus.figures_by_id
    assert exact_twin(known, by_id["round"]).id == "east"       # the table's exact count of the same thing
    assert exact_twin(known, by_id["coast"]).id == "coast"      # exact already
    alone = known_of(DOCKS, "d", _docks(with_table=False))
    assert exact_twin(alone, alone.corpus.figures_by_id["round"]).id == "round"   # no twin: itself


def _share(question: str, figs: list[Figure]) -> Plan:
    known = known_of(DOCKS, "d", figs)
    r = read_question(known, question, 2024)
    return plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)


def test_a_share_is_worked_from_exact_figures():
    plan = _share("What share of the containers across the coast went through Eastport?", _docks())
    assert plan.operation is Op.percentage_of, plan
    assert "round" not in plan.figure_ids


@pytest.mark.parametrize("question, stated", [
    # 4,118,700 of 12,500,000 is 33%: "about a third" is that share, "about half" is not
    ("The board says Eastport is about a third of the containers across the coast - what's the exact %?", True),
    ("The board says Eastport is about half of the containers across the coast - what's the exact %?", False),
])
def test_a_share_far_from_the_rounded_one_quoted_is_not_stated(question, stated):
    plan = _share(question, _docks())
    assert (plan.operation is Op.percentage_of) is stated, plan


CALLS = "Eastwick accounted for more than a third of the county's 9,000 incidents. The table gives Eastwick 3,150 incidents."


def _calls() -> list[Figure]:
    def f(i: str, who: str, measure: str, v: float, unit: Unit, quote: str, q: Qualifier = Qualifier.exact) -> Figure:
        return figure_in(CALLS, "c", i, who, measure, "2024", v, unit, quote).model_copy(update={"qualifier": q})

    return [f("third", "Eastwick", "share of the county's incidents", 100 / 3, Unit.percent, "more than a third",
              Qualifier.more_than),
            f("all", "County", "incidents", 9_000, Unit.count, "9,000 incidents"),
            f("east", "Eastwick", "incidents", 3_150, Unit.count, "3,150 incidents")]


@pytest.mark.parametrize("question, stated", [
    # the question quotes the rounded share the article gives: it asks for more than that, worked out
    ("What share of the county's incidents were in Eastwick? The article just says more than a third", None),
    ("What share of the county's incidents were in Eastwick?", "third"),    # the share the article states will do
])
def test_a_rounded_share_the_question_quotes_is_not_its_answer(question, stated):
    known = known_of(CALLS, "c", _calls())
    r = read_question(known, question, 2024)
    got = stated_percent(Context(known=known, sims={}, doc_year=2024), r)
    assert (got.id if got is not None else None) == stated
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of, plan   # worked out from the counts, either way


TOWNS = ("Northam", "Southam", "Eastham", "Westham", "Midham", "Highham", "Lowham")
LOANS = ("Digital loans rose 12 per cent in 2024. The digital share of all loans reached 31 per cent in 2024, up from "
         "26 per cent in 2023. " + " ".join(f"{t}'s digital loans went up {20 + i} per cent." for i, t in enumerate(TOWNS)))


def _loans() -> list[Figure]:
    def f(i: str, who: str, measure: str, period: str, v: float, quote: str) -> Figure:
        return figure_in(LOANS, "l", i, who, measure, period, v, Unit.percent, quote)

    # the rises stated, town by town, fit "go up" and "loans" best: seven of them, more than the best few tried
    rises = [f(t, t, "percent change in digital loans", "2023/2024", 20 + i, f"went up {20 + i} per cent")
             for i, t in enumerate(TOWNS)]
    return rises + [f("rise", "Westvale", "percent change in digital loans", "2023/2024", 12, "rose 12 per cent"),
                    f("now", "Westvale", "digital share of all loans", "2024", 31, "31 per cent in 2024"),
                    f("then", "Westvale", "digital share of all loans", "2023", 26, "26 per cent in 2023")]


@pytest.mark.parametrize("question", [
    "By how many percentage points did the digital share of loans go up?",
    "How many points did the digital share of loans rise by?",
])
def test_a_gap_in_points_over_time_is_between_two_levels_not_a_stated_rise(question):
    from qa.understand.plans import PLANNERS

    known = known_of(LOANS, "l", _loans())
    r = read_question(known, question, 2024)
    plan = PLANNERS[Op.pp_difference](Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.pp_difference), r)
    assert plan.operation is Op.pp_difference, plan
    assert sorted(plan.figure_ids) == ["now", "then"]


def test_a_follow_ups_earlier_answer_quotes_no_rounded_share():
    # "and what share of them ...?" read with the answer before it ("up 8 per cent"): the 8% is the answer's, not a
    # rounded share the question quotes
    assert own_question(SimpleNamespace(lowered="and what share of them were in eastvale? — 14.1 million, up 8 per cent"
                                        )) == "and what share of them were in eastvale?"


@pytest.mark.parametrize("a, b, same", [
    ("spend", "spend", True), ("spent", "spending", True), ("visitor", "visits", True),
    ("plot", "council", False), ("age", "agency", False),   # too short to tell by their first letters
])
def test_two_forms_of_a_word_are_alike_whatever_the_vocabulary(a, b, same):
    from qa.understand.plans import alike

    assert alike(a, b) is same


@pytest.mark.parametrize("question, cited", [
    ("what share were in eastwick? the article just says more than a third", 100 / 3),   # the article's words
    ("it says almost 47% of calls were hoaxes - what's the exact figure?", 47.0),
    ("confirm that at least 35 per cent of crimes were dropped", None),   # the question's own claim, to be checked
    ("what share of the calls were hoaxes?", None),
])
def test_a_rounded_share_is_cited_when_the_question_says_it_is_the_articles(question, cited):
    from qa.understand.plans import cited_share

    got = cited_share(SimpleNamespace(lowered=question))
    assert got == pytest.approx(cited) if cited is not None else got is None
