"""Building small invented corpora for reader tests: a figure found by its quote in a text, and the reader's view
of a one-document corpus."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qa.corpus.collection import Corpus
from qa.model.records import Document, Figure, Unit
from qa.understand.link import CorpusTerms


def figure_in(text: str, doc_id: str, i: str, subject: str, measure: str, period: str, value: float,
              unit: Unit, quote: str) -> Figure:
    """A figure whose quote is the first occurrence of `quote` in `text`."""
    start = text.index(quote)
    return Figure(id=i, doc_id=doc_id, subject=subject, measure=measure, period=period, value=value, unit=unit,
                  quote=quote, start=start, end=start + len(quote))


def known_of(text: str, doc_id: str, figures: list[Figure], published: str = "2024-03-01") -> CorpusTerms:
    """What the reader knows of a corpus of one document with these figures."""
    return CorpusTerms(Corpus([Document(id=doc_id, title="Invented", published=published, text=text)], figures))


def engine_over(tmp_path_factory: Any, text: str, title: str, date: str, fmt: str = "markdown") -> Iterator[Any]:
    """An engine over one invented document ingested as a user's would be (hashed embeddings, no built-in article),
    for a module-scoped fixture: `yield from engine_over(...)`. Settings and the process' engine are put back after."""
    import pytest

    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("invented")))
    get_settings.cache_clear()
    try:
        ingest_text(text, fmt=fmt, title=title, date=date)
        yield Engine(get_settings())
    finally:
        mp.undo()
        get_settings.cache_clear()
        qa.engine.reset_engine()


def extracted_one(text: str, quote_part: str) -> Figure:
    """The one figure extraction finds, in an invented document whose first line is its title, whose quote holds
    `quote_part` (fails, listing what was found, when there is not exactly one)."""
    from datetime import date

    from qa.corpus.extract import extract

    doc = Document(id="t", title=text.split("\n")[0], published=date(2024, 4, 2), text=text)
    figures = extract(doc).figures
    hits = [f for f in figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.measure) for f in figures]
    return hits[0]


def only_settled_readings(monkeypatch: Any) -> None:
    """Force the reader's cut out of reach of any reading by its words alone (the one cut, not the fitted veto with its
    own; no sentence's figure taken instead): only a reading the conversation settles is still stated."""
    import qa.understand.reader as reader

    monkeypatch.setattr(reader, "abstain_below", lambda: 100.0)
    monkeypatch.setattr(reader, "stated_in_prose", lambda *a, **k: None)
    monkeypatch.setattr(reader, "rule", lambda: None)
