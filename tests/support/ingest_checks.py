"""What every finished sync must leave behind (Chroma, the records, the catalogue and
the persisted BM25 index agree), and a counting embedder to see what a sync embedded."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ingest.catalogue import StoreRecordManager
from ingest.sync import Ingestor
from rag.answer.evidence import passage_sentences
from rag.answer.sentence_vectors import SentenceVectors
from rag.components import Components
from rag.embedder import Embedder
from rag.schema import ChunkKey, Passage


class CountingEmbedder(Embedder):
    """The real embedder, counting what it is asked to embed."""

    def __init__(self, real: Embedder) -> None:
        self._real = real
        self.name, self.dimension, self.max_tokens = real.name, real.dimension, real.max_tokens
        self.identity = real.identity
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


def embedded_for(chunks: Iterable[tuple[str, dict[str, Any]]]) -> Counter[str]:
    """What ingest embeds for these chunks (text, metadata): each chunk's text and each of
    its evidence sentences."""
    expected: Counter[str] = Counter()
    for text, metadata in chunks:
        expected[text] += 1
        expected.update(s.text for s in passage_sentences(Passage("", text, metadata)))
    return expected


def chunk_state(components: Components) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every chunk in the store: id -> (text, metadata)."""
    return {
        chunk_id: (text, metadata) for chunk_id, text, metadata in components.store.iter_chunks()
    }


def record_keys(components: Components) -> set[str]:
    return set(StoreRecordManager(components.store).owners())


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
    assert SentenceVectors(components.store).keys() == set(state)
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

    settings = load_settings(data_dir=data_dir, corpus_dir=corpus, **SMALL_CHUNKS)
    return Components(settings, embedder=embedder)


def snapshot(components: Components) -> dict[str, Any]:
    """Every chunk (id -> text, metadata) after the consistency checks, and the catalogue."""
    catalogue = [
        (d.source, d.title, d.lang, d.doc_hash, d.chunks, d.size_bytes)
        for d in Ingestor(components).list_documents()
    ]
    return {"chunks": assert_consistent(components), "catalogue": catalogue}
