"""A count is answered by its figure when the question names what it counts.

"¿Cuántos segundos quedaban…?" is answered "17", not "17 segundos", and "How many years…?"
"38": the question already says the unit, and the figure alone is the fact. A figure of
another scale or unit keeps its words ("515 millones de años", "1,5 gigatoneladas"), and
so does a range ("de 100 a 150 especies"), and a period ("cada cuatro años" for "¿Cada
cuántos años…?": "cada cuatro" says nothing).
"""

from __future__ import annotations

import re

from rag.analyzer import fold
from rag.answer.claims import UNITS, asks_for_a_period, counted_nouns, quantities
from rag.answer.evidence import word_keys

_LAST_WORD = re.compile(r"\s+([^\W\d_]+)\W*$")


def without_the_counted_noun(question: str, phrase: str, lang: str) -> str:
    """`phrase` without its last word when that word is the noun the question counts by
    and the rest is one figure."""
    last = _LAST_WORD.search(phrase)
    if (
        last is None
        or asks_for_a_period(question)
        or not _counted_by_the_question(fold(last.group(1)), question)
    ):
        return phrase
    figure = phrase[: last.start()]
    found = quantities(figure, lang)
    if len(found) != 1 or found[0].end != len(figure) or found[0].unit is not None:
        return phrase
    return figure


def _counted_by_the_question(word: str, question: str) -> bool:
    unit, folded = UNITS.get(word), fold(question)
    return any(
        word_keys(word) & word_keys(noun) or (unit is not None and UNITS.get(noun) == unit)
        for noun in counted_nouns(question)
        if noun in folded
    )
