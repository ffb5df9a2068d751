"""Every test runs against a private data directory, never a user's index."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def session_data_dir(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("qa-data")


def _reset_if_stale() -> None:
    """Drop the cached engine when the environment no longer matches its settings."""
    import qa.engine as engine_mod
    from qa.model.settings import Settings, get_settings

    get_settings.cache_clear()
    eng = engine_mod._engine
    if eng is not None and eng.settings.model_dump() != Settings().model_dump():
        engine_mod.reset_engine()


@pytest.fixture(autouse=True)
def _private_data_dir(session_data_dir, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QA_DATA_DIR", str(session_data_dir))
    for name in ("QA_CHROMA_URL", "QA_LLM", "QA_CORPUS_DIR", "QA_EMBEDDING", "QA_ADMIN_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    _reset_if_stale()
    yield
    monkeypatch.undo()
    _reset_if_stale()
