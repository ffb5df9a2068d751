"""Scale-out: a real Chroma server (`chroma run`) shared by separate processes.

One process ingests an article and builds the index on the server; two more processes,
started together, open the same store and must see the same index and give the same
results. Nothing is written to an embedded store.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ARTICLE = """Flood defences fail hundreds of homes

Published 3 March 2024

The Environment Agency said 1,240 homes in Yorkshire flooded last year, up from 860 in 2022.

About 38 per cent of defences were in poor condition.
"""

INGEST = """
import json, sys
from qa.engine import get_engine
from qa.corpus.store import ingest_path
doc = ingest_path(sys.argv[1])
engine = get_engine()
print(json.dumps({"doc": doc.id, "collection": engine.index.name, "count": engine.index.count()}))
"""

QUERY = """
import json
import qa
from qa.engine import get_engine
engine = get_engine()
built_here = engine.ensure_index()  # False: the index on the server is complete already
queries = ["homes flooded in Yorkshire", "revenge porn offences recorded by West Midlands Police"]
hits = {q: [[h.kind, h.key, round(h.score, 5)] for h in engine.index.search(q, k=6)] for q in queries}
answer = qa.ask("How many revenge porn offences did West Midlands Police record in 2021?")
print(json.dumps({"collection": engine.index.name, "count": engine.index.count(), "built_here": built_here,
                  "documents": sorted(engine.docs_by_id), "hits": hits,
                  "answer": [answer.answer, answer.value, [c.doc_id for c in answer.citations]]}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path):
    exe = Path(sys.executable).parent / "chroma"
    assert exe.exists(), f"{exe} is missing: the chromadb package installs the `chroma` command"
    port = free_port()
    log = open(tmp_path / "chroma.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"chroma run exited: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("the Chroma server did not answer within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def run_json(script: str, env: dict[str, str], *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", script, *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_two_processes_share_one_chroma_server(chroma_server: str, tmp_path: Path):
    data_dir = tmp_path / "data"
    env = {**os.environ, "QA_CHROMA_URL": chroma_server, "QA_DATA_DIR": str(data_dir)}
    for name in ("QA_CORPUS_DIR", "QA_LLM"):
        env.pop(name, None)
    article = tmp_path / "floods.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    ingested = run_json(INGEST, env, str(article))
    assert ingested["count"] > 0

    procs = [
        subprocess.Popen([sys.executable, "-c", QUERY], cwd=REPO, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    first, second = results

    assert first == second  # the same index, the same hits and scores, the same answer
    assert first["collection"] == ingested["collection"] and first["count"] == ingested["count"]
    assert first["built_here"] is False
    assert ingested["doc"] in first["documents"] and "iia-police-2022-06-06" in first["documents"]
    flood_hits = first["hits"]["homes flooded in Yorkshire"]
    assert flood_hits and any(ingested["doc"] in key for _, key, _ in flood_hits[:3])
    answer_text, value, cited = first["answer"]
    assert value == 710 and cited and set(cited) == {"iia-police-2022-06-06"}, answer_text
    assert not (data_dir / "chroma").exists(), "with QA_CHROMA_URL nothing goes to the embedded store"

    import chromadb

    host, port = chroma_server.rsplit(":", 1)
    client = chromadb.HttpClient(host=host.removeprefix("http://"), port=int(port))
    names = [c if isinstance(c, str) else c.name for c in client.list_collections()]
    assert ingested["collection"] in names
