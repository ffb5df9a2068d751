"""The engine: the loaded corpus, its index, and what is derived from them once. Data only.

It does not answer: `qa.pipeline.ask` does, reading what it needs from here and handing each
stage only the typed data that stage works on.
"""

from __future__ import annotations

import logging
import threading
import time
from functools import cached_property
from pathlib import Path
from typing import Any

from qa.check.report import AuditReport, audit_report
from qa.corpus.collection import Corpus, corpus_files, load_corpus
from qa.corpus.store import content_hash, ingested_files
from qa.model.records import Document, Figure, Passage
from qa.model.settings import Settings, get_settings
from qa.retrieve.embeddings import get_embeddings
from qa.retrieve.index import Index, make_client
from qa.retrieve.scope import DocumentChooser, ScopedIndex, scoped_corpus
from qa.understand.link import CorpusTerms

log = logging.getLogger("qa.engine")


class Engine:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.corpus: Corpus = load_corpus(self.settings)
        self.terms: CorpusTerms = CorpusTerms(self.corpus)  # the question reader's vocabularies, built on first use
        self.fingerprint = store_fingerprint(self.settings)
        self.corpus_hash = content_hash(corpus_files(self.settings), extra=self.settings.embedding)
        self.embeddings = get_embeddings(self.settings.embedding)
        self.where = self.settings.chroma_url or str(self.settings.data_dir)
        self.client: Any = make_client(Path(self.settings.data_dir), self.settings.chroma_url)
        self.index = Index(self.client, self.embeddings, self.settings.collection, self.corpus_hash, self.where)
        self.built_on_start = self.ensure_index()

    @property
    def documents(self) -> list[Document]:
        return self.corpus.documents

    @property
    def figures(self) -> list[Figure]:
        return self.corpus.figures

    @property
    def passages(self) -> list[Passage]:
        return self.corpus.passages

    @property
    def docs_by_id(self) -> dict[str, Document]:
        return self.corpus.docs_by_id

    @property
    def figures_by_id(self) -> dict[str, Figure]:
        return self.corpus.figures_by_id

    @cached_property
    def audit(self) -> AuditReport:
        """The audit of every document's figures, computed on first use."""
        return audit_report(self.corpus.documents, self.corpus.figures)

    @cached_property
    def chooser(self) -> DocumentChooser:
        """Which document a question is about (`qa.retrieve.scope`), built on first use."""
        return DocumentChooser(self.corpus)

    def scope(self, doc_id: str) -> tuple[CorpusTerms, ScopedIndex]:
        """The reader's vocabularies and the index for one document, built once per document."""
        cache: dict[str, tuple[CorpusTerms, ScopedIndex]] = self.__dict__.setdefault("_scopes", {})
        if doc_id not in cache:
            share = len(self.corpus.passages_by_doc.get(doc_id, [])) / max(1, len(self.corpus.passages))
            cache[doc_id] = (CorpusTerms(scoped_corpus(self.corpus, doc_id)), ScopedIndex(self.index, doc_id, share))
        return cache[doc_id]

    def ensure_index(self, rebuild: bool = False) -> bool:
        """Build the index when the corpus changed (or on request). Returns True if it built."""
        if rebuild and self.index.count():
            self.client.delete_collection(self.index.name)
            self.index = Index(self.client, self.embeddings, self.settings.collection, self.corpus_hash, self.where)
        if self.index.is_built():
            return False
        log.info("building index %s (%d passages, %d figures)", self.index.name, len(self.passages), len(self.figures))
        if self.index.count():  # a build that was interrupted: start it again
            self.client.delete_collection(self.index.name)
            self.index = Index(self.client, self.embeddings, self.settings.collection, self.corpus_hash, self.where)
        seconds = self.index.build(self.passages, self.figures)
        log.info("index built in %.2fs", seconds)
        return True


_engine: Engine | None = None
_lock = threading.Lock()
_checked = 0.0


def store_fingerprint(settings: Settings) -> tuple[tuple[str, int], ...]:
    """Names and change times of the ingested documents: cheap to read, changes on every ingest/remove."""
    return tuple((p.name, p.stat().st_mtime_ns) for p in ingested_files(settings) if p.suffix == ".json")


def get_engine() -> Engine:
    """The process's engine. Another process's ingest (several API workers share one store) is
    noticed within a second, and the engine reloads onto the new index."""
    global _engine, _checked
    now = time.monotonic()
    if _engine is not None and now - _checked > 1.0:
        _checked = now
        if store_fingerprint(_engine.settings) != _engine.fingerprint:
            log.info("the document store changed; reloading the engine")
            with _lock:
                _engine = None
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = Engine()
                _checked = now
    return _engine


def reset_engine() -> None:
    """Forget the cached engine (after settings or corpus changes, and in tests)."""
    global _engine
    with _lock:
        _engine = None
    get_settings.cache_clear()
