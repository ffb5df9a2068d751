"""Ingest against a live server: question latency during a 1,000-figure ingest, memory and index folders over
repeated ingests, time to ready, and extraction cost against document length.

    python -m bench.ingest                       # everything, about two minutes
    python -m bench.ingest --only extract        # extraction cost only (in process)
    python -m bench.ingest --only formats        # a 600-word article with a table, a 200-row CSV (in process)
    python -m bench.ingest --json bench-ingest.json

What it shows (issue 15): p99 of questions while a 1,000-figure document is ingested, next to p99 without one
(the old engine answers until the new one is ready, and only the new document is embedded); requests per second
before and after; the server's RSS and the number of Chroma segment folders after each of several ingests (one
collection, so no folder per re-index); and extraction time per sentence staying flat as a document grows.

`--only formats` (issue 14's speed goal, at most 3 s once the model is loaded): with the engine loaded (seed article,
index built, embedding model warm), each of a ~600-word Markdown article with a pipe table and a ~200-row CSV is
ingested (read, extracted in the worker process, stored) and the engine refreshed until it answers from the new
document (its passages and figures embedded), median of `--rounds` fresh stores; with the vectors that had to be
embedded and how much this process's resident memory grew over the ingest and refresh.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.common import REPO, machine, ms, percentiles, rss_mb, table, write_json
from bench.servers import free_port, stop

TOKEN = "bench-token"
QUESTIONS = [
    "How many revenge porn offences did West Midlands Police record in 2021?",
    "By what percentage did offences rise in Staffordshire between 2020 and 2021?",
    "What share of Staffordshire's cases were dropped?",
    "How many cases did the two forces close with no suspect?",
]


def article(figures: int, tag: str = "") -> str:
    """A plain-text article stating `figures` counts, a sentence each, in paragraphs of ten."""
    towns = [f"Town{tag}{n:04d}" for n in range(figures)]
    paras = []
    for i in range(0, figures, 10):
        paras.append(" ".join(f"{t} Council recorded {1000 + 7 * (i + j)} thefts in 2022."
                              for j, t in enumerate(towns[i: i + 10])))
    return f"Thefts by town {tag}\n\nPublished 1 May 2023\n\n" + "\n\n".join(paras) + "\n"


@contextmanager
def server(data_dir: Path) -> Iterator[tuple[str, subprocess.Popen, float]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(QA_DATA_DIR=str(data_dir), QA_ADMIN_TOKEN=TOKEN, QA_RATE_LIMIT_PER_MINUTE="0")
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / f"server-{port}.log"
    t0 = time.monotonic()
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-c", f"from api.server import run; run(port={port})"],
                                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        while "Serving on" not in log.read_text():
            if proc.poll() is not None or time.monotonic() - t0 > 600:
                raise RuntimeError(log.read_text()[-3000:])
            time.sleep(0.05)
        yield base, proc, time.monotonic() - t0
    finally:
        stop(proc)


def ask_loop(base: str, stop: threading.Event, out: list[tuple[float, float]], errors: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=120) as client:
        n = 0
        while not stop.is_set():
            q = QUESTIONS[n % len(QUESTIONS)]
            n += 1
            t0 = time.perf_counter()
            r = client.post("/api/ask", json={"question": q})
            elapsed = time.perf_counter() - t0
            if r.status_code != 200:
                errors.append(f"{r.status_code} {r.text[:100]}")
            out.append((time.monotonic(), elapsed))


def load(base: str, seconds: float, clients: int, during: Any = None) -> dict[str, Any]:
    """`clients` threads asking for `seconds` (or while `during()` runs); latencies and throughput."""
    stop = threading.Event()
    samples: list[tuple[float, float]] = []
    errors: list[str] = []
    threads = [threading.Thread(target=ask_loop, args=(base, stop, samples, errors)) for _ in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    extra: dict[str, Any] = {}
    if during is None:
        time.sleep(seconds)
    else:
        extra = during()
    stop.set()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    lat = [e for _, e in samples]
    return {**percentiles(lat), "max": max(lat) * 1000 if lat else float("nan"), "req_per_s": len(lat) / wall,
            "errors": len(errors), "seconds": wall, **extra}


def bench_server(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, server(Path(tmp) / "data") as (base, proc, ready_s):
        out["ready_s"] = ready_s
        auth = {"Authorization": f"Bearer {TOKEN}"}
        load(base, 3, args.clients)  # warm
        before = load(base, args.seconds, args.clients)
        ingest: dict[str, Any] = {}

        def do_ingest() -> dict[str, Any]:
            t0 = time.monotonic()
            r = httpx.post(f"{base}/api/documents", json={"text": article(args.figures)}, headers=auth, timeout=600)
            ingest.update(status=r.status_code, seconds=time.monotonic() - t0, figures=r.json().get("figures"))
            time.sleep(0.5)
            return {}

        during = load(base, 0, args.clients, during=do_ingest)
        after = load(base, args.seconds, args.clients)
        out.update(before=before, during=during, after=after, ingest=ingest)

        chroma = Path(tmp) / "data" / "chroma"
        growth = []
        for n in range(args.repeats):
            r = httpx.post(f"{base}/api/documents", json={"text": article(20, tag=f"r{n}")}, headers=auth, timeout=600)
            assert r.status_code == 201, r.text
            folders = sum(1 for p in chroma.iterdir() if p.is_dir())
            growth.append({"ingest": n + 1, "rss_mb": rss_mb(proc.pid), "segment_folders": folders})
        out["repeats"] = growth
    return out


def bench_extract(sizes: list[int]) -> list[dict[str, Any]]:
    from qa.corpus.intake import extract_bounded
    from qa.model.records import Document

    rows = []
    for n in sizes:
        text = article(n)
        doc = Document(id="bench", title="Bench", published="2023-05-01", text=text)
        t0 = time.perf_counter()
        got = extract_bounded(doc)
        s = time.perf_counter() - t0
        rows.append({"sentences": n, "characters": len(text), "figures": len(got.figures), "seconds": s,
                     "ms_per_sentence": 1000 * s / n})
    return rows


TOWNS = ["Ashford", "Brampton", "Carlow", "Dunmore", "Elmstead", "Fairlie", "Glenholm", "Hartwell"]


def article_with_table(words: int = 600) -> str:
    """A Markdown news article of about `words` words: prose stating figures, and a pipe table of eight rows."""
    paras = []
    n = 0
    while sum(len(p.split()) for p in paras) < words - 90:  # the table and headings make up the rest
        town = TOWNS[n % len(TOWNS)]
        paras.append(
            f"In {town}, the council said {120 + 7 * n} new homes were finished in 2023, up from {100 + 5 * n} the "
            f"year before, while the waiting list for social housing stood at {2_000 + 35 * n:,} households. "
            f"Officials blamed higher building costs, which rose by {3 + n % 5} per cent over the year, and said "
            f"about {40 + n} sites were still waiting for planning permission at the end of December.")
        n += 1
    rows = "\n".join(f"| {t} | {1_000 + 37 * i:,} | {1_050 + 41 * i:,} | {4.5 + i / 10:.1f} |"
                     for i, t in enumerate(TOWNS))
    table = ("**Homes completed by council, 2022 and 2023**\n\n| Council | 2022 | 2023 | Change (%) |\n"
             f"|---|---:|---:|---:|\n{rows}\n\nSource: council returns")
    return ("# Homes completed rise across the region\n\nPublished 14 March 2024\n\n" + "\n\n".join(paras[:3])
            + "\n\n" + table + "\n\n" + "\n\n".join(paras[3:]) + "\n")


def csv_table(rows: int = 200) -> str:
    """A CSV of `rows` districts by four columns: two years of counts, a change and a rate."""
    lines = ["District,2022,2023,Change (%),Rate per 1000"]
    for i in range(rows):
        name = "".join(chr(65 + i // 26 ** k % 26) if k == 1 else chr(97 + i // 26 ** k % 26) for k in (1, 0))
        lines.append(f'District {name}{"abcdefgh"[i % 8]},"{1_000 + 13 * i:,}","{1_040 + 17 * i:,}",'
                     f"{(40 + 4 * i) / (1_000 + 13 * i) * 100:.1f},{5 + i % 40 / 10:.1f}")
    return "\n".join(lines) + "\n"


def bench_formats(rounds: int) -> list[dict[str, Any]]:
    """Seconds to ingest each document and have the engine answer from it, with the model already loaded."""
    import qa.engine
    from qa.corpus.store import ingest_path, store_state
    from qa.model.settings import get_settings

    docs = [("article with a table (Markdown)", "homes.md", article_with_table()),
            ("CSV, 200 rows", "districts.csv", csv_table())]
    samples: dict[str, list[tuple[float, float, int, int, float]]] = {label: [] for label, _, _ in docs}
    saved = {k: v for k, v in os.environ.items() if k.startswith("QA_")}
    try:
        for _ in range(rounds):
            for label, name, text in docs:
                with tempfile.TemporaryDirectory() as tmp:
                    os.environ["QA_DATA_DIR"] = str(Path(tmp) / "data")
                    get_settings.cache_clear()
                    qa.engine.reset_engine()
                    qa.engine.get_engine().warm()  # the model loaded and the seed indexed: not counted
                    path = Path(tmp) / name
                    path.write_text(text, encoding="utf-8")
                    rss0 = rss_mb()
                    t0 = time.perf_counter()
                    doc = ingest_path(path, date="2024-03-14", title="Housing by district" if name.endswith(".csv")
                                      else None)
                    t1 = time.perf_counter()
                    engine = qa.engine.refresh(at_least=int(str(store_state()[0])))
                    t2 = time.perf_counter()
                    figures = len(engine.corpus.figures_by_doc.get(doc.id, []))
                    samples[label].append((t1 - t0, t2 - t1, figures, engine.index.embedded, rss_mb() - rss0))
    finally:
        for k in [k for k in os.environ if k.startswith("QA_")]:
            del os.environ[k]
        os.environ.update(saved)
        get_settings.cache_clear()
        qa.engine.reset_engine()
    out = []
    for label, _name, text in docs:
        got = samples[label]
        out.append({"document": label, "words": len(text.split()), "characters": len(text), "figures": got[0][2], "embedded": got[0][3],
                    "ingest_s": statistics.median(g[0] for g in got), "ready_s": statistics.median(g[1] for g in got),
                    "total_s": statistics.median(g[0] + g[1] for g in got),
                    "max_total_s": max(g[0] + g[1] for g in got), "rss_growth_mb": statistics.median(g[4] for g in got),
                    "rounds": len(got)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["server", "extract", "formats"], help="run one part")
    parser.add_argument("--rounds", type=int, default=3, help="fresh stores per document in 'formats' (default 3)")
    parser.add_argument("--figures", type=int, default=1000, help="figures in the big ingest (default 1000)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent askers (default 4)")
    parser.add_argument("--seconds", type=float, default=10, help="seconds of load before and after (default 10)")
    parser.add_argument("--repeats", type=int, default=10, help="small ingests for the memory trace (default 10)")
    parser.add_argument("--sizes", default="500,1000,2000,4000,8000", help="sentences per extraction run")
    parser.add_argument("--json", help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"machine": machine()}
    if args.only in (None, "formats"):
        rows = bench_formats(args.rounds)
        result["formats"] = rows
        print("Ingest to answerable, the model loaded (read + extract + store, then the engine refreshed); median of "
              f"{args.rounds}")
        print(table(["document", "words", "figures", "vectors embedded", "ingest s", "ready s", "total s", "max total s",
                     "RSS growth MB"],
                    [[r["document"], r["words"], r["figures"], r["embedded"], f"{r['ingest_s']:.2f}",
                      f"{r['ready_s']:.2f}", f"{r['total_s']:.2f}", f"{r['max_total_s']:.2f}",
                      f"{r['rss_growth_mb']:.0f}"] for r in rows]))
        print("goal (issue 14): total at most 3 s\n")
    if args.only in (None, "extract"):
        rows = bench_extract([int(x) for x in args.sizes.split(",")])
        result["extract"] = rows
        print("Extraction cost against length (one figure per sentence, paragraphs of ten)")
        print(table(["sentences", "characters", "figures", "seconds", "ms/sentence"],
                    [[r["sentences"], f"{r['characters']:,}", r["figures"], f"{r['seconds']:.2f}",
                      f"{r['ms_per_sentence']:.2f}"] for r in rows]))
        per = [r["ms_per_sentence"] for r in rows]
        print(f"ms per sentence: min {min(per):.2f}, max {max(per):.2f} (flat = linear); "
              f"median {statistics.median(per):.2f}\n")
    if args.only in (None, "server"):
        s = bench_server(args)
        result["server"] = s
        print(f"Server ready {s['ready_s']:.1f} s after start (index built on first start)")
        print(f"Questions from {args.clients} clients; a {args.figures:,}-figure document ingested during the "
              f"middle run ({s['ingest'].get('status')}, {s['ingest'].get('figures')} figures, "
              f"{s['ingest'].get('seconds', float('nan')):.1f} s)")
        print(table(["", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "errors"],
                    [[name, s[name]["n"], ms(s[name]["p50"]), ms(s[name]["p95"]), ms(s[name]["p99"]),
                      ms(s[name]["max"]), f"{s[name]['req_per_s']:.1f}", s[name]["errors"]]
                     for name in ("before", "during", "after")]))
        print(f"p99 during / before: {s['during']['p99'] / s['before']['p99']:.2f}×")
        print(table(["ingest", "server RSS MB", "Chroma segment folders"],
                    [[g["ingest"], f"{g['rss_mb']:.0f}", g["segment_folders"]] for g in s["repeats"]]))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
