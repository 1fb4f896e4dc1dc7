"""What `rag models` reports: each model in use, read from its files without loading it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rag import model_files
from rag.settings import Settings


def describe_models(settings: Settings) -> dict[str, dict[str, Any]]:
    return {"embedding": describe_embedding(settings), "llm": describe_llm(settings)}


def describe_embedding(settings: Settings) -> dict[str, Any]:
    path = model_files.embedding_model_dir(settings)
    pooling = path / "1_Pooling" / "config.json"
    dimension = (
        json.loads(pooling.read_text()).get("word_embedding_dimension")
        if pooling.is_file()
        else None
    )
    bert_config = path / "sentence_bert_config.json"
    max_tokens = (
        json.loads(bert_config.read_text()).get("max_seq_length") if bert_config.is_file() else None
    )
    return {
        "path": str(path),
        "size_bytes": _size(path),
        "dimension": dimension,
        "max_tokens": max_tokens,
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


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
