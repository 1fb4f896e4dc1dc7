"""One ingest at a time per data dir, across processes and threads.

`flock` is released by the kernel when its holder dies, even by SIGKILL, so a crashed
ingest never leaves a stale lock behind. Each acquisition opens its own file
description, so two threads of one process exclude each other too.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.errors import BackendError

LOCK_NAME = "ingest.lock"
POLL_SECONDS = 0.1


class IngestBusyError(BackendError):
    """Another ingest held the lock for longer than we were willing to wait."""


@contextmanager
def ingest_lock(
    path: Path, timeout: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        _acquire(handle.fileno(), path, timeout, on_wait)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _acquire(
    descriptor: int, path: Path, timeout: float, on_wait: Callable[[str], None] | None
) -> None:
    deadline = time.monotonic() + timeout
    waiting = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(path)
            if time.monotonic() >= deadline:
                raise IngestBusyError(
                    f"another ingest{holder} is still running after {timeout:g} s "
                    f"(lock {path}); try again when it has finished"
                ) from None
            if not waiting and on_wait is not None:
                on_wait(f"waiting for another ingest{holder} to finish")
            waiting = True
            time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
