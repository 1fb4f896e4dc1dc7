"""Whether a short answer speaks of another one of the things the question names.

"What is on the horizontal axis?" answered "the number of FLOPS on the vertical axis",
or "¿Qué se muestra en el eje de ordenadas?" answered "el tiempo en el eje de abscisas":
every word is in the evidence sentence, but the answer is what that sentence says of the
other axis. The answer repeats a noun of the question ("axis", "eje") with a qualifier the
question does not give it, and without the one the question gives.

A qualifier is read from word order alone: the complement after "de / del / of" ("eje de
ordenadas", "axis of time") in either language, and in English the word right before the
noun ("horizontal axis"). A Spanish word right after a noun may be an adjective or the
question's verb ("¿Qué universidad tiene…?"), so it is not read as one.
"""

from __future__ import annotations

import itertools

from rag.analyzer import ARTICLES, STOP_WORDS
from rag.answer.answer_types import names_in
from rag.answer.evidence import word_keys
from rag.answer.spans import asked_noun, tokens

_OF = frozenset({"de", "del", "of"})
# Words that rank the things a noun names rather than tell them apart: "What was the
# first battle?" is answered by the "Battle of Jumonville Glen", no battle of another kind.
_RANKING_WORDS = """first second third last final earliest latest largest biggest smallest
highest lowest oldest main primer primero primera segundo segunda tercer tercero tercera
ultimo ultima mayor menor principal"""
_RANKING = frozenset(_RANKING_WORDS.split())


def qualifies_another(
    question: str, answer: str, lang: str, contrasted_in: str | None = None
) -> bool:
    """The answer gives a noun of the question another qualifier than the question's;
    with `contrasted_in`, only where that text also writes the question's qualifier (the
    sentence speaks of both axes, and the answer of the other one): a qualifier the
    sentence words otherwise ("Sagrada Comunión" for "Santa Comunión") is no other thing."""
    written = None if contrasted_in is None else _keys(_words(contrasted_in))
    asked = _words(question)
    said = _words(answer)
    asked_keys = _keys(asked)
    said_keys = _keys(said)
    open_noun = _open_asked_noun(question, asked, lang)
    # a word of a name ("Marlborough House") is no noun that "Somerset House" qualifies
    named = _keys(_words(" ".join(names_in(question))))
    for index, word in enumerate(said):
        keys = word_keys(word)
        if word in STOP_WORDS or not keys & asked_keys or keys & (open_noun | named):
            continue
        own = {q for q in _qualifiers(said, index, lang) if not word_keys(q) & asked_keys}
        if not own:
            continue
        ranks = bool(own & _RANKING)  # "the second battle" for the first one
        if _qualified_otherwise(asked, word, said_keys, lang, written, ranking=ranks):
            return True
        if lang == "en" and written is None and _another_word_before(asked, said, index):
            return True
    return False


def _another_word_before(asked: list[str], said: list[str], index: int) -> bool:
    """English puts a noun's qualifier right before it: an answer's "vertical axis" is
    another than the question's "horizontal axis", whatever else both say ("The Epoch.ai
    chart shows the FLOPS on the vertical axis" for "…the horizontal axis of the chart")."""
    before = _word_before(said, index)
    if before is None:
        return False
    noun = word_keys(said[index])
    for at, word in enumerate(asked):
        asked_before = _word_before(asked, at)
        if word_keys(word) & noun and asked_before is not None:
            theirs = word_keys(asked_before)
            if not theirs & word_keys(before) and not theirs & _keys(said):
                return True
    return False


def _word_before(words: list[str], index: int) -> str | None:
    """The word right before `words[index]` when it is no stop word: in English, the
    noun's qualifier."""
    before = words[index - 1] if index > 0 else None
    return None if before is None or before in STOP_WORDS else before


def _open_asked_noun(question: str, asked: list[str], lang: str) -> frozenset[str]:
    """The keys of the noun the question asks with when it gives that noun no qualifier:
    "¿Qué mercado anterior sustituyó el Mercado del Grainger?" is answered by a market of
    another name ("el Mercado del Carnicero"), "¿Qué modelo de Google…?" by none of
    another maker's."""
    noun = asked_noun(question)
    if noun is None or noun not in asked or _qualifiers(asked, asked.index(noun), lang):
        return frozenset()
    return word_keys(noun)


def replaces_a_qualifier(question: str, claim: str, sentence: str, lang: str) -> bool:
    """The claim puts a word that the question sets beside a noun ("eje vertical"), and
    its sentence lacks, beside that noun where the sentence qualifies it otherwise: "el
    tiempo en el eje vertical" from "el tiempo en el eje de abscisas y los FLOPS en el
    eje de ordenadas"."""
    asked = _words(question)
    said = _words(claim)
    said_keys = _keys(said)
    written = _words(sentence)
    written_keys = _keys(written)
    for index, word in enumerate(said):
        keys = word_keys(word)
        if word in STOP_WORDS or keys & written_keys:
            continue
        for near in (index - 1, index + 1):
            noun = said[near] if 0 <= near < len(said) else None
            if noun is None or noun in STOP_WORDS or not _beside(asked, keys, word_keys(noun)):
                continue
            if _qualified_otherwise(written, noun, said_keys, lang):
                return True
    return False


def _qualified_otherwise(
    words: list[str],
    noun: str,
    said_keys: frozenset[str],
    lang: str,
    written: frozenset[str] | None = None,
    ranking: bool = True,
) -> bool:
    """`words` give `noun` qualifiers somewhere, and the words said hold none of them
    (but some of the `written` words, when given); without `ranking`, a word that ranks
    (`_RANKING`) is no qualifier."""
    for at, other in enumerate(words):
        if word_keys(other) & word_keys(noun):
            found = _qualifiers(words, at, lang)
            theirs = _keys([q for q in found if ranking or q not in _RANKING])
            if theirs and not theirs & said_keys and (written is None or theirs & written):
                return True
    return False


def _beside(words: list[str], first: frozenset[str], second: frozenset[str]) -> bool:
    """Two words, given by their keys, stand next to each other in `words`."""
    return any(
        (word_keys(a) & first and word_keys(b) & second)
        or (word_keys(a) & second and word_keys(b) & first)
        for a, b in itertools.pairwise(words)
    )


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset().union(*(word_keys(w) for w in words))


def _words(text: str) -> list[str]:
    return [key for key, _, _ in tokens(text)]


def _qualifiers(words: list[str], index: int, lang: str) -> set[str]:
    """The content words that qualify `words[index]`: its "de / of" complement, and in
    English the word before it."""
    found: set[str] = set()
    after = index + 1
    if after < len(words) and words[after] in _OF:
        after += 1
        while after < len(words) and words[after] in ARTICLES:
            after += 1
        if after < len(words) and words[after] not in STOP_WORDS:
            found.add(words[after])
    before = _word_before(words, index) if lang == "en" else None
    if before is not None:
        found.add(before)
    return found
