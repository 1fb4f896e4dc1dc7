"""The question limits: one rule, with one exact message each, for every way in.

The pipeline checks every question it is given (`rag ask`, evaluation, LangChain
callers). The API checks the same way before it admits a request to the generation
pool, because a refusal after the first streamed byte could no longer be a 422; it
maps `LimitError` to that status. A history over the limit is refused, not trimmed:
silently dropping turns would change what a follow-up question means.
"""

from __future__ import annotations

from rag.errors import ConfigError
from rag.schema import Question, Turn
from rag.settings import Settings

NOT_EMPTY = "must not be empty"


class LimitError(ConfigError):
    """Input over a configured limit, or with nothing to answer."""


def check_question(question: Question, settings: Settings) -> None:
    """The question's text and its history, against the configured limits."""
    if not question.text.strip():
        raise LimitError(f"question: {NOT_EMPTY}")
    check_length(question.text, settings, field="question")
    check_history(question.history, settings)


def check_length(text: str, settings: Settings, field: str) -> None:
    if len(text) > settings.max_question_chars:
        raise LimitError(
            f"{field}: too long ({len(text)} characters, the limit is "
            f"{settings.max_question_chars}, RAG_MAX_QUESTION_CHARS)"
        )


def check_history(history: list[Turn], settings: Settings, field: str = "history") -> None:
    if len(history) > settings.max_history_messages:
        raise LimitError(
            f"{field}: too many messages ({len(history)}, the limit is "
            f"{settings.max_history_messages}, RAG_MAX_HISTORY_MESSAGES)"
        )
    for index, turn in enumerate(history):
        check_length(turn.content, settings, field=f"{field}[{index}].content")
