"""A figure stated in prose whose label says little of what it counts ("There were 268,000 shares ... that were excluded
from the calculation as they were considered antidilutive"): when no candidate reading scores above the abstention
cut, the sentence that says nearly all the question says gives its figure. A sentence about another year, a question
no sentence covers that well, and a table row do not. Each document is invented and each expected value is read off it
by hand."""

from __future__ import annotations

import pytest

NOTES = """# Notes

| | 2019 | 2018 |
|---|---|---|
| Net income | 4,566 | 4,274 |
| Weighted average shares outstanding | 13,442 | 13,429 |

There were 268,000 and 108,000 shares for the years ended September 30, 2019 and 2018, respectively, that were
excluded from the above calculation as they were considered antidilutive in nature.

As of December 31, 2019, total compensation cost not yet recognized related to unvested stock awards was approximately
$0.8 million, which is expected to be recognized over a weighted-average period of 2.3 years.
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
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("notes")))
    get_settings.cache_clear()
    ingest_text(NOTES, fmt="markdown", title="Notes", date="2020-03-01")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, value", [
    ("How many antidilutive shares were excluded for the year ended September 30, 2019?", 268_000),
    ("What is the total compensation cost not yet recognized related to unvested stock awards as of December 31, 2019?",
     800_000),  # $0.8 million
])
def test_a_figure_said_in_prose_is_found_by_its_sentence(engine, question, value):
    from qa.understand.reader import stated_in_prose

    plan = stated_in_prose(engine.terms, engine.index, question, [])
    assert plan is not None
    assert engine.figures_by_id[plan.figure_ids[0]].value == pytest.approx(value)


@pytest.mark.parametrize("question", [
    "How many antidilutive shares were excluded for the year ended September 30, 2017?",  # no 2017 figure
    "How many shares were issued to employees in 2019?",  # no sentence says this
    "What was the net income in 2019?",  # a table row is not prose: the ranker decides
    # a number the question gives ("five") that the sentence does not: it is about something else
    "How many antidilutive shares did the five subsidiaries exclude for the year ended September 30, 2019?",
    "When will the compensation cost not yet recognized related to unvested stock awards be recognized?",  # when
])
def test_no_figure_when_the_sentence_does_not_say_it(engine, question):
    from qa.understand.reader import stated_in_prose

    assert stated_in_prose(engine.terms, engine.index, question, []) is None
