"""Asking and scoring one question, the token meter and the progress display, with a
scripted pipeline (unit tier)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from evaluation.datasets import EvalItem
from evaluation.grounding import LexicalJudge
from evaluation.runner import (
    RETRIEVAL_DEPTH,
    Checks,
    Generation,
    RunningScore,
    run_questions,
    score_item,
)
from rag.generator import Prompt, RecordingGenerator
from rag.schema import Passage
from tests.support.fake_evaluation import (
    KeywordJudge,
    ScriptedPipeline,
    abstention,
    cited_answer,
    passage,
)
from tests.support.fakes import ScriptedGenerator

COST = EvalItem("es-1", "¿Cuánto costó GPT-4?", ("41 millones",), ("a.md",), False, "es")
NONE = EvalItem("un-1", "¿Quién ganó el Mundial?", (), (), True, "es")

OTHER = passage("b0", "b.md", "GPT-4 costó 41 millones según otra fuente.")
NEAR = passage("a0", "a.md", "GPT-4 fue entrenado por OpenAI.")
GOLD = passage("a1", "a.md", "El entrenamiento de GPT-4 costó 41 millones de dólares.")


def checks(**options: Any) -> Checks:
    return Checks(own=KeywordJudge(), lexical=LexicalJudge(), **options)


def pipeline() -> ScriptedPipeline:
    return ScriptedPipeline(
        answers={
            COST.question: cited_answer("GPT-4 costó 41 millones [1].", [GOLD]),
            NONE.question: abstention(),
        },
        rankings={COST.question: [OTHER, NEAR, GOLD], NONE.question: [NEAR]},
    )


def test_ask_scores_retrieval_answer_and_grounding() -> None:
    scripted = pipeline()
    record = score_item(COST, scripted, checks(needs_answer=True))
    # answer asked with the configured top_k; retrieval scored 10 deep
    assert [q.top_k for q in scripted.asked] == [None, RETRIEVAL_DEPTH]
    # the project rule: a hit is a gold source that contains an answer -> GOLD at rank 3
    assert record.hit_rank == 3
    assert [r["hit"] for r in record.retrieved] == [False, False, True]
    # "gpt4 costo 41 millones" against "41 millones": EM 0, F1 2 * 0.5 * 1 / 1.5
    assert record.exact_match == 0.0
    assert record.f1 == pytest.approx(2 / 3)
    assert record.contains == 1.0
    (only,) = record.sentences
    assert only.text == "GPT-4 costó 41 millones." and only.citations == [1]
    assert only.own_supported and only.lexical_supported
    assert (record.citation_recall, record.citation_precision) == (1.0, 1.0)
    assert record.timings["generate_ms"] == 100.0 and "total_ms" in record.timings
    assert record.error is None


def test_squad_rule_counts_any_chunk_of_the_gold_paragraph() -> None:
    record = score_item(COST, pipeline(), checks(needs_answer=False))
    assert record.hit_rank == 2


def test_abstention_on_unanswerable_is_not_scored_for_answers_or_grounding() -> None:
    record = score_item(NONE, pipeline(), checks(needs_answer=True))
    assert record.abstained and record.mode == "abstained"
    assert record.hit_rank is None and not record.scored_retrieval
    assert (record.exact_match, record.f1, record.sentences) == (None, None, [])
    assert record.citation_recall is None


def test_an_abstention_on_an_answerable_question_scores_zero() -> None:
    """The abstention message "No encuentro esa información en los documentos." shares
    "en" with this gold answer, and would score token F1 0.25 if it were read as an
    answer (docs/evaluation.md: an abstention scores 0)."""
    signed = EvalItem("es-2", "¿Cuándo se firmó?", ("en 1919",), ("a.md",), False, "es")
    scripted = ScriptedPipeline(
        answers={signed.question: abstention()}, rankings={signed.question: [GOLD]}
    )
    record = score_item(signed, scripted, checks(needs_answer=False))
    assert record.abstained
    assert (record.exact_match, record.f1, record.contains) == (0.0, 0.0, 0.0)


def test_generation_counts_the_recorded_tokens_and_attributes_pass_through() -> None:
    meter = RecordingGenerator(ScriptedGenerator(["cuarenta y un millones"]))
    assert meter.generate(Prompt(text="x")) == "cuarenta y un millones"
    assert meter.prompts == [Prompt(text="x")]  # the scripted generator's own record
    generation = Generation.taken_from(meter)
    assert generation is not None
    assert (generation.tokens, generation.decode_tokens) == (4, 3)
    assert generation.first_token_seconds + generation.decode_seconds == pytest.approx(
        generation.seconds
    )
    assert Generation.taken_from(meter) is None
    silent = RecordingGenerator(ScriptedGenerator([""]))
    assert silent.generate(Prompt(text="x")) == ""
    quiet = Generation.taken_from(silent)
    assert quiet is not None and (quiet.tokens, quiet.decode_tokens) == (0, 0)


def test_ask_records_generated_tokens_from_the_meter() -> None:
    meter = RecordingGenerator(ScriptedGenerator(["uno dos tres"]))

    class Generating(ScriptedPipeline):
        def answer(self, question):  # type: ignore[no-untyped-def]
            meter.generate(Prompt(text=question.text))
            return super().answer(question)

    scripted = pipeline()
    generating = Generating(scripted.answers, scripted.rankings)
    record = score_item(COST, generating, checks(needs_answer=True, meter=meter))
    assert record.generated_tokens == 3 and record.decode_tokens == 2
    assert "first_token_ms" in record.timings


def test_running_score_text_hand_computed() -> None:
    score = RunningScore()
    score.add(score_item(COST, pipeline(), checks(needs_answer=True)))
    score.add(score_item(NONE, pipeline(), checks(needs_answer=True)))
    # one ranked question, hit at rank 3 -> R@5 1.00; F1 of the one answerable 0.67
    assert score.text() == "R@5 1.00 · F1 0.67 · supported 1.00"


def test_run_questions_shows_no_bar_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    scripted = pipeline()
    records = run_questions(
        [COST, NONE],
        lambda item: score_item(item, scripted, checks(needs_answer=True)),
        show_progress=True,
    )
    assert [r.id for r in records] == ["es-1", "un-1"]
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_the_pipelines_abstention_score_is_recorded_when_probed() -> None:
    seen: list[tuple[str, list[str]]] = []

    def probe(question: str, passages: Sequence[Passage]) -> float:
        seen.append((question, [p.chunk_id for p in passages]))
        return 0.42

    record = score_item(COST, pipeline(), checks(probe=probe))
    assert record.evidence == 0.42
    assert seen == [(COST.question, ["a1"])]  # the passages the answer used
    assert score_item(COST, pipeline(), checks()).evidence is None


def test_a_question_the_pipeline_fails_on_becomes_an_error_record() -> None:
    class Failing(ScriptedPipeline):
        def answer(self, question):  # type: ignore[no-untyped-def]
            raise ValueError("zip() argument 2 is longer than argument 1")

    scripted = pipeline()
    record = score_item(COST, Failing(scripted.answers, scripted.rankings), checks())
    assert record.mode == "error" and record.answer == ""
    assert record.error == "ValueError: zip() argument 2 is longer than argument 1"
