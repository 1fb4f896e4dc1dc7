"""Document management: upload and ingest, list, show, delete."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from api.contracts import IngestorLike
from api.documents.uploads import (
    UPLOAD_FOLDER,
    UploadNameError,
    safe_filename,
    save_upload,
    source_of,
    upload_dir,
)
from api.limits import check_file_count, file_too_large
from ingest.report import DocStatus, DocumentRecord, IngestReport
from rag.settings import Settings


@dataclass
class UploadedFile:
    filename: str
    content: bytes
    truncated: bool = False  # the client sent more than the size limit


@dataclass
class FileResult:
    filename: str
    source: str | None
    status: str  # a DocStatus value
    error: str | None = None


class DocumentService:
    def __init__(self, ingestor: IngestorLike, settings: Settings, ingest_lock: threading.Lock):
        self.ingestor = ingestor
        self.settings = settings
        self.ingest_lock = ingest_lock

    @property
    def corpus_dir(self) -> Path:
        return self.settings.corpus_dir

    def check_upload(self, files: list[UploadedFile]) -> None:
        """Refuse the whole request before anything is saved."""
        check_file_count(len(files), self.settings)
        for file in files:
            if file.truncated or len(file.content) > self.settings.max_upload_bytes:
                raise file_too_large(file.filename, self.settings)

    def upload(self, files: list[UploadedFile]) -> list[FileResult]:
        """Save the files with safe names and ingest just those, one result per file."""
        self.check_upload(files)
        results: list[FileResult] = []
        saved: dict[int, Path] = {}
        with self.ingest_lock:
            for index, file in enumerate(files):
                try:
                    name = safe_filename(file.filename)
                except UploadNameError as exc:
                    results.append(FileResult(file.filename, None, DocStatus.ERROR, str(exc)))
                    continue
                saved[index] = save_upload(self.corpus_dir, name, file.content)
                results.append(FileResult(file.filename, None, DocStatus.ERROR))
            if saved:
                report = self.ingestor.sync(paths=list(saved.values()))
                for index, path in saved.items():
                    results[index] = self._result(files[index].filename, path, report)
        return results

    def _result(self, filename: str, path: Path, report: IngestReport) -> FileResult:
        source = source_of(path, self.corpus_dir)
        errors = [e.error for e in report.errors if e.source == source]
        status = report.documents.get(source, DocStatus.ERROR if errors else DocStatus.UNCHANGED)
        if status == DocStatus.ERROR or errors:
            path.unlink(missing_ok=True)  # nothing unreadable stays in the corpus
            return FileResult(filename, source, DocStatus.ERROR, errors[0] if errors else None)
        return FileResult(filename, source, str(status))

    def list(self) -> list[DocumentRecord]:
        return sorted(self.ingestor.list_documents(), key=lambda record: record.source)

    def get(self, source: str) -> dict[str, Any]:
        record = self.ingestor.get_document(source)
        return {**asdict(record), "text": self.ingestor.document_text(source)}

    def delete(self, source: str) -> dict[str, Any]:
        """Remove the document from the store and lexical index; an uploaded file is
        removed too, so that a later re-sync does not bring it back."""
        with self.ingest_lock:
            chunks = self.ingestor.delete_document(source)
            file_deleted = self._delete_uploaded_file(source)
        return {"source": source, "chunks_deleted": chunks, "file_deleted": file_deleted}

    def _delete_uploaded_file(self, source: str) -> bool:
        if not source.startswith(f"{UPLOAD_FOLDER}/"):
            return False
        folder = upload_dir(self.corpus_dir).resolve()
        path = (self.corpus_dir / source).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return False
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return True
