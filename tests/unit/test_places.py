"""Where a sentence says something happens: the place after the asked verb, not the whole
sentence (rag/answer/places.py)."""

from __future__ import annotations

import pytest

from rag.answer.places import place_given
from rag.schema import AnswerMode
from tests.support.fakes import quoted


@pytest.mark.parametrize(
    ("question", "sentence", "place"),
    [
        (
            "¿Dónde se encuentra la sede del club?",
            "La sede del club se encuentra en la calle Konwiktorska, a diez minutos del centro.",
            "la calle Konwiktorska",
        ),
        # past commas of the same clause
        (
            "¿Dónde vivió Tesla la mayor parte de su vida?",
            "Vivió la mayor parte de su vida, incluso tras retirarse, en hoteles de Nueva York.",
            "hoteles de Nueva York",
        ),
        # a preposition that says where relative to the place stays
        (
            "¿Dónde fluye el Rin Medio?",
            "El Rin Medio fluye a través de la garganta del Rin, que creó la erosión.",
            "a través de la garganta del Rin",
        ),
        # a place the question names is passed over
        (
            "¿Dónde se construyeron las líneas de Victoria?",
            "Las líneas se construyeron en Victoria en zonas montañosas.",
            "zonas montañosas",
        ),
    ],
)
def test_the_place_after_the_asked_verb(question: str, sentence: str, place: str) -> None:
    found = place_given(question, sentence)
    assert found is not None
    assert sentence[found[0] : found[1]] == place


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # the place is another verb's, past a relative clause
        (
            "¿Dónde se encontraba el teatro?",
            "Se encontraba allí el teatro que funcionó en tiempos de paz.",
        ),
        # a time, not a place
        ("¿Dónde se celebró la feria?", "La feria se celebró desde 1870 hasta 1939."),
        # the verb is not written
        ("¿Dónde vive el autor?", "El autor escribe en Madrid."),
        # no "where" asked
        ("¿Cuándo se construyó la línea?", "La línea se construyó en zonas montañosas."),
    ],
)
def test_no_place_given(question: str, sentence: str) -> None:
    assert place_given(question, sentence) is None


def test_a_quote_for_where_is_the_place_after_the_asked_verb() -> None:
    document = "La sede del club se encuentra en la calle Konwiktorska, a diez minutos del centro."
    found = quoted("¿Dónde se encuentra la sede del club?", document)
    assert (found.answer, found.mode) == ("La calle Konwiktorska [1]", AnswerMode.EXTRACTIVE)
