"""Bad input against a real uvicorn serving real components (MiniLM, Chroma in a
temporary dir, the ingested corpus): one table, every case answered with an exact
status and message, the server still up afterwards and the store unchanged, except for
the uploads that are legitimately accepted (under a safe name, in `uploads/`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth import INVALID_KEY, MISSING_KEY
from api.errors import NOT_A_FILE
from rag.components import Components
from tests.support.documents import make_pdf
from tests.support.live_api import API_KEY, LiveApi, ingested_components, live_settings, serving

KEY = {"Authorization": f"Bearer {API_KEY}"}
MAX_UPLOAD = 200_000
MAX_FILES = 3
JSON_LIMIT = 1_300_576  # api.body_limit: 1 MiB + 6 bytes x 2000 characters x 21 messages
EXISTING = "posts/tendencias-modelos-generativos.md"
NOTE = b"# Nota\n\nUna nota breve sobre el observatorio de Albacete.\n"
HTML_WITH_SCRIPT = """<!doctype html><html><head><title>Observatorio Pelícano</title>
<script>document.title = 'HACKED'</script></head><body><article>
<h1>Observatorio Pelícano</h1>
<p>El observatorio Pelícano registró 4217 estrellas variables en su primer año.</p>
<script>window.__injected = 'HACKED'; alert(1)</script>
<p onclick="alert(2)">Sus telescopios observan el cielo del sur desde 2400 metros.</p>
</article></body></html>""".encode()

Send = Callable[[httpx.Client], httpx.Response]


@dataclass(frozen=True)
class Case:
    name: str
    send: Send
    status: int
    body: dict[str, Any]
    added: tuple[str, ...] = ()  # documents a legitimately accepted upload adds
    check: Callable[[httpx.Client], None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class StoreState:
    documents: dict[str, tuple[str, int]]  # source -> (doc_hash, chunks)
    chunks: int
    files: frozenset[str]  # every file under the server's root, outside its data dir


def post_json(path: str, payload: Any) -> Send:
    return lambda http: http.post(path, json=payload)


def post_bytes(path: str, content: bytes, content_type: str = "application/json") -> Send:
    return lambda http: http.post(path, content=content, headers={"Content-Type": content_type})


def upload(*files: tuple[str, bytes], headers: dict[str, str] = KEY) -> Send:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
    return lambda http: http.post("/documents", files=parts, headers=headers)


def upload_raw_part(disposition: bytes, content: bytes = NOTE) -> Send:
    """One multipart part written by hand: file names httpx would escape or drop."""
    body = (
        b"--XyZ\r\nContent-Disposition: form-data; " + disposition + b"\r\n"
        b"Content-Type: text/markdown\r\n\r\n" + content + b"\r\n--XyZ--\r\n"
    )
    headers = {"Content-Type": "multipart/form-data; boundary=XyZ", **KEY}
    return lambda http: http.post("/documents", content=body, headers=headers)


def detail(message: str) -> dict[str, Any]:
    return {"detail": message}


def files_result(
    filename: str, source: str | None, status: str, error: str | None = None
) -> dict[str, Any]:
    return {"files": [{"filename": filename, "source": source, "status": status, "error": error}]}


def user_turn(content: str) -> dict[str, str]:
    return {"role": "user", "content": content}


def history(turns: int) -> list[dict[str, str]]:
    return [{"role": ("user", "assistant")[i % 2], "content": "hola"} for i in range(turns)]


def html_text_has_no_script(http: httpx.Client) -> None:
    text = http.get("/documents/uploads/pagina.html").json()["text"]
    assert "4217 estrellas variables" in text and "2400 metros" in text
    for script in ("<script", "HACKED", "alert(", "__injected", "onclick"):
        assert script not in text


def too_long(characters: int) -> str:
    return (
        f"question: too long ({characters} characters, the limit is 2000, RAG_MAX_QUESTION_CHARS)"
    )


CASES = [
    Case("empty question", post_json("/chat", {"question": ""}), 422,
         detail("question: must not be empty")),
    Case("whitespace question", post_json("/chat", {"question": " \n\t "}), 422,
         detail("question: must not be empty")),
    Case("100 KB question", post_json("/chat", {"question": "a" * 100_000}), 422,
         detail(too_long(100_000))),
    Case("100 KB question, OpenAI endpoint",
         post_json("/v1/chat/completions", {"messages": [user_turn("a" * 100_000)]}),
         422, detail(too_long(100_000))),
    Case("body over the JSON size limit",
         post_bytes("/chat", b'{"question":"' + b"a" * 2_000_000 + b'"}'), 413,
         detail(f"request body too large (2000015 bytes, the limit is {JSON_LIMIT})")),
    Case("invalid UTF-8", post_bytes("/chat", b'{"question": "caf\xe9?"}'), 422,
         detail("body: not valid UTF-8 (bad byte at offset 17)")),
    Case("invalid JSON", post_bytes("/chat", b'{"question": '), 422,
         detail("body: invalid JSON")),
    Case("JSON array body", post_json("/chat", ["¿Qué es?"]), 422,
         detail("body: input should be a valid dictionary or object to extract fields from")),
    Case("question is a number", post_json("/chat", {"question": 3}), 422,
         detail("question: input should be a valid string")),
    Case("question is null", post_json("/chat", {"question": None}), 422,
         detail("question: input should be a valid string")),
    Case("stream is a word", post_json("/chat", {"question": "x", "stream": "maybe"}), 422,
         detail("stream: input should be a valid boolean")),
    Case("top_k is a string", post_json("/retrieve", {"question": "x", "top_k": "five"}), 422,
         detail("top_k: input should be a valid integer")),
    Case("unknown field", post_json("/chat", {"question": "x", "temperatura": 2}), 422,
         detail("temperatura: extra inputs are not permitted")),
    Case("unknown filter", post_json("/retrieve", {"question": "x", "filters": {"page": 1}}), 422,
         detail("filters.page: extra inputs are not permitted")),
    Case("negative top_k", post_json("/chat", {"question": "x", "top_k": -3}), 422,
         detail("top_k: input should be greater than or equal to 1")),
    Case("zero top_k", post_json("/retrieve", {"question": "x", "top_k": 0}), 422,
         detail("top_k: input should be greater than or equal to 1")),
    Case("huge top_k", post_json("/chat", {"question": "x", "top_k": 10**30}), 422,
         detail("top_k: input should be less than or equal to 50")),
    Case("history too long", post_json("/chat", {"question": "x", "history": history(21)}), 422,
         detail("history: too many messages (21, the limit is 20, RAG_MAX_HISTORY_MESSAGES)")),
    Case("history turn too long",
         post_json("/chat", {"question": "x", "history": [user_turn("a" * 2001)]}),
         422, detail("history[0].content: " + too_long(2001).removeprefix("question: "))),
    Case("history is a string", post_json("/chat", {"question": "x", "history": "hola"}), 422,
         detail("history: input should be a valid list")),
    Case("history turn without content",
         post_json("/chat", {"question": "x", "history": [{"role": "user"}]}), 422,
         detail("history[0].content: field required")),
    Case("history turn with a system role",
         post_json("/chat", {"question": "x", "history": [{"role": "system", "content": "y"}]}),
         422, detail("history[0].role: input should be 'user' or 'assistant'")),
    Case("history turn is a string", post_json("/chat", {"question": "x", "history": ["hola"]}),
         422, detail("history[0]: input should be a valid dictionary or object to extract "
                     "fields from")),
    Case("OpenAI request without messages", post_json("/v1/chat/completions", {"messages": []}),
         422, detail("messages: list should have at least 1 item after validation, not 0")),
    Case("binary file as .md", upload(("binario.md", bytes(range(256)) * 8)), 200,
         files_result("binario.md", "uploads/binario.md", "error",
                      "binary file (contains NUL bytes)")),
    Case("non-UTF-8 file as .md", upload(("latin1.md", "# Café añejo\n".encode("latin-1"))), 200,
         files_result("latin1.md", "uploads/latin1.md", "error",
                      "not valid UTF-8 (bad byte at offset 5)")),
    Case("over-size upload", upload(("grande.md", b"a" * (MAX_UPLOAD + 1))), 413,
         detail(f"grande.md: file too large (the limit is {MAX_UPLOAD} bytes, "
                "RAG_MAX_UPLOAD_BYTES)")),
    Case("many files in one request", upload(*[(f"nota-{i}.md", NOTE) for i in range(4)]), 422,
         detail("files: too many (4, the limit is 3 per request, RAG_MAX_FILES_PER_REQUEST)")),
    Case("file name with ../", upload(("../../../fuga.md", NOTE)), 200,
         files_result("../../../fuga.md", "uploads/fuga.md", "added"), added=("uploads/fuga.md",)),
    Case("absolute file name", upload(("/etc/cron.d/absoluto.md", NOTE)), 200,
         files_result("/etc/cron.d/absoluto.md", "uploads/absoluto.md", "added"),
         added=("uploads/absoluto.md",)),
    Case("Windows path file name", upload_raw_part(b'name="files"; filename="..\\\\..\\\\win.md"'),
         200, files_result("..\\..\\win.md", "uploads/win.md", "added"), added=("uploads/win.md",)),
    Case("NUL byte in file name", upload_raw_part(b'name="files"; filename="nul\x00byte.md"'), 200,
         files_result("nul\x00byte.md", "uploads/nulbyte.md", "added"),
         added=("uploads/nulbyte.md",)),
    Case("empty file name", upload_raw_part(b'name="files"; filename=""'), 200,
         files_result("", None, "error", "'': invalid file name")),
    Case("file name that is only ../", upload(("../", NOTE)), 200,
         files_result("../", None, "error", "'../': invalid file name")),
    Case("hidden file name .md", upload((".md", NOTE)), 200,
         files_result(".md", None, "error", "'.md': invalid file name")),
    Case("part without a file name", upload_raw_part(b'name="files"'), 422,
         detail(f"files[0]: {NOT_A_FILE}")),
    Case("multipart without boundary, no key (refused before parsing)",
         post_bytes("/documents", NOTE, "multipart/form-data"), 401, detail(MISSING_KEY)),
    Case("multipart without boundary",
         lambda http: http.post("/documents", content=NOTE,
                                headers={"Content-Type": "multipart/form-data", **KEY}),
         400, detail("Missing boundary in multipart.")),
    Case("invalid JSON, no key (refused before parsing)",
         post_bytes("/ingest", b"{"),
         401, detail(MISSING_KEY)),
    Case("PDF the parser cannot read", upload(("roto.pdf", make_pdf(["Hola"])[:300])), 200,
         files_result("roto.pdf", "uploads/roto.pdf", "error",
                      "corrupt PDF: Stream has ended unexpectedly")),
    Case("unsupported file type", upload(("foto.png", b"\x89PNG\r\n")), 200,
         files_result("foto.png", None, "error", "'foto.png': unsupported file type .png, use "
                      "one of .htm, .html, .markdown, .md, .pdf, .txt")),
    Case("HTML with <script>", upload(("pagina.html", HTML_WITH_SCRIPT)), 200,
         files_result("pagina.html", "uploads/pagina.html", "added"),
         added=("uploads/pagina.html",), check=html_text_has_no_script),
    Case("nonexistent document", lambda http: http.get("/documents/notes/no-existe.md"), 404,
         detail("document not found: notes/no-existe.md")),
    Case("delete a nonexistent document",
         lambda http: http.delete("/documents/notes/no-existe.md", headers=KEY), 404,
         detail("document not found: notes/no-existe.md")),
    Case("delete with a ../ id",
         lambda http: http.delete("/documents/..%2F..%2Fpyproject.toml", headers=KEY), 404,
         detail("document not found: ../../pyproject.toml")),
    Case("nonexistent ingest job", lambda http: http.get("/ingest/0000"), 404,
         detail("ingest job not found: 0000")),
    Case("delete without the API key", lambda http: http.delete(f"/documents/{EXISTING}"), 401,
         detail(MISSING_KEY)),
    Case("delete with a wrong API key",
         lambda http: http.delete(f"/documents/{EXISTING}", headers={"Authorization": "Bearer x"}),
         401, detail(INVALID_KEY)),
    Case("upload without the API key", upload(("nota.md", NOTE), headers={}), 401,
         detail(MISSING_KEY)),
]  # fmt: skip


@pytest.fixture(scope="module")
def live(
    shared_components: Components, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApi]:
    settings = live_settings(
        tmp_path_factory.mktemp("bad-input"),
        models_dir,
        api_key=API_KEY,
        max_upload_bytes=MAX_UPLOAD,
        max_files_per_request=MAX_FILES,
    )
    with serving(settings, ingested_components(settings, shared_components)) as server:
        yield server


@pytest.fixture
def http(live: LiveApi) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=120) as client:
        yield client


def store_state(live: LiveApi, http: httpx.Client) -> StoreState:
    listed = http.get("/documents").json()["documents"]
    root = live.settings.corpus_dir.parent
    data = live.settings.data_dir
    files = frozenset(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not path.is_relative_to(data)
    )
    return StoreState(
        {d["source"]: (d["doc_hash"], d["chunks"]) for d in listed},
        live.components.store.count(),
        files,
    )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gets_an_exact_answer_and_leaves_the_store_as_it_was(
    case: Case, live: LiveApi, http: httpx.Client
) -> None:
    before = store_state(live, http)
    response = case.send(http)
    assert (response.status_code, response.json()) == (case.status, case.body)
    assert http.get("/health").json() == {"status": "ok"}
    after = store_state(live, http)
    assert set(after.documents) - set(before.documents) == set(case.added)
    assert {s: after.documents[s] for s in before.documents} == before.documents
    assert after.files - before.files == {f"corpus/{source}" for source in case.added}
    assert after.files >= before.files
    if case.check is not None:
        case.check(http)
    for source in case.added:  # undo the accepted upload, so every case starts the same
        assert http.delete(f"/documents/{source}", headers=KEY).json()["file_deleted"] is True
    assert store_state(live, http) == before
