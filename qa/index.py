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
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402
from langchain_chroma import Chroma  # noqa: E402
from langchain_core.embeddings import Embeddings  # noqa: E402

from qa.errors import BadSetting, QAError  # noqa: E402
from qa.records import Figure, Passage  # noqa: E402

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
    return chromadb.PersistentClient(path=str(path), settings=settings)


class Index:
    def __init__(self, client: Any, embeddings: Embeddings, prefix: str, corpus_hash: str) -> None:
        self.client = client
        self.embeddings = embeddings
        self.prefix = prefix
        self.name = f"{prefix}-{getattr(embeddings, 'name', 'emb')}-{corpus_hash[:16]}"
        self.store = Chroma(
            collection_name=self.name, embedding_function=embeddings, client=client,
            collection_metadata={"hnsw:space": "cosine", "corpus_hash": corpus_hash},
        )

    @property
    def collection(self) -> Any:
        return self.store._collection

    def count(self) -> int:
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
        if ids:
            self.store.add_texts(texts, metadatas=metas, ids=ids)
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
        vec = self.embeddings.embed_query(query)
        return self.search_vector(vec, k)

    def search_vector(self, vec: list[float], k: int = 12) -> list[Hit]:
        res = self.collection.query(query_embeddings=[vec], n_results=min(k, max(self.count(), 1)))
        hits = []
        for id_, meta, dist in zip(res["ids"][0], res["metadatas"][0], res["distances"][0], strict=False):
            meta = dict(meta or {})
            kind = meta.get("kind", "passage")
            key = meta["figure_id"] if kind == "figure" else id_[2:]
            hits.append(Hit(kind=kind, key=key, score=1.0 - float(dist), metadata=meta))
        return hits
