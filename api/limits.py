"""Request limits on bodies and files, taken from settings, each with one exact message.

They live here rather than in the request models because the numbers come from the
app's settings, which a pydantic model cannot see. The question limits are the
pipeline's own (`rag.answer.question_limits`): the API applies that same rule.
"""

from __future__ import annotations

from rag.answer.question_limits import LimitError
from rag.settings import Settings


class TooLargeError(LimitError):
    """A body or file over a configured size (413)."""


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
