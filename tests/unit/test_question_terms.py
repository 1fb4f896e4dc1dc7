"""The words of a question that its answering sentence should hold (rag/answer/claims.py,
rag/answer/evidence.py)."""

from __future__ import annotations

import pytest

from rag.answer.claims import without_interrogative
from rag.answer.evidence import question_terms


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("¿Cómo se llama el autor del libro?", ["autor", "libro"]),
        ("¿Cuál es el nombre del autor del libro?", ["autor", "libro"]),
        ("What is the name of the author of the book?", ["author", "book"]),
        ("What is the author's name?", ["author"]),
        # the name of something else than a role's holder may be written "se llama X"
        ("¿Cómo se llaman los números compuestos?", ["llaman", "numeros", "compuestos"]),
        # the "do" of a question asks, a sentence that "hace concluir" does not answer it
        ("¿Qué hace el destilado de modelos?", ["destilado", "modelos"]),
        ("¿Qué hizo Washington?", ["washington"]),
        ("What does model distillation do?", ["model", "distillation"]),
        # a relative "que hacen" is no interrogative: its verb stays a word of the question
        (
            "Los textos que hacen referencia a Oriente, ¿qué dicen?",
            ["textos", "hacen", "referencia", "oriente", "dicen"],
        ),
    ],
)
def test_words_that_only_ask_are_no_words_the_answer_must_hold(
    question: str, terms: list[str]
) -> None:
    assert question_terms(without_interrogative(question)) == terms
