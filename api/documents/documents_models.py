"""Request and response bodies of `/documents` and `/ingest`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SOURCE_EXAMPLE = "posts/tendencias-modelos-generativos.md"


class DocumentPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "source": SOURCE_EXAMPLE,
                    "title": "Tendencias en el desarrollo de modelos generativos",
                    "lang": "es",
                    "doc_hash": "9b1f…",
                    "chunks": 42,
                    "size_bytes": 31554,
                    "ingested_at": "2026-01-01T10:00:00+00:00",
                    "updated_at": "2026-01-01T10:00:00+00:00",
                }
            ]
        }
    )

    source: str = Field(description="The document id: its path relative to the corpus folder.")
    title: str
    lang: str
    doc_hash: str = Field(
        description="sha256 of the file's bytes as ingested: it changes when the file does."
    )
    chunks: int
    size_bytes: int
    ingested_at: str
    updated_at: str


class DocumentDetail(DocumentPublic):
    text: str = Field(description="The document's normalized text, as indexed.")


class DocumentList(BaseModel):
    documents: list[DocumentPublic]


class FileResultOut(BaseModel):
    filename: str = Field(description="The name the client sent.")
    source: str | None = Field(description="The document id it was saved as, if saved.")
    status: Literal["added", "updated", "unchanged", "error"]
    error: str | None = None


class UploadResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "files": [
                        {
                            "filename": "notas.md",
                            "source": "uploads/notas.md",
                            "status": "added",
                            "error": None,
                        },
                        {
                            "filename": "foto.png",
                            "source": None,
                            "status": "error",
                            "error": "'foto.png': unsupported file type '.png', use one of …",
                        },
                    ]
                }
            ]
        }
    )

    files: list[FileResultOut]


class DeleteResponse(BaseModel):
    source: str
    chunks_deleted: int
    file_deleted: bool = Field(description="True when an uploaded file was removed as well.")


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    dry_run: bool = Field(False, description="Report what would change without writing.")


class IngestJobOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "4c1d0f2a9e8b7c6d",
                    "dry_run": False,
                    "status": "done",
                    "created_at": "2026-01-01T10:00:00+00:00",
                    "started_at": "2026-01-01T10:00:00+00:00",
                    "finished_at": "2026-01-01T10:00:04+00:00",
                    "progress": {
                        "phase": "done",
                        "files_total": 6,
                        "files_done": 6,
                        "chunks_total": 3,
                        "chunks_done": 3,
                        "message": "",
                    },
                    "result": {"added": 1, "updated": 0, "deleted": 0, "unchanged": 5},
                    "error": None,
                }
            ]
        }
    )

    job_id: str
    dry_run: bool
    status: Literal["queued", "running", "done", "failed"]
    created_at: str
    started_at: str | None
    finished_at: str | None
    progress: dict[str, Any] = Field(
        description="The latest report: phase, files and chunks done out of total."
    )
    result: dict[str, Any] | None = Field(description="The ingest report once done.")
    error: str | None
