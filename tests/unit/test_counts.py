"""A count is answered by its figure when the question names what it counts
(rag/answer/counts.py)."""

from __future__ import annotations

import pytest

from rag.answer.counts import without_the_counted_noun
from rag.schema import AnswerMode
from tests.support.fakes import verified


@pytest.mark.parametrize(
    ("question", "phrase", "shown"),
    [
        ("¿Cuántos segundos quedaban en el marcador?", "17 segundos", "17"),
        ("¿Cuántas veces se produjo la peste en Venecia?", "22 veces", "22"),
        ("¿Cuántas veces más pagaron?", "Diez veces", "Diez"),
        ("How many years old was John Elway?", "38 years", "38"),
        (
            "¿Cuántas personas asistieron?",
            "Aproximadamente 500 000 personas",
            "Aproximadamente 500 000",
        ),
        # the unit the question names, spelled another way
        ("¿Cuántos kilovatios consumió?", "2,4 x 10^4 Kilowatios", "2,4 x 10^4"),
        # a period: "cada cuatro" says nothing
        (
            "¿Cada cuántos años se reduce a la mitad el coste?",
            "Cada cuatro años",
            "Cada cuatro años",
        ),
        # a scale, another unit, a range, a noun the question does not name: kept
        ("¿Cuántos años tenían los fósiles?", "515 millones de años", "515 millones de años"),
        ("¿Cuántas toneladas de carbono absorbe?", "1,5 gigatoneladas", "1,5 gigatoneladas"),
        ("¿Cuántas especies hay?", "de 100 a 150 especies", "de 100 a 150 especies"),
        (
            "¿Cuál es la población del Gran Los Ángeles?",
            "17 786 419 habitantes",
            "17 786 419 habitantes",
        ),
        (
            "¿Cuántos linajes de cloroplastos hay?",
            "tres linajes de cloroplastos",
            "tres linajes de cloroplastos",
        ),
        ("¿Cuánto costó?", "41 millones de dólares", "41 millones de dólares"),
    ],
)
def test_a_count_drops_only_the_noun_the_question_counts_by(
    question: str, phrase: str, shown: str
) -> None:
    lang = "en" if question.startswith("How") else "es"
    assert without_the_counted_noun(question, phrase, lang) == shown


def test_the_answer_to_how_many_days_is_the_figure() -> None:
    document = "El entrenamiento de GPT-4 duró 95 días y costó 41 millones de dólares."
    answer = verified("¿Cuántos días duró el entrenamiento de GPT-4?", document, "95 días")
    assert (answer.answer, answer.mode) == ("95 [1]", AnswerMode.GENERATED)
    assert answer.citations[0].quote == document
