"""Ingestion and its crash repair on the in-memory fake store: the same `Store`
interface production's Chroma implements, so the ingest rules are checked without a
database. The real embedder over real Chroma: tests/pipeline/test_ingest_sync.py."""

from __future__ import annotations

from pathlib import Path

from ingest.report import DocStatus
from ingest.sync import Ingestor
from rag.answer.retrieval import HybridRetriever
from rag.components import Components
from rag.schema import ChunkKey
from tests.support.fake_store import FakeStore
from tests.support.fakes import fake_components

LIGHTHOUSE = "notes/faro.md"
COFFEE = "notes/cafe.md"


def corpus_with_two_notes(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "notes").mkdir(parents=True)
    (corpus / LIGHTHOUSE).write_text(
        "# Faro\n\nEl faro de Punta Norte mide treinta metros y se construyó en 1902.\n",
        encoding="utf-8",
    )
    (corpus / COFFEE).write_text(
        "# Café\n\nEl café de altura se tuesta despacio para conservar su acidez.\n",
        encoding="utf-8",
    )
    return corpus


def components_on(tmp_path: Path, store: FakeStore) -> Components:
    corpus = corpus_with_two_notes(tmp_path)
    return fake_components(tmp_path / "data", store=store, corpus_dir=corpus)


def test_sync_adds_skips_updates_and_deletes_on_the_fake_store(tmp_path: Path) -> None:
    store = FakeStore()
    components = components_on(tmp_path, store)
    ingestor = Ingestor(components)
    first = ingestor.sync()
    assert first.count(DocStatus.ADDED) == 2 and store.count() == first.chunks_embedded > 0
    stamp = store.version()
    again = ingestor.sync()
    assert again.count(DocStatus.UNCHANGED) == 2 and again.chunks_embedded == 0
    assert store.version() == stamp  # nothing written, nothing stamped
    (components.settings.corpus_dir / LIGHTHOUSE).write_text(
        "# Faro\n\nEl faro de Punta Norte mide cuarenta metros.\n", encoding="utf-8"
    )
    changed = ingestor.sync()
    assert changed.documents[LIGHTHOUSE] == DocStatus.UPDATED
    assert store.version() != stamp
    [hit] = HybridRetriever(components).search("¿Cuánto mide el faro?", top_k=1)
    assert hit.source == LIGHTHOUSE and "cuarenta" in hit.text
    assert [d.source for d in ingestor.list_documents()] == [COFFEE, LIGHTHOUSE]
    assert ingestor.delete_document(COFFEE) >= 1
    assert not store.has_chunks({ChunkKey.SOURCE.value: COFFEE})
    assert [d.source for d in ingestor.list_documents()] == [LIGHTHOUSE]


def test_reconcile_on_the_fake_store_repairs_what_a_crash_can_leave(tmp_path: Path) -> None:
    store = FakeStore()
    components = components_on(tmp_path, store)
    ingestor = Ingestor(components)
    ingestor.sync()
    clean = {chunk_id: text for chunk_id, text, _ in store.iter_chunks()}
    victim = next(store.ids({ChunkKey.SOURCE.value: LIGHTHOUSE}))
    store.delete([victim])  # a record without its chunk
    store.add_chunks(  # a chunk without a record
        ["orphan"],
        ["huérfano"],
        [{ChunkKey.SOURCE.value: "gone.md"}],
        components.embedder.embed_documents(["huérfano"]),
    )
    report = ingestor.sync()
    assert report.documents[LIGHTHOUSE] == DocStatus.UPDATED
    assert report.documents[COFFEE] == DocStatus.UNCHANGED
    assert report.chunks_deleted == 1
    assert {chunk_id: text for chunk_id, text, _ in store.iter_chunks()} == clean
