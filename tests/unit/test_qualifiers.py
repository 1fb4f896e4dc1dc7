"""A short answer that gives a noun of the question another qualifier speaks of another
thing than the one asked (rag/answer/qualifiers.py)."""

from __future__ import annotations

import pytest

from rag.answer.qualifiers import qualifies_another


@pytest.mark.parametrize(
    ("question", "answer", "lang"),
    [
        (
            "What is on the horizontal axis of the chart?",
            "The number of FLOPS on the vertical axis",
            "en",
        ),
        (
            "¿Qué se muestra en el eje de ordenadas de la gráfica?",
            "El tiempo en el eje de abscisas",
            "es",
        ),
        ("What did the German army reoccupy?", "the French army", "en"),
        ("¿Qué jugador de los Broncos recuperó el balón?", "el jugador de los Panthers", "es"),
    ],
)
def test_another_qualifier_of_the_question_s_noun_is_another_thing(
    question: str, answer: str, lang: str
) -> None:
    assert qualifies_another(question, answer, lang)


@pytest.mark.parametrize(
    ("question", "answer", "lang"),
    [
        ("¿Qué se representa en el eje de abscisas de la gráfica?", "el tiempo", "es"),
        # the question's noun with no qualifier of its own: the answer names which one
        (
            "¿Qué universidad tiene su origen en una escuela de medicina?",
            "Universidad de Newcastle",
            "es",
        ),
        ("Which university was founded as a school of medicine?", "Newcastle University", "en"),
        # the question's own qualifier, repeated with more
        ("¿Qué conjunto de datos usó el modelo?", "el conjunto de datos de Common Crawl", "es"),
        ("What is on the horizontal axis?", "time, on the horizontal axis", "en"),
        # a Spanish word after a noun may be the question's verb, not a qualifier
        (
            "¿Qué tipo de región puede encontrarse en California del Sur?",
            "región metropolitana",
            "es",
        ),
        ("What did the German army reoccupy?", "Rhineland", "en"),
    ],
)
def test_the_asked_thing_or_an_unqualified_one_is_no_other(
    question: str, answer: str, lang: str
) -> None:
    assert not qualifies_another(question, answer, lang)
