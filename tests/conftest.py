"""Every test runs against a private data directory, never a user's index."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def session_data_dir(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("qa-data")


@pytest.fixture(autouse=True)
def _private_data_dir(session_data_dir, monkeypatch: pytest.MonkeyPatch):
    from qa.engine import reset_engine

    monkeypatch.setenv("QA_DATA_DIR", str(session_data_dir))
    monkeypatch.delenv("QA_CHROMA_URL", raising=False)
    monkeypatch.delenv("QA_LLM", raising=False)
    reset_engine()
    yield
    reset_engine()
