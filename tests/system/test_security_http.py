"""Security over real HTTP: the API key on every write route, CORS, and secrets kept out
of logs and output.

The main server is a real `rag serve` configured only through `RAG_*` variables, its
stdout and stderr (uvicorn's access log included) kept in a log file. The route list and
the constant-time comparison: tests/unit/test_security_keys.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.auth import INVALID_KEY, MISSING_KEY
from harness.servers import ServerProcess, api_server
from tests.support.api_routes import CHAT_ROUTES, write_routes
from tests.support.cli import run_rag
from tests.support.documents import copy_corpus
from tests.support.fake_api import fake_app
from tests.support.ingest_jobs import ingest
from tests.support.live_api import GGUF_NAME, live_server

SECRET = f"key-{uuid.uuid4().hex}"  # distinctive, so any leak is found by a plain search
WRONG_SECRET = f"wrong-{uuid.uuid4().hex}"
KEY = {"Authorization": f"Bearer {SECRET}"}
ALLOWED_ORIGIN = "https://notas.example"
FOREIGN_ORIGIN = "https://evil.example"
WRITE_ROUTES = write_routes()


@pytest.fixture(scope="module")
def server(models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("security")
    variables = {
        "RAG_CORPUS_DIR": str(copy_corpus(root / "corpus")),
        "RAG_DATA_DIR": str(root / "data"),
        "RAG_LLM_MODEL_PATH": str(models_dir / GGUF_NAME),
        "RAG_API_KEY": SECRET,
        "RAG_CORS_ORIGINS": f'["{ALLOWED_ORIGIN}"]',
    }
    server = api_server("secured", variables, root)
    try:
        server.start()
        job = ingest(server, KEY)
        assert job["status"] == "done", job
        yield server
    finally:
        server.kill()


@pytest.fixture
def http(server: ServerProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


def documents(http: httpx.Client) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = http.get("/documents").json()["documents"]
    return listed


@pytest.mark.parametrize(("method", "path"), WRITE_ROUTES)
def test_every_write_route_needs_the_key_and_chat_routes_do_not(
    http: httpx.Client, method: str, path: str
) -> None:
    before = documents(http)
    missing = http.request(method, path, json={})
    wrong = http.request(method, path, json={}, headers={"Authorization": f"Bearer {WRONG_SECRET}"})
    if path in CHAT_ROUTES:  # the body is checked (422), so the key was not asked for
        assert missing.status_code == wrong.status_code == 422
    else:
        assert (missing.status_code, missing.json()) == (401, {"detail": MISSING_KEY})
        assert (wrong.status_code, wrong.json()) == (401, {"detail": INVALID_KEY})
        assert missing.headers["www-authenticate"] == "Bearer"
    assert documents(http) == before


@pytest.mark.parametrize(("method", "path"), WRITE_ROUTES)
def test_with_the_key_for_chat_every_write_route_needs_the_key(
    tmp_path: Path, method: str, path: str
) -> None:
    app = fake_app(tmp_path, api_key=SECRET, api_key_for_chat=True).app
    with live_server(app) as url:
        response = httpx.request(method, url + path, json={}, timeout=30)
    assert (response.status_code, response.json()) == (401, {"detail": MISSING_KEY})


def preflight(http: httpx.Client, origin: str) -> httpx.Response:
    headers = {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    return http.options("/chat", headers=headers)


def test_cors_is_closed_by_default(tmp_path: Path) -> None:
    with live_server(fake_app(tmp_path).app) as url, httpx.Client(base_url=url) as http:
        simple = http.get("/health", headers={"Origin": FOREIGN_ORIGIN})
        assert simple.status_code == 200
        assert "access-control-allow-origin" not in simple.headers
        refused = preflight(http, FOREIGN_ORIGIN)
        assert "access-control-allow-origin" not in refused.headers
        assert (refused.status_code, refused.json()) == (405, {"detail": "Method Not Allowed"})
        assert refused.headers["allow"] == "POST"


def test_rag_cors_origins_opens_cors_to_those_origins_only(http: httpx.Client) -> None:
    allowed = http.get("/health", headers={"Origin": ALLOWED_ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    granted = preflight(http, ALLOWED_ORIGIN)
    assert granted.status_code == 200
    assert granted.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "POST" in granted.headers["access-control-allow-methods"]
    foreign = http.get("/health", headers={"Origin": FOREIGN_ORIGIN})
    assert "access-control-allow-origin" not in foreign.headers
    denied = preflight(http, FOREIGN_ORIGIN)
    assert denied.status_code == 400
    assert "access-control-allow-origin" not in denied.headers


def test_the_key_never_reaches_the_logs(server: ServerProcess, http: httpx.Client) -> None:
    note = [("files", ("secreto.md", b"# Nota\n\nUna nota sobre claves.\n", "text/markdown"))]
    assert http.post("/documents", files=note, headers=KEY).status_code == 200
    assert http.delete("/documents/uploads/secreto.md", headers=KEY).status_code == 200
    assert http.post("/chat", json={"question": "¿Qué es la destilación?"}, headers=KEY).is_success
    wrong = {"Authorization": f"Bearer {WRONG_SECRET}"}
    assert http.post("/ingest", headers=wrong).status_code == 401
    assert http.get("/no-such-page", headers=KEY).status_code == 404
    assert http.post("/chat", content=b"{", headers=KEY).status_code == 422
    log = server.log.read_text(errors="replace")
    assert '"POST /documents HTTP/1.1" 200' in log  # the access log was captured
    assert '"POST /ingest HTTP/1.1" 401' in log
    assert SECRET not in log
    assert WRONG_SECRET not in log


def test_rag_config_masks_the_key() -> None:
    env = {"RAG_API_KEY": SECRET}
    plain = run_rag("config", env=env)
    assert plain.returncode == 0, plain.stderr
    assert "RAG_API_KEY=********" in plain.stdout.splitlines()
    as_json = run_rag("config", "--json", env=env)
    assert '"api_key": "********"' in as_json.stdout
    invalid = run_rag("config", env={**env, "RAG_TOP_K": "0"})
    assert invalid.returncode == 2
    for result in (plain, as_json, invalid):
        assert SECRET not in result.stdout + result.stderr
