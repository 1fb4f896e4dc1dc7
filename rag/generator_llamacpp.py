"""In-process generation with `llama_cpp.Llama`."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from rag.cpu_load import CpuBudget, default_threads, process_budget
from rag.errors import BackendError, ConfigError
from rag.generator import SAMPLING, Generator, Prompt, PromptFormat

CHAT_TEMPLATE_KEY = "tokenizer.chat_template"
# llama.cpp's own log lines go to this logger at DEBUG: hidden unless `rag -v`.
LLAMA_CPP_LOGGER = "llama_cpp.native"
_log_callback: Any = None


def route_llama_logs() -> None:
    """Send llama.cpp's C-level log lines to Python logging instead of stderr.
    llama-cpp-python prints some of them (the SWA cache notice, context warnings)
    even with `verbose=False`."""
    global _log_callback
    if _log_callback is not None:
        return
    import ctypes

    import llama_cpp

    log = logging.getLogger(LLAMA_CPP_LOGGER)

    @llama_cpp.llama_log_callback
    def forward(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug(text.decode("utf-8", errors="replace").rstrip("\n"))

    _log_callback = forward  # llama.cpp keeps only the pointer: keep the function alive
    llama_cpp.llama_log_set(forward, ctypes.c_void_p(0))


def read_gguf_metadata(path: Path) -> dict[str, str]:
    """GGUF key/values without loading the weights (vocabulary only)."""
    from llama_cpp import Llama

    route_llama_logs()
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


# How often a running generation re-chooses its threads.
RETHINK_THREADS_S = 0.5


class ThreadChoice:
    """llama.cpp threads: the configured count, or what the CPU budget leaves free
    (half the CPUs where the load cannot be measured). Either way a generation holds
    its threads in the budget, so that the embedder leaves them room."""

    def __init__(self, fixed: int | None = None, budget: CpuBudget | None = None) -> None:
        self.fixed = fixed
        self._budget = budget or process_budget()

    def now(self, own: int = 0) -> int:
        return self.fixed or self._budget.threads(own) or default_threads()

    def holding(self, threads: Callable[[], int]) -> AbstractContextManager[None]:
        return self._budget.holding(threads)


def llama_options(context_tokens: int, threads: int | None = None) -> dict[str, Any]:
    """The `llama_cpp.Llama` arguments of the generator (also used by bench/answer.py, so
    that the bare-library baseline runs the model exactly as the pipeline does).
    Prompt processing uses the same threads as decoding: both stall alike when a
    thread is descheduled."""
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
    so calls are serialized here and concurrency is bounded by the caller's pool.

    Without a fixed thread count, the threads are chosen again before each generation
    and every RETHINK_THREADS_S while it runs, from how busy the cores are.
    """

    def __init__(
        self,
        model_path: Path,
        context_tokens: int,
        threads: int | None = None,
        budget: CpuBudget | None = None,
    ) -> None:
        from llama_cpp import Llama

        route_llama_logs()
        self._thread_choice = ThreadChoice(threads, budget)
        self.threads = self._thread_choice.now()
        try:
            self._llm = Llama(
                model_path=str(model_path), **llama_options(context_tokens, self.threads)
            )
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

    def _use_threads(self, count: int) -> None:
        from llama_cpp import llama_set_n_threads

        if count != self.threads:
            llama_set_n_threads(self._llm.ctx, count, count)
            self.threads = count

    def _pieces(self, prompt: Prompt) -> Iterator[str]:
        choice = self._thread_choice
        self._use_threads(choice.now())
        chosen_at = time.monotonic()
        with choice.holding(lambda: self.threads):
            for piece in self._model_pieces(prompt):
                if time.monotonic() - chosen_at >= RETHINK_THREADS_S:
                    self._use_threads(choice.now(own=self.threads))
                    chosen_at = time.monotonic()
                yield piece

    def _model_pieces(self, prompt: Prompt) -> Iterator[str]:
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
