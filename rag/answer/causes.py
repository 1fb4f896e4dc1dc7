"""Why something happened, for "¿Por qué…?" and "Why…?".

The sentence says it after a word of cause or purpose: "Debido a su desastrosa situación
financiera, el Polonia fue relegado…" gives "su desastrosa situación financiera", "una
organización creada para coordinar la respuesta al embargo" gives "para coordinar la
respuesta al embargo". Quoting the whole sentence buries it.
"""

from __future__ import annotations

import re

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


def cause_given(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` says why, for a question that asks why: from after its first word
    of cause (or from a purpose's "para") to the next mark; None where it has none."""
    if _ASKS_WHY.search(question) is None:
        return None
    cause = _CAUSE.search(sentence)
    if cause is None:
        return None
    stop = _CAUSE_END.search(sentence, cause.end() + 1)
    end = stop.start() if stop else len(sentence)
    return (cause.end(), end) if sentence[cause.end() : end].strip() else None
