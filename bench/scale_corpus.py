"""Deterministic Spanish corpora of any size for bench/retrieval_scale.py.

The 240 XQuAD-es paragraphs come first, with their real MiniLM embeddings; the rest
are generated chunks, each 3 to 5 XQuAD-es sentences recombined by a seeded RNG, so
every chunk is distinct, real Spanish text with the vocabulary statistics of the
paragraphs.

Embedding 100,000 chunks with MiniLM would take about an hour on 2 cores, so generated
chunks are not embedded one by one: every distinct sentence is embedded once (the
pool), and a generated chunk's vector is the normalised mean of its sentences' vectors.
That is what a mean-pooling model computes up to attention across sentence boundaries;
`validate` measures how close it is to the real embedding of the chunk text, and the
figure goes into the report. Query latency, the thing measured, does not depend on
how the stored vectors were made; only the HNSW graph's shape could, slightly.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"«(0-9])")
MIN_SENTENCE_CHARS = 25
CHUNK_SENTENCES = (3, 5)
CHUNKS_PER_DOCUMENT = 8
SEED = 1


@dataclass
class Pool:
    """Real texts and their embeddings: the paragraphs, then their distinct sentences."""

    paragraph_ids: list[str]
    paragraphs: list[str]
    paragraph_vectors: np.ndarray
    sentences: list[str]
    sentence_vectors: np.ndarray

    def save(self, path: Path) -> None:
        np.savez(
            path,
            paragraph_ids=np.array(self.paragraph_ids),
            paragraphs=np.array(self.paragraphs),
            paragraph_vectors=self.paragraph_vectors,
            sentences=np.array(self.sentences),
            sentence_vectors=self.sentence_vectors,
        )

    @classmethod
    def load(cls, path: Path) -> Pool:
        data = np.load(path)
        return cls(
            [str(x) for x in data["paragraph_ids"]],
            [str(x) for x in data["paragraphs"]],
            data["paragraph_vectors"],
            [str(x) for x in data["sentences"]],
            data["sentence_vectors"],
        )


def split_sentences(paragraph: str) -> list[str]:
    return [
        s.strip() for s in _SENTENCE_END.split(paragraph) if len(s.strip()) >= MIN_SENTENCE_CHARS
    ]


def embed_pool(paragraphs: dict[str, str], embed: Any) -> Pool:
    """Embed every paragraph and every distinct sentence once (`embed`: texts → array)."""
    ids = list(paragraphs)
    texts = [paragraphs[i] for i in ids]
    sentences = list(dict.fromkeys(s for text in texts for s in split_sentences(text)))
    return Pool(ids, texts, embed(texts), sentences, embed(sentences))


@dataclass
class Chunk:
    chunk_id: str
    text: str
    metadata: dict[str, Any]


def generated_parts(size: int, sentences: int, seed: int = SEED) -> Iterator[list[int]]:
    """Sentence indices of each generated chunk, the same for a given seed at any size
    (the 10k corpus is the 1k corpus plus 9k more chunks)."""
    rng = random.Random(seed)
    for _ in range(size):
        yield rng.sample(range(sentences), rng.randint(*CHUNK_SENTENCES))


def chunk_vector(pool: Pool, parts: Sequence[int]) -> np.ndarray:
    vector = pool.sentence_vectors[list(parts)].mean(axis=0)
    return np.asarray(vector / np.linalg.norm(vector), dtype=np.float32)


def corpus(pool: Pool, size: int) -> tuple[list[Chunk], np.ndarray]:
    """`size` chunks (the paragraphs first) and their vectors."""
    chunks = [
        Chunk(pid, text, {"source": pid, "lang": "es", "start": 0, "end": len(text)})
        for pid, text in zip(pool.paragraph_ids, pool.paragraphs, strict=True)
    ][:size]
    vectors = [pool.paragraph_vectors[: len(chunks)]]
    generated = []
    for number, parts in enumerate(generated_parts(size - len(chunks), len(pool.sentences))):
        text = " ".join(pool.sentences[i] for i in parts)
        start = (number % CHUNKS_PER_DOCUMENT) * 2000  # non-overlapping spans in a document
        source = f"generado/doc-{number // CHUNKS_PER_DOCUMENT:05d}.md"
        chunks.append(
            Chunk(
                f"gen-{number:06d}",
                text,
                {"source": source, "lang": "es", "start": start, "end": start + len(text)},
            )
        )
        generated.append(chunk_vector(pool, parts))
    if generated:
        vectors.append(np.vstack(generated))
    return chunks, np.vstack(vectors).astype(np.float32)


def validate(pool: Pool, embed: Any, samples: int = 64) -> dict[str, float]:
    """Cosine between the mean-of-sentences vector and the real embedding of the same
    generated text, over `samples` generated chunks."""
    parts = list(generated_parts(samples, len(pool.sentences), seed=SEED + 1))
    texts = [" ".join(pool.sentences[i] for i in p) for p in parts]
    real = embed(texts)
    approx = np.vstack([chunk_vector(pool, p) for p in parts])
    cosines = np.sum(real * approx, axis=1)
    return {
        "samples": samples,
        "cosine_mean": round(float(cosines.mean()), 3),
        "cosine_min": round(float(cosines.min()), 3),
    }
