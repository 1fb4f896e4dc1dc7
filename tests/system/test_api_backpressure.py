"""Backpressure and client disconnects on a real uvicorn on 127.0.0.1 (with the fake
pipeline), because only a real server has concurrent clients and real disconnects."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from api.generation_pool import QUEUE_FULL_MESSAGE
from tests.support.fake_api import FakePipeline, fake_app
from tests.support.live_api import live_server


def test_full_queue_is_503_with_retry_after_and_health_stays_up(tmp_path: Path) -> None:
    gate = threading.Event()
    pipeline = FakePipeline(gate=gate)
    built = fake_app(tmp_path, pipeline=pipeline, generation_workers=1, generation_queue=0)
    with live_server(built.app) as url, httpx.Client(base_url=url, timeout=30) as client:
        holder = threading.Thread(
            target=client.post, args=("/chat",), kwargs={"json": {"question": "x"}}
        )
        holder.start()
        assert pipeline.started.wait(10)
        refused = client.post("/chat", json={"question": "y"})
        assert refused.status_code == 503
        assert refused.json() == {"detail": QUEUE_FULL_MESSAGE}
        assert int(refused.headers["retry-after"]) >= 1
        streamed = client.post("/chat", json={"question": "y", "stream": True})
        assert streamed.status_code == 503
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/documents").status_code == 200
        assert "rag_generation_active 1.0" in client.get("/metrics").text
        gate.set()
        holder.join(10)
        assert client.post("/chat", json={"question": "z"}).status_code == 200


def test_client_disconnect_mid_stream_frees_the_slot(tmp_path: Path) -> None:
    pipeline = FakePipeline(endless=True)
    built = fake_app(tmp_path, pipeline=pipeline, generation_workers=1, generation_queue=0)
    with live_server(built.app) as url:
        with (
            httpx.Client(base_url=url, timeout=30) as client,
            client.stream("POST", "/chat", json={"question": "x", "stream": True}) as response,
        ):
            assert response.status_code == 200
            first = next(response.iter_lines())
            assert first == "event: token"
        # leaving the block closed the connection mid-stream
        assert pipeline.closed.wait(10)
        with httpx.Client(base_url=url, timeout=30) as client:
            wait_until_idle(client)
            pipeline.endless = False
            assert client.post("/chat", json={"question": "y"}).status_code == 200


def wait_until_idle(client: httpx.Client) -> None:
    """The slot is released just after the generator closes, in the worker thread."""
    deadline = time.monotonic() + 10
    while "rag_generation_active 0.0" not in client.get("/metrics").text:
        assert time.monotonic() < deadline, "the generation slot was never freed"
        time.sleep(0.02)
