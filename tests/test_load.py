"""Load: 32 concurrent clients send 2,000 questions to a live uvicorn over loopback.

Every reply must be a 200 and identical to the reply the same question got when asked alone,
one at a time, before the load: concurrency must not mix up answers, histories or citations.
The rate limit is off for this server (it would otherwise, rightly, refuse one address
sending 2,000 requests a minute).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import httpx
import pytest
from live_server import live_server

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CLIENTS = 32
REQUESTS = 2_000


def gold_bodies() -> list[dict]:
    lines = (REPO / "eval" / "sets" / "seed-dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [{"question": g["question"], "history": g.get("history") or []} for g in map(json.loads, lines) if g]


async def hammer(base: str, bodies: list[dict]) -> tuple[Counter, list[tuple[int, dict | str]]]:
    statuses: Counter = Counter()
    replies: list[tuple[int, dict | str]] = []
    queue = list(range(REQUESTS))
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one_client() -> None:
            while queue:
                n = queue.pop()
                i = n % len(bodies)
                try:
                    r = await client.post("/api/ask", json=bodies[i])
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                    continue
                statuses[r.status_code] += 1
                replies.append((i, r.json() if r.status_code == 200 else r.text))

        await asyncio.wait_for(asyncio.gather(*(one_client() for _ in range(CLIENTS))), timeout=300)
    return statuses, replies


def test_concurrent_answers_are_the_sequential_answers(tmp_path):
    bodies = gold_bodies()
    with live_server(tmp_path, QA_RATE_LIMIT_PER_MINUTE="0") as base:
        with httpx.Client(base_url=base, timeout=60) as client:
            alone = []
            for body in bodies:
                r = client.post("/api/ask", json=body)
                assert r.status_code == 200, (body, r.text)
                alone.append(r.json())
        statuses, replies = asyncio.run(hammer(base, bodies))

    assert statuses == Counter({200: REQUESTS}), statuses
    differing = [(bodies[i]["question"], reply) for i, reply in replies if reply != alone[i]]
    assert not differing, f"{len(differing)} replies differ from the sequential ones, e.g. {differing[0]}"
    assert len({json.dumps(a, sort_keys=True) for a in alone}) > len(bodies) // 2, "the questions get different answers"
