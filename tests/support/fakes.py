"""Deterministic fakes for the unit tier: real subclasses of the model interfaces.

`WordEmbedder` maps each folded word to a fixed pseudo-random vector and a text to the
normalised sum of its words' vectors, so texts sharing words are similar and nothing
else is. `ScriptedGenerator` replies with scripted text and records every prompt.
`FixedLoad` reports the other work on the cores that the models' thread choice reads.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from rag.analyzer import fold
from rag.answer.answerability import AnswerabilityModel
from rag.answer.verify import Thresholds, Verifier, extractive
from rag.components import Components
from rag.cpu_load import OtherCpuUse
from rag.embedder import Embedder, EmbedderIdentity
from rag.generator import Generator, Prompt, PromptFormat
from rag.model_check import adopt_model
from rag.schema import Answer, ChunkKey, Passage
from rag.settings import load_settings
from rag.store import Store

_WORD = re.compile(r"\w+")


class WordEmbedder(Embedder):
    def __init__(self, dimension: int = 64) -> None:
        self.name = "fake-words"
        self.dimension = dimension
        self.max_tokens = 256
        self.identity = EmbedderIdentity(self.name, dimension, "fake-words")

    def word_vector(self, word: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dimension)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(text) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text)) + 2

    def _embed(self, text: str) -> list[float]:
        total = np.zeros(self.dimension)
        for word in _WORD.findall(fold(text)):
            total += self.word_vector(word)
        norm = np.linalg.norm(total)
        return [float(x) for x in (total / norm if norm else total)]


Reply = str | Callable[[Prompt], str]


class ScriptedGenerator(Generator):
    """Replies in order (the last one repeats); streams word by word. Tokens are
    counted as whitespace-separated words, so budgets are easy to reason about."""

    def __init__(
        self,
        replies: list[Reply] | None = None,
        prompt_format: PromptFormat = PromptFormat.COMPLETION,
        context_tokens: int = 2048,
    ) -> None:
        self.name = "scripted"
        self.prompt_format = prompt_format
        self.context_tokens = context_tokens
        self.replies = list(replies or ["Respuesta."])
        self.prompts: list[Prompt] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def stream(self, prompt: Prompt) -> Iterator[str]:
        self.prompts.append(prompt)
        reply = self.replies[min(len(self.prompts), len(self.replies)) - 1]
        text = reply(prompt) if callable(reply) else reply
        for index, word in enumerate(text.split(" ")):
            yield word if index == 0 else " " + word


class FixedLoad(OtherCpuUse):
    """Reports the cores it is told to."""

    def __init__(self, cores: float) -> None:
        super().__init__()
        self.value = cores

    def cores(self) -> float | None:
        return self.value


def fake_components(
    data_dir: Path,
    generator: Generator | None = None,
    store: Store | None = None,
    **overrides: Any,
) -> Components:
    """Components with the fake models installed, on `store` (default: an embedded
    Chroma in `data_dir`)."""
    return Components(
        load_settings(data_dir=data_dir, **overrides),
        embedder=WordEmbedder(),
        generator=generator or ScriptedGenerator(),
        store=store,
    )


def add_document(
    components: Components,
    source: str,
    text: str,
    spans: list[tuple[int, int]] | None = None,
    lang: str = "es",
) -> None:
    """Store the chunks `text[start:end]` of one document (default: one chunk), as
    ingestion would: the collection records the embedder on its first write."""
    spans = spans or [(0, len(text))]
    adopt_model(components.store, components.embedder.identity)
    chunks = [text[start:end] for start, end in spans]
    components.store.add_chunks(
        [f"{source}#{i}" for i in range(len(chunks))],
        chunks,
        [
            {
                ChunkKey.SOURCE.value: source,
                ChunkKey.TITLE.value: source.rsplit("/", 1)[-1],
                ChunkKey.LANG.value: lang,
                ChunkKey.CHUNK_INDEX.value: i,
                ChunkKey.START.value: start,
                ChunkKey.END.value: end,
            }
            for i, (start, end) in enumerate(spans)
        ],
        components.embedder.embed_documents(chunks),
    )


# Verification thresholds for the word-vector fake, whose cosines mean nothing: answerable
# when the best relevance reaches 0.3, quoted when it reaches 0.5.
THRESHOLDS = Thresholds(
    answerable=0.5,
    extractive=1 / (1 + math.exp(-2.0)),
    support=0.6,
    lexical_weight=0.6,
    relevance_ratio=0.7,
    model=AnswerabilityModel(weights=(10.0, 0.0, 0.0, 0.0, 0.0, 0.0), bias=-3.0),
)


def quoted(question: str, document: str) -> Answer:
    """What the verifier quotes for a Spanish question from one document alone, with the
    word-vector fake: the sentence, or the part of it the question points at."""
    return extractive(
        Verifier(WordEmbedder(), THRESHOLDS).assess(question, "es", [_post(document)])
    )


def verified(question: str, document: str, generated: str, lang: str = "es") -> Answer:
    """The verifier's answer to a question (Spanish unless `lang` says) from one document
    alone, with the word-vector fake, given what the model said."""
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    return verifier.verify(verifier.assess(question, lang, [_post(document)]), generated)


def _post(document: str) -> Passage:
    return Passage("c1", document, {"source": "posts/post.md", "start": 0, "end": len(document)})
