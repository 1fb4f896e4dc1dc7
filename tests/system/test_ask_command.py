"""`rag ask` in a subprocess, as a user runs it: over the corpus ingested by `rag ingest`
with the real models, and a bad history file as one line of error."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_rag
from tests.support.documents import eval_questions
from tests.support.paths import CORPUS

EVAL = eval_questions()


def test_rag_ask_command_streams_and_cites(models_dir: Path, tmp_path: Path) -> None:
    env = {
        "RAG_DATA_DIR": str(tmp_path / "data"),
        "RAG_CORPUS_DIR": str(CORPUS),
        "RAG_LLM_MODEL_PATH": str(models_dir / "gemma-3-270m-q4_k_m.gguf"),
        "HF_HUB_OFFLINE": "1",
    }
    assert run_rag("ingest", env=env).returncode == 0
    shown = run_rag("ask", EVAL["es-006"]["question"], env=env)
    assert shown.returncode == 0, shown.stderr
    assert "95 [1]" in shown.stdout and "sources:" in shown.stdout
    as_json = run_rag("ask", EVAL["en-012"]["question"], "--json", "--top-k", "3", env=env)
    data = json.loads(as_json.stdout)
    assert data["mode"] in ("generated", "extractive") and "2023" in data["answer"]
    assert len(data["passages"]) == 3 and data["citations"]


def test_rag_ask_reports_a_bad_history_file_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = run_rag(
        "ask", "¿Algo?", "--history", str(missing), env={"RAG_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: --history {missing}: no such file"]
