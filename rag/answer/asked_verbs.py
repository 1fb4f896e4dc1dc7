"""The verb whose object a question asks, and the noun the question sets with it: "¿Qué
reduce la cuantización?", "¿Qué se pierde…?", "What do public datasets favour?"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.analyzer import fold
from rag.answer.evidence import keys_of, word_keys

# "¿Qué se pierde…?", "¿Qué se puede combinar…?", "¿Qué reduce la cuantización?": a word
# after "qué" followed by an article is a verb; a noun would be followed by its verb
# ("¿Qué técnica reduce…?").
_SPANISH = re.compile(
    r"^\W*(?:que|cual|cuales) se (?:(?:puede|pueden|debe|deben) )?(?P<verb>\w+)"
    r"|^\W*que (?!(?:es|son|fue|fueron|era|eran|sera|seran|significa|significan|hay)\b)"
    r"(?P<verb2>\w+) (?:el|la|los|las|un|una) (?P<noun>\w+)"
)
# "What do public datasets favour?": the question ends on the verb, after its subject.
_ENGLISH = re.compile(
    r"^\W*what (?:do|does|did) (?P<subject>[\w'’ -]+?) (?P<verb>[a-z]+)\W*$", re.IGNORECASE
)
# Verbs that ask what a word means or what something does, not what it acts on ("have"
# is a function word below).
_NOT_ASKED_OBJECTS = frozenset({"mean", "do"})
# A subject is a plain noun phrase: past its first word, none of these. A preposition,
# an article or a clause there leaves the verb elsewhere: "What do Beriods use as
# teeth?", "What does corporal punishment cause a student?", "What did Tesla first
# receive after starting his company?". No verb is one of them either.
_FUNCTION_WORD = re.compile(
    r"\b(?:a|an|the|this|that|these|those|his|her|its|their|my|our|your|of|in|on|at|to"
    r"|for|from|with|by|as|about|against|after|before|during|into|over|under|between"
    r"|through|without|regarding|than|when|while|if|who|which|where|whom|is|are|was"
    r"|were|be|been|has|have|had|not)\b"
)


@dataclass(frozen=True)
class AskedVerb:
    """Word keys of the verb, of the noun the question sets with it (its subject or its
    object: "cuantización" of "¿Qué reduce la cuantización?", "datasets" of "What do
    public datasets favour?"; none for "¿Qué se pierde…?"), and of that noun's phrase
    ("uso", "arquitecturas", "simplificadas" of "¿Qué reduce el uso de arquitecturas
    simplificadas?")."""

    verb: frozenset[str] = frozenset()
    noun: frozenset[str] = frozenset()
    phrase: frozenset[str] = frozenset()


def asked_verb_of(question: str) -> AskedVerb:
    folded = fold(question)
    spanish = _SPANISH.match(folded)
    if spanish is not None:
        verb = word_keys(spanish.group("verb") or spanish.group("verb2"))
        if spanish.group("noun") is None:
            return AskedVerb(verb)
        noun = word_keys(spanish.group("noun"))
        return AskedVerb(verb, noun, keys_of(folded[spanish.start("noun") :]))
    english = _ENGLISH.match(question)
    if english is None or not english.group("verb").islower():
        return AskedVerb()
    subject = fold(english.group("subject"))
    verb_word = english.group("verb")
    _, _, inner = subject.partition(" ")
    if (
        verb_word in _NOT_ASKED_OBJECTS
        or _FUNCTION_WORD.fullmatch(verb_word)
        or _FUNCTION_WORD.search(inner)
    ):
        return AskedVerb()
    return AskedVerb(word_keys(verb_word), word_keys(subject.split()[-1]), keys_of(subject))
