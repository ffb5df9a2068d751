"""A figure asked for in other words than the article's (issue 13, the paraphrase kind; issue 14, lookups): how close in
meaning the question is to the sentence each figure is stated in, and how far that sentence leads the sentences stating
the document's other figures of its unit (`qa.understand.meaning`), read as the ranker's `sentence_sim` and
`sentence_lead`. Every name and number here is invented."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Unit
from qa.understand.meaning import ALONE, Closeness, lead, sentence_closeness

TEXT = ("Skyway flew 2.4 million passengers in the quarter. Its planes were 88.5% full on average. "
        "Fuel cost the airline £310 million, up from £280 million. Staff numbers rose 4.0% to 9,100.")
DOC = "skyway-q3"
PAX = figure_in(TEXT, DOC, "pax", "Skyway", "passengers", "2024", 2_400_000, Unit.count, "2.4 million")
LOAD = figure_in(TEXT, DOC, "load", "Skyway", "load factor", "2024", 88.5, Unit.percent, "88.5%")
FUEL = figure_in(TEXT, DOC, "fuel", "Skyway", "fuel cost", "2024", 310e6, Unit.money, "£310 million")
FUEL_BEFORE = figure_in(TEXT, DOC, "fuel0", "Skyway", "fuel cost", "2023", 280e6, Unit.money, "£280 million")
STAFF_UP = figure_in(TEXT, DOC, "staff_up", "Skyway", "percent change in staff", "2024", 4.0, Unit.percent, "4.0%")
STAFF = figure_in(TEXT, DOC, "staff", "Skyway", "staff", "2024", 9100, Unit.count, "9,100")
FIGURES = [PAX, LOAD, FUEL, FUEL_BEFORE, STAFF_UP, STAFF]


@pytest.fixture(scope="module")
def corpus():
    return known_of(TEXT, DOC, FIGURES).corpus


def start_of(corpus, f):
    return corpus.passage_at(f.doc_id, f.start).start


def near_to(corpus, closeness_by_figure):
    """A question's closeness to the sentences stating these figures (others far)."""
    return Closeness(sentences={(DOC, start_of(corpus, f)): s for f, s in closeness_by_figure})


@pytest.mark.parametrize("close, figure, expected", [
    # "how full were the flights?": the load factor's sentence is nearest, the staff sentence (another %) far
    ([(LOAD, 0.62), (STAFF_UP, 0.20)], LOAD, ALONE),
    # another percentage's sentence is nearly as close: a small lead
    ([(LOAD, 0.62), (STAFF_UP, 0.55)], LOAD, 0.07),
    # the question is nearer another percentage's sentence: the lead is negative
    ([(LOAD, 0.30), (STAFF_UP, 0.50)], LOAD, -0.20),
    # the only money figures share one sentence: no rival, whatever the closeness
    ([(FUEL, 0.40)], FUEL, ALONE),
    # a count's rivals are counts (passengers against staff), not the percentages
    ([(PAX, 0.50), (STAFF, 0.45), (LOAD, 0.90)], PAX, 0.05),
])
def test_a_figure_leads_the_sentences_of_its_units_rivals(corpus, close, figure, expected):
    assert lead(near_to(corpus, close), corpus, [figure]) == pytest.approx(expected)


def test_a_calculations_operands_are_no_rivals_of_each_other(corpus):
    # a change from 2.4 million passengers to 9,100 staff reads both counts' sentences: neither competes, no count is left
    near = near_to(corpus, [(PAX, 0.5), (STAFF, 0.3)])
    assert lead(near, corpus, [PAX, STAFF]) == ALONE
    assert lead(near, corpus, [STAFF]) == pytest.approx(-0.2)


@pytest.mark.parametrize("figure, expected", [(LOAD, 0.62), (FUEL_BEFORE, 0.4), (PAX, 0.0)])
def test_a_figure_is_as_close_as_its_sentence(corpus, figure, expected):
    near = near_to(corpus, [(LOAD, 0.62), (FUEL, 0.4)])  # the passenger sentence is not among the nearest
    assert sentence_closeness(near, corpus, figure) == pytest.approx(expected)
