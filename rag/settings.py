"""One settings object for every component, read from `RAG_*` variables and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Self

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from rag.errors import ConfigError

ENV_PREFIX = "RAG_"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", validate_default=True
    )

    data_dir: Path = Path("data")
    corpus_dir: Path = Path("corpus")
    collection: str = Field("corpus", pattern=r"^[a-zA-Z0-9][a-zA-Z0-9._-]{1,60}[a-zA-Z0-9]$")

    chroma_url: str | None = Field(None, pattern=r"^https?://[^\s/]+(:\d+)?/?$")
    embedding_model: str | None = None
    llm_model_path: Path | None = None
    llm_url: str | None = Field(None, pattern=r"^https?://\S+$")
    llm_prompt_format: Literal["auto", "chat", "completion"] = "auto"
    # A running `rag serve` that `rag ask` and `rag chat` ask instead of loading models.
    server_url: str | None = Field(None, pattern=r"^https?://\S+$")

    api_key: SecretStr | None = None
    api_key_for_chat: bool = False
    cors_origins: list[str] = []
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)

    chunk_tokens: int = Field(200, ge=32, le=250)
    chunk_overlap_tokens: int = Field(30, ge=0, le=120)
    max_file_bytes: int = Field(10_000_000, ge=1)

    top_k: int = Field(5, ge=1, le=50)
    candidate_k: int = Field(30, ge=1, le=500)
    # Weight of normalised BM25 against the dense cosine in hybrid fusion; unset: the
    # weight tuned for the embedding model (rag/answer/retrieval.py `TUNED_FUSION_WEIGHTS`).
    fusion_lexical_weight: float | None = Field(None, ge=0.0, le=1.0)
    llm_context_tokens: int = Field(2048, ge=512, le=131072)
    llm_max_tokens: int = Field(160, ge=8, le=4096)
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0)
    # Evidence sentences shown to the model (the best-ranked ones that fit the window).
    llm_evidence_sentences: int = Field(2, ge=1, le=50)
    # Grounding thresholds (docs/answering.md): below `verify_answerable`, the probability
    # that the evidence answers (rag/answer/answerability.py), abstain without generating;
    # below `verify_extractive`, no quoting fallback; below `verify_support`, drop a
    # generated sentence.
    verify_answerable: float = Field(0.45, ge=0.0, le=1.0)
    verify_extractive: float = Field(0.5, ge=0.0, le=1.0)
    verify_support: float = Field(0.85, ge=0.0, le=1.0)
    verify_lexical_weight: float = Field(0.6, ge=0.0, le=1.0)
    verify_relevance_ratio: float = Field(0.8, ge=0.0, le=1.0)
    # llama.cpp threads for decoding and prompt processing; unset: chosen before and
    # during each generation from how busy the cores are (rag/generator_llamacpp.py
    # `ThreadChoice`, measured by bench/llm_threads.py, docs/performance.md).
    llm_threads: int | None = Field(None, ge=1, le=256)
    llm_timeout_s: float = Field(120.0, gt=0)
    chroma_timeout_s: float = Field(30.0, gt=0)

    max_question_chars: int = Field(2000, ge=10)
    max_history_messages: int = Field(20, ge=0)
    max_upload_bytes: int = Field(5_000_000, ge=1)
    max_files_per_request: int = Field(20, ge=1)
    generation_workers: int = Field(1, ge=1, le=16)
    generation_queue: int = Field(8, ge=0, le=1000)

    @model_validator(mode="after")
    def _overlap_below_size(self) -> Self:
        if self.chunk_overlap_tokens >= self.chunk_tokens:
            raise ValueError(
                "RAG_CHUNK_OVERLAP_TOKENS must be smaller than RAG_CHUNK_TOKENS "
                f"(got {self.chunk_overlap_tokens} >= {self.chunk_tokens})"
            )
        return self

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def embedded(self) -> bool:
        return self.chroma_url is None

    def public_view(self) -> dict[str, Any]:
        """Effective settings as plain JSON values, with secrets masked."""
        view = self.model_dump(mode="json")
        view["api_key"] = "********" if self.api_key else None
        return view


def load_settings(**overrides: Any) -> Settings:
    """Build and validate settings, turning the first problem into one line that names
    the variable to change."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    location = [str(part) for part in error["loc"]]
    message = error["msg"].removeprefix("Value error, ")
    if not location:
        return message
    variable = ENV_PREFIX + location[0].upper()
    value = error.get("input")
    shown = "" if isinstance(value, dict) else f" (got {value!r})"
    return f"{variable}: {message}{shown}"
