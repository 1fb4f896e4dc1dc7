"""Answering for the HTTP layer: question limits, the bounded generation pool, metrics.

Both the JSON and the streaming paths consume `pipeline.stream`, so they count tokens
and behave the same; only the delivery differs.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

from api.contracts import AnswerPipelineLike
from api.generation_pool import GenerationPool
from api.metrics import ApiMetrics
from rag.answer.question_limits import check_question
from rag.schema import Answer, Passage, Question, Turn, final_answer
from rag.settings import Settings


class ChatService:
    def __init__(
        self,
        pipeline: AnswerPipelineLike,
        pool: GenerationPool,
        metrics: ApiMetrics,
        settings: Settings,
    ) -> None:
        self.pipeline = pipeline
        self.pool = pool
        self.metrics = metrics
        self.settings = settings

    def question(
        self,
        text: str,
        history: list[Turn] | None = None,
        filters: dict[str, str] | None = None,
        top_k: int | None = None,
    ) -> Question:
        """A pipeline question, checked against the question limits now: once streaming
        has begun, a refusal could no longer be a 422."""
        question = Question(text=text, history=history or [], filters=filters, top_k=top_k)
        check_question(question, self.settings)
        return question

    async def answer(self, question: Question) -> Answer:
        return await self.pool.run(lambda: self._collect(question))

    def stream(self, question: Question) -> AsyncIterator[str | Answer]:
        """Admit now (QueueFullError before any byte is sent), then stream pieces and the
        final `Answer`; a consumer that stops early cancels generation."""
        job = self.pool.start_stream(lambda: self._counted(question))
        return job.items()

    async def retrieve(self, question: Question) -> list[Passage]:
        """Retrieval only: off the event loop, but outside the generation pool."""
        return await asyncio.to_thread(self.pipeline.retrieve, question)

    def _collect(self, question: Question) -> Answer:
        return final_answer(self._counted(question))

    def _counted(self, question: Question) -> Iterator[str | Answer]:
        for item in self.pipeline.stream(question):
            if isinstance(item, Answer):
                self.metrics.record_answer(item)
            else:
                self.metrics.tokens.inc()
            yield item
