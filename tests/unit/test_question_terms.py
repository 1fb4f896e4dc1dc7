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
    ],
)
def test_asking_for_the_name_of_a_role_s_holder_is_no_word_the_answer_must_hold(
    question: str, terms: list[str]
) -> None:
    assert question_terms(without_interrogative(question)) == terms
