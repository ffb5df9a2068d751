"""The `qa` command. Every subcommand has --help; errors print one line and exit 2.

Each command imports the engine when it runs, not at start: the engine loads Chroma, onnxruntime
and pandas (heavy), which `qa --help` should not wait for.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence

import qa  # light: `qa.ask` imports the pipeline on first use
from qa.model.errors import QAError
from qa.model.records import Turn

DESCRIPTION = """Grounded answers about the statistics in news articles.

Every number in an answer comes from a quoted span of the article or from a calculation
that is shown. When the article does not say, the answer says so and states no number.
Runs offline: no chat model, no network. Settings come from QA_* environment variables
(QA_DATA_DIR, QA_CHROMA_URL, QA_CORPUS_DIR, ...; see README)."""

EXAMPLES = """examples:
  qa ask "How many revenge porn offences did West Midlands Police record in 2021?"
  qa ask --json "What share of Staffordshire's cases were dropped?"
  qa chat
  qa figures --subject Staffordshire
  qa serve --port 8000
  qa eval --report eval/reports/latest
"""


def _print_answer(a, show_question: bool = False) -> None:  # type: ignore[no-untyped-def]
    if show_question and a.question:
        print(f"Q: {a.question}")
    print(a.answer)
    for i, c in enumerate(a.citations, 1):
        print(f"  [{i}] “{c.quote}” ({c.doc_id}, characters {c.start}-{c.end})")
    if a.calculation and a.calculation.expression not in a.answer:
        print(f"  Working: {a.calculation.expression}")
    for w in a.warnings:
        print(f"  Warning: {w}")


def cmd_ask(args: argparse.Namespace) -> int:
    history = [{"question": q} for q in (args.history or [])]
    answer = qa.ask(" ".join(args.question), history=history or None, llm=args.llm, document=args.document)
    if args.json:
        print(answer.model_dump_json(indent=2))
    else:
        _print_answer(answer)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    history: list[Turn] = []
    print("Ask about the article's figures; follow-ups use the conversation. Empty line or Ctrl-D to quit.")
    while True:
        try:
            line = input("> ").strip()
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


def cmd_figures(args: argparse.Namespace) -> int:
    from qa.corpus.figures import to_frame  # pandas
    from qa.engine import get_engine  # heavy: loaded when the command runs

    df = to_frame(get_engine().figures)
    if args.subject:
        df = df[df["subject"].str.contains(args.subject, case=False, regex=False)]
    if args.period:
        df = df[df["period"].str.contains(args.period, regex=False)]
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(json.dumps(df.to_dict(orient="records"), indent=2, ensure_ascii=False))
    else:
        import pandas as pd  # heavy; only this output format needs it

        with pd.option_context("display.max_rows", None, "display.max_colwidth", 48, "display.width", 200):
            print(df[["id", "subject", "measure", "period", "value", "unit", "qualifier"]].to_string(index=False))
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
    f.add_argument("--subject", help="only subjects containing this text, e.g. Staffordshire")
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
        ("ingest", "qa.cli.documents", "main_ingest", "add documents: text, Markdown or HTML (qa ingest --help)"),
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
