"""What a question names by an acronym is stated only where a text writes it or spells
it out, and an acronym's expansion is found in brackets after it or its plural
(rag/answer/acronyms.py)."""

from __future__ import annotations

import pytest

from rag.answer.acronyms import defined_acronyms, expansion_spans, writes_the_asked_acronym

BOOK = "El libro 'Generative AI with LangChain' se publicó en diciembre de 2023."
RAG = "RAG ('Retrieval Augmented Generation') enriquece la generación de texto."
SPELLED = "The Retrieval Augmented Generation approach enriches text generation."


@pytest.mark.parametrize(
    ("question", "text", "written"),
    [
        ("What is the ISBN of Generative AI with LangChain?", BOOK, False),
        ("¿Cuál es el ISBN del libro?", BOOK, False),
        ("¿Cuál es el ISBN?", BOOK, False),
        ("¿Qué ISBN tiene el libro?", BOOK, False),
        ("What is the book's ISBN?", BOOK, False),
        ("¿Cuál es el ISBN del libro?", "Su ISBN es 978-1-83508-346-8.", True),
        ("What is the RAG of the post?", SPELLED, True),
        # the acronym qualifies the noun asked for, or the question asks for no thing
        ("What is the RAG technique?", BOOK, True),
        ("¿Qué es la técnica RAG?", BOOK, True),
        ("¿Cuándo se publicó el libro?", BOOK, True),
        ("¿Cuál es el ISBN del libro?", RAG, False),
    ],
)
def test_a_thing_asked_by_its_acronym_is_stated_only_where_it_is_written(
    question: str, text: str, written: bool
) -> None:
    assert writes_the_asked_acronym(question, text) is written


@pytest.mark.parametrize(
    ("acronym", "text", "expansion"),
    [
        # the plural the document writes in capitals is the acronym asked in the singular
        ("FLOP", "Los FLOPS ('Floating Point OPerations') miden…", "Floating Point OPerations"),
        ("GPU", "las GPUs (Graphical Processing Units)", "Graphical Processing Units"),
        (
            "RAG",
            "RAG ('Retrieval Augmented Generation') enriquece…",
            "Retrieval Augmented Generation",
        ),
    ],
)
def test_the_bracketed_expansion_of_an_acronym_or_its_plural(
    acronym: str, text: str, expansion: str
) -> None:
    assert expansion in [span.text for span in expansion_spans(text, acronym)]


@pytest.mark.parametrize(
    ("acronym", "text", "expansion"),
    [
        # Spanish puts the noun first: the English initials in another order
        (
            "LMP",
            "se titulaban Comandante (CDR), Piloto del Módulo de Comando (CMP) y "
            "Piloto del Módulo Lunar (LMP).",
            "Piloto del Módulo Lunar",
        ),
        (
            "GPU",
            "Entrena en una unidad de procesamiento gráfico (GPU) barata.",
            "unidad de procesamiento gráfico",
        ),
        (
            "RAG",
            "La generación aumentada por recuperación (RAG) cita fuentes.",
            "generación aumentada por recuperación",
        ),
    ],
)
def test_a_spanish_expansion_before_the_bracketed_acronym_in_another_order(
    acronym: str, text: str, expansion: str
) -> None:
    assert [span.text for span in expansion_spans(text, acronym)] == [expansion]
    assert (acronym, expansion) in defined_acronyms(text)


@pytest.mark.parametrize(
    ("acronym", "text"),
    [
        # "space flight" is not in the Spanish words: no run of them spells MSFC
        ("MSFC", "Los ingenieros del Centro de Vuelo Espacial Marshall (MSFC) dijeron…"),
        # the letters are there, but the acronym is not in brackets after them
        ("GPU", "Una unidad de procesamiento gráfico, o GPU, acelera el cálculo."),
        # another acronym's brackets
        ("CMP", "Piloto del Módulo Lunar (LMP)."),
    ],
)
def test_no_reordered_expansion_without_all_the_letters_right_before_the_brackets(
    acronym: str, text: str
) -> None:
    assert expansion_spans(text, acronym) == []
