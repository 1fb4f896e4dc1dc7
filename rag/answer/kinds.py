"""What kind of thing a sentence says the asked noun is.

"¿Qué tipo de ciudad ha sido siempre Varsovia?" is answered by what qualifies the noun
where a sentence writes it: "…Varsovia siempre ha sido una ciudad multicultural." gives
"multicultural", the question having said "ciudad"; in English the qualifiers come
before the noun, and are given with it ("an international metropolitan region").
Quoting the whole sentence buries them.
"""

from __future__ import annotations

import re

from rag.analyzer import STOP_WORDS, fold
from rag.answer.evidence import keys_of, word_keys
from rag.answer.spans import Located, in_brackets, whole_list
from rag.answer.subjects import WORD_PUNCTUATION

# "¿Qué tipo de ciudad…?": the kind is what qualifies the noun where a sentence writes it,
# adjectives ("ciudad multicultural"), "de" and a noun ("comités de proposiciones de
# ley"), joined by "y / o" ("escuelas secundarias o postsecundarias").
_ASKED_KIND = re.compile(r"\b(?:que|cual)\s+(tipos?|clases?)\s+de\s+(\w+)")
# "What kind of region…?": in English the qualifiers come before the noun ("an
# international metropolitan region").
_ASKED_KIND_EN = re.compile(r"\bwhat\s+(kinds?|types?|sorts?)\s+of\s+(\w+)")
_KIND_WORD = re.compile(r"[\w/-]+")  # "wahabí/salafí" is one qualifier
_KIND_LINKS = frozenset({"de", "y", "o", "e", "u"})
_RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})
# Prepositions that are no stop words, and end the qualifiers: "régimen islamista bajo…".
_KIND_STOPS = frozenset({"bajo", "tras", "mediante", "hacia", "segun", "hasta"})
# "un grupo militante dirigido por árabes": a participle with its agent tells what was
# done to the noun.
_PARTICIPLE = re.compile(r"\w+(?:ad|id)[oa]s?$")
_AGENT = frozenset({"por", "by"})
# "la responsabilidad de gestionar…" gives a task, not a kind.
_INFINITIVE = re.compile(r"\w{2,}(?:ar|er|ir)$")
# A kind of more words is no noun with its qualifiers but a clause.
MAX_KIND_WORDS = 6


def kind_given(question: str, sentence: str) -> Located | None:
    """The asked noun with what qualifies it in `sentence`, outside an aside in brackets:
    "ciudad multicultural" for "¿Qué tipo de ciudad ha sido siempre Varsovia?"; for "¿Qué
    tipos…?", with the other members of its list ("extracción de agua, carbón e
    hidrocarburos"); for "What kind of <noun>…?", the words before it ("international
    metropolitan region"). None where the sentence qualifies the noun with nothing, or
    only with the question's words."""
    folded = fold(question)
    asked = _ASKED_KIND.search(folded)
    english = _ASKED_KIND_EN.search(folded) if asked is None else None
    found = asked or english
    if found is None:
        return None
    noun, question_keys = word_keys(found.group(2)), keys_of(question)
    words = list(_KIND_WORD.finditer(sentence))
    for index, word in enumerate(words):
        if not word_keys(fold(word.group())) & noun or in_brackets(sentence, word.start()):
            continue
        if english is not None:
            start = _qualifiers_start(sentence, words, index, question_keys)
            if start is not None:
                return Located(start, word.end())
            continue
        end = _qualifiers_end(sentence, words, index + 1, question_keys)
        if end is None:
            continue
        if found.group(1).endswith("s"):
            return whole_list(sentence, word.start(), end)
        return Located(word.start(), end)
    return None


def qualifiers_only(question: str, phrase: str) -> str:
    """The kind without the noun the question already says: "Multicultural" for "¿Qué
    tipo de ciudad…?" answered "ciudad multicultural". The noun stays where a function
    word joins the qualifiers to it ("comités de proposiciones de ley" reads badly without
    it), in a phrase too long to be a kind, and in English, where the words before a noun
    may be nouns of a compound ("health care professional", "palm trees")."""
    asked = _ASKED_KIND.search(fold(question))
    words = phrase.split()
    if asked is None or not 2 <= len(words) <= MAX_KIND_WORDS:
        return phrase
    noun, beside = words[0], words[1]
    said = word_keys(fold(noun.strip(WORD_PUNCTUATION))) & word_keys(asked.group(2))
    if not said or fold(beside) in STOP_WORDS:
        return phrase
    return " ".join(words[1:]).rstrip(" ,;:")


def _qualifiers_end(
    sentence: str, words: list[re.Match[str]], first: int, question_keys: frozenset[str]
) -> int | None:
    """Where the qualifiers of the noun before `words[first]` end; None when there are none."""
    end = None
    at = first
    while at < len(words) and _adjoining(sentence, words[at - 1], words[at]):
        word = fold(words[at].group())
        if word in _KIND_LINKS:
            after = words[at + 1] if at + 1 < len(words) else None
            if (
                after is None
                or not _adjoining(sentence, words[at], after)
                or not _qualifier(fold(after.group()), question_keys)
                or (word == "de" and _INFINITIVE.match(fold(after.group())))
            ):
                break
            end, at = after.end(), at + 2
            continue
        after = words[at + 1] if at + 1 < len(words) else None
        passive = after is not None and fold(after.group()) in _AGENT and _PARTICIPLE.match(word)
        if passive or not _qualifier(word, question_keys):
            break
        end, at = words[at].end(), at + 1
    return end


def _qualifiers_start(
    sentence: str, words: list[re.Match[str]], noun: int, question_keys: frozenset[str]
) -> int | None:
    """Where the English qualifiers of the noun `words[noun]` begin, back to its article
    or the first word that is none; None when there are none."""
    start = None
    at = noun - 1
    while at >= 0 and _adjoining(sentence, words[at], words[at + 1]):
        relative = at > 0 and fold(words[at - 1].group()) in _RELATIVE_PRONOUNS
        if relative or not _qualifier(fold(words[at].group()), question_keys):
            break  # after "which", "that" or "who" comes a verb: "which includes"
        start, at = words[at].start(), at - 1
    return start


def _adjoining(sentence: str, first: re.Match[str], second: re.Match[str]) -> bool:
    return not sentence[first.end() : second.start()].strip()


def _qualifier(word: str, question_keys: frozenset[str]) -> bool:
    return (
        word not in STOP_WORDS and word not in _KIND_STOPS and not word_keys(word) & question_keys
    )
