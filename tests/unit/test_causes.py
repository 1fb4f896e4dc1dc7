"""Why something happened, after a word of cause or purpose (rag/answer/causes.py)."""

from __future__ import annotations

import pytest

from rag.answer.causes import cause_given, restates_the_effect
from rag.answer.verify import unasked_words
from rag.schema import AnswerMode
from tests.support.fakes import quoted, verified


@pytest.mark.parametrize(
    ("question", "sentence", "cause"),
    [
        # the cause opens the sentence, up to its comma
        (
            "¿Por qué el Polonia fue relegado de la máxima categoría?",
            "Debido a su desastrosa situación financiera, el Polonia fue relegado en 2013.",
            "su desastrosa situación financiera",
        ),
        # a purpose keeps its "para"
        (
            "¿Por qué se creó esta organización?",
            "Nixon nombró a Simon, una organización creada para coordinar la respuesta al embargo.",
            "para coordinar la respuesta al embargo",
        ),
        (
            "Why did Harvard end its early admission program?",
            "Harvard ended its early admission program in 2007 because it hurt applicants "
            "from low-income families.",
            "it hurt applicants from low-income families",
        ),
        # what it is known for follows "conocido por", "known for"
        (
            "¿Por qué es conocida la garganta del Rin?",
            "La garganta es el tramo del río que se conoce por sus muchos castillos y viñedos.",
            "sus muchos castillos y viñedos",
        ),
        (
            "What is the country known for?",
            "The country is known for its dominance in long-distance athletics, with many "
            "champions.",
            "its dominance in long-distance athletics",
        ),
    ],
)
def test_why_follows_a_word_of_cause(question: str, sentence: str, cause: str) -> None:
    found = cause_given(question, sentence)
    assert found is not None
    assert sentence[found[0] : found[1]] == cause


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "¿Por qué tipo de…?" asks what, not why
        (
            "¿Por qué tipo de ayuda son conocidos?",
            "Son conocidos porque dan refugio, asistencia y clínicas.",
        ),
        # no word of cause
        ("¿Por qué cerró la garganta?", "La garganta se conoce por sus castillos."),
        # not asked why
        ("¿Qué hizo el Polonia?", "Debido a su situación, el Polonia fue relegado."),
    ],
)
def test_no_cause_given(question: str, sentence: str) -> None:
    assert cause_given(question, sentence) is None


def test_a_quote_for_why_is_the_cause_the_sentence_gives() -> None:
    document = (
        "Debido a sus cuerpos blandos y gelatinosos, los ctenóforos son extremadamente raros "
        "como fósiles."
    )
    found = quoted("¿Por qué los ctenóforos son extremadamente raros como fósiles?", document)
    assert (found.answer, found.mode) == (
        "Sus cuerpos blandos y gelatinosos [1]",
        AnswerMode.EXTRACTIVE,
    )


CONCLUDED = (
    "Por estos volúmenes y por las economías de escala necesarias, el autor concluye que los "
    "modelos generativos estarán concentrados en las manos de las grandes empresas tecnológicas."
)


@pytest.mark.parametrize(
    ("question", "claim", "restates"),
    [
        # what happened, in the clause that holds the question's words
        (
            "¿Por qué estarán concentrados los modelos en las grandes empresas?",
            "Los modelos generativos estarán concentrados en las manos de las grandes empresas.",
            True,
        ),
        # why, from the clause before
        (
            "¿Por qué estarán concentrados los modelos en las grandes empresas?",
            "Por los volúmenes y las economías de escala.",
            False,
        ),
        # a question that asks no why
        (
            "¿Dónde estarán concentrados los modelos?",
            "En las manos de las grandes empresas tecnológicas.",
            False,
        ),
    ],
)
def test_a_why_answer_that_restates_what_happened_is_none(
    question: str, claim: str, restates: bool
) -> None:
    added = unasked_words(question, claim)
    assert restates_the_effect(question, added, CONCLUDED, "es") is restates


def test_a_restated_effect_gives_way_to_the_sentence_that_says_why() -> None:
    question = "¿Por qué estarán concentrados los modelos en las grandes empresas?"
    restated = (
        "porque los modelos generativos estarán concentrados en las manos de las grandes empresas"
    )
    answer = verified(question, CONCLUDED, restated)
    assert answer.answer.startswith("Por estos volúmenes"), answer.answer
