"""Coverage of the place and the kind of figure asked (issue 13, abstain by coverage). A question that names a
company the report is about and a country the report never mentions ("How many Tallow stores are in Chile?") is answered
that the article has no figures for Chile; "how many visited?" is not answered by a sentence's percentage change, which
was stated before. The article is invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

STORY = """# Tallow Books trading update

LONDON, 2 October 2024 - Tallow Books said sales rose 4.2% in the six months to August. The bookseller opened 11
new stores in the period, and now trades from 212 shops.

School group visits to its reading rooms were up 6% on the year, the company said. Online sales through the
company's website and app reached £18.2 million, as more customers ordered for home delivery.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, STORY, "Tallow Books trading update", "2024-10-02")


@pytest.mark.parametrize("question, said", [
    # a country the report never writes: the answer says so (it said "a figure in another unit" before)
    ("How many Tallow stores are in Chile?", "no figures for Chile"),
    ("how many new stores did tallow open in japan", "no figures for Japan"),
    # a count asked, and the one sentence about it gives a percentage change (stated before)
    ("How many school groups visited the shops in 2024?", "doesn't say"),
    ("What was the rise in school group visits?", "6%"),  # what it does give, asked as given
])
def test_covered_or_not(engine, question, said):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert a.abstained == (said != "6%"), a.answer
    assert said in a.answer
