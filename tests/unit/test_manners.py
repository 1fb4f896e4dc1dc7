"""How something is done, right after the verb of "¿Cómo…?" (rag/answer/manners.py)."""

from __future__ import annotations

import pytest

from rag.answer.manners import manner_given
from rag.schema import AnswerMode
from tests.support.fakes import quoted


@pytest.mark.parametrize(
    ("question", "sentence", "manner"),
    [
        (
            "¿Cómo se enrutan los paquetes?",
            "Los paquetes se enrutan individualmente, a veces por rutas distintas.",
            "individualmente",
        ),
        # past "como", with a bracket that is part of it
        (
            "¿Cómo se define el conjunto de problemas resolubles en un tiempo f(n)?",
            "El conjunto de problemas resolubles en un tiempo f(n) se define como DTIME(f(n)).",
            "DTIME(f(n))",
        ),
        # the verb as a participle; past the question's own words
        (
            "¿Cómo se regulan los farmacéuticos en la mayoría de las jurisdicciones?",
            "En la mayoría de las jurisdicciones, los farmacéuticos están regulados aparte de "
            "los médicos.",
            "aparte de los médicos",
        ),
    ],
)
def test_how_it_is_done_follows_the_asked_verb(question: str, sentence: str, manner: str) -> None:
    found = manner_given(question, sentence)
    assert found is not None
    assert sentence[found[0] : found[1]] == manner


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "como" without its accent does not ask how
        (
            "¿Como producto de qué se representa un número?",
            "Se representa como producto de primos.",
        ),
        # asked what it is called: the name reader's
        ("¿Cómo se llaman los pelos?", 'Los ctenóforos se llaman así por sus cilios ("pelos").'),
        # a clause, not a manner
        (
            "¿Cómo se financiaba la empresa?",
            "La empresa se financiaba mediante la venta de las muchas patentes de su fundador "
            "por todo el país durante años.",
        ),
        # the verb is not in the sentence
        ("¿Cómo se enrutan los paquetes?", "Los paquetes llevan una dirección de destino."),
    ],
)
def test_no_manner_given(question: str, sentence: str) -> None:
    assert manner_given(question, sentence) is None


def test_a_quote_for_how_it_is_done_is_what_follows_the_verb() -> None:
    document = "Los paquetes se enrutan individualmente, a veces por rutas distintas."
    found = quoted("¿Cómo se enrutan los paquetes?", document)
    assert (found.answer, found.mode) == ("Individualmente [1]", AnswerMode.EXTRACTIVE)
