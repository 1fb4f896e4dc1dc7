"""The real embedder's query-vector cache keeps its results (no timings asserted here;
see bench/)."""

from __future__ import annotations

from typing import Any

import numpy as np


def test_cached_query_vectors_equal_fresh_ones_and_stay_unchanged(embedder: Any) -> None:
    question = "¿Cuánto costó el entrenamiento de GPT-4?"
    first = embedder.embed_query(question)
    first[0] = 99.0  # a caller changing its copy must not change the cache
    again = embedder.embed_query(question)
    fresh = embedder.embed_documents([question])[0]
    assert again[0] != 99.0
    assert np.allclose(again, fresh, atol=1e-6)
