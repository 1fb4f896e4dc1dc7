"""An ingest through a running `rag serve`'s API (`POST /ingest`), waited for."""

from __future__ import annotations

import time
from typing import Any

import httpx

from harness.servers import ServerProcess

JOB_TIMEOUT_S = 600.0


def start_ingest(api: ServerProcess, headers: dict[str, str] | None = None) -> str:
    """`POST /ingest` on a `rag serve`; the job's id."""
    started = httpx.post(f"{api.url}/ingest", json={}, headers=headers, timeout=30)
    assert started.status_code == 202, started.text
    return str(started.json()["job_id"])


def ingest_job(api: ServerProcess, job_id: str) -> dict[str, Any]:
    job: dict[str, Any] = httpx.get(f"{api.url}/ingest/{job_id}", timeout=30).json()
    return job


def finished_job(api: ServerProcess, job_id: str) -> dict[str, Any]:
    """The job once it is neither queued nor running."""
    deadline = time.monotonic() + JOB_TIMEOUT_S
    job = ingest_job(api, job_id)
    while job["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, "the ingest job never finished"
        time.sleep(0.2)
        job = ingest_job(api, job_id)
    return job


def ingest(api: ServerProcess, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """An ingest through the API, waited for; the finished job."""
    return finished_job(api, start_ingest(api, headers))
