"""Which side of a comparison a phrase stands on.

"¿Qué modelo fue más caro de entrenar?" over "el entrenamiento de GPT-4 (41 millones de
dólares) fue más caro que el de Gemini 1.0 Ultra": both names are in the sentence, every
word of either answer is too, and the small model picked the wrong one. The phrase after
the "que / than" of the comparison the question makes ("más caro que", "took longer
than") is what the winner is compared with, so it is not the answer.

A comparison is read from word order alone: "más / menos / more / less / fewer" beside
the word it grades ("más caro", "duró más"), and in English a word in "-er" right before
"than". The question's comparative must be the sentence's, with the same "más" or
"menos": "¿Cuál fue menos caro?" is answered by the phrase after "más caro que".
"""

from __future__ import annotations

import functools

from rag.analyzer import STOP_WORDS
from rag.answer.evidence import word_keys
from rag.answer.spans import tokens

_GRADES = frozenset({"mas", "menos", "more", "less", "fewer"})
_THAN = frozenset({"que", "than"})
# Words that may stand between a comparative and its "que": "más caro de entrenar que".
_WINDOW = 4


def comparison_at(question: str, sentence: str) -> int | None:
    """Where the "que / than" of the comparison the question makes stands in `sentence`;
    None when the sentence does not make it."""
    asked = _asked_comparatives(question)
    if not asked:
        return None
    words = tokens(sentence)
    keys = [key for key, _, _ in words]
    for index, (key, start, _) in enumerate(words):
        if key in _THAN and _comparatives(keys[max(0, index - _WINDOW) : index + 1]) & asked:
            return start
    return None


def before_the_comparison(question: str, sentence: str, start: int) -> bool:
    """The phrase at `sentence[start:]` stands before the "que / than" of the question's
    comparison, which `sentence` makes: on the side it favours. After it stands what the
    answer is compared with; a sentence that compares nothing ("GPT-4 duró 95 días")
    does not say which is more."""
    at = comparison_at(question, sentence)
    return at is not None and start < at


@functools.lru_cache(maxsize=256)
def _asked_comparatives(question: str) -> frozenset[tuple[str, str]]:
    return frozenset(_comparatives([key for key, _, _ in tokens(question)], asked=True))


def _comparatives(words: list[str], asked: bool = False) -> set[tuple[str, str]]:
    """(grade, key) for the content words beside each grade ("mas", "caro") for "más
    caro", ("mas", "duro") for "duró más", both ("mas", "realizo") and ("mas", "flops")
    for "realizó más FLOPs"; and ("-er", "longer") for an English word in "-er" right
    before "than" or, in a question (`asked`), anywhere: "Which model trained longer?"."""
    found: set[tuple[str, str]] = set()
    for index, word in enumerate(words):
        if word in _GRADES:
            for other in (index - 1, index + 1):
                graded = words[other] if 0 <= other < len(words) else None
                if graded and graded not in STOP_WORDS and graded not in _GRADES:
                    found |= {(word, key) for key in word_keys(graded)}
        elif len(word) > 4 and word.endswith("er") and word not in STOP_WORDS:
            before_than = words[index + 1 : index + 2] == ["than"]
            if asked or before_than:
                found |= {("-er", key) for key in word_keys(word)}
    return found
