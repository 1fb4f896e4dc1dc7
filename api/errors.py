"""One error shape, `{"detail": "..."}`, for every failure; never a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import Scope

from api.auth import AuthError
from api.generation_pool import QueueFullError
from api.limits import TooLargeError
from rag.errors import BackendError, ConfigError, NotFoundError, RagError
from rag.model_check import EmbeddingModelError

log = logging.getLogger(__name__)

INTERNAL_ERROR = "internal error"
LOCATION_KINDS = ("body", "query", "path", "header", "cookie")
NOT_A_FILE = "expected a file, got a plain form field (send it with a filename)"


class ErrorResponse(BaseModel):
    """The body of every error response, documented as such in the OpenAPI schema."""

    detail: str = Field(description="What went wrong, in one line, e.g. `question: too long`.")


# Every route may answer a 4xx in the one error shape; this replaces FastAPI's default
# 422 schema (a list of pydantic errors), which is not what the API sends.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorResponse, "description": "Invalid request: `detail` says why."}
}

# Most specific first: the first matching class decides the status.
STATUS_BY_ERROR: list[tuple[type[RagError], int]] = [
    (AuthError, 401),
    (NotFoundError, 404),
    (TooLargeError, 413),
    # The request is fine; the collection holds another model's vectors until an
    # operator runs `rag ingest --reindex`: a conflict with the server's state, which
    # retrying (as a 503 invites) does not resolve.
    (EmbeddingModelError, 409),
    (ConfigError, 422),
    (BackendError, 503),
]


def status_of(exc: RagError) -> int:
    return next((code for kind, code in STATUS_BY_ERROR if isinstance(exc, kind)), 500)


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def rag_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RagError)
    headers: dict[str, str] = {}
    if isinstance(exc, AuthError):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, QueueFullError):
        headers["Retry-After"] = str(exc.retry_after)
    status = status_of(exc)
    if status == 500:
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
    return error_response(status, str(exc), headers)


def validation_message(errors: list[Any]) -> str:
    """The first problem as `field.path: message`, e.g. `question: must not be empty`."""
    if not errors:
        return "invalid request"
    error = errors[0]
    location = list(error.get("loc", ()))
    if location and location[0] in LOCATION_KINDS:
        location = location[1:]
    if error.get("type") == "json_invalid":
        return "body: invalid JSON"
    field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location)
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if message.startswith("Expected UploadFile"):  # a multipart part sent without a filename
        message = NOT_A_FILE
    message = message[:1].lower() + message[1:]
    return f"{field.lstrip('.') or 'body'}: {message}"


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, validation_message(list(exc.errors())))


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    cause = exc.__cause__
    if isinstance(cause, UnicodeDecodeError):  # FastAPI's bare "error parsing the body"
        return error_response(422, f"body: not valid UTF-8 (bad byte at offset {cause.start})")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = allowed_methods(request.app.state.api_routes, request.scope)
    return error_response(exc.status_code, str(exc.detail), headers)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, INTERNAL_ERROR)


def allowed_methods(routes: Iterable[APIRoute], scope: Scope) -> str:
    """The `Allow` value for the request's path: the methods of every route matching it
    (Starlette's 405 names only those of the first route that matches)."""
    methods: set[str] = set()
    for route in routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            methods |= route.methods or set()
    return ", ".join(sorted(methods))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RagError, rag_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
