"""Pure scoring functions. Each is defined in docs/evaluation.md and checked against a
hand-computed case in tests/test_eval_metrics.py."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.analyzer import fold

# SQuAD's English articles plus the Spanish ones; removed as whole words after folding.
ARTICLES = ("el", "la", "los", "las", "un", "una", "unos", "unas", "the", "a", "an")
_ARTICLES = re.compile(r"\b(?:" + "|".join(ARTICLES) + r")\b")
_SPACES = re.compile(r"\s+")


def normalize_answer(text: str) -> str:
    """SQuAD's normalization, extended to Spanish: fold case and accents, drop every
    punctuation or symbol character (so "¿", "¡", "«" go too), drop the articles in
    `ARTICLES`, collapse whitespace."""
    folded = fold(text)
    no_punct = "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PS")
    return " ".join(_ARTICLES.sub(" ", no_punct).split())


def exact_match(prediction: str, golds: Sequence[str]) -> float | None:
    """1.0 if the normalized prediction equals any normalized gold answer; None without
    gold answers."""
    if not golds:
        return None
    pred = normalize_answer(prediction)
    return max(float(pred == normalize_answer(gold)) for gold in golds)


def token_f1(prediction: str, golds: Sequence[str]) -> float | None:
    """SQuAD token F1 on normalized tokens, the best over the gold answers."""
    if not golds:
        return None
    return max(
        _f1(normalize_answer(prediction).split(), normalize_answer(g).split()) for g in golds
    )


def _f1(pred: list[str], gold: list[str]) -> float:
    if not pred or not gold:
        return float(pred == gold)
    common = sum((Counter(pred) & Counter(gold)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def answer_contains(prediction: str, golds: Sequence[str]) -> float | None:
    """The project set's correctness rule (corpus/eval/README.md): some gold answer is a
    substring of the prediction, both lower-cased with whitespace runs collapsed."""
    if not golds:
        return None
    pred = _SPACES.sub(" ", prediction.lower())
    return max(float(_SPACES.sub(" ", g.lower()).strip() in pred) for g in golds)


# -- retrieval ----------------------------------------------------------------------


def first_hit_rank(hits: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant passage, None if none was retrieved."""
    return next((rank for rank, hit in enumerate(hits, start=1) if hit), None)


def recall_at_k(ranks: Sequence[int | None], k: int) -> float | None:
    """Share of questions whose first relevant passage is within the top `k`."""
    if not ranks:
        return None
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mean_reciprocal_rank(ranks: Sequence[int | None]) -> float | None:
    """Mean of 1/rank of the first relevant passage (0 when it was not retrieved)."""
    if not ranks:
        return None
    return sum(1.0 / r for r in ranks if r is not None) / len(ranks)


# -- aggregation --------------------------------------------------------------------


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None if there are none."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile with linear interpolation between closest ranks (numpy's
    default): position (n - 1) * q / 100 in the sorted values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class TradeoffPoint:
    threshold: float
    answerable_abstained: float | None  # answerable questions that would abstain
    unanswerable_answered: float | None  # unanswerable questions that would answer


def abstention_tradeoff(
    answerable: Sequence[float], unanswerable: Sequence[float]
) -> list[TradeoffPoint]:
    """What a pipeline that abstains when `support < threshold` would do, for every
    threshold at which the outcome changes: each recorded support score, plus one just
    above the highest (everything abstains)."""
    scores = sorted(set(answerable) | set(unanswerable))
    if not scores:
        return []
    thresholds = [*scores, math.nextafter(scores[-1], math.inf)]

    def share(values: Sequence[float], below: bool, t: float) -> float | None:
        if not values:
            return None
        return sum(1 for v in values if (v < t) == below) / len(values)

    return [
        TradeoffPoint(t, share(answerable, True, t), share(unanswerable, False, t))
        for t in thresholds
    ]
