"""How many CPUs are free for this process's compute, from Linux's /proc.

llama.cpp's and torch's threads wait for each other at every step, so one thread
descheduled by other work stalls them all: on 2 idle cores two threads are almost
twice as fast as one, and with a busy core two are slower than one
(docs/performance.md, bench/llm_threads.py). Both choose their threads from here.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# /proc/stat columns after the CPU name; a core is busy in all but idle and iowait.
# Steal is time the hypervisor gave our virtual core to someone else: busy for us.
_IDLE_COLUMNS = {3, 4}
# /proc/self/stat fields after the ")" that ends the command name: utime, stime.
_OWN_TIME_FIELDS = (11, 12)


def allowed_cpus() -> set[int]:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return set(os.sched_getaffinity(0))
    return set(range(os.cpu_count() or 1))


def default_threads() -> int:
    """Half the CPUs: the thread count where other work cannot be measured (no /proc),
    safe on busy cores and leaving room for the rest of the process."""
    return max(1, len(allowed_cpus()) // 2)


@dataclass(frozen=True)
class _Reading:
    at: float
    busy_ticks: int
    own_ticks: int


class OtherCpuUse:
    """Cores' worth of CPU time that other processes used on the allowed CPUs,
    averaged since the previous reading, once that is at least `min_window_s` old
    (sooner, the previous average is returned). None where /proc is not readable."""

    def __init__(
        self,
        min_window_s: float = 0.5,
        proc: Path = Path("/proc"),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._proc = proc
        self._clock = clock
        self._cpu_names = {f"cpu{number}" for number in allowed_cpus()}
        self._ticks_per_s = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self._min_window_s = min_window_s
        self._lock = threading.Lock()
        self._last = self._read()
        self._cores: float | None = None if self._last is None else 0.0

    def cores(self) -> float | None:
        with self._lock:
            if self._last is None or self._clock() - self._last.at < self._min_window_s:
                return self._cores
            now = self._read()
            if now is None:
                return None
            own = now.own_ticks - self._last.own_ticks
            others = now.busy_ticks - self._last.busy_ticks - own
            self._cores = max(0.0, others / self._ticks_per_s / (now.at - self._last.at))
            self._last = now
            return self._cores

    def _read(self) -> _Reading | None:
        try:
            stat = (self._proc / "stat").read_text()
            own = (self._proc / "self" / "stat").read_text()
        except OSError:
            return None
        busy = 0
        for line in stat.splitlines():
            name, *columns = line.split()
            if name in self._cpu_names:
                busy += sum(
                    int(value) for i, value in enumerate(columns[:8]) if i not in _IDLE_COLUMNS
                )
        own_fields = own.rsplit(")", 1)[1].split()
        own_ticks = sum(int(own_fields[i]) for i in _OWN_TIME_FIELDS)
        return _Reading(self._clock(), busy, own_ticks)


class CpuBudget:
    """Threads for the next stretch of compute: the allowed CPUs, less those other
    processes keep at least half busy, less the threads this process's long-running
    compute (a generation) holds; at least one. None when the load is unknown."""

    def __init__(self, load: OtherCpuUse | None = None) -> None:
        self._load = load or OtherCpuUse()
        self._cpus = len(allowed_cpus())
        self._holders: list[Callable[[], int]] = []
        self._lock = threading.Lock()

    def threads(self, own: int = 0) -> int | None:
        """Free threads for a caller that already holds `own` of them."""
        other_cores = self._load.cores()
        if other_cores is None:
            return None
        with self._lock:
            held = sum(holder() for holder in self._holders) - own
        return max(1, self._cpus - math.floor(other_cores + 0.5) - held)

    @contextmanager
    def holding(self, threads: Callable[[], int]) -> Iterator[None]:
        """Count `threads()` as taken by this process while the block runs."""
        with self._lock:
            self._holders.append(threads)
        try:
            yield
        finally:
            with self._lock:
                self._holders.remove(threads)


@cache
def process_budget() -> CpuBudget:
    """The one budget of this process, shared by the generator and the embedder."""
    return CpuBudget()
