"""Names a question misspells, and phrases it spells out, written as the retrieved passages
write them.

"LangChian", "Geegen", "Shelly": a misspelled name matches no word of the evidence, so
the sentence that answers loses the question's rarest word and looks irrelevant, and
a sentence about the name does not seem to name it. A name of the question that no
evidence sentence holds takes the spelling of the one name of the evidence it misses by
a letter added or dropped, or by two neighbouring letters swapped. A letter replaced is
not taken: that is how distinct names differ ("Mario", "María").

Likewise "How many floating point operations…?" finds nothing in "GPT-4's training
performed 2.1 x 10^25 FLOPs" unless another sentence says what FLOPS stands for; then the
question is read with the acronym.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import OSA, Indel

from rag.analyzer import CAPITAL, STOP_WORDS, fold
from rag.answer.acronyms import asks_about_acronyms, defined_acronyms
from rag.answer.answer_types import names_in
from rag.answer.evidence import Evidence, word_keys
from rag.answer.spans import tokens

# Shorter names are too close to each other for one letter to tell a typo.
MIN_NAME_LETTERS = 5
_CAPITALIZED = re.compile(rf"\b[^\W\d_]*[{CAPITAL}][^\W\d_]*\b")


def respelled(question: str, sentences: Sequence[Evidence]) -> str:
    """`question` with each name no sentence holds written as the sentences write it,
    where exactly one of their names is that name with a one-letter slip."""
    known = frozenset().union(*(s.keys for s in sentences))
    spellings = {
        fold(word): word
        for s in sentences
        for word in _CAPITALIZED.findall(s.text)
        if len(word) >= MIN_NAME_LETTERS and fold(word) not in STOP_WORDS
    }
    for name in dict.fromkeys(names_in(question)):
        asked = fold(name)
        if len(asked) < MIN_NAME_LETTERS or not asked.isalpha() or word_keys(asked) & known:
            continue
        close = {spellings[w] for w in spellings if one_slip(asked, w)}
        if len(close) == 1:
            question = re.sub(rf"\b{re.escape(name)}\b", close.pop(), question)
    return question


def abbreviated(question: str, sentences: Sequence[Evidence]) -> str:
    """`question` with each phrase that an evidence sentence gives as an acronym's expansion
    written as that acronym; not when the question asks what an acronym stands for."""
    if asks_about_acronyms(question):
        return question
    for sentence in sentences:
        for acronym, expansion in defined_acronyms(sentence.text):
            found = _phrase_at(question, expansion)
            if found is not None:
                question = question[: found[0]] + acronym + question[found[1] :]
    return question


def _phrase_at(text: str, phrase: str) -> tuple[int, int] | None:
    """Where `text` has the words of `phrase`, folded, in a row."""
    wanted = [key for key, _, _ in tokens(phrase)]
    have = tokens(text)
    for first in range(len(have) - len(wanted) + 1):
        if wanted and [key for key, _, _ in have[first : first + len(wanted)]] == wanted:
            return have[first][1], have[first + len(wanted) - 1][2]
    return None


def one_slip(typed: str, written: str) -> bool:
    """One letter added or dropped, or two neighbouring letters swapped."""
    if len(typed) != len(written):
        return Indel.distance(typed, written) == 1
    return OSA.distance(typed, written) == 1 and sorted(typed) == sorted(written)
