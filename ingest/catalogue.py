"""What has been written to the vector store, kept in the store beside the chunks.

Two side collections live next to the chunk collection `<name>`, in the same store,
embedded or server, so that API replicas sharing no disk share one ledger:
- `<name>-records`: LangChain's record manager (one entry per chunk id, with the
  source it belongs to and when it was last written), so `langchain_core.indexing.index`
  can skip chunks it already wrote and clean up stale ones.
- `<name>-catalogue`: one entry per document with its hash, counts and normalized text.
  An entry is `complete` only once all of the document's chunks are in the store; an
  incomplete one tells the next sync to ingest that document again.

Every write is one store call per page, which Chroma applies atomically; callers hold
the ingest lock, so read-then-write is safe.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from langchain_core.indexing import RecordManager

from ingest.loaders import LoadedDocument
from ingest.report import DocumentRecord
from rag.store import Store, Where

RECORDS = "records"
CATALOGUE = "catalogue"
GROUP = "group_id"
UPDATED = "updated_at"


def records_collection_name(collection: str) -> str:
    return f"{collection}-{RECORDS}"


def _and(clauses: list[dict[str, Any]]) -> Where | None:
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class StoreRecordManager(RecordManager):
    """Timestamps never go backwards, even across runs and across replicas whose clocks
    differ: `index` deletes records older than the run's start, so a clock behind the
    newest record must not make fresh records look old. The clock therefore starts
    after the newest record, found by the first full read of the records (`owners`,
    which a sync's reconcile does anyway), so a run reads them only once."""

    def __init__(self, store: Store) -> None:
        super().__init__(namespace=f"chroma/{store.name}")
        self._entries = store.side_collection(RECORDS)
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
        # group already recorded: the store merges the metadata of an upsert.
        metadatas = [
            {UPDATED: now} if group is None else {UPDATED: now, GROUP: group} for group in groups
        ]
        self._entries.upsert(keys, metadatas)

    async def aupdate(
        self,
        keys: Sequence[str],
        *,
        group_ids: Sequence[str | None] | None = None,
        time_at_least: float | None = None,
    ) -> None:
        self.update(keys, group_ids=group_ids, time_at_least=time_at_least)

    def exists(self, keys: Sequence[str]) -> list[bool]:
        found = self._entries.known(keys)
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
        keys = list(self._entries.keys(_and(clauses)))
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
        self._entries.delete(keys)

    async def adelete_keys(self, keys: Sequence[str]) -> None:
        self.delete_keys(keys)

    def owners(self) -> dict[str, str | None]:
        """Every recorded chunk id with the source that owns it."""
        found: dict[str, str | None] = {}
        newest = self._last_time or 0.0
        for entry in self._entries.entries():
            found[entry.key] = entry.metadata.get(GROUP)
            newest = max(newest, float(entry.metadata.get(UPDATED, 0.0)))
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

    def __init__(self, store: Store) -> None:
        self._entries = store.side_collection(CATALOGUE)

    def entries(self) -> dict[str, CatalogueEntry]:
        return {
            entry.key: CatalogueEntry(
                entry.metadata.get("doc_hash"),
                str(entry.metadata.get("splitter", "")),
                bool(entry.metadata.get("complete", False)),
                int(entry.metadata.get("chunks", 0)),
            )
            for entry in self._entries.entries()
        }

    def mark_pending(self, sources: Iterable[str]) -> None:
        """Before a document's chunks are written: a crash from here on leaves an entry
        that says the document must be ingested again."""
        wanted = list(sources)
        known = self._entries.known(wanted)
        self.mark_incomplete(known)
        fresh = [source for source in wanted if source not in known]
        if fresh:
            self._entries.add(fresh, [{"complete": False} for _ in fresh])

    def mark_incomplete(self, sources: Iterable[str]) -> None:
        wanted = list(sources)
        found = self._entries.known(wanted)
        known = [source for source in dict.fromkeys(wanted) if source in found]
        if known:
            self._entries.update(known, [{"complete": False} for _ in known])

    def complete(self, documents: list[tuple[LoadedDocument, int]], splitter: str) -> None:
        """After every chunk of these documents is in Chroma, in one write. `updated_at`
        moves only when the content changed, `ingested_at` only on the first ingest."""
        if not documents:
            return
        now = utc_now()
        sources = [document.source for document, _ in documents]
        before = {entry.key: entry.metadata for entry in self._entries.get(sources)}
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
        self._entries.upsert(sources, metadatas, [document.text for document, _ in documents])

    def remove(self, source: str) -> None:
        self._entries.delete([source])

    def documents(self) -> list[DocumentRecord]:
        """Documents with at least one complete ingest, by source."""
        return sorted(
            (
                _record_of(entry.key, entry.metadata)
                for entry in self._entries.entries()
                if entry.metadata.get("doc_hash")
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
        got = self._entries.get([source], text=True)
        if not got or not got[0].metadata.get("doc_hash"):
            return None
        return got[0].metadata, got[0].text
