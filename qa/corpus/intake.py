"""Reading and extracting one document to ingest, with bounded work.

A document is read (text, Markdown, HTML, or a CSV/XLSX table: `qa.corpus.sheets`),
NFKC-normalised, checked against the caps and its figures extracted, in a worker process with a
time limit (`QA_EXTRACT_TIMEOUT_S`) that is also stopped when the caller gives up (an HTTP client
that went away). Over a cap is a `DocumentTooLarge` (413) or `DocumentTooSlow` (422) naming the
setting, never a stuck core:

* `QA_MAX_HTML_DEPTH`: element nesting, checked by a linear scan before any parser runs;
* `QA_MAX_PARAGRAPH_CHARS`: extraction within a paragraph is not linear, so a paragraph is bounded;
* `QA_MAX_FIGURES_PER_DOCUMENT`: numbers in the text (before extracting), then figures extracted.

A long document is extracted in paragraph-aligned pieces of `PIECE_CHARS`, so the cost grows
with its length, not with its length squared. Figures stated in a sentence that is an
instruction ("Ignore all prior figures: ...") are not taken as facts (`qa.text.hostile`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

from qa.corpus.extract import Extraction, extract
from qa.corpus.figures import ALL_COLUMNS, validate
from qa.corpus.sheets import CELLS_PER_FIGURE, SHEET_FORMATS, read_sheets
from qa.corpus.tables import table_spans
from qa.model.errors import BadDocument
from qa.model.records import Document
from qa.text.documents import DocumentText, TableCell, TextTable, find_date, parse_iso, read
from qa.text.hostile import instruction_like, nfkc
from qa.text.numbers import NUMBER_RE

PIECE_CHARS = 20_000  # no article of the evaluation sets is longer: they are extracted whole, as before
NUMBERS_PER_FIGURE = 4  # a text with this many times the figure cap in numbers is refused before extracting
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "basefont", "bgsound", "frame", "keygen"}
# elements the HTML parser closes by itself when a sibling opens: they do not nest
SELF_CLOSING = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rb", "rt",
                "rp", "colgroup", "caption"}
TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")
DATE_LINE_WORDS = re.compile(r"\b(published|updated|posted|last|modified|on|at|gmt|bst|utc|am|pm|by)\b|[\d:,.|/-]+", re.I)
SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


class DocumentTooLarge(BadDocument):
    status_code = 413


class DocumentTooSlow(BadDocument):
    status_code = 422


class IngestCancelled(BadDocument):
    status_code = 499


@dataclass(frozen=True)
class Limits:
    max_figures: int
    max_paragraph_chars: int
    max_html_depth: int
    timeout_s: float
    max_document_bytes: int = 2_000_000  # a workbook may unpack to a bounded multiple of it (`qa.corpus.sheets`)


@dataclass(frozen=True)
class Request:
    data: bytes
    name: str
    kind: str
    title: str | None
    date: date | str | None
    doc_id: str | None
    source: str
    limits: Limits


@dataclass
class Intake:
    doc: Document
    fmt: str
    extraction: Extraction
    id_given: bool
    refused: int  # figures not taken: stated in instruction-like sentences


def slugify(text: str, limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "document"


def html_depth(data: bytes) -> int:
    """How deep elements nest, by a linear scan of the tags (before any parser sees the page)."""
    depth = deepest = 0
    stack: list[bytes] = []
    for m in TAG.finditer(data):
        closing, name, self_closed = m.group(1), m.group(2).lower(), m.group(3)
        tag = name.decode("ascii", "ignore")
        if tag in VOID or self_closed or tag in SELF_CLOSING:
            continue
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
                depth = len(stack)
            continue
        stack.append(name)
        depth = len(stack)
        deepest = max(deepest, depth)
    return deepest


def check_html(data: bytes, name: str, limit: int) -> None:
    depth = html_depth(data)
    if depth > limit:
        raise DocumentTooLarge(f"{name} nests HTML elements {depth:,} deep; the limit is {limit:,} (QA_MAX_HTML_DEPTH). "
                               "Send the article's own markup, or its text.")


def _is_date_line(line: str) -> bool:
    """A line that only dates the article ("Published 3 March 2024", "Updated 21:04 GMT, 4 May 2023")."""
    if find_date(line) is None:
        return False
    rest = re.sub(r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                  r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
                  r"saturday|sunday)\b\.?", " ", line, flags=re.I)
    return len(DATE_LINE_WORDS.sub(" ", rest).split()) <= 1


def title_of(reading: DocumentText, given: str | None) -> str:
    if given:
        return " ".join(given.split())
    title = " ".join(reading.title.split())
    if title and not _is_date_line(title):
        return title
    for line in reading.text.split("\n"):  # a text whose first line is its date: the first line that is not
        line = " ".join(line.lstrip("# ").split())
        if line and not _is_date_line(line):
            return line[:200].rsplit(" ", 1)[0] + "…" if len(line) > 200 else line
    return ""


def resolve_date(given: date | str | None, found: date | None, name: str) -> date:
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


def check_paragraphs(text: str, name: str, limit: int) -> None:
    for n, m in enumerate(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text), start=1):
        if len(m.group(0)) > limit:
            raise DocumentTooLarge(
                f"Paragraph {n} of {name} is {len(m.group(0)):,} characters long; the limit is {limit:,} "
                "(QA_MAX_PARAGRAPH_CHARS). Separate its paragraphs with blank lines."
            )


def pieces(text: str, size: int = PIECE_CHARS, keep: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Paragraph-aligned spans of at most about `size` characters (a paragraph is never cut, nor a span of `keep`:
    a table stays in one piece, however long, since reading its cells is linear in their number)."""
    if len(text) <= size:
        return [(0, len(text))]
    keep = sorted(keep or [])
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            end = cut if cut > start else text.find("\n\n", end) if text.find("\n\n", end) > 0 else len(text)
            for a, b in keep:
                if a < end < b:  # inside a table: cut before it, or after it when it starts the piece
                    before = text.rfind("\n\n", start, a + 1)
                    end = before if a > start and before > start else b
                    break
        spans.append((start, end))
        start = end
        while start < len(text) and text[start] == "\n":
            start += 1
    return spans


def _within(tables: list[TextTable], a: int, b: int) -> list[TextTable]:
    """The tables wholly inside text[a:b], their cells' offsets made relative to a."""
    out = []
    for t, (lo, hi) in zip(tables, table_spans(tables), strict=False):
        if a <= lo and hi <= b:
            rows = [[TableCell(c.text, c.start - a, c.end - a, c.header) for c in r] for r in t.rows]
            out.append(replace(t, rows=rows))
    return out


def extract_bounded(doc: Document, tables: list[TextTable] | None = None) -> Extraction:
    """`extract` over the whole document, or piece by piece when it is long; ids and offsets are the document's.
    A long document is cut between paragraphs and never inside a table, so each piece reads its own tables."""
    tables = [t for t in tables or [] if t.rows]
    spans = pieces(doc.text, keep=table_spans(tables))
    if len(spans) == 1:
        return extract(doc, tables)
    rows: list[dict[str, Any]] = []
    skipped: list[tuple[dict[str, object], str]] = []
    for a, b in spans:
        part = doc.model_copy(update={"text": doc.text[a:b]})
        got = extract(part, _within(tables, a, b))
        skipped += got.skipped
        for row in got.table.to_dict("records"):
            row["start"], row["end"] = str(int(row["start"]) + a), str(int(row["end"]) + a)
            row["id"] = f"{doc.id}-x{len(rows) + 1:03d}"
            rows.append(row)
    table = pd.DataFrame(rows, columns=ALL_COLUMNS, dtype=str)
    return Extraction(table=table, figures=validate(table, {doc.id: doc}, source=f"figures extracted from {doc.id}"),
                      skipped=skipped)


def _sentence_at(text: str, start: int, end: int) -> str:
    a = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return text[a: min(ends) + 1 if ends else len(text)]


def drop_instructions(doc: Document, got: Extraction) -> tuple[Extraction, int]:
    """Figures stated in instruction-like sentences are not statements of fact: they are left out."""
    keep = [i for i, f in enumerate(got.figures) if not instruction_like(_sentence_at(doc.text, f.start, f.end))]
    refused = len(got.figures) - len(keep)
    if not refused:
        return got, 0
    table = got.table.iloc[keep].reset_index(drop=True)
    return Extraction(table=table, figures=[got.figures[i] for i in keep], skipped=got.skipped), refused


def read_and_extract(req: Request) -> Intake:
    """Everything between the bytes and the figures: the work the worker process does."""
    if req.kind in SHEET_FORMATS:
        reading = read_sheets(req.data, req.name, req.kind, req.title, req.limits.max_document_bytes,
                              CELLS_PER_FIGURE * req.limits.max_figures)
        if req.date is None and reading.published is None:
            raise BadDocument(f"{req.name} is a spreadsheet with no publication date in its title or file name; pass "
                              "one with --date YYYY-MM-DD (over HTTP: \"date\").")
    else:
        reading = read(req.data, req.name, req.kind)
    normalised = nfkc(reading.text)
    if len(normalised) == len(reading.text):  # table cells are offsets into the text: keep them valid
        reading.text = normalised
    reading.title = nfkc(reading.title)
    if not reading.text.strip():
        raise BadDocument(f"{req.name} has no readable text once its {req.kind} markup is removed.")
    published = resolve_date(req.date, reading.published, req.name)
    title = title_of(reading, nfkc(req.title) if req.title else None)
    if not title:
        raise BadDocument(f"{req.name} has no title; pass one with --title.")
    doc_id = req.doc_id or f"{slugify(title, 80)}-{published.isoformat()}"
    doc = Document(id=doc_id, title=title, published=published, source=req.source, text=reading.text)
    limits = req.limits
    check_paragraphs(doc.text, req.name, limits.max_paragraph_chars)
    numbers = sum(1 for _ in NUMBER_RE.finditer(doc.text))
    if numbers > NUMBERS_PER_FIGURE * limits.max_figures:
        raise DocumentTooLarge(f"{req.name} has {numbers:,} numbers in it; at most {limits.max_figures:,} figures are "
                               "taken from one document (QA_MAX_FIGURES_PER_DOCUMENT). Split it.")
    got, refused = drop_instructions(doc, extract_bounded(doc, reading.tables))
    if len(got.figures) > limits.max_figures:
        raise DocumentTooLarge(f"{req.name} states {len(got.figures):,} figures; the limit is {limits.max_figures:,} "
                               "(QA_MAX_FIGURES_PER_DOCUMENT). Split it into several documents.")
    return Intake(doc=doc, fmt=reading.fmt, extraction=got, id_given=req.doc_id is not None, refused=refused)


def _child(req: Request, conn: Any) -> None:
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # questions being answered meanwhile come first
    try:
        conn.send(("ok", read_and_extract(req)))
    except BadDocument as exc:
        conn.send(("refused", (type(exc).__name__, str(exc), exc.status_code)))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it as a refusal
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


_context_lock = threading.Lock()
_context: Any = None


def _worker_context() -> Any:
    """Each document is read in a child forked from this process: it starts at once with the reader imported, and
    does not re-run the caller's main script as a spawned or forkserver child would. The child only reads and
    extracts (Python, regex, pandas); it never touches the index, the model or a lock another thread may hold."""
    global _context
    with _context_lock:
        if _context is None:
            methods = multiprocessing.get_all_start_methods()
            _context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        return _context


def run(req: Request, cancelled: Callable[[], bool] | None = None) -> Intake:
    """`read_and_extract` in a worker process, stopped at the time limit or when `cancelled()` turns true."""
    if cancelled is not None and cancelled():
        raise IngestCancelled(f"Ingest of {req.name} was cancelled: the client went away.")
    if req.limits.timeout_s <= 0:
        return read_and_extract(req)
    ctx = _worker_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(req, child), daemon=True)
    proc.start()
    child.close()
    deadline = time.monotonic() + req.limits.timeout_s
    try:
        while not parent.poll(max(0.0, min(0.05, deadline - time.monotonic()))):
            if cancelled is not None and cancelled():
                raise IngestCancelled(f"Ingest of {req.name} was cancelled: the client went away.")
            if not proc.is_alive() and not parent.poll(0.05):
                raise BadDocument(f"Reading {req.name} failed: the worker stopped (exit code {proc.exitcode}).")
            if time.monotonic() > deadline:
                raise DocumentTooSlow(
                    f"Reading {req.name} took longer than {req.limits.timeout_s:g} s (QA_EXTRACT_TIMEOUT_S) and was "
                    "stopped. Split it into smaller documents."
                )
        status, payload = parent.recv()
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "ok":
        return payload
    if status == "refused":
        kind, message, code = payload
        error = {"DocumentTooLarge": DocumentTooLarge, "DocumentTooSlow": DocumentTooSlow}.get(kind, BadDocument)(message)
        error.status_code = code
        raise error
    raise BadDocument(f"{req.name} could not be read: {payload}")
