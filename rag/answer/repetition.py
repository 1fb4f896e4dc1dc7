"""A small model sometimes falls into a loop and repeats a phrase until its token budget
runs out ("la universidad de X, la universidad de X, la universidad de X, …"). Its answer
is what it said up to the loop and the phrase once; the rest is not worth waiting for."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+|[^\w\s]")
LONGEST_PHRASE = 32  # tokens (words and signs) of a phrase that repeats
LOOP_WORDS = 6  # a loop is at least this many words and three copies of its phrase
LEAST_COPIES = 3


def _copies_for(phrase_words: int) -> int:
    return max(LEAST_COPIES, -(-LOOP_WORDS // phrase_words))


def loop_end(text: str) -> int | None:
    """Where to cut `text` when it ends in a loop, a phrase with a word in it repeated
    back to back: after the first copy of the phrase. None when it does not end in one.
    Figures written with group separators ("1.000.000.000.000") are no loop."""
    tokens = list(_TOKEN.finditer(text))
    words = [token.group().casefold() for token in tokens]
    for length in range(1, min(LONGEST_PHRASE, len(words)) + 1):
        phrase_words = sum(1 for word in words[-length:] if word.isalpha())
        if not phrase_words:
            continue
        span = length * _copies_for(phrase_words)
        if span > len(words):
            continue
        last = len(words) - 1
        if not all(words[i] == words[i - length] for i in range(last, last - span + length, -1)):
            continue
        start = len(words) - span
        while start > 0 and words[start - 1] == words[start - 1 + length]:
            start -= 1
        return tokens[start + length - 1].end()
    return None


def before_the_loop(text: str) -> str:
    """`text` cut after the first copy of the phrase it ends repeating, if it does."""
    end = loop_end(text)
    return text if end is None else text[:end].rstrip(" ,;:")
