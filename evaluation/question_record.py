"""The per-question record: everything the metrics, the plots and the worst-cases table
are computed from. It is written verbatim into report.json's `questions` list."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from evaluation.grounding import SentenceJudgement


@dataclass
class QuestionRecord:
    id: str
    question: str
    lang: str
    unanswerable: bool
    gold_answers: list[str]
    gold_sources: list[str]
    answer: str
    mode: str
    support: float
    evidence: float | None = None  # the score the pipeline abstains on, if it exposes it
    citations: list[dict[str, Any]] = field(default_factory=list)  # n, source, chunk_id, quote
    retrieved: list[dict[str, Any]] = field(default_factory=list)  # rank, source, chunk_id, hit
    hit_rank: int | None = None  # 1-based rank of the first gold passage, None: not found
    exact_match: float | None = None  # None for unanswerable questions
    f1: float | None = None
    contains: float | None = None
    sentences: list[SentenceJudgement] = field(default_factory=list)
    citation_recall: float | None = None
    citation_precision: float | None = None
    lexical_citation_recall: float | None = None
    lexical_citation_precision: float | None = None
    # *_ms: the pipeline's stages, plus total_ms and first_token_ms measured here
    timings: dict[str, float] = field(default_factory=dict)
    generated_tokens: int | None = None  # None: the generator was not called
    generation_seconds: float | None = None
    decode_tokens: int | None = None  # after the first token
    decode_seconds: float | None = None
    error: str | None = None  # the pipeline failed on this question
    # Asked again with its gold sources withheld from retrieval (`--without-gold`): the
    # right outcome is an abstention; counted only in abstention.without_gold_abstained.
    without_gold: bool = False

    @property
    def abstained(self) -> bool:
        return self.mode == "abstained"

    @property
    def scored_retrieval(self) -> bool:
        """Retrieval is scored on answerable questions that name gold sources, asked
        with them in the corpus."""
        return not self.unanswerable and not self.without_gold and bool(self.gold_sources)

    def public(self) -> dict[str, Any]:
        return asdict(self)
