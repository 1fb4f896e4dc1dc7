"""report.html: one self-contained page (inline CSS, plots as base64 PNG, no external
reference), built only from the report dict so it can be re-rendered from report.json.
Every text from a question, an answer or a document is HTML-escaped."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from evaluation.aggregate import worst_questions
from evaluation.report import asked_again, flatten, format_value

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STAGES = ("retrieve_ms", "first_token_ms", "generate_ms", "verify_ms", "total_ms")
WORST = 15
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;border:1px solid #eee;margin:.5rem 0}
blockquote{margin:.2rem 0;padding-left:.5rem;border-left:3px solid #ccc;color:#444}
"""


def render_html(report: dict[str, Any]) -> str:
    run, questions = report["run"], report.get("questions", [])
    scored = [q for q in questions if not q.get("error")]  # the plots skip failed ones
    as_asked = [q for q in scored if not q.get("without_gold")]
    curve = report.get("curves", {}).get("abstention_threshold", [])
    counts = run.get("counts", {})
    score = report.get("curves", {}).get("abstention_score", "support")
    threshold = run.get("abstention_threshold") if score == "evidence" else None
    marks = {"score": score, "threshold": threshold}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>rag eval: {escape(str(run.get('dataset', '')))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Evaluation: {escape(str(run.get('dataset', '')))}</h1>",
        f"<p>{counts.get('questions', 0)} questions ({counts.get('answerable', 0)} answerable, "
        f"{counts.get('unanswerable', 0)} unanswerable{asked_again(counts)}), format "
        f"<code>{escape(str(run.get('format', '')))}</code>, generator "
        f"<code>{escape(str(run.get('generator', '')))}</code>, embedder "
        f"<code>{escape(str(run.get('embedder', '')))}</code>, "
        f"{float(run.get('seconds', 0.0)):.1f} s.</p>",
        "<h2>Metrics</h2>",
        _metrics_table(report["metrics"]),
        "<h2>Score distributions</h2>",
        _img(score_figure(scored), "score distributions"),
        "<h2>Latency per stage</h2>",
        _img(latency_figure(as_asked), "latency per stage"),
        "<h2>Abstention threshold trade-off</h2>",
        f"<p>Abstain when the <code>{escape(score)}</code> score is below a threshold: "
        "answerable questions wrongly abstained against unanswerable questions answered "
        "(docs/evaluation.md).</p>",
        _img(tradeoff_figure(curve, report["metrics"]["abstention"], marks), "trade-off"),
        f"<h2>Worst cases (up to {WORST})</h2>",
        _worst_table(questions),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _metrics_table(metrics: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td><code>{escape(path)}</code></td>"
        f'<td class="num">{escape(format_value(value, path))}</td></tr>'
        for path, value in flatten(metrics).items()
    )
    return f"<table><tr><th>metric</th><th>value</th></tr>{rows}</table>"


def _worst_table(questions: Sequence[dict[str, Any]]) -> str:
    worst = worst_questions(questions, WORST)
    head = (
        "<tr><th>id</th><th>question</th><th>answer</th><th>gold</th><th>cited quotes</th>"
        "<th>mode</th><th>support</th><th>F1</th><th>gold rank</th></tr>"
    )
    rows = []
    for q in worst:
        gold = "<br>".join(escape(a) for a in q["gold_answers"]) or "<em>(unanswerable)</em>"
        if q.get("without_gold"):
            gold = f"<em>(withheld: abstaining is right)</em><br>{gold}"
        quotes = "".join(
            f"<blockquote>[{c['n']}] {escape(c['quote'])}<br><small>{escape(c['source'])}"
            "</small></blockquote>"
            for c in q.get("citations", [])
        )
        f1 = "" if q.get("f1") is None else f"{q['f1']:.2f}"
        answer = escape(q["answer"])
        if q.get("error"):
            answer = f"<strong>failed:</strong> {escape(q['error'])}"
        rank = q.get("hit_rank") or ("-" if q.get("gold_sources") else "")
        rows.append(
            f"<tr><td>{escape(str(q['id']))}</td><td>{escape(q['question'])}</td>"
            f"<td>{answer}</td><td>{gold}</td><td>{quotes}</td>"
            f"<td>{escape(q['mode'])}</td><td class=num>{q['support']:.3f}</td>"
            f"<td class=num>{f1}</td><td class=num>{escape(str(rank))}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


# -- plots --------------------------------------------------------------------------


def _figure(width: float, height: float, ncols: int = 1, nrows: int = 1) -> tuple[Figure, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.subplots(nrows, ncols, squeeze=False)


def _img(figure: Figure, alt: str) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def _empty(axis: Any, title: str) -> None:
    axis.set_title(title)
    axis.text(0.5, 0.5, "no data", ha="center", va="center", transform=axis.transAxes)
    axis.set_xticks([])
    axis.set_yticks([])


def score_figure(questions: Sequence[dict[str, Any]]) -> Figure:
    """Answer F1, support by question kind (and of the askings with gold withheld),
    sentence scores by judge, gold rank."""
    figure, axes = _figure(11, 6.5, ncols=2, nrows=2)
    bins = [i / 10 for i in range(11)]
    withheld = [q for q in questions if q.get("without_gold")]
    questions = [q for q in questions if not q.get("without_gold")]
    f1 = [q["f1"] for q in questions if q.get("f1") is not None]
    _hist(axes[0][0], {"answerable": f1}, bins, "answer token F1", "F1")
    support = {
        "answerable": [q["support"] for q in questions if not q["unanswerable"]],
        "unanswerable": [q["support"] for q in questions if q["unanswerable"]],
        "gold withheld": [q["support"] for q in withheld],
    }
    _hist(axes[0][1], support, None, "pipeline support score per question", "support")
    sentences = [s for q in questions for s in q.get("sentences", [])]
    judges = {
        "own judge": [s["own_score"] for s in sentences if s["own_score"] is not None],
        "lexical judge": [s["lexical_score"] for s in sentences if s["lexical_score"] is not None],
    }
    _hist(axes[1][0], judges, None, "sentence support by judge", "score")
    ranked = [q for q in questions if q.get("gold_sources") and not q["unanswerable"]]
    axis = axes[1][1]
    if ranked:
        labels = [str(k) for k in range(1, 11)] + ["miss"]
        heights = [sum(1 for q in ranked if q.get("hit_rank") == k) for k in range(1, 11)]
        heights.append(sum(1 for q in ranked if q.get("hit_rank") is None))
        axis.bar(labels, heights, color="#4c72b0")
        axis.set_title("rank of the first gold passage")
        axis.set_ylabel("questions")
    else:
        _empty(axis, "rank of the first gold passage")
    return figure


def _hist(
    axis: Any, series: dict[str, list[float]], bins: list[float] | None, title: str, xlabel: str
) -> None:
    present = {label: values for label, values in series.items() if values}
    if not present:
        _empty(axis, title)
        return
    axis.hist(list(present.values()), bins=bins or 10, label=list(present), alpha=0.8)
    axis.set_title(title)
    axis.set_xlabel(xlabel)
    axis.set_ylabel("count")
    axis.legend()


def latency_figure(questions: Sequence[dict[str, Any]]) -> Figure:
    figure, axes = _figure(9, 3.5)
    axis = axes[0][0]
    data = {s: [q.get("timings", {}).get(s, 0.0) for q in questions] for s in STAGES}
    present = {stage: [v for v in values if v > 0] for stage, values in data.items()}
    present = {stage: values for stage, values in present.items() if values}
    if not present:
        _empty(axis, "latency per stage")
        return figure
    axis.boxplot(list(present.values()), orientation="horizontal", tick_labels=list(present))
    axis.set_xscale("log")
    axis.set_xlabel("milliseconds, log scale (questions where a stage did not run left out)")
    axis.set_title("latency per stage (box: p25-p75, line: median, whiskers: 1.5 IQR)")
    return figure


def tradeoff_figure(
    curve: Sequence[dict[str, Any]], observed: dict[str, Any], marks: dict[str, Any]
) -> Figure:
    """Both error rates against the threshold (with the pipeline's own threshold), and
    against each other with the point the pipeline reached (`observed`:
    metrics.abstention)."""
    figure, axes = _figure(11, 4, ncols=2)
    left, right = axes[0][0], axes[0][1]
    if not curve:
        _empty(left, "error rates against the threshold")
        _empty(right, "trade-off")
        return figure
    thresholds = [p["threshold"] for p in curve]
    for key, label in (
        ("answerable_abstained", "answerable wrongly abstained"),
        ("unanswerable_answered", "unanswerable answered"),
    ):
        values = [p[key] for p in curve]
        if any(v is not None for v in values):
            left.step(
                thresholds,
                [v if v is not None else float("nan") for v in values],
                where="post",
                label=label,
            )
    if marks.get("threshold") is not None:
        left.axvline(marks["threshold"], color="gray", linestyle="--", label="pipeline threshold")
    left.set_xlabel(f"abstention threshold on the {marks.get('score', 'support')} score")
    left.set_ylabel("share of questions")
    left.set_title("error rates against the threshold")
    left.legend()
    pairs = [(p["answerable_abstained"], p["unanswerable_answered"]) for p in curve]
    pairs = [(x, y) for x, y in pairs if x is not None and y is not None]
    if pairs:
        right.plot([x for x, _ in pairs], [y for _, y in pairs], marker=".", label="threshold")
        x, y = observed.get("answerable_abstained"), observed.get("unanswerable_abstained")
        if x is not None and y is not None:
            right.plot([x], [1.0 - y], marker="*", markersize=14, linestyle="", label="pipeline")
        right.legend()
        right.set_xlabel("answerable wrongly abstained")
        right.set_ylabel("unanswerable answered")
        right.set_title("trade-off (each point is one threshold)")
    else:
        _empty(right, "trade-off (needs answerable and unanswerable questions)")
    return figure
