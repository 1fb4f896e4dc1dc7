"""The OpenAPI schema as this server enforces it: a route declares the bearer key only
when its settings make the route check one (FastAPI would declare it on every route
that can check a key, including chat while `RAG_API_KEY_FOR_CHAT` is off)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from api.auth import AuthError
from api.deps import key_checks
from rag.settings import Settings


def enforces_key(route: APIRoute, settings: Settings) -> bool:
    """Whether the route's own checks refuse a request that presents no key."""
    for check in key_checks(route):
        try:
            check(settings, None)
        except AuthError:
            return True
    return False


def document_enforced_keys(app: FastAPI, routes: Sequence[APIRoute], settings: Settings) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()  # cached by FastAPI; the edit below is idempotent
        for route in routes:
            if enforces_key(route, settings):
                continue
            operations = schema["paths"].get(route.path_format, {})
            for method in route.methods or ():
                operations.get(method.lower(), {}).pop("security", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
