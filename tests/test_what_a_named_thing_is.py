""""What is Acme Holdings?" asks what a named thing is, in words: the sentence saying "Acme Holdings is a ..." answers
it, from after "is" to the end of that clause (an aside in brackets left out), not a figure of a sentence that names
it. Each document is invented and each expected span is read off it by hand."""

from __future__ import annotations

import pytest

from qa.text.definitions import says_what_named_is

REPORT = """# Guarantees

We guarantee an obligation of the Harrow Farms business of up to $75.0 million, with two additional five-year
extensions at Harrow Farms' option.

Harrow Farms is a party to a sublease agreement for certain farmland through 2020 (subject to extension for two
additional periods). Under the agreement, Harrow Farms pays rent of $3.2 million a year.

The Northshire Trust is an independent charity that runs 40 food banks, and it gave out 12,000 parcels last year.
"""


@pytest.mark.parametrize("question, text, span", [
    ("What is Harrow Farms?", "Harrow Farms is a party to a sublease (subject to terms).", "a party to a sublease"),
    ("What is the Northshire Trust?", "The Northshire Trust is an independent charity that runs food banks, and it grew.",
     "an independent charity that runs food banks"),
    ("What is Harrow Farms?", "Harrow Farms pays rent of $3.2 million.", None),  # does not say what it is
    ("What is the rent?", "The rent is a fixed sum.", None),  # not a name: a figure may be asked
])
def test_where_a_passage_says_what_a_named_thing_is(question, text, span):
    found = says_what_named_is(question, text)
    assert (text[found[0]:found[1]] if found else None) == span


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("guarantees")))
    get_settings.cache_clear()
    ingest_text(REPORT, fmt="markdown", title="Guarantees", date="2020-03-01")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, span", [
    ("What is Harrow Farms?", "a party to a sublease agreement for certain farmland through 2020"),
    ("What is the Northshire Trust?", "an independent charity that runs 40 food banks"),
])
def test_what_a_named_thing_is_is_answered_in_words(engine, question, span):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.value is None, a.answer  # not the $75.0 million, the 40 food banks or the rent
    assert a.citations[0].quote == span, a.answer
