"""What an ingest run and the document catalogue report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class DocStatus(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    DELETED = "deleted"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class FileError:
    source: str
    error: str


@dataclass
class IngestReport:
    documents: dict[str, DocStatus] = field(default_factory=dict)  # source -> what happened
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    errors: list[FileError] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False

    def count(self, status: DocStatus) -> int:
        return sum(1 for s in self.documents.values() if s == status)

    def public(self) -> dict[str, Any]:
        """The JSON of `rag ingest --json`."""
        return {
            "added": self.count(DocStatus.ADDED),
            "updated": self.count(DocStatus.UPDATED),
            "deleted": self.count(DocStatus.DELETED),
            "unchanged": self.count(DocStatus.UNCHANGED),
            "chunks_embedded": self.chunks_embedded,
            "chunks_deleted": self.chunks_deleted,
            "errors": [asdict(e) for e in self.errors],
            "seconds": round(self.seconds, 3),
            "dry_run": self.dry_run,
            "documents": {source: str(status) for source, status in sorted(self.documents.items())},
        }


@dataclass
class DocumentRecord:
    """One ingested document as the catalogue knows it."""

    source: str
    title: str
    lang: str
    doc_hash: str
    chunks: int
    size_bytes: int
    ingested_at: str  # ISO 8601, UTC: first ingest
    updated_at: str  # ISO 8601, UTC: last content change
