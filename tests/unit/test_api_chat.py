"""Unit tier: /chat, /retrieve and the OpenAI-compatible endpoints, with fakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.auth import INVALID_KEY, MISSING_KEY
from rag.errors import BackendError
from rag.schema import AnswerMode
from tests.support.fake_api import PIECES, QUOTE, SOURCE, FakePipeline, fake_app, scripted_answer
from tests.support.sse import sse_events


def test_chat_json_has_the_fields_of_rag_ask_json(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()
    response = client.post("/chat", json={"question": "¿Qué es la destilación?"})
    assert response.status_code == 200
    body = response.json()
    assert body == scripted_answer().public()
    assert body["citations"][0]["quote"] == QUOTE


def test_chat_passes_history_filters_and_top_k_to_the_pipeline(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    history = [{"role": "user", "content": "hola"}, {"role": "assistant", "content": "¿sí?"}]
    request = {"question": "¿y eso?", "history": history, "filters": {"lang": "es"}, "top_k": 3}
    assert built.client().post("/chat", json=request).status_code == 200
    question = built.pipeline.questions[-1]
    assert question.text == "¿y eso?"
    assert [(t.role, t.content) for t in question.history] == [
        ("user", "hola"),
        ("assistant", "¿sí?"),
    ]
    assert question.filters == {"lang": "es"}
    assert question.top_k == 3


def test_chat_stream_sends_tokens_then_one_final_event_with_citations(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()
    response = client.post("/chat", json={"question": "¿Qué es?", "stream": True})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    assert [name for name, _ in events] == ["token"] * len(PIECES) + ["final"]
    assert [data["text"] for _, data in events[:-1]] == PIECES
    final = events[-1][1]
    assert final["mode"] == "generated"
    assert final["citations"][0]["source"] == SOURCE
    assert set(final) >= {"answer", "mode", "support", "citations", "timings"}


def test_chat_stream_reports_a_failure_as_an_error_event(tmp_path: Path) -> None:
    pipeline = FakePipeline(fail=BackendError("generation failed: boom"))
    client = fake_app(tmp_path, pipeline=pipeline).client()
    response = client.post("/chat", json={"question": "¿Qué es?", "stream": True})
    events = sse_events(response.text)
    assert events[-1] == ("error", {"detail": "generation failed: boom"})


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"question": "   "}, "question: must not be empty"),
        ({}, "question: field required"),
        ({"question": 3}, "question: input should be a valid string"),
        ({"question": "x", "top_k": 0}, "top_k: input should be greater than or equal to 1"),
        (
            {"question": "x", "history": [{"role": "system", "content": "y"}]},
            "history[0].role: input should be 'user' or 'assistant'",
        ),
        (
            {"question": "x", "filters": {"page": "1"}},
            "filters.page: extra inputs are not permitted",
        ),
    ],
)
def test_invalid_chat_requests_get_one_short_exact_message(
    tmp_path: Path, body: dict[str, object], detail: str
) -> None:
    response = fake_app(tmp_path).client().post("/chat", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_malformed_json_gets_an_exact_message(tmp_path: Path) -> None:
    response = (
        fake_app(tmp_path)
        .client()
        .post("/chat", content=b"{nope", headers={"Content-Type": "application/json"})
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "body: invalid JSON"}


def test_question_and_history_limits(tmp_path: Path) -> None:
    client = fake_app(tmp_path, max_question_chars=20, max_history_messages=1).client()
    long = client.post("/chat", json={"question": "x" * 21})
    assert long.status_code == 422
    assert long.json() == {
        "detail": "question: too long (21 characters, the limit is 20, RAG_MAX_QUESTION_CHARS)"
    }
    turns = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]
    many = client.post("/chat", json={"question": "x", "history": turns})
    assert many.status_code == 422
    assert many.json() == {
        "detail": "history: too many messages (2, the limit is 1, RAG_MAX_HISTORY_MESSAGES)"
    }
    long_turn = client.post(
        "/chat", json={"question": "x", "history": [{"role": "user", "content": "y" * 21}]}
    )
    assert long_turn.json() == {
        "detail": "history[0].content: too long (21 characters, the limit is 20, "
        "RAG_MAX_QUESTION_CHARS)"
    }


def test_backend_error_is_503_and_unexpected_error_is_a_bare_500(tmp_path: Path) -> None:
    down = fake_app(tmp_path / "a", pipeline=FakePipeline(fail=BackendError("store down")))
    response = down.client().post("/chat", json={"question": "x"})
    assert (response.status_code, response.json()) == (503, {"detail": "store down"})
    broken = fake_app(tmp_path / "b", pipeline=FakePipeline(fail=RuntimeError("secret path /x")))
    response = broken.client(raise_server_exceptions=False).post("/chat", json={"question": "x"})
    assert (response.status_code, response.json()) == (500, {"detail": "internal error"})


def test_retrieve_returns_passages_without_generating(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    response = built.client().post("/retrieve", json={"question": "destilación", "top_k": 2})
    assert response.status_code == 200
    assert response.json()["passages"][0]["source"] == SOURCE
    assert not built.pipeline.started.is_set()


def test_chat_is_open_unless_the_key_is_required_for_chat(tmp_path: Path) -> None:
    open_chat = fake_app(tmp_path / "a", api_key="s3cret").client()
    assert open_chat.post("/chat", json={"question": "x"}).status_code == 200
    closed = fake_app(tmp_path / "b", api_key="s3cret", api_key_for_chat=True).client()
    for path, body in [
        ("/chat", {"question": "x"}),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": "x"}]}),
    ]:
        missing = closed.post(path, json=body)
        assert (missing.status_code, missing.json()) == (401, {"detail": MISSING_KEY})
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = closed.post(path, json=body, headers={"Authorization": "Bearer nope"})
        assert (wrong.status_code, wrong.json()) == (401, {"detail": INVALID_KEY})
        right = closed.post(path, json=body, headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 200


def test_openai_completion_is_standard_with_citations_on_top(tmp_path: Path) -> None:
    built = fake_app(tmp_path)
    messages = [
        {"role": "system", "content": "Eres útil."},
        {"role": "user", "content": "hola"},
        {"role": "assistant", "content": "¿sí?"},
        {"role": "user", "content": [{"type": "text", "text": "¿Qué es la destilación?"}]},
    ]
    response = built.client().post(
        "/v1/chat/completions", json={"model": "x", "messages": messages, "max_tokens": 50}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["object"] == "chat.completion"
    assert body["model"] == "x"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": "".join(PIECES)}
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["citations"][0]["quote"] == QUOTE
    question = built.pipeline.questions[-1]
    assert question.text == "¿Qué es la destilación?"
    assert [t.role for t in question.history] == ["user", "assistant"]
    assert (question.max_tokens, question.temperature) == (50, None)


def test_openai_stream_ends_with_citations_then_done(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()
    response = client.post(
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "¿Qué es?"}], "stream": True},
    )
    events = [data for _, data in sse_events(response.text)]
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"}
    assert len({c["id"] for c in chunks}) == 1
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text == "".join(PIECES)
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["citations"][0]["source"] == SOURCE
    assert "answer" not in last  # the streamed text stands


def test_openai_stream_says_when_verification_replaced_the_text(tmp_path: Path) -> None:
    quoted = scripted_answer(text=QUOTE + " [1]", mode=AnswerMode.EXTRACTIVE)
    client = fake_app(tmp_path, pipeline=FakePipeline(answer=quoted)).client()
    response = client.post(
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "¿Qué es?"}], "stream": True},
    )
    last = [data for _, data in sse_events(response.text)][-2]
    assert last["mode"] == "extractive"
    assert last["answer"] == QUOTE + " [1]"


def test_openai_request_must_end_with_a_user_message(tmp_path: Path) -> None:
    client = fake_app(tmp_path).client()
    response = client.post(
        "/v1/chat/completions", json={"messages": [{"role": "assistant", "content": "x"}]}
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "messages: the last message must have role 'user'"}
    empty = client.post("/v1/chat/completions", json={"messages": []})
    assert empty.json() == {
        "detail": "messages: list should have at least 1 item after validation, not 0"
    }


def test_openai_questions_are_held_to_the_limits_of_chat_with_the_same_texts(
    tmp_path: Path,
) -> None:
    client = fake_app(tmp_path, max_question_chars=20, max_history_messages=1).client()

    def refused(*contents: str) -> tuple[int, object]:
        roles = ["user", "assistant"] * len(contents)
        messages = [{"role": r, "content": c} for r, c in zip(roles, contents, strict=False)]
        response = client.post("/v1/chat/completions", json={"messages": messages})
        return response.status_code, response.json()

    assert refused(" \n ") == (422, {"detail": "question: must not be empty"})
    assert refused("x" * 21) == (
        422,
        {"detail": "question: too long (21 characters, the limit is 20, RAG_MAX_QUESTION_CHARS)"},
    )
    assert refused("a", "b", "c") == (
        422,
        {"detail": "history: too many messages (2, the limit is 1, RAG_MAX_HISTORY_MESSAGES)"},
    )


def test_models_lists_one_model(tmp_path: Path) -> None:
    body = fake_app(tmp_path).client().get("/v1/models").json()
    assert body["object"] == "list"
    assert [model["id"] for model in body["data"]] == ["rag-blog"]
