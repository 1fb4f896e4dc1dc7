"""Text embeddings: one interface, with separate query and document calls.

`Embedder` is a LangChain `Embeddings`, so the same object serves LangChain's
vector store and indexing API and our own code.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from rag.errors import ConfigError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class Embedder(Embeddings):
    name: str
    dimension: int
    max_tokens: int

    @abstractmethod
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    @abstractmethod
    def embed_query(self, text: str) -> list[float]: ...

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for `text`, special tokens included."""


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model_dir: Path, batch_size: int = 64) -> None:
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
        self.name = str(model_dir)
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length or 0)
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._model.encode(
                texts,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return [[float(x) for x in row] for row in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])
