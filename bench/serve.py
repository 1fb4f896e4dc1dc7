"""Serving: a real `rag serve` on loopback under 1, 4 and 16 concurrent clients.

The server runs as its own process (so its peak RSS is its own, read from /proc) on
a free 127.0.0.1 port, over corpus/ ingested into a temporary data dir, with default
settings. Every client posts corpus questions to `POST /chat` in a loop for a fixed
window; a 503 is the documented backpressure (the generation queue is full): the
client counts it, waits as `Retry-After` says (at most 1 s) and goes on. Anything else
that is not a 200 is an error.

Before the levels, every question is asked once (warm caches, as a running server has),
and the same questions are answered in-process by `AnswerPipeline` in this process,
sequentially, for the same window: the baseline for the cost of HTTP and the pool.

    .venv/bin/python bench/serve.py [--clients 1 4 16] [--window 30] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    CORPUS,
    RESULTS,
    eval_questions,
    ingest_corpus,
    machine,
    offline_environment,
    peak_rss_mb,
    print_table,
    rss_mb,
    spread,
    summary,
    target,
    targets_json,
    write_json,
)
from harness.servers import ServerProcess, api_server  # noqa: E402

offline_environment()

import httpx  # noqa: E402

CLIENTS = (1, 4, 16)
RSS_TARGET_MB = 1536.0
READY_TIMEOUT_S = 180.0
REQUEST_TIMEOUT_S = 300.0
MAX_BACKOFF_S = 1.0


@contextmanager
def server(data_dir: Path, workers: int | None) -> Iterator[ServerProcess]:
    """`rag serve` as a subprocess, ready; its log is serve.log beside the data dir."""
    settings = {"RAG_DATA_DIR": str(data_dir), "RAG_CORPUS_DIR": str(CORPUS)}
    if workers is not None:
        settings["RAG_GENERATION_WORKERS"] = str(workers)
    process = api_server("serve", settings, data_dir.parent)
    try:
        yield process.start(READY_TIMEOUT_S)
    finally:
        process.kill()


@dataclass
class Tally:
    """One level's results. Clients take questions from one shared sequence, so every
    level answers the same questions in the same order, whatever its concurrency."""

    questions: list[str]
    latencies_s: list[float] = field(default_factory=list)
    backpressure: int = 0
    errors: list[str] = field(default_factory=list)
    last_done: float = 0.0
    asked: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_question(self) -> str:
        with self.lock:
            self.asked += 1
            return self.questions[(self.asked - 1) % len(self.questions)]


def client_loop(url: str, deadline: float, tally: Tally) -> None:
    with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
        while time.perf_counter() < deadline:
            question = tally.next_question()
            started = time.perf_counter()
            try:
                response = http.post("/chat", json={"question": question})
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.errors.append(type(exc).__name__)
                continue
            done = time.perf_counter()
            with tally.lock:
                if response.status_code == 200:
                    tally.latencies_s.append(done - started)
                    tally.last_done = done
                elif response.status_code == 503:
                    tally.backpressure += 1
                else:
                    tally.errors.append(f"{response.status_code} {response.text[:80]}")
            if response.status_code == 503:
                retry_after = float(response.headers.get("Retry-After", "1"))
                time.sleep(min(retry_after, MAX_BACKOFF_S))


def level(url: str, questions: list[str], clients: int, window_s: float) -> dict[str, Any]:
    tally = Tally(questions)
    started = time.perf_counter()
    deadline = started + window_s
    threads = [
        threading.Thread(target=client_loop, args=(url, deadline, tally)) for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = max(tally.last_done, deadline) - started
    return {
        "clients": clients,
        "answers": len(tally.latencies_s),
        "seconds": round(elapsed, 2),
        "throughput_per_s": round(len(tally.latencies_s) / elapsed, 3),
        "latency_s": summary(tally.latencies_s, 3),
        "backpressure_503": tally.backpressure,
        "errors": len(tally.errors),
        "error_samples": tally.errors[:5],
    }


def in_process_baseline(data_dir: Path, questions: list[str], window_s: float) -> dict[str, Any]:
    """The same questions through `AnswerPipeline` in this process, one at a time."""
    from rag.answer.pipeline import AnswerPipeline
    from rag.components import Components

    pipeline = AnswerPipeline(Components(ingest_corpus(data_dir)))
    pipeline.answer(questions[-1])  # loads the models
    latencies: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() < started + window_s:
        begun = time.perf_counter()
        pipeline.answer(questions[len(latencies) % len(questions)])
        latencies.append(time.perf_counter() - begun)
    elapsed = time.perf_counter() - started
    return {
        "answers": len(latencies),
        "seconds": round(elapsed, 2),
        "throughput_per_s": round(len(latencies) / elapsed, 3),
        "latency_s": summary(latencies, 3),
    }


def measure(
    data_dir: Path, clients: list[int], window_s: float, count: int, workers: int | None
) -> dict[str, Any]:
    ingest_corpus(data_dir)
    questions = [q["question"] for q in spread(eval_questions(), count)]
    with server(data_dir, workers) as api:
        assert api.process is not None
        url, pid = api.url, api.process.pid
        rss_ready = rss_mb(pid)
        with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
            for question in questions:  # warm caches, as a running server has them
                http.post("/chat", json={"question": question}).raise_for_status()
        baseline = in_process_baseline(data_dir, questions, window_s)
        levels = [level(url, questions, n, window_s) for n in clients]
        memory = {"rss_ready_mb": round(rss_ready, 1), "peak_rss_mb": round(peak_rss_mb(pid), 1)}
    return {
        "questions": len(questions),
        "generation_workers": workers or "default",
        "in_process": baseline,
        "levels": levels,
        **memory,
    }


def serve_targets(result: dict[str, Any]) -> list[Any]:
    by_clients = {lv["clients"]: lv for lv in result["levels"]}
    found = [
        target(
            "serve: errors beyond 503 backpressure",
            sum(lv["errors"] for lv in result["levels"]),
            "<=",
            0,
        ),
        target("serve: server peak RSS", result["peak_rss_mb"], "<=", RSS_TARGET_MB, "MB"),
    ]
    if 1 in by_clients and 4 in by_clients:
        ratio = by_clients[4]["throughput_per_s"] / by_clients[1]["throughput_per_s"]
        found.append(target("serve: throughput 4 clients / 1 client", ratio, ">=", 1.0))
    return found


def print_report(result: dict[str, Any]) -> None:
    base = result["in_process"]
    rows = [
        [
            "in-process, sequential",
            base["throughput_per_s"],
            base["latency_s"]["p50"],
            base["latency_s"]["p95"],
            base["answers"],
            "-",
            "-",
        ]
    ]
    for lv in result["levels"]:
        latency = lv["latency_s"]
        rows.append(
            [
                f"HTTP, {lv['clients']} client(s)",
                lv["throughput_per_s"],
                latency.get("p50"),
                latency.get("p95"),
                lv["answers"],
                lv["backpressure_503"],
                lv["errors"],
            ]
        )
    headers = ["load", "answers/s", "p50 s", "p95 s", "answers", "503", "errors"]
    print_table(headers, rows)
    print(f"server RSS when ready {result['rss_ready_mb']} MB, peak {result['peak_rss_mb']} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=list(CLIENTS))
    parser.add_argument("--window", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--workers", type=int, help="RAG_GENERATION_WORKERS (default: unset)")
    parser.add_argument("--data-dir", type=Path, help="reuse (or create) this data dir")
    parser.add_argument("--out", type=Path, default=RESULTS / "serve.json")
    args = parser.parse_args()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        result = measure(data_dir, args.clients, args.window, args.questions, args.workers)
    write_json(
        args.out, {"machine": info, **result, "targets": targets_json(serve_targets(result))}
    )
    print_report(result)


if __name__ == "__main__":
    main()
