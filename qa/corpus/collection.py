"""The loaded corpus: every document, its figures and its passages, with the lookups the stages share.

Curated documents (`corpus/documents/`, `corpus/figures/`) come first; ingested ones from the
store follow, and a curated id wins. The record is built once and then only read.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from qa.corpus.figures import load_figures
from qa.corpus.passages import split_passages
from qa.corpus.store import Snapshot, documents_from, ingested_files, load_ingested, read_snapshot
from qa.model.records import Document, Figure, Passage
from qa.model.settings import Settings


@dataclass
class Corpus:
    documents: list[Document]
    figures: list[Figure]
    passages: list[Passage] = field(default_factory=list)
    docs_by_id: dict[str, Document] = field(init=False)
    figures_by_id: dict[str, Figure] = field(init=False)
    passages_by_doc: dict[str, list[Passage]] = field(init=False)
    figures_by_doc: dict[str, list[Figure]] = field(init=False)
    _starts: dict[str, list[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.passages:
            self.passages = [p for d in self.documents for p in split_passages(d)]
        self.docs_by_id = {d.id: d for d in self.documents}
        self.figures_by_id = {f.id: f for f in self.figures}
        self.passages_by_doc = {}
        for p in self.passages:
            self.passages_by_doc.setdefault(p.doc_id, []).append(p)
        self.figures_by_doc = {}
        for f in self.figures:
            self.figures_by_doc.setdefault(f.doc_id, []).append(f)
        self._starts = {d: [p.start for p in ps] for d, ps in self.passages_by_doc.items()}

    def passage_at(self, doc_id: str, offset: int) -> Passage | None:
        """The passage of a document that contains a character offset (passages are in text order)."""
        ps = self.passages_by_doc.get(doc_id, [])
        i = bisect.bisect_right(self._starts.get(doc_id, []), offset) - 1
        return ps[i] if i >= 0 and offset < ps[i].end else None

    @property
    def doc_year(self) -> int:
        """The latest publication year: "last year" in a question is the year before it."""
        return max((d.published.year for d in self.documents), default=2022)


def load_corpus(settings: Settings, snapshot: Snapshot | None = None, previous: Loaded | None = None) -> Corpus:
    """The corpus of one snapshot of the files (read now if not given).

    `previous` is an earlier load: a stored document whose bytes are unchanged is taken from it, not parsed again."""
    snap = snapshot or read_snapshot(settings)
    builtin = settings.builtin_corpus  # false: a store of only the user's own documents
    curated_docs = {n.split("/", 1)[1]: b for n, b in snap.curated.items() if builtin and n.startswith("documents/")}
    documents = documents_from(curated_docs)
    tables = {n.split("/", 1)[1]: b for n, b in snap.curated.items() if builtin and n.startswith("figures/")}
    figures = load_figures(Path(settings.corpus_dir), documents, tables)
    passages = [p for d in documents for p in split_passages(d)]
    reuse = previous.reuse if previous is not None else None
    for doc, doc_figures in load_ingested(settings, snap, reuse):  # after the curated corpus; a curated id wins
        if all(d.id != doc.id for d in documents):
            documents.append(doc)
            figures.extend(doc_figures)
            old = previous.corpus.passages_by_doc.get(doc.id) if previous is not None else None
            same = old is not None and previous is not None and previous.corpus.docs_by_id.get(doc.id) is doc
            passages.extend(old if same and old is not None else split_passages(doc))
    return Corpus(documents=documents, figures=figures, passages=passages)


@dataclass
class Loaded:
    """A corpus with the digests of the stored documents it was loaded from: what the next load may reuse."""

    corpus: Corpus
    digests: dict[str, str]

    @classmethod
    def of(cls, corpus: Corpus, snapshot: Snapshot) -> Loaded:
        ids = [n[: -len(".json")] for n in snapshot.stored if n.endswith(".json")]
        return cls(corpus, {i: hashlib.sha256(snapshot.stored_document(i)).hexdigest() for i in ids})

    def reuse(self, doc_id: str, data: bytes) -> tuple[Document, list[Figure]] | None:
        doc = self.corpus.docs_by_id.get(doc_id)
        if doc is None or self.digests.get(doc_id) != hashlib.sha256(data).hexdigest():
            return None
        return doc, self.corpus.figures_by_doc.get(doc_id, [])


def corpus_files(settings: Settings) -> list[Path]:
    """Every file the corpus is read from, curated and ingested."""
    corpus = Path(settings.corpus_dir)
    if not settings.builtin_corpus:
        return ingested_files(settings)
    files = sorted((corpus / "documents").glob("*")) + sorted((corpus / "figures").glob("*.csv"))
    return files + ingested_files(settings)
