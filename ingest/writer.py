"""Every write to Chroma and the record manager, in an order a crash cannot break.

Chroma and the record manager are two stores with no shared transaction. The order
is chosen so that each crash leaves only a difference `reconcile` can see and repair:
- adding: Chroma first, then the records (LangChain's `index` does this), so a crash
  leaves chunks no record owns: `reconcile` deletes them;
- deleting: Chroma first, then the records, so a crash leaves records of chunks that
  are gone: `reconcile` drops them and marks their documents for re-ingest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast

from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.indexing import index

from ingest.catalogue import Catalogue, ChromaRecordManager
from ingest.chunks import chunk_id_of
from ingest.faults import AFTER_CHROMA_DELETE, AFTER_CHROMA_WRITE, AFTER_RECORDS, fault_point
from rag.schema import ChunkKey
from rag.store import COSINE, Store

if TYPE_CHECKING:
    from rag.embedder import Embedder

# Chunks per embed-and-upsert call: small enough that the embedder's lock is released
# often (queries in the same process keep flowing) and progress moves; large enough
# that batching costs nothing measurable.
WRITE_SLICE = 32
ID_PAGE = 5000


class _SlicedChroma(Chroma):
    """LangChain's Chroma, writing in slices: Chroma refuses upserts above its batch
    limit, and a long document must not hold the embedder for minutes."""

    def __init__(self, on_slice: Callable[[int], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_slice = on_slice

    def add_texts(
        self,
        texts: Any,
        metadatas: list[dict[Any, Any]] | None = None,
        ids: list[str] | None = None,
        **kwargs: Any,
    ) -> list[str]:
        texts = list(texts)
        # Longest first, as SentenceTransformer sorts within one call: slices of
        # similar length waste little on padding.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        written: list[str] = []
        for start in range(0, len(order), WRITE_SLICE):
            picked = order[start : start + WRITE_SLICE]
            written += super().add_texts(
                [texts[i] for i in picked],
                [metadatas[i] for i in picked] if metadatas else None,
                [ids[i] for i in picked] if ids else None,
            )
            self._on_slice(len(picked))
            fault_point(AFTER_CHROMA_WRITE)
        return written


class ChunkWriter:
    def __init__(
        self,
        store: Store,
        embedder: Callable[[], Embedder],
        records: ChromaRecordManager,
        before_write: Callable[[], None],
        on_embedded: Callable[[int], None],
    ) -> None:
        self._store = store
        self._embedder = embedder
        self._records = records
        self._before_write = before_write
        self._on_embedded = on_embedded

    def write(self, chunks: list[Document]) -> tuple[int, int]:
        """Embed and store the chunks that are new, drop the stale chunks of the same
        sources, and refresh metadata of the kept ones. Returns (embedded, deleted)."""
        self._before_write()
        ids = [chunk_id_of(chunk) for chunk in chunks]
        kept = [c for c, known in zip(chunks, self._records.exists(ids), strict=True) if known]
        result = index(
            chunks,
            self._records,
            self._vector_store(),
            batch_size=len(chunks),  # one batch, so cleanup never deletes what comes next
            cleanup="incremental",
            source_id_key=ChunkKey.SOURCE.value,
            key_encoder=chunk_id_of,
        )
        fault_point(AFTER_RECORDS)
        self._refresh_metadata(kept)
        return result["num_added"], result["num_deleted"]

    def delete_source(self, source: str) -> int:
        keys = self._records.keys_of(source)
        ids = sorted(set(keys) | set(self._chroma_ids({ChunkKey.SOURCE.value: source})))
        if ids:
            self._before_write()
            self._store.delete(ids)
            fault_point(AFTER_CHROMA_DELETE)
            self._records.delete_keys(keys)
        return len(ids)

    def reconcile(self, catalogue: Catalogue) -> int:
        """Make Chroma and the records agree after a crash; return chunks deleted.

        Chunks no record owns, or whose source the catalogue does not know, are
        deleted; records whose chunk is gone are dropped, and their documents, like
        any whose record count disagrees with the catalogue, are marked incomplete.
        """
        in_chroma = set(self._chroma_ids())
        owners = self._records.owners()
        entries = catalogue.entries()
        orphans = in_chroma - owners.keys()
        strays = {key for key, source in owners.items() if source not in entries}
        ghosts = {key for key in owners if key not in in_chroma} - strays
        doomed = sorted(orphans | (strays & in_chroma))
        if doomed or strays or ghosts:
            self._before_write()
            self._store.delete(doomed)
            self._records.delete_keys(sorted(strays | ghosts))
        counts = Counter(source for key, source in owners.items() if key not in strays | ghosts)
        damaged = {owners[key] for key in ghosts} | {
            source
            for source, entry in entries.items()
            if entry.complete and counts.get(source, 0) != entry.chunks
        }
        catalogue.mark_incomplete(source for source in damaged if source is not None)
        return len(doomed)

    def _vector_store(self) -> _SlicedChroma:
        return _SlicedChroma(
            on_slice=self._on_embedded,
            collection_name=self._store.name,
            embedding_function=self._embedder(),
            client=self._store.client,
            collection_metadata=COSINE,
        )

    def _refresh_metadata(self, chunks: list[Document]) -> None:
        """Chroma merges metadata on update, so keys the new metadata lacks are set to
        None, which deletes them: the result equals what a clean ingest writes."""
        for start in range(0, len(chunks), ID_PAGE):
            page = chunks[start : start + ID_PAGE]
            stored = self._store.collection.get(
                ids=[chunk_id_of(c) for c in page], include=["metadatas"]
            )
            before = dict(zip(stored["ids"], stored.get("metadatas") or [], strict=True))
            patches = {
                chunk_id_of(c): _patch(dict(before.get(chunk_id_of(c)) or {}), c.metadata)
                for c in page
                if dict(before.get(chunk_id_of(c)) or {}) != c.metadata
            }
            if patches:
                self._store.collection.update(
                    ids=list(patches), metadatas=cast(Any, list(patches.values()))
                )

    def _chroma_ids(self, where: dict[str, Any] | None = None) -> Iterator[str]:
        offset = 0
        while True:
            page = self._store.collection.get(
                where=cast(Any, where), include=[], limit=ID_PAGE, offset=offset
            )
            if not page["ids"]:
                return
            yield from page["ids"]
            offset += len(page["ids"])


def _patch(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    removed: dict[str, Any] = dict.fromkeys(before.keys() - after.keys())
    return {**removed, **after}
