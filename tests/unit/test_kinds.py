"""What kind of thing a sentence says the asked noun is: the noun with its qualifiers,
not the whole sentence (rag/answer/kinds.py)."""

from __future__ import annotations

import pytest

from rag.answer.kinds import kind_given, qualifiers_only
from rag.schema import AnswerMode
from tests.support.fakes import quoted


@pytest.mark.parametrize(
    ("question", "sentence", "kind"),
    [
        (
            "¿Qué tipo de ciudad ha sido siempre Varsovia?",
            "A lo largo de su historia, Varsovia siempre ha sido una ciudad multicultural.",
            "ciudad multicultural",
        ),
        (
            "¿Qué tipo de comité examinó la legislación del tranvía?",
            "Se crearon comités de proposiciones de ley para examinar la legislación.",
            "comités de proposiciones de ley",
        ),
        (
            "¿Qué tipo de datos usó la cadena desde 1970?",
            "También usó datos de comportamiento y demográficos para elegir su público.",
            "datos de comportamiento y demográficos",
        ),
        # a participle with its agent is no qualifier
        (
            "¿Qué tipo de grupo es el Estado Islámico?",
            "Es un grupo militante yihadista wahabí/salafí dirigido por árabes.",
            "grupo militante yihadista wahabí/salafí",
        ),
        # in English, the words before the noun
        (
            "What kind of region is found inside the urban area?",
            "The urban area also hosts an international metropolitan region to the south.",
            "international metropolitan region",
        ),
        # asked for kinds: the other members of the list
        (
            "¿Para qué tipos de extracción se localizan zonas?",
            "Los datos sirven para localizar zonas para la extracción de agua, carbón e "
            "hidrocarburos.",
            "extracción de agua, carbón e hidrocarburos",
        ),
    ],
)
def test_the_kind_is_the_asked_noun_with_what_qualifies_it(
    question: str, sentence: str, kind: str
) -> None:
    found = kind_given(question, sentence)
    assert found is not None
    assert sentence[found.start : found.end] == kind


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # a task, not a kind
        (
            "¿Qué tipo de responsabilidades tiene un técnico?",
            "Se le ha confiado la responsabilidad de gestionar la farmacia.",
        ),
        # an aside in brackets
        (
            "What type of school was recognised under the act?",
            'The act recognises "public" schools and "independent" ones (which includes '
            "private schools).",
        ),
        # a verb after a relative pronoun is no qualifier
        (
            "What type of school was recognised under the act?",
            "The act recognises ones that include schools.",
        ),
        # qualified only by the question's own words
        ("¿Qué tipo de ciudad multicultural es Varsovia?", "Varsovia es una ciudad multicultural."),
        ("¿Qué ciudad es multicultural?", "Varsovia es una ciudad multicultural."),
    ],
)
def test_no_kind_given(question: str, sentence: str) -> None:
    assert kind_given(question, sentence) is None


def test_a_quote_for_what_kind_is_what_qualifies_the_asked_noun() -> None:
    document = "A lo largo de su historia, Varsovia siempre ha sido una ciudad multicultural."
    found = quoted("¿Qué tipo de ciudad ha sido siempre Varsovia?", document)
    assert (found.answer, found.mode) == ("Multicultural [1]", AnswerMode.EXTRACTIVE)


@pytest.mark.parametrize(
    ("question", "phrase", "shown"),
    [
        ("¿Qué tipo de ciudad ha sido siempre Varsovia?", "ciudad multicultural", "multicultural"),
        ("¿Qué clase de geógrafos eran?", "Geógrafos políticos", "políticos"),
        ("¿En qué tipo de célula entraron?", "célula eucariota temprana", "eucariota temprana"),
        # a function word joins the qualifiers to the noun
        ("¿Qué tipo de comité la consideró?", "comités de proposiciones de ley", None),
        # the phrase does not open (in English, end) with the asked noun
        ("¿Qué tipo de ciudad es?", "una metrópoli multicultural", None),
        # in English the words before the noun may be nouns of a compound
        ("What type of professional is he?", "a health care professional", None),
        ("What kinds of trees line the street?", "Palm trees.", None),
        # too long to be a kind: a clause
        (
            "¿Qué clases de medicamentos se usan?",
            "Medicamentos antiinflamatorios a menudo se usan junto con otros",
            None,
        ),
        # the question asks no kind
        ("¿Qué ciudad es multicultural?", "ciudad multicultural", None),
    ],
)
def test_a_kind_is_shown_without_the_noun_the_question_says(
    question: str, phrase: str, shown: str | None
) -> None:
    assert qualifiers_only(question, phrase) == (phrase if shown is None else shown)
