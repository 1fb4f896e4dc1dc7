"""Server-Sent Events framing, and turning a failure mid-stream into an error event.

Once a stream has started its status is sent, so errors after that point travel as
data: `event: error` for `/chat`, an OpenAI-style `{"error": ...}` for the compatible
endpoint.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from rag.errors import RagError

log = logging.getLogger(__name__)

STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
INTERNAL_ERROR = "internal error"


def event(data: Any, name: str | None = None) -> str:
    """One SSE event; JSON data never contains a raw newline, so one `data:` line."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    prefix = f"event: {name}\n" if name else ""
    return f"{prefix}data: {payload}\n\n"


def error_detail(exc: Exception) -> str:
    if isinstance(exc, RagError):
        return str(exc)
    log.exception("error while streaming", exc_info=exc)
    return INTERNAL_ERROR
