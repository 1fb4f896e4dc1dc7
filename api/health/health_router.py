"""`/health`, `/ready` and `/metrics`."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel, Field

from api.deps import HealthServiceDep, MetricsDep
from api.errors import ErrorResponse

router = APIRouter(tags=["health"])


class HealthResponse(BaseModel):
    status: Literal["ok"]
    embedding_model: str | None = Field(
        None,
        description="Present when questions are refused because the collection was "
        "embedded with another model (or its reindex is unfinished): the one-line reason "
        "and fix, as `/chat`, `/retrieve` (409) and `/ready` (503) report it.",
    )


class ReadyResponse(BaseModel):
    status: Literal["ready"]
    checks: dict[str, bool]


@router.get(
    "/health", response_model=HealthResponse, response_model_exclude_none=True, summary="Liveness"
)
async def health(service: HealthServiceDep) -> Any:
    return {"status": "ok", "embedding_model": service.model_refusal()}


@router.get(
    "/ready",
    response_model=ReadyResponse,
    summary="Readiness: models loaded and store reachable",
    responses={
        503: {
            "model": ErrorResponse,
            "description": "Still loading or a part is down; `detail` says which.",
        }
    },
)
async def ready(service: HealthServiceDep) -> Any:
    checks = await asyncio.to_thread(service.check_ready)
    return {"status": "ready", "checks": checks}


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}},
)
async def metrics(metrics: MetricsDep) -> Response:
    return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
