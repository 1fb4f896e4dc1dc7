"""`rag eval` with the real models: real MiniLM, real Gemma GGUF, real Chroma in tmp_path.

One run on a 5-question project set against the ingested corpus, in process (a SQuAD
v2.0 run through the real command: tests/system/test_eval_squad_cli.py). Results are
not hard-coded: the checks of tests/support/eval_report_checks.py hold for any run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from evaluation.datasets import load_dataset
from evaluation.evaluate import evaluate
from evaluation.report import write_report
from rag.components import Components
from tests.support.eval_report_checks import check_consistency, check_outputs
from tests.support.paths import CORPUS

QUESTIONS = CORPUS / "eval" / "questions.jsonl"
FIVE = ("es-001", "es-004", "en-001", "un-001", "un-005")


def subset(path: Path, ids: tuple[str, ...]) -> Path:
    lines = [line for line in QUESTIONS.read_text().splitlines() if json.loads(line)["id"] in ids]
    assert len(lines) == len(ids)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_project_set_end_to_end(tmp_path: Path, make_components: Callable[..., Components]) -> None:
    from ingest.sync import Ingestor

    components = make_components(corpus_dir=CORPUS)
    ingested = Ingestor(components).sync()
    assert not ingested.errors
    dataset = subset(tmp_path / "five.jsonl", FIVE)

    report = evaluate(components, load_dataset(dataset), show_progress=False)
    write_report(report, tmp_path / "out")

    report = check_outputs(tmp_path / "out", questions=5)
    check_consistency(report)
    assert report["run"]["corpus"]["isolated"] is False
    assert report["run"]["corpus"]["missing_sources"] == []
    assert report["metrics"]["abstention"]["unanswerable_abstained"] is not None
    assert report["metrics"]["cost"]["run_seconds"] > 0
