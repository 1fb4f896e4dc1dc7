"""Who or what does the asked deed, named before its verb, and what does another deed
(rag/answer/doers.py)."""

from __future__ import annotations

import pytest

from rag.answer.doers import asked_doer, names_the_deed_only_as_a_noun
from rag.schema import AnswerMode
from tests.support.fakes import quoted, verified


@pytest.mark.parametrize(
    ("question", "sentence", "doer"),
    [
        # "¿Quién <verbo>…?": the verb in another inflection, after an opening phrase
        (
            "¿Quién analiza las secciones estratigráficas?",
            "En el laboratorio, los estratigrafistas analizan muestras de secciones "
            "estratigráficas del campo.",
            "los estratigrafistas",
        ),
        # "¿Qué <nombre> <verbo>…?"
        (
            "¿Qué país firmó en 1985 un tratado especial?",
            "Groenlandia firmó un Tratado en 1985 que le otorga un estatus especial.",
            "Groenlandia",
        ),
        (
            "¿Qué grupo puede enmendar la Constitución de Victoria?",
            "El Parlamento de Victoria puede enmendar la Constitución de Victoria, excepto "
            "ciertas disposiciones.",
            "El Parlamento de Victoria",
        ),
        # "¿Qué <verbo> <preposición>…?"
        (
            "¿Qué fluye entre Bingen y Bonn?",
            "Al sur, el río Rin Medio fluye entre Bingen y Bonn por una garganta.",
            "el río Rin Medio",
        ),
        # "¿Qué se <verbo>…?": the subject before the pronoun the verb takes
        (
            "¿Qué se representa con círculos en la gráfica?",
            "En la gráfica de Epoch.ai, cada modelo concreto se representa mediante un "
            "pequeño círculo.",
            "cada modelo concreto",
        ),
    ],
)
def test_the_doer_opens_the_clause_of_the_asked_verb(
    question: str, sentence: str, doer: str
) -> None:
    found = asked_doer(question, sentence)
    assert found is not None
    assert sentence[found[0] : found[1]] == doer


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "¿Qué <verbo> <artículo>…?" asks what the verb acts on
        ("¿Qué reduce la cuantización?", "La cuantización reduce el tamaño del modelo."),
        # a name after the verb is its subject: the object is asked
        ("¿Qué presentó Stiglitz en 2009?", "El economista Stiglitz presentó pruebas en 2009."),
        # "¿Qué tipo de…?" is a noun with its complement
        ("¿Qué tipo de red utiliza la X.25?", "La serie X.25 utiliza una red de paquetes."),
        # a copula says what something is, not who does something
        ("¿Quién fue el autor del libro?", "El autor fue Ben Auffarth, que escribió el libro."),
        # the verb's clause goes on with none of the question's words
        ("¿Quién analiza las muestras?", "Los geólogos analizan el terreno en el campo."),
        # the verb opens the sentence: no doer is named
        ("¿Quién analiza las muestras?", "Analizan las muestras en el laboratorio."),
        # a doer that a preposition opens is a circumstance
        ("¿Quién analiza las muestras?", "En el laboratorio analizan las muestras del campo."),
        # a copula before the word makes a clause, not a doer: "descentralizada" is no verb
        (
            "¿Qué técnica descentralizada favorece la escalabilidad?",
            "El aprendizaje federado es un modelo descentralizado que favorece la escalabilidad.",
        ),
        # "¿A quién…?" asks whom
        ("¿A quién derrotaron los Broncos?", "Los Broncos derrotaron a los Patriots."),
        # an infinitive's doer is not the phrase right before it
        ("¿Quién analiza las muestras?", "Los técnicos suelen analizar las muestras."),
        ("¿Qué museo recibió los instrumentos?", "Otro museo esperaba recibir los instrumentos."),
        # the verb's noun after its article is no verb
        (
            "¿Quién concentrará el poder en el ámbito de los modelos?",
            "Los modelos son costosos, y parece difícil evitar la concentración de poder en "
            "este ámbito en las grandes empresas.",
        ),
    ],
)
def test_no_doer_where_the_question_or_the_sentence_names_none(
    question: str, sentence: str
) -> None:
    assert asked_doer(question, sentence) is None


def test_a_quote_for_what_does_something_is_the_doer_it_names() -> None:
    document = "Groenlandia firmó un Tratado en 1985 que le otorga un estatus especial."
    found = quoted("¿Qué país firmó en 1985 un tratado especial?", document)
    assert (found.answer, found.mode) == ("Groenlandia [1]", AnswerMode.EXTRACTIVE)


ROCK_EN = (
    "From a cost point of view, Rock's law does not offset the doubling of training time "
    "every eight months."
)


@pytest.mark.parametrize(
    ("question", "sentence", "phrase", "another_deed"),
    [
        ("What doubles every eight months?", ROCK_EN, "Rock's law", True),
        ("Who doubles the training time?", ROCK_EN, "Rock's law", True),
        # the sentence writes the asked verb as a verb
        (
            "What doubles every eight months?",
            "According to the book, the training time of models doubles every eight months.",
            "the training time of models",
            False,
        ),
        # a copula ties the phrase to the noun of the asked verb
        ("What causes cancer?", "Smoking is the cause of cancer.", "Smoking", False),
        # the verb's noun without an article, and a question that asks no deed
        ("What causes cancer?", "Smoking raised cancer causes.", "Smoking", False),
        ("What is the doubling time?", ROCK_EN, "Rock's law", False),
        ("¿Qué duplica el tiempo?", ROCK_EN, "Rock's law", False),
    ],
)
def test_a_phrase_before_the_asked_verb_written_as_a_noun_does_another_deed(
    question: str, sentence: str, phrase: str, another_deed: bool
) -> None:
    start = sentence.index(phrase)
    found = names_the_deed_only_as_a_noun(question, sentence, start, start + len(phrase))
    assert found is another_deed


def test_what_doubles_is_not_what_does_not_offset_the_doubling() -> None:
    """Gemma says "Rock's law", the subject of the sentence that names the doubling."""
    document = (
        "According to the book, the training time of models doubles every eight months. " + ROCK_EN
    )
    found = verified("What doubles every eight months?", document, "Rock's law", "en")
    assert not found.answer.startswith("Rock"), found.answer
