"""The gate and compare through the real `rag eval` command, on the hand-made records
whose metrics tests/unit/test_eval_report.py computes by hand."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_rag
from tests.support.fake_evaluation import records, report, with_withheld


def test_gate_exit_codes_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report()))
    passed = run_rag(
        "eval",
        "gate",
        str(path),
        "--min",
        "recall_at_10=0.6",
        "--min",
        "supported_rate=0.5",
        "--max",
        "total_ms.p95=400",
    )
    assert passed.returncode == 0, passed.stderr
    assert passed.stdout.strip() == "gate passed: 3 threshold(s) met"

    failed = run_rag(
        "eval", "gate", str(path), "--min", "recall_at_5=0.95", "--min", "supported_rate=0.5"
    )
    assert failed.returncode == 1
    assert failed.stderr.strip() == "eval gate failed: recall_at_5 = 0.3333 < 0.95 required"

    slow = run_rag("eval", "gate", str(path), "--max", "total_ms.p95=100")
    assert slow.returncode == 1
    assert slow.stderr.strip() == "eval gate failed: total_ms.p95 = 304.0000 > 100 required"

    for bad in (["--min", "recall_at_3=0.9"], ["--min", "p50=1"], ["--min", "recall_at_5"]):
        usage = run_rag("eval", "gate", str(path), *bad)
        assert usage.returncode == 2, bad
        assert len(usage.stderr.strip().splitlines()) == 1 and "Traceback" not in usage.stderr


def test_gate_fails_a_metric_the_run_could_not_measure(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report([r for r in records() if not r.unanswerable])))
    result = run_rag("eval", "gate", str(path), "--min", "unanswerable_abstained=0.5")
    assert result.returncode == 1
    assert "unanswerable_abstained = n/a" in result.stderr


def test_run_rejects_an_unknown_metric_before_loading_anything(tmp_path: Path) -> None:
    result = run_rag("eval", "--min", "recal_at_5=0.9", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith("error: unknown metric 'recal_at_5'; known: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_compare_prints_per_metric_deltas(tmp_path: Path) -> None:
    better = records()
    better[1].hit_rank = 2
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(report()))
    b.write_text(json.dumps(report(better)))
    result = run_rag("eval", "compare", str(a), str(b))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[2:]}
    assert rows["retrieval.recall_at_5"] == ["0.3333", "0.6667", "+0.3333"]
    assert rows["retrieval.recall_at_10"] == ["0.6667", "0.6667", "+0.0000"]
    assert rows["answer.f1"] == ["0.5000", "0.5000", "+0.0000"]
    assert rows["latency.total_ms.p50"] == ["70.0", "70.0", "+0.0"]
    missing = run_rag("eval", "compare", str(a), str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and missing.stderr.strip().startswith("error: report not found")


def test_the_gate_reads_the_share_abstained_without_gold(tmp_path: Path) -> None:
    path, plain = tmp_path / "report.json", tmp_path / "plain.json"
    path.write_text(json.dumps(report(with_withheld())))  # 2 of 3 abstained
    plain.write_text(json.dumps(report()))
    passed = run_rag("eval", "gate", str(path), "--min", "without_gold_abstained=0.6")
    assert passed.returncode == 0, passed.stderr
    failed = run_rag("eval", "gate", str(path), "--min", "without_gold_abstained=0.9")
    assert failed.returncode == 1
    assert failed.stderr.strip() == (
        "eval gate failed: without_gold_abstained = 0.6667 < 0.9 required"
    )
    unmeasured = run_rag("eval", "gate", str(plain), "--min", "without_gold_abstained=0.9")
    assert unmeasured.returncode == 1 and "without_gold_abstained = n/a" in unmeasured.stderr
