"""The vector store: one interface (`Store`), and its Chroma implementation, embedded
(`PersistentClient`) or a server (`HttpClient`).

The store is the one source of truth for chunks. Each change to the chunks also
writes a new version stamp, so derived indexes (BM25) know when they are stale, even
across processes and API replicas that share no disk. Ingestion keeps its ledger in
side collections of the same store (`side_collection`), so replicas share it too.

The store also records which embedding model wrote its vectors (`embedding_model`),
since vectors of two models must never meet in one query (rag/model_check.py holds the
rule).

Nothing outside this module touches chromadb objects: callers see chunks, hits and
entries, and a fake (tests/support/fake_store.py) implements the same interface.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from urllib.parse import urlparse

import numpy as np

from rag.errors import BackendError
from rag.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from langchain_core.vectorstores import VectorStore

    from rag.embedder import Embedder, EmbedderIdentity

COSINE = {"hnsw:space": "cosine"}
STAMP_ID = "version"
MODEL_KIND = "model"  # the side collection holding the embedding model record
MODEL_KEY = "embedder"
# Ids per store call, for every paged read, write and delete: below Chroma's batch
# limit (5461 embedded), and few enough round-trips on a large collection.
PAGE_SIZE = 5000

Where = dict[str, Any]


class Hit(NamedTuple):
    """A chunk found by a vector query, with its cosine similarity to the query."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    cosine: float


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    text: str
    metadata: dict[str, Any]
    vector: np.ndarray | None = None  # only when asked for


@dataclass(frozen=True)
class Entry:
    """One entry of a side collection: a key, its metadata and an optional text."""

    key: str
    metadata: dict[str, Any] = field(default_factory=dict)
    text: str = ""


class ModelState(StrEnum):
    """Where a collection stands with its recorded model (ingest/reindex.py moves it)."""

    READY = "ready"  # every chunk was embedded by the recorded model
    DROPPING = "dropping"  # a reindex to it is dropping the old chunks and ledger
    FILLING = "filling"  # dropped; documents are being embedded again


@dataclass(frozen=True)
class ModelRecord:
    """The model whose vectors the chunks hold. Until a reindex to it is `complete`, the
    chunks may still hold another model's vectors, or miss documents."""

    identity: EmbedderIdentity
    state: ModelState = ModelState.READY

    @property
    def complete(self) -> bool:
        return self.state is ModelState.READY


def spans(count: int, size: int | None = None) -> Iterator[slice]:
    """Slices of `size` (default PAGE_SIZE) covering `count` items: one call each."""
    step = size or PAGE_SIZE
    for start in range(0, count, step):
        yield slice(start, start + step)


def pages(items: Sequence[Any]) -> Iterator[list[Any]]:
    """`items` in pages of PAGE_SIZE, for calls that take a list of ids."""
    for span in spans(len(items)):
        yield list(items[span])


class SideCollection(ABC):
    """Entries without vectors, kept in the same store as the chunks (the ingest
    ledger). Metadata writes merge into what is stored, as Chroma's do: `upsert` and
    `update` keep keys they do not name, and `update` deletes keys set to None."""

    @abstractmethod
    def known(self, keys: Sequence[str]) -> set[str]:
        """The keys among `keys` that have an entry."""

    @abstractmethod
    def get(self, keys: Sequence[str], *, text: bool = False) -> list[Entry]:
        """The entries of `keys` that exist, with their text when `text`."""

    @abstractmethod
    def entries(self, where: Where | None = None) -> Iterator[Entry]:
        """Every entry matching `where`, with its metadata (no text), paged."""

    @abstractmethod
    def keys(self, where: Where | None = None) -> Iterator[str]:
        """Every key matching `where`, paged."""

    @abstractmethod
    def add(self, keys: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        """New entries; a key that already has one is left as it is."""

    @abstractmethod
    def upsert(
        self,
        keys: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        texts: Sequence[str] | None = None,
    ) -> None: ...

    @abstractmethod
    def update(self, keys: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        """Change existing entries; keys without an entry are ignored."""

    @abstractmethod
    def delete(self, keys: Sequence[str]) -> None: ...


class Store(ABC):
    """The chunk collection plus its version stamp.

    Writers call `bump_version` before and after every write, so that a crash between
    the two still leaves a stamp no index was built from (`add_chunks` does it itself).
    """

    name: str

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def version(self) -> str:
        """The current stamp, or "empty" if nothing was ever written."""

    @abstractmethod
    def bump_version(self) -> str:
        """Mark the collection as changed; returns the new stamp."""

    @abstractmethod
    def query(self, vector: np.ndarray, n_results: int, where: Where | None = None) -> list[Hit]:
        """The `n_results` chunks nearest to `vector` (cosine), best first."""

    @abstractmethod
    def get(self, ids: Sequence[str], *, vectors: bool = False) -> list[StoredChunk]:
        """The chunks of `ids` that exist, with their vectors when `vectors`."""

    @abstractmethod
    def ids(self, where: Where | None = None) -> Iterator[str]:
        """Every chunk id matching `where`, paged."""

    @abstractmethod
    def iter_chunks(self, where: Where | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every chunk as (id, text, metadata), paged so large collections stay cheap."""

    @abstractmethod
    def has_chunks(self, where: Where) -> bool:
        """True if at least one chunk matches `where`."""

    @abstractmethod
    def add_chunks(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        vectors: Any,
    ) -> None:
        """Chunks with their vectors, stamped before and after."""

    @abstractmethod
    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        """Merge into the stored metadata; a key set to None is deleted."""

    @abstractmethod
    def delete(self, ids: Sequence[str]) -> None: ...

    @abstractmethod
    def vector_store(self, embedder: Embedder) -> VectorStore:
        """The same chunks seen through LangChain (used by the indexing API)."""

    @abstractmethod
    def side_collection(self, kind: str) -> SideCollection:
        """The side collection `<name>-<kind>`, created on first use."""

    @abstractmethod
    def reset_chunks(self) -> None:
        """Drop every chunk and start again from an empty collection that takes vectors
        of any dimension (Chroma fixes a collection's dimension at its first write, and
        keeps it when every chunk is deleted). Stamped before and after."""

    def embedding_model(self) -> ModelRecord | None:
        """The recorded embedding model, or None for a collection that never recorded
        one (empty, or written before models were recorded)."""
        found = self.side_collection(MODEL_KIND).get([MODEL_KEY])
        if not found:
            return None
        from rag.embedder import EmbedderIdentity  # langchain_core: not at import time

        metadata = found[0].metadata
        identity = EmbedderIdentity(
            str(metadata["name"]), int(metadata["dimension"]), str(metadata["fingerprint"])
        )
        return ModelRecord(identity, ModelState(metadata.get("state", ModelState.READY)))

    def record_embedding_model(self, record: ModelRecord) -> None:
        """Replace the record, then move the stamp: processes that checked the model
        at the previous stamp check it again."""
        identity = record.identity
        metadata = {
            "name": identity.name,
            "dimension": identity.dimension,
            "fingerprint": identity.fingerprint,
            "state": record.state.value,
        }
        self.side_collection(MODEL_KIND).upsert([MODEL_KEY], [metadata])
        self.bump_version()


def unreachable(settings: Settings) -> BackendError:
    return BackendError(f"vector store unreachable at {_where(settings)}")


def _where(settings: Settings) -> str:
    return settings.chroma_url or str(settings.chroma_dir)


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


def _paged_get(
    collection: Collection, where: Where | None, include: list[str]
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every record matching `where` as (id, metadata, document), PAGE_SIZE at a time."""
    offset = 0
    while True:
        page = collection.get(
            where=cast(Any, where), include=cast(Any, include), limit=PAGE_SIZE, offset=offset
        )
        ids = page["ids"]
        if not ids:
            return
        metadatas = page.get("metadatas") or [{}] * len(ids)
        documents = page.get("documents") or [""] * len(ids)
        for record_id, metadata, document in zip(ids, metadatas, documents, strict=True):
            yield record_id, dict(metadata or {}), document or ""
        offset += len(ids)


def _zeros(count: int) -> Any:
    """A one-dimensional zero per entry, so Chroma never calls an embedding function."""
    return np.zeros((count, 1), dtype=np.float32)


class ChromaSideCollection(SideCollection):
    def __init__(self, collection: Collection) -> None:
        self._entries = collection

    def known(self, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for page in pages(keys):
            found.update(self._entries.get(ids=page, include=[])["ids"])
        return found

    def get(self, keys: Sequence[str], *, text: bool = False) -> list[Entry]:
        include: Any = ["metadatas", "documents"] if text else ["metadatas"]
        found: list[Entry] = []
        for page in pages(keys):
            got = self._entries.get(ids=page, include=include)
            metadatas = got.get("metadatas") or [{}] * len(got["ids"])
            documents = got.get("documents") or [""] * len(got["ids"])
            found += [
                Entry(key, dict(metadata or {}), document or "")
                for key, metadata, document in zip(got["ids"], metadatas, documents, strict=True)
            ]
        return found

    def entries(self, where: Where | None = None) -> Iterator[Entry]:
        for key, metadata, _ in _paged_get(self._entries, where, ["metadatas"]):
            yield Entry(key, metadata)

    def keys(self, where: Where | None = None) -> Iterator[str]:
        for key, _, _ in _paged_get(self._entries, where, []):
            yield key

    def add(self, keys: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        for span in spans(len(keys)):
            batch = list(keys[span])
            self._entries.add(
                ids=batch, embeddings=_zeros(len(batch)), metadatas=cast(Any, list(metadatas[span]))
            )

    def upsert(
        self,
        keys: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        texts: Sequence[str] | None = None,
    ) -> None:
        for span in spans(len(keys)):
            batch = list(keys[span])
            self._entries.upsert(
                ids=batch,
                embeddings=_zeros(len(batch)),
                metadatas=cast(Any, list(metadatas[span])),
                documents=None if texts is None else list(texts[span]),
            )

    def update(self, keys: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        for span in spans(len(keys)):
            self._entries.update(ids=list(keys[span]), metadatas=cast(Any, list(metadatas[span])))

    def delete(self, keys: Sequence[str]) -> None:
        for page in pages(keys):
            self._entries.delete(ids=page)


class _Reopening:
    """The chunk collection, opened again by name when another process dropped and
    recreated it (`reset_chunks` on a reindex): Chroma addresses a collection by id, so
    an old handle would fail with "does not exist" until the process restarted."""

    def __init__(self, client: ClientAPI, name: str) -> None:
        from chromadb.errors import NotFoundError

        self._missing = NotFoundError
        self._client = client
        self._name = name
        self._collection = self._open()

    def _open(self) -> Collection:
        return self._client.get_or_create_collection(self._name, metadata=COSINE)

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._collection, name)
        if not callable(attribute):
            return attribute

        @functools.wraps(attribute)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return attribute(*args, **kwargs)
            except self._missing:
                self._collection = self._open()
                return getattr(self._collection, name)(*args, **kwargs)

        return call


class ChromaStore(Store):
    def __init__(self, settings: Settings, client: ClientAPI | None = None) -> None:
        self.settings = settings
        self._client = client or chroma_client(settings)
        self.name = settings.collection
        self._chunks: Collection = self._open_chunks()
        self._stamps: Collection = self._client.get_or_create_collection(f"{self.name}-stamp")

    def count(self) -> int:
        return self._chunks.count()

    def version(self) -> str:
        got = self._stamps.get(ids=[STAMP_ID], include=["metadatas"])
        metadatas = got.get("metadatas") or []
        return str(metadatas[0]["v"]) if metadatas else "empty"

    def bump_version(self) -> str:
        stamp = uuid.uuid4().hex
        self._stamps.upsert(
            ids=[STAMP_ID],
            documents=[""],
            embeddings=np.zeros((1, 1), dtype=np.float32),
            metadatas=[{"v": stamp}],
        )
        return stamp

    def query(self, vector: np.ndarray, n_results: int, where: Where | None = None) -> list[Hit]:
        try:
            result = self._chunks.query(
                query_embeddings=[np.asarray(vector).tolist()],
                n_results=n_results,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        except BackendError:  # already exact, e.g. "vector store unreachable at <url>"
            raise
        except Exception as exc:  # chromadb raises bare exceptions for transport errors
            raise BackendError(f"vector store query failed: {exc}") from None
        ids = result["ids"][0]
        documents = (result.get("documents") or [[]])[0]
        metadatas = (result.get("metadatas") or [[]])[0]
        distances = (result.get("distances") or [[]])[0]
        return [
            Hit(chunk_id, text or "", dict(metadata or {}), 1.0 - float(distance))
            for chunk_id, text, metadata, distance in zip(
                ids, documents, metadatas, distances, strict=True
            )
        ]

    def get(self, ids: Sequence[str], *, vectors: bool = False) -> list[StoredChunk]:
        include: Any = ["documents", "metadatas", *(["embeddings"] if vectors else [])]
        found: list[StoredChunk] = []
        for page in pages(ids):
            got = self._chunks.get(ids=page, include=include)
            documents = got.get("documents") or [""] * len(got["ids"])
            metadatas = got.get("metadatas") or [{}] * len(got["ids"])
            embeddings = got.get("embeddings")
            for index, chunk_id in enumerate(got["ids"]):
                vector = None if embeddings is None else np.asarray(embeddings[index])
                found.append(
                    StoredChunk(
                        chunk_id, documents[index] or "", dict(metadatas[index] or {}), vector
                    )
                )
        return found

    def ids(self, where: Where | None = None) -> Iterator[str]:
        for chunk_id, _, _ in _paged_get(self._chunks, where, []):
            yield chunk_id

    def iter_chunks(self, where: Where | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for chunk_id, metadata, text in _paged_get(self._chunks, where, ["documents", "metadatas"]):
            yield chunk_id, text, metadata

    def has_chunks(self, where: Where) -> bool:
        return bool(self._chunks.get(where=cast(Any, where), limit=1, include=[])["ids"])

    def add_chunks(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        vectors: Any,
    ) -> None:
        self.bump_version()
        for span in spans(len(ids), self._client.get_max_batch_size()):
            self._chunks.add(
                ids=list(ids[span]),
                documents=list(texts[span]),
                metadatas=cast(Any, list(metadatas[span])),
                embeddings=vectors[span],
            )
        self.bump_version()

    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        for span in spans(len(ids)):
            self._chunks.update(ids=list(ids[span]), metadatas=cast(Any, list(metadatas[span])))

    def delete(self, ids: Sequence[str]) -> None:
        for page in pages(ids):
            self._chunks.delete(ids=page)

    def vector_store(self, embedder: Embedder) -> VectorStore:
        from langchain_chroma import Chroma

        return Chroma(
            collection_name=self.name,
            embedding_function=embedder,
            client=self._client,
            collection_metadata=COSINE,
        )

    def side_collection(self, kind: str) -> SideCollection:
        collection = self._client.get_or_create_collection(
            f"{self.name}-{kind}", embedding_function=None
        )
        return ChromaSideCollection(collection)

    def reset_chunks(self) -> None:
        from chromadb.errors import NotFoundError

        self.bump_version()
        with contextlib.suppress(NotFoundError):  # a crashed reset already dropped it
            self._client.delete_collection(self.name)
        self._chunks = self._open_chunks()
        self.bump_version()

    def _open_chunks(self) -> Collection:
        return cast("Collection", _Reopening(self._client, self.name))
