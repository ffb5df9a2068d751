"""Which document a question is about, and the corpus and index seen from that one document.

A store holds many articles; a figure from another article must not answer a question about
this one. `choose_document` picks the document a question covers when one clearly does. Each
document gets named features (`FEATURES`: the index's close hits for it, the question's terms found,
as stems and compounds, in its title, figure subjects and measures or in its text, weighted by
rarity, and each of these less the best other document's) and a fitted chance (`chooser.json`,
`python -m eval.fit_chooser`); the likeliest document is read alone when its chance reaches the
fitted cut. Under it, None: the whole store is read (a question that names two articles'
subjects, or none). Without the fitted weights, the hand-set rule: hits plus rare words, the best
leading the runner-up by `LEAD`.

`scoped_corpus` and `ScopedIndex` are the corpus and the index restricted to one document, for
`qa ask --document ID`, `POST /api/ask {"document": ...}` and a chosen document alike.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from qa.corpus.collection import Corpus
from qa.retrieve.index import Hit, Index
from qa.retrieve.memo import memo
from qa.text.lexicon import STOPWORDS, canon_word, vocabulary

WORD = re.compile(r"[a-z][a-z'-]+")
STOP = frozenset("""the a an of in on at by for from to with and or is are was were be been what which who how many much
did does do has have had this that these those it its their there per cent percent percentage share number rate total
year years month months last previous between change rise fall increase decrease more less than compared same over
under about article say said says tell me please give show figure figures data""".split())
LEAD = 1.25  # the best document's score must be this many times the runner-up's
HITS = 24


def words(text: str) -> set[str]:
    return {w.strip("'-").removesuffix("'s") for w in WORD.findall(text.lower())} - STOP


FEATURES = ("hits", "hit_top", "hit_share", "label", "body", "compound", "number", "coverage")
# Per document: the mean of its five closest index hits, its closest hit and its share of the hits; the rarity of
# the question's terms (stems) found in its labels (title, figure subjects and measures) and in its body only; of
# its compounds ("foodbank" asked, "food bank" written, and back); of its numbers written alike ("2024-25"); and the
# share of the question's known terms the document holds. Each is also taken less the best other document's (a lead).
WEIGHTS = Path(__file__).resolve().parent / "chooser.json"
TERM = re.compile(r"\d+(?:[-/.]\d+)+|[a-z0-9]+")


def terms(text: str) -> list[str]:
    """A text's content terms in order, stemmed to the vocabulary's canonical form ("banks" -> "bank"); a number
    with its separators is one term, marked "#" ("#2024-25")."""
    synonyms = vocabulary().synonyms
    t = text.lower().replace("’", "'").replace("'s ", " ").replace("'", "")
    out = []
    for w in TERM.findall(t):
        if w in STOP or w in STOPWORDS:
            continue
        if w.isalpha():
            out.append(synonyms.get(w, canon_word(w)))
        elif any(c.isdigit() for c in w):
            out.append("#" + w)
    return out


def compounds(seq: list[str]) -> set[str]:
    """Adjacent word stems written as one ("food bank" -> "foodbank")."""
    return {a + b for a, b in zip(seq, seq[1:], strict=False) if a.isalpha() and b.isalpha()}


@dataclass(frozen=True)
class ChooserModel:
    """Fitted weights over `FEATURES` and their leads, and the chance the best document must reach to be read alone.
    A best document under the cut is still read alone when it stands clear of the rest: its chance reaches `floor`
    and the runner-up's is at most `margin` of it (one document fits far better than any other, though none fits
    surely); `floor` 1.0 never."""

    weights: tuple[float, ...]
    bias: float
    cut: float
    floor: float = 1.0
    margin: float = 0.0

    def reads_alone(self, best: float, second: float) -> bool:
        """Whether the likeliest document, at chance `best` with the runner-up at `second`, is read alone."""
        return best >= self.cut or (best >= self.floor and second <= self.margin * best)

    def chance(self, x: list[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def feature_names() -> list[str]:
    return [*FEATURES, *(f"{f}_lead" for f in FEATURES)]


def load_model(path: Path = WEIGHTS) -> ChooserModel | None:
    """The fitted chooser (`python -m eval.fit_chooser`); None when absent or fitted for other features."""
    if not path.exists():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    if list(d.get("features", [])) != feature_names():
        return None
    return ChooserModel(tuple(float(w) for w in d["weights"]), float(d["bias"]), float(d["cut"]),
                        float(d.get("floor", 1.0)), float(d.get("margin", 0.0)))


class DocumentChooser:
    """Per-document label vocabularies and word rarity, built once per corpus."""

    def __init__(self, corpus: Corpus, model: ChooserModel | None = None, fitted: bool = True) -> None:
        self.corpus = corpus
        self.model = model if model is not None or not fitted else load_model()
        self.labels: dict[str, frozenset[str]] = {}
        self.label_terms: dict[str, frozenset[str]] = {}
        self.body_terms: dict[str, frozenset[str]] = {}
        self.joined: dict[str, frozenset[str]] = {}
        for d in corpus.documents:
            figs = corpus.figures_by_doc.get(d.id, [])
            text = " ".join([d.title] + [f"{f.subject} {f.measure}" for f in figs])
            self.labels[d.id] = frozenset(words(text))
            label_seq, body_seq = terms(text), terms(d.text)
            self.label_terms[d.id] = frozenset(label_seq)
            self.body_terms[d.id] = frozenset(body_seq)
            self.joined[d.id] = frozenset(compounds(label_seq) | compounds(body_seq))
        self.body: dict[str, frozenset[str]] = {d.id: frozenset(words(d.text)) for d in corpus.documents}
        df: Counter[str] = Counter()
        tf: Counter[str] = Counter()
        for doc_id, body in self.body.items():
            df.update(body | self.labels[doc_id])
            tf.update(self.body_terms[doc_id] | self.label_terms[doc_id] | self.joined[doc_id])
        n = max(1, len(corpus.documents))
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self.term_idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in tf.items()}

    def features(self, question: str, hits: list[Hit]) -> dict[str, list[float]]:
        """`FEATURES` and their leads over the best other document, per document."""
        docs = [d.id for d in self.corpus.documents]
        per_doc: dict[str, dict[object, float]] = {}
        vectors: set[object] = set()
        for n, h in enumerate(hits):
            key = h.vector if h.vector >= 0 else -1 - n  # a table row's cells share its vector: one hit, not many
            vectors.add(key)
            per_doc.setdefault(str(h.metadata.get("doc_id", "")), {}).setdefault(key, max(0.0, h.score))
        seq = terms(question)
        q = set(seq)
        idf = self.term_idf
        known = [w for w in q if w in idf]
        total = sum(idf[w] for w in known) or 1.0
        raw: dict[str, list[float]] = {}
        for doc in docs:
            scores = sorted(per_doc.get(doc, {}).values(), reverse=True)
            label = q & self.label_terms[doc]
            body = (q & self.body_terms[doc]) - label
            unmatched = {w for w in q - label - body if w.isalpha()}
            comp = {w for w in unmatched if w in self.joined[doc]} | {
                j for j in compounds(seq) if j in self.body_terms[doc] or j in self.label_terms[doc]}
            raw[doc] = [
                sum(scores[:5]) / 5,
                scores[0] if scores else 0.0,
                len(scores) / max(1, len(vectors)),
                sum(idf.get(w, 0.0) for w in label if w[0] != "#"),
                sum(idf.get(w, 0.0) for w in body if w[0] != "#"),
                sum(idf.get(w, 0.0) for w in comp),
                sum(idf.get(w, 0.0) for w in label | body if w[0] == "#"),
                sum(idf[w] for w in known if w in label or w in body) / total,
            ]
        tops = [sorted(((x[i], d) for d, x in raw.items()), reverse=True)[:2] for i in range(len(FEATURES))]
        out: dict[str, list[float]] = {}
        for doc, x in raw.items():  # the best other document's value: the runner-up's where this one is best
            best = [(t[1][0] if t[0][1] == doc else t[0][0]) if len(t) > 1 else 0.0 for t in tops]
            out[doc] = x + [a - b for a, b in zip(x, best, strict=True)]
        return out

    def chances(self, question: str, hits: list[Hit]) -> dict[str, float]:
        """The fitted model's chance, per document, that the question is about it."""
        model = self.model
        if model is None:
            return {}
        kept = memo("chooser.chances")  # choosing the document and checking the answer's document ask alike
        key = (id(self), question, tuple((h.key, h.score) for h in hits))
        if kept is not None and key in kept:
            return dict(kept[key])
        out = {doc: model.chance(x) for doc, x in self.features(question, hits).items()}
        if kept is not None:
            kept[key] = dict(out)
        return out

    def scores(self, question: str, hits: list[Hit]) -> dict[str, float]:
        """The hand-set score: close hits plus the question's rare words in a document's labels and body."""
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
        if self.model is not None:  # the fitted chooser: the likeliest document, when likely enough or clear of the rest
            ranked = sorted(self.chances(question, hits).items(), key=lambda kv: -kv[1])
            (best, p), second = ranked[0], ranked[1][1]
            return best if self.model.reads_alone(p, second) else None
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


# A question no document clearly leads for is read over all of them; a figure of a document the question is under this
# share as likely to be about as the likeliest one is another article's figure that happens to fit the words (a date
# of another report for "when was the survey carried out?"), not an answer.
FAR = 0.3


def unlikely_documents(chooser: DocumentChooser, index: Index, question: str) -> set[str]:
    """The documents the question is far less likely to be about than the likeliest (under `FAR` of its chance);
    empty without the fitted chooser."""
    chances = chooser.chances(question, index.search(question, k=HITS))
    if len(chances) < 2:
        return set()
    best = max(chances.values())
    return {doc for doc, p in chances.items() if p < FAR * best}


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
