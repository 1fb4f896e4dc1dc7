"""Follow-up questions made standalone by rules, not by the LLM.

"¿Y cuánto costó el de Gemini?" names only what changed; what stays (training, cost)
is in the previous question. The rule carries the previous question's content words
over, except its named things (GPT-4) when the follow-up names its own (Gemini):
that swap is what a follow-up usually means. A 270M model rewriting the question would
be slower and, measured on `bench/followups.jsonl`, it is not needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.analyzer import QUESTION_WORDS, STOP_WORDS, fold, word_stems
from rag.schema import Turn

_TOKEN = re.compile(r"[\w][\w.\-]*[\w]|\w")
_FOLLOW_UP_START = re.compile(
    r"^\W*(y|e|pero|entonces|and|but|so|what about|how about|and what about)\b", re.IGNORECASE
)
_ANAPHORA = re.compile(
    r"\b(el|la|los|las) de\b|\b(ese|esa|eso|esos|esas|este|esta|esto|él|ella|ellos|ellas)\b"
    r"|\b(they|them|their)\b",
    re.IGNORECASE,
)
# Interrogatives and fillers: carrying them over adds nothing to the query.
_NOT_CARRIED = QUESTION_WORDS | frozenset(
    [
        "que",
        "como",
        "donde",
        "cuando",
        "how",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "long",
        "does",
        "did",
        "do",
        "is",
        "are",
        "was",
        "were",
        "can",
        "could",
        "would",
        "should",
    ]
)
# A question this short (in content words) is read as depending on the last one. Two
# words was measured to rewrite standalone questions ("¿En qué consiste la
# cuantización?") and cost them retrieval hits (bench/followups.py, control set).
SHORT_QUESTION_WORDS = 1


def condense(question: str, history: Sequence[Turn]) -> str:
    """The question made standalone for retrieval and prompting, using earlier user
    turns; unchanged when there is no history or it does not look like a follow-up."""
    previous = [turn.content for turn in history if turn.role == "user" and turn.content.strip()]
    if not previous:
        return question
    context = previous[0]
    for earlier in previous[1:]:
        context = merge(earlier, context) if is_follow_up(earlier) else earlier
    return merge(question, context) if is_follow_up(question) else question


def is_follow_up(question: str) -> bool:
    """Starts like a continuation, points back ("el de", "it"), or is too short to
    stand alone and names nothing of its own."""
    if _FOLLOW_UP_START.search(question) or _ANAPHORA.search(question):
        return True
    asked = [t for t in content_tokens(question) if fold(t) not in _NOT_CARRIED]
    return len(asked) <= SHORT_QUESTION_WORDS and not named_things(question)


def merge(question: str, previous: str) -> str:
    """`question` plus, in parentheses, the words of `previous` it lacks."""
    own = {key for token in content_tokens(question) for key in word_stems(fold(token))}
    swap_names = bool(named_things(question))
    names_before = set(named_things(previous))
    carried: list[str] = []
    for token in content_tokens(previous):
        if swap_names and token in names_before:
            continue
        if word_stems(fold(token)) & own or fold(token) in _NOT_CARRIED:
            continue
        if token not in carried:
            carried.append(token)
    return f"{question.rstrip()} ({' '.join(carried)})" if carried else question


def content_tokens(text: str) -> list[str]:
    """Surface tokens ("GPT-4", "Gemini", "entrenamiento") minus stop words."""
    return [t for t in _TOKEN.findall(text) if fold(t) not in STOP_WORDS and len(t) > 1]


def named_things(text: str) -> list[str]:
    """Tokens that name something: containing a digit, or capitalised anywhere but at
    the start of the question."""
    tokens = _TOKEN.findall(text)
    return [
        token
        for index, token in enumerate(tokens)
        if any(ch.isdigit() for ch in token) or (index > 0 and token[:1].isupper())
    ]
