"""The real embedder's query-vector cache keeps its results (no timings asserted here;
see bench/)."""

from __future__ import annotations

from typing import Any

import numpy as np


def test_cached_query_vectors_equal_fresh_ones_and_stay_unchanged(embedder: Any) -> None:
    question = "¿Cuánto costó el entrenamiento de GPT-4?"
    first = embedder.embed_query(question)
    expected = list(first)
    first[0] = 99.0  # a caller changing its copy must not change the cache
    again = embedder.embed_query(question)
    assert again == expected
    other = "¿Cuánto duró el entrenamiento de Gemini 1.0 Ultra?"
    assert not np.allclose(embedder.embed_query(other), again, atol=1e-3)
