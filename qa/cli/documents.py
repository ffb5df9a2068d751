"""`qa ingest`, `qa documents`, `qa remove`: the document store from the command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from qa.corpus.store import ingest_path, list_documents, load_documents, remove_document, store_dir
from qa.engine import get_engine, reset_engine
from qa.model.errors import QAError
from qa.model.settings import get_settings


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # noqa: T201 - progress for a person at a terminal


def _reindex() -> None:
    reset_engine()
    t0 = time.perf_counter()
    engine = get_engine()
    _say(f"index ready: {len(engine.documents)} document(s), {len(engine.figures)} figure(s) "
         f"({time.perf_counter() - t0:.1f}s)")


def main_ingest(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="qa ingest",
        description="Add articles (plain text, Markdown or HTML) or tables (CSV, XLSX) to the store, extract their "
                    "figures and reindex.",
        epilog="Example: qa ingest bulletin.html --date 2023-04-27; qa ingest waiting-list.xlsx --date 2024-03-14\n"
               "The format comes from the file's suffix (.txt, .md, .html, .csv, .xlsx) unless --format is given. "
               "The date is read from the top of the article (a spreadsheet: its title or file name) when --date "
               "is not given; a document with neither is refused. A table's cells become figures labelled by "
               "their row and column. Bad files are refused with a message and the store is left as it was.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files to ingest")
    parser.add_argument("--title", help="title (default: <title>, the first heading, the first line, or a "
                                         "spreadsheet's file name)")
    parser.add_argument("--date", help="publication date YYYY-MM-DD (default: found in the text)")
    parser.add_argument("--id", dest="doc_id", help="document id (default: slug of the title and date)")
    parser.add_argument("--format", choices=["text", "markdown", "html", "csv", "xlsx"], help="override the format")
    parser.add_argument("--no-index", action="store_true", help="store only; the index is rebuilt on next use")
    args = parser.parse_args(argv)
    if len(args.paths) > 1 and (args.title or args.doc_id):
        parser.error("--title and --id name one document: give a single PATH with them")
    failed = 0
    for n, path in enumerate(args.paths, start=1):
        prefix = f"[{n}/{len(args.paths)}] " if len(args.paths) > 1 else ""
        try:
            doc = ingest_path(path, title=args.title, date=args.date, doc_id=args.doc_id, fmt=args.format)
        except QAError as exc:
            failed += 1
            _say(f"{prefix}refused {path}: {exc}")
            continue
        figures = sum(1 for _ in _table_rows(doc.id))
        _say(f"{prefix}ingested {path} as {doc.id} ({doc.published}, {len(doc.text):,} characters, {figures} figures)")
    if failed < len(args.paths) and not args.no_index:
        _say("indexing...")
        _reindex()
    return 2 if failed else 0


def _table_rows(doc_id: str) -> Iterator[str]:
    path = store_dir() / f"{doc_id}.csv"
    if path.exists():
        yield from path.read_text(encoding="utf-8").splitlines()[1:]


def main_documents(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qa documents", description="List the curated and ingested documents.")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    settings = get_settings()
    rows = [(d, "curated") for d in load_documents(Path(settings.corpus_dir))]
    rows += [(d, "ingested") for d in list_documents(settings)]
    if args.json:
        print(json.dumps([{"id": d.id, "title": d.title, "published": d.published.isoformat(), "kind": k}  # noqa: T201
                          for d, k in rows], indent=2))
        return 0
    for d, kind in rows:
        print(f"{d.id}  {d.published}  {kind:8}  {d.title}")  # noqa: T201
    if not rows:
        print("No documents.")  # noqa: T201
    return 0


def main_remove(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="qa remove", description="Remove an ingested document (curated ones live in corpus/) and reindex."
    )
    parser.add_argument("doc_id", metavar="ID", help="the document id, as `qa documents` shows it")
    parser.add_argument("--no-index", action="store_true", help="do not rebuild the index now")
    args = parser.parse_args(argv)
    try:
        doc = remove_document(args.doc_id)
    except QAError as exc:
        _say(str(exc))
        return 2
    _say(f"removed {doc.id}")
    if not args.no_index:
        _reindex()
    return 0
