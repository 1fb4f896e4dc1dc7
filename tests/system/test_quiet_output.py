"""Quiet by default, through the real `rag` command with the real models: no library
progress bar and no llama.cpp log line reaches `rag ask`'s or `rag eval`'s output;
`rag -v` prints one line per phase with its milliseconds (and the library logs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.servers import clean_env
from rag.components import Components
from tests.support.cli import ASK_SHAPE, LIBRARY_NOISE, answer_shape, ingested_settings, run_rag

QUESTION = "¿Cuánto costó el entrenamiento de GPT-4?"
MS = r"\d+ ms"


@pytest.fixture(scope="module")
def env(
    models_dir: Path, shared_components: Components, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    root = tmp_path_factory.mktemp("quiet")
    return clean_env(**ingested_settings(root, models_dir, shared_components))


def test_ask_writes_only_the_answer(env: dict[str, str]) -> None:
    result = run_rag("ask", QUESTION, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "41 millones" in result.stdout
    assert re.fullmatch(ASK_SHAPE, answer_shape(result.stdout)), result.stdout
    assert not LIBRARY_NOISE.search(result.stdout), result.stdout


def test_verbose_ask_names_each_phase_with_its_milliseconds(env: dict[str, str]) -> None:
    result = run_rag("-v", "ask", QUESTION, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    for phase in ("retrieve", "generate", "verify"):
        assert [line for line in lines if re.fullmatch(f"{phase} {MS}", line)], phase
    loads = [line for line in lines if line.startswith("load ")]
    assert len(loads) == 1
    assert re.fullmatch(f"load {MS}: imports {MS}(, \\w+ {MS})+", loads[0]), loads[0]
    assert "gguf" in loads[0] and "embedder" in loads[0]
    assert "sources:" in result.stdout and not LIBRARY_NOISE.search(result.stdout)


def test_eval_writes_no_library_line(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_rag("eval", "--limit", "1", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert not LIBRARY_NOISE.search(result.stdout), result.stdout
    summary, report = result.stdout.splitlines()
    assert summary.startswith("R@5 ") and report.startswith(f"report: {out}/report.html")
