"""A real server for the pipeline tier: real components, corpus ingested by the real
Ingestor, uvicorn on 127.0.0.1. Shared by the HTTP tests and the browser test."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.app import create_app
from ingest.sync import Ingestor
from rag.components import Components
from rag.schema import Answer, Passage, Question
from rag.settings import Settings, load_settings
from tests.live_server import live_server

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
API_KEY = "s3cret-key"
GGUF_NAME = "gemma-3-270m-q4_k_m.gguf"


@dataclass
class LiveApi:
    url: str
    settings: Settings
    components: Components


def live_settings(root: Path, models_dir: Path, **overrides: Any) -> Settings:
    """Settings on a copy of the corpus (uploads must not touch the repository)."""
    corpus = root / "corpus"
    if not corpus.exists():
        shutil.copytree(CORPUS, corpus)
    return load_settings(
        data_dir=root / "data",
        corpus_dir=corpus,
        llm_model_path=models_dir / GGUF_NAME,
        **overrides,
    )


def ingested_components(settings: Settings, shared: Components) -> Components:
    """Fresh store and index for `settings`, sharing the session's loaded models."""
    components = Components(settings)
    components.__dict__["embedder"] = shared.embedder
    components.__dict__["generator"] = shared.generator
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
