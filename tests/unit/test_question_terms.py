"""The words of a question that its answering sentence should hold (rag/answer/claims.py,
rag/answer/evidence.py)."""

from __future__ import annotations

import pytest

from rag.answer.claims import without_interrogative
from rag.answer.evidence import keys_of, question_terms, word_keys


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
            ["textos", "hacen", "referencia", "oriente"],
        ),
        # "what does it say", "what is it about": the sentence that answers says it
        ("¿Qué dice el post sobre la privacidad?", ["post", "privacidad"]),
        ("What does the post say about privacy?", ["post", "privacy"]),
        ("What does Rock's law say?", ["rock", "law"]),
        ("¿Quién dice que la Tierra es plana?", ["dice", "tierra", "plana"]),
        ("¿De qué libro trata el post?", ["libro", "post"]),
        ("¿De qué libro habla el post?", ["libro", "post"]),
        ("¿Quién habla de la privacidad?", ["habla", "privacidad"]),
        ("¿Sobre qué tratan las notas?", ["notas"]),
        ("What is the post about?", ["post"]),
        ("¿Qué tratan de separar los progresistas?", ["tratan", "separar", "progresistas"]),
        # what the documents cite or mention, they say
        ("¿Qué hardware cita el post como ejemplo?", ["hardware", "post", "ejemplo"]),
        ("Which hardware does the post mention?", ["hardware", "post"]),
        ("Which hardware examples does the post give?", ["hardware", "examples", "post"]),
        ("¿Qué ejemplos de hardware da el post?", ["ejemplos", "hardware", "post"]),
        # the source a question cites is no word of what it asks
        ("Según el post, ¿quién controlará los modelos?", ["controlara", "modelos"]),
        ("According to the post, who will control the models?", ["control", "models"]),
        ("¿Qué dice el autor de acuerdo con el libro?", ["autor"]),
        # nor is the phrase that places what it asks about in the documents
        ("¿Quién creó la gráfica que aparece en el post?", ["creo", "grafica"]),
        ("¿Qué técnicas se mencionan en el libro?", ["tecnicas"]),
        (
            "¿Qué técnicas mencionadas en las notas reducen costes?",
            ["tecnicas", "reducen", "costes"],
        ),
        ("Who made the chart that appears in the post?", ["made", "chart"]),
        ("Which model shown in the book cost most?", ["model", "cost", "most"]),
        (
            "In the article's title, what did the machine hope to end?",
            ["article", "title", "machine", "hope", "end"],
        ),
        # a post the question asks about is no place
        ("¿Qué revisó el post anterior?", ["reviso", "post", "anterior"]),
        # the phrase that asks for a date names nothing the dating clause holds
        ("¿En qué año salió el libro?", ["salio", "libro"]),
        ("¿De qué año es el libro?", ["libro"]),
        ("¿Qué año se publicó el libro?", ["publico", "libro"]),
        ("What year is the book from?", ["book"]),
        # a numbered name is one word: a sentence that writes GPT-4 and a 5 names no GPT-5
        ("¿Cuánto costó entrenar GPT-5?", ["costo", "entrenar", "gpt5"]),
    ],
)
def test_words_that_only_ask_are_no_words_the_answer_must_hold(
    question: str, terms: list[str]
) -> None:
    assert question_terms(without_interrogative(question)) == terms


def test_a_numbered_name_says_itself_and_its_parts_but_no_other_number() -> None:
    """A sentence about GPT-4 answers "GPT 4" and "GPT4", not GPT-5 for a 5 it writes."""
    said = keys_of("Gemini 1.0 Ultra (5,0 x 10^25 FLOPs) realizó más que GPT-4.")
    for question in ("¿Cuánto costó GPT-4?", "¿Cuánto costó GPT 4?", "¿Cuánto costó GPT4?"):
        assert all(word_keys(term) & said for term in question_terms(question)[1:])
    assert not word_keys(question_terms("¿Cuánto costó GPT-5?")[-1]) & said


@pytest.mark.parametrize(
    ("asked", "written"),
    [("pierde", "perdiendo"), ("muestra", "mostrar"), ("tiene", "tener"), ("vuelve", "volver")],
)
def test_the_forms_of_a_verb_whose_root_vowel_changes_meet(asked: str, written: str) -> None:
    assert word_keys(asked) & word_keys(written)


def test_a_u_that_is_no_vowel_makes_no_diphthong() -> None:
    assert not word_keys("guerra") & word_keys("gorra")
