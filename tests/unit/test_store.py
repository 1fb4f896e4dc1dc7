"""The `Store` contract, run on both implementations: Chroma embedded in a temporary
directory, and the in-memory fake the unit tier uses. Whatever the fake answers here,
Chroma answers too, so a unit test on the fake tests what production does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from rag import store as store_module
from rag.embedder import EmbedderIdentity
from rag.settings import load_settings
from rag.store import ChromaStore, ModelRecord, ModelState, Store
from tests.support.fake_store import FakeStore
from tests.support.fakes import WordEmbedder

StoreFactory = Callable[[], Store]


@pytest.fixture(params=["chroma", "fake"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreFactory:
    def build() -> Store:
        if request.param == "fake":
            return FakeStore()
        return ChromaStore(load_settings(data_dir=tmp_path / "data"))

    return build


def unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def filled(make_store: StoreFactory) -> Store:
    store = make_store()
    store.add_chunks(
        ["a", "b", "c"],
        ["alpha", "beta", "gamma"],
        [
            {"source": "x.md", "lang": "es", "n": 1},
            {"source": "x.md", "lang": "en", "n": 2},
            {"source": "y.md", "lang": "es", "n": 3},
        ],
        np.stack([unit(1, 0, 0), unit(1, 1, 0), unit(0, 0, 1)]),
    )
    return store


def test_add_chunks_stamps_counts_and_reads_back(make_store: StoreFactory) -> None:
    store = make_store()
    assert (store.count(), store.version()) == (0, "empty")
    store = filled(make_store)
    assert store.count() == 3 and store.version() != "empty"
    assert sorted(store.ids()) == ["a", "b", "c"]
    assert sorted(store.ids({"source": "x.md"})) == ["a", "b"]
    chunks = {chunk_id: (text, meta) for chunk_id, text, meta in store.iter_chunks()}
    assert chunks["b"] == ("beta", {"source": "x.md", "lang": "en", "n": 2})
    assert [c[0] for c in store.iter_chunks({"lang": "es"})] == ["a", "c"]
    assert store.has_chunks({"source": "y.md"}) and not store.has_chunks({"source": "z.md"})


def test_every_write_moves_the_stamp(make_store: StoreFactory) -> None:
    store = filled(make_store)
    before = store.version()
    stamp = store.bump_version()
    assert stamp == store.version() != before


def test_adding_an_existing_id_keeps_the_stored_chunk(make_store: StoreFactory) -> None:
    store = filled(make_store)
    store.add_chunks(["a"], ["changed"], [{"source": "z.md"}], np.stack([unit(0, 1, 0)]))
    assert store.count() == 3
    assert [(c.text, c.metadata["source"]) for c in store.get(["a"])] == [("alpha", "x.md")]


def test_query_ranks_by_cosine_within_the_filter(make_store: StoreFactory) -> None:
    store = filled(make_store)
    hits = store.query(unit(1, 0.2, 0), 2)
    assert [hit.chunk_id for hit in hits] == ["a", "b"]
    assert hits[0].text == "alpha" and hits[0].metadata["source"] == "x.md"
    assert hits[0].cosine == pytest.approx(float(unit(1, 0.2, 0) @ unit(1, 0, 0)), abs=1e-5)
    filtered = store.query(unit(1, 0.2, 0), 2, {"$and": [{"source": "x.md"}, {"lang": "en"}]})
    assert [hit.chunk_id for hit in filtered] == ["b"]


def test_get_returns_only_existing_chunks_with_vectors_on_request(
    make_store: StoreFactory,
) -> None:
    store = filled(make_store)
    found = {chunk.chunk_id: chunk for chunk in store.get(["c", "missing", "a"])}
    assert set(found) == {"a", "c"}
    assert found["c"].text == "gamma" and found["c"].vector is None
    with_vectors = store.get(["c"], vectors=True)
    assert with_vectors[0].vector is not None
    assert np.allclose(with_vectors[0].vector, unit(0, 0, 1), atol=1e-6)


def test_update_metadata_merges_and_none_deletes(make_store: StoreFactory) -> None:
    store = filled(make_store)
    store.update_metadata(["a", "missing"], [{"n": None, "title": "T"}, {"n": 9}])
    assert store.get(["a"])[0].metadata == {"source": "x.md", "lang": "es", "title": "T"}
    assert store.count() == 3


def test_delete_removes_chunks_and_ignores_unknown_ids(make_store: StoreFactory) -> None:
    store = filled(make_store)
    store.delete(["a", "missing"])
    assert sorted(store.ids()) == ["b", "c"]


def test_reads_and_deletes_page_through_large_sets(
    make_store: StoreFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "PAGE_SIZE", 2)
    store = make_store()
    ids = [f"c{i}" for i in range(7)]
    store.add_chunks(
        ids, ids, [{"i": i} for i in range(7)], np.stack([unit(1, i, 0) for i in range(7)])
    )
    assert list(store.ids()) == ids
    assert [chunk_id for chunk_id, _, _ in store.iter_chunks({"i": {"$gte": 2}})] == ids[2:]
    assert len(store.get(ids)) == 7
    store.delete(ids[:5])
    assert list(store.ids()) == ids[5:]


def test_the_langchain_view_writes_and_deletes_the_same_chunks(
    make_store: StoreFactory,
) -> None:
    store = make_store()
    embedder = WordEmbedder()
    view = store.vector_store(embedder)
    view.add_texts(["el faro mide treinta metros"], [{"source": "f.md"}], ids=["f#0"])
    assert [c[0] for c in store.iter_chunks({"source": "f.md"})] == ["f#0"]
    vector = np.asarray(embedder.embed_query("faro"), dtype=np.float32)
    assert store.query(vector, 1)[0].chunk_id == "f#0"
    view.delete(["f#0"])
    assert store.count() == 0


def test_side_collections_keep_entries_with_chromas_merge_rules(
    make_store: StoreFactory,
) -> None:
    store = make_store()
    side = store.side_collection("ledger")
    side.add(["d1", "d2"], [{"complete": False}, {"complete": False, "t": 1.0}])
    side.add(["d1"], [{"complete": True}])  # an existing key stays as it is
    assert side.known(["d1", "d3"]) == {"d1"}
    side.upsert(["d1"], [{"hash": "h"}], ["the text"])
    side.upsert(["d1"], [{"t": 5.0}])  # no text given: the text stays
    side.update(["d2", "d3"], [{"t": None}, {"t": 1.0}])  # d3 has no entry: ignored
    entries = {entry.key: entry.metadata for entry in side.entries()}
    assert entries == {"d1": {"complete": False, "hash": "h", "t": 5.0}, "d2": {"complete": False}}
    assert [(e.key, e.text) for e in side.get(["d1", "d3"], text=True)] == [("d1", "the text")]
    assert side.get(["d1"])[0].text == ""
    assert sorted(side.keys({"t": {"$gt": 1.0}})) == ["d1"]
    assert sorted(side.keys({"$and": [{"complete": False}, {"hash": {"$in": ["h"]}}]})) == ["d1"]
    side.delete(["d1"])
    assert list(side.keys()) == ["d2"]
    assert store.side_collection("ledger").known(["d2"]) == {"d2"}  # the same collection
    assert store.count() == 0  # side entries are not chunks


def test_the_embedding_model_record_reads_back_and_moves_the_stamp(
    make_store: StoreFactory,
) -> None:
    store = make_store()
    assert store.embedding_model() is None
    minilm = EmbedderIdentity("all-MiniLM-L6-v2", 384, "abc123")
    store.record_embedding_model(ModelRecord(minilm, ModelState.FILLING))
    stamp = store.version()
    assert store.embedding_model() == ModelRecord(minilm, ModelState.FILLING)
    assert not ModelRecord(minilm, ModelState.FILLING).complete
    store.record_embedding_model(ModelRecord(minilm))
    assert store.embedding_model() == ModelRecord(minilm, ModelState.READY)
    assert store.version() != stamp  # other processes check the model again
    assert store.count() == 0  # the record is not a chunk


def test_reset_chunks_frees_the_dimension_chroma_fixes_at_the_first_write(
    make_store: StoreFactory,
) -> None:
    store = filled(make_store)  # three-dimensional vectors
    store.delete(list(store.ids()))
    with pytest.raises(Exception, match="dimension"):  # emptied, still three dimensions
        store.add_chunks(["d"], ["delta"], [{"n": 4}], np.stack([unit(1, 0, 0, 0, 0)]))
    stamp = store.version()
    store.reset_chunks()
    assert store.count() == 0 and store.version() != stamp
    store.add_chunks(["d"], ["delta"], [{"n": 4}], np.stack([unit(1, 0, 0, 0, 0)]))
    assert [hit.chunk_id for hit in store.query(unit(1, 0, 0, 0, 0), 1)] == ["d"]


def test_a_store_opened_before_another_reset_the_chunks_reads_the_new_ones(
    tmp_path: Path,
) -> None:
    """A server's store object while `rag ingest --reindex` runs in another process."""
    settings = load_settings(data_dir=tmp_path / "data")
    server, ingest = ChromaStore(settings), ChromaStore(settings)
    server.count()
    ingest.reset_chunks()
    ingest.add_chunks(["d"], ["delta"], [{"n": 4}], np.stack([unit(1, 0, 0, 0, 0)]))
    assert server.count() == 1
    assert [hit.chunk_id for hit in server.query(unit(1, 0, 0, 0, 0), 1)] == ["d"]
