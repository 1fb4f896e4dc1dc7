"""A score or a ratio, for the question that asks for one (rag/answer/scores.py)."""

from __future__ import annotations

import pytest

from rag.answer.scores import score_given
from rag.schema import AnswerMode
from tests.support.fakes import quoted


@pytest.mark.parametrize(
    ("question", "sentence", "score"),
    [
        (
            "¿Cuál fue el resultado final del campeonato?",
            "En el campeonato batieron a los New England Patriots por 20 a 18.",
            "20 a 18",
        ),
        (
            "¿Cuál fue la proporción entre colonos británicos y franceses?",
            "Los británicos superaban a los franceses en una proporción de 20 a 1, con 1,5 "
            "millones de personas.",
            "20 a 1",
        ),
        (
            "What was the final score of the AFC Championship Game?",
            "They beat the Patriots in the AFC Championship Game by a score of 20–18.",
            "20–18",
        ),
        # two scores: which one is meant is not said
        ("¿Cuál fue el resultado?", "Ganaron por 20 a 18 y luego por 24 a 10.", None),
        # a range of years, digits grouped by spaces
        ("¿Cuál fue el resultado?", "El teatro (1922–26) tuvo 1 345 596 visitantes.", None),
        # not asked for a score
        (
            "¿Quién ganó el campeonato?",
            "En el campeonato batieron a los Patriots por 20 a 18.",
            None,
        ),
    ],
)
def test_the_score_the_question_asks_for(question: str, sentence: str, score: str | None) -> None:
    found = score_given(question, sentence)
    assert (sentence[found[0] : found[1]] if found else None) == score


def test_a_quote_for_the_result_of_a_match_is_its_score() -> None:
    document = "En el campeonato de la AFC batieron a los New England Patriots por 20 a 18."
    found = quoted("¿Cuál fue el resultado final del campeonato de la AFC?", document)
    assert (found.answer, found.mode) == ("20 a 18 [1]", AnswerMode.EXTRACTIVE)
