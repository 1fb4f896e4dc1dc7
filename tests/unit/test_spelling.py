"""A name the question misspells by one slip, or a phrase it spells out that the passages
abbreviate, is read as the passages write it (rag/answer/spelling.py), so the sentence that
answers is not judged irrelevant."""

from __future__ import annotations

import pytest

from rag.answer.evidence import IMPLIED_SHARE, EvidencePool, keys_of, passage_sentences
from rag.answer.spelling import abbreviated, one_slip, respelled
from rag.answer.subjects import names_the_subject
from rag.answer.verify import Verifier
from rag.schema import Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder

NOTES = (
    "LangChain es un framework para construir aplicaciones con modelos de lenguaje. "
    "El emperador Gegeen Khan gobernó desde 1321 hasta 1323. "
    "El poeta Percy Shelley escribió sobre Ozymandias. "
    "María Moliner escribió un diccionario del español. "
    "Álvaro Mutis nació en Bogotá."
)


def passage(text: str = NOTES) -> Passage:
    return Passage("c1", text, {"source": "notes.md", "start": 0, "end": len(text)})


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("¿Qué es LangChian?", "¿Qué es LangChain?"),  # two letters swapped
        ("¿Cuándo fue Geegen el emperador?", "¿Cuándo fue Gegeen el emperador?"),
        ("¿Qué escribió Percy Shelly?", "¿Qué escribió Percy Shelley?"),  # a letter dropped
        ("¿Qué escribió Maria Molinner?", "¿Qué escribió Maria Moliner?"),  # ... or added
        ("¿Qué escribió Mario Moliner?", "¿Qué escribió Mario Moliner?"),  # a letter replaced
        ("¿Dónde nació Álvaor Mutis?", "¿Dónde nació Álvaro Mutis?"),  # an accented capital
        ("¿Qué es LangChain?", "¿Qué es LangChain?"),  # spelled as the notes spell it
        ("¿Qué es Gemini?", "¿Qué es Gemini?"),  # no name of the notes is near it
    ],
)
def test_a_name_one_slip_away_from_a_name_of_the_evidence_is_respelled(
    question: str, read: str
) -> None:
    assert respelled(question, passage_sentences(passage())) == read


def test_a_slip_that_two_names_of_the_evidence_could_explain_is_left_alone() -> None:
    text = "Shelley escribió poemas. Shell vende gasolina."
    assert respelled("¿Qué hizo Shelly?", passage_sentences(passage(text))) == "¿Qué hizo Shelly?"


def test_short_names_are_too_close_to_each_other_to_respell() -> None:
    text = "Anna Karenina es una novela de Tolstói."
    assert respelled("¿Quién es Ana?", passage_sentences(passage(text))) == "¿Quién es Ana?"


@pytest.mark.parametrize(
    ("typed", "written", "slip"),
    [
        ("langchian", "langchain", True),
        ("shelly", "shelley", True),
        ("maastricht", "maastrich", True),
        ("mario", "maria", False),
        ("gegeen", "gegeen", False),
        ("shelly", "shellie", False),
    ],
)
def test_one_slip_is_an_added_dropped_or_swapped_letter(
    typed: str, written: str, slip: bool
) -> None:
    assert one_slip(typed, written) is slip


def test_the_assessment_reads_the_misspelled_name_as_written_in_the_evidence() -> None:
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    misspelled = verifier.assess("¿Cuándo fue Geegen el emperador?", "es", [passage()])
    spelled = verifier.assess("¿Cuándo fue Gegeen el emperador?", "es", [passage()])
    assert misspelled.question == spelled.question
    assert misspelled.ranked[0].evidence.text == spelled.ranked[0].evidence.text
    assert misspelled.ranked[0].coverage == spelled.ranked[0].coverage == 1.0


TRAINING = (
    'FLOPS ("Floating Point OPerations") count the operations needed to train a model. '
    "The training of GPT-4 performed 2.1 x 10^25 FLOPs. "
    "Retrieval Augmented Generation (RAG) adds knowledge bases. "
    "The NFL has nine finals."
)


@pytest.mark.parametrize(
    ("question", "read"),
    [
        (
            "How many floating point operations did GPT-4's training take?",
            "How many FLOPS did GPT-4's training take?",
        ),
        ("How many floating-point operations were needed?", "How many FLOPS were needed?"),
        ("Who proposed Retrieval Augmented Generation?", "Who proposed RAG?"),
        # asked what it stands for, the expansion stays: it is the answer
        ("Does RAG stand for Retrieval Augmented Generation?", None),
        ("How many finals did the National Football League have?", None),  # not defined
        ("How many nine finals?", None),  # initials that no bracket defines
    ],
)
def test_a_phrase_the_evidence_defines_as_an_acronym_is_read_as_the_acronym(
    question: str, read: str | None
) -> None:
    assert abbreviated(question, passage_sentences(passage(TRAINING))) == (read or question)


def test_the_figure_of_an_acronym_is_found_for_the_phrase_it_stands_for() -> None:
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    question = "How many floating point operations did the training of GPT-4 perform?"
    assessment = verifier.assess(question, "en", [passage(TRAINING)])
    answer = verifier.verify(assessment, "2.1 x 10^25 FLOPs")
    assert answer.answer == "2.1 x 10^25 [1]"


def test_an_acronym_s_plural_is_read_as_the_acronym() -> None:
    assert keys_of("las GPUs y los LLMs") == keys_of("las GPU y los LLM")
    assert keys_of("FLOPs") & keys_of("FLOPS")
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    rock = passage("Under Rock's law the cost of GPU processors halves every four years.")
    plural = verifier.assess("How often does the cost of GPUs halve?", "en", [rock])
    singular = verifier.assess("How often does the cost of GPU halve?", "en", [rock])
    assert names_the_subject(plural.question, plural.ranked[0].evidence)
    assert plural.ranked[0].coverage == singular.ranked[0].coverage == 1.0


GLOSSED = (
    "Los FLOPS ('Floating Point OPerations') miden el número de operaciones con números en "
    "coma flotante. El entrenamiento de GPT-4 realizó 2,1 x 10^25 FLOPs. "
    "El entrenamiento de GPT-4 duró 95 días."
)


def test_a_sentence_implies_the_words_that_define_an_acronym_it_writes() -> None:
    pool = EvidencePool([passage(GLOSSED)], WordEmbedder())
    definition, figure, duration = pool.sentences
    assert keys_of("operaciones coma flotante floating point") <= figure.glossed
    assert not definition.glossed and not duration.glossed  # the one it defines, none
    terms = ["operaciones", "coma", "flotante", "entrenamiento"]
    # each word it implies counts for part of one it writes
    written = pool.coverage(terms, figure, weighted=False)
    assert written == pytest.approx((1 + 3 * IMPLIED_SHARE) / 4)
    assert written > pool.coverage(terms, duration, weighted=False)
