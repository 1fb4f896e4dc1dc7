"""Where the terminal front ends get answers: the local pipeline, or a running server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Protocol

import cli
from cli import verbosity
from rag.schema import Answer, Question
from rag.settings import Settings


class AnswerSource(Protocol):
    def answer(self, question: Question) -> Answer: ...

    def stream(self, input: Question) -> Iterator[str | Answer]: ...


def open_answer_source(settings: Settings, server_url: str | None = None) -> AnswerSource:
    """`--server` (or RAG_SERVER_URL) asks that server; otherwise models load here,
    once, on the first question."""
    url = server_url or settings.server_url
    if url:
        from cli.remote import ServerAnswers

        key = settings.api_key.get_secret_value() if settings.api_key else None
        return ServerAnswers(url, api_key=key, timeout_s=settings.llm_timeout_s)
    from rag.answer.pipeline import AnswerPipeline
    from rag.components import Components

    return AnswerPipeline(Components(settings))


# How `-v` names the parts of a load.
PHASE_NAMES = {"generator": "gguf"}


def load_models(source: AnswerSource) -> None:
    """Load a local pipeline's models now, side by side, and name each phase under -v;
    a server's source has nothing to load."""
    components = getattr(source, "components", None)
    if components is None:
        return
    started = time.perf_counter()
    took = components.load()
    parts = {"imports": (started - cli.STARTED) * 1000}
    parts.update({PHASE_NAMES.get(name, name): ms for name, ms in took.items()})
    verbosity.phase("load", (time.perf_counter() - cli.STARTED) * 1000, parts)
