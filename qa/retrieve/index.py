"""The vector index: passages and figure descriptions in Chroma, through langchain-chroma.

Embedded persistent Chroma under `QA_DATA_DIR` by default; a Chroma server when
`QA_CHROMA_URL` is set. Each build goes into a collection named after the corpus content
hash, so a changed corpus gets a fresh collection (built completely before it is used)
and a reader never sees a half-built one. Older collections are dropped after the switch.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402
from langchain_chroma import Chroma  # noqa: E402
from langchain_core.embeddings import Embeddings  # noqa: E402

from qa.model.errors import BadSetting, QAError  # noqa: E402
from qa.model.records import Figure, Passage  # noqa: E402

log = logging.getLogger("qa.index")


class StoreUnavailable(QAError):
    status_code = 503


@dataclass
class Hit:
    kind: str  # "passage" or "figure"
    key: str  # figure id, or "doc_id:start:end"
    score: float  # cosine similarity, 1 is identical
    metadata: dict[str, Any]


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


class Index:
    def __init__(self, client: Any, embeddings: Embeddings, prefix: str, corpus_hash: str, where: str = "") -> None:
        self.client = client
        self.embeddings = embeddings
        self.prefix = prefix
        self.name = f"{prefix}-{getattr(embeddings, 'name', 'emb')}-{corpus_hash[:16]}"
        self.where = where
        self._count: int | None = None
        self.store = Chroma(
            collection_name=self.name, embedding_function=embeddings, client=client,
            collection_metadata={"hnsw:space": "cosine", "corpus_hash": corpus_hash},
        )

    @property
    def collection(self) -> Any:
        return self.store._collection

    def count(self) -> int:
        with unavailable(self.where):
            return int(self.collection.count())

    def is_built(self) -> bool:
        meta = self.collection.metadata or {}
        return bool(meta.get("complete")) and self.count() > 0

    def build(self, passages: list[Passage], figures: list[Figure]) -> float:
        """Embed and store everything; mark the collection complete; drop stale ones."""
        t0 = time.perf_counter()
        texts, metas, ids = [], [], []
        for p in passages:
            texts.append(p.text)
            metas.append({"kind": "passage", "doc_id": p.doc_id, "start": p.start, "end": p.end, "paragraph": p.paragraph})
            ids.append(f"p:{p.doc_id}:{p.start}:{p.end}")
        for f in figures:
            texts.append(f.description())
            metas.append({"kind": "figure", "doc_id": f.doc_id, "figure_id": f.id, "start": f.start, "end": f.end})
            ids.append(f"f:{f.id}")
        step = max(1, min(1000, int(getattr(self.client, "get_max_batch_size", lambda: 1000)())))
        for i in range(0, len(ids), step):  # Chroma refuses one batch of more than ~5,000 items
            self.store.add_texts(texts[i: i + step], metadatas=metas[i: i + step], ids=ids[i: i + step])
        self._count = None
        meta = {k: v for k, v in (self.collection.metadata or {}).items() if not k.startswith("hnsw:")}
        self.collection.modify(metadata={**meta, "complete": True})
        self.drop_stale()
        return time.perf_counter() - t0

    def drop_stale(self) -> None:
        for c in self.client.list_collections():
            name = c if isinstance(c, str) else c.name
            if name.startswith(self.prefix + "-") and name != self.name:
                log.info("dropping stale collection %s", name)
                self.client.delete_collection(name)

    def search(self, query: str, k: int = 12) -> list[Hit]:
        """One query embedding, one Chroma query; passages and figures together."""
        return self.search_vector(self.embeddings.embed_query(query), k)

    def search_vector(self, vec: list[float], k: int = 12) -> list[Hit]:
        if self._count is None:
            self._count = self.count()
        with unavailable(self.where):
            res = self.collection.query(query_embeddings=[vec], n_results=min(k, max(self._count, 1)))
        hits = []
        for id_, meta, dist in zip(res["ids"][0], res["metadatas"][0], res["distances"][0], strict=False):
            meta = dict(meta or {})
            kind = meta.get("kind", "passage")
            key = meta["figure_id"] if kind == "figure" else id_[2:]
            hits.append(Hit(kind=kind, key=key, score=1.0 - float(dist), metadata=meta))
        return hits
