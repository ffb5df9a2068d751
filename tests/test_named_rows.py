"""Operands a question names by a table's row labels, in whatever form ("environmental" for the row Environment,
"parks" for Parks and open spaces), joined by "and", "plus", "or", "than": each row becomes an operand; and a change
"in" one year compared between two rows is the change from the year before."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Plan, Unit
from qa.understand.link import word_forms_match
from qa.understand.plans import Context, plan_change_comparison
from qa.understand.query import named_rows, read_question


@pytest.mark.parametrize(("asked", "label", "expected"), [
    ("environmental", "environment", True),  # a derived word
    ("highway", "highways", True),  # singular for plural
    ("libraries", "library", True),  # all but the last three letters of the shorter shared
    ("tech", "technology", True),  # a word cut to half the label's or less
    ("care", "career", False),  # a short word beginning a longer one is no form of it
    ("cyclists", "motorcyclists", False),  # a word inside another is not its form
    ("energy", "environment", False),
])
def test_a_question_word_names_a_label_word_in_another_form(asked, label, expected):
    assert word_forms_match(asked, label) is expected


BUDGET = ("Net budget by service, £000: Street lighting 2,100 in 2023/24 and 1,900 in 2024/25; Parks and open "
          "spaces 4,000 and 3,000; Refuse collection 6,500 and 6,630; Total net budget 12,600 and 11,530.")


def _budget():
    figs = []
    rows = [("lighting", "Street lighting", "2,100", "1,900", 2100, 1900),
            ("parks", "Parks and open spaces", "4,000", "3,000", 4000, 3000),
            ("refuse", "Refuse collection", "6,500", "6,630", 6500, 6630),
            ("total", "Total net budget", "12,600", "11,530", 12600, 11530)]
    for key, label, q1, q2, v1, v2 in rows:
        figs.append(figure_in(BUDGET, "b", f"{key}24", label, "net budget", "2024", v1 * 1000, Unit.money, q1))
        figs.append(figure_in(BUDGET, "b", f"{key}25", label, "net budget", "2025", v2 * 1000, Unit.money, q2))
    return known_of(BUDGET, "b", figs)


@pytest.mark.parametrize(("question", "expected"), [
    ("combined budget for parks and refuse in 2024/25?", ["Parks and open spaces", "Refuse collection"]),
    ("which was cut harder, lighting or parks?", ["Street lighting", "Parks and open spaces"]),
    ("how much more goes on refuse than on parks?", ["Refuse collection", "Parks and open spaces"]),
    ("lighting plus parks plus refuse, in total?", ["Street lighting", "Parks and open spaces", "Refuse collection"]),
    ("what is the parks budget in 2024/25?", []),  # one row named: no operands to join
    ("the lighting parks budget?", []),  # nothing joins the two names
])
def test_rows_named_by_their_own_words_are_the_operands(question, expected):
    assert named_rows(_budget(), question.lower()) == expected


def test_a_sum_of_two_rows_named_by_their_own_words_reads_both_rows():
    r = read_question(_budget(), "Combined budget for parks and refuse in 2024/25?", 2024)
    assert r.operation is Op.sum
    assert r.subjects == ["Parks and open spaces", "Refuse collection"]


PASSENGERS = ("Passengers (millions): Northport 40.0 in 2019, 50.0 in 2023, 51.0 in 2024; Southport 40.0 in 2019, "
              "44.0 in 2023, 46.2 in 2024.")


def test_which_grew_faster_in_a_year_is_the_change_from_the_year_before():
    # over 2019-2024 Northport grew 27.5% (40 -> 51) and Southport 15.5% (40 -> 46.2); in 2024 alone Northport grew
    # 2% (50 -> 51) and Southport 5% (44 -> 46.2): "in 2024" asks for the second
    figs = []
    for place, values, quotes in [("Northport", (40.0, 50.0, 51.0), ("40.0 in 2019", "50.0", "51.0")),
                                  ("Southport", (40.0, 44.0, 46.2), ("40.0 in 2019, 44", "44.0", "46.2"))]:
        for year, v, q in zip(("2019", "2023", "2024"), values, quotes, strict=True):
            figs.append(figure_in(PASSENGERS, "p", f"{place[0]}{year}", place, "passengers", year, v * 1e6, Unit.count, q))
    known = known_of(PASSENGERS, "p", figs)
    r = read_question(known, "Which grew faster in 2024, Northport or Southport?", 2024)
    r.operation = Op.change_comparison
    plan = plan_change_comparison(Context(known=known, sims={}, doc_year=2024), Plan(operation=r.operation), r)
    assert plan.operation is Op.change_comparison
    assert plan.groups == [["N2023"], ["N2024"], ["S2023"], ["S2024"]]


def _two_dates():
    from qa.corpus.collection import Corpus
    from qa.model.records import Document
    from qa.understand.link import CorpusTerms

    jobs = "Employers added 250,000 jobs in September, against the 170,000 economists forecast."
    fares = "Ridership on the buses reached 9.1 million trips in September, the operator said."
    figs = [figure_in(jobs, "jobs", "j", "United States", "jobs added", "2023-09", 250000, Unit.count, "250,000 jobs"),
            figure_in(jobs, "jobs", "f", "United States", "economists forecast", "2023-09", 170000, Unit.count,
                      "170,000 economists forecast"),
            figure_in(fares, "bus", "b", "Metro", "bus trips", "2025-09", 9_100_000, Unit.count, "9.1 million trips")]
    docs = [Document(id="jobs", title="Jobs report", published="2023-10-06", text=jobs),
            Document(id="bus", title="Bus ridership", published="2025-10-20", text=fares)]
    return CorpusTerms(Corpus(docs, figs))


@pytest.mark.parametrize(("question", "months"), [
    # the month is counted back from the date of the document whose figures of that month the question's words fit
    ("How many jobs were added in September?", ["2023-09"]),
    ("By how many jobs did the September number beat what economists expected?", ["2023-09"]),  # not a month ahead
    ("How many bus trips were there in September?", ["2025-09"]),
])
def test_a_month_named_without_a_year_is_the_one_before_the_document_asked_about(question, months):
    assert read_question(_two_dates(), question, 2025).months == months


@pytest.mark.parametrize("question", [
    "By how many jobs did the September number beat what economists forecast?",
    "By how many jobs did the September number beat what economists expected?",  # the second's words alone find it
])
def test_a_number_that_beat_another_measure_of_the_same_subject_is_the_gap_between_them(question):
    from qa.understand.plans import Context, than_pair

    known = _two_dates()
    r = read_question(known, question, 2025)
    assert than_pair(Context(known=known, sims={}, doc_year=2025), r, None) == [
        [known.corpus.figures_by_id["j"]], [known.corpus.figures_by_id["f"]]]
