"""`qa eval`: ask every question of the evaluation sets, score the answers, write a report.

    qa eval                                  # every set: seed dev/test, articles dev/test, a TAT-QA sample
    qa eval --set seed-dev                   # one set (repeatable)
    qa eval --tatqa ../shared/tatqa/tatqa_dataset_dev.json --limit 300
    qa eval --gold my-questions.jsonl        # your own gold about the built-in corpus
    qa eval --url http://127.0.0.1:8000      # seed sets against a running `qa serve`

Exit status: 0 when every gate holds, 1 when one fails, 2 when the run could not happen.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.arith import unit_family
from eval.gold import GoldError, GoldItem, load_gold
from eval.report import (
    SetRow,
    compare,
    read_results,
    set_row,
    sets_table,
    summarise,
    summary_dict,
    table,
    write_chart,
    write_markdown,
    write_overview,
    write_results,
)
from eval.score import citation_check, grounding, score, used_figures
from eval.sets import SET_NAMES, TATQA_DEFAULT, EvalSet, load_set, seed_figures
from qa.model.errors import QAError
from qa.model.records import Answer, Document, Figure
from qa.text.numbers import fmt_value

DEFAULT_REPORT = Path(__file__).resolve().parent / "reports" / "latest"
GATES_FILE = Path(__file__).resolve().parent / "gates.json"
WARM_UP = "How many revenge porn offences did West Midlands Police record in 2021?"
TATQA_SAMPLE = 150  # questions (whole contexts, file order) in the default run and in CI

# (question, history[, document]): a document restricts the question to one article (without it: the whole store)
Asker = Callable[..., Answer]


class HarnessError(Exception):
    """The run cannot go ahead (no engine, no server, unreadable gold); exit 2."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qa eval",
        description=(
            "Ask every question of the evaluation sets, score the answers and write a report. Numeric gold "
            "answers are expressions over figure ids, re-computed on every run by the evaluation's own "
            "arithmetic (not the engine's calculator). A number is right when value and gold agree after "
            "rounding half away from zero to one decimal, in the same unit (0.473 is not 47.3%%), and the "
            "answer text states it. Sealed test sets report aggregates only."
        ),
        epilog="Exit status: 0 every gate met, 1 a gate failed, 2 the run could not happen. Sets: "
        + ", ".join(SET_NAMES) + ". Gates: eval/gates.json.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("--set", action="append", default=None, metavar="NAME", choices=SET_NAMES,
                   help="run only this set (repeatable); default: all of them")
    p.add_argument("--gold", type=Path, default=None,
                   help="instead of the sets, one gold file (JSONL) about the built-in corpus")
    p.add_argument("--tatqa", type=Path, default=None, metavar="JSON",
                   help=f"TAT-QA dev file for the tatqa set (default: {TATQA_DEFAULT} when present)")
    p.add_argument("--limit", type=int, default=TATQA_SAMPLE, metavar="N",
                   help="TAT-QA: ask about N questions (whole contexts in file order); 0 for all 1,668")
    p.add_argument(
        "--url", default=None,
        help="base URL of a running server (e.g. http://127.0.0.1:8000); seed questions go to POST {url}/api/ask. "
        "Without it, questions go to qa.ask in this process.",
    )
    p.add_argument("--report", type=Path, default=DEFAULT_REPORT,
                   help="folder for the reports (one sub-folder per set, report.md over all)")
    p.add_argument("--compare", type=Path, default=None, metavar="OLD_REPORT_DIR",
                   help="an earlier report folder: list the dev questions fixed and broken since")
    p.add_argument("--corpus", type=Path, default=None,
                   help="with --gold: corpus folder the gold is re-computed from (default: QA_CORPUS_DIR)")
    p.add_argument("--category", action="append", default=None, metavar="NAME",
                   help="only run this category (repeatable)")
    p.add_argument("--min-accuracy", type=float, default=95.0, metavar="PERCENT",
                   help="with --gold: fail when accuracy is below this (the sets use eval/gates.json)")
    p.add_argument("--max-ungrounded", type=int, default=0, metavar="N",
                   help="with --gold: fail when more answers than this state a number found in no source")
    p.add_argument("--max-missed-abstentions", type=int, default=0, metavar="N",
                   help="with --gold: fail when more unanswerable questions than this are answered")
    p.add_argument("--unseal", action="store_true",
                   help="also write the sealed test sets' per-question rows (this spends them)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each HTTP answer")
    p.add_argument("--quiet", action="store_true", help="print only the summary tables")
    p.add_argument("--in-document", action="store_true",
                   help="ask each article question inside its own article (as a user who picked it in the document "
                        "picker, like `qa ask --document`), so reading is measured apart from choosing the document; "
                        "gates are not applied")
    return p


def in_process_asker() -> Asker:
    import qa

    def ask(question: str, history: list[dict[str, str]], document: str | None = None) -> Answer:
        return qa.ask(question, history or None, document=document)

    return ask


def http_asker(url: str, timeout: float) -> Asker:
    import httpx

    client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout)

    def ask(question: str, history: list[dict[str, str]], document: str | None = None) -> Answer:
        body: dict[str, Any] = {"question": question, "history": history}
        if document:
            body["document"] = document
        try:
            resp = client.post("/api/ask", json=body)
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


def _shown(value: float, unit: str) -> str:
    """A gold value as people read it; the gold's unit names ("pp", "people") by their family."""
    family = unit_family(unit)
    if family in ("count", "percent", "percentage_points", "ratio", "money", "years"):
        return fmt_value(value, family)
    return f"{value:g}"


def expected_text(item: GoldItem) -> str:
    kind = item.kind
    if kind == "abstain":
        return "abstain"
    if kind == "reject":
        claims = item.gold["reject"]
        claims = claims if isinstance(claims, list) else [claims]
        return "does not confirm " + " or ".join(_shown(float(c["value"]), str(c["unit"])) for c in claims)
    if kind == "comparison":
        return f"{item.gold['winner']} (named before {item.gold['loser']})"
    if kind == "verdict":
        return f"{item.gold['verdict']} first"
    parts = []
    if item.expected is not None:
        sign = "±" if item.gold.get("abs") else ""
        shown = _shown(item.expected.value, item.expected.unit)
        parts.append(f"{sign}{shown} ({item.expected.unit}) = {item.gold['expr']}")
    parts += ["contains " + " or ".join(repr(a) for a in group) for group in item.texts]
    return "; ".join(parts)


def run_one(
    item: GoldItem, ask: Asker, figures: dict[str, Figure], documents: dict[str, Document], in_document: bool = False
) -> dict[str, Any]:
    """Ask one gold question and score it; the row written to results.jsonl. `in_document`: asked inside the
    question's own article rather than the whole store."""
    answer: Answer | None = None
    error = ""
    t0 = time.perf_counter()
    try:
        if in_document and item.document:
            answer = ask(item.question, item.history, item.document)
        else:  # askers that only ever read the whole store take (question, history)
            answer = ask(item.question, item.history)
    except HarnessError:
        raise
    except Exception as exc:  # a wrong answer for this question, not the end of the run
        error = f"{type(exc).__name__}: {exc}"
    latency = (time.perf_counter() - t0) * 1000
    verdict = score(item, answer, error)
    row: dict[str, Any] = {
        "id": item.id, "category": item.category, "question": item.question, "document": item.document,
        "history_turns": len(item.history), "gold_kind": item.kind, "expected": expected_text(item),
        "expected_value": item.expected.value if item.expected else None,
        "expected_unit": item.expected.unit if item.expected else None,
        "gold_figures": list(item.expected.operands) if item.expected else [],
        "correct": verdict.correct, "reason": verdict.reason, "latency_ms": round(latency, 1),
        "error": error, "ungrounded": [], "citation_ok": None, "citation_reason": "",
    }
    if answer is not None:
        g = grounding(answer, item.question, item.history, figures)
        cit_ok, cit_reason = citation_check(answer, figures, documents)
        row.update(
            answer=answer.answer, value=answer.value,
            unit=answer.unit.value if answer.unit is not None else None,
            abstained=answer.abstained, operation=answer.operation, path=answer.path,
            figures=used_figures(answer), warnings=answer.warnings,
            calculation=answer.calculation.expression if answer.calculation else None,
            citations=[c.quote for c in answer.citations],
            ungrounded=g.ungrounded, citation_ok=cit_ok, citation_reason=cit_reason,
            clarify=bool(getattr(answer, "clarify", None)),
            cited_documents=sorted({c.doc_id for c in answer.citations}),
        )
    return row


# --- stores for the sets ------------------------------------------------------------------------

def _engine(data_dir: Path, corpus_dir: Path | None = None) -> Any:
    from qa.engine import Engine
    from qa.model.settings import get_settings

    base = get_settings()
    settings = base.model_copy(update={"data_dir": data_dir, **({"corpus_dir": corpus_dir} if corpus_dir else {})})
    return Engine(settings)


def _ingest_file(path: Path, title: str, published: str, doc_id: str, data_dir: Path) -> None:
    from qa.corpus.store import ingest_path
    from qa.model.settings import get_settings

    settings = get_settings().model_copy(update={"data_dir": data_dir})
    ingest_path(path, title=title, date=published, doc_id=doc_id, settings=settings)


def _ingest_text(text: str, doc_id: str, data_dir: Path, corpus_dir: Path) -> None:
    from qa.corpus.store import ingest_text
    from qa.model.settings import get_settings

    settings = get_settings().model_copy(update={"data_dir": data_dir, "corpus_dir": corpus_dir})
    # a title without digits: the reader may use it as a subject, and its number would read as a figure
    ingest_text(text, fmt="markdown", title="Financial report extract", date="2020-01-01", doc_id=doc_id,
                settings=settings)


def article_store(es: EvalSet, root: Path, say: Callable[[str], None]) -> tuple[Any, list[str]]:
    """An engine over the seed corpus plus every article of the set; ids refused at ingest."""
    data_dir = root / es.name
    refused: list[str] = []
    for art in es.articles:
        try:
            _ingest_file(art.path, art.title, art.published, art.doc_id, data_dir)
        except QAError as exc:
            refused.append(art.doc_id)
            say(f"  {es.name}: ingest refused {art.path.name} ({art.doc_id}): {exc}")
    return _engine(data_dir), refused


def run_set(es: EvalSet, ask: Asker, figures: dict[str, Figure], documents: dict[str, Document],
            quiet: bool, in_document: bool = False) -> list[dict[str, Any]]:
    rows = []
    for item in es.items:
        row = run_one(item, ask, figures, documents, in_document)
        rows.append(row)
        if not quiet and not es.sealed and (not row["correct"] or row["ungrounded"]):
            print(f"  FAIL {row['id']}: {row['reason'] or 'ungrounded ' + str(row['ungrounded'])}")
    return rows


def load_gates(path: Path = GATES_FILE) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def gate_checks(rows: list[SetRow], gates: dict[str, dict[str, float]]) -> list[tuple[str, bool, str]]:
    checks: list[tuple[str, bool, str]] = []
    for r in rows:
        g = gates.get(r["set"], {})
        if r.get("tatqa"):
            if "min_em" in g:
                checks.append((f"{r['set']} exact match at least {g['min_em']:g}", r["em"] >= g["min_em"], f"{r['em']:.1f}"))
            continue
        if "min_accuracy" in g:
            checks.append((f"{r['set']} accuracy at least {g['min_accuracy']:g}%", r["accuracy"] >= g["min_accuracy"],
                           f"{r['accuracy']:.1f}%"))
        if "max_confidently_wrong_pct" in g:
            checks.append((f"{r['set']} confidently wrong at most {g['max_confidently_wrong_pct']:g}%",
                           r["confidently_wrong_pct"] <= g["max_confidently_wrong_pct"],
                           f"{r['confidently_wrong_pct']:.1f}%"))
        most = int(g.get("max_ungrounded", 0))
        checks.append((f"{r['set']} at most {most} answers with an ungrounded number", r["ungrounded"] <= most,
                       f"{r['ungrounded']}"))
    return checks


def _write_set(folder: Path, es: EvalSet, rows: list[dict[str, Any]], meta: dict[str, Any],
               compare_dir: Path | None, unseal: bool) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    s = summarise(rows)
    changes = None
    sealed = es.sealed and not unseal
    if compare_dir is not None and not es.sealed and (compare_dir / es.name / "results.jsonl").exists():
        changes = compare(read_results(compare_dir / es.name / "results.jsonl"), rows)
    if not sealed:
        write_results(folder / "results.jsonl", rows)
    else:
        (folder / "results.jsonl").unlink(missing_ok=True)
    write_markdown(folder / "report.md", s, {**meta, "gold": es.name}, changes, [], sealed=sealed)
    write_chart(folder / "accuracy.png", s, 95.0)
    (folder / "summary.json").write_text(json.dumps({**summary_dict(s), **meta, "set": es.name}, indent=2,
                                                    default=str), encoding="utf-8")
    return s, changes


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.gold is not None:
        return main_gold(args)
    names = list(args.set or SET_NAMES)
    if args.url:
        names = [n for n in names if n.startswith("seed-")]
    try:
        sets = {n: load_set(n) for n in names if n != "tatqa"}
    except (GoldError, OSError, KeyError, ValueError) as exc:
        print(f"qa eval: {exc}", file=sys.stderr)
        return 2
    if args.category:
        for es in sets.values():
            es.items = [i for i in es.items if i.category in set(args.category)]

    target = f"{args.url.rstrip('/')}/api/ask" if args.url else "qa.ask (in process)"
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    args.report.mkdir(parents=True, exist_ok=True)
    rows: list[SetRow] = []
    root = Path(tempfile.mkdtemp(prefix="qa-eval-"))
    try:
        for name in names:
            started = time.perf_counter()
            if name == "tatqa":
                row = run_tatqa_set(args, root)
                if row is not None:
                    rows.append(row)
                continue
            es = sets[name]
            if not es.items:
                continue
            if name.startswith("seed-"):
                ask, documents, figures, warm = seed_asker(args)
            else:
                _say(f"{name}: ingesting {len(es.articles)} articles into a fresh store...")
                engine, _ = article_store(es, root, _say)
                ask = engine_asker(engine)
                documents, figures = engine.docs_by_id, engine.figures_by_id
                warm = 0.0
            _say(f"{name}: {len(es.items)} questions...")
            results = run_set(es, ask, figures, documents, args.quiet or es.sealed, args.in_document)
            meta = {"target": target, "when": when, "wall_s": time.perf_counter() - started, "warm_up_s": warm,
                    "compare": str(args.compare) if args.compare else None,
                    "in_document": bool(args.in_document and es.articles)}
            s, changes = _write_set(args.report / name, es, results, meta, args.compare, args.unseal)
            rows.append(set_row(name, s, es.sealed))
            if changes is not None:
                print(f"{name} since {args.compare}: {len(changes['fixed'])} fixed, {len(changes['broken'])} broken")
    except HarnessError as exc:
        print(f"qa eval: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(root, ignore_errors=True)

    # asked inside their own articles, the article sets answer an easier question than the gates are set for
    checks = [] if args.in_document else gate_checks(rows, load_gates())
    write_overview(args.report, rows, checks, {"target": target, "when": when})
    print(sets_table(rows))
    if args.in_document:
        print("article questions were asked inside their own article (--in-document); gates not applied")
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    print(f"report: {args.report / 'report.md'}")
    return 0 if all(ok for _, ok, _ in checks) else 1


def engine_asker(engine: Any) -> Asker:
    from qa.pipeline import ask as pipeline_ask

    def ask(question: str, history: list[dict[str, str]], document: str | None = None) -> Answer:
        return pipeline_ask(question, history or None, engine=engine, document=document)

    return ask


def seed_asker(args: argparse.Namespace) -> tuple[Asker, dict[str, Document], dict[str, Figure], float]:
    """The asker for the built-in corpus (in process or over HTTP), warmed up once per run."""
    _seed_cache: dict[str, Any] = vars(args).setdefault("_seed_cache", {})
    if "ask" not in _seed_cache:
        try:
            documents, figures = load_corpus(None)
            ask = http_asker(args.url, args.timeout) if args.url else in_process_asker()
            t0 = time.perf_counter()
            ask(WARM_UP, [])
            _seed_cache.update(ask=ask, documents=documents, figures=figures, warm=time.perf_counter() - t0)
        except (QAError, OSError, ImportError) as exc:
            raise HarnessError(f"the engine is not available: {exc}") from None
    c = _seed_cache
    return c["ask"], c["documents"], c["figures"], c["warm"]


def run_tatqa_set(args: argparse.Namespace, root: Path) -> SetRow | None:
    from eval.tatqa import run_tatqa

    path = args.tatqa or TATQA_DEFAULT
    if not Path(path).exists():
        _say(f"tatqa: {path} not found; skipped (pass --tatqa FILE)")
        return None
    empty = root / "empty-corpus"
    (empty / "documents").mkdir(parents=True, exist_ok=True)
    (empty / "figures").mkdir(parents=True, exist_ok=True)
    limit = args.limit or None
    _say(f"tatqa: {path.name}, {'all' if limit is None else f'about {limit}'} questions, one fresh store per context...")
    started = time.perf_counter()
    rows, summary = run_tatqa(
        Path(path), limit,
        make_engine=lambda d: _EngineAsker(_engine(d, empty)),
        ingest=lambda text, doc_id, d: _ingest_text(text, doc_id, d, empty),
        progress=lambda m: None if args.quiet else _say(m),
    )
    folder = args.report / "tatqa"
    folder.mkdir(parents=True, exist_ok=True)
    write_results(folder / "results.jsonl", rows)
    (folder / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    lat = sorted(r["latency_ms"] for r in rows if not r["error"]) or [0.0]
    (folder / "report.md").write_text(tatqa_markdown(summary, path, limit, time.perf_counter() - started),
                                      encoding="utf-8")
    return {"set": "tatqa", "tatqa": True, "sealed": False, "n": summary["n"], "em": summary["em"],
            "f1": summary["f1"], "confidently_wrong": summary["confidently_wrong"],
            "confidently_wrong_pct": summary["confidently_wrong_pct"], "ungrounded": 0,
            "latency_p50_ms": lat[len(lat) // 2], "latency_p95_ms": lat[min(len(lat) - 1, int(len(lat) * 0.95))],
            "by_answer_type": summary["by_answer_type"], "by_answer_from": summary["by_answer_from"]}


class _EngineAsker:
    """An engine with an ask(question, history) method, for eval.tatqa."""

    def __init__(self, engine: Any) -> None:
        self.ask_fn = engine_asker(engine)
        self.figures = engine.figures_by_id  # for the scale of the figures an answer used

    def ask(self, question: str, history: Any = None) -> Answer:
        return self.ask_fn(question, history or [])


def tatqa_markdown(s: dict[str, Any], path: Path, limit: int | None, wall: float) -> str:
    out = ["# TAT-QA dev (external benchmark)", "",
           f"{path.name}: {s['n']} questions ({'all' if limit is None else f'first contexts up to {limit}'}), "
           f"{wall:.0f} s. Each context is one document in a store holding only it.", "",
           f"Exact match **{s['em']:.1f}**, F1 **{s['f1']:.1f}**; answered and wrong (EM 0): "
           f"{s['confidently_wrong']} ({s['confidently_wrong_pct']:.1f}%); abstained {s['abstained']}; "
           f"errors {s['errors']}.", "",
           "Published on the test split: human 84.1 / 90.8, TagOp 50.1 / 58.0.", "",
           "| answer type | n | EM | F1 |", "|---|---:|---:|---:|"]
    out += [f"| {k} | {v['n']} | {v['em']:.1f} | {v['f1']:.1f} |" for k, v in s["by_answer_type"].items()]
    out += ["", "| answer from | n | EM | F1 |", "|---|---:|---:|---:|"]
    out += [f"| {k} | {v['n']} | {v['em']:.1f} | {v['f1']:.1f} |" for k, v in s["by_answer_from"].items()]
    out += ["", "TAT-QA: Zhu et al., ACL 2021 (CC BY 4.0). Metric re-implemented in eval/tatqa_metric.py.", ""]
    return "\n".join(out)


def main_gold(args: argparse.Namespace) -> int:
    """`--gold FILE`: one gold file about the built-in corpus, with the old single-file thresholds."""
    try:
        documents, figures = load_corpus(args.corpus)
    except (QAError, OSError) as exc:
        print(f"qa eval: could not load the corpus: {exc}", file=sys.stderr)
        return 2
    try:
        items = load_gold(args.gold, seed_figures(Path(args.corpus) / "figures") if args.corpus else seed_figures())
    except (GoldError, OSError) as exc:
        print(f"qa eval: {exc}", file=sys.stderr)
        return 2
    if args.category:
        items = [i for i in items if i.category in set(args.category)]
        if not items:
            print(f"qa eval: no gold questions in {', '.join(args.category)}", file=sys.stderr)
            return 2
    try:
        ask, _, _, warm_up_s = seed_asker(args)
    except HarnessError as exc:
        print(f"qa eval: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"qa eval: the warm-up question failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    es = EvalSet(name=Path(args.gold).stem, sealed=False, items=items)
    started = time.perf_counter()
    try:
        results = run_set(es, ask, figures, documents, args.quiet)
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
    target = f"{args.url.rstrip('/')}/api/ask" if args.url else "qa.ask (in process)"
    meta = {"gold": str(args.gold), "target": target, "wall_s": wall, "warm_up_s": warm_up_s,
            "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "compare": str(args.compare) if args.compare else None}
    args.report.mkdir(parents=True, exist_ok=True)
    write_results(args.report / "results.jsonl", results)
    write_markdown(args.report / "report.md", s, meta, changes, checks)
    write_chart(args.report / "accuracy.png", s, args.min_accuracy)
    (args.report / "summary.json").write_text(json.dumps({**summary_dict(s), **meta}, indent=2, default=str),
                                              encoding="utf-8")
    print(table(s))
    print(f"warm-up {warm_up_s:.1f} s (not in the latency figures)")
    if changes is not None:
        print(f"since {args.compare}: {len(changes['fixed'])} fixed, {len(changes['broken'])} broken")
        for r in changes["broken"]:
            print(f"  broken {r['id']}: {r['question']}")
        for r in changes["fixed"]:
            print(f"  fixed  {r['id']}: {r['question']}")
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    print(f"report: {args.report / 'report.md'}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
