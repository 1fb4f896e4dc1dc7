"""`rag ask --server` and `rag chat --server` against a real `rag serve` (the real
models, the corpus ingested through its API): the output of a local `rag ask`, without
loading a model; one line of error when the server is unreachable or wants a key.

The server protects its chat routes (RAG_API_KEY_FOR_CHAT), so every client here
either sends the key from its own RAG_API_KEY or is refused. ServerAnswers with a
scripted server: tests/unit/test_cli_remote.py."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.auth import MISSING_KEY
from harness.servers import ServerProcess, api_server, free_port
from tests.support.cli import ASK_SHAPE, LIBRARY_NOISE, answer_shape, run_rag
from tests.support.documents import copy_corpus
from tests.support.ingest_jobs import ingest
from tests.support.live_api import GGUF_NAME
from tests.support.llm import LLM_THREADS

SECRET = f"key-{uuid.uuid4().hex}"
QUESTION = "¿Cuánto costó el entrenamiento de GPT-4?"
JSON_KEYS = {"answer", "mode", "support", "citations", "passages", "timings"}


@pytest.fixture(scope="module")
def server(models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("ask-server")
    variables = {
        "RAG_CORPUS_DIR": str(copy_corpus(root / "corpus")),
        "RAG_DATA_DIR": str(root / "data"),
        "RAG_LLM_MODEL_PATH": str(models_dir / GGUF_NAME),
        "RAG_LLM_THREADS": str(LLM_THREADS),
        "RAG_API_KEY": SECRET,
        "RAG_API_KEY_FOR_CHAT": "true",
    }
    server = api_server("ask-server", variables, root)
    try:
        server.start()
        job = ingest(server, {"Authorization": f"Bearer {SECRET}"})
        assert job["status"] == "done", job
        yield server
    finally:
        server.kill()


@pytest.fixture
def client(tmp_path: Path) -> dict[str, str]:
    """A client's settings: the key, and a data dir with no model in it (the client's
    `rag` runs are lent no models: `own_models=True`)."""
    return {"RAG_DATA_DIR": str(tmp_path / "client"), "RAG_API_KEY": SECRET}


def test_ask_through_the_server_prints_what_a_local_ask_prints(
    server: ServerProcess, client: dict[str, str]
) -> None:
    shown = run_rag("ask", "--server", server.url, QUESTION, env=client, own_models=True)
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    assert re.fullmatch(ASK_SHAPE, answer_shape(shown.stdout)), shown.stdout
    assert "41 millones" in shown.stdout
    assert not Path(client["RAG_DATA_DIR"]).exists()  # nothing loaded or written here

    as_json = run_rag(
        "ask", "--server", server.url, QUESTION, "--json", env=client, own_models=True
    )
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert set(data) == JSON_KEYS
    assert data["citations"] and data["passages"] and "41 millones" in data["answer"]

    from_environment = run_rag("ask", QUESTION, env={**client, "RAG_SERVER_URL": server.url})
    assert from_environment.returncode == 0, from_environment.stderr
    assert re.fullmatch(ASK_SHAPE, answer_shape(from_environment.stdout)), from_environment.stdout
    assert from_environment.stderr == ""


def test_chat_through_the_server(server: ServerProcess, client: dict[str, str]) -> None:
    typed = f"{QUESTION}\n¿Y Gemini?\n/sources\n/exit\n"
    result = run_rag("chat", "--server", server.url, env=client, input=typed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("sources:") == 3 and "error:" not in result.stdout
    assert "«El entrenamiento de Gemini 1.0 Ultra costó 30 millones" in result.stdout


def test_a_protected_server_refuses_a_client_without_the_key(
    server: ServerProcess, tmp_path: Path
) -> None:
    keyless = {"RAG_DATA_DIR": str(tmp_path / "client")}
    for extra in ([], ["--json"]):
        result = run_rag("ask", "--server", server.url, QUESTION, *extra, env=keyless)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [f"error: {MISSING_KEY}"]
        assert result.stdout == ""


def test_an_unreachable_server_is_one_line_and_exit_1(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    for extra in ([], ["--json"]):
        result = run_rag(
            "ask", "--server", url, QUESTION, *extra, env={"RAG_DATA_DIR": str(tmp_path)}
        )
        assert result.returncode == 1
        assert result.stderr.splitlines() == [f"error: rag server unreachable at {url}"]
        assert result.stdout == ""


def test_the_server_log_has_no_library_noise(server: ServerProcess) -> None:
    """After loading, ingesting and answering (the tests above ran first)."""
    log = server.log.read_text(errors="replace")
    assert "POST /chat" in log
    assert not [line for line in log.splitlines() if LIBRARY_NOISE.search(line)]
