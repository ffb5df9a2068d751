"""Which document a question is about, and the corpus and index seen from that one document.

A store holds many articles; a figure from another article must not answer a question about
this one. `choose_document` picks the document a question covers when one clearly does:
the index's hits for the question, summed per document, plus the question's rare words found in
a document's title, figure subjects and measures (a name counts for more than "rate"). When no
document leads clearly, it returns None and the whole store is read (a question that names
two articles' subjects, or none).

`scoped_corpus` and `ScopedIndex` are the corpus and the index restricted to one document, for
`qa ask --document ID`, `POST /api/ask {"document": ...}` and a chosen document alike.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from qa.corpus.collection import Corpus
from qa.retrieve.index import Hit, Index

WORD = re.compile(r"[a-z][a-z'-]+")
STOP = frozenset("""the a an of in on at by for from to with and or is are was were be been what which who how many much
did does do has have had this that these those it its their there per cent percent percentage share number rate total
year years month months last previous between change rise fall increase decrease more less than compared same over
under about article say said says tell me please give show figure figures data""".split())
LEAD = 1.25  # the best document's score must be this many times the runner-up's
HITS = 24


def words(text: str) -> set[str]:
    return {w.strip("'-").removesuffix("'s") for w in WORD.findall(text.lower())} - STOP


class DocumentChooser:
    """Per-document label vocabularies and word rarity, built once per corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.labels: dict[str, frozenset[str]] = {}
        for d in corpus.documents:
            figs = corpus.figures_by_doc.get(d.id, [])
            text = " ".join([d.title] + [f"{f.subject} {f.measure}" for f in figs])
            self.labels[d.id] = frozenset(words(text))
        self.body: dict[str, frozenset[str]] = {d.id: frozenset(words(d.text)) for d in corpus.documents}
        df: Counter[str] = Counter()
        for doc_id, body in self.body.items():
            df.update(body | self.labels[doc_id])
        n = max(1, len(corpus.documents))
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}

    def scores(self, question: str, hits: list[Hit]) -> dict[str, float]:
        out: dict[str, float] = {d.id: 0.0 for d in self.corpus.documents}
        per_doc: dict[str, dict[object, float]] = {}
        for n, h in enumerate(hits):
            doc = str(h.metadata.get("doc_id", ""))
            if doc in out:  # a table row's cells share its vector: the row is one close hit, not one per cell
                per_doc.setdefault(doc, {}).setdefault(h.vector if h.vector >= 0 else -1 - n, max(0.0, h.score))
        for doc, scores in per_doc.items():
            top = sorted(scores.values(), reverse=True)[:5]
            out[doc] += sum(top) / 5  # many close hits, not one lucky one
        q = words(question)
        for doc in out:
            label_hits = sum(self.idf.get(w, 0.0) for w in q & self.labels[doc])
            body_hits = sum(self.idf.get(w, 0.0) for w in (q & self.body[doc]) - self.labels[doc])
            out[doc] += 0.5 * label_hits + 0.25 * body_hits
        return out

    def choose(self, question: str, hits: list[Hit]) -> str | None:
        docs = self.corpus.documents
        if len(docs) == 1:
            return docs[0].id
        if not docs:
            return None
        ranked = sorted(self.scores(question, hits).items(), key=lambda kv: -kv[1])
        (best, top), (_, second) = ranked[0], ranked[1]
        if top > 0 and top >= LEAD * second:
            return best
        return None


def choose_document(chooser: DocumentChooser, index: Index, question: str) -> str | None:
    """The document a question is about, when one clearly leads; None to read the whole store."""
    if len(chooser.corpus.documents) <= 1:
        return chooser.corpus.documents[0].id if chooser.corpus.documents else None
    return chooser.choose(question, index.search(question, k=HITS))


TIE = 1.1  # two documents within this ratio of each other are a toss-up: ask which one is meant


def tied_documents(chooser: DocumentChooser, index: Index, question: str) -> list[str]:
    """The two documents a question fits about equally well (the best within `TIE` of the other), or []."""
    if len(chooser.corpus.documents) < 2:
        return []
    ranked = sorted(chooser.scores(question, index.search(question, k=HITS)).items(), key=lambda kv: -kv[1])
    (a, top), (b, second) = ranked[0], ranked[1]
    return [a, b] if second > 0 and top <= TIE * second else []


def scoped_corpus(corpus: Corpus, doc_id: str) -> Corpus:
    """The corpus with one document: its figures and passages only."""
    return Corpus(
        documents=[d for d in corpus.documents if d.id == doc_id],
        figures=list(corpus.figures_by_doc.get(doc_id, [])),
        passages=list(corpus.passages_by_doc.get(doc_id, [])),
    )


class ScopedIndex:
    """The index seen from one document: every search drops the other documents' hits."""

    def __init__(self, index: Index, doc_id: str, share: float = 1.0) -> None:
        self.index = index
        self.doc_id = doc_id
        self.widen = max(1, min(8, math.ceil(1 / max(share, 0.01))))  # fetch more when the document is a small part

    def search(self, query: str, k: int = 12) -> list[Hit]:
        """The document's hits among the index's closest, for its `k` closest vectors (a table row's vector
        stands for its passage and every cell, so k counts vectors, as `Index.search` does)."""
        hits = self.index.search(query, k=k * self.widen)
        seen: set[int] = set()
        out = []
        for n, h in enumerate(hits):
            if h.metadata.get("doc_id") != self.doc_id:
                continue
            seen.add(h.vector if h.vector >= 0 else -1 - n)
            if len(seen) > k:
                break
            out.append(h)
        return out

    def __getattr__(self, name: str) -> object:  # count(), is_built() ... as the whole index
        return getattr(self.index, name)
