"""Unit tier: health, readiness, metrics, CORS, the page, the generation pool.

Backpressure and disconnects need a real server: tests/system/test_api_backpressure.py.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import STATIC_DIR
from api.generation_pool import QUEUE_FULL_MESSAGE, GenerationPool, QueueFullError
from tests.support.fake_api import fake_app


def test_health_and_ready(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    client = built.client()
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "checks": {"embedder": True, "generator": True, "store": True},
    }
    loading = fake_app(tmp_path / "loading", not_loaded=["generator"])
    not_loaded = loading.client().get("/ready")
    assert not_loaded.status_code == 503
    assert not_loaded.json() == {"detail": "not ready: generator not loaded yet"}
    built.components.store.reachable = False  # type: ignore[attr-defined]
    unreachable = client.get("/ready")
    assert unreachable.json() == {
        "detail": "not ready: vector store unreachable (connection refused)"
    }


def test_metrics_count_requests_stages_tokens_and_queue(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()
    client.post("/chat", json={"question": "x"})
    client.post("/chat", json={"question": "x", "stream": True})
    response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'rag_http_requests_total{method="POST",route="/chat",status="200"} 2.0' in text
    assert 'rag_stage_duration_seconds_count{stage="generate"} 2.0' in text
    assert "rag_generated_tokens_total 6.0" in text
    assert 'rag_answers_total{mode="generated"} 2.0' in text
    assert "rag_generation_queue_depth 0.0" in text
    assert "rag_generation_active 0.0" in text
    assert 'route="unmatched"' not in text
    client.get("/no-such-page")
    assert 'route="unmatched",status="404"' in client.get("/metrics").text


def test_cors_is_closed_by_default_and_opens_per_setting(tmp_path: Path) -> None:
    origin = {"Origin": "https://example.org"}
    closed = fake_app(tmp_path / "a").client().get("/health", headers=origin)
    assert "access-control-allow-origin" not in closed.headers
    opened = fake_app(tmp_path / "b", cors_origins=["https://example.org"]).client()
    response = opened.get("/health", headers=origin)
    assert response.headers["access-control-allow-origin"] == "https://example.org"
    other = opened.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_unknown_routes_and_methods_use_the_one_error_shape(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()
    assert client.get("/nope").json() == {"detail": "Not Found"}
    wrong = client.put("/chat")
    assert (wrong.status_code, wrong.json()) == (405, {"detail": "Method Not Allowed"})


def test_the_page_and_its_script_are_served(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="ask-form"' in page.text
    script = client.get("/static/app.js")
    assert script.status_code == 200
    assert "textContent" in script.text


def test_the_page_never_renders_text_as_html() -> None:
    script = (STATIC_DIR / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_openapi_documents_every_endpoint_with_examples(tmp_path: Path) -> None:
    schema = fake_app(tmp_path).client().get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/chat", "/retrieve", "/v1/chat/completions", "/v1/models", "/documents",
        "/documents/{source}", "/ingest", "/ingest/{job_id}", "/health", "/ready", "/metrics",
    }  # fmt: skip
    models = schema["components"]["schemas"]
    for name in ("ChatRequest", "ChatResponse", "CompletionRequest", "DocumentPublic"):
        assert models[name].get("examples"), name


WRITES = {"DELETE /documents/{source}", "POST /documents", "POST /ingest"}
CHATS = {"POST /chat", "POST /retrieve", "POST /v1/chat/completions"}


@pytest.mark.parametrize(
    ("overrides", "secured"),
    [
        ({}, set()),
        ({"api_key": "k"}, WRITES),
        ({"api_key": "k", "api_key_for_chat": True}, WRITES | CHATS),
    ],
)
def test_openapi_declares_the_key_exactly_where_it_is_enforced(
    tmp_path: Path, overrides: dict[str, object], secured: set[str]
) -> None:
    client = fake_app(tmp_path, **overrides).client()
    schema = client.get("/openapi.json").json()
    documented = {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "security" in operation
    }
    assert documented == secured
    for operation in documented:  # and each of them refuses a request without the key
        method, path = operation.split(" ")
        refused = client.request(method, path.replace("{source}", "x.md"))
        assert refused.status_code == 401, operation


def test_pool_refuses_past_capacity_and_frees_slots() -> None:
    async def scenario() -> None:
        pool = GenerationPool(workers=1, queue_size=1)
        gate = threading.Event()
        first = asyncio.ensure_future(pool.run(lambda: gate.wait(10)))
        second = asyncio.ensure_future(pool.run(lambda: "second"))
        await asyncio.sleep(0.05)
        assert (pool.running, pool.waiting) == (1, 1)
        with pytest.raises(QueueFullError) as refused:
            await pool.run(lambda: "third")
        assert str(refused.value) == QUEUE_FULL_MESSAGE
        assert 1 <= refused.value.retry_after <= 60
        gate.set()
        assert await first is True
        assert await second == "second"
        assert (pool.running, pool.waiting) == (0, 0)
        pool.shutdown()

    asyncio.run(scenario())


def test_a_stream_whose_consumer_stops_is_cancelled() -> None:
    async def scenario() -> None:
        pool = GenerationPool(workers=1, queue_size=0)
        closed = threading.Event()

        def endless() -> Iterator[int]:
            try:
                n = 0
                while True:
                    threading.Event().wait(0.01)
                    yield n
                    n += 1
            finally:
                closed.set()

        items = pool.start_stream(endless).items()
        assert await anext(items) == 0
        await items.aclose()  # what a client disconnect does to the response
        assert await asyncio.to_thread(closed.wait, 10)
        while pool.running:
            await asyncio.sleep(0.01)
        assert await pool.run(lambda: "next") == "next"
        pool.shutdown()

    asyncio.run(scenario())


def test_an_oversized_body_is_refused_before_it_is_read(tmp_path: Path) -> None:
    built = fake_app(tmp_path, max_question_chars=10, max_history_messages=0)
    client = built.client()
    huge = b'{"question": "' + b"x" * (2 << 20) + b'"}'
    response = client.post("/chat", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {
        "detail": f"request body too large ({len(huge)} bytes, the limit is 1048636)"
    }
    assert not built.pipeline.questions
