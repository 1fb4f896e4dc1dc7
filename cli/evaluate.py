"""`rag eval`: the offline evaluation commands.

    rag eval [DATASET] [--questions SQUAD.json] [--without-gold] [--out DIR] [--limit N]
             [--seed S] [--min NAME=VALUE ...]
    rag eval compare A/report.json B/report.json
    rag eval gate REPORT.json --min NAME=VALUE ...

`rag eval DATASET` is short for `rag eval run DATASET`. Nothing heavy is imported until
a command runs, so `rag --help` stays fast.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

DEFAULT_DATASET = Path("eval") / "questions.jsonl"  # in the corpus dir
GATE_HELP = "Fail (exit 1) unless metric NAME >= VALUE; NAME is a leaf key such as recall_at_5."
MAX_HELP = "Fail (exit 1) unless metric NAME <= VALUE, e.g. total_ms.p95=3000."


class DefaultRunGroup(TyperGroup):
    """Arguments that do not start with a sub-command name go to `run`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


eval_app = typer.Typer(
    cls=DefaultRunGroup,
    help="Evaluate retrieval, answers, grounding, citations, abstention and latency offline.",
    no_args_is_help=False,
    pretty_exceptions_enable=False,
)

MinOption = Annotated[list[str] | None, typer.Option("--min", metavar="NAME=VALUE", help=GATE_HELP)]
MaxOption = Annotated[list[str] | None, typer.Option("--max", metavar="NAME=VALUE", help=MAX_HELP)]


@eval_app.command("run")
def run(
    dataset: Annotated[
        Path | None,
        typer.Argument(
            help="Project JSON Lines questions, or a SQuAD v1.1/v2.0 .json file "
            "(default: eval/questions.jsonl in the corpus dir)."
        ),
    ] = None,
    questions: Annotated[
        Path | None,
        typer.Option(
            "--questions",
            help="Ask this SQuAD file's questions against DATASET's paragraphs, matched by "
            "question id (e.g. XQuAD-en questions over XQuAD-es paragraphs).",
        ),
    ] = None,
    without_gold: Annotated[
        bool,
        typer.Option(
            "--without-gold",
            help="Ask every answerable question a second time with its gold paragraph(s) "
            "withheld from retrieval, where abstaining is right; the share abstained is "
            "abstention.without_gold_abstained (no other metric counts these).",
        ),
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Output dir (default <data dir>/eval/<run>).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Evaluate a sample of N questions.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the --limit sample.")] = 0,
    minimum: MinOption = None,
    maximum: MaxOption = None,
) -> None:
    """Run the evaluation and write report.json, report.md and report.html."""
    from evaluation.aggregate import metrics_of
    from evaluation.datasets import load_dataset
    from evaluation.evaluate import evaluate
    from evaluation.report import flatten, parse_thresholds, write_report
    from rag.components import Components
    from rag.settings import load_settings

    # Every usage error surfaces before a model loads or a question is asked.
    known = list(flatten(metrics_of([], 0.0)))
    minimums = parse_thresholds(minimum or [], known, "--min")
    maximums = parse_thresholds(maximum or [], known, "--max")
    settings = load_settings()
    dataset = dataset or settings.corpus_dir / DEFAULT_DATASET
    loaded = load_dataset(dataset, questions)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out_dir = _writable_dir(out or settings.data_dir / "eval" / f"{loaded.name}-{stamp}")
    report = evaluate(
        Components(settings),
        loaded,
        limit=limit,
        seed=seed,
        show_progress=True,
        without_gold=without_gold,
    )
    write_report(report, out_dir)
    typer.echo(_summary(report["metrics"]))
    typer.echo(f"report: {out_dir}/report.html (and report.json, report.md)")
    failed = [q for q in report["questions"] if q.get("error")]
    if failed:
        typer.echo(
            f"error: the pipeline failed on {len(failed)} of {len(report['questions'])} "
            f"questions (first: {failed[0]['id']}: {failed[0]['error']}); see report.json",
            err=True,
        )
    _gate(report["metrics"], minimums, maximums)
    if failed:
        raise typer.Exit(1)


@eval_app.command("gate")
def gate(
    report: Annotated[Path, typer.Argument(help="A report.json written by `rag eval`.")],
    minimum: MinOption = None,
    maximum: MaxOption = None,
) -> None:
    """Check an existing report against thresholds, without running anything."""
    from evaluation.report import flatten, load_report, parse_thresholds

    metrics = load_report(report)["metrics"]
    known = list(flatten(metrics))
    minimums = parse_thresholds(minimum or [], known, "--min")
    maximums = parse_thresholds(maximum or [], known, "--max")
    _gate(metrics, minimums, maximums)
    typer.echo(f"gate passed: {len(minimums) + len(maximums)} threshold(s) met")


@eval_app.command("compare")
def compare(
    a: Annotated[Path, typer.Argument(help="The baseline report.json.")],
    b: Annotated[Path, typer.Argument(help="The report.json to compare with it.")],
) -> None:
    """Print every metric of two reports side by side with the difference B - A."""
    from evaluation.report import compare_reports, load_report

    for line in compare_reports(load_report(a), load_report(b)):
        typer.echo(line)


def _writable_dir(path: Path) -> Path:
    from rag.errors import ConfigError

    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"--out {path}: cannot create the directory ({exc.strerror})") from None
    if not os.access(path, os.W_OK):
        raise ConfigError(f"--out {path}: the directory is not writable")
    return path


def _gate(metrics: dict[str, Any], minimums: list[Any], maximums: list[Any]) -> None:
    from evaluation.report import gate_failures

    failures = gate_failures(metrics, minimums, maximums)
    if failures:
        typer.echo(f"eval gate failed: {'; '.join(failures)}", err=True)
        raise typer.Exit(1)


def _summary(metrics: dict[str, Any]) -> str:
    from evaluation.report import format_value

    picks = [
        ("R@5", "retrieval", "recall_at_5"),
        ("MRR", "retrieval", "mrr"),
        ("EM", "answer", "exact_match"),
        ("F1", "answer", "f1"),
        ("supported", "faithfulness", "supported_rate"),
        ("cite P", "citations", "precision"),
        ("cite R", "citations", "recall"),
    ]
    parts = [f"{label} {format_value(metrics[group][key])}" for label, group, key in picks]
    withheld = metrics["abstention"].get("without_gold_abstained")
    if withheld is not None:
        parts.append(f"w/o gold abstained {format_value(withheld)}")
    total = metrics["latency"]["total_ms"]
    parts.append(f"p50 {format_value(total['p50'], 'latency.')} ms")
    return " · ".join(parts)
