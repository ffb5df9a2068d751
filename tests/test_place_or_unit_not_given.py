"""Coverage of the place and the kind of figure asked (issue 13, abstain by coverage). A question that names a
company the report is about and a country the report never mentions ("How many Tallow stores are in Chile?") is answered
that the article has no figures for Chile; "how many visited?" is not answered by a sentence's percentage change, which
was stated before. The article is invented."""

from __future__ import annotations

import pytest

STORY = """# Tallow Books trading update

LONDON, 2 October 2024 - Tallow Books said sales rose 4.2% in the six months to August. The bookseller opened 11
new stores in the period, and now trades from 212 shops.

School group visits to its reading rooms were up 6% on the year, the company said. Online sales through the
company's website and app reached £18.2 million, as more customers ordered for home delivery.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("notgiven")))
    get_settings.cache_clear()
    ingest_text(STORY, fmt="markdown", title="Tallow Books trading update", date="2024-10-02")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


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
