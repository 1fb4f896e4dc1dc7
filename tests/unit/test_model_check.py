"""A collection remembers its embedding model, refuses another, and `--reindex`
re-embeds it crash-safely: on the fake store, with word-vector embedders that differ
only by the identity they state. Real models and Chroma: tests/system/test_reindex_cli.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest.sync
from ingest import faults
from ingest.report import DocStatus
from ingest.sync import Ingestor
from rag.answer.retrieval import HybridRetriever
from rag.components import Components
from rag.embedder import EmbedderIdentity
from rag.errors import ConfigError
from rag.model_check import EmbeddingModelError, check_model
from rag.schema import ChunkKey
from rag.store import ModelRecord, ModelState
from tests.support.fake_api import FakePipeline, fake_app
from tests.support.fake_store import FakeStore
from tests.support.fakes import ScriptedGenerator, WordEmbedder

OLD = EmbedderIdentity("all-MiniLM-L6-v2", 32, "aaaa")
NEW = EmbedderIdentity("multilingual-e5-small", 64, "bbbb")
MISMATCH = (
    "collection 'corpus' was embedded with all-MiniLM-L6-v2 (32 dimensions, fingerprint "
    "aaaa), not multilingual-e5-small (64 dimensions, fingerprint bbbb): run `rag ingest "
    "--reindex` to re-embed it, or set RAG_EMBEDDING_MODEL=all-MiniLM-L6-v2"
)
UNRECORDED = (
    "collection 'corpus' was embedded with an unrecorded model, not multilingual-e5-small "
    "(64 dimensions, fingerprint bbbb): run `rag ingest --reindex` to re-embed it"
)
UNFINISHED = (
    "collection 'corpus' is being re-embedded with multilingual-e5-small and that reindex "
    "has not finished: run `rag ingest --reindex` to finish it"
)
LIGHTHOUSE = "notes/faro.md"
COFFEE = "notes/cafe.md"
UPLOAD = "uploads/molino.md"


class Crash(Exception):
    """Stands for the SIGKILL a fault point sends in a real run."""


def embedder(identity: EmbedderIdentity) -> WordEmbedder:
    model = WordEmbedder(identity.dimension)
    model.identity = identity
    return model


def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for source, text in {
        LIGHTHOUSE: "# Faro\n\nEl faro de Punta Norte mide treinta metros.\n",
        COFFEE: "# Café\n\nEl café de altura se tuesta despacio.\n",
        UPLOAD: "# Molino\n\nEl molino de la colina muele trigo desde 1850.\n",  # via the API
    }.items():
        (root / source).parent.mkdir(parents=True, exist_ok=True)
        (root / source).write_text(text, encoding="utf-8")
    return root


def on(tmp_path: Path, store: FakeStore, identity: EmbedderIdentity) -> Components:
    """The same store and corpus opened with the model of `identity`, as a new process
    with another RAG_EMBEDDING_MODEL would."""
    from rag.settings import load_settings

    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    return Components(
        settings, embedder=embedder(identity), generator=ScriptedGenerator(), store=store
    )


@pytest.fixture
def old_store(tmp_path: Path) -> FakeStore:
    """A collection ingested with the old model."""
    corpus(tmp_path)
    store = FakeStore()
    Ingestor(on(tmp_path, store, OLD)).sync()
    return store


def vectors_are_of(store: FakeStore, identity: EmbedderIdentity) -> bool:
    chunks = store.get(list(store.ids()), vectors=True)
    return bool(chunks) and all(len(c.vector) == identity.dimension for c in chunks)  # type: ignore[arg-type]


def test_an_empty_collection_adopts_the_model_of_its_first_write(tmp_path: Path) -> None:
    corpus(tmp_path)
    store = FakeStore()
    components = on(tmp_path, store, NEW)
    assert store.embedding_model() is None
    Ingestor(components).sync(dry_run=True)
    assert store.embedding_model() is None  # a dry run writes nothing
    Ingestor(components).sync()
    assert store.embedding_model() == ModelRecord(NEW, ModelState.READY)
    [hit] = HybridRetriever(components).search("¿Cuánto mide el faro?", top_k=1)
    assert hit.source == LIGHTHOUSE


def test_another_model_is_refused_with_one_line_naming_both_and_the_fix(
    tmp_path: Path, old_store: FakeStore
) -> None:
    components = on(tmp_path, old_store, NEW)
    before = old_store.version()
    for refused in (
        lambda: Ingestor(components).sync(),
        lambda: Ingestor(components).sync(dry_run=True),
        lambda: HybridRetriever(components).search("¿faro?"),
    ):
        with pytest.raises(EmbeddingModelError) as caught:
            refused()
        assert str(caught.value) == MISMATCH
    assert old_store.version() == before  # nothing was written
    assert old_store.embedding_model() == ModelRecord(OLD)


def test_a_collection_with_chunks_and_no_record_is_refused(
    tmp_path: Path, old_store: FakeStore
) -> None:
    old_store.side_collection("model").delete(["embedder"])  # as made before records
    with pytest.raises(EmbeddingModelError) as caught:
        check_model(old_store, NEW)
    assert str(caught.value) == UNRECORDED
    report = Ingestor(on(tmp_path, old_store, NEW)).sync(reindex=True)
    assert report.count(DocStatus.ADDED) == 3
    assert old_store.embedding_model() == ModelRecord(NEW)


def test_the_same_name_with_another_fingerprint_is_another_model(old_store: FakeStore) -> None:
    changed = EmbedderIdentity(OLD.name, OLD.dimension, "cccc")
    with pytest.raises(EmbeddingModelError) as caught:
        check_model(old_store, changed)
    assert str(caught.value) == (  # one name: switching back is no fix, so not offered
        "collection 'corpus' was embedded with all-MiniLM-L6-v2 (32 dimensions, fingerprint "
        "aaaa), not all-MiniLM-L6-v2 (32 dimensions, fingerprint cccc): run `rag ingest "
        "--reindex` to re-embed it"
    )


def test_an_emptied_collection_takes_the_new_model_without_a_reindex(
    tmp_path: Path, old_store: FakeStore
) -> None:
    old_ingestor = Ingestor(on(tmp_path, old_store, OLD))
    for source in (LIGHTHOUSE, COFFEE, UPLOAD):
        old_ingestor.delete_document(source)
        (tmp_path / "corpus" / source).unlink()
    (tmp_path / "corpus" / LIGHTHOUSE).write_text("# Faro\n\nEl faro mide 30 m.\n", "utf-8")
    components = on(tmp_path, old_store, NEW)
    assert Ingestor(components).sync().count(DocStatus.ADDED) == 1
    assert old_store.embedding_model() == ModelRecord(NEW)
    assert vectors_are_of(old_store, NEW)  # another dimension: the collection was reset


def test_reindex_re_embeds_every_document_uploads_included(
    tmp_path: Path, old_store: FakeStore
) -> None:
    components = on(tmp_path, old_store, NEW)
    report = Ingestor(components).sync(reindex=True)
    assert report.count(DocStatus.ADDED) == 3 and report.errors == []
    assert old_store.embedding_model() == ModelRecord(NEW)
    assert vectors_are_of(old_store, NEW)
    assert {d.source for d in Ingestor(components).list_documents()} == {
        LIGHTHOUSE,
        COFFEE,
        UPLOAD,
    }
    [hit] = HybridRetriever(components).search("¿Qué muele el molino?", top_k=1)
    assert hit.source == UPLOAD
    assert components.lexical.version == old_store.version()  # BM25 followed
    again = Ingestor(components).sync()
    assert again.count(DocStatus.UNCHANGED) == 3 and again.chunks_embedded == 0


def test_reindex_refuses_paths_and_dry_runs(tmp_path: Path, old_store: FakeStore) -> None:
    ingestor = Ingestor(on(tmp_path, old_store, NEW))
    with pytest.raises(ConfigError, match="no dry run"):
        ingestor.sync(dry_run=True, reindex=True)
    with pytest.raises(ConfigError, match="give it no paths"):
        ingestor.sync([tmp_path / "corpus" / LIGHTHOUSE], reindex=True)


@pytest.mark.parametrize("resume_with_reindex", [False, True])
def test_a_reindex_killed_while_filling_is_finished_by_the_next_ingest(
    tmp_path: Path,
    old_store: FakeStore,
    monkeypatch: pytest.MonkeyPatch,
    resume_with_reindex: bool,
) -> None:
    components = on(tmp_path, old_store, NEW)
    monkeypatch.setattr(ingest.sync, "GROUP_CHUNKS", 1)  # one document per group

    def crash_at(name: str) -> None:
        if name == faults.AFTER_FIRST_GROUP:
            raise Crash(name)

    monkeypatch.setattr(ingest.sync, "fault_point", crash_at)
    with pytest.raises(Crash):
        Ingestor(components).sync(reindex=True)
    monkeypatch.undo()
    assert old_store.embedding_model() == ModelRecord(NEW, ModelState.FILLING)
    with pytest.raises(EmbeddingModelError) as caught:
        HybridRetriever(components).search("¿faro?")
    assert str(caught.value) == UNFINISHED

    report = Ingestor(components).sync(reindex=resume_with_reindex)
    assert report.count(DocStatus.UNCHANGED) == 1  # the group written before the crash
    assert report.count(DocStatus.ADDED) == 2
    assert old_store.embedding_model() == ModelRecord(NEW)
    assert vectors_are_of(old_store, NEW)
    assert len(Ingestor(components).list_documents()) == 3
    assert HybridRetriever(components).search("¿Cuánto mide el faro?", top_k=1)[0].source == (
        LIGHTHOUSE
    )


class CrashingReset(FakeStore):
    """Dies once while dropping the chunk collection: the catalogue is gone, the old
    chunks are not."""

    crashes = 1

    def reset_chunks(self) -> None:
        if self.crashes:
            self.crashes -= 1
            raise Crash("reset_chunks")
        super().reset_chunks()


def test_a_reindex_killed_while_dropping_drops_again_and_finishes(tmp_path: Path) -> None:
    corpus(tmp_path)
    store = CrashingReset()
    Ingestor(on(tmp_path, store, OLD)).sync()
    components = on(tmp_path, store, NEW)
    with pytest.raises(Crash):
        Ingestor(components).sync(reindex=True)
    assert store.embedding_model() == ModelRecord(NEW, ModelState.DROPPING)
    assert Ingestor(components).list_documents() == []  # the catalogue went first
    with pytest.raises(EmbeddingModelError) as caught:
        HybridRetriever(components).search("¿faro?")
    assert str(caught.value) == UNFINISHED
    report = Ingestor(components).sync()  # no flag: the journal says what is left
    assert report.count(DocStatus.ADDED) == 3
    assert store.embedding_model() == ModelRecord(NEW) and vectors_are_of(store, NEW)


def test_a_reindex_left_for_another_model_starts_again_for_the_current_one(
    tmp_path: Path, old_store: FakeStore
) -> None:
    third = EmbedderIdentity("my-model", 16, "dddd")
    old_store.record_embedding_model(ModelRecord(NEW, ModelState.FILLING))
    Ingestor(on(tmp_path, old_store, third)).sync()
    assert old_store.embedding_model() == ModelRecord(third) and vectors_are_of(old_store, third)


def test_the_api_answers_409_and_ready_and_health_say_why(tmp_path: Path) -> None:
    built = fake_app(tmp_path, FakePipeline(fail=EmbeddingModelError(MISMATCH)))
    client = built.client()
    response = client.post("/chat", json={"question": "¿Cuánto mide el faro?"})
    assert (response.status_code, response.json()) == (409, {"detail": MISMATCH})
    assert client.get("/health").json() == {"status": "ok"}  # no check has run yet
    store = built.components.store
    store.record_embedding_model(ModelRecord(OLD))
    store.add_chunks(["c"], ["faro"], [{ChunkKey.SOURCE.value: LIGHTHOUSE}], [[1.0] * 32])
    refusal = MISMATCH.replace(
        "multilingual-e5-small (64 dimensions, fingerprint bbbb)",
        "fake-words (64 dimensions, fingerprint fake-words)",  # the fake app's embedder
    )
    ready = client.get("/ready")
    assert (ready.status_code, ready.json()) == (503, {"detail": f"not ready: {refusal}"})
    assert client.get("/health").json() == {"status": "ok", "embedding_model": refusal}


def test_the_cli_prints_the_refusal_as_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from cli.main import main

    def refuse(*_: object, **__: object) -> None:
        raise EmbeddingModelError(MISMATCH)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("cli.ingest.ingest_command", refuse)
        patch.setattr("sys.argv", ["rag", "ingest"])
        with pytest.raises(SystemExit) as exited:
            main()
    assert exited.value.code != 0
    assert capsys.readouterr().err == f"error: {MISMATCH}\n"
