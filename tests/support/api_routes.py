"""Every write route of the real app, path parameters filled in: the routes that the
API-key tests walk, found from the app itself so that a new route cannot be missed."""

from __future__ import annotations

from fastapi.routing import APIRoute

from api.app import create_app
from rag.settings import load_settings

EXISTING = "posts/tendencias-modelos-generativos.md"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Asking and retrieving are open unless RAG_API_KEY_FOR_CHAT is set.
CHAT_ROUTES = {"/chat", "/retrieve", "/v1/chat/completions"}
PATH_VALUES = {"{source}": EXISTING, "{job_id}": "0"}


def write_routes() -> list[tuple[str, str]]:
    """(method, path) of every write route the app has, path parameters filled in."""
    routes = create_app(load_settings()).state.api_routes
    found = set()
    for route in routes:
        assert isinstance(route, APIRoute)
        path = route.path_format
        for placeholder, value in PATH_VALUES.items():
            path = path.replace(placeholder, value)
        found |= {(method, path) for method in (route.methods or set()) & WRITE_METHODS}
    return sorted(found)
