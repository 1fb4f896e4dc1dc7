"""`/health`, `/ready` and `/metrics`."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel

from api.deps import HealthServiceDep, MetricsDep
from api.errors import ErrorResponse

router = APIRouter(tags=["health"])


class HealthResponse(BaseModel):
    status: Literal["ok"]


class ReadyResponse(BaseModel):
    status: Literal["ready"]
    checks: dict[str, bool]


@router.get("/health", response_model=HealthResponse, summary="Liveness")
async def health() -> Any:
    return {"status": "ok"}


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
