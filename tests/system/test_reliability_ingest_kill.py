"""SIGKILL a real `rag serve` while an ingest it started through the API is writing,
restart it, ingest again through the API, and compare with a clean ingest of the same
files: the same chunk ids, texts and metadata (so no duplicate and nothing lost), the
same catalogue, and Chroma, the records and the BM25 index agreeing.

One kill lands at a named fault point (chunks written to Chroma, their records not
yet); the other comes from outside, at whatever point the embedding has reached.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from harness.servers import ServerProcess, api_server
from ingest import faults
from ingest.sync import Ingestor
from rag.embedder import Embedder
from tests.support.documents import copy_corpus, generated_corpus
from tests.support.ingest_checks import SMALL_CHUNKS, open_components, snapshot
from tests.support.ingest_jobs import JOB_TIMEOUT_S, ingest, ingest_job, start_ingest
from tests.support.live_api import API_KEY, GGUF_NAME

KEY = {"Authorization": f"Bearer {API_KEY}"}
GENERATED_DOCUMENTS = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = copy_corpus(tmp_path_factory.mktemp("kill-corpus") / "corpus")
    generated_corpus(corpus / "generado", GENERATED_DOCUMENTS)
    return corpus


@pytest.fixture(scope="module")
def clean(corpus: Path, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Any:
    components = open_components(tmp_path_factory.mktemp("kill-clean") / "data", corpus, embedder)
    assert Ingestor(components).sync().errors == []
    return snapshot(components)


def server_variables(corpus: Path, data_dir: Path, models_dir: Path) -> dict[str, str]:
    return {
        "RAG_CORPUS_DIR": str(corpus),
        "RAG_DATA_DIR": str(data_dir),
        "RAG_LLM_MODEL_PATH": str(models_dir / GGUF_NAME),
        "RAG_API_KEY": API_KEY,
        "RAG_CHUNK_TOKENS": str(SMALL_CHUNKS["chunk_tokens"]),
        "RAG_CHUNK_OVERLAP_TOKENS": str(SMALL_CHUNKS["chunk_overlap_tokens"]),
    }


def kill_mid_embedding(server: ServerProcess, job_id: str) -> dict[str, Any]:
    """SIGKILL once some chunks are embedded and written; the job's progress then."""
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while True:
        job = ingest_job(server, job_id)
        assert job["status"] in ("queued", "running"), job
        progress = job["progress"]
        if progress.get("phase") == "ingesting" and progress.get("chunks_done", 0) > 0:
            server.kill()
            assert server.process is not None and server.process.returncode == -signal.SIGKILL
            return job
        assert time.monotonic() < deadline, "the ingest never reached its embedding phase"
        time.sleep(0.02)


@pytest.mark.parametrize("kill", ["fault point after a Chroma write", "SIGKILL mid-embedding"])
def test_sigkill_during_an_api_ingest_then_reingest_equals_a_clean_ingest(
    kill: str,
    corpus: Path,
    clean: dict[str, Any],
    embedder: Embedder,
    models_dir: Path,
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    variables = server_variables(corpus, data_dir, models_dir)
    if kill.startswith("fault point"):
        variables[faults.FAULT_ENV] = faults.AFTER_CHROMA_WRITE
    server = api_server("rag", variables, tmp_path)
    try:
        server.start()
        job_id = start_ingest(server, KEY)
        if faults.FAULT_ENV in variables:
            assert server.process is not None
            assert server.process.wait(JOB_TIMEOUT_S) == -signal.SIGKILL
        else:
            progress = kill_mid_embedding(server, job_id)["progress"]
            assert progress["chunks_done"] < len(clean["chunks"])  # killed half-way

        server.env.pop(faults.FAULT_ENV, None)
        server.start()  # the same data dir and port
        job = ingest(server, KEY)
        assert job["status"] == "done", job["error"]
        assert job["result"]["errors"] == []
        listed = httpx.get(f"{server.url}/documents", timeout=30).json()["documents"]
    finally:
        server.kill()

    recovered = snapshot(open_components(data_dir, corpus, embedder))  # the server has exited
    assert recovered["catalogue"] == clean["catalogue"]
    assert recovered["chunks"] == clean["chunks"]
    assert {d["source"]: d["chunks"] for d in listed} == {
        source: chunks for source, _, _, _, chunks, _ in clean["catalogue"]
    }
