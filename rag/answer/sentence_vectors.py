"""Evidence sentence vectors, computed at ingest and stored beside their chunk.

Answering ranks every sentence of the retrieved passages against the question; embedding
those sentences then would cost more than the rest of retrieval. So ingestion embeds each
chunk's quotable sentences (`passage_sentences`, the same rule answering applies) and keeps
them in the store's side collection `sentences`, one entry per chunk id, and a question
costs one query embedding. The entry's text holds the sentences' spans and their vectors as
float16, which keeps cosines within 1e-3 of the float32 ones.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.answer.evidence import passage_sentences
from rag.schema import Passage

if TYPE_CHECKING:
    from rag.embedder import Embedder
    from rag.store import Store

SENTENCES_KIND = "sentences"
Span = tuple[int, int]
SentenceKey = tuple[str, int, int]  # chunk id, start, end within the chunk text


def encode_sentences(spans: Sequence[Span], vectors: np.ndarray) -> str:
    packed = np.asarray(vectors, dtype="<f2").tobytes()
    return json.dumps(
        {"spans": [list(span) for span in spans], "vectors": base64.b64encode(packed).decode()}
    )


def decode_sentences(text: str) -> dict[Span, np.ndarray]:
    data = json.loads(text)
    spans = [tuple(span) for span in data["spans"]]
    if not spans:
        return {}
    flat = np.frombuffer(base64.b64decode(data["vectors"]), dtype="<f2").astype(np.float32)
    rows = flat.reshape(len(spans), -1)
    return {(int(s[0]), int(s[1])): row for s, row in zip(spans, rows, strict=True)}


class SentenceVectors:
    """The `sentences` side collection of a store: write with the chunks, read when
    answering, delete with the chunks."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def write(
        self,
        embedder: Embedder,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> int:
        """Embed and store the sentences of these chunks; returns sentences embedded."""
        per_chunk = [
            passage_sentences(Passage(chunk_id, text, dict(metadata)))
            for chunk_id, text, metadata in zip(ids, texts, metadatas, strict=True)
        ]
        flat = [sentence.text for sentences in per_chunk for sentence in sentences]
        vectors = np.asarray(embedder.embed_documents(flat), dtype=np.float32)
        entries: list[str] = []
        counts: list[dict[str, Any]] = []
        offset = 0
        for sentences in per_chunk:
            spans = [(s.start, s.end) for s in sentences]
            entries.append(encode_sentences(spans, vectors[offset : offset + len(spans)]))
            counts.append({"sentences": len(spans)})
            offset += len(spans)
        self._entries().upsert(list(ids), counts, entries)
        return len(flat)

    def read(self, chunk_ids: Sequence[str]) -> dict[SentenceKey, np.ndarray]:
        found: dict[SentenceKey, np.ndarray] = {}
        for entry in self._entries().get(list(dict.fromkeys(chunk_ids)), text=True):
            for (start, end), vector in decode_sentences(entry.text).items():
                found[(entry.key, start, end)] = vector
        return found

    def delete(self, chunk_ids: Sequence[str]) -> None:
        self._entries().delete(list(chunk_ids))

    def keys(self) -> set[str]:
        return set(self._entries().keys())

    def _entries(self) -> Any:
        # Looked up on each call: a reindex may have recreated the collection.
        return self._store.side_collection(SENTENCES_KIND)
