"""report.json and report.md, the regression gate and `rag eval compare`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluation.aggregate import abstention_score, counts_of, metrics_of, tradeoff_curve
from evaluation.grounding import SentenceJudgement
from evaluation.question_record import QuestionRecord
from rag.errors import ConfigError

SCHEMA_VERSION = 1
REPORT_JSON = "report.json"
REPORT_MD = "report.md"
REPORT_HTML = "report.html"


def build_report(
    records: Sequence[QuestionRecord], run: dict[str, Any], run_seconds: float
) -> dict[str, Any]:
    run_seconds = round(run_seconds, 3)
    return {
        "schema_version": SCHEMA_VERSION,
        "run": {**run, "seconds": run_seconds, "counts": counts_of(records)},
        "metrics": metrics_of(records, run_seconds),
        "curves": {
            "abstention_threshold": tradeoff_curve(records),
            "abstention_score": abstention_score(records),
        },
        "questions": [r.public() for r in records],
    }


def rebuild_report(report: dict[str, Any]) -> dict[str, Any]:
    """The report recomputed from its own per-question records (after a metric's
    definition changed, say), without asking anything again."""
    records = [record_from_dict(q) for q in report["questions"]]
    run = {k: v for k, v in report["run"].items() if k not in ("seconds", "counts")}
    return build_report(records, run, float(report["run"]["seconds"]))


def record_from_dict(data: dict[str, Any]) -> QuestionRecord:
    sentences = [SentenceJudgement(**s) for s in data.get("sentences", [])]
    return QuestionRecord(**{**data, "sentences": sentences})


def write_report(report: dict[str, Any], out_dir: Path) -> list[Path]:
    """report.json, report.md and report.html in `out_dir` (created if needed)."""
    from evaluation.html import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / REPORT_JSON, out_dir / REPORT_MD, out_dir / REPORT_HTML]
    paths[0].write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    paths[1].write_text(render_markdown(report), encoding="utf-8")
    paths[2].write_text(render_html(report), encoding="utf-8")
    return paths


def load_report(path: Path) -> dict[str, Any]:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"report not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: malformed JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(report, dict) or not isinstance(report.get("metrics"), dict):
        raise ConfigError(f"{path}: not a `rag eval` report (no 'metrics' object)")
    return report


def flatten(metrics: dict[str, Any], prefix: str = "") -> dict[str, float | None]:
    """Dotted path -> value for every numeric (or null) leaf."""
    flat: dict[str, float | None] = {}
    for key, value in metrics.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, path + "."))
        elif value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            flat[path] = value
    return flat


def format_value(value: float | None, path: str = "") -> str:
    if value is None:
        return "n/a"
    if path.startswith("latency.") or "seconds" in path or "tokens" in path:
        return f"{value:.1f}"
    return f"{value:.4f}"


# -- report.md ----------------------------------------------------------------------


def render_markdown(report: dict[str, Any]) -> str:
    run = report["run"]
    counts = run.get("counts", {})
    lines = [
        f"# Evaluation: {run.get('dataset', '?')}",
        "",
        f"{counts.get('questions', 0)} questions ({counts.get('answerable', 0)} answerable, "
        f"{counts.get('unanswerable', 0)} unanswerable{asked_again(counts)}), "
        f"format `{run.get('format', '?')}`, started {run.get('started_at', '?')}, "
        f"{run.get('seconds', 0):.1f} s in all.",
        f"Models: embedder `{run.get('embedder', '?')}`, generator `{run.get('generator', '?')}`.",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    for path, value in flatten(report["metrics"]).items():
        lines.append(f"| `{path}` | {format_value(value, path)} |")
    lines += ["", "Definitions: docs/evaluation.md. Per-question records: report.json.", ""]
    return "\n".join(lines)


def asked_again(counts: dict[str, Any]) -> str:
    """The askings with gold withheld, for the one-line run summaries; empty without."""
    withheld = counts.get("without_gold") or 0
    return f", {withheld} asked again without their gold" if withheld else ""


# -- the gate -----------------------------------------------------------------------


def resolve_metric(name: str, known: Sequence[str]) -> str:
    """A leaf name ("recall_at_5") or a dotted suffix ("total_ms.p95") -> its full path."""
    matches = [path for path in known if path == name or path.endswith("." + name)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        leaves = sorted({p.rsplit(".", 1)[-1] for p in known})
        raise ConfigError(f"unknown metric {name!r}; known: {', '.join(leaves)}")
    raise ConfigError(f"ambiguous metric {name!r}: use one of {', '.join(matches)}")


def parse_thresholds(
    specs: Sequence[str], known: Sequence[str], flag: str
) -> list[tuple[str, str, float]]:
    """`name=value` strings -> (name as given, full path, threshold)."""
    parsed: list[tuple[str, str, float]] = []
    for spec in specs:
        name, sep, raw = spec.partition("=")
        try:
            threshold = float(raw)
        except ValueError:
            threshold = float("nan")
        if not sep or not name.strip() or threshold != threshold:
            raise ConfigError(
                f"{flag} expects NAME=NUMBER, e.g. {flag} recall_at_5=0.95 (got {spec!r})"
            )
        parsed.append((name.strip(), resolve_metric(name.strip(), known), threshold))
    return parsed


def gate_failures(
    metrics: dict[str, Any],
    minimums: Sequence[tuple[str, str, float]],
    maximums: Sequence[tuple[str, str, float]] = (),
) -> list[str]:
    """One phrase per threshold the run misses; a metric the run could not measure
    (null) misses too, since nothing shows it holds."""
    flat = flatten(metrics)
    failures: list[str] = []
    for bounds, below in ((minimums, True), (maximums, False)):
        for name, path, threshold in bounds:
            value = flat.get(path)
            if value is None:
                failures.append(
                    f"{name} = n/a (not measured in this run), required "
                    f"{'>=' if below else '<='} {threshold:g}"
                )
            elif (value < threshold) if below else (value > threshold):
                sign = "<" if below else ">"
                failures.append(f"{name} = {value:.4f} {sign} {threshold:g} required")
    return failures


# -- compare ------------------------------------------------------------------------


def compare_reports(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """A table of every metric in either report: A, B and B - A."""
    flat_a, flat_b = flatten(a["metrics"]), flatten(b["metrics"])
    paths = list(flat_a) + [p for p in flat_b if p not in flat_a]
    width = max([len(p) for p in paths] + [6])
    lines = [
        f"A: {_describe(a)}",
        f"B: {_describe(b)}",
        f"{'metric':<{width}}  {'A':>10}  {'B':>10}  {'B - A':>10}",
    ]
    for path in paths:
        va, vb = flat_a.get(path), flat_b.get(path)
        delta = "n/a" if va is None or vb is None else _signed(vb - va, path)
        lines.append(
            f"{path:<{width}}  {format_value(va, path):>10}  {format_value(vb, path):>10}  "
            f"{delta:>10}"
        )
    return lines


def _signed(value: float, path: str) -> str:
    text = format_value(abs(value), path)
    negative = value < 0 and any(ch in "123456789" for ch in text)
    return ("-" if negative else "+") + text


def _describe(report: dict[str, Any]) -> str:
    run = report.get("run", {})
    counts = run.get("counts", {})
    return (
        f"{run.get('dataset', '?')}, {counts.get('questions', '?')} questions, "
        f"started {run.get('started_at', '?')}"
    )
