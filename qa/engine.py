"""The engine: the loaded corpus, its index, and what is derived from them once. Data only.

It does not answer: `qa.pipeline.ask` does, reading what it needs from here and handing each
stage only the typed data that stage works on.

An engine is built from one snapshot of the store (`qa.corpus.store.read_snapshot`) and never
changes. After an ingest or removal a new engine is built beside it — from a new snapshot,
reusing the old engine's parsed documents and vectors, so only the new document is read and
embedded — and replaces it once it is ready: questions keep being answered by the old one
meanwhile, and never wait for an ingest.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from functools import cached_property
from pathlib import Path
from typing import Any

from qa.check.report import AuditReport, audit_report
from qa.corpus.collection import Corpus, Loaded, load_corpus
from qa.corpus.store import Snapshot, read_snapshot, store_state, writer_lock
from qa.model.records import Document, Figure, Passage
from qa.model.settings import Settings, get_settings
from qa.retrieve.embeddings import get_embeddings
from qa.retrieve.index import Index, make_client
from qa.retrieve.scope import DocumentChooser, ScopedIndex, scoped_corpus
from qa.text import lexicon
from qa.text.hostile import lookalike_warning
from qa.understand.link import CorpusTerms

log = logging.getLogger("qa.engine")


class Engine:
    def __init__(self, settings: Settings | None = None, previous: Engine | None = None,
                 snapshot: Snapshot | None = None) -> None:
        self.settings = settings or get_settings()
        self.vocabulary_dir = Path(self.settings.vocabulary_dir or Path(self.settings.corpus_dir) / "vocabulary")
        lexicon.use(self.vocabulary_dir)  # the field's words, read before anything reads text
        if previous is not None and previous.settings != self.settings:
            previous = None
        snap = snapshot or read_snapshot(self.settings)
        self.generation = snap.generation
        self.fingerprint = snap.state
        self.corpus_hash = snap.digest(extra=self.settings.embedding)
        self.corpus: Corpus = load_corpus(self.settings, snap, previous.loaded if previous else None)
        self.loaded = Loaded.of(self.corpus, snap)
        self.terms: CorpusTerms = CorpusTerms(self.corpus)  # the question reader's vocabularies, built on first use
        self.embeddings = get_embeddings(self.settings.embedding)
        self.where = self.settings.chroma_url or str(self.settings.data_dir)
        self.client: Any = previous.client if previous else make_client(Path(self.settings.data_dir), self.settings.chroma_url)
        self.index = Index(self.client, self.embeddings, self.settings.collection, self.where)
        self.built_on_start = self.ensure_index(previous=previous.index if previous else None)

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
    def lookalikes(self) -> dict[str, str]:
        """Figure id -> a warning, for figures whose subject is spelt with look-alike letters of another script."""
        out: dict[str, str] = {}
        for f in self.corpus.figures:
            warning = lookalike_warning(f.subject)
            if warning:
                out[f.id] = warning
        return out

    def warm(self) -> Engine:
        """Compute what the first question would otherwise wait for."""
        _ = self.terms.idf, self.audit, self.lookalikes
        return self

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

    def ensure_index(self, rebuild: bool = False, previous: Index | None = None) -> bool:
        """Bring the index to this snapshot (or rebuild it on request). Returns True if anything was embedded."""
        if rebuild:
            self.client.delete_collection(self.index.name)
            self.index = Index(self.client, self.embeddings, self.settings.collection, self.where)
            previous = None
        t0 = time.perf_counter()
        if previous is None:
            log.info("building index %s (%d passages, %d figures)", self.index.name, len(self.passages), len(self.figures))
        embedded = self.index.sync(self.passages, self.figures, previous, prune=self._prune)
        if previous is None:
            self.index.drop_stale()
        log.info("index %s ready in %.2fs: %d vector(s), %d embedded now", self.index.name,
                 time.perf_counter() - t0, len(self.index.items), embedded)
        return embedded > 0

    def _prune(self, delete: Any) -> None:
        """Drop vectors of documents no longer in the store, only while this snapshot is still the store's."""
        with writer_lock(self.settings) as generation:
            if generation == self.generation:
                delete()


_engine: Engine | None = None
_lock = threading.Lock()  # guards `_engine`
_build_lock = threading.Lock()  # one engine built at a time in this process
_refreshing: threading.Thread | None = None
_checked = 0.0


def store_fingerprint(settings: Settings) -> tuple[object, ...]:
    """The store's generation and documents' change times: cheap to read, changes on every ingest/remove."""
    return store_state(settings)


def _lower_priority() -> None:
    """Run this thread (building an engine: mostly embedding, which releases the GIL) behind the threads answering
    questions. Linux schedules threads one by one, so only this thread is lowered; elsewhere this does nothing."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _install(engine: Engine) -> Engine:
    global _engine
    with _lock:
        if _engine is None or engine.generation >= _engine.generation or engine.settings != _engine.settings:
            _engine = engine
        return _engine


def refresh(at_least: int | None = None) -> Engine:
    """Build an engine from the store as it is now and put it in place of the current one once it is ready.

    With `at_least`, an engine already built from that generation or a later one is kept (two ingests at once
    build once). Questions are answered by the current engine meanwhile."""
    global _checked
    with _build_lock:
        current = _engine
        if current is not None and at_least is not None and current.generation >= at_least:
            return current
        return _install(_build(current))


def _build(current: Engine | None) -> Engine:
    """A new engine beside `current`, built by a thread of lower priority (the one a request runs in is lent)."""
    global _checked
    done: list[Engine] = []
    failed: list[BaseException] = []

    def work() -> None:
        _lower_priority()
        try:
            done.append(Engine(get_settings(), previous=current).warm())
        except BaseException as exc:  # re-raised in the caller
            failed.append(exc)

    builder = threading.Thread(target=work, name="qa-engine-build", daemon=True)
    builder.start()
    builder.join()
    if failed:
        raise failed[0]
    _checked = time.monotonic()
    return done[0]


def _refresh_in_background() -> None:
    global _refreshing
    with _lock:
        if _refreshing is not None and _refreshing.is_alive():
            return

        def run() -> None:
            try:
                refresh()
            except Exception:  # the old engine keeps answering; the next check tries again
                log.exception("reloading the engine failed")

        _refreshing = threading.Thread(target=run, name="qa-engine-refresh", daemon=True)
        _refreshing.start()


def get_engine() -> Engine:
    """The process's engine. Another process's ingest (several API workers share one store) is noticed
    within a second; a new engine is built in the background and this one answers until it is ready."""
    global _checked
    now = time.monotonic()
    engine = _engine
    if engine is not None and now - _checked > 1.0:
        _checked = now
        if store_fingerprint(engine.settings) != engine.fingerprint:
            log.info("the document store changed; building a new engine beside this one")
            _refresh_in_background()
    if engine is None:
        with _build_lock:
            engine = _engine
            if engine is None:
                engine = _install(Engine())
                _checked = now
    return engine


def wait_for_refresh(timeout: float = 600.0) -> Engine:
    """Wait for a background reload to finish (the CLI and tests; the API never waits)."""
    thread = _refreshing
    if thread is not None:
        thread.join(timeout)
    return get_engine()


def reset_engine() -> None:
    """Forget the cached engine (after settings or corpus changes, and in tests)."""
    global _engine
    with _lock:
        _engine = None
    get_settings.cache_clear()
