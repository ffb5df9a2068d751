"""The `qa` command. Every subcommand has --help; errors print one line and exit 2.

Each command imports the engine when it runs, not at start: the engine loads Chroma, onnxruntime
and pandas (heavy), which `qa --help` should not wait for.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import qa  # light: `qa.ask` imports the pipeline on first use
from qa.model.errors import EmptyQuestion, QAError
from qa.model.records import Figure, Turn

WARNING_PREFIX = re.compile(r"^\s*(warning\s*:\s*)+", re.IGNORECASE)

DESCRIPTION = """Grounded answers about the statistics in news articles.

Every number in an answer comes from a quoted span of the article or from a calculation
that is shown. When the article does not say, the answer says so and states no number.
Runs offline: no chat model, no network. Settings come from QA_* environment variables
(QA_DATA_DIR, QA_CHROMA_URL, QA_CORPUS_DIR, ...; see README)."""

EXAMPLES = """examples:
  qa ask "How many cases were recorded in 2021?"
  qa ask --json "What share of the cases were dropped?"
  qa chat
  qa figures --subject "<part of a subject name>"
  qa serve --port 8000
  qa eval --report eval/reports/latest
"""


def _warning(text: str) -> str:
    """The engine's warnings may start with "Warning:" already; say it once."""
    rest = WARNING_PREFIX.sub("", text).strip()
    return rest[:1].upper() + rest[1:]


def _print_answer(a, show_question: bool = False) -> None:  # type: ignore[no-untyped-def]
    if show_question and a.question:
        print(f"Q: {a.question}")
    print(a.answer)
    for i, c in enumerate(a.citations, 1):
        print(f"  [{i}] “{c.quote}” ({c.doc_id}, characters {c.start}-{c.end})")
    if a.calculation and a.calculation.expression not in a.answer:
        print(f"  Working: {a.calculation.expression}")
    for w in a.warnings:
        print(f"  Warning: {_warning(w)}")
    if a.clarify:
        print("  Which do you mean? Reply with its number or its words:")
        for i, choice in enumerate(a.clarify, 1):
            print(f"    {i}. {choice.label}")


class IndexNotice(logging.Handler):
    """Turns the engine's "building index" log lines into one line for a person, with a spinner and the
    seconds so far when stderr is a terminal: the first `qa ask` builds the index, and should say so."""

    def __init__(self, first_run: bool) -> None:
        super().__init__(logging.INFO)
        self.first_run = first_run
        self.status: Any = None
        self.t0 = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("embedding ") and record.name == "qa.index":  # vectors must be computed: say so
            self.t0 = time.perf_counter()
            why = "first run" if self.first_run else "the articles changed"
            line = f"building the index ({why})..."
            if sys.stderr.isatty():
                from rich.console import Console

                self.status = Console(stderr=True).status(line, spinner="dots")
                self.status.start()
            else:
                print(line, file=sys.stderr, flush=True)
        elif self.t0 and record.name == "qa.engine" and message.startswith("index ") and " ready in " in message:
            if self.status is not None:
                self.status.stop()
                self.status = None
            print(f"index built in {time.perf_counter() - self.t0:.1f}s", file=sys.stderr, flush=True)


def _watch_index_builds() -> None:
    """Say so when a command builds the index (the engine logs it at INFO; only that logger is raised)."""
    from qa.model.settings import get_settings

    settings = get_settings()
    first = not settings.chroma_url and not (settings.data_dir / "chroma").exists()
    engine_log = logging.getLogger("qa.engine")
    if engine_log.getEffectiveLevel() > logging.INFO:
        engine_log.setLevel(logging.INFO)
        engine_log.propagate = False  # not -v: only the notice, not the engine's own INFO lines
        warnings = logging.StreamHandler(sys.stderr)
        warnings.setLevel(logging.WARNING)
        warnings.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        engine_log.addHandler(warnings)
    notice = IndexNotice(first)
    engine_log.addHandler(notice)
    index_log = logging.getLogger("qa.index")  # it says when vectors have to be computed
    if index_log.getEffectiveLevel() > logging.INFO:
        index_log.setLevel(logging.INFO)
        index_log.propagate = False
    index_log.addHandler(notice)


def cmd_ask(args: argparse.Namespace) -> int:
    if not " ".join(args.question).strip():
        raise EmptyQuestion()  # before the engine loads: a bad question never waits for (or builds) the index
    _watch_index_builds()
    history = [{"question": q} for q in (args.history or [])]
    answer = qa.ask(" ".join(args.question), history=history or None, llm=args.llm, document=args.document,
                    explain=args.explain)
    if args.json:
        print(answer.model_dump_json(indent=2))
    else:
        _print_answer(answer)
        if args.explain:
            _print_explanation(answer)
    return 0


def _print_explanation(answer: qa.Answer) -> None:
    """The candidate readings the answer was chosen from, with the features that scored them."""
    if not answer.explanation:
        print("\nexplain: this answer was decided before ranking (an abstention, a date or a quoted passage).")
        return
    print("\nexplain: candidate readings, best first (score = fitted weights · features; qa/understand/ranker.json)")
    for i, c in enumerate(answer.explanation, 1):
        feats = ", ".join(f"{k} {v:g}" for k, v in c["features"].items() if v)
        print(f"  {i}. {c['score']:+.2f}  {c['candidate']}  (asked: {c['asked']})")
        print(f"       {feats}")
    if len(answer.explanation) > 1:
        a, b = answer.explanation[0], answer.explanation[1]
        diffs = sorted(a["features"], key=lambda k: -abs(a["features"][k] - b["features"].get(k, 0)))[:3]
        print("  the winner differs most from the runner-up in: " + ", ".join(diffs))


def _reader() -> Callable[[], str]:
    """Line editing and history (Up/Down, Ctrl-R) with prompt_toolkit on a terminal; plain input() otherwise."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return lambda: input("> ")
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    from qa.model.settings import get_settings

    history: Any
    try:
        path = get_settings().data_dir / "chat_history"
        path.parent.mkdir(parents=True, exist_ok=True)
        history = FileHistory(str(path))
    except OSError:  # a read-only data directory: history for this session only
        history = InMemoryHistory()
    session: Any = PromptSession(history=history)
    return lambda: session.prompt("> ")


def cmd_chat(args: argparse.Namespace) -> int:
    _watch_index_builds()
    history: list[Turn] = []
    read = _reader()
    print("Ask about the article's figures; follow-ups use the conversation. Empty line or Ctrl-D to quit.")
    while True:
        try:
            line = read().strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line or line.lower() in ("quit", "exit"):
            return 0
        try:
            answer = qa.ask(line, history=history[-10:], llm=args.llm)
        except QAError as exc:
            print(f"error: {exc}")
            continue
        _print_answer(answer)
        history.append(Turn(question=line, answer=answer.answer))


def cmd_index(args: argparse.Namespace) -> int:
    from qa.engine import Engine  # heavy (Chroma, onnxruntime): loaded when the command runs

    t0 = time.perf_counter()
    print("Loading the corpus and the embedding model...", file=sys.stderr)
    engine = Engine()
    built = engine.ensure_index(rebuild=args.rebuild) or engine.built_on_start
    where = engine.settings.chroma_url or engine.settings.data_dir
    state = "built" if built else "already up to date"
    print(
        f"Index {engine.index.name} {state}: {len(engine.passages)} passages and {len(engine.figures)} figures "
        f"from {len(engine.documents)} document(s) in {where} ({time.perf_counter() - t0:.1f}s)."
    )
    return 0


def load_corpus_only():  # type: ignore[no-untyped-def]
    """The articles and their figures, without the index: `qa figures` and `qa audit` need no vector store."""
    from qa.corpus.collection import load_corpus
    from qa.model.settings import get_settings

    return load_corpus(get_settings())


def plain_value(x: float) -> int | float:
    """2575.0 -> 2575: whole numbers without ".0" in CSV and JSON."""
    return int(x) if float(x).is_integer() else x


def figure_rows(figures: list[Figure], subject: str | None, period: str | None) -> list[Figure]:
    return [
        f for f in figures
        if (not subject or subject.casefold() in f.subject.casefold()) and (not period or period in f.period)
    ]


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def short_period(period: str) -> str:
    """'2015-04/2021-12' -> 'Apr 2015–Dec 2021'; '2021' -> '2021': dates as dates, short enough for a column."""
    def one(p: str) -> str:
        if re.fullmatch(r"\d{4}-\d{2}", p) and 1 <= int(p[5:]) <= 12:
            return f"{MONTHS[int(p[5:]) - 1]} {p[:4]}"
        return p

    return "–".join(one(p) for p in period.split("/", 1)) if period else ""


def figures_table(figures: list[Figure], width: int = 100) -> str:
    """A table a person can read in `width` columns: values as people write them, periods as dates."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from qa.model.records import Qualifier
    from qa.text.numbers import fmt_value

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_lines=True, expand=False)
    table.add_column("Subject", ratio=2)
    table.add_column("Measure", ratio=3)
    table.add_column("Period", no_wrap=True)
    table.add_column("Value", justify="right", no_wrap=True)
    for f in figures:
        qualifier = "" if f.qualifier is Qualifier.exact else f"{f.qualifier.value} "
        table.add_row(f.subject, f.measure, short_period(f.period), qualifier + fmt_value(f.value, f.unit))
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(table)
    console.print(f"{len(figures)} figure(s); ids and quotes: qa figures --format csv (or json)")
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


def cmd_figures(args: argparse.Namespace) -> int:
    rows = figure_rows(load_corpus_only().figures, args.subject, args.period)
    if args.format == "json":
        out = [{**f.model_dump(mode="json"), "value": plain_value(f.value)} for f in rows]
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        import csv

        from qa.corpus.figures import COLUMNS

        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for f in rows:
            writer.writerow({**f.model_dump(mode="json"), "value": plain_value(f.value)})
    else:
        width = min(shutil.get_terminal_size((100, 24)).columns, 100)
        sys.stdout.write(figures_table(rows, width))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    # The one place the engine package reaches the web layer: `qa serve` is a user command.
    from api.server import run

    run(host=args.host, port=args.port)
    return 0


def _delegate(module: str, func: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        fn = getattr(importlib.import_module(module), func)
        return int(fn(args.rest) or 0)

    return run


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qa", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log what the engine does (index builds, timings)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    a = sub.add_parser("ask", help="answer one question, with its quotes and working")
    a.add_argument("question", nargs="+", help="the question (quote it in the shell)")
    a.add_argument("--json", action="store_true", help="print the whole Answer as JSON")
    a.add_argument("--history", action="append", metavar="EARLIER_QUESTION",
                   help="an earlier question, for a follow-up (repeat, oldest first)")
    a.add_argument("--document", metavar="ID", default=None,
                   help="answer from this document only (an id from `qa documents`); default: the one the question is about")
    a.add_argument("--explain", action="store_true",
                   help="also show the candidate readings it chose from, their features and scores")
    a.set_defaults(func=cmd_ask)

    c = sub.add_parser("chat", help="an interactive conversation with follow-ups")
    c.set_defaults(func=cmd_chat)
    llm_help = ('optional chat model, e.g. openai:gpt-4o-mini or ollama:llama3.1 ("" for none; default: QA_LLM, '
                "unset = fully offline). Its numbers are checked against the engine's tools; see docs/llm.md")
    for p_ in (a, c):
        p_.add_argument("--llm", default=None, metavar="NAME", help=llm_help)

    i = sub.add_parser("index", help="build the index if the corpus changed (or --rebuild)")
    i.add_argument("--rebuild", action="store_true", help="rebuild even if the corpus is unchanged")
    i.set_defaults(func=cmd_index)

    f = sub.add_parser("figures", help="print the figures table")
    f.add_argument("--subject", help="only subjects containing this text (a place or body, as the figures table names it)")
    f.add_argument("--period", help="only periods containing this text, e.g. 2021")
    f.add_argument("--format", choices=["table", "csv", "json"], default="table")
    f.set_defaults(func=cmd_figures)

    s = sub.add_parser("serve", help="start the web page and HTTP API (uvicorn)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    s.set_defaults(func=cmd_serve)

    for name, module, func, text in [
        ("eval", "eval.run", "main", "score the engine on a gold question set (qa eval --help)"),
        ("audit", "qa.cli.audit", "main", "check the article's own arithmetic (qa audit --help)"),
        ("ingest", "qa.cli.documents", "main_ingest", "add documents: text, Markdown, HTML, CSV or XLSX (qa ingest --help)"),
        ("documents", "qa.cli.documents", "main_documents", "list the documents"),
        ("remove", "qa.cli.documents", "main_remove", "remove an ingested document by id"),
    ]:
        d = sub.add_parser(name, help=text, add_help=False)
        d.add_argument("rest", nargs=argparse.REMAINDER)
        d.set_defaults(func=_delegate(module, func))
    return p


DELEGATED = {
    "eval": ("eval.run", "main"), "audit": ("qa.cli.audit", "main"), "ingest": ("qa.cli.documents", "main_ingest"),
    "documents": ("qa.cli.documents", "main_documents"), "remove": ("qa.cli.documents", "main_remove"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in DELEGATED:
        # These commands own their options (and --help); hand them the rest of the line untouched.
        module, func = DELEGATED[args_list[0]]
        try:
            return int(getattr(importlib.import_module(module), func)(args_list[1:]) or 0)
        except QAError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    parser = build_parser()
    args = parser.parse_args(args_list)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `qa figures | head`: the reader left; not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ModuleNotFoundError as exc:
        print(f"error: {exc.name} is not installed or not available yet.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
