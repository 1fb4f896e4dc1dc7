"""Answers from a running `rag serve`, in the shapes the local pipeline gives.

`rag ask --server URL` and `rag chat --server URL` use it instead of loading models:
the same stream of draft pieces and one final `Answer`, the same JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from httpx_sse import connect_sse

from rag.errors import BackendError, ConfigError
from rag.schema import Answer, AnswerMode, Citation, Passage, Question

CONNECT_TIMEOUT_S = 5.0


class ServerAnswers:
    """Asks `POST /chat` of a rag server (JSON or its SSE stream)."""

    def __init__(
        self,
        url: str,
        api_key: str | None = None,
        timeout_s: float = 120.0,
        client: httpx.Client | None = None,
    ) -> None:
        """`client` replaces the HTTP client built here (the unit tests pass the app's
        `TestClient`); the key is sent either way."""
        self.url = url.rstrip("/")
        self._client = client or httpx.Client(
            base_url=self.url,
            timeout=httpx.Timeout(timeout_s, connect=CONNECT_TIMEOUT_S),
            trust_env=False,
        )
        if api_key:
            self._client.headers["Authorization"] = f"Bearer {api_key}"

    def answer(self, question: Question) -> Answer:
        with self._unreachable_as_error():
            response = self._client.post("/chat", json=_body(question, stream=False))
        _raise_for_status(response)
        return answer_of(response.json())

    def stream(self, input: Question) -> Iterator[str | Answer]:
        question = input
        with (
            self._unreachable_as_error(),
            connect_sse(self._client, "POST", "/chat", json=_body(question, stream=True)) as events,
        ):
            if events.response.status_code != 200:
                events.response.read()
                _raise_for_status(events.response)
            for event in events.iter_sse():
                data = event.json()
                if event.event == "token":
                    yield str(data["text"])
                elif event.event == "final":
                    yield answer_of(data)
                elif event.event == "error":
                    raise BackendError(str(data.get("detail", "the server failed")))

    @contextmanager
    def _unreachable_as_error(self) -> Iterator[None]:
        """A refused, lost or timed-out connection becomes one line naming the server."""
        try:
            yield
        except httpx.TimeoutException:
            raise BackendError(f"rag server at {self.url} did not answer in time") from None
        except httpx.TransportError:
            raise BackendError(f"rag server unreachable at {self.url}") from None


def _body(question: Question, stream: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "question": question.text,
        "history": [{"role": turn.role, "content": turn.content} for turn in question.history],
        "stream": stream,
    }
    if question.top_k is not None:
        body["top_k"] = question.top_k
    return body


def _raise_for_status(response: httpx.Response) -> None:
    if response.status_code == 200:
        return
    try:
        detail = str(response.json().get("detail", ""))
    except ValueError:
        detail = ""
    detail = detail or f"HTTP {response.status_code}"
    if 400 <= response.status_code < 500:
        raise ConfigError(detail)
    raise BackendError(detail)


def answer_of(data: dict[str, Any]) -> Answer:
    """An `Answer` from its public JSON (`Answer.public()`)."""
    return Answer(
        answer=str(data["answer"]),
        mode=AnswerMode(data["mode"]),
        support=float(data["support"]),
        citations=[Citation(**citation) for citation in data.get("citations", [])],
        passages=[
            Passage(
                chunk_id=str(p["chunk_id"]),
                text=str(p["text"]),
                metadata={"source": p["source"]},
                score=float(p["score"]),
            )
            for p in data.get("passages", [])
        ],
        timings={str(k): float(v) for k, v in data.get("timings", {}).items()},
    )
