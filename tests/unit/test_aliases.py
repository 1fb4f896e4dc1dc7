"""Another name for a thing, set beside it in brackets or between commas
(rag/answer/aliases.py)."""

from __future__ import annotations

import pytest

from rag.answer.aliases import other_name_given
from rag.schema import AnswerMode
from tests.support.fakes import quoted


@pytest.mark.parametrize(
    ("question", "sentence", "other"),
    [
        # between commas after the question's name
        (
            "¿Cuál es otro nombre para la carretera estatal 168?",
            "La carretera estatal 168, la autopista Sierra, se dirige al este hacia Clovis.",
            "la autopista Sierra",
        ),
        # the question's name in brackets: the name before them
        (
            "¿Cuál es otro nombre para la autopista Yosemite?",
            "La carretera estatal 41 (autopista Yosemite Freeway/autopista Eisenhower) llega "
            "a Fresno desde el sur.",
            "La carretera estatal 41",
        ),
        # the first of the names in brackets after the question's
        (
            "What is another name for the Yosemite Freeway?",
            "The Yosemite Freeway (State Route 41/Eisenhower Freeway) enters Fresno.",
            "State Route 41",
        ),
    ],
)
def test_the_other_name_set_beside_the_questions(question: str, sentence: str, other: str) -> None:
    found = other_name_given(question, sentence)
    assert found is not None
    assert found.text == other
    assert sentence[found.start : found.end] == other


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # not asked for another name
        (
            "¿Hacia dónde se dirige la carretera estatal 168?",
            "La carretera estatal 168, la autopista Sierra, se dirige al este.",
        ),
        # the brackets stand beside another name than the question's
        (
            "¿Cuál es otro nombre para la carretera estatal 168?",
            "La ciudad de Clovis (California) está al este de la carretera estatal 168.",
        ),
        # beside the question's name, only its own words
        (
            "¿Cuál es otro nombre para la autopista Sierra?",
            "La autopista Sierra (Sierra) se dirige al este.",
        ),
    ],
)
def test_no_other_name_beside_the_questions(question: str, sentence: str) -> None:
    assert other_name_given(question, sentence) is None


def test_a_quote_for_another_name_is_that_name() -> None:
    document = "La carretera estatal 168, la autopista Sierra, se dirige al este hacia Clovis."
    found = quoted("¿Cuál es otro nombre para la carretera estatal 168?", document)
    assert (found.answer, found.mode) == ("La autopista Sierra [1]", AnswerMode.EXTRACTIVE)
