"""The language model fails or times out mid-generation, behind a real uvicorn.

The server runs the real pipeline with the real `OpenAIServerGenerator`, pointed at a
stub model server on loopback that streams two pieces and then stalls, drops the
stream, or answers 500. The client gets an exact 503, or an exact error event once the
stream has started; the generation slot is freed (one worker, no queue, so a leaked
slot would refuse the next request with a 503) and the next request is answered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from ingest.sync import Ingestor
from rag.components import Components
from tests.support.fake_llm_server import PIECES, LlmMode, LlmStub
from tests.support.live_api import live_server, live_settings
from tests.support.sse import sse_events

QUESTION = "¿Cuánto costó el entrenamiento de GPT-4?"
TIMEOUT_S = 1.0


class Servers:
    def __init__(self, rag_url: str, llm_url: str, llm: LlmStub) -> None:
        self.rag_url, self.llm_url, self.llm = rag_url, llm_url, llm

    def failure(self, mode: LlmMode) -> str:
        """The exact message the client must get for `mode`."""
        return {
            LlmMode.HANG: f"language model server timed out at {self.llm_url}",
            LlmMode.DROP: "language model server closed the stream before it finished",
            LlmMode.ERROR: f"language model server at {self.llm_url} answered 500: "
            '{"error":"model crashed"}',
        }[mode]


@pytest.fixture(scope="module")
def servers(
    shared_components: Components, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Servers]:
    llm = LlmStub()
    with live_server(llm.app()) as llm_url:
        settings = live_settings(
            tmp_path_factory.mktemp("llm-faults"),
            models_dir,
            llm_url=llm_url,
            llm_timeout_s=TIMEOUT_S,
            llm_prompt_format="completion",
            generation_workers=1,
            generation_queue=0,
        )
        # Its generator is the real HTTP one.
        components = Components(settings, embedder=shared_components.embedder)
        Ingestor(components).sync()
        with live_server(create_app(settings, components=components)) as rag_url:
            yield Servers(rag_url, llm_url, llm)


@pytest.fixture
def http(servers: Servers) -> Iterator[httpx.Client]:
    servers.llm.mode = LlmMode.OK
    with httpx.Client(base_url=servers.rag_url, timeout=120) as client:
        yield client


def assert_slot_freed_and_next_answer_works(servers: Servers, http: httpx.Client) -> None:
    metrics = http.get("/metrics").text
    assert "rag_generation_active 0.0" in metrics
    assert "rag_generation_queue_depth 0.0" in metrics
    servers.llm.mode = LlmMode.OK
    answer = http.post("/chat", json={"question": QUESTION})
    assert answer.status_code == 200, answer.text
    assert answer.json()["mode"] in ("generated", "extractive")


@pytest.mark.parametrize("mode", [LlmMode.HANG, LlmMode.DROP, LlmMode.ERROR])
def test_a_failed_generation_is_an_exact_503_then_the_next_request_works(
    servers: Servers, http: httpx.Client, mode: LlmMode
) -> None:
    servers.llm.mode = mode
    response = http.post("/chat", json={"question": QUESTION})
    assert (response.status_code, response.json()) == (503, {"detail": servers.failure(mode)})
    assert http.get("/health").json() == {"status": "ok"}
    assert_slot_freed_and_next_answer_works(servers, http)


@pytest.mark.parametrize("mode", [LlmMode.HANG, LlmMode.DROP])
def test_a_stream_that_fails_mid_way_ends_with_an_exact_error_event(
    servers: Servers, http: httpx.Client, mode: LlmMode
) -> None:
    servers.llm.mode = mode
    response = http.post("/chat", json={"question": QUESTION, "stream": True})
    assert response.status_code == 200
    events = sse_events(response.text)
    tokens = "".join(data["text"] for name, data in events if name == "token")
    assert tokens == "".join(PIECES[:2])  # the failure came after the model had started
    assert events[-1] == ("error", {"detail": servers.failure(mode)})
    assert "final" not in [name for name, _ in events]
    assert_slot_freed_and_next_answer_works(servers, http)


def test_an_openai_stream_that_times_out_ends_with_an_error_chunk_and_done(
    servers: Servers, http: httpx.Client
) -> None:
    servers.llm.mode = LlmMode.HANG
    body = {"messages": [{"role": "user", "content": QUESTION}], "stream": True}
    response = http.post("/v1/chat/completions", json=body)
    assert response.status_code == 200
    data = [line.removeprefix("data: ") for line in response.text.splitlines() if line]
    assert data[-1] == "[DONE]"
    error = {"message": servers.failure(LlmMode.HANG), "type": "server_error"}
    assert json.loads(data[-2]) == {"error": error}
    assert_slot_freed_and_next_answer_works(servers, http)
