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


EACH_NAMED = """
import sys
sys.path.insert(0, "tests")
from made_figures import figure_in, known_of
from qa.model.records import Unit
from qa.understand.plans import Context, each_named
from qa.understand.query import read_question

text = "Eastmoor had 1,766 deaths, a rate of 55.3. Westmoor had 3,402 deaths, a rate of 55.0."
figs = [figure_in(text, "d", "e1", "Eastmoor", "overdose deaths", "2024", 1766, Unit.count, "1,766"),
        figure_in(text, "d", "e2", "Eastmoor", "overdose deaths rate", "2024", 55.3, Unit.count, "55.3"),
        figure_in(text, "d", "w1", "Westmoor", "overdose deaths", "2024", 3402, Unit.count, "3,402"),
        figure_in(text, "d", "w2", "Westmoor", "overdose deaths rate", "2024", 55.0, Unit.count, "55.0")]
known = known_of(text, "d", figs)
r = read_question(known, "Eastmoor and Westmoor together - how many overdose deaths?", 2024)
sims = {f.id: 0.5 for f in figs}  # both measures found equally well: a tie
print(",".join(f.id for f in each_named(Context(known=known, sims=sims, doc_year=2024), r, Unit.count) or []))
"""


def test_a_sum_of_named_places_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    got = set()
    for seed in ("1", "2", "3", "5", "8"):
        out = subprocess.run([sys.executable, "-c", EACH_NAMED], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, cwd=os.path.dirname(os.path.dirname(__file__)))
        got.add(out.stdout.strip())
    assert len(got) == 1 and got.pop().count(",") == 1  # one answer, of one figure per place, on every run
