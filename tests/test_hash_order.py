"""Answers must not depend on the process' hash seed: the figures scored for a question come in the corpus' order of
documents, so figures that score alike are ranked alike on every run. Invented documents and figures."""

from __future__ import annotations

import pytest
from made_figures import figure_in

from qa.corpus.collection import Corpus
from qa.model.records import Document, Unit
from qa.understand.link import CorpusTerms
from qa.understand.query import read_question
from qa.understand.score import candidates

DOCS = ["zeta-report", "alpha-report", "mu-report", "beta-report", "kappa-report"]


@pytest.mark.parametrize("question", ["How many visits were there?", "How many visits in Northvale?"])
def test_the_figures_scored_come_in_document_order(question):
    text = "Northvale had 120 visits."
    docs = [Document(id=d, title=d, published="2024-03-01", text=text) for d in DOCS]
    figs = [figure_in(text, d, f"{d}-x1", "Northvale", "visits", "2024", 120, Unit.count, "120") for d in DOCS]
    known = CorpusTerms(Corpus(docs, figs))
    sims = {f.id: 0.5 for f in figs}  # every document found, equally well
    got = [f.doc_id for f in candidates(known, read_question(known, question, 2024), sims)]
    assert got == sorted(DOCS)
