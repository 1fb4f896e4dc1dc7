"""What has been written to the vector store, kept in Chroma beside the chunks.

Two collections live next to the chunk collection `<name>`, in the same Chroma,
embedded or server, so that API replicas sharing no disk share one ledger:
- `<name>-records`: LangChain's record manager (one entry per chunk id, with the
  source it belongs to and when it was last written), so `langchain_core.indexing.index`
  can skip chunks it already wrote and clean up stale ones.
- `<name>-catalogue`: one entry per document with its hash, counts and normalized text.
  An entry is `complete` only once all of the document's chunks are in Chroma; an
  incomplete one tells the next sync to ingest that document again.

Neither needs vectors; each entry carries a one-dimensional zero so that Chroma never
calls an embedding function of its own. Every write is one Chroma call, which Chroma
applies atomically; callers hold the ingest lock, so read-then-write is safe.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from langchain_core.indexing import RecordManager

from ingest.loaders import LoadedDocument
from ingest.report import DocumentRecord

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

BATCH = 1000  # ids per Chroma call: far below its batch limit, embedded or server
GROUP = "group_id"
UPDATED = "updated_at"


def records_collection_name(collection: str) -> str:
    return f"{collection}-records"


def catalogue_collection_name(collection: str) -> str:
    return f"{collection}-catalogue"


def _vectorless(client: ClientAPI, name: str) -> Collection:
    return client.get_or_create_collection(name, embedding_function=None)


def _zeros(count: int) -> Any:
    return np.zeros((count, 1), dtype=np.float32)


def _batches(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), BATCH):
        yield list(items[start : start + BATCH])


def _all_of(
    collection: Collection, where: dict[str, Any] | None = None, include: list[str] | None = None
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every entry matching `where` as (id, metadata, document), paged."""
    offset = 0
    fields = cast(Any, include if include is not None else ["metadatas"])
    while True:
        page = collection.get(where=cast(Any, where), include=fields, limit=BATCH, offset=offset)
        ids = page["ids"]
        if not ids:
            return
        metadatas = page.get("metadatas") or [{}] * len(ids)
        documents = page.get("documents") or [""] * len(ids)
        for entry_id, metadata, document in zip(ids, metadatas, documents, strict=True):
            yield entry_id, dict(metadata or {}), document or ""
        offset += len(ids)


def _and(clauses: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ChromaRecordManager(RecordManager):
    """Timestamps never go backwards, even across runs and across replicas whose clocks
    differ: `index` deletes records older than the run's start, so a clock behind the
    newest record must not make fresh records look old. The clock therefore starts
    after the newest record, found by the first full read of the records (`owners`,
    which a sync's reconcile does anyway), so a run reads them only once."""

    def __init__(self, client: ClientAPI, collection: str) -> None:
        super().__init__(namespace=f"chroma/{collection}")
        self._entries = _vectorless(client, records_collection_name(collection))
        self._last_time: float | None = None

    def create_schema(self) -> None:
        """Nothing to create: the collection exists once this object does."""

    async def acreate_schema(self) -> None:
        self.create_schema()

    def get_time(self) -> float:
        if self._last_time is None:
            self.owners()
        assert self._last_time is not None
        self._last_time = max(time.time(), self._last_time + 1e-6)
        return self._last_time

    async def aget_time(self) -> float:
        return self.get_time()

    def update(
        self,
        keys: Sequence[str],
        *,
        group_ids: Sequence[str | None] | None = None,
        time_at_least: float | None = None,
    ) -> None:
        if group_ids is not None and len(group_ids) != len(keys):
            raise ValueError("Length of keys must match length of group_ids")
        now = self.get_time()
        if time_at_least is not None and now < time_at_least:
            raise ValueError(f"time went backwards: {now} < {time_at_least}")
        groups = list(group_ids) if group_ids is not None else [None] * len(keys)
        # A refresh without a group (index() does that for unchanged chunks) keeps the
        # group already recorded: Chroma merges the metadata of an upsert.
        for start in range(0, len(keys), BATCH):
            batch = list(keys[start : start + BATCH])
            metadatas = [
                {UPDATED: now} if group is None else {UPDATED: now, GROUP: group}
                for group in groups[start : start + BATCH]
            ]
            self._entries.upsert(
                ids=batch, embeddings=_zeros(len(batch)), metadatas=cast(Any, metadatas)
            )

    async def aupdate(
        self,
        keys: Sequence[str],
        *,
        group_ids: Sequence[str | None] | None = None,
        time_at_least: float | None = None,
    ) -> None:
        self.update(keys, group_ids=group_ids, time_at_least=time_at_least)

    def exists(self, keys: Sequence[str]) -> list[bool]:
        found: set[str] = set()
        for batch in _batches(keys):
            found.update(self._entries.get(ids=batch, include=[])["ids"])
        return [key in found for key in keys]

    async def aexists(self, keys: Sequence[str]) -> list[bool]:
        return self.exists(keys)

    def list_keys(
        self,
        *,
        before: float | None = None,
        after: float | None = None,
        group_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[str]:
        clauses: list[dict[str, Any]] = []
        if before is not None:
            clauses.append({UPDATED: {"$lt": before}})
        if after is not None:
            clauses.append({UPDATED: {"$gt": after}})
        if group_ids is not None:
            if not group_ids:
                return []
            clauses.append({GROUP: {"$in": list(group_ids)}})
        keys = [key for key, _, _ in _all_of(self._entries, _and(clauses), include=[])]
        return keys if limit is None else keys[:limit]

    async def alist_keys(
        self,
        *,
        before: float | None = None,
        after: float | None = None,
        group_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[str]:
        return self.list_keys(before=before, after=after, group_ids=group_ids, limit=limit)

    def delete_keys(self, keys: Sequence[str]) -> None:
        for batch in _batches(keys):
            self._entries.delete(ids=batch)

    async def adelete_keys(self, keys: Sequence[str]) -> None:
        self.delete_keys(keys)

    def owners(self) -> dict[str, str | None]:
        """Every recorded chunk id with the source that owns it."""
        found: dict[str, str | None] = {}
        newest = self._last_time or 0.0
        for key, metadata, _ in _all_of(self._entries):
            found[key] = metadata.get(GROUP)
            newest = max(newest, float(metadata.get(UPDATED, 0.0)))
        self._last_time = newest
        return found

    def keys_of(self, source: str) -> list[str]:
        return self.list_keys(group_ids=[source])


@dataclass(frozen=True)
class CatalogueEntry:
    doc_hash: str | None  # of the last completely ingested version; None if none was
    splitter: str
    complete: bool
    chunks: int


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _record_of(source: str, metadata: dict[str, Any]) -> DocumentRecord:
    return DocumentRecord(
        source=source,
        title=str(metadata.get("title", "")),
        lang=str(metadata.get("lang", "")),
        doc_hash=str(metadata["doc_hash"]),
        chunks=int(metadata.get("chunks", 0)),
        size_bytes=int(metadata.get("size_bytes", 0)),
        ingested_at=str(metadata.get("ingested_at", "")),
        updated_at=str(metadata.get("updated_at", "")),
    )


class Catalogue:
    """One entry per document of one collection, keyed by source."""

    def __init__(self, client: ClientAPI, collection: str) -> None:
        self._entries = _vectorless(client, catalogue_collection_name(collection))

    def entries(self) -> dict[str, CatalogueEntry]:
        return {
            source: CatalogueEntry(
                metadata.get("doc_hash"),
                str(metadata.get("splitter", "")),
                bool(metadata.get("complete", False)),
                int(metadata.get("chunks", 0)),
            )
            for source, metadata, _ in _all_of(self._entries)
        }

    def mark_pending(self, sources: Iterable[str]) -> None:
        """Before a document's chunks are written: a crash from here on leaves an entry
        that says the document must be ingested again."""
        wanted = list(sources)
        known = set(self._entries.get(ids=wanted, include=[])["ids"]) if wanted else set()
        self.mark_incomplete(known)
        fresh = [source for source in wanted if source not in known]
        if fresh:
            self._entries.add(
                ids=fresh,
                embeddings=_zeros(len(fresh)),
                metadatas=[{"complete": False} for _ in fresh],
            )

    def mark_incomplete(self, sources: Iterable[str]) -> None:
        wanted = list(sources)
        known = list(self._entries.get(ids=wanted, include=[])["ids"]) if wanted else []
        if known:
            self._entries.update(ids=known, metadatas=[{"complete": False} for _ in known])

    def complete(self, documents: list[tuple[LoadedDocument, int]], splitter: str) -> None:
        """After every chunk of these documents is in Chroma, in one write. `updated_at`
        moves only when the content changed, `ingested_at` only on the first ingest."""
        if not documents:
            return
        now = utc_now()
        sources = [document.source for document, _ in documents]
        got = self._entries.get(ids=sources, include=["metadatas"])
        before = {
            source: dict(metadata or {})
            for source, metadata in zip(got["ids"], got.get("metadatas") or [], strict=True)
        }
        metadatas = []
        for document, chunks in documents:
            old = before.get(document.source, {})
            same_content = old.get("doc_hash") == document.doc_hash
            metadatas.append(
                {
                    "title": document.title,
                    "lang": document.lang,
                    "doc_hash": document.doc_hash,
                    "splitter": splitter,
                    "chunks": chunks,
                    "size_bytes": document.size_bytes,
                    "ingested_at": old.get("ingested_at") or now,
                    "updated_at": old.get("updated_at") if same_content else now,
                    "complete": True,
                }
            )
        self._entries.upsert(
            ids=sources,
            embeddings=_zeros(len(sources)),
            metadatas=cast(Any, metadatas),
            documents=[document.text for document, _ in documents],
        )

    def remove(self, source: str) -> None:
        self._entries.delete(ids=[source])

    def documents(self) -> list[DocumentRecord]:
        """Documents with at least one complete ingest, by source."""
        return sorted(
            (
                _record_of(source, metadata)
                for source, metadata, _ in _all_of(self._entries)
                if metadata.get("doc_hash")
            ),
            key=lambda record: record.source,
        )

    def document(self, source: str) -> DocumentRecord | None:
        found = self._one(source)
        return None if found is None else _record_of(source, found[0])

    def text(self, source: str) -> str | None:
        found = self._one(source)
        return None if found is None else found[1]

    def _one(self, source: str) -> tuple[dict[str, Any], str] | None:
        got = self._entries.get(ids=[source], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        metadata = dict((got.get("metadatas") or [{}])[0] or {})
        if not metadata.get("doc_hash"):
            return None
        return metadata, (got.get("documents") or [""])[0] or ""
