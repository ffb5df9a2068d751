"""Ingest: add an article (text, Markdown or HTML) to the store, with its figures extracted.

The store is `QA_DATA_DIR/documents/`: for each document <id>.txt (its text), <id>.csv
(the figures extracted from it) and <id>.json (its metadata). Writes are atomic: the three
files are written in a temporary folder beside the store and moved in with `os.replace`,
the .json last. A document exists once its .json does, so a failure or a kill part-way
leaves only files nobody reads, and they are swept away by the next ingest or removal.
One lock file serialises writers (several API workers, a CLI run).

Refused, with the store untouched: an empty file, a binary file, a file over
`QA_MAX_DOCUMENT_BYTES`, text that is not UTF-8, a document whose text is already in the
store or the curated corpus, an id already taken, and an article whose date cannot be
found and was not given.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from qa.corpus.extract import extract
from qa.corpus.figures import read_table, validate
from qa.model.errors import BadDocument, QAError
from qa.model.records import Document, Figure
from qa.model.settings import Settings, get_settings
from qa.text.documents import detect_format, looks_binary, parse_iso, read

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")


class DocumentTooLarge(BadDocument):
    status_code = 413


class DuplicateDocument(BadDocument):
    status_code = 409


class UnknownDocument(QAError):
    status_code = 404


def load_documents(corpus_dir: Path) -> list[Document]:
    docs = []
    folder = corpus_dir / "documents"
    for meta_path in sorted(folder.glob("*.json")):
        text_path = meta_path.with_suffix(".txt")
        if not text_path.exists():
            raise BadDocument(f"{meta_path.name} has no text file {text_path.name} beside it.")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            docs.append(Document(text=text_path.read_text(encoding="utf-8"), **meta))
        except (ValueError, TypeError) as exc:
            raise BadDocument(f"{meta_path.name}: {exc}") from None
    return docs


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


def slugify(text: str, limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "document"


@contextlib.contextmanager
def _locked(store: Path) -> Iterator[None]:
    store.mkdir(parents=True, exist_ok=True)
    with open(store / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            _sweep(store)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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


def _known(settings: Settings) -> list[Document]:
    """Every document already present: the curated corpus and the store."""
    corpus = Path(settings.corpus_dir)
    curated = load_documents(corpus) if (corpus / "documents").is_dir() else []
    return curated + list_documents(settings)


def ingest_bytes(data: bytes, name: str, fmt: str | None = None, title: str | None = None,
                 date_: date | str | None = None, doc_id: str | None = None, path: Path | None = None,
                 settings: Settings | None = None) -> Document:
    settings = settings or get_settings()
    limit = settings.max_document_bytes
    if len(data) > limit:
        raise DocumentTooLarge(
            f"{name} is {len(data):,} bytes; the limit is {limit:,} (QA_MAX_DOCUMENT_BYTES). Split it or raise the limit."
        )
    if not data.strip():
        raise BadDocument(f"{name} is empty: there is no text to ingest.")
    if looks_binary(data):
        raise BadDocument(f"{name} looks like a binary file, not text, Markdown or HTML.")
    kind = detect_format(path, data, fmt)
    reading = read(data, name, kind)
    if not reading.text.strip():
        raise BadDocument(f"{name} has no readable text once its {kind} markup is removed.")
    published = _resolve_date(date_, reading.published, name)
    title = " ".join((title or reading.title).split())
    if not title:
        raise BadDocument(f"{name} has no title; pass one with --title.")
    if doc_id is not None and not ID_RE.match(doc_id):
        raise BadDocument(f"The id {doc_id!r} is not allowed: use lower-case letters, digits and hyphens (at most 120).")
    doc_id = doc_id or f"{slugify(title, 80)}-{published.isoformat()}"
    source = str(path.name) if path is not None else name
    doc = Document(id=doc_id, title=title, published=published, source=source, text=reading.text)
    try:
        result = extract(doc, reading.tables)
    except QAError:
        raise
    except Exception as exc:  # a bug in reading figures must reach the user as a refusal, not a traceback
        raise BadDocument(
            f"{name}: its figures could not be read ({type(exc).__name__}: {exc}). Nothing was changed; "
            "please report this document."
        ) from exc
    store = store_dir(settings)
    with _locked(store):
        digest = content_sha256(doc.text)
        for other in _known(settings):
            if content_sha256(other.text) == digest:
                raise DuplicateDocument(f"{name} is already ingested as {other.id!r} (same text). Nothing was changed.")
            if other.id == doc.id:
                raise DuplicateDocument(
                    f"The id {doc.id!r} is taken by another document. Pass a different one with --id."
                )
        meta = {
            "id": doc.id, "title": doc.title, "published": doc.published.isoformat(), "source": doc.source,
            "format": reading.fmt, "content_sha256": digest, "figures": len(result.figures),
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        _commit(store, doc, meta, result.table)
    return doc


def _resolve_date(given: date | str | None, found: date | None, name: str) -> date:
    """An explicit date wins; else the one written at the top of the article; else refuse."""
    if isinstance(given, date):
        return given
    if given:
        parsed = parse_iso(str(given))
        if parsed is None:
            raise BadDocument(f"The date {given!r} is not a date: write it as YYYY-MM-DD.")
        return parsed
    if found is not None:
        return found
    raise BadDocument(f"{name} carries no publication date near its top; pass one with --date YYYY-MM-DD.")


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
                doc_id: str | None = None, name: str = "the document", settings: Settings | None = None) -> Document:
    return ingest_bytes(text.encode("utf-8"), name, fmt, title, date, doc_id, None, settings)


def list_documents(settings: Settings | None = None) -> list[Document]:
    store = store_dir(settings)
    if not store.is_dir():
        return []
    return load_documents(store.parent) if store.name == "documents" else []


def remove_document(doc_id: str, settings: Settings | None = None) -> Document:
    settings = settings or get_settings()
    store = store_dir(settings)
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
    return found[0]


def load_ingested(settings: Settings | None = None) -> list[tuple[Document, list[Figure]]]:
    """Ingested documents with their figures; a curated table (corpus/figures/<id>.csv) wins."""
    settings = settings or get_settings()
    store = store_dir(settings)
    curated_dir = Path(settings.corpus_dir) / "figures"
    out = []
    for doc in list_documents(settings):
        curated = curated_dir / f"{doc.id}.csv"
        table = curated if curated.exists() else store / f"{doc.id}.csv"
        figures = validate(read_table(table), {doc.id: doc}, source=table.name) if table.exists() else []
        out.append((doc, figures))
    return out


def ingested_files(settings: Settings | None = None) -> list[Path]:
    """The files that make up the store's documents, for the index's content hash."""
    store = store_dir(settings)
    files: list[Path] = []
    for meta in sorted(store.glob("*.json")) if store.is_dir() else []:
        files += [p for p in (meta, meta.with_suffix(".txt"), meta.with_suffix(".csv")) if p.exists()]
    return files
