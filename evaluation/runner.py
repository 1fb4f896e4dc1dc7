"""Ask every question through the real pipeline and score it into a `QuestionRecord`.

Retrieval is scored on a separate `retrieve` call 10 deep (the answer itself uses the
configured top_k), so recall@10 means what it says; it is not counted in the latency.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, TypeVar

from evaluation.datasets import EvalItem
from evaluation.grounding import Judge, judge_answer
from evaluation.metrics import (
    answer_contains,
    exact_match,
    first_hit_rank,
    mean,
    token_f1,
)
from evaluation.question_record import QuestionRecord
from evaluation.withhold import gold_withheld
from rag.answer.citations import strip_markers
from rag.generator import RecordingGenerator
from rag.schema import Answer, AnswerMode, Passage, Question

RETRIEVAL_DEPTH = 10
T = TypeVar("T")


class PipelineLike(Protocol):
    def answer(self, question: Question) -> Answer: ...

    def retrieve(self, question: Question) -> list[Passage]: ...


@dataclass
class Generation:
    """What the generator did for one question (summed over its calls)."""

    tokens: int  # by the model's own tokenizer
    seconds: float  # inside the generator, prompt processing included
    first_token_seconds: float  # until the first piece: mostly prompt processing
    decode_tokens: int  # tokens after each call's first piece
    decode_seconds: float  # time after each call's first piece

    @classmethod
    def taken_from(cls, meter: RecordingGenerator) -> Generation | None:
        """What `meter` generated since it was last taken from; None if it was not
        called. A call that produced no piece spent all its time before the first."""
        calls = meter.take()
        if not calls:
            return None
        tokens = [meter.count_tokens(call.text) if call.text else 0 for call in calls]
        firsts = [
            call.seconds if call.first_piece_seconds is None else call.first_piece_seconds
            for call in calls
        ]
        return cls(
            tokens=sum(tokens),
            seconds=sum(call.seconds for call in calls),
            first_token_seconds=sum(firsts),
            decode_tokens=sum(max(n - 1, 0) for n in tokens),
            decode_seconds=sum(
                call.seconds - first for call, first in zip(calls, firsts, strict=True)
            ),
        )


def is_hit(passage: Passage, item: EvalItem, needs_answer: bool) -> bool:
    if passage.source not in item.sources:
        return False
    return not needs_answer or bool(answer_contains(passage.text, item.answers))


@dataclass
class Checks:
    """How each answer is checked: the two judges, the pipeline's abstention score (if
    it exposes one), the generation meter, and the hit rule of the dataset."""

    own: Judge
    lexical: Judge
    needs_answer: bool = False
    probe: Callable[[str, Sequence[Passage]], float] | None = None
    meter: RecordingGenerator | None = None


def score_item(
    item: EvalItem, pipeline: PipelineLike, checks: Checks, without_gold: bool = False
) -> QuestionRecord:
    """One question: answer, retrieval 10 deep, answer scores and both judges. A
    question the pipeline fails on becomes an error record (left out of every metric,
    counted in `run.counts.errors`), so one failure does not lose a long run.

    `without_gold`: asked with the item's gold sources withheld from retrieval, for
    both the answer and the retrieval record; the answer is not scored against the
    gold answers (abstaining is right) and retrieval is not ranked."""
    try:
        if without_gold:
            with gold_withheld(pipeline, item.sources):
                return _ask(item, pipeline, checks, without_gold=True)
        return _ask(item, pipeline, checks)
    except Exception as exc:
        return _record(
            item,
            answer="",
            mode="error",
            support=0.0,
            error=f"{type(exc).__name__}: {exc}",
            without_gold=without_gold,
        )


class Asking(NamedTuple):
    """One question a run asks, and whether its gold sources are withheld."""

    item: EvalItem
    without_gold: bool = False


def askings(items: Sequence[EvalItem], without_gold: bool) -> list[Asking]:
    """What a run asks: every item as it is, then, with `without_gold`, every
    answerable item that names gold sources again with them withheld."""
    again = [item for item in items if without_gold and withholdable(item)]
    return [Asking(item) for item in items] + [Asking(item, True) for item in again]


def withholdable(item: EvalItem) -> bool:
    """An answerable item whose gold sources are known, so they can be withheld."""
    return not item.unanswerable and bool(item.sources)


def _record(item: EvalItem, **outcome: Any) -> QuestionRecord:
    """A record of `item` (its question and gold) with what asking it gave."""
    return QuestionRecord(
        id=item.id,
        question=item.question,
        lang=item.lang,
        unanswerable=item.unanswerable,
        gold_answers=list(item.answers),
        gold_sources=list(item.sources),
        **outcome,
    )


def _ask(
    item: EvalItem, pipeline: PipelineLike, checks: Checks, without_gold: bool = False
) -> QuestionRecord:
    meter = checks.meter
    if meter is not None:
        meter.take()
    started = time.perf_counter()
    answer = pipeline.answer(Question(text=item.question))
    total_ms = (time.perf_counter() - started) * 1000.0
    generation = Generation.taken_from(meter) if meter is not None else None
    retrieved = pipeline.retrieve(Question(text=item.question, top_k=RETRIEVAL_DEPTH))
    hits = [is_hit(p, item, checks.needs_answer) for p in retrieved[:RETRIEVAL_DEPTH]]
    record = _record(
        item,
        answer=answer.answer,
        mode=str(answer.mode),
        support=float(answer.support),
        evidence=checks.probe(item.question, answer.passages) if checks.probe else None,
        citations=[
            {"n": c.n, "source": c.source, "chunk_id": c.chunk_id, "quote": c.quote}
            for c in answer.citations
        ],
        retrieved=[
            {"rank": rank, "source": p.source, "chunk_id": p.chunk_id, "hit": hit}
            for rank, (p, hit) in enumerate(zip(retrieved, hits, strict=False), start=1)
        ],
        timings={**{k: float(v) for k, v in answer.timings.items()}, "total_ms": total_ms},
        without_gold=without_gold,
    )
    if generation is not None:
        record.timings["first_token_ms"] = generation.first_token_seconds * 1000.0
        record.generated_tokens = generation.tokens
        record.generation_seconds = generation.seconds
        record.decode_tokens = generation.decode_tokens
        record.decode_seconds = generation.decode_seconds
    if record.scored_retrieval:
        record.hit_rank = first_hit_rank(hits)
    if not item.unanswerable and not without_gold:
        # an abstention states no answer, so it scores 0 whatever words its message
        # shares with the gold ("I could not find that…" and "end of World War I")
        abstained = answer.mode == AnswerMode.ABSTAINED
        prediction = "" if abstained else strip_markers(answer.answer)
        record.exact_match = exact_match(prediction, item.answers)
        record.f1 = token_f1(prediction, item.answers)
        record.contains = answer_contains(prediction, item.answers)
    if answer.mode != AnswerMode.ABSTAINED:
        grounding = judge_answer(answer, checks.own, checks.lexical, item.lang)
        record.sentences = grounding.sentences
        record.citation_recall = grounding.own.recall
        record.citation_precision = grounding.own.precision
        record.lexical_citation_recall = grounding.lexical.recall
        record.lexical_citation_precision = grounding.lexical.precision
    return record


class RunningScore:
    """The figures the progress bar shows while the run goes on."""

    def __init__(self) -> None:
        self.records: list[QuestionRecord] = []

    def add(self, record: QuestionRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        parts: list[str] = []
        ranked = [r for r in self.records if r.scored_retrieval]
        if ranked:
            hits = sum(1 for r in ranked if r.hit_rank is not None and r.hit_rank <= 5)
            parts.append(f"R@5 {hits / len(ranked):.2f}")
        f1 = mean(r.f1 for r in self.records)
        if f1 is not None:
            parts.append(f"F1 {f1:.2f}")
        sentences = [s for r in self.records if not r.without_gold for s in r.sentences]
        if sentences:
            parts.append(
                f"supported {sum(s.own_supported for s in sentences) / len(sentences):.2f}"
            )
        withheld = [r.abstained for r in self.records if r.without_gold]
        if withheld:
            parts.append(f"w/o gold abstained {sum(withheld) / len(withheld):.2f}")
        return " · ".join(parts)


def run_questions(
    items: Sequence[T],
    ask_one: Callable[[T], QuestionRecord],
    show_progress: bool,
) -> list[QuestionRecord]:
    """Every item (a question, or a question and how to ask it) in order, with a
    progress bar (done/total, running score, time left) on a terminal and nothing
    otherwise."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    score = RunningScore()
    console = Console(stderr=True)
    progress = Progress(
        TextColumn("eval"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[score]}"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        disable=not (show_progress and console.is_terminal),
        transient=False,
    )
    with progress:
        task = progress.add_task("eval", total=len(items), score="")
        for item in items:
            record = ask_one(item)
            score.add(record)
            progress.update(task, advance=1, score=score.text())
    return score.records
