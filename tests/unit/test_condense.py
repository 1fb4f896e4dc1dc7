"""Follow-up condensing rules and question-language detection."""

from __future__ import annotations

import pytest

from rag.answer.condense import condense, is_follow_up, named_things
from rag.answer.language import question_language
from rag.schema import Turn

GPT4_COST = "¿Cuánto costó el entrenamiento de GPT-4?"


def history(*questions: str) -> list[Turn]:
    turns: list[Turn] = []
    for question in questions:
        turns += [Turn("user", question), Turn("assistant", "Respuesta anterior.")]
    return turns


def test_a_follow_up_swaps_the_named_thing_and_keeps_the_topic() -> None:
    condensed = condense("¿Y cuánto costó el de Gemini?", history(GPT4_COST))
    assert condensed.startswith("¿Y cuánto costó el de Gemini?")
    assert "entrenamiento" in condensed
    assert "GPT-4" not in condensed


def test_a_follow_up_without_its_own_name_keeps_the_previous_one() -> None:
    condensed = condense("¿Y cuántos días duró?", history(GPT4_COST))
    assert "GPT-4" in condensed and "entrenamiento" in condensed


def test_english_follow_up() -> None:
    condensed = condense("And Gemini?", history("How much did it cost to train GPT-4?"))
    assert "cost" in condensed and "train" in condensed and "GPT-4" not in condensed


def test_a_bare_one_word_question_is_a_follow_up() -> None:
    condensed = condense("¿Cuándo?", history("¿Quién escribió el libro 'Generative AI'?"))
    assert "escribió" in condensed and "libro" in condensed


@pytest.mark.parametrize(
    "question",
    [
        "¿En qué consiste la cuantización?",
        "What does quantization reduce?",
        "¿Qué significa TPU?",
        "¿Qué técnica reduce las alucinaciones de los modelos?",
        "Which technique moves knowledge from a large model to smaller, cheaper models?",
        "How much did it cost to train Claude 3?",
    ],
)
def test_standalone_questions_are_left_alone(question: str) -> None:
    assert not is_follow_up(question)
    assert condense(question, history(GPT4_COST)) == question


def test_without_history_nothing_changes() -> None:
    assert condense("¿Y el de Gemini?", []) == "¿Y el de Gemini?"
    assert condense("¿Y el de Gemini?", [Turn("assistant", "Hola")]) == "¿Y el de Gemini?"


def test_chained_follow_ups_keep_the_original_topic() -> None:
    turns = history(GPT4_COST, "¿Y el de Gemini?")
    condensed = condense("¿Y cuántos días duró?", turns)
    assert "entrenamiento" in condensed and "Gemini" in condensed


def test_named_things_are_figures_and_inner_capitals() -> None:
    assert named_things("¿Cuánto costó el entrenamiento de GPT-4?") == ["GPT-4"]
    assert named_things("¿Y el de Gemini 1.0 Ultra?") == ["Gemini", "1.0", "Ultra"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("¿Y el de Gemini?", "es"),
        ("¿Cuánto costó?", "es"),
        ("Cuanto costo el entrenamiento de GPT-4", "es"),
        ("How much did it cost to train GPT-4?", "en"),
        ("What does RAG stand for?", "en"),
        ("And Gemini?", "en"),
    ],
)
def test_question_language(text: str, lang: str) -> None:
    assert question_language(text) == lang
