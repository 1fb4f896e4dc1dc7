"""Pipeline tier through real HTTP: a real uvicorn on 127.0.0.1 serving real
components (MiniLM, Chroma in a temporary dir, Gemma 3 270M) over the ingested corpus.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from api.auth import INVALID_KEY, MISSING_KEY
from api.generation_pool import QUEUE_FULL_MESSAGE
from rag.components import Components
from tests.support.live_api import (
    API_KEY,
    LiveApi,
    PausedPipeline,
    ingested_components,
    live_settings,
    serving,
)

QUESTION = "¿Cuánto costó el entrenamiento de GPT-4?"
UNIQUE_FACT = (
    "# Proyecto Zentrofilo\n\nEl proyecto Zentrofilo entrenó un modelo con 777 nodos "
    "refrigerados por agua de lluvia en Albacete.\n"
)
UNIQUE_QUESTION = "¿Cuántos nodos usó el proyecto Zentrofilo?"
MAX_UPLOAD = 200_000
KEY = {"Authorization": f"Bearer {API_KEY}"}


@pytest.fixture(scope="module")
def live(
    shared_components: Components, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApi]:
    settings = live_settings(
        tmp_path_factory.mktemp("api-live"),
        models_dir,
        api_key=API_KEY,
        max_upload_bytes=MAX_UPLOAD,
        max_question_chars=500,
    )
    with serving(settings, ingested_components(settings, shared_components)) as server:
        yield server


@pytest.fixture
def http(live: LiveApi) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=300) as client:
        yield client


def sse(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """(event, data) pairs from a live `text/event-stream`."""
    name = "message"
    for line in lines:
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield name, line.removeprefix("data: ")
            name = "message"


def document_text(http: httpx.Client, source: str) -> str:
    response = http.get(f"/documents/{source}")
    assert response.status_code == 200, response.text
    return str(response.json()["text"])


def assert_quotes_are_verbatim(http: httpx.Client, citations: list[dict[str, Any]]) -> None:
    for citation in citations:
        assert citation["quote"] in document_text(http, citation["source"])


def test_health_ready_and_documents_of_the_ingested_corpus(http: httpx.Client) -> None:
    assert http.get("/health").json() == {"status": "ok"}
    assert http.get("/ready").status_code == 200
    sources = {d["source"] for d in http.get("/documents").json()["documents"]}
    assert "posts/tendencias-modelos-generativos.md" in sources
    assert not any(source.startswith("eval/") for source in sources)


def test_openai_client_without_streaming(live: LiveApi, http: httpx.Client) -> None:
    client = openai.OpenAI(base_url=f"{live.url}/v1", api_key="unused", max_retries=0)
    assert [model.id for model in client.models.list()] == ["rag-blog"]
    completion = client.chat.completions.create(
        model="rag-blog", messages=[{"role": "user", "content": QUESTION}]
    )
    assert completion.object == "chat.completion"
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].message.content
    extra = completion.model_extra or {}
    assert extra["mode"] in ("generated", "extractive", "abstained")
    if extra["mode"] != "abstained":
        assert extra["citations"]
    assert_quotes_are_verbatim(http, extra["citations"])


def test_openai_client_streaming(live: LiveApi, http: httpx.Client) -> None:
    client = openai.OpenAI(base_url=f"{live.url}/v1", api_key="unused", max_retries=0)
    stream = client.chat.completions.create(
        model="rag-blog", messages=[{"role": "user", "content": QUESTION}], stream=True
    )
    chunks = list(stream)
    assert {chunk.object for chunk in chunks} == {"chat.completion.chunk"}
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    extra = last.model_extra or {}
    shown = extra.get("answer", text)
    assert shown.strip()
    if extra["mode"] != "abstained":
        assert extra["citations"]
    assert_quotes_are_verbatim(http, extra["citations"])


def test_chat_sse_stream_keeps_citations(http: httpx.Client) -> None:
    with http.stream("POST", "/chat", json={"question": QUESTION, "stream": True}) as response:
        assert response.status_code == 200
        events = list(sse(response.iter_lines()))
    names = [name for name, _ in events]
    assert names[-1] == "final"
    assert set(names[:-1]) <= {"token"}
    final = json.loads(events[-1][1])
    assert final["mode"] in ("generated", "extractive", "abstained")
    assert set(final["timings"])
    if final["mode"] == "generated":
        streamed = "".join(json.loads(data)["text"] for name, data in events if name == "token")
        assert streamed.strip()
    if final["mode"] != "abstained":
        assert final["citations"]
    assert_quotes_are_verbatim(http, final["citations"])
    assert set(http.post("/chat", json={"question": QUESTION}).json()) == set(final)


def test_uploaded_document_is_listed_retrieved_then_deleted_and_never_cited(
    http: httpx.Client, live: LiveApi
) -> None:
    files = [("files", ("../zentrofilo.md", UNIQUE_FACT.encode(), "text/markdown"))]
    uploaded = http.post("/documents", files=files, headers=KEY).json()["files"]
    assert uploaded == [
        {
            "filename": "../zentrofilo.md",
            "source": "uploads/zentrofilo.md",
            "status": "added",
            "error": None,
        }
    ]
    assert (live.settings.corpus_dir / "uploads" / "zentrofilo.md").is_file()
    again = http.post("/documents", files=files, headers=KEY).json()["files"]
    assert again[0]["status"] == "unchanged"
    listed = {d["source"]: d for d in http.get("/documents").json()["documents"]}
    assert listed["uploads/zentrofilo.md"]["chunks"] >= 1
    found = http.post("/retrieve", json={"question": UNIQUE_QUESTION}).json()["passages"]
    assert found[0]["source"] == "uploads/zentrofilo.md"

    deleted = http.delete("/documents/uploads/zentrofilo.md", headers=KEY)
    assert deleted.status_code == 200
    assert deleted.json()["chunks_deleted"] == listed["uploads/zentrofilo.md"]["chunks"]
    assert deleted.json()["file_deleted"] is True
    sources = {d["source"] for d in http.get("/documents").json()["documents"]}
    assert "uploads/zentrofilo.md" not in sources
    found = http.post("/retrieve", json={"question": UNIQUE_QUESTION}).json()["passages"]
    assert all(p["source"] != "uploads/zentrofilo.md" for p in found)
    answer = http.post("/chat", json={"question": UNIQUE_QUESTION}).json()
    assert all(c["source"] != "uploads/zentrofilo.md" for c in answer["citations"])
    assert all(p["source"] != "uploads/zentrofilo.md" for p in answer["passages"])
    gone = http.get("/documents/uploads/zentrofilo.md")
    assert (gone.status_code, gone.json()) == (
        404,
        {"detail": "document not found: uploads/zentrofilo.md"},
    )


def test_write_endpoints_refuse_a_missing_or_wrong_key(http: httpx.Client) -> None:
    files = [("files", ("nota.md", b"# Nota", "text/markdown"))]
    for headers, detail in [({}, MISSING_KEY), ({"Authorization": "Bearer nope"}, INVALID_KEY)]:
        for response in (
            http.post("/documents", files=files, headers=headers),
            http.delete("/documents/posts/tendencias-modelos-generativos.md", headers=headers),
            http.post("/ingest", headers=headers),
        ):
            assert (response.status_code, response.json()) == (401, {"detail": detail})
    assert http.get("/documents/posts/tendencias-modelos-generativos.md").status_code == 200


def test_limits_over_http(http: httpx.Client) -> None:
    long = http.post("/chat", json={"question": "¿" + "a" * 500 + "?"})
    assert (long.status_code, long.json()) == (
        422,
        {"detail": "question: too long (502 characters, the limit is 500, RAG_MAX_QUESTION_CHARS)"},
    )
    big = [("files", ("grande.txt", b"a" * (MAX_UPLOAD + 1), "text/plain"))]
    response = http.post("/documents", files=big, headers=KEY)
    assert (response.status_code, response.json()) == (
        413,
        {
            "detail": f"grande.txt: file too large (the limit is {MAX_UPLOAD} bytes, "
            "RAG_MAX_UPLOAD_BYTES)"
        },
    )


def test_ingest_job_resyncs_the_corpus(http: httpx.Client) -> None:
    started = http.post("/ingest", json={}, headers=KEY)
    assert started.status_code == 202
    job = started.json()
    deadline = time.monotonic() + 600
    while job["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, "the ingest job never finished"
        time.sleep(0.2)
        job = http.get(f"/ingest/{job['job_id']}").json()
    assert job["status"] == "done", job["error"]
    assert job["result"]["added"] == 0
    assert job["result"]["unchanged"] >= 5
    assert job["progress"]["phase"] == "done"


def test_full_queue_gets_503_while_health_and_retrieval_stay_responsive(live: LiveApi) -> None:
    from rag.answer.pipeline import AnswerPipeline

    settings = live.settings.model_copy(update={"generation_workers": 1, "generation_queue": 0})
    paused = PausedPipeline(AnswerPipeline(live.components))
    first: dict[str, Any] = {}
    with (
        serving(settings, live.components, pipeline=paused) as server,
        httpx.Client(base_url=server.url, timeout=300) as client,
    ):
        holder = threading.Thread(
            target=lambda: first.update(client.post("/chat", json={"question": QUESTION}).json())
        )
        holder.start()
        assert paused.paused.wait(120), "the first generation never started"
        hello = {"messages": [{"role": "user", "content": "hola"}]}
        refused = client.post("/v1/chat/completions", json=hello)
        assert refused.status_code == 503
        assert refused.json() == {"detail": QUEUE_FULL_MESSAGE}
        assert int(refused.headers["Retry-After"]) >= 1
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/documents").status_code == 200
        assert client.post("/retrieve", json={"question": QUESTION}).json()["passages"]
        assert "rag_generation_active 1.0" in client.get("/metrics").text
        paused.resume.set()
        holder.join(300)
        assert first["mode"] in ("generated", "extractive", "abstained")
        assert client.post("/chat", json={"question": QUESTION}).status_code == 200
