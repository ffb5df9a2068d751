"""Readings of a question asked of a store of several articles, when no one article clearly leads: "last year" is
the year before each figure's own article (articles are published in different years), not the year before the
store's latest article; and a candidate's closeness in meaning to the question (the index's similarity of its
figures' sentences or rows) is one of its features. Names and numbers are invented."""

from __future__ import annotations

import pytest
from made_figures import figure_in

from qa.corpus.collection import Corpus
from qa.model.records import Document, Unit
from qa.understand.link import CorpusTerms
from qa.understand.query import read_question
from qa.understand.score import score_figures

FERRIES = ("Westland ferries carried 3.1 million passengers in 2023 and 3.4 million passengers in 2024, the operator "
           "said.")
SURVEY = ("People in Eastland are saving less. Of the people asked, 41 per cent said they saved nothing in 2025. "
          "The total of 2,000 adults were asked in December.")


def _store() -> CorpusTerms:
    figs = [figure_in(FERRIES, "ferries", "f23", "Westland", "ferry passengers", "2023", 3.1e6, Unit.count, "3.1 million"),
            figure_in(FERRIES, "ferries", "f24", "Westland", "ferry passengers", "2024", 3.4e6, Unit.count, "3.4 million"),
            figure_in(SURVEY, "survey", "s1", "People", "share saving nothing", "2025", 41.0, Unit.percent, "41 per cent"),
            figure_in(SURVEY, "survey", "s2", "Total", "adults asked", "2025-12", 2000.0, Unit.count, "2,000")]
    docs = [Document(id="ferries", title="Ferries", published="2025-02-10", text=FERRIES),
            Document(id="survey", title="Savings", published="2026-01-15", text=SURVEY)]
    return CorpusTerms(Corpus(docs, figs))


def _one_article() -> CorpusTerms:
    figs = [figure_in(FERRIES, "ferries", "f23", "Westland", "ferry passengers", "2023", 3.1e6, Unit.count, "3.1 million"),
            figure_in(FERRIES, "ferries", "f24", "Westland", "ferry passengers", "2024", 3.4e6, Unit.count, "3.4 million")]
    return CorpusTerms(Corpus([Document(id="ferries", title="Ferries", published="2025-02-10", text=FERRIES)], figs))


@pytest.mark.parametrize("question", [
    "how many ferry passengers did westland carry last year",
    "how many ppl took westland ferries last yr?",
])
def test_last_year_is_the_year_before_each_figures_own_article(question):
    known = _store()
    r = read_question(known, question, known.corpus.doc_year)
    assert r.years == [] and r.own_year == -1  # not 2025, the year before the store's latest article
    best = score_figures(known, r, {})[0][1]
    assert best.id == "f24"  # the ferries article, published in 2025: its "last year" is 2024


def test_last_year_of_one_article_is_still_a_year():
    known = _one_article()
    r = read_question(known, "how many ferry passengers did westland carry last year", known.corpus.doc_year)
    assert r.years == [2024] and r.own_year is None


def test_a_year_written_beside_last_year_is_kept():
    known = _store()
    r = read_question(known, "how many ferry passengers last year, in 2023?", known.corpus.doc_year)
    assert 2023 in r.years and r.own_year is None


@pytest.mark.parametrize(("sims", "expected"), [
    ({"f24": 0.62}, 0.62),  # the index found the ferries sentence close to the question
    ({}, 0.0),  # not among the index's hits
])
def test_a_candidates_closeness_in_meaning_is_a_feature(sims, expected):
    from qa.model.records import Op, Plan
    from qa.understand.candidates import Candidate, featurize

    known = _store()
    r = read_question(known, "how many ppl sailed with westland in 2024", known.corpus.doc_year)
    c = Candidate(plan=Plan(operation=Op.lookup, groups=[["f24"]], figure_ids=["f24"]), asked="lookup")
    featurize(c, r, known, {"f24": 5.0}, sims=sims)
    assert c.features["sim"] == pytest.approx(expected)


def test_last_year_of_each_article_is_the_year_a_candidate_is_judged_by():
    from qa.model.records import Op, Plan
    from qa.understand.candidates import Candidate, featurize

    known = _store()
    r = read_question(known, "how many ferry passengers did westland carry last year", known.corpus.doc_year)
    for fid, extra in (("f24", 0.0), ("f23", 1.0)):
        c = Candidate(plan=Plan(operation=Op.lookup, groups=[[fid]], figure_ids=[fid]), asked="lookup")
        featurize(c, r, known, {fid: 5.0})
        assert c.features["years_extra"] == extra
