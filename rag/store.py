"""The vector store: Chroma, embedded (`PersistentClient`) or a server (`HttpClient`).

Chroma is the one source of truth for chunks. Each change to the collection also
writes a new version stamp, so derived indexes (BM25) know when they are stale, even
across processes and API replicas that share no disk.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlparse

import numpy as np

from rag.errors import BackendError
from rag.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from langchain_chroma import Chroma

    from rag.embedder import Embedder

COSINE = {"hnsw:space": "cosine"}
STAMP_ID = "version"
PAGE_SIZE = 5000


def unreachable(settings: Settings) -> BackendError:
    return BackendError(f"vector store unreachable at {_where(settings)}")


def chroma_client(settings: Settings) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url is None:
            settings.chroma_dir.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(
                path=str(settings.chroma_dir), settings=chroma_settings
            )
        url = urlparse(settings.chroma_url)
        client = chromadb.HttpClient(
            host=url.hostname or "localhost",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    except Exception:  # chromadb raises bare Exception/ValueError/httpx errors on connect
        raise unreachable(settings) from None
    _bound_waits(client, settings.chroma_timeout_s)
    return cast("ClientAPI", GuardedChroma(client, settings))


def _bound_waits(client: ClientAPI, timeout_s: float) -> None:
    """chromadb's HTTP client waits forever (`timeout=None`); a hung server must
    become an error instead. Its session is internal, hence the defensive lookup."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0))


class GuardedChroma:
    """A Chroma client or collection whose calls turn a lost connection or a timeout
    into `BackendError("vector store unreachable at <url>")`, so that every caller
    (retrieval, ingestion, health) reports the same exact 503. Collections it returns
    are guarded too."""

    def __init__(self, target: Any, settings: Settings) -> None:
        self._target = target
        self._settings = settings

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute
        return self._guard(attribute)

    def _guard(self, method: Callable[..., Any]) -> Callable[..., Any]:
        import httpx
        from chromadb.api.models.Collection import Collection

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                result = method(*args, **kwargs)
            except httpx.TransportError:
                raise unreachable(self._settings) from None
            return (
                GuardedChroma(result, self._settings) if isinstance(result, Collection) else result
            )

        return call


def _where(settings: Settings) -> str:
    return settings.chroma_url or str(settings.chroma_dir)


class Store:
    """The chunk collection plus its version stamp."""

    def __init__(self, settings: Settings, client: ClientAPI | None = None) -> None:
        self.settings = settings
        self.client = client or chroma_client(settings)
        self.name = settings.collection
        self.collection: Collection = self.client.get_or_create_collection(
            self.name, metadata=COSINE
        )
        self._stamps: Collection = self.client.get_or_create_collection(f"{self.name}-stamp")

    def vector_store(self, embedder: Embedder) -> Chroma:
        """The same collection seen through LangChain (used by the indexing API)."""
        from langchain_chroma import Chroma

        return Chroma(
            collection_name=self.name,
            embedding_function=embedder,
            client=self.client,
            collection_metadata=COSINE,
        )

    def count(self) -> int:
        return self.collection.count()

    def version(self) -> str:
        got = self._stamps.get(ids=[STAMP_ID], include=["metadatas"])
        metadatas = got.get("metadatas") or []
        return str(metadatas[0]["v"]) if metadatas else "empty"

    def bump_version(self) -> str:
        """Mark the collection as changed. Called before and after every write, so that a
        crash between the two still leaves a stamp no index was built from."""
        stamp = uuid.uuid4().hex
        self._stamps.upsert(
            ids=[STAMP_ID],
            documents=[""],
            embeddings=np.zeros((1, 1), dtype=np.float32),
            metadatas=[{"v": stamp}],
        )
        return stamp

    def iter_chunks(
        self, where: dict[str, Any] | None = None
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every chunk as (id, text, metadata), paged so large collections stay cheap."""
        offset = 0
        while True:
            page = self.collection.get(
                where=where, include=["documents", "metadatas"], limit=PAGE_SIZE, offset=offset
            )
            ids = page["ids"]
            if not ids:
                return
            documents = page.get("documents") or [""] * len(ids)
            metadatas = page.get("metadatas") or [{}] * len(ids)
            for chunk_id, text, metadata in zip(ids, documents, metadatas, strict=True):
                yield chunk_id, text or "", dict(metadata or {})
            offset += len(ids)

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), PAGE_SIZE):
            self.collection.delete(ids=ids[start : start + PAGE_SIZE])
