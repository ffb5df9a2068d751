"""A report's table of places under a section heading ("Net sales:" over Ruritania, Freedonia ... and an unlabelled
total): a place is asked by its own name ("net sales from Freedonia"), and the section's name in the question ("net
sales") names that row's measure, not the total row ("Total net sales") as a second subject. The document is
invented (two invented countries and two real ones); each expected value is read or worked out by hand."""

from __future__ import annotations

import pytest

SALES = """# Segments

Net sales were based on the location providing the product (in thousands):

| | 2019 | 2018 |
|---|---|---|
| Net sales: | | |
| Malaysia | $1,138,380 | $1,118,032 |
| Romania | 195,837 | 177,111 |
| Germany | 14,271 | 12,953 |
| Total net sales | 1,348,488 | 1,308,096 |
"""


@pytest.fixture
def engine(tmp_path, monkeypatch):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.model.settings import get_settings

    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")
    monkeypatch.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    ingest_text(SALES, fmt="markdown", title="Segments", date="2020-03-01")
    yield qa.engine.get_engine()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, value", [
    ("What was the net sales from Malaysia in 2018?", 1_118_032_000),  # one word, a country: asked by its name
    ("What was the net sales from Romania in 2019?", 195_837_000),
    ("What was the change in the net sales from Germany between 2018 and 2019?", 1_318_000),  # 14,271 - 12,953
    ("What was the total net sales in 2019?", 1_348_488_000),  # the total row, asked by its own name
])
def test_a_place_under_a_section_is_asked_by_its_name(engine, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.value == pytest.approx(value), a.answer
