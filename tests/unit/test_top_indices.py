"""Performance helpers keep their results: the partial sort of BM25 scores (no timings
asserted here; see bench/). The query-vector cache: tests/pipeline/test_query_vector_cache.py."""

from __future__ import annotations

import numpy as np

from rag.lexical import top_indices


def test_top_indices_orders_the_best_positive_scores() -> None:
    scores = np.array([0.0, 3.0, 1.0, 0.0, 5.0, 2.0])
    assert top_indices(scores, 3) == [4, 1, 5]
    assert top_indices(scores, 10) == [4, 1, 5, 2]  # zero scores are no hits
    assert top_indices(scores, 0) == []


def test_top_indices_matches_a_full_sort() -> None:
    scores = np.random.default_rng(1).random(5000).astype(np.float32)
    assert top_indices(scores, 30) == [int(i) for i in np.argsort(-scores)[:30]]
