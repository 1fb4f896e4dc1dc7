"""Request limits taken from settings, each with one exact message.

They live here rather than in the request models because the numbers come from the
app's settings, which a pydantic model cannot see.
"""

from __future__ import annotations

from rag.errors import ConfigError
from rag.schema import Question, Turn
from rag.settings import Settings


class LimitError(ConfigError):
    """Input over a configured limit (422)."""


class TooLargeError(LimitError):
    """A body or file over a configured size (413)."""


def check_question(text: str, settings: Settings, field: str = "question") -> None:
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
        check_question(turn.content, settings, field=f"{field}[{index}].content")


def checked_question(question: Question, settings: Settings) -> Question:
    check_question(question.text, settings)
    check_history(question.history, settings)
    return question


def check_file_count(count: int, settings: Settings) -> None:
    if count > settings.max_files_per_request:
        raise LimitError(
            f"files: too many ({count}, the limit is {settings.max_files_per_request} "
            "per request, RAG_MAX_FILES_PER_REQUEST)"
        )


def file_too_large(filename: str, settings: Settings) -> TooLargeError:
    return TooLargeError(
        f"{filename}: file too large (the limit is {settings.max_upload_bytes} bytes, "
        "RAG_MAX_UPLOAD_BYTES)"
    )
