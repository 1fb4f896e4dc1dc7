"""Text embeddings: one interface, with separate query and document calls.

`Embedder` is a LangChain `Embeddings`, so the same object serves LangChain's
vector store and indexing API and our own code.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from rag.cpu_load import default_threads, process_budget
from rag.errors import ConfigError
from rag.model_files import model_dir_fingerprint

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


@dataclass(frozen=True)
class EmbedderIdentity:
    """What a collection records about the model that embedded it: vectors of two
    models never mix, and a changed model file must show."""

    name: str
    dimension: int
    fingerprint: str

    def describe(self) -> str:
        return f"{self.name} ({self.dimension} dimensions, fingerprint {self.fingerprint})"


class Embedder(Embeddings):
    """`embed_query` embeds questions and claims; `embed_documents` embeds what is searched
    (chunks and their sentences). Models trained with prefixes (e5's `query: ` and
    `passage: `) get the right one from each call."""

    name: str
    dimension: int
    max_tokens: int
    identity: EmbedderIdentity

    @abstractmethod
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    @abstractmethod
    def embed_query(self, text: str) -> list[float]: ...

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for `text`, special tokens included."""


# Small work (a query, answer sentences, a question's evidence sentences: up to
# SMALL_WORK_CHARS of text in one call) runs on the threads the CPU budget leaves free
# (rag/cpu_load.py): torch's threads wait for each other at every operation, so when
# other work holds a core (a generation, other programs) one stalled thread stalls the
# call, while on idle cores more threads are faster. Where the load cannot be measured,
# half the CPUs (`default_threads`). Bulk work (ingest slices) keeps torch's default:
# there more threads pay off on a quiet machine. Figures: docs/performance.md,
# optimizations 2 and 5.
SMALL_WORK_CHARS = 8000
# Recent query vectors: a question is embedded for retrieval and again to rank the
# evidence sentences, and the same questions come back.
QUERY_CACHE_SIZE = 256
# Texts per forward pass. Chunks of ~200 tokens embed faster in batches of 16 than in
# the library's default 32 on small CPUs: smaller activations stay in cache (figures:
# docs/performance.md, optimization 6).
BATCH_SIZE = 16
# Short texts (evidence sentences at ingest) pad little and keep small activations even
# in large batches, which then halve their embedding time (docs/performance.md).
SHORT_TEXT_CHARS = 300
SHORT_BATCH_SIZE = 64


def small_work_threads() -> int:
    return process_budget().threads() or default_threads()


@contextmanager
def torch_threads(count: int | None) -> Iterator[None]:
    """Run the block with `count` intra-op threads (None: unchanged)."""
    import torch

    previous = torch.get_num_threads()
    if count is None or count == previous:
        yield
        return
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


class SentenceTransformerEmbedder(Embedder):
    def __init__(
        self,
        model_dir: Path,
        batch_size: int = BATCH_SIZE,
        query_cache_size: int = QUERY_CACHE_SIZE,
        name: str | None = None,
    ) -> None:
        from sentence_transformers import SentenceTransformer

        try:
            self._model: SentenceTransformer = SentenceTransformer(
                str(model_dir), device="cpu", local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot load embedding model from {model_dir} ({exc}): set RAG_EMBEDDING_MODEL "
                "to a local sentence-transformers directory or reinstall with `make install`"
            ) from None
        self.name = name or model_dir.name
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length or 0)
        self.identity = EmbedderIdentity(
            self.name, self.dimension, model_dir_fingerprint(model_dir)
        )
        prompts = self._model.prompts or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._document_prompt = "passage" if "passage" in prompts else None
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, list[float]] = OrderedDict()
        self._query_cache_size = query_cache_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts, self._document_prompt)

    def _encode(self, texts: list[str], prompt_name: str | None) -> list[list[float]]:
        if not texts:
            return []
        # Stripped: a trailing space is a token of its own to e5's tokenizer.
        texts = [text.strip() for text in texts]
        total = sum(len(text) for text in texts)
        small = total <= SMALL_WORK_CHARS
        threads = small_work_threads() if small else None
        short = total <= SHORT_TEXT_CHARS * len(texts)
        batch_size = max(self._batch_size, SHORT_BATCH_SIZE) if short else self._batch_size
        with self._lock, torch_threads(threads):
            vectors = self._model.encode(
                texts,
                prompt_name=prompt_name,
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        rows: list[list[float]] = vectors.tolist()
        return rows

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            cached = self._queries.get(text)
            if cached is not None:
                self._queries.move_to_end(text)
                return list(cached)
        vector = self._encode([text], self._query_prompt)[0]
        with self._lock:
            self._queries[text] = vector
            while len(self._queries) > self._query_cache_size:
                self._queries.popitem(last=False)
        return list(vector)

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])
