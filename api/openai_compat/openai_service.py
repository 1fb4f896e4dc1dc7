"""Map OpenAI chat requests onto the answering pipeline and back."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Any

from api import sse
from api.chat.chat_service import ChatService
from api.openai_compat.openai_models import (
    CompletionRequest,
    MessageIn,
    chunk,
)
from rag.answer.question_limits import LimitError
from rag.schema import Answer, Question, Turn

LAST_MESSAGE_NOT_USER = "messages: the last message must have role 'user'"
DONE = "[DONE]"


def question_of(request: CompletionRequest, chat: ChatService) -> Question:
    """The last user message is the question; earlier user and assistant messages are
    the history. System prompts are ignored: the pipeline has its own. The question
    limits are those of `/chat`, with the same messages."""
    *earlier, last = request.messages
    if last.role != "user":
        raise LimitError(LAST_MESSAGE_NOT_USER)
    question = chat.question(last.text(), history=history_of(earlier))
    question.max_tokens = request.max_completion_tokens or request.max_tokens
    question.temperature = request.temperature
    return question


def history_of(messages: list[MessageIn]) -> list[Turn]:
    return [
        Turn(role=message.role, content=message.text())
        for message in messages
        if message.role in ("user", "assistant")
    ]


def rag_fields(answer: Answer) -> dict[str, Any]:
    """The extra top-level fields: what the answer rests on."""
    return {
        "citations": [asdict(citation) for citation in answer.citations],
        "mode": str(answer.mode),
        "support": round(answer.support, 4),
    }


def completion(answer: Answer, model: str) -> dict[str, Any]:
    return {
        "id": new_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.answer},
                "finish_reason": "stop",
            }
        ],
        **rag_fields(answer),
    }


def new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


async def completion_chunks(items: AsyncIterator[str | Answer], model: str) -> AsyncIterator[str]:
    """`chat.completion.chunk` events: the role, the text pieces, then a last chunk with
    `finish_reason` and the citations, then `[DONE]`.

    When verification replaced the generated text (quotes or abstention), the last
    chunk's `answer` field holds the text to show instead of the streamed pieces.
    """
    completion_id, created = new_id(), int(time.time())
    yield sse.event(chunk(completion_id, created, model, {"role": "assistant", "content": ""}))
    streamed: list[str] = []
    try:
        async for item in items:
            if isinstance(item, Answer):
                last = chunk(completion_id, created, model, {}, finish_reason="stop")
                last.update(rag_fields(item))
                if item.answer != "".join(streamed):
                    last["answer"] = item.answer
                yield sse.event(last)
            else:
                streamed.append(item)
                yield sse.event(chunk(completion_id, created, model, {"content": item}))
    except Exception as exc:
        yield sse.event({"error": {"message": sse.error_detail(exc), "type": "server_error"}})
    yield sse.event(DONE)
