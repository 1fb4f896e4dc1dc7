"""What a term is, for "¿Qué es X?" and "What is X?".

A sentence defines the term it names by what follows it: a copula ("Internet2 es un
consorcio de redes informáticas…"), a bracket ("septicemia (un tipo de "envenenamiento de
la sangre")") or an "o" that renames it ("consideraciones de malum prohibitum, o cosas que
son una cuestión de costumbre…"). Quoting the whole sentence buries the definition.
"""

from __future__ import annotations

import re

from rag.analyzer import fold
from rag.answer.evidence import keys_of
from rag.answer.spans import COPULAS, copula_complement, locate

_ASKS_DEFINITION = re.compile(
    r"\W*(?:que|what) (?:es|son|era|eran|is|are|was|were) "
    r"(?:(?:el|la|los|las|un|una|the|an?) )?(?!lo )(?P<term>[^?]+?)\W*$"
)
# Not a bracket that opens a clause on the term, an example or a date: "(que se cree que
# están extintos)", "(1922–26)".
_BRACKET = re.compile(
    r"\s*\((?!\s*(?:que|quien|quienes|donde|cuando|which|who|that|where|when|por ejemplo"
    r"|e\.g\.|i\.e\.|ver|see)\b|\s*\d)([^()]+)\)",
    re.IGNORECASE,
)
_COPULA_SUBJECT = re.compile(rf"(?P<subject>.+?)\s+(?:{'|'.join(COPULAS)})\s")
_RENAMED = re.compile(r",\s+(?:o|or)\s+([^,;.]+)")
# A term of more words than this is a description, not a term to define.
MAX_TERM_WORDS = 5


def definition_given(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` says what the term the question asks about is, right after that
    term: its copula's complement, its bracket, or what an "o" renames it."""
    asked = _ASKS_DEFINITION.match(fold(question))
    if asked is None or len(asked.group("term").split()) > MAX_TERM_WORDS:
        return None
    term = locate(asked.group("term"), sentence)
    if term is None:
        return None
    complement = copula_complement(sentence, term.end)
    if complement is not None:
        return complement.start, complement.end
    for after in (_BRACKET, _RENAMED):
        found = after.match(sentence, term.end)
        if found is not None:
            return found.start(1), found.end(1)
    return None


def defines_another(question: str, claim: str) -> bool:
    """The claim says what another term is than the one the question asks about: "Transfer
    learning is a technique…" for "What is model distillation?". A subject of no content
    word ("It is…", "Es…") may be the asked term."""
    asked = _ASKS_DEFINITION.match(fold(question))
    said = _COPULA_SUBJECT.match(fold(claim))
    if asked is None or said is None:
        return False
    subject = keys_of(said.group("subject"))
    return bool(subject) and not subject & keys_of(asked.group("term"))
