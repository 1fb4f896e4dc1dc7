"""Generation through an OpenAI-compatible HTTP server (llama.cpp's server, or
`python -m llama_cpp.server`).

The prompt is built exactly as in-process: a base model gets the few-shot prompt on
`/v1/completions`, a chat model gets messages on `/v1/chat/completions`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from rag.errors import BackendError
from rag.generator import SAMPLING, Generator, Prompt, PromptFormat

# Used only when the server offers no tokenizer endpoint: a conservative estimate.
CHARS_PER_TOKEN_ESTIMATE = 3


class OpenAIServerGenerator(Generator):
    def __init__(
        self,
        base_url: str,
        timeout_s: float,
        prompt_format: PromptFormat | None = None,
        local_format: Callable[[], PromptFormat] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/").removesuffix("/v1")
        self.name = self.base_url
        self._client = httpx.Client(base_url=self.base_url, timeout=timeout_s)
        self.context_tokens = 0
        self.prompt_format = prompt_format or self._detect_format(local_format)
        self._tokenize_path: str | None = None

    def _detect_format(self, local_format: Callable[[], PromptFormat] | None) -> PromptFormat:
        """llama-server publishes its chat template at /props; a server that doesn't is
        assumed to run the same GGUF as this process would."""
        try:
            response = self._client.get("/props")
            if response.status_code == 200:
                props = response.json()
                self.context_tokens = int(
                    props.get("default_generation_settings", {}).get("n_ctx", 0)
                )
                return PromptFormat.CHAT if props.get("chat_template") else PromptFormat.COMPLETION
        except (httpx.HTTPError, ValueError):
            pass
        return local_format() if local_format else PromptFormat.COMPLETION

    def count_tokens(self, text: str) -> int:
        for path, body, key in (
            ("/extras/tokenize/count", {"input": text}, "count"),
            ("/tokenize", {"content": text}, "tokens"),
        ):
            if self._tokenize_path not in (None, path):
                continue
            try:
                response = self._client.post(path, json=body)
            except httpx.HTTPError as exc:
                raise self._unreachable(exc) from None
            if response.status_code == 200:
                self._tokenize_path = path
                value = response.json()[key]
                return int(value) if isinstance(value, int) else len(value)
        self._tokenize_path = "estimate"
        return len(text) // CHARS_PER_TOKEN_ESTIMATE + 1

    def stream(self, prompt: Prompt) -> Iterator[str]:
        body: dict[str, Any] = {
            "max_tokens": prompt.max_tokens,
            "temperature": prompt.temperature,
            "stream": True,
            "seed": 0,
            **SAMPLING,
        }
        if prompt.stop:
            body["stop"] = prompt.stop
        if prompt.messages is not None:
            path, body["messages"] = "/v1/chat/completions", prompt.messages
        else:
            path, body["prompt"] = "/v1/completions", prompt.text or ""
        try:
            with self._client.stream("POST", path, json=body) as response:
                if response.status_code != 200:
                    response.read()
                    raise BackendError(
                        f"language model server at {self.base_url} answered "
                        f"{response.status_code}: {response.text[:200]}"
                    )
                yield from _pieces(response.iter_lines())
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from None

    def _unreachable(self, exc: Exception) -> BackendError:
        kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "unreachable"
        return BackendError(f"language model server {kind} at {self.base_url}")


def _pieces(lines: Iterator[str]) -> Iterator[str]:
    """Text pieces from an OpenAI server-sent event stream, for both endpoints."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line.removeprefix("data:").strip()
        if data == "[DONE]":
            return
        choice = json.loads(data)["choices"][0]
        piece = choice.get("text") if "text" in choice else choice.get("delta", {}).get("content")
        if piece:
            yield piece
    raise BackendError("language model server closed the stream before it finished")
