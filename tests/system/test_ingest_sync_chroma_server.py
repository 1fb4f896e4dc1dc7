"""The sync semantics of tests/pipeline/test_ingest_sync.py on a real `chroma run`
server (each test in its own collection), because the same code must behave the same
on embedded Chroma and on a server: the same tests, with the store setting replaced."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from harness.servers import chroma_server
from tests.pipeline.test_ingest_sync import *  # noqa: F403  the tests and their fixtures


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("chroma-server")
    server = chroma_server(root / "db", root).start()
    try:
        yield server.url
    finally:
        server.kill()


@pytest.fixture
def store_settings(chroma_url: str) -> dict[str, str]:
    """The server, and a collection of this test's own."""
    return {"chroma_url": chroma_url, "collection": f"sync-{uuid.uuid4().hex[:12]}"}
