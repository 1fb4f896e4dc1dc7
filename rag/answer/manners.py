"""How something is done, for "¿Cómo se enrutan los paquetes?".

The sentence says it right after the asked verb: "Los paquetes se enrutan
individualmente, a veces…" gives "individualmente", "…se define como DTIME(f(n))" gives
"DTIME(f(n))", "los farmacéuticos están regulados aparte de los médicos" gives "aparte de
los médicos". Quoting the whole sentence buries it.
"""

from __future__ import annotations

import re

from rag.analyzer import STOP_WORDS, fold
from rag.answer.evidence import first_word_of, keys_of, word_keys
from rag.answer.naming import asks_for_the_name

# "Cómo" with its accent asks how; "¿Como producto de qué…?" does not.
_ASKS_HOW = re.compile(r"\W*cómo\s+(?:se\s+|lo\s+|la\s+|le\s+|les\s+)?(\w+)", re.IGNORECASE)
_MANNER_END = re.compile(
    r"[,;:.](?!\w)|\s\(|\s(?:y|e|o|que|pero|mientras|cuando|donde|porque|ya)\s|$", re.IGNORECASE
)
# A manner of more words than this is a clause, not a phrase.
MAX_MANNER_WORDS = 8


def manner_given(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` says, right after the verb of "¿Cómo <verbo>…?", how it is done:
    up to the next mark or conjunction, past the question's own words and function words
    ("se", "como"); None for a question that asks what something is called."""
    asked = _ASKS_HOW.match(question)
    if asked is None or asks_for_the_name(question):
        return None
    verb = first_word_of(sentence, word_keys(fold(asked.group(1))))
    if verb is None:
        return None
    stop = _MANNER_END.search(sentence, verb.end())
    end = stop.start() if stop else len(sentence)
    question_keys = keys_of(question)
    words = [word for word in re.finditer(r"\S+", sentence[:end]) if word.start() >= verb.end()]
    while words and (
        fold(words[0].group()) in STOP_WORDS or word_keys(fold(words[0].group())) & question_keys
    ):
        words.pop(0)
    if not words or len(words) > MAX_MANNER_WORDS:
        return None
    return words[0].start(), end
