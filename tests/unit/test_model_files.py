"""Model provisioning without a model: hub access is off, and a missing or invalid
model path is one exact error (the real models: tests/pipeline/test_models_real.py)."""

import os
from pathlib import Path

import pytest

from rag import model_files
from rag.errors import ConfigError
from rag.settings import load_settings


def test_hub_access_is_off_for_the_process() -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_missing_and_invalid_user_gguf(tmp_path: Path) -> None:
    missing = tmp_path / "nope.gguf"
    with pytest.raises(ConfigError) as caught:
        model_files.llm_model_path(load_settings(llm_model_path=missing))
    assert str(caught.value) == (
        f"RAG_LLM_MODEL_PATH: no such file {missing}; point it at a .gguf model file"
    )
    not_gguf = tmp_path / "model.gguf"
    not_gguf.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ConfigError) as caught:
        model_files.llm_model_path(load_settings(llm_model_path=not_gguf))
    assert str(caught.value) == (
        f"RAG_LLM_MODEL_PATH: {not_gguf} is not a GGUF file (bad header); "
        "point it at a valid .gguf model"
    )


def test_missing_embedding_dir_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        model_files.embedding_model_dir(load_settings(embedding_model=str(tmp_path)))
    assert str(caught.value) == (
        f"embedding model not found at {tmp_path}: RAG_EMBEDDING_MODEL must be "
        "multilingual-e5-small, all-MiniLM-L6-v2 or a local sentence-transformers directory "
        "(no model hub is reachable)"
    )


def test_packaged_embedding_models_by_name(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, embedding_model="all-MiniLM-L6-v2")
    assert model_files.embedding_model_dir(settings) == model_files.packaged_embedding_dir()
    assert model_files.embedding_model_name(settings) == "all-MiniLM-L6-v2"
    assert model_files.embedding_model_name(load_settings()) == "multilingual-e5-small"
    assert model_files.embedding_model_name(load_settings(embedding_model="~/m/my-st")) == "my-st"


def test_fingerprint_follows_content_not_stamps(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "weights.bin").write_bytes(bytes(3 << 20))
    first = model_files.model_dir_fingerprint(tmp_path)
    (tmp_path / ".verified").write_text("stamp")
    assert model_files.model_dir_fingerprint(tmp_path) == first
    (tmp_path / "config.json").write_text('{"hidden_size": 8}')
    assert model_files.model_dir_fingerprint(tmp_path) != first
