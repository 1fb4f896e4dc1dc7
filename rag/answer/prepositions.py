"""What the preposition a question asks with governs in a sentence.

"¿A qué está sujeto el dispensario…?", "¿De qué dependen los técnicos?", "¿En qué no es
suficiente el crecimiento…?" ask for the phrase the sentence puts after that
preposition, right after the question's words: "…el dispensario está sujeto a
legislación farmacéutica; con requisitos…" gives "legislación farmacéutica". In English
the preposition comes last, after the word it follows in the sentence too: "…is toward
integration of what?". Quoting the whole sentence buries the phrase.
"""

from __future__ import annotations

import re

from rag.analyzer import STOP_WORDS, fold
from rag.answer.evidence import content_words, keys_of, word_keys
from rag.answer.spans import in_brackets

# "¿A qué…?", "¿Como suma de qué…?"; not "¿Por qué…?", which asks why.
_ASKS_WITH_A_PREPOSITION = re.compile(
    r"\W*(?:\w+ de )?(a|de|en|con|para|sobre|desde|hacia)\s+(?:que|cual|cuales)\b"
)
# The English prepositions a question may close with.
_CLOSING = "of|to|by|for|from|with|in|on|at|about|into"
# "…integration of what?", "…followed by what country?"; not "for what reason?".
_ENDS_WITH_A_PREPOSITION = re.compile(
    rf"\b(\w+)\s+({_CLOSING}|after|before|toward|towards)"
    r"\s+what\b(?!\s+(?:reason|purpose|extent|degree|way)\b)(?:\s+\w+)?\W*$"
)
# "What does RAG enrich text generation with?": the preposition left at the end of a
# question that opens with what it asks for.
_STRANDED_PREPOSITION = re.compile(rf"^\W*(?:what|which|who|whom)\b.*\b(\w+)\s+({_CLOSING})\W*$")
_FORMS = {"a": frozenset({"a", "al"}), "de": frozenset({"de", "del", "desde"})}
_PHRASE_END = re.compile(
    r"[,;:.()\"«»]|\s(?:que|donde|cuando|pero|aunque|mientras|siempre|para|durante"
    r"|that|which|who|where|when|while|but|although|because)\s|$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# The question's word that the preposition follows stands this close before it: "sujeto
# a", "dependen más de".
REACH = 2
# A phrase of more words than this is a clause, not what the preposition governs.
MAX_PHRASE_WORDS = 8


def governed_phrase(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` writes the phrase after the question's preposition, where that
    preposition follows one of the question's words; not a phrase that opens with the
    question's words nor one inside brackets; None where the first such phrase is a
    whole clause."""
    asked = asked_preposition(question)
    if asked is None:
        return None
    forms, predicate = asked
    start, end = _member_about(question, sentence)
    words = list(_WORD.finditer(sentence, start, end))
    for index, word in enumerate(words):
        if fold(word.group()) not in forms or not _follows(words[:index], predicate):
            continue
        if in_brackets(sentence, word.start()):
            continue
        phrase_end = _PHRASE_END.search(sentence, word.end())
        phrase_start = word.end() + 1
        text = sentence[phrase_start : phrase_end.start() if phrase_end else end].strip()
        said = content_words(text)
        if not said or word_keys(said[0]) & keys_of(question):
            continue  # the question's own phrase: "la elasticidad de la pobreza"
        if len(text.split()) > MAX_PHRASE_WORDS:
            return None
        return phrase_start, phrase_start + len(_without_the_question_at_its_end(question, text))
    return None


def outside_the_governed_phrase(question: str, sentence: str, start: int, end: int) -> bool:
    """The run at `start:end` of `sentence` lies outside the phrase that the question's
    closing preposition governs there: "in line with knowledge bases" does not say what
    "RAG enriches text generation with". Only a preposition that closes the question is
    bound that tightly to the word before it; one that opens it ("¿En qué colonia…?")
    may govern another phrase than the answer ("en Lower Norfolk County")."""
    if _closing_preposition(fold(question)) is None:
        return False
    found = governed_phrase(question, sentence)
    return found is not None and (end <= found[0] or start >= found[1])


def _closing_preposition(folded: str) -> re.Match[str] | None:
    """The question's word and the preposition after it that closes the question:
    "…integration of what?", "What does RAG enrich text generation with?"."""
    return _ENDS_WITH_A_PREPOSITION.search(folded) or _STRANDED_PREPOSITION.match(folded)


def _without_the_question_at_its_end(question: str, text: str) -> str:
    """The phrase without the question's own words that close it: "la ONU" of "la ONU Ban
    Ki-moon" for what Ban Ki-moon was Secretary-General of."""
    asked = keys_of(question)
    words = list(_WORD.finditer(text))
    while len(words) > 1 and (
        fold(words[-1].group()) in STOP_WORDS or word_keys(fold(words[-1].group())) <= asked
    ):
        words.pop()
    return text[: words[-1].end()] if words else text


def asked_preposition(question: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The forms of the preposition the question asks with, and the stems of the words it
    may follow in a sentence: ({"a", "al"}, the rest of "¿A qué está sujeto el
    dispensario?"), ({"of"}, "integration") for "…toward integration of what?"."""
    folded = fold(question)
    # "La Iglesia apoya a quienes se oponen, ¿a qué?": what comes before the question
    # mark is the rest of the question
    asked_from = folded.rfind("¿") + 1
    opening = _ASKS_WITH_A_PREPOSITION.match(folded, asked_from)
    if opening is not None:
        preposition = opening.group(1)
        forms = _FORMS.get(preposition, frozenset({preposition}))
        return forms, keys_of(folded[:asked_from]) | keys_of(folded[opening.end() :])
    closing = _closing_preposition(folded)
    if closing is not None:
        return frozenset({closing.group(2)}), word_keys(closing.group(1))
    return None


def _member_about(question: str, sentence: str) -> tuple[int, int]:
    """The part of `sentence` between semicolons that holds most of the question's words:
    "…completó su transición al color; la década en su conjunto marcaría…" answers in
    its first part."""
    asked = keys_of(question)
    breaks = [found.start() for found in re.finditer(";", sentence)]
    members = list(zip([0, *(at + 1 for at in breaks)], [*breaks, len(sentence)], strict=True))
    return max(members, key=lambda member: len(keys_of(sentence[member[0] : member[1]]) & asked))


def _follows(before: list[re.Match[str]], predicate: frozenset[str]) -> bool:
    near = (fold(word.group()) for word in before[-REACH:])
    return any(word not in STOP_WORDS and word_keys(word) & predicate for word in near)
