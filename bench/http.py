"""Throughput and latency of POST /api/ask over loopback, at 1, 8 and 32 concurrent clients.

Each configuration starts its own uvicorn (`api.app:create_app`), warms it, then for each
client count runs an async httpx load (each client sends one request at a time, questions
from eval/sets/seed-dev.jsonl in turn, with their history) until --requests have been sent or
--seconds have passed, whichever comes first. Every non-200 reply and every transport error
is counted. The rate limit is turned off in the server (QA_RATE_LIMIT_PER_MINUTE=0): this
measures the service, not the limiter. The load generator shares the machine's cores with
the server, as a real client on the same box would.

Configurations: one worker over the embedded Chroma store, then (when the `chroma` command
is installed) one and several workers against a `chroma run` server, which is the only safe
way to share one index between processes.

    python -m bench.http                         # about three minutes
    python -m bench.http --seconds 5 --configs embedded:1 --json bench-http.json
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.common import gold_questions, machine, ms, percentiles, table, write_json
from bench.servers import api_server, chroma_executable, chroma_server

RPS_TARGET = 100.0  # with 8 clients on one worker
P95_TARGET_MS = 100.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.http", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", default="1,8,32", help="Concurrent client counts (default 1,8,32).")
    p.add_argument("--requests", type=int, default=2000, help="At most this many requests per client count (default 2000).")
    p.add_argument("--seconds", type=float, default=15, help="At most this long per client count (default 15).")
    p.add_argument("--warm-seconds", type=float, default=3, help="Unmeasured load first, so every worker is warm (default 3).")
    p.add_argument("--configs", default="embedded:1,server:1,server:2",
                   help="store:workers list; store is embedded or server (default embedded:1,server:1,server:2).")
    p.add_argument("--json", metavar="PATH", help="Also write every number to this JSON file.")
    return p.parse_args(argv)


def payloads() -> list[dict[str, Any]]:
    return [{"question": q.text, "history": q.history} for q in gold_questions()]


async def load(base: str, bodies: list[dict[str, Any]], clients: int, max_requests: int,
               max_seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    sent = 0
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def one_client() -> None:
            nonlocal sent
            while sent < max_requests and time.monotonic() < deadline:
                body = bodies[sent % len(bodies)]
                sent += 1
                t0 = time.perf_counter()
                try:
                    r = await client.post("/api/ask", json=body)
                    outcomes["200" if r.status_code == 200 else f"http {r.status_code}"] += 1
                except httpx.HTTPError as exc:
                    outcomes[type(exc).__name__] += 1
                    continue
                latencies.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        wall = time.perf_counter() - t0

    errors = sum(n for k, n in outcomes.items() if k != "200")
    return {"clients": clients, "requests": sent, "seconds": wall, "rps": outcomes["200"] / wall,
            "errors": errors, "outcomes": dict(outcomes), "latency_ms": percentiles(latencies)}


def run_config(store: str, workers: int, args: argparse.Namespace, bodies: list[dict[str, Any]],
               tmp: Path) -> list[dict[str, Any]]:
    data_dir = tmp / f"{store}-{workers}"
    data_dir.mkdir()
    clients = [int(c) for c in args.clients.split(",")]

    def measure(env: dict[str, str]) -> list[dict[str, Any]]:
        with api_server(data_dir, workers=workers, **env) as base:
            asyncio.run(load(base, bodies, max(clients), 10**9, args.warm_seconds))
            out = []
            for n in clients:
                r = asyncio.run(load(base, bodies, n, args.requests, args.seconds))
                r.update(store=store, workers=workers)
                out.append(r)
                lat = r["latency_ms"]
                print(f"  {store}:{workers} {n:>2} clients: {r['rps']:,.1f} req/s, p50 {ms(lat['p50'])} ms, "
                      f"p95 {ms(lat['p95'])} ms, errors {r['errors']}", flush=True)
            return out

    if store == "embedded":
        return measure({})
    with chroma_server(data_dir / "chroma-server") as url:
        prebuild(url, data_dir)  # built once, before the workers start, so they do not race to build it
        return measure({"QA_CHROMA_URL": url})


def prebuild(chroma_url: str, data_dir: Path) -> None:
    from qa.engine import Engine
    from qa.model.settings import Settings

    Engine(Settings(data_dir=data_dir, chroma_url=chroma_url))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result: dict[str, Any] = {"machine": machine(), "args": vars(args), "runs": []}
    bodies = payloads()
    configs = []
    for item in args.configs.split(","):
        store, _, workers = item.partition(":")
        if store == "server" and chroma_executable() is None:
            print(f"skipping {item}: the chroma command is not installed")
            continue
        configs.append((store, int(workers or 1)))

    print(f"POST /api/ask on loopback; {len(bodies)} gold questions in turn; at most {args.requests:,} requests "
          f"or {args.seconds:g} s per client count; {result['machine']['cpus']} CPUs, "
          f"load {result['machine']['load_1m_at_start']} at start", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        for store, workers in configs:
            result["runs"].extend(run_config(store, workers, args, bodies, Path(tmp)))

    print()
    print(table(
        ["store", "workers", "clients", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
        [[r["store"], r["workers"], r["clients"], f"{r['requests']:,}", f"{r['rps']:,.1f}", ms(r["latency_ms"]["p50"]),
          ms(r["latency_ms"]["p95"]), ms(r["latency_ms"]["p99"]),
          f"{r['errors']:,}" + (f" {dict((k, v) for k, v in r['outcomes'].items() if k != '200')}" if r["errors"] else "")]
         for r in result["runs"]],
    ))
    target_run = next((r for r in result["runs"] if r["store"] == "embedded" and r["workers"] == 1 and r["clients"] == 8), None)
    if target_run:
        rps, p95 = target_run["rps"], target_run["latency_ms"]["p95"]
        met = rps >= RPS_TARGET and p95 < P95_TARGET_MS and target_run["errors"] == 0
        result["target"] = {"rps": rps, "p95_ms": p95, "met": met}
        print(f"\ntarget (one worker, 8 clients: >= {RPS_TARGET:.0f} req/s, p95 < {P95_TARGET_MS:.0f} ms, no errors): "
              f"{rps:,.1f} req/s, p95 {ms(p95)} ms -> {'met' if met else 'MISSED'}")
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
