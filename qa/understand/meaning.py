"""How close in meaning a question is to each figure and to the sentence stating it, beyond the top hits.

The reader's `sims` are the index's few closest figures to the question. A question asked in other words than the
article's ("how full were the flights?" of a load factor, "what did it spend on fuel?" of a fuel bill) links poorly by
its words, and what tells its figure from a wrong one is meaning: the figure's own sentence close to the question, and
closer than the sentence of any other figure of that unit in its document (the one figure of that kind the question can
be about). The closeness is read once per question over the index's nearest vectors (`WIDE`), which hold every
sentence of a short article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from qa.corpus.collection import Corpus
from qa.model.records import Figure, Unit
from qa.retrieve.embeddings import is_semantic
from qa.retrieve.index import Hit

# how many of the index's nearest vectors are read (a scoped index reads as many of its own document's)
WIDE = 160
# the lead given to a figure no other figure of its unit in its document competes with
ALONE = 0.25


class Searchable(Protocol):
    def search(self, query: str, k: int = 12) -> list[Hit]: ...


@dataclass(frozen=True)
class Closeness:
    """The question's cosine with each figure's own text (its description or table row) and each passage, by key; a
    figure or passage not among the nearest is missing (taken as far)."""

    figures: dict[str, float] = field(default_factory=dict)
    sentences: dict[tuple[str, int], float] = field(default_factory=dict)


def closeness(index: Searchable, text: str, k: int = WIDE) -> Closeness | None:
    """The question's closeness to the index's `k` nearest figures and passages; None when the index's embedding is not
    semantic (the hashed test backend, whose closeness is shared words, not meaning): the ranker's meaning features
    then keep their neutral value."""
    if not is_semantic(getattr(index, "embeddings", None)):
        return None
    hits = index.search(text, k=k)
    return Closeness(figures={h.key: h.score for h in hits if h.kind == "figure"},
                     sentences={(h.metadata["doc_id"], h.metadata["start"]): h.score for h in hits if h.kind == "passage"})


def sentence_closeness(near: Closeness, corpus: Corpus, f: Figure) -> float:
    """How close the question is to the sentence (or table row) a figure is stated in; 0 when it is not near."""
    p = corpus.passage_at(f.doc_id, f.start)
    return near.sentences.get((p.doc_id, p.start), 0.0) if p is not None else 0.0


def lead(near: Closeness, corpus: Corpus, figures: list[Figure]) -> float:
    """How far the sentences stating these figures (one reading's) are closer to the question, on average, than the
    closest sentence stating another figure of their units in their documents, at most `ALONE` (also when none
    competes). The reading's own figures, their sentences and figures of the values it reads are no rivals: a
    calculation's two operands do not compete with each other."""
    own = {(p.doc_id, p.start) for f in figures if (p := corpus.passage_at(f.doc_id, f.start)) is not None}
    if not own:
        return 0.0
    mine = sum(near.sentences.get(k, 0.0) for k in own) / len(own)
    ids, values = {f.id for f in figures}, {f.value for f in figures}
    units = {f.unit for f in figures} - {Unit.date}
    docs = {f.doc_id for f in figures}
    others = [near.sentences.get(key, 0.0) for d in docs for g in corpus.figures_by_doc.get(d, [])
              if g.id not in ids and g.unit in units and g.value not in values
              and (at := corpus.passage_at(g.doc_id, g.start)) is not None and (key := (at.doc_id, at.start)) not in own]
    return min(mine - max(others), ALONE) if others else ALONE
