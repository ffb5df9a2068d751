"""`qa eval`: run the gold questions through the engine and score them.

    qa eval                                  # in-process, eval/gold.jsonl, report in eval/reports/latest
    qa eval --url http://127.0.0.1:8000      # against a running `qa serve`
    qa eval --compare eval/reports/previous  # also list questions fixed and broken since then

Exit status: 0 when every threshold holds, 1 when one fails, 2 when the run could not happen.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.gold import GOLD_FILE, GoldError, GoldItem, load_gold
from eval.report import (
    compare,
    read_results,
    summarise,
    summary_dict,
    table,
    write_chart,
    write_markdown,
    write_results,
)
from eval.score import citation_check, grounding, score, used_figures
from qa.model.errors import QAError
from qa.model.records import Answer, Document, Figure
from qa.text.numbers import fmt_value

DEFAULT_REPORT = Path(__file__).resolve().parent / "reports" / "latest"
WARM_UP = "How many revenge porn offences did West Midlands Police record in 2021?"

Asker = Callable[[str, list[dict[str, str]]], Answer]


class HarnessError(Exception):
    """The run cannot go ahead (no engine, no server, unreadable gold); exit 2."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qa eval",
        description=(
            "Ask every gold question, score the answers and write a report. Numeric gold answers are "
            "expressions over figure ids, re-computed from the figures table on every run. A number is "
            "right when value and gold agree after rounding half away from zero to one decimal, in the "
            "same unit (0.473 is not 47.3%%), and the answer text states it."
        ),
        epilog="Exit status: 0 all thresholds met, 1 a threshold failed, 2 the run could not happen.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("--gold", type=Path, default=GOLD_FILE, help="gold question file (JSONL)")
    p.add_argument(
        "--url", default=None,
        help="base URL of a running server (e.g. http://127.0.0.1:8000); questions go to POST {url}/api/ask. "
        "Without it, questions go to qa.ask in this process.",
    )
    p.add_argument("--report", type=Path, default=DEFAULT_REPORT,
                   help="folder for report.md, results.jsonl and accuracy.png (created if missing)")
    p.add_argument("--compare", type=Path, default=None, metavar="OLD_REPORT_DIR",
                   help="an earlier report folder: list the questions fixed and broken since")
    p.add_argument("--corpus", type=Path, default=None,
                   help="corpus folder the gold is re-computed from (default: the QA_CORPUS_DIR setting)")
    p.add_argument("--category", action="append", default=None, metavar="NAME",
                   help="only run this category (repeatable)")
    p.add_argument("--min-accuracy", type=float, default=95.0, metavar="PERCENT",
                   help="fail when overall accuracy is below this")
    p.add_argument("--max-ungrounded", type=int, default=0, metavar="N",
                   help="fail when more answers than this state a number found in no source")
    p.add_argument("--max-missed-abstentions", type=int, default=0, metavar="N",
                   help="fail when more unanswerable questions than this are answered")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each HTTP answer")
    p.add_argument("--quiet", action="store_true", help="print only the summary table")
    return p


def in_process_asker() -> Asker:
    import qa

    def ask(question: str, history: list[dict[str, str]]) -> Answer:
        return qa.ask(question, history or None)

    return ask


def http_asker(url: str, timeout: float) -> Asker:
    import httpx

    client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout)

    def ask(question: str, history: list[dict[str, str]]) -> Answer:
        try:
            resp = client.post("/api/ask", json={"question": question, "history": history})
        except httpx.HTTPError as exc:
            raise HarnessError(f"could not reach {url}/api/ask: {exc}") from None
        if resp.status_code != 200:
            raise RuntimeError(f"HTTP {resp.status_code}: {resp.text[:200]}")
        return Answer.model_validate(resp.json())

    return ask


def load_corpus(corpus_dir: Path | None) -> tuple[dict[str, Document], dict[str, Figure]]:
    from qa.corpus.figures import load_figures
    from qa.corpus.store import load_documents

    if corpus_dir is None:
        from qa.model.settings import get_settings

        corpus_dir = Path(get_settings().corpus_dir)
    docs = load_documents(corpus_dir)
    figures = load_figures(corpus_dir, docs)
    return {d.id: d for d in docs}, {f.id: f for f in figures}


def expected_text(item: GoldItem) -> str:
    kind = item.kind
    if kind == "abstain":
        return "abstain"
    if kind == "reject":
        claims = item.gold["reject"]
        claims = claims if isinstance(claims, list) else [claims]
        return "does not confirm " + " or ".join(fmt_value(c["value"], c["unit"]) for c in claims)
    if kind == "comparison":
        return f"{item.gold['winner']} (named before {item.gold['loser']})"
    parts = []
    if item.expected is not None:
        sign = "±" if item.gold.get("abs") else ""
        parts.append(f"{sign}{fmt_value(item.expected.value, item.expected.unit)} = {item.gold['expr']}")
    parts += ["contains " + " or ".join(repr(a) for a in group) for group in item.texts]
    return "; ".join(parts)


def run_one(
    item: GoldItem, ask: Asker, figures: dict[str, Figure], documents: dict[str, Document]
) -> dict[str, Any]:
    """Ask one gold question and score it; the row written to results.jsonl."""
    answer: Answer | None = None
    error = ""
    t0 = time.perf_counter()
    try:
        answer = ask(item.question, item.history)
    except HarnessError:
        raise
    except Exception as exc:  # a wrong answer for this question, not the end of the run
        error = f"{type(exc).__name__}: {exc}"
    latency = (time.perf_counter() - t0) * 1000
    verdict = score(item, answer, error)
    row: dict[str, Any] = {
        "id": item.id, "category": item.category, "question": item.question,
        "history_turns": len(item.history), "gold_kind": item.kind, "expected": expected_text(item),
        "expected_value": item.expected.value if item.expected else None,
        "expected_unit": item.expected.unit.value if item.expected else None,
        "gold_figures": list(item.expected.operands) if item.expected else [],
        "correct": verdict.correct, "reason": verdict.reason, "latency_ms": round(latency, 1),
        "error": error, "ungrounded": [], "citation_ok": None, "citation_reason": "",
    }
    if answer is not None:
        g = grounding(answer, item.question, item.history)
        cit_ok, cit_reason = citation_check(answer, figures, documents)
        row.update(
            answer=answer.answer, value=answer.value,
            unit=answer.unit.value if answer.unit is not None else None,
            abstained=answer.abstained, operation=answer.operation, path=answer.path,
            figures=used_figures(answer), warnings=answer.warnings,
            calculation=answer.calculation.expression if answer.calculation else None,
            citations=[c.quote for c in answer.citations],
            ungrounded=g.ungrounded, citation_ok=cit_ok, citation_reason=cit_reason,
        )
    return row


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        documents, figures = load_corpus(args.corpus)
    except (QAError, OSError) as exc:  # BadFigures, BadDocument: the corpus itself is unreadable
        print(f"qa eval: could not load the corpus: {exc}", file=sys.stderr)
        return 2
    try:
        items = load_gold(args.gold, figures)
    except (GoldError, OSError) as exc:
        print(f"qa eval: {exc}", file=sys.stderr)
        return 2
    if args.category:
        items = [i for i in items if i.category in set(args.category)]
        if not items:
            print(f"qa eval: no gold questions in {', '.join(args.category)}", file=sys.stderr)
            return 2

    target = f"{args.url.rstrip('/')}/api/ask" if args.url else "qa.ask (in process)"
    try:
        ask = http_asker(args.url, args.timeout) if args.url else in_process_asker()
        # The first question loads the model and may build the index: time it apart from the rest.
        t0 = time.perf_counter()
        ask(WARM_UP, [])
        warm_up_s = time.perf_counter() - t0
    except HarnessError as exc:
        print(f"qa eval: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"qa eval: the engine is not available ({exc}).", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"qa eval: the warm-up question failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    try:
        for item in items:
            row = run_one(item, ask, figures, documents)
            results.append(row)
            if not args.quiet and (not row["correct"] or row["ungrounded"]):
                print(f"  FAIL {row['id']}: {row['reason'] or 'ungrounded ' + str(row['ungrounded'])}")
    except HarnessError as exc:
        print(f"qa eval: {exc}", file=sys.stderr)
        return 2
    wall = time.perf_counter() - started

    s = summarise(results)
    changes = None
    if args.compare is not None:
        old_path = args.compare / "results.jsonl"
        if not old_path.exists():
            print(f"qa eval: no results.jsonl in {args.compare}", file=sys.stderr)
            return 2
        changes = compare(read_results(old_path), results)

    checks = [
        (f"accuracy at least {args.min_accuracy:g}%", s.accuracy >= args.min_accuracy, f"{s.accuracy:.1f}%"),
        (f"at most {args.max_ungrounded} answers with ungrounded numbers", s.ungrounded <= args.max_ungrounded,
         f"{s.ungrounded}"),
        (f"at most {args.max_missed_abstentions} unanswerable questions answered",
         s.abstain_fn <= args.max_missed_abstentions, f"{s.abstain_fn}"),
    ]
    meta = {
        "gold": str(args.gold), "target": target, "wall_s": wall, "warm_up_s": warm_up_s,
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "compare": str(args.compare) if args.compare else None,
    }
    args.report.mkdir(parents=True, exist_ok=True)
    write_results(args.report / "results.jsonl", results)
    write_markdown(args.report / "report.md", s, meta, changes, checks)
    write_chart(args.report / "accuracy.png", s, args.min_accuracy)
    (args.report / "summary.json").write_text(
        json.dumps({**summary_dict(s), **meta}, indent=2, default=str), encoding="utf-8"
    )

    print(table(s))
    print(f"warm-up {warm_up_s:.1f} s (not in the latency figures)")
    if changes is not None:
        print(f"since {args.compare}: {len(changes['fixed'])} fixed, {len(changes['broken'])} broken")
        for r in changes["broken"]:
            print(f"  broken {r['id']}: {r['question']}")
        for r in changes["fixed"]:
            print(f"  fixed  {r['id']}: {r['question']}")
    failed = [name for name, ok, _ in checks if not ok]
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    print(f"report: {args.report / 'report.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
