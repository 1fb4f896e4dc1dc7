"""Where a sentence says something happens, for "¿Dónde…?".

"¿Dónde se encuentra la sede del Polonia?" is answered by what follows the asked verb
and a preposition of place: "La sede del equipo se encuentra en la calle Konwiktorska, a
solo 10 minutos…" gives "la calle Konwiktorska". A place that is no name ("zonas
montañosas", "el comité") is no phrase the name reader finds, and quoting the whole
sentence buries it.
"""

from __future__ import annotations

import re

from rag.analyzer import fold
from rag.answer.evidence import content_words, first_word_of, keys_of, word_keys

_ASKS_WHERE = re.compile(r"\W*(?:en |de |a )?donde (?:se )?(\w+)")
# "en" opens the place and is left out; the others say where relative to it and stay.
_PLACE_OPENING = re.compile(
    r"\b(?:(en)|cerca de|a lo largo de|a trav[eé]s de|dentro de|junto a)\s+", re.IGNORECASE
)
_PLACE_END = re.compile(
    r"[,;:.()]|\s(?:en|que|donde|siempre|cuando|y|e|o|pero|aunque|mientras)\s|$", re.IGNORECASE
)
# A relative clause between the verb and the place makes it the place of another verb.
_ANOTHER_CLAUSE = re.compile(r"\s(?:que|donde|cuando)\s", re.IGNORECASE)
# A place of more words than this is a clause, not a place.
MAX_PLACE_WORDS = 8


def place_given(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` gives the place after the verb of "¿Dónde <verbo>…?", up to the next
    mark or conjunction: "zonas montañosas" of "…que se construyeron en zonas
    montañosas."; not a place the question already names ("en Victoria"), nor a time
    ("desde 1870"), nor one past a relative clause or a semicolon."""
    asked = _ASKS_WHERE.match(fold(question))
    if asked is None:
        return None
    verb_keys, question_keys = word_keys(asked.group(1)), keys_of(question)
    verb = first_word_of(sentence, verb_keys)
    if verb is None:
        return None
    stop = sentence.find(";", verb.end())
    end_of_clause = len(sentence) if stop < 0 else stop
    for opening in _PLACE_OPENING.finditer(sentence, verb.end(), end_of_clause):
        if _ANOTHER_CLAUSE.search(sentence, verb.end(), opening.start()):
            return None
        start = opening.end() if opening.group(1) else opening.start()
        place_end = _PLACE_END.search(sentence, opening.end())
        text = sentence[start : place_end.start() if place_end else len(sentence)].rstrip()
        if not content_words(text) or keys_of(text) <= question_keys or text[:1].isdigit():
            continue
        if len(text.split()) > MAX_PLACE_WORDS:
            return None
        return start, start + len(text)
    return None
