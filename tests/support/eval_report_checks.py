"""Checks on a written `rag eval` report that hold for any run: every output exists, the
page is self-contained, and the headline figures are what the per-question records say.
Results are not hard-coded, so the checks serve any dataset and any model."""

from __future__ import annotations

import base64
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


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
    """`questions`: the dataset's questions asked (not the askings with gold withheld)."""
    report = json.loads((out / "report.json").read_text())
    assert len([q for q in report["questions"] if not q.get("without_gold")]) == questions
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
    """The headline figures are what the per-question records say; the askings with
    gold withheld count in `abstention.without_gold_abstained` only."""
    metrics = report["metrics"]
    withheld = [q for q in report["questions"] if q.get("without_gold")]
    questions = [q for q in report["questions"] if not q.get("without_gold")]
    abstained = [q["mode"] == "abstained" for q in withheld]
    assert metrics["abstention"].get("without_gold_abstained") == (
        pytest.approx(sum(abstained) / len(abstained)) if withheld else None
    )
    for q in withheld:
        assert q["mode"] in ("generated", "extractive", "abstained")
        assert not set(q["gold_sources"]) & {r["source"] for r in q["retrieved"]}
        assert (q["hit_rank"], q["f1"]) == (None, None)
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
