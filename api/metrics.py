"""Prometheus metrics, one registry per app so that several apps (tests) never clash."""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag.schema import Answer

STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class ApiMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "rag_http_requests",
            "HTTP requests by route and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "rag_http_request_duration_seconds",
            "Time from request to the last byte of the response, streams included.",
            ["method", "route"],
            registry=self.registry,
            buckets=STAGE_BUCKETS,
        )
        self.stage_seconds = Histogram(
            "rag_stage_duration_seconds",
            "Time per answering stage (retrieve, generate, verify...).",
            ["stage"],
            registry=self.registry,
            buckets=STAGE_BUCKETS,
        )
        self.tokens = Counter(
            "rag_generated_tokens",
            "Text pieces streamed by the generator (one per token with llama.cpp).",
            registry=self.registry,
        )
        self.answers = Counter("rag_answers", "Answers by mode.", ["mode"], registry=self.registry)
        self.queue_depth = Gauge(
            "rag_generation_queue_depth",
            "Generation jobs admitted and waiting for a worker.",
            registry=self.registry,
        )
        self.generating = Gauge(
            "rag_generation_active", "Generation jobs running now.", registry=self.registry
        )

    def watch_pool(self, waiting: Callable[[], int], running: Callable[[], int]) -> None:
        self.queue_depth.set_function(waiting)
        self.generating.set_function(running)

    def record_answer(self, answer: Answer) -> None:
        self.answers.labels(mode=str(answer.mode)).inc()
        for key, milliseconds in answer.timings.items():  # e.g. "retrieve_ms": 35.2
            stage = key.removesuffix("_ms")
            self.stage_seconds.labels(stage=stage).observe(milliseconds / 1000.0)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Counts every request under its route template (bounded label values)."""

    def __init__(self, app: ASGIApp, metrics: ApiMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_watch)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            method = scope["method"]
            self.metrics.requests.labels(method=method, route=route, status=str(status)).inc()
            self.metrics.request_seconds.labels(method=method, route=route).observe(
                time.perf_counter() - started
            )
