"""Grounded answering: condense → retrieve → assess → generate → verify.

The pipeline is a LangChain `Runnable`, so LangChain code can `invoke` or `stream` it.
`stream` yields the model's text pieces as they come and, last, the verified `Answer`,
whose text may differ from what was streamed: verification may drop sentences, quote
the passages instead, or abstain.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from langchain_core.runnables import Runnable, RunnableConfig

from rag.answer.condense import condense
from rag.answer.language import question_language
from rag.answer.prompts import build_prompt, prompt_language, prompt_passages
from rag.answer.question_limits import check_question
from rag.answer.repetition import before_the_loop
from rag.answer.retrieval import HybridRetriever, LangChainRetriever
from rag.answer.sentence_vectors import SentenceVectors
from rag.answer.verify import Thresholds, Verifier
from rag.schema import Answer, Passage, Question, final_answer

if TYPE_CHECKING:
    from rag.components import Components


class Stopwatch:
    """Per-stage wall time in milliseconds, summed when a stage runs more than once."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {"retrieve_ms": 0.0, "generate_ms": 0.0, "verify_ms": 0.0}
        self._started = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] += (now - self._started) * 1000.0
        self._started = now


class AnswerPipeline(Runnable[Question | str, str | Answer]):
    def __init__(self, components: Components) -> None:
        self.components = components
        self.settings = components.settings
        self.retriever = HybridRetriever(components)

    @property
    def verifier(self) -> Verifier:
        settings = self.settings
        thresholds = Thresholds(
            answerable=settings.verify_answerable,
            extractive=settings.verify_extractive,
            support=settings.verify_support,
            lexical_weight=settings.verify_lexical_weight,
            relevance_ratio=settings.verify_relevance_ratio,
        )
        return Verifier(
            self.components.embedder, thresholds, SentenceVectors(self.components.store)
        )

    def as_retriever(self, **kwargs: Any) -> LangChainRetriever:
        return LangChainRetriever(hybrid=self.retriever, **kwargs)

    def coerce(self, question: Question | str) -> Question:
        """A `Question` within the question limits (`LimitError`, one clear line, if not),
        its text stripped."""
        if isinstance(question, str):
            question = Question(text=question)
        check_question(question, self.settings)
        return dataclasses.replace(question, text=question.text.strip())

    def standalone(self, question: Question) -> str:
        return condense(question.text.strip(), question.history)

    def retrieve(self, question: Question | str) -> list[Passage]:
        question = self.coerce(question)
        return self.retriever.search(self.standalone(question), question.top_k, question.filters)

    def answer(self, question: Question | str) -> Answer:
        return final_answer(self.stream(question))

    def invoke(
        self, input: Question | str, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Answer:
        return self.answer(input)

    def stream(
        self, input: Question | str, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[str | Answer]:
        question = self.coerce(input)
        clock = Stopwatch()
        text = self.standalone(question)
        lang = question_language(question.text)
        passages = self.retriever.search(text, question.top_k, question.filters)
        clock.lap("retrieve_ms")
        verifier = self.verifier
        assessment = verifier.assess(text, lang, passages)
        clock.lap("verify_ms")
        generated = ""
        if not verifier.should_abstain(assessment):
            plan = build_prompt(
                self.components.generator,
                prompt_language(assessment),
                assessment.question,
                prompt_passages(assessment, self.settings.llm_evidence_sentences),
                max_passages=self.settings.llm_evidence_sentences,
                max_tokens=question.max_tokens or self.settings.llm_max_tokens,
                temperature=(
                    self.settings.llm_temperature
                    if question.temperature is None
                    else question.temperature
                ),
            )
            for piece in self.components.generator.stream(plan.prompt):
                generated += piece
                yield piece
                cut = before_the_loop(generated)
                if len(cut) < len(generated):
                    generated = cut
                    break  # closing the stream stops the model
            clock.lap("generate_ms")
        answer = verifier.verify(assessment, generated)
        clock.lap("verify_ms")
        answer.passages = passages
        answer.timings = clock.timings
        yield answer
