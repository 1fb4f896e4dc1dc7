"""Text generation: one interface for in-process llama.cpp and OpenAI-compatible servers."""

from __future__ import annotations

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
