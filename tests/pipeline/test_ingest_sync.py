"""Sync semantics on real Chroma and the real embedder: exact counts for every change.

Here on embedded Chroma. tests/system/test_ingest_sync_chroma_server.py runs these same
tests on a real `chroma run` server, because the same code must behave the same on both.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ingest.corpus import resolve_targets, scan
from ingest.loaders import parse_document, read_file
from ingest.lock import LOCK_NAME, IngestBusyError, ingest_lock
from ingest.report import DocStatus
from ingest.splitter import Splitter
from ingest.sync import Ingestor, IngestProgress, catalogue_of
from rag.analyzer import ANALYZER_VERSION
from rag.components import Components
from rag.errors import NotFoundError
from rag.schema import ChunkKey
from tests.support.documents import copy_corpus, generated_corpus, make_pdf
from tests.support.ingest_checks import (
    CountingEmbedder,
    assert_consistent,
    embedded_for,
    lexical_manifest,
)
from tests.support.paths import CORPUS

CORPUS_DOCS = len(scan(CORPUS, resolve_targets(CORPUS, None)))

POST = "posts/tendencias-modelos-generativos.md"
NOTE = "notes/conclusiones.md"
Build = Callable[..., tuple[Components, CountingEmbedder]]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus")


@pytest.fixture
def store_settings() -> dict[str, str]:
    """Embedded Chroma: no store setting to add."""
    return {}


@pytest.fixture
def build(
    make_components: Callable[..., Components],
    corpus: Path,
    embedder: Any,
    store_settings: dict[str, str],
) -> Build:
    """Components on a fresh store whose embedder counts what it embeds."""

    def make(**overrides: Any) -> tuple[Components, CountingEmbedder]:
        overrides.setdefault("corpus_dir", corpus)
        overrides = {**store_settings, **overrides}
        counting = CountingEmbedder(embedder)
        return make_components(**overrides).with_parts(embedder=counting), counting

    return make


def expected_chunks(components: Components, embedder: Any) -> dict[str, int]:
    """Chunks per document, from loading and splitting each file directly."""
    settings = components.settings
    splitter = Splitter(
        embedder.count_tokens,
        settings.chunk_tokens,
        settings.chunk_overlap_tokens,
        embedder.max_tokens,
    )
    counts = {}
    for source, path in scan(
        settings.corpus_dir, resolve_targets(settings.corpus_dir, None)
    ).items():
        document = parse_document(source, read_file(path, settings.max_file_bytes))
        counts[source] = len(splitter.split(document.text, document.lang, document.pages))
    return counts


def sources_in_store(state: dict[str, tuple[str, dict[str, Any]]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text, metadata in state.values():
        found.setdefault(metadata[ChunkKey.SOURCE], []).append(text)
    return {source: sorted(texts) for source, texts in found.items()}


def test_first_ingest_adds_every_document_with_exact_chunk_counts(
    build: Build, embedder: Any
) -> None:
    components, counting = build()
    report = Ingestor(components).sync()
    expected = expected_chunks(components, embedder)
    assert report.documents == dict.fromkeys(expected, DocStatus.ADDED)
    assert report.chunks_embedded == sum(expected.values())
    assert report.chunks_deleted == 0 and report.errors == []
    state = assert_consistent(components)
    assert Counter(counting.texts) == embedded_for(state.values())
    assert {s: len(t) for s, t in sources_in_store(state).items()} == expected
    assert {d.source: d.chunks for d in Ingestor(components).list_documents()} == expected


def test_unchanged_reingest_embeds_nothing(build: Build) -> None:
    components, counting = build()
    Ingestor(components).sync()
    before = assert_consistent(components)
    embedded_texts = len(counting.texts)
    report = Ingestor(components).sync()
    assert counting.texts[embedded_texts:] == []
    assert report.count(DocStatus.UNCHANGED) == len(report.documents) == CORPUS_DOCS
    assert (report.chunks_embedded, report.chunks_deleted) == (0, 0)
    assert assert_consistent(components) == before
    fresh, fresh_counting = build(data_dir=components.settings.data_dir)  # as a new process
    assert Ingestor(fresh).sync().count(DocStatus.UNCHANGED) == CORPUS_DOCS
    assert fresh_counting.calls == 0


def test_unchanged_reingest_in_a_new_process_loads_no_embedding_model(
    build: Build,
    make_components: Callable[..., Components],
    models_dir: Path,
    store_settings: dict[str, str],
) -> None:
    components, _ = build()
    Ingestor(components).sync()
    settings = components.settings
    same_files = {"embedding_model": str(models_dir / "multilingual-e5-small")}
    fresh = make_components(
        data_dir=settings.data_dir, corpus_dir=settings.corpus_dir, **same_files, **store_settings
    )
    fresh = Components(fresh.settings)  # nothing loaded, as in a new `rag ingest`
    report = Ingestor(fresh).sync()
    assert report.count(DocStatus.UNCHANGED) == CORPUS_DOCS
    assert "embedder" not in fresh.loaded()


def test_edit_reembeds_only_the_changed_chunks(build: Build, corpus: Path) -> None:
    components, counting = build()
    ingestor = Ingestor(components)
    ingestor.sync()
    before = assert_consistent(components)
    post = corpus / POST
    text = post.read_text(encoding="utf-8")
    last_sentence = text.rstrip().rsplit("\n", 1)[-1]
    edited = text.replace("\n# ", "\nUna línea nueva al principio desplaza todo.\n\n# ", 1)
    post.write_text(edited.replace(last_sentence, "Una conclusión distinta."), encoding="utf-8")
    counting.texts.clear()
    report = ingestor.sync()
    after = assert_consistent(components)  # offsets and doc_hash of kept chunks refreshed
    added, removed = after.keys() - before.keys(), before.keys() - after.keys()
    assert report.documents[POST] == DocStatus.UPDATED
    assert report.count(DocStatus.UNCHANGED) == CORPUS_DOCS - 1
    assert report.chunks_embedded == len(added) > 0
    assert Counter(counting.texts) == embedded_for(after[k] for k in added)
    assert report.chunks_deleted == len(removed) > 0
    post_chunks = [k for k, (_, m) in after.items() if m[ChunkKey.SOURCE] == POST]
    assert len(added) < len(post_chunks)  # untouched chunks were kept, not re-embedded
    assert {after[k][1][ChunkKey.SOURCE] for k in added} == {POST}
    assert {before[k][1][ChunkKey.SOURCE] for k in removed} == {POST}
    shifted = [k for k in before.keys() & after.keys() if after[k][1] != before[k][1]]
    assert {after[k][1][ChunkKey.SOURCE] for k in shifted} == {POST}


def test_delete_removes_every_chunk_of_the_document(build: Build, corpus: Path) -> None:
    components, _ = build()
    ingestor = Ingestor(components)
    ingestor.sync()
    chunks_before = ingestor.get_document(NOTE).chunks
    total = components.store.count()
    (corpus / NOTE).unlink()
    report = ingestor.sync()
    assert report.documents[NOTE] == DocStatus.DELETED
    assert report.count(DocStatus.UNCHANGED) == CORPUS_DOCS - 1
    assert (report.chunks_deleted, report.chunks_embedded) == (chunks_before, 0)
    state = assert_consistent(components)
    assert len(state) == total - chunks_before
    assert NOTE not in sources_in_store(state)
    with pytest.raises(NotFoundError, match=f"^document not found: {NOTE}$"):
        ingestor.get_document(NOTE)


def test_rename_is_a_delete_plus_an_add_without_duplicates(build: Build, corpus: Path) -> None:
    components, counting = build()
    ingestor = Ingestor(components)
    ingestor.sync()
    before = sources_in_store(assert_consistent(components))
    (corpus / NOTE).rename(corpus / "notes/renombrada.md")
    counting.texts.clear()
    report = ingestor.sync()
    assert report.documents[NOTE] == DocStatus.DELETED
    assert report.documents["notes/renombrada.md"] == DocStatus.ADDED
    assert report.chunks_deleted == report.chunks_embedded == len(before[NOTE])
    after = sources_in_store(assert_consistent(components))
    assert after["notes/renombrada.md"] == before[NOTE]
    assert NOTE not in after
    assert sum(map(len, after.values())) == sum(map(len, before.values()))


def test_syncing_a_folder_leaves_the_rest_alone(build: Build, corpus: Path) -> None:
    components, _ = build()
    ingestor = Ingestor(components)
    ingestor.sync()
    (corpus / NOTE).unlink()
    (corpus / POST).unlink()
    report = ingestor.sync([corpus / "notes"])
    assert report.documents[NOTE] == DocStatus.DELETED
    assert POST not in report.documents
    assert POST in sources_in_store(assert_consistent(components))
    assert ingestor.sync([corpus / POST]).documents == {POST: DocStatus.DELETED}
    assert POST not in sources_in_store(assert_consistent(components))


def test_bad_files_are_reported_and_the_run_goes_on(build: Build, corpus: Path) -> None:
    components, _ = build(max_file_bytes=20_000)
    bad = {
        "malos/binario.md": (b"# Hola\x00\x01", "binary file (contains NUL bytes)"),
        "malos/latin1.txt": ("canción".encode("latin-1"), "not valid UTF-8"),
        "malos/vacio.md": (b"\n\n", "empty file"),
        "malos/enorme.txt": (b"palabra " * 3000, "file too large: 24000 bytes"),
        "malos/roto.pdf": (b"%PDF-1.7\n1 0 obj <<", "corrupt PDF"),
    }
    for source, (data, _) in bad.items():
        (corpus / source).parent.mkdir(exist_ok=True)
        (corpus / source).write_bytes(data)
    ingestor = Ingestor(components)
    report = ingestor.sync()
    reasons = {error.source: error.error for error in report.errors}
    assert sorted(reasons) == sorted(bad)
    for source, (_, reason) in bad.items():
        assert reason in reasons[source]
        assert report.documents[source] == DocStatus.ERROR
    assert report.count(DocStatus.ADDED) == CORPUS_DOCS
    assert_consistent(components)
    (corpus / "malos/vacio.md").write_text("Ahora tiene una frase.", encoding="utf-8")
    (corpus / NOTE).write_bytes(b"\x00binary now")  # a good document goes bad
    chunks_of_note = ingestor.get_document(NOTE).chunks
    again = ingestor.sync()
    assert again.documents["malos/vacio.md"] == DocStatus.ADDED
    assert again.documents[NOTE] == DocStatus.ERROR
    assert again.chunks_deleted == chunks_of_note
    assert NOTE not in sources_in_store(assert_consistent(components))


def test_pdf_and_html_documents(build: Build, corpus: Path) -> None:
    pages = [
        "La cuantización reduce la memoria.\nOcupa menos espacio.",
        "La destilación transfiere.",
    ]
    (corpus / "docs").mkdir()
    (corpus / "docs/informe.pdf").write_bytes(make_pdf(pages))
    (corpus / "docs/pagina.html").write_text(
        "<html><head><title>Modelos locales</title><script>var clave='SECRETO_JS';</script>"
        "</head><body><article><h1>Ejecutar en local</h1><p>Los modelos pequeños caben en un "
        "portátil y responden sin conexión.</p><script>alert('OTRO_SECRETO')</script>"
        "</article></body></html>",
        encoding="utf-8",
    )
    components, _ = build()
    ingestor = Ingestor(components)
    report = ingestor.sync()
    assert report.errors == []
    assert report.documents["docs/informe.pdf"] == report.documents["docs/pagina.html"] == "added"
    state = assert_consistent(components)
    pdf = [m for _, m in state.values() if m[ChunkKey.SOURCE] == "docs/informe.pdf"]
    assert sorted(m[ChunkKey.PAGE] for m in pdf) == [1, 2]
    html = [t for t, m in state.values() if m[ChunkKey.SOURCE] == "docs/pagina.html"]
    assert any("responden sin conexión" in t for t in html)
    assert not any("SECRETO" in t for t, _ in state.values())
    assert ingestor.get_document("docs/pagina.html").title == "Modelos locales"


def test_dry_run_reports_changes_and_writes_nothing(build: Build, corpus: Path) -> None:
    components, counting = build()
    data_dir = components.settings.data_dir
    ingestor = Ingestor(components)
    first = ingestor.sync(dry_run=True)
    assert first.dry_run and first.count(DocStatus.ADDED) == CORPUS_DOCS
    assert list(data_dir.iterdir()) == [] and counting.calls == 0
    ingestor.sync()
    (corpus / NOTE).unlink()
    (corpus / POST).write_text("# Nuevo\n\nOtro contenido.", encoding="utf-8")
    (corpus / "nueva.txt").write_text("Un documento nuevo.", encoding="utf-8")
    snapshot = {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.rglob("*")}
    planned = ingestor.sync(dry_run=True)
    assert {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.rglob("*")} == snapshot
    assert planned.documents == {
        **dict.fromkeys([*[f"notes/{n}.md" for n in ("escala-entrenamiento",
            "summary-en", "tecnicas-ia-accesible")]], DocStatus.UNCHANGED),
        NOTE: DocStatus.DELETED,
        POST: DocStatus.UPDATED,
        "nueva.txt": DocStatus.ADDED,
    }  # fmt: skip
    assert ingestor.sync().documents == planned.documents


def test_document_api(build: Build) -> None:
    components, _ = build()
    ingestor = Ingestor(components)
    assert ingestor.list_documents() == []
    ingestor.sync()
    record = ingestor.get_document(NOTE)
    assert record.title.startswith("Conclusiones") and record.lang == "es"
    assert record.ingested_at == record.updated_at
    assert ingestor.document_text(NOTE).startswith("# Conclusiones")
    assert ingestor.delete_document(NOTE) == record.chunks
    assert NOTE not in sources_in_store(assert_consistent(components))
    for call in (ingestor.delete_document, ingestor.get_document, ingestor.document_text):
        with pytest.raises(NotFoundError, match=f"^document not found: {NOTE}$"):
            call(NOTE)
    assert ingestor.sync().documents[NOTE] == DocStatus.ADDED  # the file is still there


def test_reconcile_repairs_what_a_crash_can_leave(build: Build, embedder: Any) -> None:
    components, counting = build()
    ingestor = Ingestor(components)
    ingestor.sync()
    clean = assert_consistent(components)
    victim = next(k for k, (_, m) in clean.items() if m[ChunkKey.SOURCE] == NOTE)
    components.store.delete([victim])  # a record without its chunk
    components.store.add_chunks(  # a chunk without a record
        ["orphan"], ["huérfano"], [{ChunkKey.SOURCE.value: "gone.md"}],
        [embedder.embed_query("x")],
    )  # fmt: skip
    catalogue_of(components).mark_pending([POST])  # half-written
    counting.texts.clear()
    report = ingestor.sync()
    assert report.documents[NOTE] == report.documents[POST] == DocStatus.UPDATED
    assert report.chunks_deleted == 1 and report.chunks_embedded == 1
    assert Counter(counting.texts) == embedded_for([clean[victim]])
    assert assert_consistent(components) == clean


def test_a_second_ingest_waits_for_the_lock_or_gives_up(build: Build) -> None:
    components, _ = build()
    lock_path = components.settings.data_dir / LOCK_NAME
    busy = r"another ingest \(pid \d+\) is still running"
    with ingest_lock(lock_path, timeout=1), pytest.raises(IngestBusyError, match=busy):
        Ingestor(components, lock_timeout=0.5).sync()
    events: list[IngestProgress] = []
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with ingest_lock(lock_path, timeout=1):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)  # the sync below must find the lock taken
    threading.Timer(1.0, release.set).start()
    report = Ingestor(components, lock_timeout=30).sync(progress=events.append)
    holder.join()
    assert events[0].phase == "waiting" and "waiting for another ingest" in events[0].message
    assert report.count(DocStatus.ADDED) == CORPUS_DOCS


def test_a_lexical_index_of_older_tokens_is_rebuilt(build: Build) -> None:
    components, _ = build()
    Ingestor(components).sync()
    path = components.settings.data_dir / "lexical" / components.settings.collection
    manifest = lexical_manifest(components)
    (path / "manifest.json").write_text(json.dumps({**manifest, "analyzer": ANALYZER_VERSION - 1}))
    fresh, _ = build()  # a new process: nothing cached
    assert fresh.lexical.search("Which technique favours scalability?", k=1)
    assert lexical_manifest(fresh)["analyzer"] == ANALYZER_VERSION


def test_queries_keep_working_during_an_ingest(build: Build, corpus: Path) -> None:
    generated_corpus(corpus / "generado", 40)
    components, _ = build()
    ingestor = Ingestor(components)
    ingestor.sync([corpus / "notes"])
    question = np.asarray(components.embedder.embed_query("¿Qué es la cuantización?"))
    outcome: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: outcome.update(report=ingestor.sync()))
    worker.start()
    answered = 0
    while worker.is_alive():
        assert components.store.query(question, 3)
        components.lexical.search("cuantización de modelos", k=3)
        answered += 1
    worker.join()
    assert answered > 1 and outcome["report"].count(DocStatus.ADDED) == 41
    assert_consistent(components)
