"""Building small invented corpora for reader tests: a figure found by its quote in a text, and the reader's view
of a one-document corpus."""

from __future__ import annotations

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
