"""Start the real server (uvicorn, via `api.server.run`) in a child process on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 180  # the first start builds the index; later starts take a second or two


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(data_dir: Path, **env: str) -> Iterator[str]:
    """Yield the base URL once the server has printed its address and answers /healthz."""
    port = free_port()
    child_env = {**os.environ, "QA_DATA_DIR": str(data_dir)}
    for name in ("QA_CHROMA_URL", "QA_LLM", "QA_CORPUS_DIR", "QA_EMBEDDING", "QA_ADMIN_TOKEN"):
        child_env.pop(name, None)  # the caller's shell does not leak in; what the test passes does
    child_env.update(env)
    log = data_dir / f"server-{port}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", f"from api.server import run; run(port={port})"],
            cwd=REPO, env=child_env, stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while "Serving on" not in log.read_text():
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start in {START_TIMEOUT_S}s:\n{log.read_text()}")
            time.sleep(0.1)
        assert f"{base}/" in log.read_text(), "the server should print the address it serves on"
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
