"""Evidence sentence vectors are computed at ingest and read back when answering, so a
question embeds nothing but itself (rag/answer/sentence_vectors.py)."""

from __future__ import annotations

import numpy as np

from rag.answer.evidence import EvidencePool, passage_sentences
from rag.answer.sentence_vectors import SentenceVectors, decode_sentences, encode_sentences
from rag.schema import ChunkKey, Passage
from tests.support.fake_store import FakeStore
from tests.support.fakes import WordEmbedder

CHUNK = (
    "El libro es de Ben Auffarth. Explica LangChain con ejemplos prácticos. "
    "Los aceleradores como las GPUs y las TPUs abaratan el entrenamiento."
)
METADATA = {ChunkKey.SOURCE.value: "posts/resena.md", ChunkKey.LANG.value: "es"}


class CountingWords(WordEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.documents: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += texts
        return super().embed_documents(texts)


def test_encoding_round_trips_within_float16() -> None:
    vectors = np.random.default_rng(1).standard_normal((3, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    decoded = decode_sentences(encode_sentences([(0, 5), (6, 9), (10, 20)], vectors))
    assert list(decoded) == [(0, 5), (6, 9), (10, 20)]
    for span, row in zip(decoded, vectors, strict=True):
        assert abs(float(decoded[span] @ row) - 1.0) < 1e-3
    assert decode_sentences(encode_sentences([], np.zeros((0, 16)))) == {}


def test_answering_reads_the_vectors_ingest_stored() -> None:
    store, embedder = FakeStore(), CountingWords()
    vectors = SentenceVectors(store)
    written = vectors.write(embedder, ["c1"], [CHUNK], [METADATA])
    passage = Passage("c1", CHUNK, METADATA)
    assert written == len(passage_sentences(passage)) == 3
    embedder.documents.clear()
    pool = EvidencePool([passage], embedder, vectors.read(["c1", "missing"]))
    assert embedder.documents == [] and pool.embedded_here == 0
    for sentence in pool.sentences:
        expected = np.asarray(embedder.embed_documents([sentence.text])[0])
        assert sentence.vector is not None
        assert abs(float(sentence.vector @ expected) - 1.0) < 1e-3


def test_a_chunk_without_stored_vectors_is_embedded_when_answering() -> None:
    embedder = CountingWords()
    pool = EvidencePool([Passage("c9", CHUNK, METADATA)], embedder, {})
    assert pool.embedded_here == 3
    assert all(sentence.vector is not None for sentence in pool.sentences)


def test_deleted_chunks_lose_their_vectors() -> None:
    store = FakeStore()
    vectors = SentenceVectors(store)
    vectors.write(WordEmbedder(), ["c1", "c2"], [CHUNK, CHUNK], [METADATA, METADATA])
    vectors.delete(["c1"])
    assert vectors.keys() == {"c2"}
    assert {key[0] for key in vectors.read(["c1", "c2"])} == {"c2"}
