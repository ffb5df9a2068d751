"""Months a question names, dated by the article's dateline; the size of a fall asked for; a subgroup's figure when
no one is named. Invented dates and labels."""

from __future__ import annotations

from datetime import date

import pytest
from made_figures import figure_in, known_of

from qa.compose.answer import FALL_ASKED
from qa.model.records import Figure, Unit
from qa.understand.query import months_asked
from qa.understand.score import month_fits, subgroup

PUBLISHED = date(2023, 11, 23)


@pytest.mark.parametrize("question, months", [
    ("what was the rate in september?", ["2023-09"]),
    ("and in december?", ["2022-12"]),                    # the latest December on or before the dateline
    ("what will the bill be from january?", ["2024-01"]),  # asked ahead: the next January
    ("what was it in jan 2021?", ["2021-01"]),
    ("what was the rate last month?", ["2023-10"]),
    ("what may the rate be?", []),                          # "may" the verb is no month
    ("how many jobs were added in may?", ["2023-05"]),
    ("what was the rate in 2022?", []),
])
def test_months_asked(question, months):
    assert months_asked(question, PUBLISHED) == months


@pytest.mark.parametrize("period, months, fits", [
    ("2023-09", ["2023-09"], True),
    ("2023-08", ["2023-09"], False),
    ("2023-07/2023-09", ["2023-09"], True),    # the three months to September
    ("2023-07/2023-09", ["2023-08"], None),
    ("2023-10/2023-12", ["2023-09"], False),   # a span that does not reach the month asked
    ("2022-04/2023-03", ["2023-12"], False),   # the year to March 2023 says nothing of December 2023
    ("2023", ["2023-09"], None),               # a whole year says nothing about a month
])
def test_month_fits(period, months, fits):
    assert month_fits(period, months) is fits


@pytest.mark.parametrize("question, fall", [
    ("how many percentage points did inflation drop between september and october?", True),
    ("how far has the waiting list come down from its peak?", True),
    ("by how much did the rate fall?", True),
    ("how many more cases were dropped in 2021 than in 2020?", False),
    ("how many points did the rate rise?", False),
    ("did the force drop cases where a suspect was found?", False),
])
def test_the_size_of_a_fall_is_asked(question, fall):
    assert bool(FALL_ASKED.search(question)) is fall


@pytest.mark.parametrize("subject, measure, singled_out", [
    ("Older", "jobless rate for older workers", True),
    ("Northvale", "jobless rate", False),
    ("United States", "unemployment rate", False),
])
def test_subgroup(subject, measure, singled_out):
    f = Figure(id="x", doc_id="d", subject=subject, measure=measure, period="2023-09", value=4.0, unit=Unit.percent,
               quote="4.0 percent", start=0, end=11)
    assert subgroup(f) is singled_out


WHEN_PASSAGE = ("Big lenders approved 13.6% of requests in December, well below the 28.3% they approved in January 2020, "
                "and far above the £1,277 households were paying in winter 2021-22.")


@pytest.mark.parametrize("question, span", [
    ("When did big lenders approve 28.3% of requests?", "January 2020"),   # the date beside the number quoted
    ("When were households paying £1,277?", "winter 2021-22"),            # a season and a financial year as written
])
def test_when_answers_the_date_beside_the_quoted_figure(question, span):
    from qa.compose.spans import answer_span
    from qa.model.records import Passage

    got = answer_span(question, Passage(doc_id="d", start=0, end=len(WHEN_PASSAGE), text=WHEN_PASSAGE))
    assert got is not None and WHEN_PASSAGE[got[0]:got[1]] == span


SPEND = ("Visitors spent $1.29 trillion across the country in 2023. Northvale topped the rankings with visitors "
         "spending $150.4 billion in 2023, and the report says taxes raised $188 billion.")


@pytest.mark.parametrize("question, whole", [
    ("What share of the national total did Northvale account for in 2023?", "national"),  # the part's own measure
    ("What share of spending did Northvale account for in 2023?", None),                   # no whole asked for
])
def test_a_share_of_the_total_takes_the_wider_figure_as_its_whole(question, whole):
    from qa.model.records import Op, Plan
    from qa.understand.plans import Context, plan_share
    from qa.understand.query import read_question

    def fig(i: str, subject: str, measure: str, v: float, quote: str) -> Figure:
        return figure_in(SPEND, "t", i, subject, measure, "2023", v, Unit.money, quote)

    figs = [fig("national", "Visitors", "visitor spending", 1.29e12, "$1.29 trillion"),
            fig("nv", "Northvale", "visitor spending", 150.4e9, "$150.4 billion"),
            fig("tax", "Report", "taxes raised", 188e9, "$188 billion")]
    known = known_of(SPEND, "t", figs)
    r = read_question(known, question, 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    if whole is None:
        assert plan.operation is not Op.percentage_of or plan.groups[-1] != ["national"]
    else:
        assert plan.operation is Op.percentage_of and plan.groups == [["nv"], [whole]], plan


@pytest.mark.parametrize("operation, period, fits", [
    ("pct_change", "2022", None),     # "did it rise in 2023?": 2022 is the baseline, not a mismatch
    ("pct_change", "2021", False),
    ("lookup", "2022", False),        # "what was it in 2023?": 2022 is not asked
    ("pct_change", "2023", True),
    ("change_comparison", "2022", None),   # "which rose more in 2023?" compares changes from 2022
])
def test_the_year_before_is_the_baseline_of_a_change_in_a_year(operation, period, fits):
    from qa.model.records import Op
    from qa.understand.query import Reading
    from qa.understand.score import period_fits

    f = Figure(id="x", doc_id="d", subject="Northvale", measure="generation", period=period, value=1.0, unit=Unit.count,
               quote="1.0", start=0, end=3)
    r = Reading(text="", lowered="", years=[2023], operation=Op(operation))
    assert period_fits(f, r) is fits


@pytest.mark.parametrize("a, b", [
    ("approval rate", "approved"),          # one stem for a noun and its verb
    ("generation", "generated"),
    ("renewables", "renewable"),
    ("offences", "offence"),
])
def test_word_forms_share_a_stem(a, b):
    from qa.text.lexicon import canon_tokens

    assert set(canon_tokens(a)) & set(canon_tokens(b))


def test_vocabulary_terms_are_reduced_like_questions():
    from qa.text.lexicon import canon_tokens, vocabulary

    # a vocabulary file writes a key term as a word; loaded, each term is already in the form questions reduce to
    v = vocabulary()
    assert v.key_terms and all(canon_tokens(t) == [t] for t in v.key_terms if t.isalpha())


RATIO_TEXT = ("Offences rose 39% nationally, to 7,357 across Northshire and Southshire. Northshire recorded 710 offences "
              "in 2021.")


def test_a_binary_reading_pairs_figures_of_one_unit():
    # the national best match is its 39% rise, which Northshire has no like of: the two counts are the pair
    from qa.model.records import Op
    from qa.understand.plans import Context, pair
    from qa.understand.query import read_question

    def fig(i: str, subject: str, measure: str, period: str, v: float, unit: Unit, quote: str) -> Figure:
        return figure_in(RATIO_TEXT, "r", i, subject, measure, period, v, unit, quote)

    figs = [fig("rise", "Northshire and Southshire", "percent change in offences recorded", "2020/2021", 39,
                Unit.percent, "39%"),
            fig("all", "Northshire and Southshire", "offences recorded", "2021", 7357, Unit.count, "7,357"),
            fig("north", "Northshire", "offences recorded", "2021", 710, Unit.count, "710 offences")]
    known = known_of(RATIO_TEXT, "r", figs, "2022-06-01")
    r = read_question(known, "The Northshire and Southshire 2021 total is how many times Northshire's count?", 2022)
    r.operation = Op.ratio
    groups = pair(Context(known=known, sims={}, doc_year=2022), r, None)
    assert groups is not None and sorted(f.id for g in groups for f in g) == ["all", "north"]


@pytest.mark.parametrize("question, both", [
    ("total cases dropped - suspect or no suspect?", True),
    ("cases dropped, suspect and no-suspect combined", False),   # as written; the reader turns the hyphen into a space first
    ("how many with or without a suspect?", True),
    ("a degree or no degree: who earns more?", True),
    ("how many cases had no suspect?", False),
])
def test_either_side_of_an_axis_is_both(question, both):
    from qa.text.lexicon import EITHER

    assert bool(EITHER.search(question)) is both


@pytest.mark.parametrize("question, whole, part", [
    ("of the cases dropped, what share had a suspect?", "the cases dropped", "what share had a suspect"),
    ("for northshire, of the cases that were dropped, what percent had a suspect?", "the cases that were dropped",
     "what percent had a suspect"),   # a lead-in naming the place
    ("what share had a suspect?", None, None),
    ("did northshire account for more than a tenth of all the offences the forces recorded?",
     "all the offences the forces recorded", "northshire"),          # the part is the subject of "account for"
    ("did wind make up over half of generation in 2023?", "generation in 2023", "wind"),
    # "X - what percent of Y is that?": the lead-in is the part
    ("the 2022 regional figure - what percent of the 2016-2022 total is that", "the 2016-2022 total",
     "the 2022 regional figure"),
])
def test_share_clauses_after_a_lead_in(question, whole, part):
    from qa.understand.plans import share_clauses
    from qa.understand.query import Reading

    got = share_clauses(Reading(text=question, lowered=question))
    assert got == ((whole, part) if whole else None)


WHICH_TEXT = "Northvale recorded 630 burglaries, Southmere 370 and Eastwick 120; the three towns together 1,120."


@pytest.mark.parametrize("question, ids", [
    ("Which town recorded more burglaries in 2023?", ["n", "s"]),       # the two highest; the joint figure left out
    ("Which town recorded fewer burglaries in 2023?", ["e", "s"]),      # the two lowest
    ("Which year recorded more burglaries?", None),             # a period asked: not a comparison of places
])
def test_which_place_had_more_compares_the_places_the_article_gives(question, ids):
    from qa.understand.plans import WHICH_ONE, Context, among_all
    from qa.understand.query import read_question

    def fig(i: str, subject: str, v: float, quote: str) -> Figure:
        return figure_in(WHICH_TEXT, "w", i, subject, "burglaries recorded", "2023", v, Unit.count, quote)

    figs = [fig("n", "Northvale", 630, "630 burglaries"), fig("s", "Southmere", 370, "370"),
            fig("e", "Eastwick", 120, "120"), fig("all", "Northvale, Southmere and Eastwick", 1120, "1,120")]
    known = known_of(WHICH_TEXT, "w", figs, "2024-02-01")
    r = read_question(known, question, 2024)
    if ids is None:
        assert not WHICH_ONE.search(r.lowered)
    else:
        groups = among_all(Context(known=known, sims={}, doc_year=2024), r)
        assert groups is not None and sorted(f.id for g in groups for f in g) == ids


AREA_TEXT = "Employers in the United States added 120,000 jobs, while the UK economy grew by 0.4 per cent."


@pytest.mark.parametrize("question, subjects", [
    ("how many jobs did the US add?", ["United States"]),        # an area's two-letter name, in capitals
    ("jobs added in the USA?", ["United States"]),               # another way the vocabulary writes it
    ("how many jobs did america add", ["United States"]),
    ("tell us how many jobs were added", []),                    # "us" in lower case is the pronoun
    ("how much did the uk economy grow?", ["UK"]),               # lower case, but not an English word
])
def test_an_area_is_found_by_every_name_the_vocabulary_gives_it(question, subjects):
    figures = [figure_in(AREA_TEXT, "d", "us_jobs", "United States", "jobs added", "2023", 120000, Unit.count, "120,000 jobs"),
               figure_in(AREA_TEXT, "d", "uk_gdp", "UK", "economic growth", "2023", 0.4, Unit.percent, "0.4 per cent")]
    known = known_of(AREA_TEXT, "d", figures)
    assert known.subjects.find(question.lower(), question) == subjects


PRIOR_TEXT = ("Deaths rose to 350 in 2022 from 310 in 2021. Serious injuries fell to 350 from 360; 4,000 were treated. "
              "Of them, 12 were children, 12 were cyclists and 12 were pedestrians.")


@pytest.mark.parametrize("question, answers, prior", [
    ("what % rise is that?", ["Deaths rose to 350 in 2022, up from 310."], {"d2022", "i2022", "d2021"}),
    ("what % rise is that?", ["There were 4,000 treated."], {"treated"}),
    ("and in 2021?", ["There were 4,000 treated."], set()),
    ("what share is that?", ["12 were children."], set()),          # a number three figures share says nothing         # no "that": not a reference to the answer
    ("how many were treated?", [], set()),                           # no conversation
])
def test_that_in_a_follow_up_is_the_figures_the_answers_stated(question, answers, prior):
    from qa.model.records import Turn
    from qa.understand.query import stated_before

    figures = [figure_in(PRIOR_TEXT, "d", "d2022", "Road users", "deaths", "2022", 350, Unit.count, "350 in 2022"),
               figure_in(PRIOR_TEXT, "d", "d2021", "Road users", "deaths", "2021", 310, Unit.count, "310 in 2021"),
               figure_in(PRIOR_TEXT, "d", "i2022", "Road users", "serious injuries", "2022", 350, Unit.count, "350 from"),
               figure_in(PRIOR_TEXT, "d", "treated", "Road users", "treated", "2022", 4000, Unit.count, "4,000")] + [
        figure_in(PRIOR_TEXT, "d", who, who, "treated", "2022", 12, Unit.count, f"12 were {who}")
        for who in ("children", "cyclists", "pedestrians")]
    known = known_of(PRIOR_TEXT, "d", figures)
    turns = [Turn(question="earlier?", answer=a) for a in answers]
    assert stated_before(known, question, turns) == prior


NAMES_TEXT = "CrossMoor Express cancelled 7.9% of trains, Kestrelford Hospitals NHS Trust saw 14,215 patients and Northline 4.8%."


@pytest.mark.parametrize("question, subjects", [
    ("what was cme's cancellation rate?", ["CrossMoor Express"]),     # initials of a name written in camel case
    ("how many patients did kestrelford see?", ["Kestrelford Hospitals NHS Trust"]),  # a word of the name no other has
    ("how did crossmoor do?", ["CrossMoor Express"]),
    ("how did express trains do?", []),                                # an English word names nothing alone
])
def test_a_name_is_found_by_its_initials_and_its_distinctive_word(question, subjects):
    figures = [figure_in(NAMES_TEXT, "d", "cme", "CrossMoor Express", "cancelled", "2023", 7.9, Unit.percent, "7.9%"),
               figure_in(NAMES_TEXT, "d", "sev", "Kestrelford Hospitals NHS Trust", "patients", "2023", 14215, Unit.count,
                         "14,215 patients"),
               figure_in(NAMES_TEXT, "d", "nor", "Northline", "cancelled", "2023", 4.8, Unit.percent, "4.8%")]
    assert known_of(NAMES_TEXT, "d", figures).subjects.find(question.lower(), question) == subjects


@pytest.mark.parametrize("question, is_text", [
    ("Who cancelled more, Northline or CrossMoor?", False),   # two named things compared
    ("Who runs CrossMoor Express?", True),                   # a name asked for
])
def test_who_of_two_named_things_compares_them(question, is_text):
    from qa.understand.query import read_question

    figures = [figure_in(NAMES_TEXT, "d", "cme", "CrossMoor Express", "cancelled", "2023", 7.9, Unit.percent, "7.9%"),
               figure_in(NAMES_TEXT, "d", "nor", "Northline", "cancelled", "2023", 4.8, Unit.percent, "4.8%")]
    assert read_question(known_of(NAMES_TEXT, "d", figures), question, 2024).is_text is is_text


@pytest.mark.parametrize("figures_text, quote, unit, wants", [
    # the documents give a rate per head: "the rate" may be that count, so no percentage is required
    ("Northshire recorded 118.9 offences per 100,000 people.", "118.9 offences per 100,000", Unit.count, None),
    # no rate per head anywhere: a rate is a percentage
    ("Northshire's approval rate was 18.9%.", "18.9%", Unit.percent, Unit.percent),
])
def test_a_rate_is_a_percentage_unless_the_documents_give_rates_per_head(figures_text, quote, unit, wants):
    from qa.understand.query import read_question

    fig = figure_in(figures_text, "d", "n", "Northshire", "rate", "2023", float(quote.split()[0].rstrip("%")), unit, quote)
    assert read_question(known_of(figures_text, "d", [fig]), "what was the rate in northshire?", 2024).wants_unit is wants


CAP_TEXT = "The cap will be £1,928 a year from 1 January, up from £1,834."


@pytest.mark.parametrize("question, extra", [
    ("what will the cap be from april 2024?", 1.0),   # a figure of January answers no question about April
    ("what will the cap be from january 2024?", 0.0),
])
def test_a_figure_of_another_month_than_asked_is_of_a_period_not_asked(question, extra):
    from qa.model.records import Op, Plan
    from qa.understand.candidates import Candidate, featurize
    from qa.understand.query import read_question

    fig = figure_in(CAP_TEXT, "d", "cap", "Households", "price cap", "2024-01", 1928, Unit.money, "£1,928")
    known = known_of(CAP_TEXT, "d", [fig], published="2023-11-20")
    r = read_question(known, question, 2023)
    c = Candidate(plan=Plan(operation=Op.lookup, groups=[["cap"]], figure_ids=["cap"]), asked="lookup")
    featurize(c, r, known, {"cap": 5.0})
    assert c.features["years_extra"] == extra


SCHOOL_TEXT = "| Region | 2021-22 | 2022-23 |\n|---|---|---|\n| Northshire | 7.4 | 7.9 |"


@pytest.mark.parametrize("question, years", [
    ("what was the absence rate in 2022-23?", [2023]),          # a financial or school year, counted by its end
    ("what was the absence rate in 2021/22?", [2022]),
    ("what was the absence rate in 2022?", [2022]),
    ("how did it change between 2021-22 and 2022-23?", [2022, 2023]),
    ("what was it in 2019-2023?", [2019, 2023]),                  # four-digit ends: a range, not a split year
])
def test_a_split_year_is_the_year_it_ends_in(question, years):
    from qa.understand.query import read_question

    fig = figure_in(SCHOOL_TEXT, "d", "n", "Northshire", "absence rate", "2022-04/2023-03", 7.9, Unit.percent, "7.9")
    assert read_question(known_of(SCHOOL_TEXT, "d", [fig]), question, 2024).years == years


EARLIER_TEXT = "Northshire cancelled 6.2% of trains this winter. Its on-time rate was 41.8%, down from 45.1% a year before."


@pytest.mark.parametrize("question, best", [
    ("what was northshire's on-time rate a year earlier?", "ot_then"),   # the earlier figure of the series
    ("what is northshire's on-time rate?", "ot_now"),                    # no period: the latest
])
def test_a_year_earlier_is_an_earlier_figure_of_the_series(question, best):
    from qa.understand.query import read_question
    from qa.understand.score import score_figures

    figs = [figure_in(EARLIER_TEXT, "d", "ot_now", "Northshire", "on-time rate", "2023", 41.8, Unit.percent, "41.8%"),
            figure_in(EARLIER_TEXT, "d", "ot_then", "Northshire", "on-time rate", "2022", 45.1, Unit.percent, "45.1%")]
    known = known_of(EARLIER_TEXT, "d", figs)
    assert score_figures(known, read_question(known, question, 2024), {})[0][1].id == best


def test_a_year_earlier_of_a_figure_with_no_earlier_one_scores_low():
    from qa.understand.query import read_question
    from qa.understand.score import score_figures

    fig = figure_in(EARLIER_TEXT, "d", "cancel", "Northshire", "trains cancelled", "2023", 6.2, Unit.percent, "6.2%")
    known = known_of(EARLIER_TEXT, "d", [fig])
    now = score_figures(known, read_question(known, "what share of trains did northshire cancel?", 2024), {})[0][0]
    then = score_figures(known, read_question(known, "what share of trains did northshire cancel a year earlier?", 2024), {})[0][0]
    assert then <= now - 3.0


RATE_TEXT = "Northshire recorded 1,402 offences, a rate of 98.1 per 100,000 people."


@pytest.mark.parametrize("question, best", [
    ("what was northshire's rate per 100,000?", "rate"),
    ("how many offences did northshire record?", "count"),
])
def test_a_rate_per_head_asked_is_not_a_count(question, best):
    from qa.understand.query import read_question
    from qa.understand.score import score_figures

    figs = [figure_in(RATE_TEXT, "d", "count", "Northshire", "offences", "2023", 1402, Unit.count, "1,402 offences"),
            figure_in(RATE_TEXT, "d", "rate", "Northshire", "offences per 100,000 people", "2023", 98.1, Unit.count,
                      "98.1 per 100,000 people")]
    known = known_of(RATE_TEXT, "d", figs)
    assert score_figures(known, read_question(known, question, 2024), {})[0][1].id == best


@pytest.mark.parametrize("operation, groups, operands", [
    ("sum", [["a", "b", "c"]], 3.0),        # a sum of three figures has three operands
    ("average", [["a", "b"]], 2.0),
    ("difference", [["a"], ["b"]], 2.0),
    ("lookup", [["a"]], 1.0),
])
def test_a_sum_counts_its_figures_as_operands(operation, groups, operands):
    from qa.model.records import Op, Plan
    from qa.understand.candidates import Candidate, featurize
    from qa.understand.query import read_question

    text = "Northshire 10, Southshire 20, Westshire 30."
    figs = [figure_in(text, "d", i, name, "homes", "2023", v, Unit.count, str(int(v)))
            for i, name, v in (("a", "Northshire", 10), ("b", "Southshire", 20), ("c", "Westshire", 30))]
    known = known_of(text, "d", figs)
    c = Candidate(plan=Plan(operation=Op(operation), groups=groups, figure_ids=[i for g in groups for i in g]),
                  asked=operation)
    featurize(c, read_question(known, "how many homes in all three?", 2024), known, {})
    assert c.features["operands"] == operands


@pytest.mark.parametrize("question, years, last_month", [
    ("what was it in q3 2022-23?", [2022], "2022-12"),      # a quarter of a financial year: October to December 2022
    ("what was it in Q3 2023?", [2023], "2023-09"),
    ("what was it from january to march 2024?", [2024], "2024-03"),
])
def test_a_quarter_asked_is_read_as_documents_read_it(question, years, last_month):
    from qa.understand.query import read_question

    text = "On time: 62.4% in the quarter."
    fig = figure_in(text, "d", "q", "Northern", "on time", "2022-10/2022-12", 62.4, Unit.percent, "62.4%")
    r = read_question(known_of(text, "d", [fig]), question, 2024)
    assert r.years == years and last_month in r.months


JOINT_TEXT = "Forces in England and Wales recorded 7,357 offences; Northshire Police recorded 710."


@pytest.mark.parametrize("question, other", [
    ("how many offences were recorded in wales alone?", "wales"),        # given only together with England
    ("how many offences were recorded in england and wales?", ""),       # the joint name asked
])
def test_a_place_given_only_as_part_of_a_joint_name_is_not_covered_alone(question, other):
    from qa.understand.query import read_question

    figs = [figure_in(JOINT_TEXT, "d", "ew", "Forces in England and Wales", "offences", "2023", 7357, Unit.count, "7,357"),
            figure_in(JOINT_TEXT, "d", "ns", "Northshire Police", "offences", "2023", 710, Unit.count, "710")]
    assert read_question(known_of(JOINT_TEXT, "d", figs), question, 2024).other_place == other


def _fig(i: str, subject: str, measure: str, period: str, value: float) -> Figure:
    return Figure(id=i, doc_id="d", subject=subject, measure=measure, period=period, value=value, unit=Unit.count,
                  quote=str(value), start=0, end=3)


@pytest.mark.parametrize("figs, double", [
    # a 2016-2022 count plus the 2022 count of the same measure and place counts 2022 twice
    ([("a", "Northshire", "thefts recorded", "2016/2022", 900), ("b", "Northshire", "thefts recorded", "2022", 200)], True),
    ([("a", "Northshire", "thefts recorded", "2021", 150), ("b", "Northshire", "thefts recorded", "2022", 200)], False),
    ([("a", "Northshire", "thefts recorded", "2016/2022", 900), ("b", "Southshire", "thefts recorded", "2022", 80)], False),
    ([("a", "Northshire", "thefts recorded", "2016/2022", 900), ("b", "Northshire", "thefts solved", "2022", 20)], False),
    ([("a", "Northshire", "thefts recorded", "2016/2019", 500), ("b", "Northshire", "thefts recorded", "2020/2022", 400)], False),
])
def test_a_total_never_adds_a_figure_to_one_for_a_period_containing_it(figs, double):
    from qa.understand.candidates import double_counted
    assert double_counted([_fig(*f) for f in figs]) is double


SHORT_TEXT = ("The Liberal Progressives won 420 seats and Social care got 310 staff; Texas spent $80bn, Ohio spent $40bn "
              "and Social Housing Trust 12 homes.")


@pytest.mark.parametrize("question, subjects", [
    ("how many seats did the lib progs win?", ["Liberal Progressives"]),   # each word cut short, plural kept
    ("seats won by the liberal prog?", ["Liberal Progressives"]),
    ("how many socialcare staff?", ["Social care"]),                       # two words written as one
    ("what did TX spend?", ["Texas"]),                                     # a code the vocabulary gives, in capitals
    ("oh what did ohio spend?", ["Ohio"]),                                 # "oh" in lower case is no code
    ("how many homes did the soc hou trust build?", ["Social Housing Trust"]),
    ("did the li pr win?", []),                                            # two letters are too few to be a word
])
def test_a_name_is_found_cut_short_joined_up_or_by_its_code(question, subjects):
    figures = [figure_in(SHORT_TEXT, "d", "lp", "Liberal Progressives", "seats", "2023", 420, Unit.count, "420 seats"),
               figure_in(SHORT_TEXT, "d", "sc", "Social care", "staff", "2023", 310, Unit.count, "310 staff"),
               figure_in(SHORT_TEXT, "d", "tx", "Texas", "spending", "2023", 80e9, Unit.money, "$80bn"),
               figure_in(SHORT_TEXT, "d", "oh", "Ohio", "spending", "2023", 40e9, Unit.money, "$40bn"),
               figure_in(SHORT_TEXT, "d", "sh", "Social Housing Trust", "homes", "2023", 12, Unit.count, "12 homes")]
    assert known_of(SHORT_TEXT, "d", figures).subjects.find(question.lower(), question) == subjects


SEATS_TEXT = ("Northshire won 120 seats, gaining 30, while Southshire won 80 seats and Eastshire won 60 seats. "
              "In Westshire 5 councillors resigned.")


@pytest.mark.parametrize("question, ids", [
    # seats, not one's gains and the other's seats: the measure both have
    ("How many seats did Northshire and Southshire win between them?", ["n_seats", "s_seats"]),
    ("Add up the seats Northshire, Southshire and Eastshire won", ["n_seats", "s_seats", "e_seats"]),
    ("Add up the seats Northshire and Westshire won", None),   # no measure is given for both
])
def test_a_total_of_named_places_takes_one_measure_for_all(question, ids):
    from qa.understand.plans import Context, each_named
    from qa.understand.query import read_question

    def f(i: str, who: str, measure: str, v: float, quote: str) -> Figure:
        return figure_in(SEATS_TEXT, "d", i, who, measure, "2023", v, Unit.count, quote)

    figures = [f("n_seats", "Northshire", "seats won", 120, "120 seats"), f("n_gain", "Northshire", "seats gained", 30, "30"),
               f("s_seats", "Southshire", "seats won", 80, "80 seats"),
               f("e_seats", "Eastshire", "seats won", 60, "60 seats"), f("w_res", "Westshire", "councillors resigned", 5, "5 councillors")]
    known = known_of(SEATS_TEXT, "d", figures)
    r = read_question(known, question, 2024)
    group = each_named(Context(known=known, sims={}, doc_year=2024), r, Unit.count)
    assert (None if group is None else [x.id for x in group]) == ids


@pytest.mark.parametrize("part_period, whole_period, nested", [
    ("2022", "2016/2022", True),        # a year's count as a share of the total over the years it is in
    ("2019/2020", "2016/2022", True),
    ("2023", "2016/2022", False),       # a year outside the span is no part of it
    ("2016/2022", "2016/2022", False),  # the same span: no part-of-period at all
    ("2022", "2022", False),
])
def test_a_share_of_a_longer_periods_total_is_not_a_mix_of_periods(part_period, whole_period, nested):
    from qa.model.records import Op, Plan
    from qa.understand.candidates import part_of_its_period

    part, whole = _fig("p", "Northshire", "thefts recorded", part_period, 200), _fig("w", "Northshire", "thefts recorded",
                                                                                       whole_period, 900)
    plan = Plan(operation=Op.percentage_of, figure_ids=["p", "w"], groups=[["p"], ["w"]])
    assert part_of_its_period(plan, {"p": part, "w": whole}) is nested


def _two_documents_known(subjects_by_doc: dict[str, list[str]]):  # -> CorpusTerms
    from qa.corpus.collection import Corpus
    from qa.model.records import Document
    from qa.understand.link import CorpusTerms

    docs, figures = [], []
    for doc, subjects in subjects_by_doc.items():
        text = " ".join(f"{s} counted {i + 10} things." for i, s in enumerate(subjects))
        docs.append(Document(id=doc, title=doc, published="2024-03-01", text=text))
        figures += [figure_in(text, doc, f"{doc}{i}", s, "things counted", "2023", i + 10, Unit.count, f"{i + 10} things")
                    for i, s in enumerate(subjects)]
    return CorpusTerms(Corpus(docs, figures))


@pytest.mark.parametrize("question, subjects", [
    # the field vocabulary calls England and Wales "national"; beside a state of another document's it names nothing
    ("what share of the national total did Ohio count?", ["Ohio"]),
    ("how many did England and Wales count nationally?", ["England and Wales"]),
    ("what share of the national total was in Northshire?", ["England and Wales", "Northshire"]),  # one document
    # a name's last two words starting with a linking word are no name ("of england" is not the Bank of England)
    ("how many of england's things?", []),
])
def test_a_field_name_of_another_documents_subject_names_nothing(question, subjects):
    known = _two_documents_known({"crime": ["England and Wales", "Northshire"], "tourism": ["Ohio", "Bank of England"]})
    assert known.subjects.find(question.lower(), question) == subjects


@pytest.mark.parametrize("question, first", [
    ("How many percent more seats did Northshire win than Southshire?", "s_seats"),   # measured from the "than" side
    ("By what percent did Southshire trail compared with Northshire?", "n_seats"),
    ("What is the percentage difference between Northshire and Southshire?", "n_seats"),  # no base named: as given
])
def test_a_change_between_two_places_is_measured_from_the_one_after_than(question, first):
    from qa.understand.plans import Context, base_first
    from qa.understand.query import read_question

    n = figure_in(SEATS_TEXT, "d", "n_seats", "Northshire", "seats won", "2023", 120, Unit.count, "120 seats")
    s = figure_in(SEATS_TEXT, "d", "s_seats", "Southshire", "seats won", "2023", 80, Unit.count, "80 seats")
    known = known_of(SEATS_TEXT, "d", [n, s])
    groups = base_first(Context(known=known, sims={}, doc_year=2024), read_question(known, question, 2024), [[n], [s]])
    assert groups[0][0].id == first


@pytest.mark.parametrize("question, part, whole", [
    # the whole is the same measure over every place the article gives it for
    ("Of the seats won, what share were won by Northshire?", ["n_seats"], ["n_seats", "s_seats", "e_seats"]),
    ("Of the seats won, what share were Northshire and Southshire's together?", ["n_seats", "s_seats"],
     ["n_seats", "s_seats", "e_seats"]),
])
def test_a_share_of_a_place_is_of_the_same_measure_over_more_places(question, part, whole):
    from qa.model.records import Op, Plan
    from qa.understand.plans import Context, plan_share
    from qa.understand.query import read_question

    def f(i: str, who: str, measure: str, v: float, quote: str) -> Figure:
        return figure_in(SEATS_TEXT, "d", i, who, measure, "2023", v, Unit.count, quote)

    figures = [f("n_seats", "Northshire", "seats won", 120, "120 seats"), f("n_gain", "Northshire", "seats gained", 30, "30"),
               f("s_seats", "Southshire", "seats won", 80, "80 seats"), f("e_seats", "Eastshire", "seats won", 60, "60 seats")]
    known = known_of(SEATS_TEXT, "d", figures)
    r = read_question(known, question, 2024)
    plan = plan_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan.operation is Op.percentage_of
    assert [sorted(g) for g in plan.groups] == [sorted(part), sorted(whole)]


REST_TEXT = ("Across Westland 300 seats were won in 2023 and 250 in 2022. Northshire won 120 seats in 2023 and 100 in 2022; "
             "Southshire won 80 seats in 2023 and 90 in 2022.")


def _rest_known():
    def f(i: str, who: str, period: str, v: float, quote: str) -> Figure:
        return figure_in(REST_TEXT, "d", i, who, "seats won", period, v, Unit.count, quote)

    return known_of(REST_TEXT, "d", [f("w23", "Westland", "2023", 300, "300 seats"), f("w22", "Westland", "2022", 250, "250"),
                                     f("n23", "Northshire", "2023", 120, "120 seats"), f("n22", "Northshire", "2022", 100, "100"),
                                     f("s23", "Southshire", "2023", 80, "80 seats"), f("s22", "Southshire", "2022", 90, "90")])


@pytest.mark.parametrize("question, excluded", [
    ("How many seats did places other than Northshire and Southshire win in 2023?", ["Northshire", "Southshire"]),
    ("Stripping out Northshire, how much did seats grow across the rest?", ["Northshire"]),
    ("How many seats did Northshire win in 2023?", []),
    ("Excluding Southshire, what did Northshire win?", ["Southshire"]),   # the clause ends at the comma
])
def test_the_places_a_question_leaves_out(question, excluded):
    from qa.understand.query import read_question

    assert read_question(_rest_known(), question, 2024).excluded == excluded


@pytest.mark.parametrize("op, groups, question, wholes, without", [
    # a count of the rest: the whole of that year less the places named
    ("lookup", [["n23"]], "How many seats did places other than Northshire and Southshire win in 2023?",
     [["w23"]], [["n23", "s23"]]),
    # a change of the rest: each year's whole less that year's figure for the place named
    ("pct_change", [["n22"], ["n23"]], "Stripping out Northshire, by what percent did seats grow from 2022 to 2023?",
     [["w22"], ["w23"]], [["n22"], ["n23"]]),
])
def test_what_is_left_takes_the_named_places_from_their_whole(op, groups, question, wholes, without):
    from qa.model.records import Op, Plan
    from qa.understand.plans import Context, take_away
    from qa.understand.query import read_question

    known = _rest_known()
    plan = Plan(operation=Op(op), groups=groups, figure_ids=[i for g in groups for i in g])
    out = take_away(Context(known=known, sims={}, doc_year=2024), plan, read_question(known, question, 2024))
    assert out.groups == wholes and out.without == without


@pytest.mark.parametrize("question, measure, opposite", [
    ("How many councils did not reply to the survey?", "councils replying to the survey", True),
    ("How many councils didn't respond?", "councils that responded", True),
    ("How many councils did not reply?", "councils that did not reply", False),     # the figure says the same
    ("How many councils replied?", "councils replying to the survey", False),       # nothing negated
    ("How many councils did not have full data?", "councils replying to the survey", False),  # another verb
])
def test_a_figure_of_what_happened_does_not_answer_what_did_not(question, measure, opposite):
    from qa.understand.candidates import answers_the_opposite
    from qa.understand.query import read_question

    text = "In all 40 councils replied to the survey."
    f = figure_in(text, "d", "c", "Councils", measure, "2023", 40, Unit.count, "40 councils")
    known = known_of(text, "d", [f])
    assert answers_the_opposite([f], read_question(known, question, 2024)) is opposite


WORKED_TEXT = ("Northshire dropped 300 cases despite a suspect being found, of its 900 cases reported to police, and at least "
             "40% of its cases were dropped; nationally 30% of crimes were dropped despite a suspect being identified.")


@pytest.mark.parametrize("question, groups, per", [
    # the stated 40% is of all dropped cases, not those dropped despite a suspect: work the rate out from counts
    ("Work out Northshire's rate of cases dropped despite a suspect. How many percentage points is that above the "
     "national 30%?", [["n_ws"], ["e_ws"]], [["n_cases"], []]),
    # the question quotes the stated percentage: it is kept
    ("By how many percentage points did Northshire's 40% exceed the national 30% dropped despite a suspect?",
     [["n_share"], ["e_ws"]], []),
])
def test_a_rate_of_another_part_than_asked_is_worked_out_from_counts(question, groups, per):
    from qa.model.records import Op, Plan
    from qa.understand.plans import Context, worked_rate
    from qa.understand.query import read_question

    figs = [figure_in(WORKED_TEXT, "d", "n_ws", "Northshire", "cases dropped despite a suspect being found", "2015/2021", 300,
                      Unit.count, "300 cases"),
            figure_in(WORKED_TEXT, "d", "n_cases", "Northshire", "cases reported to police", "2015/2021", 900, Unit.count,
                      "900 cases"),
            figure_in(WORKED_TEXT, "d", "n_share", "Northshire", "share of cases dropped", "2015/2021", 40, Unit.percent, "40%"),
            figure_in(WORKED_TEXT, "d", "e_ws", "England and Wales", "share of crimes dropped despite a suspect being "
                      "identified", "2015/2021", 30, Unit.percent, "30%")]
    known = known_of(WORKED_TEXT, "d", figs)
    plan = Plan(operation=Op.pp_difference, groups=[["n_share"], ["e_ws"]], figure_ids=["n_share", "e_ws"])
    out = worked_rate(Context(known=known, sims={}, doc_year=2024), plan, read_question(known, question, 2024))
    assert out.groups == groups and out.per == per


@pytest.mark.parametrize("question, groups", [
    ("What was the combined % rise for Northshire and Southshire from 2022 to 2023?", [["n22", "s22"], ["n23", "s23"]]),
    ("By how much did Northshire + Southshire grow between 2022 and 2023?", [["n22", "s22"], ["n23", "s23"]]),
    ("What was the % rise for Northshire and Southshire from 2022 to 2023?", None),   # each place's own change
    ("What was the combined % rise for Northshire from 2022 to 2023?", None),         # one place
])
def test_a_change_of_places_taken_together_is_the_change_of_their_total(question, groups):
    from qa.understand.plans import Context, combined_over_time
    from qa.understand.query import read_question

    known = _rest_known()
    got = combined_over_time(Context(known=known, sims={}, doc_year=2024), read_question(known, question, 2024), Unit.count)
    assert (None if got is None else [[f.id for f in g] for g in got]) == groups


@pytest.mark.parametrize("question, measure_words", [
    ("How many times bigger was Northshire's 2023 figure than its 2022 one?", []),   # asking words, not a measure
    ("By what factor did seats grow from 2022 to 2023?", ["seat"]),
    ("How many seats did the thirty-eight councils win?", ["seat", "council", "win"]),  # a number in words is a number
])
def test_words_of_asking_and_numbers_in_words_are_not_measure_words(question, measure_words):
    from qa.understand.candidates import asking_canon
    from qa.understand.query import ASKING, PERIOD_WORDS, read_question

    r = read_question(_rest_known(), question, 2024)
    from qa.text import lexicon

    skip = asking_canon() | lexicon.canon_set(PERIOD_WORDS)
    assert sorted(t for t in r.terms if t not in ASKING and t not in skip) == sorted(measure_words)



@pytest.mark.parametrize("question, groups, since", [
    # no change is stated: each growth rate is worked out from the place's earliest and latest counts
    ("How many percentage points faster did seats grow in Northshire than in Southshire from 2022 to 2023?",
     [["n23"], ["s23"]], [["n22"], ["s22"]]),
])
def test_a_gap_between_growth_rates_works_each_out_from_counts(question, groups, since):
    from qa.understand.plans import Context, change_gap
    from qa.understand.query import read_question

    known = _rest_known()
    got = change_gap(Context(known=known, sims={}, doc_year=2024), read_question(known, question, 2024))
    assert got is not None
    assert [[f.id for f in g] for g in got[0]] == groups and [[f.id for f in g] for g in got[1]] == since


def test_no_gap_between_growth_rates_without_a_growth_word():
    from qa.understand.plans import Context, change_gap
    from qa.understand.query import read_question

    known = _rest_known()
    r = read_question(known, "How many percentage points apart are Northshire and Southshire?", 2024)
    assert change_gap(Context(known=known, sims={}, doc_year=2024), r) is None


@pytest.mark.parametrize("question, measure, quote, refused", [
    ("What was Northshire's theft rate per 100,000 in 2023?", "thefts recorded", "1,402 thefts", True),
    ("What was Northshire's theft rate per 100,000 in 2023?", "thefts per 100,000 people", "52 per 100,000", False),
    ("How many thefts did Northshire record in 2023?", "thefts recorded", "1,402 thefts", False),
])
def test_a_count_does_not_answer_a_rate_per_head(question, measure, quote, refused):
    from qa.understand.candidates import count_for_a_rate
    from qa.understand.query import read_question

    text = "Northshire recorded 1,402 thefts in 2023, or 52 per 100,000 people."
    f = figure_in(text, "d", "t", "Northshire", measure, "2023", 1402, Unit.count, quote)
    assert count_for_a_rate([f], read_question(known_of(text, "d", [f]), question, 2024)) is refused


@pytest.mark.parametrize("question, lower", [
    ("which market fell more steeply in 2024, northland or southland?", True),   # the greater fall: the lower change
    ("where did the burned area shrink more, northland or southland?", True),
    ("which saw the bigger drop, northland or southland?", True),
    ("which fell less, northland or southland?", False),
    ("which grew faster, northland or southland?", False),
    ("which grew slower, northland or southland?", True),
    ("which had the higher overall drop rate, northland or southland?", False),   # a rate named "drop": no fall asked
])
def test_which_change_of_two_is_asked_for(question, lower):
    from qa.understand.plans import lower_change_asked

    assert lower_change_asked(question) is lower


@pytest.mark.parametrize("intents, operation", [
    # sure of a gap, unsure of its kind (0.38 + 0.34 + 0.1 = 0.82): the likeliest gap is asked
    ((("pp_difference", 0.38), ("difference", 0.34), ("pct_change", 0.1), ("lookup", 0.08)), "pp_difference"),
    # unsure of everything: look the figure up
    ((("sum", 0.3), ("lookup", 0.25), ("difference", 0.2)), "lookup"),
    # a sum is no gap: 0.38 alone is unsure, whatever the gaps add up to
    ((("sum", 0.38), ("difference", 0.3), ("pp_difference", 0.2)), "lookup"),
])
def test_an_unsure_reading_of_which_gap_still_asks_a_gap(monkeypatch, intents, operation):
    import qa.understand.query as query

    monkeypatch.setattr(query, "intents", lambda text: intents)
    text = "Northshire had 41.0% and Southshire 38.5%."
    figs = [figure_in(text, "d", "n", "Northshire", "share", "2023", 41.0, Unit.percent, "41.0%"),
            figure_in(text, "d", "s", "Southshire", "share", "2023", 38.5, Unit.percent, "38.5%")]
    r = query.read_question(known_of(text, "d", figs), "northshire v southshire share?", 2024)
    assert r.operation.value == operation
