"""Sync the corpus into Chroma and the BM25 index: exactly, cheaply, and crash-safely.

A run holds the ingest lock, repairs whatever a crashed run left (`reconcile`), deletes
documents that vanished from the paths it was given, skips files whose bytes hash to
what the catalogue holds (before parsing, splitting or embedding anything), and writes
the rest through LangChain's `index` in groups of documents. A document's catalogue
row is completed only after its chunks are in Chroma. The store's version stamp is
bumped before the first write and after the last, and the lexical index is rebuilt
once at the end.

Before anything is written, the collection's embedding model is checked
(rag/model_check.py): an empty collection adopts the current model at its first write,
another model's collection is refused, and a reindex (asked for, or left unfinished by
a crash) re-embeds the whole corpus (ingest/reindex.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.documents import Document

from ingest.catalogue import Catalogue, CatalogueEntry, StoreRecordManager
from ingest.chunks import chunk_documents
from ingest.corpus import Target, resolve_targets, scan
from ingest.faults import AFTER_FIRST_GROUP, fault_point
from ingest.loaders import FileRejected, LoadedDocument, content_hash, parse_document, read_file
from ingest.lock import LOCK_NAME, ingest_lock
from ingest.reindex import finish, writes_as_reindex
from ingest.report import DocStatus, DocumentRecord, FileError, IngestReport
from ingest.splitter import Splitter
from ingest.writer import ChunkWriter
from rag.components import Components
from rag.errors import ConfigError, NotFoundError
from rag.model_check import adopt_model, check_model, records_configured_model

if TYPE_CHECKING:
    from rag.embedder import Embedder

# Chunks written per `index` call: whole documents only, so that incremental cleanup
# never deletes a chunk that a later batch of the same document would keep.
GROUP_CHUNKS = 256
LOCK_TIMEOUT_S = 300.0
SPLITTER_VERSION = 1  # bump when splitting changes, so every document is split again


@dataclass
class IngestProgress:
    phase: str  # "waiting", "scanning", "ingesting" or "done"
    files_total: int = 0
    files_done: int = 0
    chunks_total: int = 0  # chunks of the changed documents split so far
    chunks_done: int = 0
    message: str = ""


ProgressCallback = Callable[[IngestProgress], None]


@dataclass
class _Pending:
    document: LoadedDocument
    chunks: list[Document]
    status: DocStatus


class Ingestor:
    """The one entry point for ingestion, shared by the CLI and the API."""

    def __init__(self, components: Components, lock_timeout: float = LOCK_TIMEOUT_S) -> None:
        self.components = components
        self.settings = components.settings
        self.lock_timeout = lock_timeout

    def sync(
        self,
        paths: list[Path] | None = None,
        dry_run: bool = False,
        progress: ProgressCallback | None = None,
        reindex: bool = False,
    ) -> IngestReport:
        """Bring the store in line with the files under `paths` (default: the corpus
        dir). A dry run reports what would change and writes nothing. `reindex`
        re-embeds every document of the corpus with the current model."""
        started = time.perf_counter()
        notify = progress or _ignore
        if reindex and dry_run:
            raise ConfigError("--reindex writes everything again: it has no dry run")
        if reindex and paths:
            raise ConfigError("--reindex re-embeds the whole corpus: give it no paths")
        targets = resolve_targets(self.settings.corpus_dir, paths)
        if dry_run:
            report = _SyncRun(self.components, targets, notify, dry_run=True).run()
        else:
            with self._lock(notify):
                run = _SyncRun(self.components, targets, notify, dry_run=False, reindex=reindex)
                report = run.run()
        report.seconds = time.perf_counter() - started
        notify(IngestProgress("done", message=f"{report.seconds:.1f} s"))
        return report

    def delete_document(self, source: str) -> int:
        """Remove a document's chunks and catalogue row; returns chunks removed. The
        file itself is not touched: if it is still in the corpus, the next sync adds
        it back."""
        with self._lock(_ignore):
            catalogue = self._catalogue()
            records = record_manager(self.components)
            if source not in catalogue.entries() and not records.keys_of(source):
                raise NotFoundError(f"document not found: {source}")
            store = self.components.store
            bump_once = _Once(store.bump_version)
            writer = ChunkWriter(store, self._embedder, records, bump_once, _ignore)
            removed = writer.delete_source(source)
            catalogue.remove(source)
            if bump_once.called:
                store.bump_version()
            self.components.lexical.ensure_fresh(force_check=True)
            return removed

    def list_documents(self) -> list[DocumentRecord]:
        if never_ingested(self.components):
            return []
        return self._catalogue().documents()

    def get_document(self, source: str) -> DocumentRecord:
        found = None if never_ingested(self.components) else self._catalogue().document(source)
        if found is None:
            raise NotFoundError(f"document not found: {source}")
        return found

    def document_text(self, source: str) -> str:
        """The normalized text that chunk offsets (`start`, `end`) index into."""
        text = None if never_ingested(self.components) else self._catalogue().text(source)
        if text is None:
            raise NotFoundError(f"document not found: {source}")
        return text

    def _catalogue(self) -> Catalogue:
        return catalogue_of(self.components)

    def _embedder(self) -> Embedder:
        return self.components.embedder

    def _lock(self, notify: ProgressCallback) -> AbstractContextManager[None]:
        return ingest_lock(
            self.settings.data_dir / LOCK_NAME,
            self.lock_timeout,
            on_wait=lambda message: notify(IngestProgress("waiting", message=message)),
        )


class _SyncRun:
    """One sync: its report, its progress counters and whether it has written yet."""

    def __init__(
        self,
        components: Components,
        targets: list[Target],
        notify: ProgressCallback,
        dry_run: bool,
        reindex: bool = False,
    ) -> None:
        self.components = components
        self.settings = components.settings
        self.targets = targets
        self.notify = notify
        self.dry_run = dry_run
        self.reindex = reindex
        self.report = IngestReport(dry_run=dry_run)
        self.progress = IngestProgress("scanning")
        self.pending: list[_Pending] = []
        self.fingerprint = (
            f"v{SPLITTER_VERSION}:{self.settings.chunk_tokens}:{self.settings.chunk_overlap_tokens}"
        )
        self.catalogue: Catalogue | None = None
        self.records: StoreRecordManager | None = None
        self._bump_once = _Once(self._before_first_write)
        self._groups_written = 0
        self._done_chunks = 0

    def run(self) -> IngestReport:
        if not (self.dry_run and never_ingested(self.components)):
            self._check_model()
            self.catalogue = catalogue_of(self.components)
        self._check_missing_targets(self._entries())
        if not self.dry_run:
            self.records = record_manager(self.components)
            self.report.chunks_deleted += self.writer.reconcile(self._catalogue())
        entries = self._entries()
        files = scan(self.settings.corpus_dir, self.targets)
        vanished = self._vanished(entries, files)
        self._advance(phase="ingesting", files_total=len(files) + len(vanished))
        for source in vanished:
            self._remove(source, DocStatus.DELETED)
        for source, path in files.items():
            self._visit(source, path, entries.get(source))
        self._flush()
        if not self.dry_run:
            self._finish()
        return self.report

    def _visit(self, source: str, path: Path, entry: CatalogueEntry | None) -> None:
        try:
            data = read_file(path, self.settings.max_file_bytes)
            if self._unchanged(entry, content_hash(data)):
                self.report.documents[source] = DocStatus.UNCHANGED
                self._advance(files_done=self.progress.files_done + 1)
                return
            document = parse_document(source, data)
        except FileRejected as exc:
            self.report.errors.append(FileError(source, str(exc)))
            self._remove(source, DocStatus.ERROR, known=entry is not None)
            return
        status = DocStatus.UPDATED if entry and entry.doc_hash else DocStatus.ADDED
        if self.dry_run:
            self.report.documents[source] = status
            self._advance(files_done=self.progress.files_done + 1)
            return
        spans = self.splitter.split(document.text, document.lang, document.pages)
        chunks = chunk_documents(document, spans)
        self.pending.append(_Pending(document, chunks, status))
        self._advance(chunks_total=self.progress.chunks_total + len(chunks))
        if sum(len(p.chunks) for p in self.pending) >= GROUP_CHUNKS:
            self._flush()

    def _unchanged(self, entry: CatalogueEntry | None, doc_hash: str) -> bool:
        return (
            entry is not None
            and entry.complete
            and entry.doc_hash == doc_hash
            and entry.splitter == self.fingerprint
        )

    def _flush(self) -> None:
        """Write the pending documents: mark them pending, write their chunks, then
        complete their catalogue rows."""
        if not self.pending:
            return
        catalogue = self._catalogue()
        self._bump_once()
        catalogue.mark_pending(p.document.source for p in self.pending)
        embedded, deleted = self.writer.write([c for p in self.pending for c in p.chunks])
        catalogue.complete([(p.document, len(p.chunks)) for p in self.pending], self.fingerprint)
        for item in self.pending:
            self.report.documents[item.document.source] = item.status
        self.report.chunks_embedded += embedded
        self.report.chunks_deleted += deleted
        self._done_chunks += sum(len(p.chunks) for p in self.pending)
        self._advance(
            files_done=self.progress.files_done + len(self.pending), chunks_done=self._done_chunks
        )
        self.pending = []
        self._groups_written += 1
        if self._groups_written == 1:
            fault_point(AFTER_FIRST_GROUP)

    def _remove(self, source: str, status: DocStatus, known: bool = True) -> None:
        self.report.documents[source] = status
        if known and not self.dry_run:
            self.report.chunks_deleted += self.writer.delete_source(source)
            self._catalogue().remove(source)
        self._advance(files_done=self.progress.files_done + 1)

    def _finish(self) -> None:
        """Bump once more after the last write, so any index built mid-run is stale,
        then rebuild the lexical index once for the whole run. A reindex is complete
        only now."""
        if self._bump_once.called:
            self._bump()
        if self.reindex:
            finish(self.components.store, self.components.embedder.identity)
        self.components.lexical.ensure_fresh(force_check=True)

    def _check_model(self) -> None:
        """Refuse another model's collection; a writing run may instead have a reindex
        to do (asked for, or unfinished), and then covers the whole corpus."""
        if not self.reindex and records_configured_model(self.components):
            return
        if self.dry_run:
            check_model(self.components.store, self.components.embedder.identity)
            return
        self.reindex = writes_as_reindex(self.components, self.reindex)
        if self.reindex:
            self.targets = resolve_targets(self.settings.corpus_dir, None)

    def _before_first_write(self) -> None:
        adopt_model(self.components.store, self.components.embedder.identity)
        self._bump()

    def _check_missing_targets(self, entries: dict[str, CatalogueEntry]) -> None:
        """A path that no longer exists is fine if it names ingested documents (they
        are deleted); otherwise it is a typo the user should hear about."""
        for target in self.targets:
            if not target.exists and not any(target.covers(source) for source in entries):
                raise ConfigError(f"not in the corpus dir nor ingested: {target.prefix}")

    def _vanished(self, entries: dict[str, CatalogueEntry], files: dict[str, Path]) -> list[str]:
        return [
            source
            for source in sorted(entries)
            if source not in files and any(t.covers(source) for t in self.targets)
        ]

    def _entries(self) -> dict[str, CatalogueEntry]:
        return self.catalogue.entries() if self.catalogue else {}

    def _advance(self, **changes: object) -> None:
        for name, value in changes.items():
            setattr(self.progress, name, value)
        self.notify(replace(self.progress))  # a snapshot: callers may keep events

    def _on_embedded(self, count: int) -> None:
        self._advance(chunks_done=self.progress.chunks_done + count)

    def _bump(self) -> None:
        self.components.store.bump_version()

    def _catalogue(self) -> Catalogue:
        assert self.catalogue is not None, "set when the run starts"
        return self.catalogue

    @cached_property
    def writer(self) -> ChunkWriter:
        assert self.records is not None, "writing runs always open the records"
        return ChunkWriter(
            self.components.store,
            lambda: self.components.embedder,
            self.records,
            self._bump_once,
            self._on_embedded,
        )

    @cached_property
    def splitter(self) -> Splitter:
        embedder = self.components.embedder
        return Splitter(
            embedder.count_tokens,
            self.settings.chunk_tokens,
            self.settings.chunk_overlap_tokens,
            embedder.max_tokens,
        )


class _Once:
    """Call `action` the first time only; `called` says whether it happened."""

    def __init__(self, action: Callable[[], object]) -> None:
        self._action = action
        self.called = False

    def __call__(self) -> None:
        if not self.called:
            self.called = True
            self._action()


def record_manager(components: Components) -> StoreRecordManager:
    return StoreRecordManager(components.store)


def never_ingested(components: Components) -> bool:
    """True for an embedded store that is not open and does not exist yet: reading it
    (a dry run, a listing) must not create it."""
    settings = components.settings
    return (
        "store" not in components.loaded()
        and settings.chroma_url is None
        and not settings.chroma_dir.exists()
    )


def catalogue_of(components: Components) -> Catalogue:
    return Catalogue(components.store)


def _ignore(*_: object) -> None:
    """The default progress callback."""
