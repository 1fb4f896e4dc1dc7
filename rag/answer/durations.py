"""How long something lasted, said by when it ended; how often it happens, said by a
word of frequency.

"¿Cuánto duró la peste en el imperio otomano?" is answered by "hasta el segundo cuarto
del siglo XIX", and "¿Cuánto tiempo estuvo en funcionamiento el teatro?" by "desde 1870
hasta 1939": a sentence often gives a duration by its end point, not as a figure with a
unit of time.
"""

from __future__ import annotations

import re

from rag.analyzer import fold
from rag.answer.claims import MONTHS
from rag.sentences import Span

# "hasta 1939", "desde 1870 hasta 1939", "until the end of the war"; up to the clause's end.
_UNTIL = re.compile(
    r"\b(?:(?:desde|from)\s+[^\s,;:.()]+(?:\s+[^\s,;:.()]+){0,3}?\s+)?(?:hasta|until|till)\s+"
    r"(?P<end>[^,;:.()]+)",
    re.IGNORECASE,
)
_PHRASE_END = re.compile(r"\s(?:y|e|o|que|cuando|donde|and|or|that|when|where)\s", re.IGNORECASE)
# An end point is a time: a year, a century, a month, or a boundary of a period.
# ("may" is also a modal verb: "until they may leave").
_TIME_WORD = re.compile(
    r"\b(?:\d{3,4}|siglo|siglos|century|centuries|ano|anos|year|years|final|fin|finales"
    r"|principios|comienzo|mediados|muerte|end|beginning|death"
    rf"|{'|'.join(sorted(MONTHS - {'may'}))})\b"
)
MAX_END_WORDS = 8
# Words that say how often without a figure. "siempre", "nunca", "always" and "never" are
# left out: they more often say something else ("siempre han sido libres").
_FREQUENCY = re.compile(
    r"\b(?:(?:muy|very)\s+)?(?:raras\s+veces|rara\s+vez|a\s+menudo|con\s+frecuencia"
    r"|frecuentemente|ocasionalmente|anualmente|mensualmente|semanalmente|diariamente"
    r"|a\s+diario|(?:una\s+vez|(?:dos|tres)\s+veces)\s+(?:al|por)\s+(?:año|mes|semana|día)"
    r"|cada\s+(?:año|mes|semana|día)|often|frequently|rarely|seldom|occasionally|annually"
    r"|yearly|monthly|weekly|daily|(?:once|twice)\s+a\s+(?:year|month|week|day)"
    r"|every\s+(?:year|month|week|day))\b",
    re.IGNORECASE,
)


def until_spans(sentence: str) -> list[Span]:
    """The phrases of `sentence` that give how long something lasted by when it ended:
    "hasta bien entrado el siglo XIX", "desde 1870 hasta 1939"."""
    found = []
    for until in _UNTIL.finditer(sentence):
        stop = _PHRASE_END.search(sentence, until.start("end"), until.end())
        end = stop.start() if stop else until.end()
        point = sentence[until.start("end") : end]
        if len(point.split()) > MAX_END_WORDS or not _TIME_WORD.search(fold(point)):
            continue
        text = sentence[until.start() : end].rstrip()
        found.append(Span(until.start(), until.start() + len(text), text))
    return found


def frequency_spans(sentence: str) -> list[Span]:
    """The words of `sentence` that say how often without a figure: "El Doctor raras
    veces viaja solo" answers "¿Con qué frecuencia viaja solo?"."""
    return [Span(m.start(), m.end(), m.group()) for m in _FREQUENCY.finditer(sentence)]
