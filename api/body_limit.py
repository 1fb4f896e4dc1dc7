"""Refuse a request whose declared body is larger than any valid request could be,
before a byte of it is read (413). The per-field limits give the exact reasons; this
only stops a client from making the server buffer megabytes of JSON or form data."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from rag.settings import Settings

SLACK_BYTES = 1 << 20  # headers of multipart parts, JSON punctuation, escapes


def body_limits(settings: Settings) -> tuple[int, int]:
    """(JSON limit, multipart limit) in bytes."""
    json_limit = SLACK_BYTES + 6 * settings.max_question_chars * (settings.max_history_messages + 1)
    upload_limit = SLACK_BYTES + settings.max_upload_bytes * settings.max_files_per_request
    return json_limit, upload_limit


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.json_limit, self.upload_limit = body_limits(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            declared = headers.get(b"content-length", b"").decode("latin-1")
            is_upload = headers.get(b"content-type", b"").startswith(b"multipart/")
            limit = self.upload_limit if is_upload else self.json_limit
            if declared.isdigit() and int(declared) > limit:
                detail = f"request body too large ({declared} bytes, the limit is {limit})"
                await JSONResponse({"detail": detail}, status_code=413)(scope, receive, send)
                return
        await self.app(scope, receive, send)
