"""The API's routers, and their routes as one flat list.

FastAPI versions differ in how an app keeps the routers it includes (flattened, or
wrapped), so code that needs every route asks the routers themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi.routing import APIRoute, APIRouter
from starlette.routing import BaseRoute

from api.chat.chat_router import router as chat_router
from api.documents.documents_router import router as documents_router
from api.health.health_router import router as health_router
from api.openai_compat.openai_router import router as openai_router

ROUTERS: tuple[APIRouter, ...] = (chat_router, openai_router, documents_router, health_router)


def api_routes(extra: Iterable[BaseRoute] = ()) -> list[APIRoute]:
    """Every route of the routers, plus the `APIRoute`s among `extra` (the app's own)."""
    routes = [route for router in ROUTERS for route in router.routes]
    return [route for route in [*routes, *extra] if isinstance(route, APIRoute)]
