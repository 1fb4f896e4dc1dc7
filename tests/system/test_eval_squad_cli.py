"""`rag eval` with the real models: a SQuAD v2.0 run through the real command in a
subprocess, with `--without-gold`, on its isolated corpus (the project set in process:
tests/pipeline/test_eval_end_to_end.py). Results are not hard-coded: the checks of
tests/support/eval_report_checks.py hold for any run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from evaluation.datasets import load_jsonl
from evaluation.squadify import build_squad_v2
from rag.components import Components
from tests.support.cli import run_rag
from tests.support.eval_report_checks import check_consistency, check_outputs
from tests.support.paths import CORPUS

QUESTIONS = CORPUS / "eval" / "questions.jsonl"


def test_squad_v2_run_through_the_cli_leaves_the_user_index_alone(
    tmp_path: Path, make_components: Callable[..., Components], models_dir: Path
) -> None:
    items = [i for i in load_jsonl(QUESTIONS).items if i.id in ("es-002", "en-002", "un-002")]
    squad, left_out = build_squad_v2(items, CORPUS)
    assert left_out == 0
    dataset = tmp_path / "mini-v2.json"
    dataset.write_text(json.dumps(squad, ensure_ascii=False))
    paragraphs = sum(len(article["paragraphs"]) for article in squad["data"])

    user = make_components()  # the user's own (empty) index in tmp_path / "data"
    version_before = user.store.version()
    env = {
        "RAG_DATA_DIR": str(user.settings.data_dir),
        "RAG_LLM_MODEL_PATH": str(models_dir / "gemma-3-270m-q4_k_m.gguf"),
        "TMPDIR": str(tmp_path),
    }
    out = tmp_path / "out"
    result = run_rag(
        "eval", str(dataset), "--without-gold", "--out", str(out), "--seed", "1", env=env
    )
    assert result.returncode == 0, result.stderr
    assert "━" not in result.stderr  # no progress bar (rich's) without a terminal
    assert f"report: {out}/report.html" in result.stdout

    report = check_outputs(out, questions=3)
    check_consistency(report)
    corpus = report["run"]["corpus"]
    assert corpus["isolated"] is True and corpus["documents"] == paragraphs
    assert report["run"]["format"] == "squad-2.0"
    unanswerable = [q for q in report["questions"] if q["unanswerable"]]
    assert [q["id"] for q in unanswerable] == ["un-002"]
    # the two answerable questions asked again with their paragraph withheld
    withheld = [q["id"] for q in report["questions"] if q["without_gold"]]
    assert sorted(withheld) == ["en-002", "es-002"]
    assert report["run"]["counts"]["without_gold"] == 2
    assert "w/o gold abstained" in result.stdout
    # issue 16's SQuAD targets are all measured (what they are depends on the model)
    answerable = [q for q in report["questions"] if not q["unanswerable"] and not q["without_gold"]]
    metrics = report["metrics"]
    for key in ("f1", "exact_match", "contains"):
        expected = sum(q[key] for q in answerable) / len(answerable)
        assert metrics["answer"][key] == pytest.approx(expected)
    abstained = sum(q["mode"] == "abstained" for q in answerable) / len(answerable)
    assert metrics["abstention"]["answerable_abstained"] == pytest.approx(abstained)
    assert user.store.count() == 0 and user.store.version() == version_before
    assert not list(tmp_path.glob("rag-eval-*"))  # the temporary workspace is gone
