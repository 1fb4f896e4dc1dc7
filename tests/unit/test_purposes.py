"""What a subject uses to do the asked action is not its doer (rag/answer/purposes.py)."""

from __future__ import annotations

import pytest

from rag.answer.purposes import means_of_the_asked_action

DISTILLATION = (
    "El destilado del modelo usa el 'transfer learning' para transferir conocimiento de un "
    "gran modelo a otros menores."
)
DISTILLATION_LIST = (
    "Destilado del modelo: es decir, uso del 'transfer learning', transfiriendo conocimiento "
    "de un gran modelo a otros menores."
)
DISTILLATION_EN = (
    "Model distillation uses transfer learning to move knowledge from a large model to "
    "smaller models."
)
IMPERSONAL = "Se usa la cuantización para reducir los costes."


def means(question: str, sentence: str, phrase: str) -> bool:
    start = sentence.index(phrase)
    return means_of_the_asked_action(question, sentence, start, start + len(phrase))


@pytest.mark.parametrize(
    ("question", "sentence", "phrase", "expected"),
    [
        ("¿Qué técnica transfiere conocimiento?", DISTILLATION, "el 'transfer learning'", True),
        # a closing quote, then a gerund that the subject does: "transfiriendo"
        ("¿Qué técnica transfiere conocimiento?", DISTILLATION_LIST, "transfer learning", True),
        ("Which technique moves knowledge?", DISTILLATION_EN, "transfer learning", True),
        # the doer itself
        ("¿Qué técnica transfiere conocimiento?", DISTILLATION, "El destilado del modelo", False),
        # the question asks for the means: with "para", or with "cómo"
        (
            "¿Qué se usa para transferir conocimiento?",
            DISTILLATION,
            "el 'transfer learning'",
            False,
        ),
        (
            "¿Cómo transfiere conocimiento el destilado?",
            DISTILLATION,
            "el 'transfer learning'",
            False,
        ),
        # another verb than the question's, on most of what the question's acts on
        (
            "Which technique transfers knowledge to smaller models?",
            DISTILLATION_EN,
            "transfer learning",
            True,
        ),
        # another verb on another thing
        ("¿Qué técnica reduce los costes?", DISTILLATION, "el 'transfer learning'", False),
        ("Which technique transfers data?", DISTILLATION_EN, "transfer learning", False),
        # no subject before it: what is used is what does it
        ("¿Qué reduce los costes?", IMPERSONAL, "la cuantización", False),
    ],
)
def test_the_means_before_the_asked_verb_s_purpose_is_not_its_doer(
    question: str, sentence: str, phrase: str, expected: bool
) -> None:
    assert means(question, sentence, phrase) is expected
