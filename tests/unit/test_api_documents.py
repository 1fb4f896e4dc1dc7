"""Unit tier: uploads, the document catalogue and ingest jobs, with a fake ingestor."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from api.auth import INVALID_KEY, MISSING_KEY
from api.documents.uploads import UploadNameError, safe_filename
from tests.support.fake_api import fake_app

KEY = {"Authorization": "Bearer s3cret"}


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("notas.md", "notas.md"),
        ("../../etc/evil.md", "evil.md"),
        ("..\\..\\win\\evil.txt", "evil.txt"),
        (".hidden.md", "hidden.md"),
        ("a\x00b.md", "ab.md"),
        ("mi informe (v2).PDF", "mi_informe_v2.pdf"),
        ("Año_niño.md", "Año_niño.md"),
        ("x" * 300 + ".md", "x" * 117 + ".md"),
    ],
)
def test_safe_filename(given: str, safe: str) -> None:
    assert safe_filename(given) == safe


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("..", "'..': invalid file name"),
        ("/", "'/': invalid file name"),
        ("\x00.md", "'?.md': invalid file name"),
        ("foto.png", "'foto.png': unsupported file type .png, use one of "),
        ("README", "'README': unsupported file type (none), use one of "),
    ],
)
def test_unsafe_filenames_are_refused(given: str, message: str) -> None:
    with pytest.raises(UploadNameError) as caught:
        safe_filename(given)
    assert str(caught.value).startswith(message)


def test_upload_saves_under_uploads_with_safe_names_and_reports_each_file(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    files = [
        ("files", ("../../escape.md", b"# Escape\nTexto.", "text/markdown")),
        ("files", (".oculto.txt", b"Texto oculto.", "text/plain")),
        ("files", ("foto.png", b"\x89PNG", "image/png")),
        ("files", ("roto.md", b"BROKEN", "text/markdown")),
    ]
    response = built.client().post("/documents", files=files)
    assert response.status_code == 200
    results = response.json()["files"]
    assert [(r["filename"], r["source"], r["status"]) for r in results] == [
        ("../../escape.md", "uploads/escape.md", "added"),
        (".oculto.txt", "uploads/oculto.txt", "added"),
        ("foto.png", None, "error"),
        ("roto.md", "uploads/roto.md", "error"),
    ]
    assert results[3]["error"] == "cannot parse"
    uploads = built.settings.corpus_dir / "uploads"
    assert sorted(p.name for p in uploads.iterdir()) == ["escape.md", "oculto.txt"]
    assert not (tmp_path / "escape.md").exists()
    assert built.ingestor.syncs == [
        [uploads / "escape.md", uploads / "oculto.txt", uploads / "roto.md"]
    ]


def test_uploading_again_reports_unchanged_then_updated(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()

    def upload(content: bytes) -> str:
        files = [("files", ("nota.md", content, "text/markdown"))]
        return str(client.post("/documents", files=files).json()["files"][0]["status"])

    assert [upload(b"uno"), upload(b"uno"), upload(b"dos")] == ["added", "unchanged", "updated"]


def test_upload_limits(tmp_path: Path) -> None:
    built = fake_app(tmp_path, max_upload_bytes=10, max_files_per_request=2)
    client = built.client()
    big = client.post("/documents", files=[("files", ("big.md", b"x" * 11, "text/markdown"))])
    assert big.status_code == 413
    assert big.json() == {
        "detail": "big.md: file too large (the limit is 10 bytes, RAG_MAX_UPLOAD_BYTES)"
    }
    three = [("files", (f"{n}.md", b"x", "text/markdown")) for n in range(3)]
    many = client.post("/documents", files=three)
    assert many.status_code == 422
    assert many.json() == {
        "detail": "files: too many (3, the limit is 2 per request, RAG_MAX_FILES_PER_REQUEST)"
    }
    assert not (built.settings.corpus_dir / "uploads").exists()  # nothing saved
    assert client.post("/documents").json() == {"detail": "files: field required"}


def test_list_show_and_delete_documents(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    client = built.client()
    client.post("/documents", files=[("files", ("a.md", b"# A\nUno.", "text/markdown"))])
    listed = client.get("/documents").json()["documents"]
    assert [d["source"] for d in listed] == ["uploads/a.md"]
    assert set(listed[0]) == {
        "source", "title", "lang", "doc_hash", "chunks", "size_bytes", "ingested_at", "updated_at"
    }  # fmt: skip
    shown = client.get("/documents/uploads/a.md").json()
    assert shown["text"] == "# A\nUno."
    deleted = client.delete("/documents/uploads/a.md")
    assert deleted.json() == {"source": "uploads/a.md", "chunks_deleted": 1, "file_deleted": True}
    assert not (built.settings.corpus_dir / "uploads" / "a.md").exists()
    assert client.get("/documents").json() == {"documents": []}
    gone = client.get("/documents/uploads/a.md")
    assert (gone.status_code, gone.json()) == (404, {"detail": "document not found: uploads/a.md"})
    assert client.delete("/documents/uploads/a.md").status_code == 404


def test_deleting_a_corpus_file_keeps_the_file(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    post = built.settings.corpus_dir / "posts" / "p.md"
    post.parent.mkdir()
    post.write_text("# P\nTexto.")
    built.ingestor.sync()
    response = built.client().delete("/documents/posts/p.md")
    assert response.json() == {"source": "posts/p.md", "chunks_deleted": 1, "file_deleted": False}
    assert post.exists()


def test_ingest_job_runs_in_the_background_and_reports(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    (built.settings.corpus_dir / "uno.md").write_text("# Uno")
    client = built.client()
    started = client.post("/ingest", json={"dry_run": False})
    assert started.status_code == 202
    job_id = started.json()["job_id"]
    job = started.json()
    deadline = time.monotonic() + 30
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.02)
        job = client.get(f"/ingest/{job_id}").json()
    assert job["status"] == "done"
    assert job["result"]["added"] == 1
    assert job["result"]["documents"] == {"uno.md": "added"}
    assert job["progress"]["files_done"] == job["progress"]["files_total"] == 1
    assert client.post("/ingest").status_code == 202  # the body is optional
    missing = client.get("/ingest/nope")
    assert (missing.status_code, missing.json()) == (404, {"detail": "ingest job not found: nope"})


def test_write_endpoints_need_the_key_when_one_is_set(tmp_path: Path) -> None:
    client = fake_app(tmp_path, api_key="s3cret").client()
    upload = [("files", ("a.md", b"# A", "text/markdown"))]
    calls = [
        lambda headers: client.post("/documents", files=upload, headers=headers),
        lambda headers: client.delete("/documents/uploads/a.md", headers=headers),
        lambda headers: client.post("/ingest", headers=headers),
    ]
    for call in calls:
        missing = call({})
        assert (missing.status_code, missing.json()) == (401, {"detail": MISSING_KEY})
        basic = call({"Authorization": "Basic czNjcmV0"})
        assert (basic.status_code, basic.json()) == (401, {"detail": MISSING_KEY})
        wrong = call({"Authorization": "Bearer s3cre"})
        assert (wrong.status_code, wrong.json()) == (401, {"detail": INVALID_KEY})
        assert call(KEY).status_code in (200, 202)
    assert client.get("/documents").status_code == 200  # reading stays open
