"""What the preposition a question opens with governs: the phrase after it, not the whole
sentence (rag/answer/prepositions.py)."""

from __future__ import annotations

import pytest

from rag.answer.prepositions import governed_phrase, outside_the_governed_phrase
from rag.schema import AnswerMode
from tests.support.fakes import quoted, verified


@pytest.mark.parametrize(
    ("question", "sentence", "phrase"),
    [
        (
            "¿A qué está sujeto el dispensario?",
            "En muchos países, el dispensario está sujeto a legislación farmacéutica; con "
            "requisitos de almacenamiento.",
            "legislación farmacéutica",
        ),
        # a word between the question's word and the preposition; "del" for "de"
        (
            "¿De qué puede depender la elasticidad de la pobreza?",
            "La elasticidad de la pobreza puede depender mucho del nivel de desigualdad.",
            "nivel de desigualdad",
        ),
        # up to a purpose
        (
            "¿De qué dependen los técnicos?",
            "Los técnicos dependen más de la automatización para ayudarles en su papel.",
            "la automatización",
        ),
        (
            "¿En qué exposición tiene su origen el museo?",
            "El museo tiene sus orígenes en la Gran Exposición de 1851, con la que nació.",
            "la Gran Exposición de 1851",
        ),
        # without the question's own words that close it
        (
            "¿De qué era Secretario General Ban Ki-moon?",
            "Política: Secretario General de la ONU Ban Ki-moon; otros líderes.",
            "la ONU",
        ),
        # not the "de" inside brackets; "desde" for "de"
        (
            "¿De qué dirección viene la carretera 180?",
            "La carretera 180 (autopista de Kings Canyon) viene desde el oeste.",
            "el oeste",
        ),
        # the question's mark after the rest of the question
        (
            "La Iglesia apoya a las personas que se oponen concienzudamente, ¿a qué?",
            "La Iglesia apoya a las personas que se oponen concienzudamente a toda guerra, o "
            "a cualquier guerra en particular.",
            "toda guerra",
        ),
        (
            "En una turbina de vapor, ¿en qué se montan los rotores?",
            "Una turbina consiste en uno o más rotores montados en un eje impulsor, alternando "
            "con estatores.",
            "un eje impulsor",
        ),
        # in English the preposition comes last
        (
            "The modern trend in design is toward integration of what?",
            "The trend is toward integration of previously separated specialties, as in firms.",
            "previously separated specialties",
        ),
        # or alone, after the question's words
        (
            "What does RAG enrich text generation with?",
            "RAG enriches text generation with knowledge gathered from relevant sources, in "
            "line with knowledge bases.",
            "knowledge gathered from relevant sources",
        ),
    ],
)
def test_the_phrase_the_question_s_preposition_governs(
    question: str, sentence: str, phrase: str
) -> None:
    found = governed_phrase(question, sentence)
    assert found is not None
    assert sentence[found[0] : found[1]] == phrase


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "por qué" asks why
        ("¿Por qué es conocido el país?", "El país es conocido por su dominio en el atletismo."),
        # in another part of the sentence than the question's words
        (
            "¿En qué década terminó la cadena la transición al color?",
            "A principios de los años 70, la cadena completó su transición al color; la "
            "década en su conjunto marcó un cambio.",
        ),
        # only the question's words after it
        ("¿A qué está sujeto el dispensario?", "El dispensario está sujeto al dispensario."),
        # "for what reason" asks why
        (
            "Anarchists do not accept punishment for what reason?",
            "They do not accept punishment for a violation of a law that harms no one.",
        ),
    ],
)
def test_no_phrase_governed(question: str, sentence: str) -> None:
    assert governed_phrase(question, sentence) is None


def test_a_quote_for_what_a_preposition_governs_is_that_phrase() -> None:
    document = (
        "En muchos países, el dispensario está sujeto a legislación farmacéutica; con "
        "requisitos de almacenamiento."
    )
    found = quoted("¿A qué está sujeto el dispensario?", document)
    assert (found.answer, found.mode) == ("Legislación farmacéutica [1]", AnswerMode.EXTRACTIVE)


def test_a_run_outside_what_the_preposition_governs_does_not_answer() -> None:
    question = "What does RAG enrich text generation with?"
    sentence = (
        "RAG enriches text generation with knowledge gathered from relevant sources, in line "
        "with knowledge bases."
    )
    bases = sentence.index("knowledge bases")
    assert outside_the_governed_phrase(question, sentence, bases, bases + len("knowledge bases"))
    gathered = sentence.index("knowledge gathered")
    assert not outside_the_governed_phrase(question, sentence, gathered, gathered + 9)
    answer = verified(question, sentence, "Knowledge bases")
    assert answer.answer == "Knowledge gathered from relevant sources [1]"


def test_a_preposition_that_opens_the_question_does_not_rule_out_a_run() -> None:
    question = "¿En qué deportes participan los kenianos?"
    sentence = "Los kenianos participan en varios deportes, como el fútbol y el boxeo."
    football = sentence.index("el fútbol")
    assert governed_phrase(question, sentence) is not None
    assert not outside_the_governed_phrase(question, sentence, football, len(sentence) - 1)
