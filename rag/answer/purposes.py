"""What a subject uses to do something is not what does it.

"El destilado del modelo usa el 'transfer learning' para transferir conocimiento…": asked
"¿Qué técnica transfiere conocimiento…?", the answer is the sentence's subject, the one
that transfers; "el 'transfer learning'" is only the means it uses, named right before
"para transferir". Every word of "El 'transfer learning' transfiere conocimiento" is in
the sentence, so word coverage alone would back it.
"""

from __future__ import annotations

import functools
import re

from rag.analyzer import fold
from rag.answer.claims import clause_end, clause_start
from rag.answer.evidence import keys_of, question_terms, word_keys

# "…para transferir", "…to move", "…, transfiriendo": what the subject does with it
_PURPOSE = re.compile(r"[\"'»”’)]*\s*(?:,?\s*(?:para|to)\s+(\w+)|,\s*(\w+(?:ando|iendo|yendo))\b)")
_PURPOSES_ASKED = re.compile(r"\b(?:para|to)\s+(\w+)")
# "¿Cómo…?", "¿Con qué…?", "How…?" ask for the means itself.
_ASKS_WHAT_OR_WHO = re.compile(r"^\W*(?:que|cual|cuales|quien|quienes|what|which|who)\b")
# "para transferir", "used to move": a purpose the question states ("to smaller models" is
# no purpose)
_PURPOSE_STATED = re.compile(r"\bpara\s+\w+(?:ar|er|ir)\b|\b(?:use|used|uses|order)\s+to\b")
# How many of the question's words the purpose must act on when its verb is another
_OBJECT_WORDS = 2
# "Se usa X para…": an impersonal clause has no subject that would be the doer.
_IMPERSONAL = re.compile(r"\bse\s+\w+\s*$")


def means_of_the_asked_action(question: str, sentence: str, start: int, end: int) -> bool:
    """The phrase at `start:end` of `sentence` is followed by "para/to <verb>", that verb
    is what the question asks a doer of (not a purpose the question states itself: "¿Qué
    se usa para transferir…?" asks for the means) or acts on what the question's verb
    does, and a subject stands before the phrase in its clause: the phrase is what that
    subject uses, not the doer asked for."""
    asked = _actions_asked(question)
    purpose = _PURPOSE.match(sentence, end)
    if not asked or purpose is None:
        return False
    # the question's verb, or another one on most of what the question says it acts on:
    # "to move knowledge from a large model to smaller models" for "Which technique
    # transfers knowledge to smaller models?"
    if not _verb_keys(purpose) & asked and not _acts_on_the_asked(question, sentence, purpose):
        return False
    clause = fold(sentence[clause_start(sentence, start) : start])
    return len(re.findall(r"\w+", clause)) >= 2 and not _IMPERSONAL.search(clause)


def _acts_on_the_asked(question: str, sentence: str, purpose: re.Match[str]) -> bool:
    """The purpose's clause holds most of what the question's verb acts on, and the
    question states no purpose of its own ("¿Qué se usa para transferir…?" asks for the
    means)."""
    if _PURPOSE_STATED.search(fold(question)):
        return False
    acted_on = keys_of(sentence[purpose.end() : clause_end(sentence, purpose.end())])
    words = question_terms(fold(question))
    return sum(1 for word in words if word_keys(word) & acted_on) >= _OBJECT_WORDS


@functools.lru_cache(maxsize=256)
def _actions_asked(question: str) -> frozenset[str]:
    """The keys of the content words of a what/who question, less those it writes as a
    purpose; empty for other questions."""
    text = fold(question)
    if not _ASKS_WHAT_OR_WHO.search(text):
        return frozenset()
    purposes = {key for word in _PURPOSES_ASKED.findall(text) for key in word_keys(word)}
    keys = {key for word in question_terms(text) for key in word_keys(word)}
    return frozenset(keys - purposes)


def _verb_keys(purpose: re.Match[str]) -> frozenset[str]:
    """The keys of the purpose's verb; a Spanish gerund's are those of its infinitive,
    with the stem's vowel the gerund changes ("transfiriendo": "transferir")."""
    if purpose.group(1):
        return word_keys(fold(purpose.group(1)))
    gerund = fold(purpose.group(2))
    stem = re.sub(r"(?:ando|iendo|yendo)$", "", gerund)
    if gerund.endswith("ando"):
        return word_keys(stem + "ar")
    changed = re.sub(r"i(?=[^aeiou]*$)", "e", stem)
    changed = re.sub(r"u(?=[^aeiou]*$)", "o", changed)
    forms = {stem + "er", stem + "ir", changed + "ir", changed + "er"}
    return frozenset(key for form in forms for key in word_keys(form))
