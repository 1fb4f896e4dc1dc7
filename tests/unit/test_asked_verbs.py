"""The verb whose object a question asks, and the noun the question sets with it."""

from __future__ import annotations

import pytest

from rag.analyzer import fold
from rag.answer.asked_verbs import asked_verb_of
from rag.answer.evidence import keys_of, word_keys


@pytest.mark.parametrize(
    ("question", "verb", "noun", "phrase"),
    [
        ("¿Qué reduce la cuantización?", "reduce", "cuantización", "cuantización"),
        ("¿Qué se pierde al cuantizar?", "pierde", None, None),
        (
            "¿Qué reduce el uso de arquitecturas simplificadas?",
            "reduce",
            "uso",
            "uso arquitecturas simplificadas",
        ),
        # English asks the object of the verb it ends on, after its subject
        ("What do public datasets favour?", "favour", "datasets", "public datasets"),
        ("What did the Works Council Directive require?", "require", "directive", None),
        ("What did Lane and Vail finance?", "finance", "vail", "lane vail"),
    ],
)
def test_the_asked_verb_and_the_noun_set_with_it(
    question: str, verb: str, noun: str | None, phrase: str | None
) -> None:
    asked = asked_verb_of(question)
    assert asked.verb == word_keys(fold(verb))
    assert asked.noun == (word_keys(fold(noun)) if noun else frozenset())
    if phrase is not None:
        assert asked.phrase == keys_of(phrase)


@pytest.mark.parametrize(
    "question",
    [
        # the question's last word is no verb: a name, a preposition, a noun after "as"
        "What does ctenophore mean in Greek?",
        "What does the acronym RAG stand for?",
        "What do Beriods use as teeth?",
        "What does corporal punishment cause a student?",
        "What did Tesla first receive after starting his company?",
        "What does Doctor Who do when his body is mortally damaged?",
        # it asks what a word means, or what something does
        "What does 'plastid' mean?",
        "What does RAG do?",
        # no verb after "qué" but a noun
        "¿Qué técnica reduce las alucinaciones?",
        "¿Qué es la cuantización?",
    ],
)
def test_no_asked_verb(question: str) -> None:
    assert asked_verb_of(question).verb == frozenset()
