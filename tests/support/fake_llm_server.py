"""A stand-in for an OpenAI-compatible language model server (`RAG_LLM_URL`) whose
failure the test chooses: the real `OpenAIServerGenerator` talks to it over loopback,
so a timeout or a dropped stream travels the same path as with llama.cpp's server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from enum import StrEnum

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response, StreamingResponse

PIECES = ["El entrenamiento", " de GPT-4", " costó 41 millones", " de dólares."]
HANG_S = 30.0  # far beyond the generator's timeout in the tests


class LlmMode(StrEnum):
    OK = "ok"  # streams every piece, then [DONE]
    HANG = "hang"  # streams two pieces, then stalls: the generator's read times out
    DROP = "drop"  # streams two pieces, then ends the stream without [DONE]
    ERROR = "error"  # answers 500 before any piece


class LlmStub:
    def __init__(self) -> None:
        self.mode = LlmMode.OK
        self.requests = 0

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v1/completions")
        async def completions() -> Response:
            self.requests += 1
            if self.mode is LlmMode.ERROR:
                return JSONResponse({"error": "model crashed"}, status_code=500)
            return StreamingResponse(self._events(self.mode), media_type="text/event-stream")

        return app

    async def _events(self, mode: LlmMode) -> AsyncIterator[str]:
        shown = PIECES if mode is LlmMode.OK else PIECES[:2]
        for piece in shown:
            yield f"data: {json.dumps({'choices': [{'text': piece, 'index': 0}]})}\n\n"
        if mode is LlmMode.HANG:
            await asyncio.sleep(HANG_S)
        if mode is LlmMode.OK:
            yield "data: [DONE]\n\n"
