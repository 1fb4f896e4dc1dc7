"""What has been written to the vector store, persisted in one SQLite file.

Two tables share `<data_dir>/records.sqlite3`:
- `records`: LangChain's record manager (one row per chunk id, grouped by source), so
  `langchain_core.indexing.index` can skip chunks it already wrote and clean up stale
  ones. `langchain_community`'s SQL record manager would pull in SQLAlchemy and a
  whole package for four queries, so this one uses the standard library.
- `documents`: the catalogue, one row per document with its hash and normalized text.
  A row is `complete` only once all of the document's chunks are in Chroma; an
  incomplete row tells the next sync to ingest that document again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from langchain_core.indexing import RecordManager

from ingest.loaders import LoadedDocument
from ingest.report import DocumentRecord

DB_NAME = "records.sqlite3"
SQL_VARIABLES = 500  # stay far below SQLite's bound-parameter limit
SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    group_id TEXT,
    updated_at REAL NOT NULL,
    PRIMARY KEY (namespace, key)
);
CREATE INDEX IF NOT EXISTS records_group ON records (namespace, group_id, updated_at);
CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT '',
    doc_hash TEXT,
    splitter TEXT NOT NULL DEFAULT '',
    chunks INTEGER NOT NULL DEFAULT 0,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    complete INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (collection, source)
);
"""


def connect(data_dir: Path, read_only: bool = False) -> sqlite3.Connection | None:
    """The database, or None when reading and nothing was ever ingested (a dry run
    or a listing must not create files). A reader still opens it read-write: after a
    crashed write, only a writable connection can roll back SQLite's journal."""
    path = data_dir / DB_NAME
    if read_only:
        return sqlite3.connect(path, timeout=30) if path.is_file() else None
    data_dir.mkdir(parents=True, exist_ok=True)
    # The default rollback journal, not WAL: a reader of a WAL database creates files,
    # and a dry run or a listing must leave the data dir untouched. Transactions are
    # short (one per group of documents), so readers barely wait.
    connection = sqlite3.connect(path, timeout=30, check_same_thread=False)
    connection.executescript(SCHEMA)
    return connection


def _batches(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), SQL_VARIABLES):
        yield items[start : start + SQL_VARIABLES]


def _marks(count: int) -> str:
    return ",".join("?" * count)


class SQLiteRecordManager(RecordManager):
    """Timestamps come from this process but never go backwards, even across runs:
    `index` deletes records older than the run's start, so a clock step back must not
    make fresh records look old."""

    def __init__(self, connection: sqlite3.Connection, namespace: str) -> None:
        super().__init__(namespace)
        self._db = connection
        self._last_time = 0.0

    def create_schema(self) -> None:
        self._db.executescript(SCHEMA)
        row = self._db.execute(
            "SELECT MAX(updated_at) FROM records WHERE namespace = ?", (self.namespace,)
        ).fetchone()
        self._last_time = float(row[0] or 0.0)

    async def acreate_schema(self) -> None:
        self.create_schema()

    def get_time(self) -> float:
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
        groups = group_ids if group_ids is not None else [None] * len(keys)
        rows = [(self.namespace, key, group, now) for key, group in zip(keys, groups, strict=True)]
        # A refresh without groups (index() does that for unchanged chunks) keeps the group.
        with self._db:
            self._db.executemany(
                "INSERT INTO records (namespace, key, group_id, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (namespace, key) DO UPDATE SET updated_at = excluded.updated_at, "
                "group_id = COALESCE(excluded.group_id, records.group_id)",
                rows,
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
            query = f"SELECT key FROM records WHERE namespace = ? AND key IN ({_marks(len(batch))})"
            found.update(row[0] for row in self._db.execute(query, (self.namespace, *batch)))
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
        query = "SELECT key FROM records WHERE namespace = ?"
        params: list[object] = [self.namespace]
        if before is not None:
            query += " AND updated_at < ?"
            params.append(before)
        if after is not None:
            query += " AND updated_at > ?"
            params.append(after)
        if group_ids is not None:
            query += f" AND group_id IN ({_marks(len(group_ids))})"
            params.extend(group_ids)
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        return [row[0] for row in self._db.execute(query, params)]

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
        with self._db:
            for batch in _batches(keys):
                self._db.execute(
                    f"DELETE FROM records WHERE namespace = ? AND key IN ({_marks(len(batch))})",
                    (self.namespace, *batch),
                )

    async def adelete_keys(self, keys: Sequence[str]) -> None:
        self.delete_keys(keys)

    def owners(self) -> dict[str, str | None]:
        """Every recorded chunk id with the source that owns it."""
        rows = self._db.execute(
            "SELECT key, group_id FROM records WHERE namespace = ?", (self.namespace,)
        )
        return dict(rows.fetchall())

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


class Catalogue:
    """One row per document of one collection."""

    def __init__(self, connection: sqlite3.Connection, collection: str) -> None:
        self._db = connection
        self._collection = collection

    def entries(self) -> dict[str, CatalogueEntry]:
        rows = self._db.execute(
            "SELECT source, doc_hash, splitter, complete, chunks FROM documents "
            "WHERE collection = ?",
            (self._collection,),
        )
        return {
            source: CatalogueEntry(doc_hash, splitter, bool(complete), chunks)
            for source, doc_hash, splitter, complete, chunks in rows
        }

    def mark_pending(self, sources: Iterable[str]) -> None:
        """Before a document's chunks are written: a crash from here on leaves a row
        that says the document must be ingested again."""
        with self._db:
            self._db.executemany(
                "INSERT INTO documents (collection, source, complete) VALUES (?, ?, 0) "
                "ON CONFLICT (collection, source) DO UPDATE SET complete = 0",
                [(self._collection, source) for source in sources],
            )

    def mark_incomplete(self, sources: Iterable[str]) -> None:
        with self._db:
            self._db.executemany(
                "UPDATE documents SET complete = 0 WHERE collection = ? AND source = ?",
                [(self._collection, source) for source in sources],
            )

    def complete(self, documents: list[tuple[LoadedDocument, int]], splitter: str) -> None:
        """After every chunk of these documents is in Chroma, in one transaction.
        `updated_at` moves only when the content changed, `ingested_at` only on the
        first ingest."""
        now = utc_now()
        rows = [
            (
                self._collection,
                document.source,
                document.title,
                document.lang,
                document.doc_hash,
                splitter,
                chunks,
                document.size_bytes,
                now,
                now,
                document.text,
            )
            for document, chunks in documents
        ]
        with self._db:
            self._db.executemany(
                "INSERT INTO documents (collection, source, title, lang, doc_hash, splitter, "
                "chunks, size_bytes, ingested_at, updated_at, complete, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
                "ON CONFLICT (collection, source) DO UPDATE SET title = excluded.title, "
                "lang = excluded.lang, splitter = excluded.splitter, chunks = excluded.chunks, "
                "size_bytes = excluded.size_bytes, complete = 1, text = excluded.text, "
                "ingested_at = CASE WHEN documents.ingested_at = '' "
                "THEN excluded.ingested_at ELSE documents.ingested_at END, "
                "updated_at = CASE WHEN documents.doc_hash IS excluded.doc_hash "
                "THEN documents.updated_at ELSE excluded.updated_at END, "
                "doc_hash = excluded.doc_hash",
                rows,
            )

    def remove(self, source: str) -> None:
        with self._db:
            self._db.execute(
                "DELETE FROM documents WHERE collection = ? AND source = ?",
                (self._collection, source),
            )

    def documents(self) -> list[DocumentRecord]:
        """Documents with at least one complete ingest, by source."""
        rows = self._db.execute(
            "SELECT source, title, lang, doc_hash, chunks, size_bytes, ingested_at, updated_at "
            "FROM documents WHERE collection = ? AND doc_hash IS NOT NULL ORDER BY source",
            (self._collection,),
        )
        return [DocumentRecord(*row) for row in rows]

    def document(self, source: str) -> DocumentRecord | None:
        row = self._db.execute(
            "SELECT source, title, lang, doc_hash, chunks, size_bytes, ingested_at, updated_at "
            "FROM documents WHERE collection = ? AND source = ? AND doc_hash IS NOT NULL",
            (self._collection, source),
        ).fetchone()
        return None if row is None else DocumentRecord(*row)

    def text(self, source: str) -> str | None:
        row = self._db.execute(
            "SELECT text FROM documents WHERE collection = ? AND source = ? "
            "AND doc_hash IS NOT NULL",
            (self._collection, source),
        ).fetchone()
        return None if row is None else str(row[0])
