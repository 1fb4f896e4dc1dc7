"""`POST /chat` (JSON or SSE) and `POST /retrieve`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api import sse
from api.chat.chat_models import (
    ChatRequest,
    ChatResponse,
    RetrieveRequest,
    RetrieveResponse,
)
from api.deps import ChatKey, ChatServiceDep, KeyCheckedRoute
from api.errors import ErrorResponse
from rag.schema import Answer, Turn

router = APIRouter(tags=["chat"], dependencies=[ChatKey], route_class=KeyCheckedRoute)

SSE_DESCRIPTION = """With `"stream": true` the answer comes as Server-Sent Events:

* `event: token` with `{"text": "..."}`, once per generated piece;
* `event: final` with the whole response (the JSON body below), citations included.
  Its `answer` is authoritative: when the generated text is not supported by the
  passages, it is replaced by quotes (`mode: extractive`) or an abstention;
* `event: error` with `{"detail": "..."}` if generation fails mid-way.
"""

BUSY_RESPONSE: dict[int | str, dict[str, Any]] = {
    503: {
        "model": ErrorResponse,
        "description": "The generation queue is full (see `Retry-After`), or the language "
        "model or the store failed.",
    }
}


@router.post(
    "/chat",
    response_model=ChatResponse,
    summary="Answer a question with citations",
    description=SSE_DESCRIPTION,
    responses={200: {"content": {"text/event-stream": {}}}, **BUSY_RESPONSE},
)
async def chat(request: ChatRequest, service: ChatServiceDep) -> Any:
    question = service.question(
        request.question,
        history=[Turn(role=turn.role, content=turn.content) for turn in request.history],
        filters=request.filters.as_dict() if request.filters else None,
        top_k=request.top_k,
    )
    if request.stream:
        items = service.stream(question)
        return StreamingResponse(
            chat_events(items), media_type="text/event-stream", headers=sse.STREAM_HEADERS
        )
    answer = await service.answer(question)
    return answer.public()


async def chat_events(items: AsyncIterator[str | Answer]) -> AsyncIterator[str]:
    try:
        async for item in items:
            if isinstance(item, Answer):
                yield sse.event(item.public(), name="final")
            else:
                yield sse.event({"text": item}, name="token")
    except Exception as exc:
        yield sse.event({"detail": sse.error_detail(exc)}, name="error")


@router.post(
    "/retrieve",
    response_model=RetrieveResponse,
    summary="Retrieve passages without generating",
)
async def retrieve(request: RetrieveRequest, service: ChatServiceDep) -> Any:
    question = service.question(
        request.question,
        filters=request.filters.as_dict() if request.filters else None,
        top_k=request.top_k,
    )
    passages = await service.retrieve(question)
    return {"passages": [passage.public() for passage in passages]}
