"""The document store: ingested articles on disk, written atomically and read as one snapshot.

The store is `QA_DATA_DIR/documents/`: for each document <id>.txt (its text), <id>.csv
(the figures extracted from it) and <id>.json (its metadata). Writes are atomic: the three
files are written in a temporary folder beside the store and moved in with `os.replace`,
the .json last. A document exists once its .json does, so a failure or a kill part-way
leaves only files nobody reads, and they are swept away by the next ingest or removal.
One lock file serialises writers (several API workers, a CLI run); each write adds one to
the store's generation (`.generation`). A reader takes a `Snapshot`: every file's bytes,
read under the lock, so the corpus it loads and the hash it names them by are of the same
bytes, and a write in between cannot make them disagree.

Reading and extracting a document is `qa.corpus.intake` (bounded, in a worker process).
Refused, with the store untouched: an empty file, a binary file, a file over
`QA_MAX_DOCUMENT_BYTES`, text that is not UTF-8 (or carries lone surrogates), a document over
one of the intake caps, a document whose text is already in the store or the curated corpus,
an id already taken, and an article whose date cannot be found and was not given.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from qa.corpus import intake
from qa.corpus.figures import read_table, validate
from qa.corpus.intake import DocumentTooLarge, DocumentTooSlow, IngestCancelled, slugify
from qa.model.errors import BadDocument, QAError
from qa.model.records import Document, Figure
from qa.model.settings import Settings, get_settings
from qa.text.documents import detect_format, looks_binary

SURROGATE = re.compile(r"[\ud800-\udfff]")
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,119}")  # used with fullmatch: no trailing newline slips through
GENERATION = ".generation"

__all__ = ["DocumentTooLarge", "DocumentTooSlow", "IngestCancelled", "slugify"]


class DuplicateDocument(BadDocument):
    status_code = 409


class UnknownDocument(QAError):
    status_code = 404


def load_documents(corpus_dir: Path) -> list[Document]:
    folder = corpus_dir / "documents"
    files = {p.name: p.read_bytes() for p in sorted(folder.glob("*")) if p.suffix in (".json", ".txt")}
    return documents_from(files)


def document_from(files: dict[str, bytes], meta_name: str) -> Document:
    text_name = meta_name[: -len(".json")] + ".txt"
    if text_name not in files:
        raise BadDocument(f"{meta_name} has no text file {text_name} beside it.")
    try:
        meta = json.loads(files[meta_name].decode("utf-8"))
        fields = {k: meta[k] for k in ("id", "title", "published", "source") if k in meta}
        return Document(text=files[text_name].decode("utf-8"), **fields)
    except (ValueError, TypeError, KeyError) as exc:
        raise BadDocument(f"{meta_name}: {exc}") from None


def documents_from(files: dict[str, bytes]) -> list[Document]:
    """The documents of a folder's files (name -> bytes): one per <id>.json with its <id>.txt."""
    return [document_from(files, name) for name in sorted(files) if name.endswith(".json")]


@dataclass(frozen=True)
class Snapshot:
    """The corpus's files as one consistent set of bytes: the curated corpus and the store, read under the lock."""

    generation: int
    curated: dict[str, bytes]  # "documents/<name>" and "figures/<name>" under QA_CORPUS_DIR
    stored: dict[str, bytes]  # file names in the store
    state: tuple[object, ...] = field(default=())  # what `store_state` said when it was taken

    def digest(self, extra: str = "") -> str:
        h = hashlib.sha256(extra.encode())
        for label, files in (("corpus", self.curated), ("store", self.stored)):
            for name in sorted(files):
                h.update(f"{label}/{name}".encode())
                h.update(hashlib.sha256(files[name]).digest())
        return h.hexdigest()

    def stored_document(self, doc_id: str) -> bytes:
        """The bytes that make up one stored document (what a reload compares to reuse its parse)."""
        return b"\0".join(self.stored.get(f"{doc_id}{s}", b"") for s in (".json", ".txt", ".csv"))


def store_state(settings: Settings | None = None) -> tuple[object, ...]:
    """Cheap to read, changes on every ingest or removal: the generation and the documents' change times."""
    store = store_dir(settings)
    if not store.is_dir():
        return (0,)
    metas = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(store.glob("*.json")))
    return (_generation(store), *metas)


def read_snapshot(settings: Settings | None = None) -> Snapshot:
    settings = settings or get_settings()
    corpus = Path(settings.corpus_dir)
    curated = {f"documents/{p.name}": p.read_bytes() for p in sorted((corpus / "documents").glob("*")) if p.is_file()}
    curated |= {f"figures/{p.name}": p.read_bytes() for p in sorted((corpus / "figures").glob("*.csv"))}
    store = store_dir(settings)
    if not store.is_dir():
        return Snapshot(generation=0, curated=curated, stored={}, state=(0,))
    with _shared(store):
        stored: dict[str, bytes] = {}
        for meta in sorted(store.glob("*.json")):
            for p in (meta, meta.with_suffix(".txt"), meta.with_suffix(".csv")):
                with contextlib.suppress(FileNotFoundError):
                    stored[p.name] = p.read_bytes()
        return Snapshot(generation=_generation(store), curated=curated, stored=stored, state=store_state(settings))


def content_hash(paths: list[Path], extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def store_dir(settings: Settings | None = None) -> Path:
    return Path((settings or get_settings()).data_dir) / "documents"


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextlib.contextmanager
def _locked(store: Path) -> Iterator[None]:
    """The writers' lock: one ingest or removal at a time, and no snapshot taken half-way through one."""
    store.mkdir(parents=True, exist_ok=True)
    with open(store / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            _sweep(store)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _shared(store: Path) -> Iterator[None]:
    """The readers' lock: many at once, none while a writer holds the store."""
    with open(store / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def writer_lock(settings: Settings | None = None) -> Iterator[int]:
    """Hold the writers' lock and yield the generation: nothing is ingested or removed meanwhile."""
    store = store_dir(settings)
    with _locked(store):
        yield _generation(store)


def _generation(store: Path) -> int:
    try:
        return int((store / GENERATION).read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def _bump(store: Path) -> int:
    """One more write: the generation readers compare. Called with the writers' lock held."""
    n = _generation(store) + 1
    tmp = store / f"{GENERATION}.tmp"
    _write(tmp, f"{n}\n")
    os.replace(tmp, store / GENERATION)
    return n


def _sweep(store: Path) -> None:
    """Remove what an interrupted ingest or removal left: temp folders, files without a .json."""
    for tmp in store.glob(".ingest-*"):
        shutil.rmtree(tmp, ignore_errors=True)
    for path in list(store.glob("*.txt")) + list(store.glob("*.csv")):
        if not path.with_suffix(".json").exists():
            path.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _commit(store: Path, doc: Document, meta: dict[str, object], table: pd.DataFrame) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=".ingest-", dir=store))
    moved: list[Path] = []
    try:
        _write(tmp / f"{doc.id}.txt", doc.text)
        _write(tmp / f"{doc.id}.csv", table.to_csv(index=False))
        _write(tmp / f"{doc.id}.json", json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        for suffix in (".txt", ".csv", ".json"):  # the .json last: it is what makes the document exist
            os.replace(tmp / f"{doc.id}{suffix}", store / f"{doc.id}{suffix}")
            moved.append(store / f"{doc.id}{suffix}")
        _fsync_dir(store)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _known_digests(settings: Settings, store: Path) -> dict[str, str]:
    """The text digest of every document already present (curated and stored), by id."""
    out: dict[str, str] = {}
    corpus = Path(settings.corpus_dir)
    if (corpus / "documents").is_dir():
        out |= {d.id: content_sha256(d.text) for d in load_documents(corpus)}
    for meta_path in sorted(store.glob("*.json")):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            digest = meta.get("content_sha256") or content_sha256(meta_path.with_suffix(".txt").read_text("utf-8"))
            out.setdefault(str(meta["id"]), str(digest))
        except (OSError, ValueError, KeyError):
            continue
    return out


def limits(settings: Settings) -> intake.Limits:
    return intake.Limits(max_figures=settings.max_figures_per_document, max_paragraph_chars=settings.max_paragraph_chars,
                         max_html_depth=settings.max_html_depth, timeout_s=settings.extract_timeout_s,
                         max_document_bytes=settings.max_document_bytes)


def ingest_bytes(data: bytes, name: str, fmt: str | None = None, title: str | None = None,
                 date_: date | str | None = None, doc_id: str | None = None, path: Path | None = None,
                 settings: Settings | None = None, cancelled: Callable[[], bool] | None = None) -> Document:
    """Read, check and extract one document (bounded, in a worker), then add it to the store atomically."""
    settings = settings or get_settings()
    limit = settings.max_document_bytes
    if len(data) > limit:
        raise DocumentTooLarge(
            f"{name} is {len(data):,} bytes; the limit is {limit:,} (QA_MAX_DOCUMENT_BYTES). Split it or raise the limit."
        )
    if not data.strip():
        raise BadDocument(f"{name} is empty: there is no text to ingest.")
    if doc_id is not None and not ID_RE.fullmatch(doc_id):
        raise BadDocument(f"The id {doc_id!r} is not allowed: use lower-case letters, digits and hyphens (at most 120).")
    kind = detect_format(path, data, fmt)
    if kind != "xlsx" and looks_binary(data):  # a workbook is a zip archive: qa.corpus.sheets checks it
        what = "a CSV table" if kind == "csv" else "text, Markdown or HTML"
        raise BadDocument(f"{name} looks like a binary file, not {what}.")
    if kind in ("html", "markdown"):  # Markdown may carry raw HTML too
        intake.check_html(data, name, settings.max_html_depth)
    source = str(path.name) if path is not None else name
    req = intake.Request(data=data, name=name, kind=kind, title=title, date=date_, doc_id=doc_id, source=source,
                         limits=limits(settings))
    got = intake.run(req, cancelled)
    doc, result = got.doc, got.extraction
    store = store_dir(settings)
    with _locked(store):
        digest = content_sha256(doc.text)
        known = _known_digests(settings, store)
        for other_id, other_digest in known.items():
            if other_digest == digest:
                raise DuplicateDocument(f"{name} is already ingested as {other_id!r} (same text). Nothing was changed.")
        if doc.id in known:
            if got.id_given:
                raise DuplicateDocument(
                    f"The id {doc.id!r} is taken by another document. Pass a different one with --id."
                )
            # a derived id (title and date) that another article already has: told apart by its text
            new_id = f"{doc.id[:111]}-{digest[:8]}"
            doc = doc.model_copy(update={"id": new_id})
            result = intake.Extraction(
                table=result.table.assign(id=result.table["id"].str.replace(got.doc.id, new_id, n=1, regex=False),
                                          doc_id=new_id),
                figures=[f.model_copy(update={"id": f.id.replace(got.doc.id, new_id, 1), "doc_id": new_id})
                         for f in result.figures],
                skipped=result.skipped,
            )
        meta = {
            "id": doc.id, "title": doc.title, "published": doc.published.isoformat(), "source": doc.source,
            "format": got.fmt, "content_sha256": digest, "figures": len(result.figures),
            "refused_instructions": got.refused,
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        _commit(store, doc, meta, result.table)
        _bump(store)
    return doc


def ingest_path(path: Path | str, title: str | None = None, date: date | str | None = None,
                doc_id: str | None = None, fmt: str | None = None, settings: Settings | None = None) -> Document:
    """Ingest one file; raises a `BadDocument` (or subclass) with a message a person can act on."""
    path = Path(path)
    settings = settings or get_settings()
    if not path.is_file():
        raise BadDocument(f"{path} is not a file.")
    size = path.stat().st_size
    if size > settings.max_document_bytes:  # refuse before reading a huge file into memory
        raise DocumentTooLarge(
            f"{path.name} is {size:,} bytes; the limit is {settings.max_document_bytes:,} (QA_MAX_DOCUMENT_BYTES)."
        )
    return ingest_bytes(path.read_bytes(), path.name, fmt, title, date, doc_id, path, settings)


def ingest_text(text: str, fmt: str = "text", title: str | None = None, date: date | str | None = None,
                doc_id: str | None = None, name: str = "the document", settings: Settings | None = None,
                cancelled: Callable[[], bool] | None = None) -> Document:
    for label, value in (("text", text), ("title", title or "")):
        bad = SURROGATE.search(value)
        if bad:
            raise BadDocument(f"The {label} is not valid Unicode: a lone surrogate (U+{ord(bad.group(0)):04X}) at "
                              f"character {bad.start():,}. Send it as UTF-8 text.")
    return ingest_bytes(text.encode("utf-8"), name, fmt, title, date, doc_id, None, settings, cancelled)


def list_documents(settings: Settings | None = None) -> list[Document]:
    store = store_dir(settings)
    if not store.is_dir():
        return []
    return load_documents(store.parent) if store.name == "documents" else []


def remove_document(doc_id: str, settings: Settings | None = None) -> Document:
    settings = settings or get_settings()
    store = store_dir(settings)
    if not ID_RE.fullmatch(doc_id):
        raise UnknownDocument(f"There is no ingested document {doc_id!r}: ids are lower-case letters, digits and hyphens.")
    with _locked(store):
        found = [d for d in list_documents(settings) if d.id == doc_id]
        if not found:
            curated = any(d.id == doc_id for d in load_documents(Path(settings.corpus_dir)))
            hint = " It is part of the curated corpus, not an ingested document." if curated else " `qa documents` lists them."
            raise UnknownDocument(f"There is no ingested document {doc_id!r}.{hint}")
        (store / f"{doc_id}.json").unlink()  # first: from here on the document does not exist
        (store / f"{doc_id}.txt").unlink(missing_ok=True)
        (store / f"{doc_id}.csv").unlink(missing_ok=True)
        _fsync_dir(store)
        _bump(store)
    return found[0]


def load_ingested(settings: Settings | None = None, snapshot: Snapshot | None = None,
                  reuse: Callable[[str, bytes], tuple[Document, list[Figure]] | None] | None = None,
                  ) -> list[tuple[Document, list[Figure]]]:
    """Ingested documents with their figures, from one snapshot; a curated table (corpus/figures/<id>.csv) wins.

    `reuse(doc_id, its bytes)` may hand back an earlier parse of exactly those bytes (a reload after an ingest
    then parses only the new document)."""
    settings = settings or get_settings()
    snap = snapshot or read_snapshot(settings)
    out = []
    for meta_name in sorted(n for n in snap.stored if n.endswith(".json")):
        doc_id = meta_name[: -len(".json")]
        earlier = reuse(doc_id, snap.stored_document(doc_id)) if reuse else None
        if earlier is not None:
            out.append(earlier)
            continue
        doc = document_from(snap.stored, meta_name)
        curated = snap.curated.get(f"figures/{doc.id}.csv")
        table, source = (curated, f"{doc.id}.csv") if curated is not None else (snap.stored.get(f"{doc_id}.csv"), f"{doc_id}.csv")
        figures = validate(read_table(io.BytesIO(table), source), {doc.id: doc}, source=source) if table else []
        out.append((doc, figures))
    return out


def ingested_files(settings: Settings | None = None) -> list[Path]:
    """The files that make up the store's documents."""
    store = store_dir(settings)
    files: list[Path] = []
    for meta in sorted(store.glob("*.json")) if store.is_dir() else []:
        files += [p for p in (meta, meta.with_suffix(".txt"), meta.with_suffix(".csv")) if p.exists()]
    return files
