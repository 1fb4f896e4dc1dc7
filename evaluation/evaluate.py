"""One evaluation run, end to end: pick the questions, choose the corpus (the user's,
or an isolated one for SQuAD), ask everything, and build the report dict."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from evaluation.datasets import Dataset, EvalItem, sample
from evaluation.grounding import LEXICAL_THRESHOLD, Judge, LexicalJudge
from evaluation.judges import abstention_threshold, evidence_probe, own_judge
from evaluation.question_record import QuestionRecord
from evaluation.report import build_report
from evaluation.runner import (
    Asking,
    Checks,
    PipelineLike,
    askings,
    run_questions,
    score_item,
)
from evaluation.withhold import require_retriever
from evaluation.workspace import CorpusInfo, isolated_components, user_corpus
from rag.components import Components
from rag.generator import RecordingGenerator

PipelineFactory = Callable[[Components], PipelineLike]


@dataclass
class Used:
    """What the run judged with, for the report's run section."""

    own_judge: Judge
    abstention_threshold: float | None


def default_pipeline(components: Components) -> PipelineLike:
    from rag.answer.pipeline import AnswerPipeline

    return AnswerPipeline(components)


def evaluate(
    components: Components,
    dataset: Dataset,
    limit: int | None = None,
    seed: int = 0,
    show_progress: bool = False,
    pipeline_factory: PipelineFactory = default_pipeline,
    without_gold: bool = False,
) -> dict[str, Any]:
    """The full report dict (see report.build_report) of one run. `without_gold`: every
    answerable question with gold sources is asked a second time with them withheld
    from retrieval (evaluation/withhold.py)."""
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    items = sample(dataset.items, limit, seed)
    asks = askings(items, without_gold)
    if dataset.documents is not None:
        with (
            _ingest_status(show_progress, len(dataset.documents)) as status,
            isolated_components(components, dataset.documents, status) as (isolated, corpus),
        ):
            status.stop()
            records, used = _ask_all(isolated, dataset, asks, show_progress, pipeline_factory)
    else:
        corpus = user_corpus(components, {s for item in items for s in item.sources})
        records, used = _ask_all(components, dataset, asks, show_progress, pipeline_factory)
    run = _run_info(components, dataset, items, corpus, used, limit, seed, started_at)
    run["without_gold"] = without_gold
    return build_report(records, run, time.perf_counter() - started)


class _Status:
    """A one-line spinner for the isolated ingest, on a terminal only."""

    def __init__(self, show: bool, documents: int) -> None:
        from rich.console import Console

        console = Console(stderr=True)
        self.prefix = f"ingesting {documents} documents into a temporary collection"
        self.live = console.status(self.prefix) if show and console.is_terminal else None

    def __call__(self, progress: Any) -> None:
        done, total = getattr(progress, "files_done", 0), getattr(progress, "files_total", 0)
        if self.live is not None and total:
            self.live.update(f"{self.prefix}: {done}/{total} files")

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


@contextmanager
def _ingest_status(show: bool, documents: int) -> Iterator[_Status]:
    status = _Status(show, documents)
    if status.live is not None:
        status.live.start()
    try:
        yield status
    finally:
        status.stop()


def _ask_all(
    components: Components,
    dataset: Dataset,
    asks: list[Asking],
    show_progress: bool,
    pipeline_factory: PipelineFactory,
) -> tuple[list[QuestionRecord], Used]:
    """Ask each question with components whose generator is wrapped in a token meter
    for the run; the caller's components keep their own generator."""
    # Load every model and index before the first timed question, so that its latency
    # is an answer's, not a start-up's.
    components.embedder.embed_query("warm-up")
    components.lexical.ensure_fresh(force_check=True)
    meter = RecordingGenerator(components.generator)
    pipeline = pipeline_factory(components.with_parts(generator=meter))
    if any(ask.without_gold for ask in asks):
        require_retriever(pipeline)  # a usage error before the first question
    checks = Checks(
        own=own_judge(pipeline),
        lexical=LexicalJudge(),
        needs_answer=dataset.hit_needs_answer,
        probe=evidence_probe(pipeline),
        meter=meter,
    )
    records = run_questions(
        asks, lambda ask: score_item(ask.item, pipeline, checks, ask.without_gold), show_progress
    )
    threshold = abstention_threshold(pipeline)
    return records, Used(checks.own, threshold)


def _run_info(
    components: Components,
    dataset: Dataset,
    items: list[EvalItem],
    corpus: CorpusInfo,
    used: Used,
    limit: int | None,
    seed: int,
    started_at: str,
) -> dict[str, Any]:
    settings = components.settings
    generator = components.generator
    return {
        "dataset": dataset.name,
        "dataset_path": str(dataset.path),
        "questions_path": None if dataset.questions_path is None else str(dataset.questions_path),
        "format": dataset.format,
        "questions_in_file": len(dataset.items),
        "limit": limit,
        "seed": seed,
        "question_ids": [item.id for item in items],
        "started_at": started_at,
        "embedder": getattr(components.embedder, "name", type(components.embedder).__name__),
        "generator": generator.name,
        "prompt_format": str(generator.prompt_format),
        "corpus": corpus.public(),
        "judges": {
            "own": {"name": used.own_judge.name, "threshold": used.own_judge.threshold},
            "lexical": {"name": "lexical", "threshold": LEXICAL_THRESHOLD},
        },
        "abstention_threshold": used.abstention_threshold,
        "settings": {
            key: value
            for key, value in settings.public_view().items()
            if key not in ("api_key", "cors_origins", "host", "port")
        },
        "host": {"python": platform.python_version(), "machine": platform.machine()},
    }
