"""The loaded parts of the system, built lazily from one `Settings`.

Nothing loads at import or construction time; each part loads on first use, once,
and is shared by the CLI, the API and ingestion.
"""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from rag import models
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.embedder import Embedder
    from rag.generator import Generator
    from rag.lexical import LexicalIndex
    from rag.store import Store


class Components:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()

    @cached_property
    def embedder(self) -> Embedder:
        from rag.embedder import SentenceTransformerEmbedder

        with self._lock:
            return SentenceTransformerEmbedder(models.embedding_model_dir(self.settings))

    @cached_property
    def store(self) -> Store:
        from rag.store import Store

        with self._lock:
            return Store(self.settings)

    @cached_property
    def lexical(self) -> LexicalIndex:
        from rag.lexical import LexicalIndex

        with self._lock:
            index_dir = self.settings.data_dir / "lexical" / self.settings.collection
            return LexicalIndex(self.store, index_dir)

    @cached_property
    def generator(self) -> Generator:
        from rag.generator_llamacpp import LlamaCppGenerator

        with self._lock:
            return LlamaCppGenerator(
                models.llm_model_path(self.settings),
                context_tokens=self.settings.llm_context_tokens,
                threads=self.settings.llm_threads,
            )
