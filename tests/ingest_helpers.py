"""Shared pieces of the ingestion tests: corpora, a real PDF, a counting embedder and
the consistency checks every sync must pass."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from ingest.catalogue import ChromaRecordManager
from ingest.sync import Ingestor
from rag.components import Components
from rag.embedder import Embedder
from rag.schema import ChunkKey

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


class CountingEmbedder(Embedder):
    """The real embedder, counting what it is asked to embed."""

    def __init__(self, real: Embedder) -> None:
        self._real = real
        self.name, self.dimension, self.max_tokens = real.name, real.dimension, real.max_tokens
        self.calls = 0
        self.texts: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        self.texts.extend(texts)
        return self._real.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._real.embed_query(text)

    def count_tokens(self, text: str) -> int:
        return self._real.count_tokens(text)


def copy_corpus(destination: Path) -> Path:
    """The real corpus, without the evaluation folder's changes leaking back."""
    shutil.copytree(CORPUS, destination)
    return destination


def generated_corpus(destination: Path, documents: int, seed: int = 7) -> Path:
    """Markdown documents built from the real corpus's sentences, shuffled with a fixed
    seed: realistic Spanish text in any amount."""
    lines = [
        line.strip("- ").strip()
        for path in sorted((CORPUS / "notes").glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("- ") and len(line) > 40
    ]
    rng = random.Random(seed)
    destination.mkdir(parents=True, exist_ok=True)
    for number in range(documents):
        folder = destination / f"tema-{number % 5}"
        folder.mkdir(exist_ok=True)
        paragraphs = [" ".join(rng.sample(lines, 4)) for _ in range(rng.randint(2, 6))]
        body = "\n\n".join(paragraphs)
        text = f"---\ntitle: Nota {number}\nlang: es\n---\n\n# Nota {number}\n\n{body}\n"
        (folder / f"nota-{number:04d}.md").write_text(text, encoding="utf-8")
    return destination


def make_pdf(pages: list[str]) -> bytes:
    """A valid PDF with real text content streams, one per page (Helvetica, cp1252)."""
    bodies: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "]
    bodies[0] += b"/Encoding /WinAnsiEncoding >>"
    contents = []
    for text in pages:
        operations = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in text.split("\n"):
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            operations.append(f"({escaped}) Tj T*")
        stream = "\n".join([*operations, "ET"]).encode("cp1252")
        bodies.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        contents.append(len(bodies))
    pages_id = len(bodies) + len(pages) + 1
    kids = []
    for content in contents:
        bodies.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 1 0 R >> >> >>" % (pages_id, content)
        )
        kids.append(len(bodies))
    references = b" ".join(b"%d 0 R" % kid for kid in kids)
    bodies.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (references, len(kids)))
    bodies.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(bodies) + 1, len(bodies))
    output += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(output)


def chunk_state(components: Components) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every chunk in Chroma: id -> (text, metadata)."""
    return {
        chunk_id: (text, metadata) for chunk_id, text, metadata in components.store.iter_chunks()
    }


def record_keys(components: Components) -> set[str]:
    records = ChromaRecordManager(components.store.client, components.settings.collection)
    return set(records.owners())


def lexical_manifest(components: Components) -> dict[str, Any]:
    settings = components.settings
    path = settings.data_dir / "lexical" / settings.collection / "manifest.json"
    return dict(json.loads(path.read_text()))


def assert_consistent(components: Components) -> dict[str, tuple[str, dict[str, Any]]]:
    """What every finished sync guarantees: Chroma, the records, the catalogue and the
    persisted BM25 index agree, and every chunk is its document's text at its offsets."""
    state = chunk_state(components)
    ingestor = Ingestor(components)
    assert record_keys(components) == set(state)
    manifest = lexical_manifest(components)
    assert manifest["version"] == components.store.version()
    assert sorted(manifest["ids"]) == sorted(state)
    documents = ingestor.list_documents()
    assert sum(d.chunks for d in documents) == len(state)
    by_source = {d.source: d for d in documents}
    texts = {source: ingestor.document_text(source) for source in by_source}
    for text, metadata in state.values():
        source = metadata[ChunkKey.SOURCE]
        assert metadata[ChunkKey.DOC_HASH] == by_source[source].doc_hash
        assert texts[source][metadata[ChunkKey.START] : metadata[ChunkKey.END]] == text
    return state


# Small chunks make many chunks and several write groups out of a corpus that embeds in
# seconds, so that a crash test has many distinct points to be killed at.
SMALL_CHUNKS = {"chunk_tokens": 48, "chunk_overlap_tokens": 8}


def open_components(data_dir: Path, corpus: Path, embedder: Any) -> Components:
    """A data dir written by another process (now exited), with small chunks."""
    from rag.settings import load_settings

    components = Components(load_settings(data_dir=data_dir, corpus_dir=corpus, **SMALL_CHUNKS))
    components.__dict__["embedder"] = embedder
    return components


def snapshot(components: Components) -> dict[str, Any]:
    """Every chunk (id -> text, metadata) after the consistency checks, and the catalogue."""
    catalogue = [
        (d.source, d.title, d.lang, d.doc_hash, d.chunks, d.size_bytes)
        for d in Ingestor(components).list_documents()
    ]
    return {"chunks": assert_consistent(components), "catalogue": catalogue}
