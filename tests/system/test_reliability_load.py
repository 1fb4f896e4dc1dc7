"""A bounded load on loopback against a real `rag serve` with the real pipeline (MiniLM,
Chroma, Gemma 3 270M with short answers): 32 concurrent clients x 25 requests mixing
`/chat` (JSON and SSE), `/documents` and `/health`.

Asserted: every request is answered; the only refusals are the documented 503s of a
full generation queue, each with its exact message and `Retry-After`; every answer is
complete; the pool is idle afterwards; the server's RSS after the run is within 10% of
its RSS after a warm-up burst. Timings are measured and written to
`bench/results/load.json`, never asserted (machines are noisy).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from api.generation_pool import QUEUE_FULL_MESSAGE
from harness.servers import ServerProcess, api_server
from tests.support.documents import copy_corpus
from tests.support.ingest_jobs import ingest
from tests.support.live_api import GGUF_NAME
from tests.support.load_client import (
    Call,
    Outcome,
    figures,
    load,
    percentile,
    rss_bytes,
    server_quantile_bound_ms,
)
from tests.support.paths import CORPUS, REPO

CLIENTS = 32
REQUESTS_PER_CLIENT = 25
WARM_UP_REQUESTS_PER_CLIENT = 5
LLM_MAX_TOKENS = 48  # short answers keep the run to a minute or two on 2 cores
MAX_RSS_GROWTH = 0.10
RESULTS = REPO / "bench" / "results" / "load.json"
QUESTIONS = [
    "¿Cuánto costó el entrenamiento de GPT-4?",
    "¿Qué es la destilación de modelos?",
    "How long did the training of GPT-4 take?",
    "¿Cuántos días duró el entrenamiento de Gemini 1.0 Ultra?",
]
ANSWER_MODES = {"generated", "extractive", "abstained"}


def calls_of(client: int, count: int) -> list[Call]:
    """Every fifth request asks a question (JSON and SSE in turn); the rest list the
    documents or check liveness."""
    calls = []
    for index in range(count):
        if index % 5 == 0:
            stream = (client + index) % 2 == 1
            question = QUESTIONS[(client + index // 5) % len(QUESTIONS)]
            body = {"question": question, "stream": stream}
            calls.append(Call("chat-stream" if stream else "chat", "POST", "/chat", body))
        elif index % 5 in (1, 3):
            calls.append(Call("documents", "GET", "/documents"))
        else:
            calls.append(Call("health", "GET", "/health"))
    return calls


def problem(outcome: Outcome, documents: int) -> str | None:
    """Why `outcome` is not an allowed result, or None."""
    if outcome.status == 0:
        return f"request failed: {outcome.error}"
    if outcome.status == 503 and outcome.endpoint.startswith("chat"):
        refused = outcome.body == {"detail": QUEUE_FULL_MESSAGE}
        return None if refused and int(outcome.headers["retry-after"]) >= 1 else "bad 503"
    if outcome.status != 200:
        return f"status {outcome.status}: {outcome.body}"
    if outcome.endpoint == "health":
        return None if outcome.body == {"status": "ok"} else "bad health body"
    if outcome.endpoint == "documents":
        return None if len(outcome.body["documents"]) == documents else "documents missing"
    if outcome.endpoint == "chat":
        return None if outcome.body["mode"] in ANSWER_MODES else "bad answer"
    names = [name for name, _ in outcome.body]
    complete = names[-1] == "final" and outcome.body[-1][1]["mode"] in ANSWER_MODES
    return None if complete and "error" not in names else f"bad stream: {names[-3:]}"


def ingest_through_the_api(server: ServerProcess) -> int:
    job = ingest(server)
    assert job["status"] == "done", job["error"]
    return len(httpx.get(f"{server.url}/documents", timeout=30).json()["documents"])


def test_load_gets_only_backpressure_503s_and_no_memory_growth(
    models_dir: Path, tmp_path: Path
) -> None:
    variables = {
        "RAG_CORPUS_DIR": str(copy_corpus(tmp_path / "corpus")),
        "RAG_DATA_DIR": str(tmp_path / "data"),
        "RAG_LLM_MODEL_PATH": str(models_dir / GGUF_NAME),
        "RAG_LLM_MAX_TOKENS": str(LLM_MAX_TOKENS),
    }
    server = api_server("rag", variables, tmp_path)
    try:
        server.start()
        assert server.process is not None
        documents = ingest_through_the_api(server)
        assert documents == len([*CORPUS.glob("notes/*.md"), *CORPUS.glob("posts/*.md")])
        warm_up = load(server.url, CLIENTS, lambda n: calls_of(n, WARM_UP_REQUESTS_PER_CLIENT))
        assert [problem(o, documents) for o in warm_up] == [None] * len(warm_up)
        rss_warm = rss_bytes(server.process.pid)
        metrics_before = httpx.get(f"{server.url}/metrics", timeout=30).text

        stop_probing = tmp_path / "stop-probing"
        prober = subprocess.Popen(
            [sys.executable, "-m", "tests.support.health_prober", server.url, str(stop_probing)],
            cwd=REPO,
            stdout=subprocess.PIPE,
        )
        started = time.perf_counter()
        outcomes = load(server.url, CLIENTS, lambda n: calls_of(n, REQUESTS_PER_CLIENT))
        seconds = time.perf_counter() - started
        stop_probing.touch()
        probed = json.loads(prober.communicate(timeout=60)[0])
        rss_after = rss_bytes(server.process.pid)
        metrics = httpx.get(f"{server.url}/metrics", timeout=30).text
    finally:
        server.kill()

    report = load_report(outcomes, seconds, rss_warm, rss_after)
    report["health_probe"] = {  # one request at a time from its own process
        "requests": len(probed),
        "p50_ms": percentile(probed, 50),
        "p95_ms": percentile(probed, 95),
    }
    report["health_server_p95_ms_at_most"] = server_quantile_bound_ms(
        metrics_before, metrics, "/health", 0.95
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))

    assert len(outcomes) == CLIENTS * REQUESTS_PER_CLIENT
    problems = [(o.endpoint, problem(o, documents)) for o in outcomes if problem(o, documents)]
    assert problems == []
    answered = [o for o in outcomes if o.endpoint.startswith("chat") and o.status == 200]
    assert {o.endpoint for o in answered} == {"chat", "chat-stream"}  # not all refused
    assert "rag_generation_active 0.0" in metrics
    assert "rag_generation_queue_depth 0.0" in metrics
    assert rss_after <= rss_warm * (1 + MAX_RSS_GROWTH), report["rss"]


def load_report(
    outcomes: list[Outcome], seconds: float, rss_warm: int, rss_after: int
) -> dict[str, Any]:
    health = [o.seconds for o in outcomes if o.endpoint == "health"]
    return {
        "clients": CLIENTS,
        "requests_per_client": REQUESTS_PER_CLIENT,
        "llm_max_tokens": LLM_MAX_TOKENS,
        "cpu_count": os.cpu_count(),
        **figures(outcomes, seconds),
        "health_p95_ms_during_generation": percentile(health, 95),  # seen by the clients
        "rss": {
            "after_warm_up_mb": round(rss_warm / 2**20, 1),
            "after_run_mb": round(rss_after / 2**20, 1),
            "growth": round(rss_after / rss_warm - 1, 4),
        },
    }
