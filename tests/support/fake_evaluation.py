"""Deterministic stand-ins for the evaluation tests: a scripted pipeline, a keyword
judge, hand-made question records, and the five records (and their report) whose
metrics tests/unit/test_eval_report.py computes by hand. The scripted generator is
the unit tier's one (tests/support/fakes.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from evaluation.grounding import SentenceJudgement
from evaluation.question_record import QuestionRecord
from evaluation.report import build_report
from rag.schema import Answer, AnswerMode, Citation, Passage, Question


class KeywordJudge:
    """Support = share of the sentence's capitalised words found in the passages."""

    name = "keywords"
    threshold = 1.0

    def score(self, sentence: str, passages: Sequence[str]) -> float:
        wanted = {w.strip(".,") for w in sentence.split() if w[:1].isupper()}
        found = {w.strip(".,") for p in passages for w in p.split()}
        return len(wanted & found) / len(wanted) if wanted else 1.0


def passage(chunk_id: str, source: str, text: str) -> Passage:
    return Passage(chunk_id, text, {"source": source, "start": 0, "end": len(text)})


@dataclass
class ScriptedPipeline:
    """Answers and ranked passages looked up by question text."""

    answers: dict[str, Answer]
    rankings: dict[str, list[Passage]]
    asked: list[Question] = field(default_factory=list)

    def answer(self, question: Question) -> Answer:
        self.asked.append(question)
        return self.answers[question.text]

    def retrieve(self, question: Question) -> list[Passage]:
        self.asked.append(question)
        return self.rankings[question.text][: question.top_k or 5]


@dataclass
class RankedRetriever:
    """A retriever over scripted rankings by question text, `top_k` deep (5 by
    default); it records the depth of every search."""

    rankings: dict[str, list[Passage]]
    depths: list[int | None] = field(default_factory=list)

    def search(
        self, text: str, top_k: int | None = None, filters: dict[str, str] | None = None
    ) -> list[Passage]:
        self.depths.append(top_k)
        return self.rankings.get(text, [])[: top_k or 5]


@dataclass
class RetrievingPipeline:
    """Answers and retrieves through its `retriever` attribute, as AnswerPipeline does:
    the scripted answer when every passage it cites was retrieved, an abstention
    otherwise. `given` records the passages each answer was given."""

    retriever: RankedRetriever
    answers: dict[str, Answer]
    given: list[list[Passage]] = field(default_factory=list)

    def answer(self, question: Question) -> Answer:
        passages = self.retriever.search(question.text, question.top_k, question.filters)
        self.given.append(passages)
        scripted = self.answers[question.text]
        retrieved = {p.chunk_id for p in passages}
        if all(c.chunk_id in retrieved for c in scripted.citations):
            return scripted
        return abstention()

    def retrieve(self, question: Question) -> list[Passage]:
        return self.retriever.search(question.text, question.top_k, question.filters)


def cited_answer(text: str, cited: Sequence[Passage], support: float = 0.9) -> Answer:
    citations = [
        Citation(n, p.source, p.title, p.chunk_id, 0, len(p.text), p.text)
        for n, p in enumerate(cited, start=1)
    ]
    timings = {"retrieve_ms": 10.0, "generate_ms": 100.0, "verify_ms": 5.0}
    return Answer(text, AnswerMode.GENERATED, support, citations, list(cited), timings)


def abstention(support: float = 0.1) -> Answer:
    timings = {"retrieve_ms": 12.0, "generate_ms": 0.0, "verify_ms": 1.0}
    return Answer(
        "No encuentro esa información en los documentos.",
        AnswerMode.ABSTAINED,
        support,
        timings=timings,
    )


def sentence(own: bool, lexical: bool, cited: bool = True) -> SentenceJudgement:
    return SentenceJudgement(
        text="s",
        citations=[1] if cited else [],
        own_score=(1.0 if own else 0.2) if cited else None,
        own_supported=own,
        lexical_score=(1.0 if lexical else 0.3) if cited else None,
        lexical_supported=lexical,
    )


def record(
    qid: str,
    *,
    unanswerable: bool = False,
    mode: str = "generated",
    support: float = 0.8,
    hit_rank: int | None = None,
    f1: float | None = None,
    sentences: list[SentenceJudgement] | None = None,
    citation_recall: float | None = None,
    citation_precision: float | None = None,
    timings: dict[str, float] | None = None,
    tokens: int | None = None,
    seconds: float | None = None,
    decode: tuple[int, float] | None = None,
    answer: str = "respuesta",
) -> QuestionRecord:
    return QuestionRecord(
        id=qid,
        question=f"¿Pregunta {qid}?",
        lang="es",
        unanswerable=unanswerable,
        gold_answers=[] if unanswerable else ["gold"],
        gold_sources=[] if unanswerable else ["a.md"],
        answer=answer,
        mode=mode,
        support=support,
        hit_rank=hit_rank,
        exact_match=None if unanswerable else float(f1 == 1.0),
        f1=None if unanswerable else (f1 or 0.0),
        contains=None if unanswerable else float(f1 == 1.0),
        sentences=sentences or [],
        citation_recall=citation_recall,
        citation_precision=citation_precision,
        timings=timings or {},
        generated_tokens=tokens,
        generation_seconds=seconds,
        decode_tokens=decode[0] if decode else None,
        decode_seconds=decode[1] if decode else None,
    )


def records() -> list[QuestionRecord]:
    def timings(r: float, g: float, v: float, t: float) -> dict[str, float]:
        return {"retrieve_ms": r, "generate_ms": g, "verify_ms": v, "total_ms": t}

    return [
        record(
            "r1",
            hit_rank=1,
            f1=1.0,
            sentences=[sentence(True, True), sentence(True, False)],
            citation_recall=1.0,
            citation_precision=1.0,
            timings=timings(10, 100, 5, 120),
            tokens=20,
            seconds=0.5,
            decode=(19, 0.4),
        ),
        record(
            "r2",
            mode="extractive",
            hit_rank=7,
            f1=0.5,
            sentences=[sentence(False, False)],
            citation_recall=0.0,
            citation_precision=0.0,
            timings=timings(30, 300, 15, 350),
            tokens=30,
            seconds=1.5,
            decode=(29, 1.1),
            answer="<script>alert('x')</script> & más",
        ),
        record("r3", mode="abstained", f1=0.0, support=0.2, timings=timings(20, 0, 1, 25)),
        record(
            "r4", unanswerable=True, mode="abstained", support=0.1, timings=timings(15, 0, 1, 20)
        ),
        record(
            "r5",
            unanswerable=True,
            support=0.6,
            sentences=[sentence(False, False, False)],
            citation_recall=0.0,
            timings=timings(10, 50, 5, 70),
        ),
    ]


def withheld(qid: str, mode: str, **fields: Any) -> QuestionRecord:
    """A record of question `qid` asked with its gold withheld."""
    r = record(qid, mode=mode, **fields)
    r.without_gold = True
    r.exact_match = r.f1 = r.contains = None
    return r


def with_withheld() -> list[QuestionRecord]:
    """`records()` and, asked again with their gold withheld, r1 (answered, one
    unsupported sentence, 10 tokens) and r2, r3 (abstained): 2 of 3 abstained."""
    answered = withheld(
        "r1",
        "generated",
        sentences=[sentence(False, False)],
        citation_recall=0.0,
        citation_precision=0.0,
        timings={"retrieve_ms": 900.0, "total_ms": 9000.0},
        tokens=10,
        seconds=1.0,
        decode=(9, 0.5),
    )
    abstained = [withheld(qid, "abstained", timings={"total_ms": 1.0}) for qid in ("r2", "r3")]
    return [*records(), answered, *abstained]


def report(recs: list[QuestionRecord] | None = None) -> dict[str, Any]:
    run = {"dataset": "hand", "format": "jsonl", "generator": "g", "embedder": "e"}
    return build_report(recs or records(), run, 10.0)
