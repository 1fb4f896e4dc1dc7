"""The real app under a real uvicorn on 127.0.0.1, in a thread of the test process:
`live_server` runs any app; `serving` runs the real components over the corpus as
ingested by the real Ingestor. Shared by the HTTP tests and the browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from harness.servers import share_models
from ingest.sync import Ingestor
from rag.components import Components
from rag.schema import Answer, Passage, Question
from rag.settings import Settings, load_settings
from tests.support.paths import CORPUS

API_KEY = "s3cret-key"
GGUF_NAME = "gemma-3-270m-q4_k_m.gguf"
START_TIMEOUT_S = 60.0


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Yield the base URL; the socket is bound before uvicorn starts, so no port race."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


@dataclass
class LiveApi:
    url: str
    settings: Settings
    components: Components


def live_settings(root: Path, models_dir: Path, **overrides: Any) -> Settings:
    """Settings on a copy of the corpus (uploads must not touch the repository), whose
    data dir holds the session's assembled models, so a `rag` process started on it
    assembles nothing."""
    corpus = root / "corpus"
    if not corpus.exists():
        shutil.copytree(CORPUS, corpus)
    if not (root / "data" / "models").exists():
        share_models(models_dir, root / "data")
    return load_settings(
        data_dir=root / "data",
        corpus_dir=corpus,
        llm_model_path=models_dir / GGUF_NAME,
        **overrides,
    )


def ingested_components(settings: Settings, shared: Components) -> Components:
    """Fresh store and index for `settings`, sharing the session's loaded models."""
    components = Components(settings, embedder=shared.embedder, generator=shared.generator)
    Ingestor(components).sync()
    return components


@contextmanager
def serving(settings: Settings, components: Components, **options: Any) -> Iterator[LiveApi]:
    app = create_app(settings, components=components, **options)
    with live_server(app) as url:
        yield LiveApi(url, settings, components)


class PausedPipeline:
    """The real pipeline, held after its first item until `resume` is set: a generation
    that is provably in progress (the model's lock is held) while the test looks."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.paused = threading.Event()
        self.resume = threading.Event()

    def stream(self, question: Question) -> Iterator[str | Answer]:
        for index, item in enumerate(self.real.stream(question)):
            if index == 0:
                self.paused.set()
                self.resume.wait(120)
            yield item

    def answer(self, question: Question) -> Answer:
        return self.real.answer(question)

    def retrieve(self, question: Question) -> list[Passage]:
        return self.real.retrieve(question)
