"""Every write to the store's chunks and the record manager, in an order a crash
cannot break.

The chunks and the record manager are two collections with no shared transaction. The
order is chosen so that each crash leaves only a difference `reconcile` can see and
repair:
- adding: chunks first, then the records (LangChain's `index` does this), so a crash
  leaves chunks no record owns: `reconcile` deletes them;
- deleting: chunks first, then the records, so a crash leaves records of chunks that
  are gone: `reconcile` drops them and marks their documents for re-ingest.
Each chunk's evidence sentence vectors (rag/answer/sentence_vectors.py) are written right
after the chunk and deleted right after it, so a crash leaves at most entries whose chunk
is gone, which `reconcile` deletes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from langchain_core.documents import Document
from langchain_core.indexing import index
from langchain_core.vectorstores import VectorStore

from ingest.catalogue import Catalogue, StoreRecordManager
from ingest.chunks import chunk_id_of
from ingest.faults import AFTER_CHROMA_DELETE, AFTER_CHROMA_WRITE, AFTER_RECORDS, fault_point
from rag.answer.sentence_vectors import SentenceVectors
from rag.schema import ChunkKey
from rag.store import Store, pages

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from rag.embedder import Embedder

# Chunks per embed-and-upsert call: small enough that the embedder's lock is released
# often (queries in the same process keep flowing) and progress moves; large enough
# that batching costs nothing measurable.
WRITE_SLICE = 32


class _SlicedWrites(VectorStore):
    """The store's LangChain vector store, writing in slices: Chroma refuses upserts
    above its batch limit, and a long document must not hold the embedder for minutes.
    Each slice's sentence vectors follow its chunks."""

    def __init__(
        self,
        inner: VectorStore,
        sentences: SentenceVectors,
        embedder: Embedder,
        on_slice: Callable[[int], None],
    ) -> None:
        self._inner = inner
        self._sentences = sentences
        self._embedder = embedder
        self._on_slice = on_slice

    @property
    def embeddings(self) -> Embeddings | None:
        return self._inner.embeddings

    def add_texts(
        self,
        texts: Any,
        metadatas: list[dict[Any, Any]] | None = None,
        *,
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
            slice_texts = [texts[i] for i in picked]
            slice_metadatas = [metadatas[i] if metadatas else {} for i in picked]
            slice_ids = self._inner.add_texts(
                slice_texts,
                slice_metadatas if metadatas else None,
                ids=[ids[i] for i in picked] if ids else None,
            )
            self._sentences.write(self._embedder, slice_ids, slice_texts, slice_metadatas)
            written += slice_ids
            self._on_slice(len(picked))
            fault_point(AFTER_CHROMA_WRITE)
        return written

    def delete(self, ids: list[str] | None = None, **kwargs: Any) -> bool | None:
        deleted = self._inner.delete(ids, **kwargs)
        if ids:
            self._sentences.delete(ids)
        return deleted

    def similarity_search(self, query: str, k: int = 4, **kwargs: Any) -> list[Document]:
        return self._inner.similarity_search(query, k, **kwargs)

    @classmethod
    def from_texts(
        cls,
        texts: list[str],
        embedding: Embeddings,
        metadatas: list[dict[Any, Any]] | None = None,
        **kwargs: Any,
    ) -> _SlicedWrites:
        raise NotImplementedError("wraps the store's vector store: build that instead")


class ChunkWriter:
    def __init__(
        self,
        store: Store,
        embedder: Callable[[], Embedder],
        records: StoreRecordManager,
        before_write: Callable[[], None],
        on_embedded: Callable[[int], None],
    ) -> None:
        self._store = store
        self._sentences = SentenceVectors(store)
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
        ids = sorted(set(keys) | set(self._store.ids({ChunkKey.SOURCE.value: source})))
        if ids:
            self._before_write()
            self._store.delete(ids)
            self._sentences.delete(ids)
            fault_point(AFTER_CHROMA_DELETE)
            self._records.delete_keys(keys)
        return len(ids)

    def reconcile(self, catalogue: Catalogue) -> int:
        """Make Chroma and the records agree after a crash; return chunks deleted.

        Chunks no record owns, or whose source the catalogue does not know, are
        deleted; records whose chunk is gone are dropped, and their documents, like
        any whose record count disagrees with the catalogue, are marked incomplete.
        """
        in_chroma = set(self._store.ids())
        owners = self._records.owners()
        entries = catalogue.entries()
        orphans = in_chroma - owners.keys()
        strays = {key for key, source in owners.items() if source not in entries}
        ghosts = {key for key in owners if key not in in_chroma} - strays
        doomed = sorted(orphans | (strays & in_chroma))
        stray_sentences = sorted(self._sentences.keys() - (in_chroma - set(doomed)))
        if doomed or strays or ghosts or stray_sentences:
            self._before_write()
            self._store.delete(doomed)
            self._sentences.delete(stray_sentences)
            self._records.delete_keys(sorted(strays | ghosts))
        counts = Counter(source for key, source in owners.items() if key not in strays | ghosts)
        damaged = {owners[key] for key in ghosts} | {
            source
            for source, entry in entries.items()
            if entry.complete and counts.get(source, 0) != entry.chunks
        }
        catalogue.mark_incomplete(source for source in damaged if source is not None)
        return len(doomed)

    def _vector_store(self) -> _SlicedWrites:
        embedder = self._embedder()
        return _SlicedWrites(
            self._store.vector_store(embedder), self._sentences, embedder, self._on_embedded
        )

    def _refresh_metadata(self, chunks: list[Document]) -> None:
        """The store merges metadata on update, so keys the new metadata lacks are set to
        None, which deletes them: the result equals what a clean ingest writes."""
        for page in pages(chunks):
            stored = self._store.get([chunk_id_of(c) for c in page])
            before = {chunk.chunk_id: chunk.metadata for chunk in stored}
            patches = {
                chunk_id_of(c): _patch(before.get(chunk_id_of(c), {}), c.metadata)
                for c in page
                if before.get(chunk_id_of(c), {}) != c.metadata
            }
            if patches:
                self._store.update_metadata(list(patches), list(patches.values()))


def _patch(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    removed: dict[str, Any] = dict.fromkeys(before.keys() - after.keys())
    return {**removed, **after}
