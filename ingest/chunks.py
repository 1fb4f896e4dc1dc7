"""Chunks as LangChain `Document`s with deterministic ids and the metadata contract.

A chunk's id depends only on its document's source and its own text (plus which
repetition of that text it is), never on its position. An edit early in a document
therefore shifts offsets without changing the ids of untouched chunks, so they are
not embedded again; only their metadata is refreshed. Ids never depend on the data
dir or on time, so a recovered ingest and a clean one produce the same ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from langchain_core.documents import Document

from ingest.loaders import LoadedDocument
from ingest.splitter import ChunkSpan
from rag.schema import ChunkKey

ID_HEX_CHARS = 32


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def chunk_documents(document: LoadedDocument, spans: list[ChunkSpan]) -> list[Document]:
    seen: Counter[str] = Counter()
    chunks: list[Document] = []
    for index, span in enumerate(spans):
        text = document.text[span.start : span.end]
        chunk_hash = _digest(text)
        repetition = seen[chunk_hash]
        seen[chunk_hash] += 1
        chunks.append(
            Document(
                id=_digest(f"{document.source}\x00{chunk_hash}\x00{repetition}"),
                page_content=text,
                metadata=chunk_metadata(document, span, index, chunk_hash),
            )
        )
    return chunks


def chunk_metadata(
    document: LoadedDocument, span: ChunkSpan, index: int, chunk_hash: str
) -> dict[str, Any]:
    metadata: dict[str, Any] = dict(document.extra)
    metadata.update(
        {
            ChunkKey.SOURCE.value: document.source,
            ChunkKey.TITLE.value: document.title,
            ChunkKey.LANG.value: document.lang,
            ChunkKey.DOC_HASH.value: document.doc_hash,
            ChunkKey.CHUNK_HASH.value: chunk_hash,
            ChunkKey.CHUNK_INDEX.value: index,
            ChunkKey.START.value: span.start,
            ChunkKey.END.value: span.end,
            ChunkKey.SECTION.value: span.section,
        }
    )
    if span.page is not None:
        metadata[ChunkKey.PAGE.value] = span.page
    return metadata


def chunk_id_of(chunk: Document) -> str:
    """The key encoder handed to `langchain_core.indexing.index`: our own id."""
    if chunk.id is None:
        raise ValueError("chunk has no id")
    return chunk.id
