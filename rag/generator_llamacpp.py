"""In-process generation with `llama_cpp.Llama`."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rag.errors import BackendError, ConfigError
from rag.generator import SAMPLING, Generator, Prompt, PromptFormat

CHAT_TEMPLATE_KEY = "tokenizer.chat_template"


def read_gguf_metadata(path: Path) -> dict[str, str]:
    """GGUF key/values without loading the weights (vocabulary only)."""
    from llama_cpp import Llama

    try:
        vocab = Llama(model_path=str(path), vocab_only=True, verbose=False)
    except (ValueError, RuntimeError) as exc:
        raise ConfigError(
            f"cannot read GGUF {path} ({exc}): the file is corrupt or not a model"
        ) from None
    try:
        return dict(vocab.metadata)
    finally:
        vocab.close()


def prompt_format_of(metadata: dict[str, str]) -> PromptFormat:
    return PromptFormat.CHAT if metadata.get(CHAT_TEMPLATE_KEY) else PromptFormat.COMPLETION


def default_threads() -> int:
    """Half the CPUs: llama.cpp's threads wait for each other in spin barriers, so one
    thread descheduled by other work (the embedder, the HTTP server, other programs)
    stalls them all. On 2 shared cores, 1 thread decoded 32 tokens/s against 4 for 2
    threads (docs/performance.md); on more cores it leaves room for the rest."""
    return max(1, (os.cpu_count() or 2) // 2)


def llama_options(context_tokens: int, threads: int | None = None) -> dict[str, Any]:
    """The `llama_cpp.Llama` arguments of the generator (also used by bench/answer.py, so
    that the bare-library baseline runs the model exactly as the pipeline does).
    Prompt processing uses the same threads as decoding, for the same reason."""
    threads = threads or default_threads()
    return {
        "n_ctx": context_tokens,
        "n_threads": threads,
        "n_threads_batch": threads,
        "seed": 0,
        "verbose": False,
    }


class LlamaCppGenerator(Generator):
    """One loaded model shared by all callers; llama.cpp contexts are not thread-safe,
    so calls are serialized here and concurrency is bounded by the caller's pool."""

    def __init__(self, model_path: Path, context_tokens: int, threads: int | None = None) -> None:
        from llama_cpp import Llama

        try:
            self._llm = Llama(model_path=str(model_path), **llama_options(context_tokens, threads))
        except (ValueError, RuntimeError) as exc:
            raise ConfigError(
                f"cannot load GGUF model {model_path} ({exc}): the file is corrupt or not a "
                "llama.cpp model; fix RAG_LLM_MODEL_PATH or delete it to re-assemble the default"
            ) from None
        self.name = model_path.name
        self.metadata: dict[str, Any] = dict(self._llm.metadata)
        self.prompt_format = prompt_format_of(self.metadata)
        self.context_tokens = context_tokens
        self._lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream(self, prompt: Prompt) -> Iterator[str]:
        with self._lock:
            try:
                yield from self._pieces(prompt)
            except (ValueError, RuntimeError) as exc:
                raise BackendError(f"generation failed: {exc}") from None

    def _pieces(self, prompt: Prompt) -> Iterator[str]:
        options: dict[str, Any] = {
            "max_tokens": prompt.max_tokens,
            "temperature": prompt.temperature,
            "stop": prompt.stop or None,
            "stream": True,
            **SAMPLING,
        }
        if prompt.messages is not None:
            chat = self._llm.create_chat_completion(
                messages=prompt.messages,  # type: ignore[arg-type]
                **options,
            )
            for chat_chunk in chat:
                delta: Any = chat_chunk["choices"][0]["delta"]  # type: ignore[index]
                if delta.get("content"):
                    yield str(delta["content"])
        else:
            for chunk in self._llm.create_completion(prompt=prompt.text or "", **options):
                piece: Any = chunk["choices"][0]["text"]  # type: ignore[index]
                if piece:
                    yield str(piece)
