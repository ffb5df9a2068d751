"""Every knob in one place, read from QA_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from qa.model.errors import BadSetting

REPO_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", extra="ignore")

    data_dir: Path = Field(
        default=Path.home() / ".local" / "share" / "qa",
        description="Where the embedded Chroma index and its manifest live.",
    )
    corpus_dir: Path = Field(
        default=REPO_ROOT / "corpus", description="Folder of documents/ and figures/ to index."
    )
    vocabulary_dir: Path | None = Field(
        default=None,
        description="Folder of the reader's vocabulary files (a field's words; default: <corpus_dir>/vocabulary).",
    )
    builtin_corpus: bool = Field(
        default=True,
        description="Answer from the built-in curated articles (corpus_dir) as well as ingested ones; "
        "false for a store of only your own documents.",
    )
    chroma_url: str | None = Field(
        default=None, description="Use a Chroma server (http://host:port) instead of the embedded store."
    )
    embedding: str = Field(
        default="minilm-onnx", description="Embedding backend: minilm-onnx (real) or hash (tests only)."
    )
    collection: str = Field(default="qa", description="Chroma collection name prefix.")
    max_question_chars: int = Field(default=2000, ge=1, description="Longest question accepted.")
    max_history_turns: int = Field(default=20, ge=0, description="Most earlier turns a follow-up may carry.")
    max_body_bytes: int = Field(default=64_000, ge=1024, description="Largest HTTP request body accepted.")
    rate_limit_per_minute: int = Field(default=600, ge=0, description="Requests per client per minute (0: off).")
    admin_token: str | None = Field(default=None, description="Token required to ingest documents over HTTP.")
    llm: str | None = Field(default=None, description="Optional chat model, e.g. openai:gpt-4o-mini or ollama:llama3.")
    llm_base_url: str | None = Field(default=None, description="Base URL of an OpenAI-compatible server.")
    llm_timeout_s: float = Field(default=30.0, gt=0, description="Seconds before a chat-model reply is abandoned.")
    max_document_bytes: int = Field(default=2_000_000, ge=1, description="Largest document accepted by ingest.")
    max_figures_per_document: int = Field(
        default=2_000, ge=1, description="Most figures one ingested document may state (more: refused with 413)."
    )
    max_paragraph_chars: int = Field(
        default=20_000, ge=100, description="Longest paragraph an ingested document may have (longer: refused with 413)."
    )
    max_html_depth: int = Field(default=256, ge=8, description="Deepest element nesting an ingested HTML page may have.")
    extract_timeout_s: float = Field(
        default=120.0, ge=0, description="Seconds reading and extracting one document may take (0: no worker, no limit)."
    )
    forwarded_allow_ips: str | None = Field(
        default=None,
        description="Trusted proxy addresses (comma-separated, or *) whose X-Forwarded-For names the client; unset: none.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"QA_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise BadSetting(f"Bad setting: {problems}") from None
