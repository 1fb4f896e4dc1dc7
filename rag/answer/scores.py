"""A score or a ratio, for "¿Cuál fue el resultado final…?" and "What was the final score…?".

"…batieron a los New England Patriots por 20 a 18." gives the result of the match as "20 a
18", and "…superaban en número a los franceses en una proporción de 20 a 1" the ratio:
two figures set against each other, which no other reader takes as one answer.
"""

from __future__ import annotations

import re

from rag.analyzer import fold

_ASKS_SCORE = re.compile(
    r"\b(?:cual|what) (?:fue|es|era|was|is) (?:el|la|the) (?:\w+ )?"
    r"(?:resultado|marcador|score|proporcion|proportion|ratio)\b"
)
# Two small figures: not a year range ("1922–26"), nor digits grouped by spaces.
_SCORE = re.compile(r"(?<![\d.,])(?<!\d\s)\b\d{1,3}\s*(?:a|to|–|-)\s*\d{1,3}\b(?![.,]?\d|\s\d)")


def score_given(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` writes the one score or ratio the question asks for; None where it
    writes several, and which one is meant is not said."""
    if not _ASKS_SCORE.search(fold(question)):
        return None
    found = list(_SCORE.finditer(sentence))
    return found[0].span() if len(found) == 1 else None
