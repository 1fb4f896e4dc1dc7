"""A name the question misspells by one slip is read as the passages spell it
(rag/answer/spelling.py), so the sentence that answers is not judged irrelevant."""

from __future__ import annotations

import pytest

from rag.answer.evidence import passage_sentences
from rag.answer.spelling import one_slip, respelled
from rag.answer.verify import Verifier
from rag.schema import Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder

NOTES = (
    "LangChain es un framework para construir aplicaciones con modelos de lenguaje. "
    "El emperador Gegeen Khan gobernó desde 1321 hasta 1323. "
    "El poeta Percy Shelley escribió sobre Ozymandias. "
    "María Moliner escribió un diccionario del español. "
    "Álvaro Mutis nació en Bogotá."
)


def passage(text: str = NOTES) -> Passage:
    return Passage("c1", text, {"source": "notes.md", "start": 0, "end": len(text)})


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("¿Qué es LangChian?", "¿Qué es LangChain?"),  # two letters swapped
        ("¿Cuándo fue Geegen el emperador?", "¿Cuándo fue Gegeen el emperador?"),
        ("¿Qué escribió Percy Shelly?", "¿Qué escribió Percy Shelley?"),  # a letter dropped
        ("¿Qué escribió Maria Molinner?", "¿Qué escribió Maria Moliner?"),  # ... or added
        ("¿Qué escribió Mario Moliner?", "¿Qué escribió Mario Moliner?"),  # a letter replaced
        ("¿Dónde nació Álvaor Mutis?", "¿Dónde nació Álvaro Mutis?"),  # an accented capital
        ("¿Qué es LangChain?", "¿Qué es LangChain?"),  # spelled as the notes spell it
        ("¿Qué es Gemini?", "¿Qué es Gemini?"),  # no name of the notes is near it
    ],
)
def test_a_name_one_slip_away_from_a_name_of_the_evidence_is_respelled(
    question: str, read: str
) -> None:
    assert respelled(question, passage_sentences(passage())) == read


def test_a_slip_that_two_names_of_the_evidence_could_explain_is_left_alone() -> None:
    text = "Shelley escribió poemas. Shell vende gasolina."
    assert respelled("¿Qué hizo Shelly?", passage_sentences(passage(text))) == "¿Qué hizo Shelly?"


def test_short_names_are_too_close_to_each_other_to_respell() -> None:
    text = "Anna Karenina es una novela de Tolstói."
    assert respelled("¿Quién es Ana?", passage_sentences(passage(text))) == "¿Quién es Ana?"


@pytest.mark.parametrize(
    ("typed", "written", "slip"),
    [
        ("langchian", "langchain", True),
        ("shelly", "shelley", True),
        ("maastricht", "maastrich", True),
        ("mario", "maria", False),
        ("gegeen", "gegeen", False),
        ("shelly", "shellie", False),
    ],
)
def test_one_slip_is_an_added_dropped_or_swapped_letter(
    typed: str, written: str, slip: bool
) -> None:
    assert one_slip(typed, written) is slip


def test_the_assessment_reads_the_misspelled_name_as_written_in_the_evidence() -> None:
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    misspelled = verifier.assess("¿Cuándo fue Geegen el emperador?", "es", [passage()])
    spelled = verifier.assess("¿Cuándo fue Gegeen el emperador?", "es", [passage()])
    assert misspelled.question == spelled.question
    assert misspelled.ranked[0].evidence.text == spelled.ranked[0].evidence.text
    assert misspelled.ranked[0].coverage == spelled.ranked[0].coverage == 1.0
