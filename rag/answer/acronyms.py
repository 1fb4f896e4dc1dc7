"""Acronyms as documents define them and questions ask about them: "RAG
('Retrieval Augmented Generation')", "Protocolo de Datagramas de Usuario (UDP)", "What
does RAG stand for?", and their plurals ("GPUs").
"""

from __future__ import annotations

import functools
import re

from rag.analyzer import STOP_WORDS, fold
from rag.sentences import Span

_ACRONYM = re.compile(r"\b([A-Z]{2,})s?\b")
_EXPANSION_CUE = re.compile(
    r"\bstands? for\b|\bshort for\b|\bacronym\b|\babbreviation\b|\bwhat (?:does|do) \w+ mean\b"
    r"|\bsignifican?\b|\bsiglas?\b|\bacronimo\b|\babreviatura\b|\bquieren? decir\b"
)
# An acronym's plural, "GPUs" or "FLOPS", is the acronym: no stemmer drops that "s".
_PLURAL = "[sS]?"
_ACRONYM_PLURAL = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])s\b")
LETTERS = re.compile(r"[^\W\d_]+")
_INITIALS_GAP = re.compile(r"\s*[-–]\s*|\s+")
_MAX_EXPANSION_WORDS = 12
# "What is the ISBN of…?", "¿Cuál es el PIB de…?": the thing asked for is named by an
# acronym ("What is the RAG technique?" asks for a technique). Read on the question as
# written: an acronym is upper case.
_ASKED_ACRONYM = re.compile(
    r"^\W*(?:[Cc]u[aá]l(?:es)?|[Qq]u[eé]|[Ww]hat|[Ww]hich)\s+"
    r"(?:(?:es|son|era|fue|is|are|was|were)\s+(?:el|la|los|las|the|su|its)\s+(?:\w+'s\s+)?)?"
    r"([A-Z][A-Z0-9]*[A-Z])s?(?=\s+(?:of|de|del|tiene|tienen|has|have|does|do|did)\b|\s*\?)"
)


@functools.lru_cache(maxsize=4096)
def defined_acronyms(text: str) -> tuple[tuple[str, str], ...]:
    """The acronyms `text` defines, each with its expansion as written there, in brackets
    after the acronym or before it: 'FLOPS ("Floating Point OPerations")', "Protocolo de
    Datagramas de Usuario (UDP)"."""
    found = []
    for acronym in dict.fromkeys(_ACRONYM.findall(text)):
        after = re.compile(rf"\s*\(\s*{acronym}{_PLURAL}\s*\)")
        before = re.compile(rf"\b{acronym}{_PLURAL}\s*\(\s*['\"‘“«]?$")
        found += [
            (acronym, span.text)
            for span in expansion_spans(text, acronym)
            if after.match(text, span.end) or before.search(text, 0, span.start)
        ]
    return tuple(dict.fromkeys(found))


def singular_acronyms(text: str) -> str:
    """`text` with each acronym's plural ("GPUs", "LLMs") written as the acronym."""
    return _ACRONYM_PLURAL.sub(r"\1", text)


def asks_about_acronyms(question: str) -> bool:
    """ "What does RAG stand for?", "¿Cuál es la sigla de…?": the question is about an
    acronym and its expansion."""
    return bool(_EXPANSION_CUE.search(fold(question)))


def writes_the_asked_acronym(question: str, text: str) -> bool:
    """`text` writes, or spells out, the acronym that names what the question asks for
    ("What is the ISBN of…?"); a text that does neither cannot state it. True when the
    question asks for nothing named so."""
    asked = _ASKED_ACRONYM.search(question)
    if asked is None:
        return True
    return _writes_acronym(asked.group(1), text)


def writes_the_initials_of(name: str, text: str) -> bool:
    """`text` writes the name by its initials: "a close US ally" names the "United
    States"."""
    return any(
        span.text == name
        for acronym in set(_ACRONYM.findall(text))
        for span in expansion_spans(name, acronym)
    )


# Spanish doubles the initial of a plural word: "EE. UU." is "Estados Unidos".
_DOUBLED_INITIALS = re.compile(r"\b([A-Z])\1\.\s?([A-Z])\2\.")


def doubled_initials(text: str) -> list[tuple[str, str]]:
    """The abbreviations of `text` that double their initials, as written and as the
    initials they stand for: ("EE. UU.", "EU")."""
    return [(found.group(), found[1] + found[2]) for found in _DOUBLED_INITIALS.finditer(text)]


def doubles_an_initial(name: str) -> bool:
    """ "EE" of "EE. UU.": half of an abbreviation that doubles its initials."""
    return len(name) == 2 and name[0] == name[1]


def spells_out(acronym: str, text: str) -> bool:
    """`text` writes the acronym's words out, each capitalised: "La Asociación Americana
    del Automóvil informó…" names the "AAA"."""
    return any(
        all(
            word[0].isupper() for word in LETTERS.findall(span.text) if fold(word) not in STOP_WORDS
        )
        for span in expansion_spans(text, acronym)
    )


@functools.lru_cache(maxsize=256)
def _writes_acronym(acronym: str, text: str) -> bool:
    return bool(re.search(rf"\b{acronym}", text) or expansion_spans(text, acronym))


def acronym_in(question: str) -> str | None:
    found = _ACRONYM.search(question)
    return found.group(1) if found else None


def expansion_spans(text: str, acronym: str) -> list[Span]:
    """Word runs whose initials spell `acronym` ("Retrieval-Augmented Generation" for
    RAG; function words and hyphenated tails may be skipped: "Generative Pre-trained
    Transformer"), best first those with the most capitalised initials; then a run
    right before the acronym in brackets whose initials spell it in another order
    (`_reordered_before_brackets`); then the bracketed text after the acronym ("LLM
    (modelos de lenguaje grandes)")."""
    if not acronym:
        return []
    tokens = list(LETTERS.finditer(text))
    scored: list[tuple[int, int, Span]] = []
    for first in range(len(tokens)):
        if fold(tokens[first].group()) == fold(acronym):
            continue
        for last, capitals in _spell(text, tokens, first, acronym.lower(), []):
            start, end = tokens[first].start(), tokens[last].end()
            scored.append((-capitals, -(end - start), Span(start, end, text[start:end])))
    found = [span for *_, span in sorted(scored, key=lambda item: item[:2])]
    found += _reordered_before_brackets(text, tokens, acronym)
    for bracket in re.finditer(rf"\b{acronym}{_PLURAL}\s*\(\s*['\"‘“«]?([^)'\"’”»]+)", text):
        found.append(Span(bracket.start(1), bracket.end(1), bracket.group(1)))
    return found


def _spell(
    text: str, tokens: list[re.Match[str]], index: int, letters: str, used: list[bool]
) -> list[tuple[int, int]]:
    """Ways for tokens from `index` on to spell `letters`: (last token, capitals used)."""
    if index >= len(tokens) or len(used) > _MAX_EXPANSION_WORDS:
        return []
    token = tokens[index]
    if used and not _INITIALS_GAP.fullmatch(text[tokens[index - 1].end() : token.start()]):
        return []
    word = token.group()
    ways: list[tuple[int, int]] = []
    if word[0].lower() == letters[0] and fold(word) not in STOP_WORDS:
        capitals = sum(1 for u in used if u) + word[0].isupper()
        if len(letters) == 1:
            ways.append((index, capitals))
        else:
            ways += _spell(text, tokens, index + 1, letters[1:], [*used, word[0].isupper()])
    hyphen_tail = text[tokens[index - 1].end() : token.start()].strip() == "-" if used else False
    if used and (fold(word) in STOP_WORDS or hyphen_tail):
        ways += _spell(text, tokens, index + 1, letters, [*used, False])
    return ways


def _reordered_before_brackets(text: str, tokens: list[re.Match[str]], acronym: str) -> list[Span]:
    """The words right before "(ACRONYM)" whose initials are the acronym's letters in
    another order: Spanish puts the noun first, so an English acronym's expansion is
    written "Piloto del Módulo Lunar (LMP)" or "unidad de procesamiento gráfico (GPU)"."""
    letters = sorted(acronym.lower())
    found = []
    for bracket in re.finditer(rf"\(\s*{acronym}{_PLURAL}\s*\)", text):
        before = [t for t in tokens if t.end() <= bracket.start()]
        if not before or text[before[-1].end() : bracket.start()].strip():
            continue
        initials: list[str] = []
        for index in range(len(before) - 1, -1, -1):
            word = before[index].group()
            following = before[index + 1 : index + 2]
            if following and not _INITIALS_GAP.fullmatch(
                text[before[index].end() : following[0].start()]
            ):
                break
            if fold(word) in STOP_WORDS:
                continue
            initials.append(word[0].lower())
            if len(initials) == len(letters):
                if sorted(initials) == letters and initials[::-1] != list(acronym.lower()):
                    start, end = before[index].start(), before[-1].end()
                    found.append(Span(start, end, text[start:end]))
                break
    return found
