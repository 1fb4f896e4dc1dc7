"""FastAPI dependencies as `Annotated` aliases: the one place routers get their parts."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.auth import check_key
from api.chat.chat_service import ChatService
from api.contracts import AnswerPipelineLike, IngestorLike
from api.documents.documents_service import DocumentService
from api.documents.ingest_jobs import IngestJobs
from api.health.health_service import HealthService
from api.metrics import ApiMetrics
from api.state import AppState
from rag.settings import Settings

bearer = HTTPBearer(auto_error=False, description="The key in RAG_API_KEY.")


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.rag
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_settings(state: StateDep) -> Settings:
    return state.settings


def get_pipeline(state: StateDep) -> AnswerPipelineLike:
    return state.pipeline


def get_ingestor(state: StateDep) -> IngestorLike:
    return state.ingestor


def get_metrics(state: StateDep) -> ApiMetrics:
    return state.metrics


SettingsDep = Annotated[Settings, Depends(get_settings)]
PipelineDep = Annotated[AnswerPipelineLike, Depends(get_pipeline)]
IngestorDep = Annotated[IngestorLike, Depends(get_ingestor)]
MetricsDep = Annotated[ApiMetrics, Depends(get_metrics)]
CredentialsDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def get_chat_service(state: StateDep, pipeline: PipelineDep) -> ChatService:
    return ChatService(pipeline, state.pool, state.metrics, state.settings)


def get_document_service(state: StateDep, ingestor: IngestorDep) -> DocumentService:
    return DocumentService(ingestor, state.settings, state.ingest_lock)


def get_ingest_jobs(state: StateDep) -> IngestJobs:
    return state.jobs


def get_health_service(state: StateDep) -> HealthService:
    return HealthService(state.components, state.warm_up_error)


ChatServiceDep = Annotated[ChatService, Depends(get_chat_service)]
DocumentServiceDep = Annotated[DocumentService, Depends(get_document_service)]
IngestJobsDep = Annotated[IngestJobs, Depends(get_ingest_jobs)]
HealthServiceDep = Annotated[HealthService, Depends(get_health_service)]


def require_write_key(settings: SettingsDep, credentials: CredentialsDep) -> None:
    check_key(credentials.credentials if credentials else None, settings.api_key)


def require_chat_key(settings: SettingsDep, credentials: CredentialsDep) -> None:
    if settings.api_key_for_chat:
        check_key(credentials.credentials if credentials else None, settings.api_key)


WriteKey = Depends(require_write_key)
ChatKey = Depends(require_chat_key)


KEY_CHECKS = (require_write_key, require_chat_key)
KeyCheck = Callable[[Settings, HTTPAuthorizationCredentials | None], None]


def key_checks(route: APIRoute) -> list[KeyCheck]:
    """The key checks among the route's dependencies."""
    return [d.dependency for d in route.dependencies if d.dependency in KEY_CHECKS]


class KeyCheckedRoute(APIRoute):
    """Runs the route's key check before FastAPI reads the body (FastAPI parses the body
    before it solves dependencies): a client without the key gets its 401 without making
    the server parse a JSON body or spool a multipart upload to disk."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        checks = key_checks(self)
        if not checks:
            return handler

        async def key_checked(request: Request) -> Response:
            settings = get_state(request).settings
            credentials = await bearer(request)
            for check in checks:
                check(settings, credentials)
            return await handler(request)

        return key_checked
