"""The engine: loads the corpus, keeps the index fresh, and answers questions.

Data flows one way: question -> understanding (a Plan) -> calculation -> Answer.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa.corpus import content_hash, load_documents, split_passages
from qa.embeddings import get_embeddings
from qa.figures import load_figures
from qa.index import Index, make_client
from qa.ingest import ingested_files, load_ingested
from qa.records import Answer, Document, Figure, Passage, Turn
from qa.settings import Settings, get_settings

log = logging.getLogger("qa.engine")


class Engine:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        corpus = Path(self.settings.corpus_dir)
        self.documents: list[Document] = load_documents(corpus)
        self.figures: list[Figure] = load_figures(corpus, self.documents)
        for doc, figures in load_ingested(self.settings):  # after the curated corpus; a curated id wins
            if all(d.id != doc.id for d in self.documents):
                self.documents.append(doc)
                self.figures.extend(figures)
        self.docs_by_id = {d.id: d for d in self.documents}
        self.figures_by_id = {f.id: f for f in self.figures}
        self.passages: list[Passage] = [p for d in self.documents for p in split_passages(d)]
        self._passages_by_doc: dict[str, list[Passage]] = {}
        for p in self.passages:
            self._passages_by_doc.setdefault(p.doc_id, []).append(p)
        files = sorted((corpus / "documents").glob("*")) + sorted((corpus / "figures").glob("*.csv"))
        files += ingested_files(self.settings)
        self.fingerprint = store_fingerprint(self.settings)
        self.corpus_hash = content_hash(files, extra=self.settings.embedding)
        self.embeddings = get_embeddings(self.settings.embedding)
        self.where = self.settings.chroma_url or str(self.settings.data_dir)
        self.client = make_client(Path(self.settings.data_dir), self.settings.chroma_url)
        self.index = Index(self.client, self.embeddings, self.settings.collection, self.corpus_hash, self.where)
        self.built_on_start = self.ensure_index()

    def passage_at(self, doc_id: str, offset: int) -> Passage | None:
        """The passage of a document that contains a character offset (passages are in text order)."""
        ps = self._passages_by_doc.get(doc_id, [])
        i = bisect.bisect_right([p.start for p in ps], offset) - 1
        return ps[i] if i >= 0 and offset < ps[i].end else None

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

    def ask(
        self, question: Any, history: Sequence[Turn | dict[str, Any] | str] | None = None, llm: str | None = None
    ) -> Answer:
        """`llm` names a chat model for this call ("" for none); None means `QA_LLM`."""
        name = self.settings.llm if llm is None else llm
        if name:
            from qa.llm import ask_with_llm

            return ask_with_llm(self, question, history, name)
        from qa.answer import answer_question

        return answer_question(self, question, history)


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
