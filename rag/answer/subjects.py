"""Whom a sentence or a phrase is about: the names a sentence names, and the name a
figure or a name belongs to. A true figure of the wrong subject is the commonest
recombination of a small model ("100 días" of Gemini given for GPT-4), and word
coverage cannot see it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from rag.answer.answer_types import names_in
from rag.answer.evidence import Evidence, content_words, keys_of, word_keys

_OWNER_BEFORE_PARENTHESIS = re.compile(r"([\w.-]+)\s*\(\s*$")
_OWNED_NAME_BEFORE = re.compile(r"([\w.-]+)\s+(?:de|del|of)\s+$")
_OWNED_NAME_AFTER = re.compile(r"^['’]s\s+([\w.-]+)")
_NAME_WORD = re.compile(r"\S*[A-Z0-9À-Þ]\S*")
MIN_NAME_STEM = 5


@functools.lru_cache(maxsize=256)
def asked_name_keys(question: str) -> frozenset[str]:
    """The keys of the names the question asks about."""
    return keys_of(" ".join(names_in(question)))


def owned_by_another_name(question: str, text: str, start: int) -> bool:
    """A figure in parentheses right after a name belongs to that name: in "Gemini 1.0
    Ultra (100 días) duró más que GPT-4 (95 días)", 100 días is Gemini's."""
    owner = _OWNER_BEFORE_PARENTHESIS.search(text[:start])
    if owner is None or not owner.group(1)[:1].isupper():
        return False
    asked = asked_name_keys(question)
    # A question that names nothing ("¿Cuándo fue declarado este edicto?") may ask for
    # the figure of whatever name the sentence gives.
    return bool(asked) and not keys_of(owner.group(1)) & asked


def owns_an_asked_name(question: str, text: str, start: int, end: int) -> bool:
    """The name at `text[start:end]` is the owner of a name the question asks about: "el
    modelo GPT-4 de OpenAI" and "OpenAI's GPT-4" say which company GPT-4 belongs to."""
    asked = asked_name_keys(question)
    owned = (_OWNED_NAME_BEFORE.search(text[:start]), _OWNED_NAME_AFTER.match(text[end:]))
    return any(found and keys_of(found.group(1)) & asked for found in owned)


def names_the_subject(question: str, evidence: Evidence) -> bool:
    """The sentence names one of the names of the question: a figure of a sentence about
    Gemini does not answer a question about GPT-4 (one, not all: a sentence rarely
    repeats every name of a long question). A name is written as one ("su gran tamaño"
    does not name the "Gran Los Ángeles"). A sentence that names nothing ("It lists
    eleven of them", "Tenía el control…") speaks of what its passage names."""
    names = names_in(question)
    if not names or _names_one(names, _name_keys(evidence.text)):
        return True
    return not names_in(evidence.text) and _names_one(names, _name_keys(evidence.passage.text))


@functools.lru_cache(maxsize=1024)
def _name_keys(text: str) -> frozenset[str]:
    """The keys of the words written as names: with a capital or a digit."""
    return keys_of(" ".join(_NAME_WORD.findall(text)))


def _names_one(names: Sequence[str], keys: frozenset[str]) -> bool:
    return any(all(_named(word, keys) for word in content_words(name)) for name in names)


def _named(word: str, keys: frozenset[str]) -> bool:
    """One stem of the word is, or begins, or is begun by one of `keys`: folding before
    stemming makes "Amazonía" "amazoni" and "Amazonas" "amazon"."""
    stems = word_keys(word)
    return bool(stems & keys) or any(
        len(short) >= MIN_NAME_STEM and long.startswith(short)
        for stem in stems
        for key in keys
        for short, long in [sorted((stem, key), key=len)]
    )
