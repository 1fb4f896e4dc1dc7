"""A bounded pool for blocking model calls, kept off the event loop.

Admission is decided at once: a request either gets a slot (running or waiting) or
is refused with `QueueFullError`, so an overloaded server answers 503 quickly instead
of piling up work. A slot is freed by the worker thread when the job ends, whatever
the client does; a stream whose client left is cancelled between two pieces.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
import time
from collections.abc import AsyncGenerator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar, cast

from rag.errors import BackendError

T = TypeVar("T")

QUEUE_FULL_MESSAGE = "generation queue is full: retry later"
_DONE = object()


class QueueFullError(BackendError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(QUEUE_FULL_MESSAGE)
        self.retry_after = retry_after


class GenerationPool:
    def __init__(self, workers: int, queue_size: int) -> None:
        self.workers = workers
        self.capacity = workers + queue_size
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="generate")
        self._lock = threading.Lock()
        self._admitted = 0
        self._running = 0
        self._mean_seconds = 2.0  # running estimate of one job's duration, for Retry-After

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return self._admitted - self._running

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: queued jobs times their mean duration."""
        rounds = (self._admitted + 1) / self.workers
        return max(1, min(60, math.ceil(rounds * self._mean_seconds)))

    def _admit(self) -> None:
        with self._lock:
            if self._admitted >= self.capacity:
                raise QueueFullError(self.retry_after())
            self._admitted += 1

    def _run_admitted(self, job: Callable[[], T]) -> T:
        with self._lock:
            self._running += 1
        started = time.perf_counter()
        try:
            return job()
        finally:
            elapsed = time.perf_counter() - started
            with self._lock:
                self._running -= 1
                self._admitted -= 1
                self._mean_seconds = 0.8 * self._mean_seconds + 0.2 * elapsed

    async def run(self, job: Callable[[], T]) -> T:
        """Run `job` in a worker and await its result (QueueFullError if no slot)."""
        self._admit()
        future = self._executor.submit(self._run_admitted, job)
        return await asyncio.wrap_future(future)

    def start_stream(self, produce: Callable[[], Iterator[T]]) -> StreamJob[T]:
        """Admit and start a streaming job now, so a refusal comes before any response."""
        self._admit()
        job: StreamJob[T] = StreamJob(asyncio.get_running_loop())
        self._executor.submit(self._run_admitted, lambda: job.produce(produce))
        return job

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class StreamJob(Generic[T]):
    """Items produced in a worker thread, consumed on the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._queue: asyncio.Queue[object] = asyncio.Queue()
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def produce(self, produce: Callable[[], Iterator[T]]) -> None:
        items: Iterator[T] | None = None
        try:
            if self._cancelled.is_set():  # the client left while the job was queued
                return
            items = produce()
            for item in items:
                if self._cancelled.is_set():
                    break
                self._put(item)
            self._put(_DONE)
        except BaseException as exc:
            self._put(exc)
        finally:
            close = getattr(items, "close", None)  # a generator left mid-way
            if close is not None:
                close()  # stops the generator, and with it the model

    def _put(self, item: object) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is listening
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)

    async def items(self) -> AsyncGenerator[T, None]:
        """Yield the produced items; a consumer that stops (disconnect) cancels the job."""
        try:
            while True:
                item = await self._queue.get()
                if item is _DONE:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield cast(T, item)
        finally:
            self.cancel()
