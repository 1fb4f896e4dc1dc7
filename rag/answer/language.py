"""Spanish or English for short texts such as questions.

Statistical detectors are unreliable on a handful of words ("¿Y el de Gemini?"), so
this counts function words and Spanish-only marks, and defaults to Spanish, the
corpus's main language.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-záéíóúüñ]+")
_SPANISH_MARKS = re.compile(r"[¿¡ñáéíóú]")
_ES = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "unos",
        "unas",
        "de",
        "del",
        "al",
        "y",
        "o",
        "que",
        "qué",
        "cuál",
        "cuáles",
        "cuánto",
        "cuánta",
        "cuántos",
        "cuántas",
        "cómo",
        "dónde",
        "cuándo",
        "quién",
        "quiénes",
        "por",
        "para",
        "con",
        "en",
        "es",
        "son",
        "fue",
        "se",
        "su",
        "sus",
        "según",
        "sobre",
        "tiene",
        "tenía",
        "hay",
        "lo",
        "le",
        "más",
    ]
)
_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "when",
        "where",
        "why",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "about",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "according",
        "much",
        "many",
    ]
)


def question_language(text: str) -> str:
    """'es' or 'en'."""
    lowered = text.lower()
    tokens = _WORD.findall(lowered)
    spanish = sum(t in _ES for t in tokens) + 2 * len(_SPANISH_MARKS.findall(lowered))
    english = sum(t in _EN for t in tokens)
    return "en" if english > spanish else "es"
