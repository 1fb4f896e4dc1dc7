"""The loaded parts of the system, built lazily from one `Settings`.

Nothing loads at import or construction time; each part not given to the constructor
loads on first use, once, and is shared by the CLI, the API and ingestion. Parts given
to the constructor (a test's fakes, a model another `Components` already loaded) are
used as they are.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from rag import model_files
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.embedder import Embedder
    from rag.generator import Generator
    from rag.lexical import LexicalIndex
    from rag.store import Store

PARTS = ("embedder", "generator", "store", "lexical")


class Components:
    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        generator: Generator | None = None,
        store: Store | None = None,
        lexical: LexicalIndex | None = None,
    ) -> None:
        self.settings = settings
        # One lock per part, so that parts can load side by side (see `load`).
        self._locks = {name: threading.Lock() for name in PARTS}
        given = {"embedder": embedder, "generator": generator, "store": store, "lexical": lexical}
        self._parts: dict[str, Any] = {
            name: part for name, part in given.items() if part is not None
        }
        self._loaders: dict[str, Callable[[], Any]] = {
            "embedder": self._load_embedder,
            "generator": self._load_generator,
            "store": self._load_store,
            "lexical": self._load_lexical,
        }

    @property
    def embedder(self) -> Embedder:
        return self._part("embedder")

    @property
    def generator(self) -> Generator:
        return self._part("generator")

    @property
    def store(self) -> Store:
        return self._part("store")

    @property
    def lexical(self) -> LexicalIndex:
        return self._part("lexical")

    def loaded(self) -> frozenset[str]:
        """The names of the parts loaded (or given) so far; never loads one."""
        return frozenset(self._parts)

    def with_parts(
        self,
        *,
        embedder: Embedder | None = None,
        generator: Generator | None = None,
        store: Store | None = None,
        lexical: LexicalIndex | None = None,
    ) -> Components:
        """Components on the same settings with the given parts; every other part is
        this one's, shared (and loaded here on first use, so it loads only once). A
        new store gets its own lexical index, since that index is derived from it."""
        derived = Components(
            self.settings, embedder=embedder, generator=generator, store=store, lexical=lexical
        )
        for name in PARTS:
            if name in derived._parts or (name == "lexical" and store is not None):
                continue
            derived._loaders[name] = functools.partial(getattr, self, name)
        return derived

    def load(self, names: Iterable[str] = PARTS) -> dict[str, float]:
        """Load these parts now rather than on first use; milliseconds each took. The
        generator loads beside the others: llama.cpp reads and repacks its weights
        without holding the GIL, while the embedder's load is mostly Python imports."""
        took: dict[str, float] = {}

        def timed(name: str) -> None:
            started = time.perf_counter()
            self._part(name)
            took[name] = (time.perf_counter() - started) * 1000

        wanted = list(names)
        with ThreadPoolExecutor(max_workers=1) as beside:
            generator = beside.submit(timed, "generator") if "generator" in wanted else None
            for name in wanted:
                if name != "generator":
                    timed(name)
            if generator is not None:
                generator.result()
        return took

    def _part(self, name: str) -> Any:
        part = self._parts.get(name)
        if part is None:
            with self._locks[name]:
                part = self._parts.get(name)
                if part is None:
                    part = self._parts[name] = self._loaders[name]()
        return part

    def _load_embedder(self) -> Embedder:
        from rag.embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            model_files.embedding_model_dir(self.settings),
            name=model_files.embedding_model_name(self.settings),
        )

    def _load_store(self) -> Store:
        from rag.store import ChromaStore

        return ChromaStore(self.settings)

    def _load_lexical(self) -> LexicalIndex:
        from rag.lexical import LexicalIndex

        index_dir = self.settings.data_dir / "lexical" / self.settings.collection
        return LexicalIndex(self.store, index_dir)

    def _load_generator(self) -> Generator:
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
