"""How long something lasted, said by when it ended, and how often it happens, said by a
word of frequency (rag/answer/durations.py)."""

from __future__ import annotations

import pytest

from rag.answer.answer_types import AnswerType, candidate_spans
from rag.answer.claims import ClaimCheck
from rag.answer.durations import frequency_spans, until_spans
from rag.schema import AnswerMode
from tests.support.fakes import verified


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("El teatro funcionó desde 1870 hasta 1939.", ["desde 1870 hasta 1939"]),
        (
            "Usaron nombres franceses hasta bien entrado el siglo XIX.",
            ["hasta bien entrado el siglo XIX"],
        ),
        (
            "La coalición duraría hasta el final del parlamento actual o hasta que haya "
            "elecciones.",
            ["hasta el final del parlamento actual"],
        ),
        (
            "The theatre operated from 1870 until 1939, when the war began.",
            ["from 1870 until 1939"],
        ),
        # "hasta" of an amount, or of an end point that is no time
        ("Hasta el 30 % de las niñas estaban afectadas.", []),
        ("Caminaron hasta la plaza mayor de la ciudad.", []),
    ],
)
def test_a_duration_is_said_by_when_it_ended(sentence: str, found: list[str]) -> None:
    assert [span.text for span in until_spans(sentence)] == found


def test_only_a_question_of_how_long_reads_an_end_point_as_its_answer() -> None:
    sentence = "La peste siguió en la sociedad otomana hasta el segundo cuarto del siglo XIX."
    asked = "¿Cuánto duró la peste en el imperio otomano?"
    assert [s.text for s in candidate_spans(sentence, AnswerType.QUANTITY, asked)] == [
        "hasta el segundo cuarto del siglo XIX"
    ]
    counted = "¿Cuántas víctimas hubo en el imperio otomano?"
    assert candidate_spans(sentence, AnswerType.QUANTITY, counted) == []


def test_the_verb_of_lasting_is_no_word_of_what_is_asked_about() -> None:
    """ "…una guerra que duró hasta 1279" holds the question's "duró", which is part of its
    interrogative phrase: the clause says nothing of the plague."""
    check = ClaimCheck("¿Cuánto duró la peste en el imperio otomano?", "es")
    war = "Los mongoles lucharon contra los Song, en una guerra que duró hasta 1279."
    assert not check.supported_by(check.claimed("hasta 1279"), war, "es")
    plague = "La peste del imperio otomano duró hasta 1850."
    assert check.supported_by(check.claimed("hasta 1850"), plague, "es")


def test_how_long_is_answered_by_the_end_point_of_what_the_question_names() -> None:
    document = (
        "Los mongoles entraron en conflicto con la dinastía Song, comenzando una guerra que "
        "duró hasta 1279. La peste siguió siendo un acontecimiento importante en la "
        "sociedad otomana hasta el segundo cuarto del siglo XIX."
    )
    answer = verified("¿Cuánto duró la peste en el imperio otomano?", document, "100 años")
    assert (answer.answer, answer.mode) == (
        "Hasta el segundo cuarto del siglo XIX [1]",
        AnswerMode.EXTRACTIVE,
    )


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("El Doctor raras veces viaja solo.", ["raras veces"]),
        ("The Doctor rarely travels alone.", ["rarely"]),
        ("El comité se reúne dos veces al año.", ["dos veces al año"]),
        ("El festival se celebra una vez al año.", ["una vez al año"]),
        ("El informe se publica cada año.", ["cada año"]),
        ("The board meets once a year.", ["once a year"]),
        # words that more often say something else
        ("Siempre han sido libres y nunca votaron.", []),
    ],
)
def test_how_often_is_said_by_a_word_of_frequency(sentence: str, found: list[str]) -> None:
    assert [span.text for span in frequency_spans(sentence)] == found


def test_only_a_question_of_how_often_reads_a_word_of_frequency_as_its_answer() -> None:
    sentence = "El Doctor raras veces viaja solo y lleva compañeros."
    asked = "¿Con qué frecuencia viaja solo el Doctor?"
    assert [s.text for s in candidate_spans(sentence, AnswerType.QUANTITY, asked)] == [
        "raras veces"
    ]
    counted = "¿Cuántos compañeros lleva el Doctor?"
    assert candidate_spans(sentence, AnswerType.QUANTITY, counted) == []


def test_how_often_is_answered_by_the_word_the_sentence_says_it_with() -> None:
    document = "El Doctor raras veces viaja solo y lleva compañeros en sus aventuras."
    answer = verified("¿Con qué frecuencia viaja solo el Doctor?", document, "100%")
    assert (answer.answer, answer.mode) == ("Raras veces [1]", AnswerMode.EXTRACTIVE)
