"""`POST /v1/chat/completions` and `GET /v1/models`, for any OpenAI client."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api import sse
from api.chat.chat_router import BUSY_RESPONSE
from api.deps import ChatKey, ChatServiceDep, KeyCheckedRoute
from api.openai_compat import openai_service
from api.openai_compat.openai_models import (
    MODEL_ID,
    CompletionRequest,
    CompletionResponse,
    ModelList,
)

router = APIRouter(prefix="/v1", tags=["openai"], route_class=KeyCheckedRoute)

STREAM_DESCRIPTION = """OpenAI-compatible. With `"stream": true`: standard
`chat.completion.chunk` events ending with `data: [DONE]`; the last chunk before
`[DONE]` carries `citations`, `mode` and `support` (and `answer`, the text to show,
when verification replaced the generated text). `max_tokens` (or
`max_completion_tokens`) and `temperature` override the server's generation settings
for this request."""


@router.post(
    "/chat/completions",
    response_model=CompletionResponse,
    dependencies=[ChatKey],
    summary="Chat completion with citations",
    description=STREAM_DESCRIPTION,
    responses={200: {"content": {"text/event-stream": {}}}, **BUSY_RESPONSE},
)
async def chat_completions(request: CompletionRequest, service: ChatServiceDep) -> Any:
    question = openai_service.question_of(request, service)
    if request.stream:
        chunks = openai_service.completion_chunks(service.stream(question), request.model)
        return StreamingResponse(chunks, media_type="text/event-stream", headers=sse.STREAM_HEADERS)
    answer = await service.answer(question)
    return openai_service.completion(answer, request.model)


@router.get("/models", response_model=ModelList, summary="The one model this server offers")
async def models() -> Any:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "rag-blog"}],
    }
