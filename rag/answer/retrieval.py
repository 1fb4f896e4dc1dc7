"""Hybrid retrieval: dense vectors from the store and BM25 from the lexical index, fused.

The two are fused by a convex combination of per-query normalised scores whose weight
was tuned per embedding model on XQuAD (see `bench/xquad_retrieval.py`): with the
multilingual model the dense cosine leads and BM25 breaks its near-ties; with the
English-only MiniLM, BM25 leads on Spanish text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.errors import ConfigError
from rag.model_check import model_guard
from rag.schema import ChunkKey, Passage

if TYPE_CHECKING:
    from rag.components import Components
    from rag.settings import Settings
    from rag.store import Hit

FILTER_KEYS = (ChunkKey.SOURCE.value, ChunkKey.LANG.value)
# The fusion weight per embedding model, tuned on the even XQuAD articles by
# bench/xquad_retrieval.py --tune (docs/answering.md). Cosines differ in scale between
# models: e5's are compressed, so a little BM25 reorders its top; MiniLM, which knows
# only English, needs BM25 to lead on Spanish. Any other model gets MiniLM's weight.
TUNED_FUSION_WEIGHTS = {"multilingual-e5-small": 0.03, "all-MiniLM-L6-v2": 0.4}
DEFAULT_FUSION_WEIGHT = 0.4


def fusion_weight(settings: Settings, embedder_name: str) -> float:
    if settings.fusion_lexical_weight is not None:
        return settings.fusion_lexical_weight
    return TUNED_FUSION_WEIGHTS.get(embedder_name, DEFAULT_FUSION_WEIGHT)


@dataclass
class Candidate:
    """One chunk seen by either retriever, with both of its raw scores."""

    chunk_id: str
    text: str = ""
    metadata: dict[str, Any] | None = None
    dense: float = 0.0
    lexical: float = 0.0
    fused: float = 0.0


def fuse(candidates: list[Candidate], lexical_weight: float) -> list[Candidate]:
    """Score each candidate `w * bm25 / max_bm25 + (1 - w) * cosine` and sort.

    BM25 is divided by the query's best score so its scale (which grows with query
    length) does not decide the balance; the cosine is already in [-1, 1].
    """
    best_lexical = max((c.lexical for c in candidates), default=0.0)
    for candidate in candidates:
        lexical = candidate.lexical / best_lexical if best_lexical > 0 else 0.0
        candidate.fused = lexical_weight * lexical + (1.0 - lexical_weight) * candidate.dense
    return sorted(candidates, key=lambda c: c.fused, reverse=True)


# A chunk at least this much inside better-ranked chunks of its document adds too little
# to take a place of its own; the splitter's overlap alone is far less.
REDUNDANT_SHARE = 0.5


def char_span(passage: Passage) -> tuple[int, int]:
    return passage.start, int(passage.metadata.get(ChunkKey.END, passage.start + len(passage.text)))


def shared_chars(a: Passage, b: Passage) -> int:
    """How many characters of one document two chunks share (the splitter's overlap)."""
    if a.source != b.source or not a.source:
        return 0
    (a_start, a_end), (b_start, b_end) = char_span(a), char_span(b)
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def drop_overlapping(passages: Sequence[Passage], limit: int) -> list[Passage]:
    """The best-ranked chunks, up to `limit`, without a chunk that is mostly text of a
    better one. A neighbour that shares only the splitter's overlap stays: the rest of
    it may hold the answer (the list item after those a better chunk holds)."""
    kept: list[Passage] = []
    for passage in passages:
        start, end = char_span(passage)
        shared = sum(shared_chars(passage, other) for other in kept)
        if shared < REDUNDANT_SHARE * max(1, end - start):
            kept.append(passage)
        if len(kept) == limit:
            break
    return kept


def chroma_where(filters: dict[str, str] | None) -> dict[str, Any] | None:
    """Equality filters as a Chroma `where` clause; unknown keys are a usage error."""
    if not filters:
        return None
    unknown = sorted(set(filters) - set(FILTER_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown filter {unknown[0]!r}: filter by one of {', '.join(FILTER_KEYS)}"
        )
    clauses = [{key: str(value)} for key, value in sorted(filters.items())]
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class HybridRetriever:
    """Dense + BM25 candidates, fused, with overlapping chunks removed."""

    def __init__(self, components: Components) -> None:
        self.components = components
        self.settings = components.settings
        self._model_guard = model_guard(components)  # vectors of one model only

    def search(
        self, text: str, top_k: int | None = None, filters: dict[str, str] | None = None
    ) -> list[Passage]:
        top_k = top_k or self.settings.top_k
        where = chroma_where(filters)
        candidates = self.candidates(text, where, filters, top_k)
        if not candidates:
            return []
        ranked = fuse(candidates, fusion_weight(self.settings, self.components.embedder.name))
        passages = [
            Passage(c.chunk_id, c.text, dict(c.metadata or {}), score=c.fused) for c in ranked
        ]
        return drop_overlapping(passages, top_k)

    def candidates(
        self,
        text: str,
        where: dict[str, Any] | None,
        filters: dict[str, str] | None,
        top_k: int = 0,
    ) -> list[Candidate]:
        """The union of both retrievers' top `candidate_k` (at least `top_k`), each with
        both scores."""
        self._model_guard.check()
        k = max(self.settings.candidate_k, top_k)
        query_vector = np.asarray(self.components.embedder.embed_query(text), dtype=np.float32)
        found: dict[str, Candidate] = {}
        for hit in self.components.lexical.search(text, k, filters):
            found[hit.chunk_id] = Candidate(hit.chunk_id, lexical=hit.score)
        for chunk_id, text_, metadata, cosine in self.dense(query_vector, k, where):
            candidate = found.setdefault(chunk_id, Candidate(chunk_id))
            candidate.text, candidate.metadata, candidate.dense = text_, metadata, cosine
        self._complete(found, query_vector)
        return list(found.values())

    def dense(self, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[Hit]:
        """The store's top `k` for `vector`: (id, text, metadata, cosine)."""
        return self.components.store.query(vector, k, where)

    def _complete(self, found: dict[str, Candidate], query_vector: np.ndarray) -> None:
        """Fetch text, metadata and the exact cosine of candidates only BM25 found."""
        missing = [c.chunk_id for c in found.values() if c.metadata is None]
        if not missing:
            return
        for chunk in self.components.store.get(missing, vectors=True):
            candidate = found[chunk.chunk_id]
            candidate.text = chunk.text
            candidate.metadata = chunk.metadata
            if chunk.vector is not None:
                candidate.dense = float(np.dot(chunk.vector, query_vector))
        for chunk_id in [c.chunk_id for c in found.values() if c.metadata is None]:
            del found[chunk_id]  # deleted from the store after the BM25 index was built


class LangChainRetriever(BaseRetriever):
    """The hybrid retriever seen as a LangChain `BaseRetriever`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    top_k: int | None = None
    filters: dict[str, str] | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        passages = self.hybrid.search(query, self.top_k, self.filters)
        return [passage_document(p) for p in passages]


def passage_document(passage: Passage) -> Document:
    metadata = {**passage.metadata, "chunk_id": passage.chunk_id, "score": passage.score}
    return Document(page_content=passage.text, metadata=metadata, id=passage.chunk_id)
