"""Corpus re-syncs as background jobs, one at a time, with progress kept in memory."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import UTC, datetime
from typing import Any

from api.contracts import IngestorLike
from rag.errors import NotFoundError, RagError

KEEP_JOBS = 50


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class IngestJob:
    job_id: str
    dry_run: bool
    status: str = "queued"  # queued, running, done, failed
    created_at: str = field(default_factory=now)
    started_at: str | None = None
    finished_at: str | None = None
    progress: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] | None = None
    error: str | None = None

    def public(self) -> dict[str, Any]:
        return dict(self.__dict__)


class IngestJobs:
    def __init__(self, ingestor: Callable[[], IngestorLike], ingest_lock: threading.Lock) -> None:
        self._ingestor = ingestor
        self._ingest_lock = ingest_lock
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, dry_run: bool = False) -> IngestJob:
        job = IngestJob(job_id=uuid.uuid4().hex[:16], dry_run=dry_run)
        with self._lock:
            self._jobs[job.job_id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        self._executor.submit(self._run, job)
        return job

    def get(self, job_id: str) -> IngestJob:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"ingest job not found: {job_id}")
        return job

    def _run(self, job: IngestJob) -> None:
        job.status, job.started_at = "running", now()
        try:
            with self._ingest_lock:
                report = self._ingestor().sync(dry_run=job.dry_run, progress=progress_recorder(job))
            job.result, job.status = report.public(), "done"
        except RagError as exc:
            job.error, job.status = str(exc), "failed"
        except Exception as exc:
            job.error, job.status = f"internal error: {type(exc).__name__}", "failed"
        finally:
            job.finished_at = now()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def progress_recorder(job: IngestJob) -> Callable[[Any], None]:
    """Keep the ingestor's latest progress report (a dataclass) as plain JSON values."""

    def record(update: Any) -> None:
        if is_dataclass(update) and not isinstance(update, type):
            job.progress = asdict(update)

    return record
