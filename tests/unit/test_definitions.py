"""What a term is, for "¿Qué es X?" and "What is X?" (rag/answer/definitions.py)."""

from __future__ import annotations

import pytest

from rag.answer.definitions import defines_another, definition_given
from rag.schema import AnswerMode
from tests.support.fakes import quoted, verified


@pytest.mark.parametrize(
    ("question", "sentence", "definition"),
    [
        (
            "¿Qué es Internet2?",
            "Internet2 es un consorcio de redes informáticas sin fines de lucro, dirigido por "
            "universidades.",
            "un consorcio de redes informáticas sin fines de lucro, dirigido por universidades",
        ),
        (
            "¿Qué es la septicemia?",
            'Otros señalan formas de septicemia (un tipo de "envenenamiento de la sangre") y '
            "neumónica.",
            'un tipo de "envenenamiento de la sangre"',
        ),
        (
            "¿Qué son las consideraciones de malum prohibitum?",
            "Otros requisitos provienen de consideraciones de malum prohibitum, o cosas que son "
            "una cuestión de costumbre, como aislar negocios.",
            "cosas que son una cuestión de costumbre",
        ),
        (
            "What is DECnet?",
            "DECnet is a suite of network protocols created by Digital Equipment Corporation.",
            "a suite of network protocols created by Digital Equipment Corporation",
        ),
        # a bracket that opens a clause on the term, or a date
        ("¿Qué son los clades?", "Estos clades (que se cree que están extintos) son raros.", None),
        ("¿Qué es el teatro?", "El teatro (1922–26) constituía el mejor ejemplo.", None),
        # not a term: "¿Qué es lo que…?"
        ("¿Qué es lo que más le interesa al consultor?", "Lo que más le interesa es esto.", None),
        # the term is not in the sentence
        ("¿Qué es Internet2?", "Abilene es una red de alto rendimiento.", None),
    ],
)
def test_what_the_sentence_says_the_term_is(
    question: str, sentence: str, definition: str | None
) -> None:
    found = definition_given(question, sentence)
    assert (sentence[found[0] : found[1]] if found else None) == definition


def test_a_quote_for_what_a_term_is_is_its_definition_however_long() -> None:
    document = (
        "Internet2 es un consorcio de redes informáticas sin fines de lucro de Estados Unidos "
        "dirigido por miembros de las comunidades de investigación y educación, la industria "
        "y el Gobierno."
    )
    found = quoted("¿Qué es Internet2?", document)
    assert found.mode is AnswerMode.EXTRACTIVE
    assert found.answer == (
        "Un consorcio de redes informáticas sin fines de lucro de Estados Unidos dirigido por "
        "miembros de las comunidades de investigación y educación, la industria y el Gobierno "
        "[1]"
    )


@pytest.mark.parametrize(
    ("question", "claim", "another"),
    [
        (
            "What is model distillation?",
            "Transfer learning is a technique for learning from large models.",
            True,
        ),
        ("¿Qué es el destilado del modelo?", "El 'transfer learning' es una técnica.", True),
        ("¿Qué es el aprendizaje federado?", "El aprendizaje federado es un modelo.", False),
        # a subject of no content word may be the asked term
        ("What is quantization?", "It is the reduction of the bits used.", False),
        # no copula: the claim says what the subject does, not what it is
        ("What is model distillation?", "Model distillation uses transfer learning.", False),
        # not a question about what a term is
        ("Which technique is cheaper?", "Transfer learning is a technique.", False),
    ],
)
def test_a_claim_that_defines_another_term_is_told_apart(
    question: str, claim: str, another: bool
) -> None:
    assert defines_another(question, claim) is another


def test_what_another_term_is_is_no_answer_about_the_asked_one() -> None:
    document = (
        "Model distillation uses transfer learning to move knowledge from a large model to "
        "smaller models that are cheaper and easier to deploy."
    )
    generated = (
        "Transfer learning is a technique for learning from large models to smaller models "
        "that are cheaper and easier to deploy."
    )
    found = verified("What is model distillation?", document, generated, "en")
    assert found.mode is AnswerMode.EXTRACTIVE
    assert found.answer.startswith("Model distillation uses transfer learning")
