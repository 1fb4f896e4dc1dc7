"""Building apps for the API unit tier: real FastAPI app, fake pipeline and ingestor."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from rag.components import Components
from rag.settings import Settings, load_settings
from tests.fakes_api import FakeIngestor, FakePipeline, FakeStore


@dataclass
class FakeApp:
    app: FastAPI
    settings: Settings
    pipeline: FakePipeline
    ingestor: FakeIngestor
    components: Components

    def client(self, **options: Any) -> TestClient:
        return TestClient(self.app, **options)


def fake_app(tmp_path: Path, pipeline: FakePipeline | None = None, **overrides: Any) -> FakeApp:
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=corpus, **overrides)
    components = Components(settings)
    components.__dict__.update(embedder=object(), generator=object(), store=FakeStore())
    pipeline = pipeline or FakePipeline()
    ingestor = FakeIngestor(corpus)
    app = create_app(settings, components=components, pipeline=pipeline, ingestor=ingestor)
    return FakeApp(app, settings, pipeline, ingestor, components)


def sse_events(body: str) -> list[tuple[str, Any]]:
    """(event name, decoded data) for each event of a `text/event-stream` body."""
    events = []
    for block in body.strip().split("\n\n"):
        name, data = "message", []
        for line in block.splitlines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data.append(line.removeprefix("data: "))
        raw = "\n".join(data)
        events.append((name, raw if raw == "[DONE]" else json.loads(raw)))
    return events
