"""The loaded parts of the system, built lazily from one `Settings`.

Nothing loads at import or construction time; each part loads on first use, once,
and is shared by the CLI, the API and ingestion.
"""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from rag import model_files
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
            return SentenceTransformerEmbedder(model_files.embedding_model_dir(self.settings))

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
        with self._lock:
            if self.settings.llm_url:
                return self._server_generator(self.settings.llm_url)
            from rag.generator_llamacpp import LlamaCppGenerator

            return LlamaCppGenerator(
                model_files.llm_model_path(self.settings),
                context_tokens=self.settings.llm_context_tokens,
                threads=self.settings.llm_threads,
            )

    def _server_generator(self, url: str) -> Generator:
        from rag.generator import PromptFormat
        from rag.generator_openai import OpenAIServerGenerator

        def local_format() -> PromptFormat:
            from rag.generator_llamacpp import prompt_format_of, read_gguf_metadata

            return prompt_format_of(read_gguf_metadata(model_files.llm_model_path(self.settings)))

        chosen = self.settings.llm_prompt_format
        generator = OpenAIServerGenerator(
            url,
            timeout_s=self.settings.llm_timeout_s,
            prompt_format=None if chosen == "auto" else PromptFormat(chosen),
            local_format=local_format,
        )
        generator.context_tokens = generator.context_tokens or self.settings.llm_context_tokens
        return generator
