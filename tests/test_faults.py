"""Faults: a missing, corrupted or half-built index, and a Chroma server that goes away.

Each damaged store is opened by a fresh process (Chroma caches its clients per process, so
damage done under a live client would not be seen). The service must rebuild from the
corpus and say so in a log line, not crash. A Chroma server that stops must give a clear
503 from /api/ask, and answers again once it is back.

Killed during ingest: covered by tests/test_ingest.py (a kill half-way through a write
leaves the store as it was); here, a kill half-way through building the index.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from qa.engine import Engine
from qa.model.settings import Settings
from qa.pipeline import ask
from qa.retrieve.index import items_of

REPO = Path(__file__).resolve().parent.parent
WM21 = "How many revenge porn offences did West Midlands Police record in 2021?"

ASK = f"""
import json, logging, sys
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
import qa
from qa.engine import get_engine
answer = qa.ask({WM21!r})
engine = get_engine()
print(json.dumps({{"value": answer.value, "items": engine.index.count(), "texts": len(engine.index.rows),
                  "built": engine.index.is_built()}}))
"""


def run_ask(data_dir: Path, corpus_dir: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env["QA_DATA_DIR"] = str(data_dir)
    if corpus_dir:
        env["QA_CORPUS_DIR"] = str(corpus_dir)
    return subprocess.run([sys.executable, "-c", ASK], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout)


def answered(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, f"the service crashed instead of recovering:\n{proc.stderr[-3000:]}"
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["value"] == 710
    return out


def test_a_missing_data_directory_is_built_from_the_corpus(tmp_path, caplog):
    data_dir = tmp_path / "not" / "there" / "yet"
    with caplog.at_level(logging.INFO, logger="qa"):
        engine = Engine(Settings(data_dir=data_dir))
    assert (data_dir / "chroma").is_dir()
    assert any(r.name == "qa.engine" and "building index" in r.getMessage() for r in caplog.records), caplog.text
    assert engine.index.count() == len({it.text for it in items_of(engine.passages, engine.figures)})
    assert ask(WM21, engine=engine).value == 710


def _garbage_sqlite(chroma: Path) -> None:
    (chroma / "chroma.sqlite3").write_bytes(b"this is not a database\n" * 100)


def _truncated_sqlite(chroma: Path) -> None:
    db = chroma / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[: 4096 + 100])


def _garbage_vector_segment(chroma: Path) -> None:
    for path in chroma.glob("*/*.bin"):
        path.write_bytes(os.urandom(path.stat().st_size or 64))


def _no_vector_segment(chroma: Path) -> None:
    for folder in [p for p in chroma.iterdir() if p.is_dir()]:
        shutil.rmtree(folder)


@pytest.mark.slow
@pytest.mark.parametrize("damage", [_garbage_sqlite, _truncated_sqlite, _garbage_vector_segment, _no_vector_segment],
                         ids=lambda f: f.__name__.strip("_"))
def test_a_corrupted_data_directory_is_rebuilt_with_a_clear_log_line(tmp_path, damage):
    data_dir = tmp_path / "data"
    first = answered(run_ask(data_dir))
    damage(data_dir / "chroma")

    proc = run_ask(data_dir)
    out = answered(proc)
    assert out["items"] == first["items"], "the rebuilt index holds everything the first one did"
    if damage in (_garbage_sqlite, _truncated_sqlite):  # Chroma itself can repair neither of these
        said = [line for line in proc.stderr.splitlines() if re.match(r"(WARNING|ERROR)", line)]
        assert any(re.search(r"rebuil", line, re.I) for line in said), (
            "a log line at WARNING or above should say the index was unreadable and is being rebuilt:\n"
            + proc.stderr[-3000:]
        )


THE = re.compile(r"\bthe\b")


def _tag(n: int) -> str:
    return "".join(chr(97 + n // 26 ** k % 26) for k in (2, 1, 0))


def _copied_corpus(folder: Path, copies: int) -> Path:
    """The seed article under `copies` ids, so that building the index takes a while: each copy says "the" as a
    word of its own of the same length (offsets unchanged), so its passages are texts of its own to embed (the
    index stores one vector per distinct text)."""
    src = REPO / "corpus"
    (folder / "documents").mkdir(parents=True)
    (folder / "figures").mkdir()
    shutil.copytree(src / "documents", folder / "documents", dirs_exist_ok=True)
    shutil.copytree(src / "figures", folder / "figures", dirs_exist_ok=True)
    seed = json.loads(next((src / "documents").glob("*.json")).read_text())
    table = next((src / "figures").glob("*.csv"))
    with open(table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    text = (src / "documents" / f"{seed['id']}.txt").read_text(encoding="utf-8")
    for n in range(copies):
        doc_id = f"copy-{n:03d}"
        own = _tag(n)
        (folder / "documents" / f"{doc_id}.txt").write_text(THE.sub(own, text), encoding="utf-8")
        (folder / "documents" / f"{doc_id}.json").write_text(json.dumps({**seed, "id": doc_id}), encoding="utf-8")
        with open(folder / "figures" / f"{doc_id}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows({**{k: THE.sub(own, v) for k, v in r.items()}, "id": f"c{n}_{r['id']}",
                         "doc_id": doc_id} for r in rows)
    return folder


@pytest.mark.slow
def test_a_build_killed_half_way_is_started_again(tmp_path):
    corpus = _copied_corpus(tmp_path / "corpus", copies=30)
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(QA_DATA_DIR=str(data_dir), QA_CORPUS_DIR=str(corpus))
    log = tmp_path / "build.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-c", ASK], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while "building index" not in log.read_text():
            assert proc.poll() is None, f"the build ended before it could be killed:\n{log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.05)
        time.sleep(1.0)  # part-way through adding
        assert proc.poll() is None, "the build finished before the kill: make the corpus bigger"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    again = run_ask(data_dir, corpus)
    out = answered(again)
    assert "building index" in again.stderr, "the half-built index is noticed and built again"
    assert out["built"] and out["items"] == out["texts"]  # every text's vector, not just what was there at the kill
    assert out["texts"] > 31 * 20  # each copy's own passages among them


# ---- a Chroma server that goes away -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChromaServer:
    """`chroma run` on a fixed port and folder, so it can be stopped and started again."""

    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port = path, port
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        exe = Path(sys.executable).parent / "chroma"
        assert exe.exists(), f"{exe} is missing: the chromadb package installs the `chroma` command"
        log = open(self.path.parent / f"chroma-{self.port}.log", "ab")  # noqa: SIM115 - the child keeps it
        self.proc = subprocess.Popen(
            [str(exe), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            assert self.proc.poll() is None, "chroma run exited"
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the Chroma server did not answer within 60 s"
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def chroma(tmp_path):
    server = ChromaServer(tmp_path / "chroma-server", free_port())
    server.start()
    yield server
    server.stop()


@pytest.mark.slow
def test_a_chroma_server_that_goes_away_gives_503_then_recovers(chroma, monkeypatch):
    """Questions are scored against the engine's vectors in memory, so they are answered while Chroma is down;
    what needs Chroma (loading an engine onto a changed store) is a 503 naming it, and recovers when it is back."""
    from api.app import create_app
    from qa.engine import reset_engine

    monkeypatch.setenv("QA_CHROMA_URL", chroma.url)
    reset_engine()
    client = TestClient(create_app(warm=False), raise_server_exceptions=False)  # as a real client sees it
    ask = {"question": WM21}
    r = client.post("/api/ask", json=ask)
    assert r.status_code == 200 and r.json()["value"] == 710

    chroma.stop()
    r = client.post("/api/ask", json=ask)
    assert r.status_code == 200 and r.json()["value"] == 710  # the loaded engine keeps answering
    for _ in range(3):  # every request while it is down, not only the first
        reset_engine()  # a worker that must load the engine again (a restart, a changed store)
        r = client.post("/api/ask", json=ask)
        assert r.status_code == 503, r.text
        message = r.json()["detail"]
        assert re.search(r"chroma|index|store", message, re.I) and chroma.url.split("//")[1] in message, message
        assert r.json()["error"]["type"]

    chroma.start()
    r = client.post("/api/ask", json=ask)
    assert r.status_code == 200, r.text
    assert r.json()["value"] == 710
