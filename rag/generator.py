"""Text generation: one interface for in-process llama.cpp and OpenAI-compatible servers."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# Sent explicitly by every backend: llama-cpp-python's `create_completion` and its
# server disagree on defaults (the server penalises repeats by 1.1), and the same
# prompt must give the same answer in-process and through a server.
SAMPLING: dict[str, Any] = {"top_k": 40, "top_p": 0.95, "min_p": 0.05, "repeat_penalty": 1.0}


class PromptFormat(StrEnum):
    """How the model wants its input, read from GGUF metadata."""

    CHAT = "chat"  # the GGUF has `tokenizer.chat_template`: send chat messages
    COMPLETION = "completion"  # a base model: send one few-shot completion prompt


@dataclass(frozen=True)
class Prompt:
    """Exactly one of `text` (completion) or `messages` (chat) is set."""

    text: str | None = None
    messages: list[dict[str, str]] | None = None
    stop: list[str] = field(default_factory=list)
    max_tokens: int = 160
    temperature: float = 0.0


class Generator(ABC):
    name: str
    prompt_format: PromptFormat
    context_tokens: int

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens in `text` by the model's own tokenizer."""

    @abstractmethod
    def stream(self, prompt: Prompt) -> Iterator[str]:
        """Yield generated text pieces as the model produces them."""

    def generate(self, prompt: Prompt) -> str:
        return "".join(self.stream(prompt))


@dataclass
class GenerationCall:
    """One call of a wrapped generator, timed from the call."""

    prompt: Prompt
    text: str = ""
    seconds: float = 0.0  # until the stream ended or was closed
    first_piece_seconds: float | None = None  # None: no piece came out
    threads: int | None = None  # the generator's `threads` at the first piece (or the end)


class RecordingGenerator(Generator):
    """Wraps a generator and records every call: the prompt (which benches replay to
    bare llama.cpp and tests inspect), the text, and the timings evaluation turns into
    time to first token and decoding rate. Everything else is passed through."""

    def __init__(self, inner: Generator) -> None:
        self.inner = inner
        self.name = inner.name
        self.prompt_format = inner.prompt_format
        self.context_tokens = inner.context_tokens
        self.calls: list[GenerationCall] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def stream(self, prompt: Prompt) -> Iterator[str]:
        call = GenerationCall(prompt)
        self.calls.append(call)
        started = time.perf_counter()
        try:
            for piece in self.inner.stream(prompt):
                if call.first_piece_seconds is None:
                    call.first_piece_seconds = time.perf_counter() - started
                    call.threads = getattr(self.inner, "threads", None)
                call.text += piece
                yield piece
        finally:
            call.seconds = time.perf_counter() - started
            if call.threads is None:  # no piece came out: the count it ran with
                call.threads = getattr(self.inner, "threads", None)

    def take(self) -> list[GenerationCall]:
        """The calls since the last `take`."""
        calls, self.calls = self.calls, []
        return calls
