"""The vector index: passages and figure descriptions, kept in Chroma and searched exactly.

Embedded persistent Chroma under `QA_DATA_DIR` by default; a Chroma server when
`QA_CHROMA_URL` is set. One collection per embedding backend holds a vector per distinct text
of the passages and figures, named by the text: a new document adds its own vectors, a removed
one's are deleted, and nothing else is embedded again. A table row is embedded once: its
passage and the figures of its cells carry one text (the row's label and its columns' labels,
`row_text`), so a table costs a vector per row, not per cell, and a hit on the row stands for
every figure in it (the reader tells the columns apart by their periods and measures). Each engine loads the vectors of its
own snapshot of the corpus into memory and scores a question against all of them (exact
cosine, numpy), so answers do not depend on an approximate search or on what another
process is adding meanwhile.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
import numpy as np  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402
from langchain_chroma import Chroma  # noqa: E402
from langchain_core.embeddings import Embeddings  # noqa: E402

from qa.corpus.tables import ROW_SEPARATOR  # noqa: E402
from qa.model.errors import BadSetting, QAError  # noqa: E402
from qa.model.records import Figure, Passage, period_label  # noqa: E402
from qa.retrieve.memo import memo  # noqa: E402

log = logging.getLogger("qa.index")


class StoreUnavailable(QAError):
    status_code = 503


@dataclass
class Hit:
    kind: str  # "passage" or "figure"
    key: str  # figure id, or "doc_id:start:end"
    score: float  # cosine similarity, 1 is identical
    metadata: dict[str, Any]
    vector: int = -1  # which vector matched: items sharing a text (a table row's cells) share it


def make_client(data_dir: Path, chroma_url: str | None) -> Any:
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        u = urlparse(chroma_url)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise BadSetting(f"QA_CHROMA_URL must look like http://host:port, not {chroma_url!r}.")
        try:
            return chromadb.HttpClient(
                host=u.hostname, port=u.port or (443 if u.scheme == "https" else 8000),
                ssl=u.scheme == "https", settings=settings,
            )
        except Exception as exc:  # the client connects eagerly
            raise StoreUnavailable(f"The Chroma server at {chroma_url} is not reachable: {exc}") from None
    path = data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    try:
        client = chromadb.PersistentClient(path=str(path), settings=settings)
        client.list_collections()  # reads the catalogue: fails here if the files are damaged
        return client
    except Exception as exc:  # noqa: BLE001 - Chroma raises several kinds for a damaged store
        aside = path.with_name(f"chroma.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        log.warning("the index at %s is unreadable (%s); moving it to %s and rebuilding it from the corpus",
                    path, str(exc)[:200], aside)
        path.rename(aside)
        path.mkdir()
        # chromadb's internal API, needed only on this recovery path
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # Chroma remembers the failed store by its path
        return chromadb.PersistentClient(path=str(path), settings=settings)


@contextmanager
def unavailable(where: str) -> Iterator[None]:
    """A Chroma server that went away is a 503 naming it, not a traceback."""
    try:
        yield
    except QAError:
        raise
    except Exception as exc:
        if where.startswith("http") and _is_connection_error(exc):
            raise StoreUnavailable(
                f"The Chroma index server at {where} is not answering ({type(exc).__name__}); try again shortly."
            ) from None
        raise


def _is_connection_error(exc: BaseException) -> bool:
    import httpx  # only when an error is being classified; chromadb brings it

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, (httpx.TransportError, ConnectionError, OSError)):
            return True
        if "connect" in str(seen).lower() or "connection" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@dataclass(frozen=True)
class Item:
    """One thing the index holds: a passage or a figure description, and the text that is embedded for it."""

    kind: str
    key: str
    text: str
    metadata: dict[str, Any]

    @cached_property
    def text_sha(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()



VECTOR_PREFIX = "v:"


def vector_id(text_sha: str) -> str:
    """The id a text's vector is stored under: named by the text alone, so items sharing a text (a table row's
    passage and cells, one description in several documents) share one entry, and a changed text is a new one.
    (An earlier layout stored a vector per item, "p:<key>:<sha16>" / "f:<key>:<sha16>"; `Index.sync` reuses
    and then drops those.)"""
    return VECTOR_PREFIX + text_sha


def is_cell(p: Passage, f: Figure) -> bool:
    """The figure quotes one whole cell of a table row written into the passage ("a | b | c")."""
    a, b = f.start - p.start, f.end - p.start
    if f.doc_id != p.doc_id or a < 0 or b > len(p.text) or ROW_SEPARATOR not in p.text or ROW_SEPARATOR in p.text[a:b]:
        return False
    n = len(ROW_SEPARATOR)
    return (a == 0 or p.text[a - n: a] == ROW_SEPARATOR) and (b == len(p.text) or p.text[b: b + n] == ROW_SEPARATOR)


def table_rows(passages: list[Passage], figures: list[Figure]) -> dict[int, list[Figure]]:
    """Passage index -> the figures quoting its cells, for the passages that are table rows."""
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for n, p in enumerate(passages):
        by_doc.setdefault(p.doc_id, []).append((p.start, p.end, n))
    for spans in by_doc.values():
        spans.sort()
    starts = {d: [s for s, _, _ in spans] for d, spans in by_doc.items()}
    rows: dict[int, list[Figure]] = {}
    for f in figures:
        spans = by_doc.get(f.doc_id)
        if not spans:
            continue
        i = bisect.bisect_right(starts[f.doc_id], f.start) - 1
        if i >= 0 and f.end <= spans[i][1] and is_cell(passages[spans[i][2]], f):
            rows.setdefault(spans[i][2], []).append(f)
    return rows


def row_text(cells: list[Figure]) -> str:
    """What a table row is embedded as: its label, then each column's measure with the periods it gives.

    "Ashford: homes completed in 2022 and 2023; percent change in homes completed in 2022 to 2023." The
    cells' numbers are left out, as a figure's own description leaves them out: questions name what is
    measured, not the value."""
    subjects: dict[str, dict[str, list[str]]] = {}
    for f in cells:
        periods = subjects.setdefault(f.subject, {}).setdefault(f.measure, [])
        when = period_label(f.period) if f.period else ""
        if when not in periods:
            periods.append(when)
    parts = []
    for subject, measures in subjects.items():
        said = []
        for measure, periods in measures.items():
            named = [p for p in periods if p]
            said.append(f"{measure} in {' and '.join(named)}" if named else measure)
        parts.append(f"{subject}: {'; '.join(said)}.")
    return " ".join(parts)


def items_of(passages: list[Passage], figures: list[Figure]) -> list[Item]:
    """One item per passage and per figure; a table row's passage and cells share the row's text (one vector)."""
    rows = table_rows(passages, figures)
    shared = {n: row_text(cells) for n, cells in rows.items()}
    text_of = {f.id: shared[n] for n, cells in rows.items() for f in cells}
    out = [Item("passage", f"{p.doc_id}:{p.start}:{p.end}", shared.get(n, p.text),
                {"kind": "passage", "doc_id": p.doc_id, "start": p.start, "end": p.end, "paragraph": p.paragraph})
           for n, p in enumerate(passages)]
    out += [Item("figure", f.id, text_of.get(f.id) or f.description(),
                 {"kind": "figure", "doc_id": f.doc_id, "figure_id": f.id, "start": f.start, "end": f.end})
            for f in figures]
    return out


class Index:
    """The vectors of one corpus snapshot, searched exactly.

    Chroma keeps the vectors between runs, one collection per embedding backend, each vector named
    by its text, so a corpus that gains a document gains only that document's vectors and one that
    loses a document loses them (`sync`). The search itself is an exact cosine over the snapshot's
    vectors in memory (numpy): no approximate neighbour search, so the same corpus gives the same hits
    every time. Identical texts (a table row's passage and cells, the same description in several
    documents) are embedded, stored and scored once and answer for every item that carries them.
    """

    BATCH = 500

    def __init__(self, client: Any, embeddings: Embeddings, prefix: str, where: str = "") -> None:
        self.client = client
        self.embeddings = embeddings
        self.prefix = prefix
        self.name = f"{prefix}-{getattr(embeddings, 'name', 'emb')}-items"
        self.where = where
        with unavailable(where):
            self.store = Chroma(
                collection_name=self.name, embedding_function=embeddings, client=client,
                collection_metadata={"hnsw:space": "cosine", "layout": "items-v1"},
            )
        self.items: list[Item] = []
        self.matrix = np.zeros((0, int(getattr(embeddings, "dim", 0) or 0)), dtype=np.float32)
        self.rows: list[list[int]] = []  # for each matrix row, the items whose text it is
        self.vectors: dict[str, np.ndarray] = {}  # text sha -> vector: what the next snapshot's index may reuse
        self.embedded = 0  # vectors this sync had to compute

    @property
    def collection(self) -> Any:
        return self.store._collection

    def count(self) -> int:
        """The vectors Chroma holds in this index's collection."""
        with unavailable(self.where):
            return int(self.collection.count())

    def is_built(self) -> bool:
        """Every text of the snapshot has its vector here, and the collection holds exactly these: one per
        distinct text of its passages and figures (a collection another process has moved on from counts as not
        built)."""
        return bool(self.items) and len(self.vectors) == len(self.rows) and self.count() == len(self.rows)

    def sync(self, passages: list[Passage], figures: list[Figure], previous: Index | None = None,
             prune: Callable[[Callable[[], None]], None] | None = None) -> int:
        """Make the collection hold this snapshot's vectors and load them; returns how many had to be embedded.

        Chroma holds one vector per distinct text (`vector_id`), so a table row's passage and cells are one
        entry. Vectors come from `previous` (the index of the last snapshot, in memory), then from Chroma (under
        this layout's id, or an earlier layout's id per item whose stored text is the same), and only what none
        has is embedded. `prune(delete)` is called to drop vectors no item of this snapshot needs (a removed
        document's, an earlier layout's); the caller runs `delete` only while the snapshot is still current."""
        self.items = items_of(passages, figures)
        texts: dict[str, str] = {}  # text sha -> text
        for it in self.items:
            texts.setdefault(it.text_sha, it.text)
        known = previous.vectors if previous is not None else {}
        stored = self._stored_ids()
        have: dict[str, np.ndarray] = {}
        fetch: dict[str, str] = {}  # stored id -> the text sha it holds
        for sha in texts:
            vid = vector_id(sha)
            if vid in stored:
                if sha in known:
                    have[sha] = known[sha]
                else:
                    fetch[vid] = sha
        missing = [sha for sha in texts if vector_id(sha) not in stored]
        for sha in missing:
            if sha in known:
                have[sha] = known[sha]  # embedded before (under another item, or by the last snapshot)
        earlier = {vid.rsplit(":", 1)[1]: vid for vid in stored if not vid.startswith(VECTOR_PREFIX)}
        for sha in missing:  # an earlier layout's vector of the same text: kept, not embedded again
            if sha not in have and sha[:16] in earlier:
                fetch.setdefault(earlier[sha[:16]], sha)
        ids = list(fetch)
        for i in range(0, len(ids), self.BATCH):
            with unavailable(self.where):
                got = self.collection.get(ids=ids[i: i + self.BATCH], include=["embeddings", "documents"])
            for vid, vec, doc in zip(got["ids"], got["embeddings"], got["documents"], strict=False):
                sha = fetch[vid]
                if vid.startswith(VECTOR_PREFIX) or doc == texts[sha]:
                    have.setdefault(sha, np.asarray(vec, dtype=np.float32))
        todo = [sha for sha in texts if sha not in have]
        if todo:
            log.info("embedding %d new text(s) for index %s", len(todo), self.name)
        for i in range(0, len(todo), self.BATCH):
            batch = todo[i: i + self.BATCH]
            vecs = np.asarray(self.embeddings.embed_documents([texts[sha] for sha in batch]), dtype=np.float32)
            for sha, v in zip(batch, vecs, strict=True):
                have[sha] = v
        self.embedded = len(todo)
        step = max(1, min(self.BATCH, int(getattr(self.client, "get_max_batch_size", lambda: self.BATCH)())))
        for i in range(0, len(missing), step):  # Chroma refuses one batch of more than ~5,000 items
            part = missing[i: i + step]
            with unavailable(self.where):
                self.collection.upsert(ids=[vector_id(sha) for sha in part],
                                       embeddings=[have[sha].tolist() for sha in part],
                                       documents=[texts[sha] for sha in part])
        extra = stored - {vector_id(sha) for sha in texts}
        if extra and prune is not None:
            def delete() -> None:
                log.info("dropping %d vector(s) no document of the corpus needs", len(extra))
                gone = sorted(extra)
                for i in range(0, len(gone), step):
                    with unavailable(self.where):
                        self.collection.delete(ids=gone[i: i + step])
            prune(delete)
        self._load(have)
        return self.embedded

    def _stored_ids(self) -> set[str]:
        out: set[str] = set()
        offset = 0
        while True:
            with unavailable(self.where):
                got = self.collection.get(include=[], limit=5000, offset=offset)
            out.update(got["ids"])
            if len(got["ids"]) < 5000:
                return out
            offset += 5000

    def _load(self, have: dict[str, np.ndarray]) -> None:
        row_of: dict[str, int] = {}
        self.rows = []
        for n, it in enumerate(self.items):
            r = row_of.setdefault(it.text_sha, len(row_of))
            if r == len(self.rows):
                self.rows.append([])
            self.rows[r].append(n)
        order = sorted(row_of, key=row_of.__getitem__)
        self.vectors = {sha: have[sha] for sha in order}
        dim = len(next(iter(have.values()))) if have else self.matrix.shape[1]
        self.matrix = np.stack([have[sha] for sha in order]) if order else np.zeros((0, dim), dtype=np.float32)
        norms = np.linalg.norm(self.matrix, axis=1, keepdims=True) if len(order) else None
        if norms is not None:
            self.matrix = self.matrix / np.clip(norms, 1e-12, None)

    def drop_stale(self) -> None:
        """Collections of earlier layouts (one per corpus hash) are not read any more."""
        for c in self.client.list_collections():
            name = c if isinstance(c, str) else c.name
            if name.startswith(self.prefix + "-") and not name.endswith("-items"):
                log.info("dropping stale collection %s", name)
                self.client.delete_collection(name)

    def search(self, query: str, k: int = 12) -> list[Hit]:
        """One query embedding, one exact cosine against every vector; passages and figures together.

        Within one question (`qa.retrieve.memo.one_question`) the same words are embedded and scored once, however
        many times (and with whatever k) they are searched."""
        if not self.rows:
            return []
        kept = memo("index.scores")
        if kept is None:
            return self._hits(self._scores(self.embeddings.embed_query(query)), k)
        key = (id(self), query)
        if key not in kept:  # the index is kept with its scores: its id stays its own while the memo lives
            kept[key] = (self, self._scores(self.embeddings.embed_query(query)))
        return self._hits(kept[key][1], k)

    def search_vector(self, vec: list[float], k: int = 12) -> list[Hit]:
        """The k closest distinct texts, best first (ties in corpus order), each with every item that carries it."""
        if not self.rows:
            return []
        return self._hits(self._scores(vec), k)

    def _scores(self, vec: list[float]) -> np.ndarray:
        """The cosine of the query vector with every distinct text's vector."""
        q = np.asarray(vec, dtype=np.float32)
        q = q / max(float(np.linalg.norm(q)), 1e-12)
        scores: np.ndarray = self.matrix @ q
        return scores

    def _hits(self, scores: np.ndarray, k: int) -> list[Hit]:
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = sorted(top.tolist(), key=lambda r: (-float(scores[r]), r))
        hits = []
        for r in top:
            for n in self.rows[r]:
                it = self.items[n]
                hits.append(Hit(kind=it.kind, key=it.key, score=float(scores[r]), metadata=dict(it.metadata), vector=r))
        return hits
