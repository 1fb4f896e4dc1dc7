"""`create_app(settings)`: the whole HTTP service, built from one settings object."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api.body_limit import BodyLimitMiddleware
from api.contracts import AnswerPipelineLike, IngestorLike
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.metrics import MetricsMiddleware
from api.openapi_doc import document_enforced_keys
from api.routes import ROUTERS, api_routes
from api.state import AppState
from rag.components import Components
from rag.settings import Settings

STATIC_DIR = Path(__file__).parent / "static"

DESCRIPTION = """Questions about the documents in the corpus, answered in Spanish with
citations, by a local model. Every answer says its `mode`: `generated` (checked against
the sources), `extractive` (quotes, when the generated text was not supported) or
`abstained` (the documents do not say).

When `RAG_API_KEY` is set, write endpoints (and chat, with `RAG_API_KEY_FOR_CHAT`)
need `Authorization: Bearer <key>`. Every error is `{"detail": "..."}`."""


def create_app(
    settings: Settings,
    *,
    components: Components | None = None,
    pipeline: AnswerPipelineLike | None = None,
    ingestor: IngestorLike | None = None,
    warm_up: bool = False,
) -> FastAPI:
    """Build the app. `pipeline` and `ingestor` replace the real ones (tests); with
    `warm_up`, models load in the background at start-up and `/ready` turns 200 after."""
    state = AppState(settings, components=components, pipeline=pipeline, ingestor=ingestor)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            threading.Thread(target=state.warm_up, name="warm-up", daemon=True).start()
        yield
        state.close()

    app = FastAPI(
        title="rag-blog",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    app.state.rag = state
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    add_web_page(app)
    app.state.api_routes = api_routes(extra=app.routes)
    document_enforced_keys(app, app.state.api_routes, settings)
    app.add_middleware(BodyLimitMiddleware, settings=settings)
    app.add_middleware(MetricsMiddleware, metrics=state.metrics)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app


def add_web_page(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")
