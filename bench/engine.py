"""qa.ask latency side by side with its floor and with a plain LangChain retrieval chain.

In one process and one run, each test question goes through three things in turn, the order
rotating from question to question so that no method always runs first or last:

  qa.ask     the whole deterministic answer (understanding, retrieval, calculation, citations)
  floor      one query embedding plus one Chroma query (engine.index.search), nothing else
  langchain  a plain RAG chain without its LLM: langchain_chroma's as_retriever() over the same
             store, the documents formatted into a prompt

This machine's cores are shared, so absolute times drift between runs: read the ratios.
Also measured: building the index for the corpus, and cold start to the first answer
(a fresh interpreter, in a subprocess).

    python -m bench.engine                      # about two minutes
    python -m bench.engine --rounds 2 --cold-starts 1 --json bench-engine.json
    python -m bench.engine --profile 25         # also: where qa.ask spends its time
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import (
    REPO,
    Question,
    category_from,
    gold_questions,
    machine,
    ms,
    percentiles,
    table,
    times,
    understanding_questions,
    write_json,
)

FIRST_QUESTION = "How many revenge porn offences did West Midlands Police record in 2021?"
ASK_TARGET = 1.5  # qa.ask p50 at most this many times the floor's
BUILD_TARGET_S = 5.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.engine", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--questions", choices=["all", "gold", "tests"], default="all",
                   help="eval/sets/seed-dev.jsonl, tests/test_understanding.py CASES, or both (default).")
    p.add_argument("--rounds", type=int, default=5, help="Passes over the questions (default 5).")
    p.add_argument("--max-seconds", type=float, default=120, help="Stop the timed passes after this long (default 120).")
    p.add_argument("--k", type=int, default=24, help="Results the floor asks Chroma for (qa.ask asks for 24).")
    p.add_argument("--builds", type=int, default=3, help="Index builds to time (default 3).")
    p.add_argument("--cold-starts", type=int, default=3, help="Cold starts to time, each a fresh interpreter (default 3; 0 skips).")
    p.add_argument("--data-dir", type=Path, default=None, help="Index location (default: a fresh temporary folder).")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="Also profile one pass of qa.ask with cProfile and print the top N functions.")
    p.add_argument("--json", metavar="PATH", help="Also write every number to this JSON file.")
    return p.parse_args(argv)


def langchain_chain(store: Any) -> Any:
    """The retrieval half of the usual LangChain RAG chain: retriever, formatting, prompt. No model call."""
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnablePassthrough

    prompt = ChatPromptTemplate.from_template(
        "Answer the question using only this context.\n\nContext:\n{context}\n\nQuestion: {question}"
    )

    def format_docs(docs: list[Any]) -> str:
        return "\n\n".join(d.page_content for d in docs)

    return {"context": store.as_retriever() | format_docs, "question": RunnablePassthrough()} | prompt


def prepare(questions: list[Question]) -> None:
    """Give follow-ups real earlier answers and each question a category; also warms every path."""
    import qa

    for q in questions:
        turns: list[dict[str, str]] = []
        for h in q.history:
            answer = h.get("answer") or qa.ask(h["question"], history=turns).answer
            turns.append({"question": h["question"], "answer": answer})
        q.history = turns
        a = qa.ask(q.text, history=q.history)
        q.category = q.category or category_from(a.operation, bool(q.history))


def time_interleaved(methods: dict[str, Any], questions: list[Question], rounds: int,
                     max_seconds: float) -> tuple[dict[str, list[float]], dict[str, dict[str, list[float]]], int]:
    names = list(methods)
    overall: dict[str, list[float]] = {n: [] for n in names}
    by_cat: dict[str, dict[str, list[float]]] = defaultdict(lambda: {n: [] for n in names})
    deadline = time.monotonic() + max_seconds
    done = 0
    for r in range(rounds):
        if time.monotonic() > deadline:
            break
        for i, q in enumerate(questions):
            shift = (i + r) % len(names)
            for name in names[shift:] + names[:shift]:
                t0 = time.perf_counter()
                methods[name](q)
                dt = time.perf_counter() - t0
                overall[name].append(dt)
                by_cat[q.category][name].append(dt)
        done += 1
    return overall, dict(by_cat), done


def time_builds(engine: Any, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        engine.ensure_index(rebuild=True)
        out.append(time.perf_counter() - t0)
    return out


def cold_start(data_dir: Path) -> float:
    """Seconds from launching a fresh interpreter to holding the first answer (index already built)."""
    code = f"import qa; a = qa.ask({FIRST_QUESTION!r}); assert a.value == 710, a"
    env = {**os.environ, "QA_DATA_DIR": str(data_dir)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True)
    return time.perf_counter() - t0


def profile(questions: list[Question], top: int) -> str:
    import qa

    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        qa.ask(q.text, history=q.history)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-engine-")
        args.data_dir = Path(tmp.name)
    os.environ["QA_DATA_DIR"] = str(args.data_dir)
    result: dict[str, Any] = {"machine": machine(), "args": {k: str(v) for k, v in vars(args).items()}}

    t0 = time.perf_counter()
    import qa
    from qa.engine import get_engine

    engine = get_engine()
    first_answer = qa.ask(FIRST_QUESTION)
    result["first_start_s"] = time.perf_counter() - t0  # import + model + (build if the dir was empty) + one answer
    assert first_answer.value == 710, first_answer

    builds = time_builds(engine, args.builds)
    items = engine.index.count()
    result["build"] = {"runs_s": builds, "median_s": statistics.median(builds), "items": items,
                       "passages": len(engine.passages), "figures": len(engine.figures)}

    questions: list[Question] = []
    if args.questions in ("all", "gold"):
        questions += gold_questions()
    if args.questions in ("all", "tests"):
        questions += understanding_questions()
    prepare(questions)

    chain = langchain_chain(engine.index.store)
    chain.invoke(FIRST_QUESTION)
    k = args.k
    methods = {
        "qa.ask": lambda q: qa.ask(q.text, history=q.history),
        "floor": lambda q: engine.index.search(q.text, k=k),
        "langchain": lambda q: chain.invoke(q.text),
    }
    overall, by_cat, rounds_done = time_interleaved(methods, questions, args.rounds, args.max_seconds)
    stats = {name: percentiles(s) for name, s in overall.items()}
    floor_p50 = stats["floor"]["p50"]
    result["latency_ms"] = stats
    result["rounds_done"] = rounds_done
    result["questions"] = len(questions)
    result["ratio_p50_ask_to_floor"] = stats["qa.ask"]["p50"] / floor_p50
    result["ratio_p50_ask_to_langchain"] = stats["qa.ask"]["p50"] / stats["langchain"]["p50"]
    result["by_category"] = {
        cat: {name: percentiles(s) for name, s in per.items()} for cat, per in sorted(by_cat.items())
    }

    print(f"qa.ask vs floor vs LangChain retrieval: {len(questions)} questions × {rounds_done} rounds, "
          f"interleaved; {result['machine']['cpus']} CPUs, load {result['machine']['load_1m_at_start']} at start\n")
    print(table(
        ["method", "n", "p50 ms", "p95 ms", "p99 ms", "p50 / floor"],
        [[name, f"{s['n']:,}", ms(s["p50"]), ms(s["p95"]), ms(s["p99"]), times(s["p50"] / floor_p50)]
         for name, s in stats.items()],
    ))
    print()
    print(table(
        ["category", "n", "ask p50", "ask p95", "floor p50", "ask/floor", "langchain p50", "ask/langchain"],
        [[cat, f"{per['qa.ask']['n']:,}", ms(per["qa.ask"]["p50"]), ms(per["qa.ask"]["p95"]),
          ms(per["floor"]["p50"]), times(per["qa.ask"]["p50"] / per["floor"]["p50"]),
          ms(per["langchain"]["p50"]), times(per["qa.ask"]["p50"] / per["langchain"]["p50"])]
         for cat, per in result["by_category"].items()],
    ))
    print()
    b = result["build"]
    print(f"index build ({b['passages']} passages + {b['figures']} figures = {items} items): "
          f"median {b['median_s']:.2f} s over {len(builds)} builds ({', '.join(f'{s:.2f}' for s in builds)})")
    print(f"first start in this process (import, model, index, first answer): {result['first_start_s']:.2f} s")

    if args.cold_starts:
        colds = [cold_start(args.data_dir) for _ in range(args.cold_starts)]
        result["cold_start_s"] = {"runs_s": colds, "median_s": statistics.median(colds)}
        print(f"cold start to first answer (fresh interpreter, index built): median {statistics.median(colds):.2f} s "
              f"over {len(colds)} ({', '.join(f'{s:.2f}' for s in colds)})")

    ratio = result["ratio_p50_ask_to_floor"]
    result["targets"] = {
        "ask_p50_vs_floor": {"target": ASK_TARGET, "measured": ratio, "met": ratio <= ASK_TARGET},
        "build_s": {"target": BUILD_TARGET_S, "measured": b["median_s"], "met": b["median_s"] < BUILD_TARGET_S},
    }
    print()
    for name, t in result["targets"].items():
        print(f"target {name}: {t['measured']:.2f} against {t['target']} -> {'met' if t['met'] else 'MISSED'}")

    if args.profile:
        text = profile(questions, args.profile)
        result["profile"] = text
        print("\n" + text)

    write_json(args.json, result)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
