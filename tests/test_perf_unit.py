"""Performance helpers keep their results: the partial sort of BM25 scores and the
embedder's query-vector cache (no timings asserted here; see bench/)."""

from __future__ import annotations

from typing import Any

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


def test_cached_query_vectors_equal_fresh_ones_and_stay_unchanged(embedder: Any) -> None:
    question = "¿Cuánto costó el entrenamiento de GPT-4?"
    first = embedder.embed_query(question)
    first[0] = 99.0  # a caller changing its copy must not change the cache
    again = embedder.embed_query(question)
    fresh = embedder.embed_documents([question])[0]
    assert again[0] != 99.0
    assert np.allclose(again, fresh, atol=1e-6)
