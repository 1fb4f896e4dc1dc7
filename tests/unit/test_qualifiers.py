"""A short answer that gives a noun of the question another qualifier speaks of another
thing than the one asked (rag/answer/qualifiers.py)."""

from __future__ import annotations

import pytest

from rag.answer.qualifiers import qualifies_another, replaces_a_qualifier

Q_AXIS = "What is on the horizontal axis of the chart?"
Q_ORDINATE = "¿Qué se muestra en el eje de ordenadas de la gráfica?"
Q_ARMY = "What did the German army reoccupy?"


@pytest.mark.parametrize(
    ("question", "answer", "lang", "another"),
    [
        (Q_AXIS, "The number of FLOPS on the vertical axis", "en", True),
        # the question's other qualifier ("of the chart"), said of another noun, is none
        (Q_AXIS, "The Epoch.ai chart shows the number of FLOPS on the vertical axis.", "en", True),
        (Q_AXIS, "The Epoch.ai chart shows time on the horizontal axis.", "en", False),
        (Q_ORDINATE, "El tiempo en el eje de abscisas", "es", True),
        (Q_ARMY, "the French army", "en", True),
        (
            "¿Qué jugador de los Broncos recuperó el balón?",
            "el jugador de los Panthers",
            "es",
            True,
        ),
        ("¿Qué se representa en el eje de abscisas?", "el tiempo", "es", False),
        # the question's noun with no qualifier of its own: the answer says which one
        (
            "¿Qué universidad tiene su origen en una escuela?",
            "Universidad de Newcastle",
            "es",
            False,
        ),
        (
            "Which university was founded as a school of medicine?",
            "Newcastle University",
            "en",
            False,
        ),
        # the question's own qualifier, repeated with more
        (
            "¿Qué conjunto de datos usó el modelo?",
            "el conjunto de datos de Common Crawl",
            "es",
            False,
        ),
        ("What is on the horizontal axis?", "time, on the horizontal axis", "en", False),
        # a Spanish word after a noun may be the question's verb, not a qualifier
        (
            "¿Qué tipo de región puede encontrarse en California?",
            "región metropolitana",
            "es",
            False,
        ),
        (Q_ARMY, "Rhineland", "en", False),
        # the noun asked with, unqualified, is answered by one of another name
        (
            "¿Qué mercado anterior sustituyó el Mercado del Grainger?",
            "el Mercado del Carnicero",
            "es",
            False,
        ),
        ("Which market did the Grainger Market replace?", "the Butcher Market", "en", False),
        ("¿Qué modelo de Google superó al modelo de OpenAI?", "el modelo de Meta", "es", True),
        # another name that shares a word with one the question gives
        ("Where was the museum moved to from Marlborough House?", "Somerset House", "en", False),
        # a word that ranks ("first") is answered by the name of the one it ranks
        ("What was the first battle in 1754?", "Battle of Jumonville Glen", "en", False),
        ("What was the first battle in 1754?", "the second battle", "en", True),
    ],
)
def test_another_qualifier_of_the_question_s_noun_is_another_thing(
    question: str, answer: str, lang: str, another: bool
) -> None:
    assert qualifies_another(question, answer, lang) is another


CHART = (
    "La gráfica de Epoch.ai muestra el tiempo en el eje de abscisas y el número de FLOPS "
    "en el eje de ordenadas."
)


@pytest.mark.parametrize(
    ("question", "claim", "sentence", "lang", "replaced"),
    [
        (
            "¿Qué se representa en el eje vertical de la gráfica?",
            "Epoch.ai muestra el tiempo en el eje vertical de la gráfica.",
            CHART,
            "es",
            True,
        ),
        (
            "¿Qué se representa en el eje de abscisas?",
            "La gráfica muestra el tiempo en el eje de abscisas.",
            CHART,
            "es",
            False,
        ),
        # a word of the question that is no qualifier of the noun ("salió … el libro")
        (
            "¿En qué año salió el libro?",
            "El libro salió en diciembre de 2023.",
            "El libro de Ben Auffarth se publicó en diciembre de 2023.",
            "es",
            False,
        ),
        # the sentence writes the question's qualifier too
        (
            "What is on the vertical axis?",
            "FLOPS are on the vertical axis.",
            "The chart plots time on the horizontal axis and FLOPS on the vertical axis.",
            "en",
            False,
        ),
    ],
)
def test_a_claim_that_gives_a_noun_the_question_s_qualifier_for_the_sentence_s(
    question: str, claim: str, sentence: str, lang: str, replaced: bool
) -> None:
    assert replaces_a_qualifier(question, claim, sentence, lang) is replaced


@pytest.mark.parametrize(
    ("question", "phrase", "sentence", "another"),
    [
        (  # the sentence speaks of both axes, the phrase of the other one
            "¿Qué se muestra en el eje de abscisas?",
            "el número de FLOPS en el eje de ordenadas",
            CHART,
            True,
        ),
        (  # the sentence words the question's qualifier otherwise: no other thing
            "¿Qué usa la Iglesia en el sacramento de la Santa Comunión?",
            "jugo de uva sin fermentar en el sacramento de la Sagrada Comunión",
            "La Iglesia usa jugo de uva sin fermentar en el sacramento de la Sagrada Comunión.",
            False,
        ),
    ],
)
def test_a_phrase_qualifies_another_only_where_its_sentence_writes_the_question_s_qualifier(
    question: str, phrase: str, sentence: str, another: bool
) -> None:
    assert qualifies_another(question, phrase, "es", contrasted_in=sentence) is another
    assert qualifies_another(question, phrase, "es")  # without the contrast, both would
