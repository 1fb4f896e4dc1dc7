"""Who owns what a question asks about (rag/answer/subjects.py): a sentence that gives the
owner of an asked name says who made it, though it writes neither "empresa" nor "made"."""

from __future__ import annotations

import pytest

from rag.answer.evidence import keys_of
from rag.answer.subjects import MAKER_KEYS, MAKER_ROLE_KEYS, MAKING_KEYS, maker_words_said


@pytest.mark.parametrize(
    ("question", "sentence", "says"),
    [
        (
            "¿Qué empresa desarrolló GPT-4?",
            "El entrenamiento del modelo GPT-4 de OpenAI duró 95 días.",
            True,
        ),
        ("Which company made GPT-4?", "The training of OpenAI's GPT-4 model lasted 95 days.", True),
        # the owner of another name than the question asks about
        (
            "¿Qué empresa creó Gemini?",
            "El entrenamiento del modelo GPT-4 de OpenAI duró 95 días.",
            False,
        ),
        # no owner: "de" before a word that is no name
        (
            "¿Qué empresa desarrolló GPT-4?",
            "El entrenamiento de GPT-4 costó 41 millones de dólares.",
            False,
        ),
    ],
)
def test_a_sentence_giving_the_owner_of_an_asked_name_says_who_made_it(
    question: str, sentence: str, says: bool
) -> None:
    assert (maker_words_said(question, sentence) == MAKER_KEYS) is says
    assert keys_of("empresa desarrolló company made developed") <= MAKER_KEYS


@pytest.mark.parametrize(
    ("question", "sentence", "says"),
    [
        ("¿Quién hizo la gráfica?", "El libro usa una gráfica creada por Epoch.ai.", True),
        ("Who made the chart?", "The book uses a chart created by Epoch.ai.", True),
        # nor only to "who": to the maker a question names, and that maker word too
        ("¿Qué organización elaboró la gráfica?", "Una gráfica creada por Epoch.ai.", True),
        ("Which organization produced the chart?", "A chart created by Epoch.ai.", True),
        # not to a question that asks for no one
        ("¿Qué produce la planta?", "La planta fue creada en 1950.", False),
        # nor from a sentence that writes no verb of making
        ("¿Quién hizo la gráfica?", "La gráfica muestra el tiempo en abscisas.", False),
        # nor when the verb asked of "who" is not one of making
        ("Who may seek changes where the building will be built?", "It was created.", False),
    ],
)
def test_to_a_who_question_one_verb_of_making_says_them_all_and_who_makes(
    question: str, sentence: str, says: bool
) -> None:
    assert (maker_words_said(question, sentence) == MAKING_KEYS | MAKER_ROLE_KEYS) is says
