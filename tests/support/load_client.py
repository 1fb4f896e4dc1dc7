"""A bounded HTTP load on loopback: N concurrent clients, each sending its own fixed
sequence of requests, every outcome recorded (status, body check, latency)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from evaluation.metrics import percentile as interpolated_percentile
from tests.support.sse import sse_events


@dataclass(frozen=True)
class Call:
    endpoint: str  # a label: "chat", "chat-stream", "documents", "health"
    method: str
    path: str
    body: dict[str, Any] | None = None


@dataclass
class Outcome:
    endpoint: str
    status: int  # 0 when the request itself failed
    seconds: float
    body: Any = None  # decoded JSON, or the list of SSE events of a stream
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""


async def send(client: httpx.AsyncClient, call: Call) -> Outcome:
    started = time.perf_counter()
    try:
        response = await client.request(call.method, call.path, json=call.body)
        body: Any = (
            sse_events(response.text)
            if response.headers.get("content-type", "").startswith("text/event-stream")
            else response.json()
        )
        return Outcome(
            call.endpoint,
            response.status_code,
            time.perf_counter() - started,
            body,
            dict(response.headers),
        )
    except (httpx.HTTPError, json.JSONDecodeError) as exc:
        return Outcome(call.endpoint, 0, time.perf_counter() - started, error=repr(exc))


async def run_clients(
    base_url: str, clients: int, calls_of: Callable[[int], list[Call]]
) -> list[Outcome]:
    """Client `n` sends `calls_of(n)` one after the other; all clients run at once."""
    limits = httpx.Limits(max_connections=clients * 2, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=300, limits=limits) as client:

        async def one(number: int) -> list[Outcome]:
            return [await send(client, call) for call in calls_of(number)]

        per_client = await asyncio.gather(*(one(n) for n in range(clients)))
    return [outcome for outcomes in per_client for outcome in outcomes]


def load(base_url: str, clients: int, calls_of: Callable[[int], list[Call]]) -> list[Outcome]:
    return asyncio.run(run_clients(base_url, clients, calls_of))


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile of timings in seconds, in milliseconds rounded to 0.1."""
    value = interpolated_percentile(values, q)
    assert value is not None, "no timings"
    return round(value * 1000, 1)


def figures(outcomes: list[Outcome], seconds: float) -> dict[str, Any]:
    """Throughput, and per endpoint: count, statuses, p50 and p95 latency."""
    endpoints: dict[str, Any] = {}
    for name in sorted({o.endpoint for o in outcomes}):
        mine = [o for o in outcomes if o.endpoint == name]
        latencies = [o.seconds for o in mine]
        endpoints[name] = {
            "requests": len(mine),
            "statuses": dict(sorted(Counter(str(o.status) for o in mine).items())),
            "p50_ms": percentile(latencies, 50),
            "p95_ms": percentile(latencies, 95),
        }
    return {
        "requests": len(outcomes),
        "seconds": round(seconds, 2),
        "throughput_rps": round(len(outcomes) / seconds, 2),
        "endpoints": endpoints,
    }


def bucket_counts(metrics: str, route: str) -> dict[float, float]:
    """Cumulative counts of the server's request-duration histogram for `route`."""
    pattern = re.compile(
        r'^rag_http_request_duration_seconds_bucket\{le="([^"]+)",method="GET",'
        rf'route="{re.escape(route)}"\}} (\S+)$',
        re.MULTILINE,
    )
    return {float(le): float(count) for le, count in pattern.findall(metrics)}


def server_quantile_bound_ms(before: str, after: str, route: str, q: float) -> float:
    """The upper bound of the histogram bucket holding the server-side q-quantile of the
    requests to `route` between two scrapes of /metrics (no client queueing in it)."""
    start, end = bucket_counts(before, route), bucket_counts(after, route)
    counts = {le: end[le] - start.get(le, 0.0) for le in end}
    total = counts[float("inf")]
    bound = min(le for le, count in counts.items() if count >= q * total)
    return round(bound * 1000, 1)


def rss_bytes(pid: int) -> int:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
