"""Who wrote a work, as documents write it: "el libro 'Generative AI with LangChain' de Ben
Auffarth", "the book … by Ben Auffarth". Such a sentence answers "¿Quién escribió el
libro?" and "Who is the author of the book?" though it writes neither "escribió" nor
"author", while "El autor del post advierte…" writes "autor" and names no one: the words of
authorship are read as said by a sentence that names the author of the work the question
names (the book, not the blog: "¿Cómo se llama el autor del blog?" is not Ben Auffarth).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.analyzer import CAPITAL, word_stems, words

_WORKS = (
    "libros?|novelas?|obras?|poemas?|ensayos?|art[ií]culos?|canci[oó]n|canciones"
    "|books?|novels?|works?|poems?|essays?|articles?|papers?|songs?"
)
_TITLE = r"['\"«“‘][^'\"»”’]{1,80}['\"»”’]"
_PERSON = rf"[{CAPITAL}][^\W\d_]+(?:\s+[{CAPITAL}][^\W\d_]+){{1,2}}\b"
_WORK_BY = re.compile(
    rf"\b(?P<work>(?i:{_WORKS}))\s+(?:(?P<title>{_TITLE})\s+)?(?:de|by)\s+{_PERSON}"
    rf"|(?P<quoted>{_TITLE})\s+(?:de|by)\s+{_PERSON}"
)
AUTHORSHIP_KEYS = frozenset(
    key
    for word in words(
        "autor autora autores autoria escribir escribio escrito escrita escritos "
        "author authors authored authorship write wrote written writer"
    )
    for key in word_stems(word)
)


def authored_works(text: str) -> frozenset[str]:
    """The keys of the works (the noun, the title) whose author `text` names."""
    parts = (part for m in _WORK_BY.finditer(text) for part in m.groups() if part)
    return frozenset(key for word in words(" ".join(parts)) for key in word_stems(word))


def authorship_said(terms: Iterable[str], works: frozenset[str]) -> frozenset[str]:
    """The words of authorship, when one of the question's `terms` names a work whose author
    the sentence names (`works`)."""
    if works and any(word_stems(term) & works for term in terms):
        return AUTHORSHIP_KEYS
    return frozenset()
