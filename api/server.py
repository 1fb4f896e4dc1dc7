"""`rag serve`: run the app under uvicorn."""

from __future__ import annotations

import logging

from rag.settings import Settings


def run_server(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Start uvicorn (blocking). Models load in the background; `/ready` says when done."""
    import uvicorn

    from api.app import create_app

    host = host or settings.host
    port = port or settings.port
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_app(settings, warm_up=True)
    shown = f"[{host}]" if ":" in host else host
    print(f"rag-blog: serving on http://{shown}:{port}/ (API docs at /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
