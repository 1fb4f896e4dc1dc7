"""From per-question records to the `metrics` section of report.json.

The key layout is stable: every key below is always present, with `null` when the run
has nothing to measure it on (for example abstention on a set with no unanswerable
question). docs/evaluation.md defines each figure.

A question asked again with its gold sources withheld (`without_gold` records) counts in
`abstention.without_gold_abstained` and in the run's cost, and in nothing else, so the
other figures are those of the run without `--without-gold`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from evaluation.metrics import (
    abstention_tradeoff,
    mean,
    mean_reciprocal_rank,
    percentile,
    recall_at_k,
)
from evaluation.question_record import QuestionRecord
from rag.schema import AnswerMode

STAGES = ("retrieve_ms", "generate_ms", "verify_ms", "total_ms", "first_token_ms")
MODES = tuple(str(mode) for mode in AnswerMode)


def metrics_of(records: Sequence[QuestionRecord], run_seconds: float) -> dict[str, Any]:
    """Every metric, over the questions the pipeline did not fail on."""
    records = [r for r in records if r.error is None]
    asked = [r for r in records if not r.without_gold]
    return {
        "retrieval": retrieval(asked),
        "answer": answers(asked),
        "faithfulness": faithfulness(asked),
        "citations": citations(asked),
        "abstention": abstention(asked, [r for r in records if r.without_gold]),
        "latency": latency(asked),
        "cost": cost(records, run_seconds),
    }


def counts_of(records: Sequence[QuestionRecord]) -> dict[str, int]:
    """How many things each metric was averaged over (for the run section).
    `questions` counts the dataset's questions asked (failed ones included), `errors`
    every failed asking, `without_gold` the askings with gold withheld that did not
    fail."""
    errors = sum(1 for r in records if r.error is not None)
    withheld = sum(1 for r in records if r.without_gold and r.error is None)
    questions = sum(1 for r in records if not r.without_gold)
    records = [r for r in records if r.error is None and not r.without_gold]
    answered = [r for r in records if not r.abstained]
    return {
        "questions": questions,
        "errors": errors,
        "without_gold": withheld,
        "answerable": sum(1 for r in records if not r.unanswerable),
        "unanswerable": sum(1 for r in records if r.unanswerable),
        "retrieval_scored": sum(1 for r in records if r.scored_retrieval),
        "answered": len(answered),
        "sentences": sum(len(r.sentences) for r in answered),
        "cited_sentences": sum(1 for r in answered for s in r.sentences if s.citations),
        "citations": sum(len(s.citations) for r in answered for s in r.sentences),
    }


def retrieval(records: Sequence[QuestionRecord]) -> dict[str, float | None]:
    ranks = [r.hit_rank for r in records if r.scored_retrieval]
    return {
        "recall_at_1": recall_at_k(ranks, 1),
        "recall_at_5": recall_at_k(ranks, 5),
        "recall_at_10": recall_at_k(ranks, 10),
        "mrr": mean_reciprocal_rank(ranks),
    }


def answers(records: Sequence[QuestionRecord]) -> dict[str, float | None]:
    answerable = [r for r in records if not r.unanswerable]
    return {
        "exact_match": mean(r.exact_match for r in answerable),
        "f1": mean(r.f1 for r in answerable),
        "contains": mean(r.contains for r in answerable),
    }


def faithfulness(records: Sequence[QuestionRecord]) -> dict[str, float | None]:
    """Micro-averaged over the sentences of every answer that did not abstain."""
    sentences = [s for r in records if not r.abstained for s in r.sentences]
    judged = [s for s in sentences if s.own_score is not None]
    disagree = sum(1 for s in judged if s.own_supported != s.lexical_supported)
    return {
        "supported_rate": _share([s.own_supported for s in sentences]),
        "lexical_supported_rate": _share([s.lexical_supported for s in sentences]),
        "judge_disagreement": disagree / len(judged) if judged else None,
    }


def citations(records: Sequence[QuestionRecord]) -> dict[str, float | None]:
    """ALCE-style, macro-averaged over the answers that did not abstain."""
    answered = [r for r in records if not r.abstained]
    return {
        "recall": mean(r.citation_recall for r in answered),
        "precision": mean(r.citation_precision for r in answered),
        "lexical_recall": mean(r.lexical_citation_recall for r in answered),
        "lexical_precision": mean(r.lexical_citation_precision for r in answered),
    }


def abstention(
    records: Sequence[QuestionRecord], without_gold: Sequence[QuestionRecord] = ()
) -> dict[str, Any]:
    """Over the questions as asked; `without_gold_abstained` over the askings with gold
    withheld (`without_gold`), where abstaining is right (higher is better)."""
    unanswerable = [r.abstained for r in records if r.unanswerable]
    answerable = [r.abstained for r in records if not r.unanswerable]
    modes = {mode: _share([r.mode == mode for r in records]) for mode in MODES}
    return {
        "unanswerable_abstained": _share(unanswerable),
        "answerable_abstained": _share(answerable),
        "without_gold_abstained": _share([r.abstained for r in without_gold]),
        "modes": modes,
    }


def latency(records: Sequence[QuestionRecord]) -> dict[str, dict[str, float | None]]:
    stages = list(STAGES) + sorted(
        {k for r in records for k in r.timings if k.endswith("_ms")} - set(STAGES)
    )
    result: dict[str, dict[str, float | None]] = {}
    for stage in stages:
        values = [r.timings[stage] for r in records if stage in r.timings]
        result[stage] = {"p50": percentile(values, 50), "p95": percentile(values, 95)}
    return result


def cost(records: Sequence[QuestionRecord], run_seconds: float) -> dict[str, float | None]:
    """Rates are medians of per-question rates: on a shared machine a few stalled
    questions would otherwise decide a ratio of sums."""
    metered = [r for r in records if r.generated_tokens is not None]
    decode = [
        (r.decode_tokens or 0) / r.decode_seconds
        for r in metered
        if r.decode_tokens and r.decode_seconds
    ]
    overall = [
        (r.generated_tokens or 0) / r.generation_seconds
        for r in metered
        if r.generated_tokens and r.generation_seconds
    ]
    return {
        "generation_tokens_per_s": percentile(decode, 50),
        "overall_tokens_per_s": percentile(overall, 50),
        "generated_tokens": float(sum(r.generated_tokens or 0 for r in metered))
        if metered
        else None,
        "run_seconds": run_seconds,
        "seconds_per_question": run_seconds / len(records) if records else None,
    }


def abstention_score(records: Sequence[QuestionRecord]) -> str:
    """Which recorded score the trade-off varies a threshold over: the pipeline's own
    abstention score when every record has it, else the answer's support."""
    records = [r for r in records if r.error is None and not r.without_gold]
    return "evidence" if records and all(r.evidence is not None for r in records) else "support"


def tradeoff_curve(records: Sequence[QuestionRecord]) -> list[dict[str, float | None]]:
    """The abstention-threshold trade-off over the recorded scores (of the questions as
    asked)."""
    records = [r for r in records if r.error is None and not r.without_gold]
    evidence = abstention_score(records) == "evidence"

    def score(r: QuestionRecord) -> float:
        return float(r.evidence if evidence and r.evidence is not None else r.support)

    points = abstention_tradeoff(
        [score(r) for r in records if not r.unanswerable],
        [score(r) for r in records if r.unanswerable],
    )
    return [asdict(p) for p in points]


def worst_questions(questions: Sequence[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """Per-question records (as in report.json) from worst to best: failed questions
    first, then by quality (answer F1, or the contains rule if higher, on answerable
    questions; 1 for a right abstention, 0 for an answered unanswerable question or one
    answered with its gold withheld); among equals, the most unsupported sentences, then
    the most confident answer."""

    def quality(q: dict[str, Any]) -> float:
        if q.get("error"):
            return -1.0
        if q["unanswerable"] or q.get("without_gold"):
            return 1.0 if q["mode"] == "abstained" else 0.0
        return max(q.get("f1") or 0.0, q.get("contains") or 0.0)

    def unsupported(q: dict[str, Any]) -> int:
        return sum(1 for s in q.get("sentences", []) if not s["own_supported"])

    return sorted(questions, key=lambda q: (quality(q), -unsupported(q), -q["support"]))[:limit]


def _share(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None
