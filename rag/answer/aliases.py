"""Another name for a thing, for "¿Cuál es otro nombre para…?" and "What is another name
for…?".

A sentence gives a thing's other name in brackets or between commas beside it: "La
carretera estatal 168, la autopista Sierra, se dirige al este…" gives "la autopista
Sierra" for the state route, and "La carretera estatal 41 (autopista Yosemite
Freeway/autopista Eisenhower) llega a Fresno…" gives "La carretera estatal 41" for the
Yosemite freeway. Quoting the whole sentence buries it.
"""

from __future__ import annotations

import re

from rag.answer.claims import trimmed
from rag.answer.evidence import keys_of
from rag.sentences import Span

_ASKS_OTHER_NAME = re.compile(
    r"\b(?:otro nombre|another name)\s+(?:para|de|del|for|of)\s+(.+)", re.IGNORECASE
)
# "X (Y/Z)", "X, la Y,": a name, then its other names in brackets or between commas
_BESIDE = re.compile(
    r"(?P<name>[^,;:()]+?)\s*(?:\((?P<bracketed>[^()]+)\)|,\s+(?P<apposed>[^,;:()]+),)"
)
_FIRST_OF = re.compile(r"[^/,;()]+")


def other_name_given(question: str, sentence: str) -> Span | None:
    """The other name `sentence` gives what the question asks another name for: the one
    beside a name that holds every word of the question's, or the name beside another
    that holds them. None where the question asks no other name, or the sentence sets
    none beside the question's."""
    asked = _ASKS_OTHER_NAME.search(question)
    if asked is None:
        return None
    of = keys_of(asked.group(1))
    for beside in _BESIDE.finditer(sentence):
        group = "bracketed" if beside.group("bracketed") is not None else "apposed"
        first = _FIRST_OF.match(sentence, beside.start(group))
        name = _stripped(sentence, *beside.span("name"))
        other = _stripped(sentence, *first.span()) if first else None
        for holding, given in ((name, other), (other, name)):
            if holding and given and of <= keys_of(holding.text) and keys_of(given.text) - of:
                return given
    return None


def _stripped(sentence: str, start: int, end: int) -> Span | None:
    start, end = trimmed(sentence, start, end)
    return Span(start, end, sentence[start:end]) if end > start else None
