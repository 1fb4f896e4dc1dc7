"""`rag eval` with the real models: real MiniLM, real Gemma GGUF, real Chroma in tmp_path.

One run on a 5-question project set against the ingested corpus (in-process), and one
SQuAD v2.0 run through the real command in a subprocess, on its isolated corpus.
Results are not hard-coded: the tests check that every output exists and agrees with
the per-question records it was computed from.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from evaluation.datasets import load_dataset, load_jsonl
from evaluation.evaluate import evaluate
from evaluation.report import write_report
from evaluation.squadify import build_squad_v2
from rag.components import Components
from tests.clirun import run_rag

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
QUESTIONS = CORPUS / "eval" / "questions.jsonl"
FIVE = ("es-001", "es-004", "en-001", "un-001", "un-005")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def subset(path: Path, ids: tuple[str, ...]) -> Path:
    lines = [line for line in QUESTIONS.read_text().splitlines() if json.loads(line)["id"] in ids]
    assert len(lines) == len(ids)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")


def check_outputs(out: Path, questions: int) -> dict[str, Any]:
    report = json.loads((out / "report.json").read_text())
    assert len(report["questions"]) == questions
    assert report["run"]["counts"]["questions"] == questions
    assert "| `retrieval.recall_at_5` |" in (out / "report.md").read_text()
    page = _Page()
    page.feed((out / "report.html").read_text())
    assert "script" not in page.tags and "table" in page.tags
    assert len(page.images) == 3  # score distributions, latency, abstention trade-off
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG_MAGIC)
    return report


def check_consistency(report: dict[str, Any]) -> None:
    """The headline figures are what the per-question records say."""
    questions, metrics = report["questions"], report["metrics"]
    ranked = [q for q in questions if q["gold_sources"] and not q["unanswerable"]]
    hits = [q for q in ranked if q["hit_rank"] is not None and q["hit_rank"] <= 5]
    assert metrics["retrieval"]["recall_at_5"] == pytest.approx(len(hits) / len(ranked))
    assert sum(metrics["abstention"]["modes"].values()) == pytest.approx(1.0)
    for q in questions:
        assert q["mode"] in ("generated", "extractive", "abstained")
        assert {"retrieve_ms", "generate_ms", "verify_ms", "total_ms"} <= set(q["timings"])
        if q["mode"] == "abstained":
            assert q["sentences"] == [] and q["citations"] == []
    latency = metrics["latency"]
    for stage in ("retrieve_ms", "generate_ms", "verify_ms", "total_ms"):
        assert latency[stage]["p50"] is not None and latency[stage]["p95"] >= latency[stage]["p50"]


@pytest.mark.slow
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


@pytest.mark.slow
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
    result = run_rag("eval", str(dataset), "--out", str(out), "--seed", "1", env=env)
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
    assert user.store.count() == 0 and user.store.version() == version_before
    assert not list(tmp_path.glob("rag-eval-*"))  # the temporary workspace is gone
