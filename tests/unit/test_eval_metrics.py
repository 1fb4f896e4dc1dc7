"""The pure metric functions against hand-computed cases (docs/evaluation.md)."""

from __future__ import annotations

import math

import pytest

from evaluation.metrics import (
    abstention_tradeoff,
    answer_contains,
    exact_match,
    first_hit_rank,
    mean,
    mean_reciprocal_rank,
    normalize_answer,
    percentile,
    recall_at_k,
    token_f1,
)
from rag.answer.citations import strip_markers


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("¿La Canción de Rolando?", "cancion de rolando"),
        ("Los  Ángeles", "angeles"),
        ("  El   año 1492.", "ano 1492"),
        ("Unos «niños» y unas niñas", "ninos y ninas"),
        ("The Super Bowl, an event", "super bowl event"),
        ("GPT-4", "gpt4"),
        ("2,1 x 10^25", "21 x 1025"),
        ("elefante", "elefante"),  # an article only as a whole word
    ],
)
def test_normalization_folds_case_accents_punctuation_and_articles(
    raw: str, normalized: str
) -> None:
    assert normalize_answer(raw) == normalized


def test_exact_match_takes_the_best_gold_answer() -> None:
    assert exact_match("la Ley de Rock.", ["ley de rock"]) == 1.0
    assert exact_match("41 millones", ["41 millones de dólares", "41 millones"]) == 1.0
    assert exact_match("41 millones de euros", ["41 millones de dólares", "41 millones"]) == 0.0
    assert exact_match("algo", []) is None


def test_token_f1_hand_computed() -> None:
    # prediction tokens: costo 41 millones de dolares (5); gold: 41 millones (2)
    # common 2 -> precision 2/5, recall 2/2, F1 = 2 * 0.4 * 1 / 1.4 = 0.5714...
    f1 = token_f1("Costó 41 millones de dólares", ["41 millones"])
    assert f1 == pytest.approx(2 * 0.4 * 1.0 / 1.4)
    # the best of two golds: against "ocho meses", pred {cada, ocho, meses} has
    # P 2/3, R 1 -> 0.8; against "cuatro años" it has 0
    assert token_f1("cada ocho meses", ["cuatro años", "ocho meses"]) == pytest.approx(0.8)
    assert token_f1("nada que ver", ["ocho meses"]) == 0.0
    # repeated tokens count once per occurrence (SQuAD's Counter intersection)
    # pred: de de madrid (3), gold: de madrid (2): common 2 -> P 2/3, R 1 -> 0.8
    assert token_f1("de de Madrid", ["de Madrid"]) == pytest.approx(0.8)
    # only articles and punctuation on both sides: both empty -> 1
    assert token_f1("¡El!", ["la"]) == 1.0
    assert token_f1("algo", []) is None


def test_strip_markers_and_contains_rule() -> None:
    assert (
        strip_markers("Costó 41 millones de dólares [1][2, 3].") == "Costó 41 millones de dólares."
    )
    assert answer_contains("Costó  41 MILLONES de dólares.", ["41 millones de dólares"]) == 1.0
    assert answer_contains("Costó mucho.", ["41 millones"]) == 0.0
    assert answer_contains("x", []) is None


def test_retrieval_ranks_recall_and_mrr() -> None:
    assert first_hit_rank([False, False, True, True]) == 3
    assert first_hit_rank([False, False]) is None
    ranks = [1, 3, None, 7]
    assert recall_at_k(ranks, 1) == 0.25
    assert recall_at_k(ranks, 5) == 0.5
    assert recall_at_k(ranks, 10) == 0.75
    # (1 + 1/3 + 0 + 1/7) / 4 = 0.369047...
    assert mean_reciprocal_rank(ranks) == pytest.approx((1 + 1 / 3 + 1 / 7) / 4)
    assert recall_at_k([], 5) is None
    assert mean_reciprocal_rank([]) is None


def test_mean_skips_missing_values() -> None:
    assert mean([1.0, None, 0.0, 0.5]) == 0.5
    assert mean([None]) is None


def test_percentile_interpolates_linearly() -> None:
    values = [40.0, 10.0, 30.0, 20.0]  # sorted 10 20 30 40
    assert percentile(values, 50) == 25.0  # position 1.5
    assert percentile(values, 95) == pytest.approx(38.5)  # position 2.85: 30 + 0.85 * 10
    assert percentile(values, 0) == 10.0
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


def test_abstention_tradeoff_hand_computed() -> None:
    points = abstention_tradeoff(answerable=[0.2, 0.8, 0.9], unanswerable=[0.1, 0.5])
    table = [(p.threshold, p.answerable_abstained, p.unanswerable_answered) for p in points]
    assert table[:5] == [
        (0.1, 0.0, 1.0),  # nothing is below 0.1: everything answers
        (0.2, 0.0, 0.5),  # 0.1 abstains
        (0.5, 1 / 3, 0.5),  # 0.1 and the answerable 0.2 abstain
        (0.8, 1 / 3, 0.0),
        (0.9, 2 / 3, 0.0),
    ]
    last = points[-1]
    assert last.threshold > 0.9 and math.isclose(last.threshold, 0.9)
    assert (last.answerable_abstained, last.unanswerable_answered) == (1.0, 0.0)
    only_answerable = abstention_tradeoff([0.3], [])
    assert [p.unanswerable_answered for p in only_answerable] == [None, None]
    assert abstention_tradeoff([], []) == []


def test_the_worked_example_of_the_docs() -> None:
    golds = ["41 millones de dólares", "41 millones"]
    answer = strip_markers("Costó 41 millones de dólares [1].")
    assert token_f1(answer, golds) == pytest.approx(2 * 0.8 / 1.8)
    assert (exact_match(answer, golds), answer_contains(answer, golds)) == (0.0, 1.0)
