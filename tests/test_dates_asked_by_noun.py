"""A date asked by its noun rather than by "when": "What was the maturity date of the loans?", "What is the closing
date for bids?" want the date the passage gives, not a figure of the same sentence. Each document is invented and each
expected span is read off it by hand."""

from __future__ import annotations

import pytest

LOANS = """# Loans

The company entered into interest rate swaps with a fixed rate of 1.08% on its term loans of $200 million. The term
loans mature in December 2021.

Bids for the new bridge contract close on 14 March 2024, and the council expects to spend £35 million on it.
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
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("loans")))
    get_settings.cache_clear()
    ingest_text(LOANS, fmt="markdown", title="Loans", date="2020-03-01")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, date", [
    ("What was the maturity date of the term loans?", "December 2021"),
    ("What is the closing date for bids for the bridge contract?", "14 March 2024"),
    ("Which was the date the bids for the bridge contract close?", "14 March 2024"),
])
def test_a_date_asked_by_its_noun_is_the_date_given(engine, question, date):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert date in a.answer, a.answer
    assert a.value is None or a.unit == "date", a.answer  # not the rate or the amount of the same sentence


@pytest.mark.parametrize("question, asks_date", [
    ("What was the maturity date of the Company's loans?", True),
    ("What is the expected completion date?", True),
    ("What were the record dates for the dividends?", True),
    ("What was the fixed rate of the swaps?", False),
    ("What is the total value of the updated contracts?", False),  # "updated" is no date
    ("What was the data used for the estimate?", False),
])
def test_a_date_noun_asks_when(question, asks_date):
    from qa.compose.spans import WHEN as SPAN_WHEN
    from qa.understand.query import WHEN_CUES
    from qa.understand.reader import WHEN as READER_WHEN

    low = question.lower()
    assert bool(WHEN_CUES.search(low)) is asks_date
    assert bool(READER_WHEN.search(question)) is asks_date
    assert bool(SPAN_WHEN.search(question)) is asks_date
