"""An in-memory `rag.store.Store` for the unit tier.

It implements the same interface as `ChromaStore`, with the rules callers rely on:
cosine similarity (numpy), Chroma's `where` language (equality, `$eq`, `$ne`, `$gt`,
`$gte`, `$lt`, `$lte`, `$in`, `$nin`, `$and`, `$or`; a key a record lacks matches
nothing), `add` leaving existing ids alone, upserts and updates merging metadata,
updates deleting keys set to None, and a collection keeping the dimension of its first
vector until `reset_chunks`. `reachable=False` makes every call fail the way a
lost connection does.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.vectorstores import VectorStore

from rag.embedder import Embedder
from rag.store import Entry, Hit, SideCollection, Store, StoredChunk, Where

_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda value, wanted: value == wanted,
    "$ne": lambda value, wanted: value != wanted,
    "$gt": lambda value, wanted: value > wanted,
    "$gte": lambda value, wanted: value >= wanted,
    "$lt": lambda value, wanted: value < wanted,
    "$lte": lambda value, wanted: value <= wanted,
    "$in": lambda value, wanted: value in wanted,
    "$nin": lambda value, wanted: value not in wanted,
}


def matches(metadata: dict[str, Any], where: Where | None) -> bool:
    """Whether a record's metadata satisfies a Chroma `where` clause."""
    if not where:
        return True
    for key, condition in where.items():
        if key == "$and":
            found = all(matches(metadata, clause) for clause in condition)
        elif key == "$or":
            found = any(matches(metadata, clause) for clause in condition)
        else:
            found = key in metadata and _compare(metadata[key], condition)
        if not found:
            return False
    return True


def _compare(value: Any, condition: Any) -> bool:
    if not isinstance(condition, dict):
        return bool(value == condition)
    return all(_COMPARISONS[operator](value, wanted) for operator, wanted in condition.items())


def _merged(before: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    merged = {**before, **change}
    return {key: value for key, value in merged.items() if value is not None}


@dataclass
class _Record:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    vector: np.ndarray | None = None


class _Connection:
    """What the store and its side collections share: reachable or not."""

    def __init__(self, reachable: bool) -> None:
        self.reachable = reachable

    def check(self) -> None:
        if not self.reachable:
            raise ConnectionError("connection refused")


class FakeSideCollection(SideCollection):
    def __init__(self, connection: _Connection) -> None:
        self._connection = connection
        self._entries: dict[str, _Record] = {}

    def known(self, keys: Sequence[str]) -> set[str]:
        self._connection.check()
        return {key for key in keys if key in self._entries}

    def get(self, keys: Sequence[str], *, text: bool = False) -> list[Entry]:
        self._connection.check()
        return [
            Entry(key, dict(self._entries[key].metadata), self._entries[key].text if text else "")
            for key in dict.fromkeys(keys)
            if key in self._entries
        ]

    def entries(self, where: Where | None = None) -> Iterator[Entry]:
        self._connection.check()
        for key, record in list(self._entries.items()):
            if matches(record.metadata, where):
                yield Entry(key, dict(record.metadata))

    def keys(self, where: Where | None = None) -> Iterator[str]:
        for entry in self.entries(where):
            yield entry.key

    def add(self, keys: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        self._connection.check()
        for key, metadata in zip(keys, metadatas, strict=True):
            self._entries.setdefault(key, _Record("", _merged({}, metadata)))

    def upsert(
        self,
        keys: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        texts: Sequence[str] | None = None,
    ) -> None:
        self._connection.check()
        for index, (key, metadata) in enumerate(zip(keys, metadatas, strict=True)):
            record = self._entries.setdefault(key, _Record(""))
            record.metadata = _merged(record.metadata, metadata)
            if texts is not None:
                record.text = texts[index]

    def update(self, keys: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        self._connection.check()
        for key, metadata in zip(keys, metadatas, strict=True):
            if key in self._entries:
                self._entries[key].metadata = _merged(self._entries[key].metadata, metadata)

    def delete(self, keys: Sequence[str]) -> None:
        self._connection.check()
        for key in keys:
            self._entries.pop(key, None)


class FakeStore(Store):
    def __init__(self, name: str = "corpus", reachable: bool = True) -> None:
        self.name = name
        self._connection = _Connection(reachable)
        self._chunks: dict[str, _Record] = {}
        self._dimension: int | None = None  # fixed by the first vector, as Chroma does
        self._stamp: str | None = None
        self._sides: dict[str, FakeSideCollection] = {}

    @property
    def reachable(self) -> bool:
        return self._connection.reachable

    @reachable.setter
    def reachable(self, value: bool) -> None:
        self._connection.reachable = value

    def count(self) -> int:
        self._connection.check()
        return len(self._chunks)

    def version(self) -> str:
        self._connection.check()
        return self._stamp or "empty"

    def bump_version(self) -> str:
        self._connection.check()
        self._stamp = uuid.uuid4().hex
        return self._stamp

    def query(self, vector: np.ndarray, n_results: int, where: Where | None = None) -> list[Hit]:
        self._connection.check()
        query = np.asarray(vector, dtype=np.float32)
        scored = [
            Hit(chunk_id, record.text, dict(record.metadata), _cosine(query, record.vector))
            for chunk_id, record in self._chunks.items()
            if record.vector is not None and matches(record.metadata, where)
        ]
        return sorted(scored, key=lambda hit: -hit.cosine)[:n_results]

    def get(self, ids: Sequence[str], *, vectors: bool = False) -> list[StoredChunk]:
        self._connection.check()
        return [
            StoredChunk(
                chunk_id,
                self._chunks[chunk_id].text,
                dict(self._chunks[chunk_id].metadata),
                self._chunks[chunk_id].vector if vectors else None,
            )
            for chunk_id in dict.fromkeys(ids)
            if chunk_id in self._chunks
        ]

    def ids(self, where: Where | None = None) -> Iterator[str]:
        for chunk_id, _, _ in self.iter_chunks(where):
            yield chunk_id

    def iter_chunks(self, where: Where | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        self._connection.check()
        for chunk_id, record in list(self._chunks.items()):
            if matches(record.metadata, where):
                yield chunk_id, record.text, dict(record.metadata)

    def has_chunks(self, where: Where) -> bool:
        return next(self.ids(where), None) is not None

    def add_chunks(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        vectors: Any,
    ) -> None:
        self.bump_version()
        for chunk_id, text, metadata, vector in zip(ids, texts, metadatas, vectors, strict=True):
            if chunk_id not in self._chunks:
                self._chunks[chunk_id] = _Record(text, _merged({}, metadata), self._fit(vector))
        self.bump_version()

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        vectors: Iterable[Any],
    ) -> None:
        """What LangChain's Chroma does on `add_texts`: replace text and vector, merge
        metadata."""
        self._connection.check()
        for chunk_id, text, metadata, vector in zip(ids, texts, metadatas, vectors, strict=True):
            fitted = self._fit(vector)
            record = self._chunks.setdefault(chunk_id, _Record(text))
            record.text, record.vector = text, fitted
            record.metadata = _merged(record.metadata, metadata)

    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        self._connection.check()
        for chunk_id, metadata in zip(ids, metadatas, strict=True):
            if chunk_id in self._chunks:
                record = self._chunks[chunk_id]
                record.metadata = _merged(record.metadata, metadata)

    def delete(self, ids: Sequence[str]) -> None:
        self._connection.check()
        for chunk_id in ids:
            self._chunks.pop(chunk_id, None)

    def vector_store(self, embedder: Embedder) -> VectorStore:
        return FakeVectorStore(self, embedder)

    def side_collection(self, kind: str) -> SideCollection:
        self._connection.check()
        return self._sides.setdefault(kind, FakeSideCollection(self._connection))

    def reset_chunks(self) -> None:
        self.bump_version()
        self._chunks.clear()
        self._dimension = None
        self.bump_version()

    def _fit(self, values: Any) -> np.ndarray:
        vector = _vector(values)
        if self._dimension is None:
            self._dimension = len(vector)
        if len(vector) != self._dimension:
            raise ValueError(
                f"Collection expecting embedding with dimension of {self._dimension}, "
                f"got {len(vector)}"
            )
        return vector


class FakeVectorStore(VectorStore):
    """The fake store seen through LangChain, as `Store.vector_store` promises."""

    def __init__(self, store: FakeStore, embedder: Embeddings) -> None:
        self._store = store
        self._embedder = embedder

    @property
    def embeddings(self) -> Embeddings:
        return self._embedder

    def add_texts(
        self,
        texts: Iterable[str],
        metadatas: list[dict[Any, Any]] | None = None,
        *,
        ids: list[str] | None = None,
        **kwargs: Any,
    ) -> list[str]:
        texts = list(texts)
        ids = ids or [uuid.uuid4().hex for _ in texts]
        metadatas = metadatas or [{} for _ in texts]
        self._store.upsert(ids, texts, metadatas, self._embedder.embed_documents(texts))
        return ids

    def delete(self, ids: list[str] | None = None, **kwargs: Any) -> bool | None:
        self._store.delete(ids or [])
        return None

    def similarity_search(self, query: str, k: int = 4, **kwargs: Any) -> list[Document]:
        vector = np.asarray(self._embedder.embed_query(query), dtype=np.float32)
        return [
            Document(page_content=hit.text, metadata=hit.metadata, id=hit.chunk_id)
            for hit in self._store.query(vector, k, kwargs.get("filter"))
        ]

    @classmethod
    def from_texts(
        cls,
        texts: list[str],
        embedding: Embeddings,
        metadatas: list[dict[Any, Any]] | None = None,
        **kwargs: Any,
    ) -> FakeVectorStore:
        raise NotImplementedError("built by FakeStore.vector_store")


def _vector(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    norms = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b)) / norms if norms else 0.0
