"""`python -m tests.support.health_prober URL STOP_FILE`: ask URL/health every 50 ms, one
request at a time, until STOP_FILE exists; print the latencies (s) as a JSON list.

A process of its own, so that what it measures is the server's responsiveness and not
the queueing inside a load generator busy with 32 clients."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import httpx

INTERVAL_S = 0.05


def main(url: str, stop_file: Path) -> None:
    latencies: list[float] = []
    with httpx.Client(base_url=url, timeout=30) as client:
        while not stop_file.exists():
            started = time.perf_counter()
            client.get("/health").raise_for_status()
            latencies.append(time.perf_counter() - started)
            time.sleep(INTERVAL_S)
    print(json.dumps(latencies))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
