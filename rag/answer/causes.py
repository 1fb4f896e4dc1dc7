"""Why something happened, for "¿Por qué…?" and "Why…?", and what it is known for.

The sentence says it after a word of cause or purpose: "Debido a su desastrosa situación
financiera, el Polonia fue relegado…" gives "su desastrosa situación financiera", "una
organización creada para coordinar la respuesta al embargo" gives "para coordinar la
respuesta al embargo". Quoting the whole sentence buries it.
"""

from __future__ import annotations

import re

from rag.answer.claims import clauses
from rag.answer.evidence import keys_of, word_keys

# "¿Por qué…?" asks why; "¿Por qué tipo de ayuda…?" and "¿Por qué otra cosa…?" ask what.
_ASKS_WHY = re.compile(
    r"(?:^|[¿,]\s*)(?:por\s+qu[eé]|why)\b(?!\s+(?:tipo|clase|otra|otro|otras|otros|medio)\b)",
    re.IGNORECASE,
)
# The cause follows its word; a purpose keeps its "para" ("para coordinar…").
_CAUSE = re.compile(
    r"\b(?:debido a que|debido a|porque|ya que|puesto que|dado que|a causa de|gracias a"
    r"|because of|because|due to)\s+"
    r"|\b(?=para\s+\w+(?:ar|er|ir|arse|erse|irse)\b|in order to\b)",
    re.IGNORECASE,
)
_CAUSE_END = re.compile(r"[,;:.()]|\s(?:lo que|lo cual|which)\b")
# "¿Por qué es conocida la garganta del Rin?", "What is the Rhine Gorge known for?" ask
# what the sentence says it is known for: "…se conoce por sus muchos castillos y viñedos".
_ASKS_KNOWN_FOR = re.compile(
    r"\bpor\s+qu[eé]\b.*\b(?:conocid|famos|c[eé]lebre)|\b(?:known|famous)\s+for\b", re.IGNORECASE
)
_KNOWN_FOR = re.compile(
    r"\b(?:conocid[oa]s?|conoce|conocen|famos[oa]s?|c[eé]lebres?|known|famous)\s+(?:\w+\s+)?"
    r"(?:por|for)\s+",
    re.IGNORECASE,
)


def cause_given(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` says why, for a question that asks why: from after its first word
    of cause (or from a purpose's "para") to the next mark; or what it says something is
    known for, for a question that asks that. None where it says neither."""
    found = None
    if _ASKS_KNOWN_FOR.search(question):
        found = _KNOWN_FOR.search(sentence)
    elif _ASKS_WHY.search(question):
        found = _CAUSE.search(sentence)
    if found is None:
        return None
    stop = _CAUSE_END.search(sentence, found.end() + 1)
    end = stop.start() if stop else len(sentence)
    return (found.end(), end) if sentence[found.end() : end].strip() else None


def restates_the_effect(question: str, added: list[str], sentence: str, lang: str) -> bool:
    """For a question that asks why, a claim whose words besides the question's (`added`)
    that `sentence` writes all stand in its clause that holds most of the question's words
    restates what happened, not why: "Los modelos generativos estarán concentrados
    en las manos de las grandes empresas tecnológicas" for "¿Por qué estarán
    concentrados los modelos en las grandes empresas?"."""
    if not added or not _ASKS_WHY.search(question) or _ASKS_KNOWN_FOR.search(question):
        return False
    asked = keys_of(question)
    holding = max(clauses(sentence, lang), key=lambda clause: len(clause.keys & asked))
    said = keys_of(sentence)
    written = [word for word in added if word_keys(word) & said]
    return bool(written) and all(word_keys(word) & holding.keys for word in written)
