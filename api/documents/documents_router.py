"""`/documents` (upload, list, show, delete) and `/ingest` (background re-sync)."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile, status

from api.deps import DocumentServiceDep, IngestJobsDep, KeyCheckedRoute, SettingsDep, WriteKey
from api.documents.documents_models import (
    DeleteResponse,
    DocumentDetail,
    DocumentList,
    IngestJobOut,
    IngestRequest,
    UploadResponse,
)
from api.documents.documents_service import UploadedFile
from ingest.loaders import SUPPORTED_SUFFIXES
from rag.settings import Settings

router = APIRouter(tags=["documents"], route_class=KeyCheckedRoute)

READ_CHUNK = 1 << 20


@router.post(
    "/documents",
    response_model=UploadResponse,
    dependencies=[WriteKey],
    summary="Upload and ingest files",
    description="Saves each file under the corpus folder's `uploads/` with a safe name and "
    f"ingests it. Supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}.",
)
async def upload_documents(
    files: Annotated[list[UploadFile], File(description="One or more documents.", min_length=1)],
    service: DocumentServiceDep,
    settings: SettingsDep,
) -> Any:
    uploaded = [await read_capped(file, settings) for file in files]
    results = await asyncio.to_thread(service.upload, uploaded)
    return {"files": [asdict(result) for result in results]}


async def read_capped(file: UploadFile, settings: Settings) -> UploadedFile:
    """Read at most one byte over the limit, so an oversized file is detected without
    holding all of it in memory."""
    limit = settings.max_upload_bytes
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        part = await file.read(min(READ_CHUNK, limit + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    await file.close()
    return UploadedFile(file.filename or "", b"".join(parts), truncated=size > limit)


@router.get("/documents", response_model=DocumentList, summary="List ingested documents")
async def list_documents(service: DocumentServiceDep) -> Any:
    records = await asyncio.to_thread(service.list)
    return {"documents": [asdict(record) for record in records]}


@router.get(
    "/documents/{source:path}",
    response_model=DocumentDetail,
    summary="Show one document and its text",
)
async def get_document(source: str, service: DocumentServiceDep) -> Any:
    return await asyncio.to_thread(service.get, source)


@router.delete(
    "/documents/{source:path}",
    response_model=DeleteResponse,
    dependencies=[WriteKey],
    summary="Delete a document from the index",
    description="Removes its chunks from Chroma and the lexical index, so no later answer "
    "cites it. An uploaded file is deleted too; a file you placed in the corpus "
    "folder stays there and returns at the next `POST /ingest` unless you remove it.",
)
async def delete_document(source: str, service: DocumentServiceDep) -> Any:
    return await asyncio.to_thread(service.delete, source)


@router.post(
    "/ingest",
    response_model=IngestJobOut,
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[WriteKey],
    summary="Re-sync the corpus folder in the background",
)
async def start_ingest(jobs: IngestJobsDep, request: IngestRequest | None = None) -> Any:
    return jobs.start(dry_run=request.dry_run if request else False).public()


@router.get("/ingest/{job_id}", response_model=IngestJobOut, summary="Progress of an ingest job")
async def ingest_job(job_id: str, jobs: IngestJobsDep) -> Any:
    return jobs.get(job_id).public()
