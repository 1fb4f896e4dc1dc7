"""Aggregation and the three output files, on hand-made records whose metrics are
computed by hand below (the gate and compare through the real CLI:
tests/system/test_eval_report_cli.py)."""

from __future__ import annotations

import base64
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from evaluation.aggregate import counts_of, metrics_of, worst_questions
from evaluation.report import (
    flatten,
    rebuild_report,
    resolve_metric,
    write_report,
)
from rag.errors import ConfigError
from tests.support.fake_evaluation import record, records, report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_metrics_hand_computed() -> None:
    m = metrics_of(records(), run_seconds=10.0)
    third = pytest.approx(1 / 3)
    # ranks of the answerable questions: 1, 7, none
    assert m["retrieval"] == {
        "recall_at_1": third,
        "recall_at_5": third,
        "recall_at_10": pytest.approx(2 / 3),
        "mrr": pytest.approx((1 + 1 / 7) / 3),
    }
    # F1 1, 0.5, 0 (the abstention); EM and contains 1, 0, 0
    assert m["answer"] == {"exact_match": third, "f1": 0.5, "contains": third}
    # 4 sentences in answers that did not abstain; own judge T T F F, lexical T F F F;
    # the judges disagree on 1 of the 3 cited sentences
    assert m["faithfulness"] == {
        "supported_rate": 0.5,
        "lexical_supported_rate": 0.25,
        "judge_disagreement": third,
    }
    # answers r1 r2 r5: recall (1 + 0 + 0) / 3; precision (1 + 0) / 2 (r5 cites nothing)
    assert m["citations"]["recall"] == third and m["citations"]["precision"] == 0.5
    assert m["abstention"] == {
        "unanswerable_abstained": 0.5,
        "answerable_abstained": third,
        "without_gold_abstained": None,  # nothing asked with its gold withheld
        "modes": {"generated": 0.4, "extractive": 0.2, "abstained": 0.4},
    }
    # total_ms sorted 20 25 70 120 350: p50 70, p95 at 3.8 -> 120 + 0.8 * 230
    assert m["latency"]["total_ms"] == {"p50": 70.0, "p95": pytest.approx(304.0)}
    # retrieve_ms sorted 10 10 15 20 30: p50 15, p95 20 + 0.8 * 10
    assert m["latency"]["retrieve_ms"] == {"p50": 15.0, "p95": pytest.approx(28.0)}
    # decoding: 19 tokens in 0.4 s (47.5/s) and 29 in 1.1 s (26.36/s): median of the two;
    # overall: 20 tokens in 0.5 s (40/s) and 30 in 1.5 s (20/s): median 30
    assert m["cost"]["generation_tokens_per_s"] == pytest.approx((19 / 0.4 + 29 / 1.1) / 2)
    assert m["cost"]["overall_tokens_per_s"] == pytest.approx(30.0)
    assert m["cost"]["generated_tokens"] == 50.0
    assert m["cost"]["seconds_per_question"] == 2.0


def test_stable_keys_exist_even_with_nothing_to_measure() -> None:
    flat = flatten(metrics_of([], 0.0))
    for key in (
        "retrieval.recall_at_1",
        "retrieval.recall_at_5",
        "retrieval.recall_at_10",
        "retrieval.mrr",
        "answer.exact_match",
        "answer.f1",
        "faithfulness.supported_rate",
        "faithfulness.lexical_supported_rate",
        "faithfulness.judge_disagreement",
        "citations.precision",
        "citations.recall",
        "abstention.unanswerable_abstained",
        "abstention.answerable_abstained",
        "abstention.without_gold_abstained",
        "abstention.modes.abstained",
        "latency.retrieve_ms.p50",
        "latency.generate_ms.p95",
        "latency.verify_ms.p50",
        "latency.total_ms.p95",
    ):
        assert key in flat and flat[key] is None


def test_worst_questions_rank_failures_and_wrong_answers_first() -> None:
    questions = [r.public() for r in records()]
    # r5 answered an unanswerable question (quality 0, one unsupported sentence); r3
    # abstained on an answerable one (quality 0, no sentence); r2 has F1 0.5
    assert [q["id"] for q in worst_questions(questions, 3)] == ["r5", "r3", "r2"]
    failed = record("r6")
    failed.mode, failed.error = "error", "ValueError: boom"
    assert worst_questions([*questions, failed.public()], 1)[0]["id"] == "r6"


def test_failed_questions_are_counted_and_left_out_of_the_metrics() -> None:
    failed = record("r6", f1=0.0, hit_rank=None, timings={"total_ms": 5.0})
    failed.mode, failed.error = "error", "ValueError: boom"
    with_failure = [*records(), failed]
    assert metrics_of(with_failure, 10.0)["answer"] == metrics_of(records(), 10.0)["answer"]
    counts = counts_of(with_failure)
    assert (counts["questions"], counts["errors"], counts["answerable"]) == (6, 1, 3)


def test_resolve_metric_by_leaf_or_dotted_suffix() -> None:
    known = list(flatten(metrics_of([], 0.0)))
    assert resolve_metric("recall_at_5", known) == "retrieval.recall_at_5"
    assert resolve_metric("total_ms.p95", known) == "latency.total_ms.p95"
    with pytest.raises(ConfigError, match="ambiguous metric 'p50'"):
        resolve_metric("p50", known)
    with pytest.raises(ConfigError, match="unknown metric 'recall_at_3'"):
        resolve_metric("recall_at_3", known)


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))
        self.scripts += tag == "script"


def embedded_pngs(html: str) -> list[bytes]:
    parser = _Images()
    parser.feed(html)
    assert parser.scripts == 0
    prefix = "data:image/png;base64,"
    sources = [str(image.get("src")) for image in parser.images]
    assert all(src.startswith(prefix) for src in sources)
    return [base64.b64decode(src[len(prefix) :]) for src in sources]


def test_write_report_writes_three_files_with_escaped_text(tmp_path: Path) -> None:
    paths = write_report(report(), tmp_path / "out")
    assert [p.name for p in paths] == ["report.json", "report.md", "report.html"]
    saved = json.loads(paths[0].read_text())
    assert saved["metrics"]["answer"]["f1"] == 0.5
    assert [q["id"] for q in saved["questions"]] == ["r1", "r2", "r3", "r4", "r5"]
    assert saved["run"]["counts"]["sentences"] == 4
    assert "| `retrieval.recall_at_5` | 0.3333 |" in paths[1].read_text()
    html = paths[2].read_text()
    pngs = embedded_pngs(html)
    assert len(pngs) == 3 and all(png.startswith(PNG_MAGIC) for png in pngs)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; más" in html
    assert "http://" not in html and "https://" not in html  # self-contained


def test_a_report_rebuilds_from_its_own_records() -> None:
    original = report()
    saved = json.loads(json.dumps(original))
    saved["metrics"] = {}
    assert rebuild_report(saved) == original
