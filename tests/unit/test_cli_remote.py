"""Unit tier: `rag ask --server` and `rag chat --server` (cli/remote.py) against the real
app over the scripted pipeline: the same pieces and the same `Answer` as asking in
process, and every failure as one `RagError`. Over real HTTP, with a real `rag serve`:
tests/system/test_ask_server.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import httpx
import pytest

from api.auth import MISSING_KEY
from cli.remote import ServerAnswers, answer_of
from rag.errors import BackendError, ConfigError
from rag.schema import Answer, AnswerMode, Question, Turn
from tests.support.fake_api import PIECES, FakePipeline, fake_app, scripted_answer

HISTORY = [Turn("user", "¿Cuánto costó GPT-4?"), Turn("assistant", "41 millones [1].")]
QUESTION = Question("¿Y Gemini?", history=HISTORY, top_k=3)
URL = "http://rag.test"


def answers(
    tmp_path: Path, pipeline: FakePipeline | None = None, key: str | None = None, **settings: Any
) -> ServerAnswers:
    """A client of the real app over `pipeline`, configured with `settings`."""
    client = fake_app(tmp_path, pipeline, **settings).client(base_url=URL)
    # Starlette's TestClient is httpx2's Client: the same API as httpx's.
    return ServerAnswers(URL, api_key=key, client=cast(httpx.Client, client))


@pytest.mark.parametrize(
    "answer",
    [
        scripted_answer(),
        Answer("No encontré eso en los documentos.", AnswerMode.ABSTAINED, 0.123456),
    ],
)
def test_answer_of_round_trips_the_public_json(answer: Answer) -> None:
    assert answer_of(answer.public()).public() == answer.public()


def test_an_answer_is_the_servers_with_the_question_as_asked(tmp_path: Path) -> None:
    pipeline = FakePipeline()
    got = answers(tmp_path, pipeline).answer(QUESTION)
    assert got.public() == scripted_answer().public()
    asked = pipeline.questions[-1]
    assert (asked.text, asked.history, asked.top_k) == (QUESTION.text, HISTORY, 3)


def test_a_stream_is_the_pieces_then_the_answer(tmp_path: Path) -> None:
    *pieces, final = answers(tmp_path).stream(QUESTION)
    assert pieces == PIECES
    assert isinstance(final, Answer) and final.public() == scripted_answer().public()


def test_a_failure_mid_stream_is_a_backend_error(tmp_path: Path) -> None:
    failing = FakePipeline(fail=BackendError("the language model failed"))
    items = answers(tmp_path, failing).stream(QUESTION)
    assert [next(items) for _ in PIECES] == PIECES
    with pytest.raises(BackendError, match=r"^the language model failed$"):
        next(items)


def test_a_protected_server_needs_the_key(tmp_path: Path) -> None:
    keyless = answers(tmp_path / "a", api_key="s3cret", api_key_for_chat=True)
    with pytest.raises(ConfigError, match=f"^{re.escape(MISSING_KEY)}$"):
        keyless.answer(QUESTION)
    with pytest.raises(ConfigError, match=f"^{re.escape(MISSING_KEY)}$"):
        list(keyless.stream(QUESTION))
    keyed = answers(tmp_path / "b", key="s3cret", api_key="s3cret", api_key_for_chat=True)
    assert keyed.answer(QUESTION).answer == scripted_answer().answer
    assert isinstance(list(keyed.stream(QUESTION))[-1], Answer)


def test_an_unreachable_server_is_named_in_one_line() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = httpx.Client(base_url=URL, transport=httpx.MockTransport(refuse))
    server = ServerAnswers(URL + "/", client=client)
    for ask in (server.answer, lambda q: list(server.stream(q))):
        with pytest.raises(BackendError, match=f"^rag server unreachable at {re.escape(URL)}$"):
            ask(QUESTION)


def test_a_server_that_does_not_answer_in_time_is_named() -> None:
    def stall(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    client = httpx.Client(base_url=URL, transport=httpx.MockTransport(stall))
    with pytest.raises(
        BackendError, match=f"^rag server at {re.escape(URL)} did not answer in time$"
    ):
        ServerAnswers(URL, client=client).answer(QUESTION)


def test_a_server_error_is_a_backend_error_with_its_detail(tmp_path: Path) -> None:
    failing = FakePipeline(fail=BackendError("the language model failed"))
    with pytest.raises(BackendError, match=r"^the language model failed$"):
        answers(tmp_path, failing).answer(QUESTION)
