"""The answering pipeline with fakes: stream order, modes, timings, follow-ups, the
Runnable interface, input checks and the `rag ask` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import ask as ask_cli
from cli.main import app
from rag.answer.pipeline import AnswerPipeline
from rag.answer.question_limits import LimitError
from rag.components import Components
from rag.errors import BackendError, ConfigError
from rag.generator import RecordingGenerator
from rag.schema import Answer, AnswerMode, Question, Turn, final_answer
from tests.support.fakes import ScriptedGenerator, add_document, fake_components

GPT4 = "El entrenamiento de GPT-4 costó 41 millones de dólares."
GEMINI = "El entrenamiento de Gemini 1.0 Ultra costó 30 millones de dólares."
COFFEE = "El café llegó a Europa en el siglo XVII a través de Venecia."
TIMINGS = {"retrieve_ms", "generate_ms", "verify_ms"}


def corpus(tmp_path: Path, *replies: str) -> tuple[Components, ScriptedGenerator]:
    generator = ScriptedGenerator(list(replies) or ["Respuesta."])
    components = fake_components(tmp_path, generator)
    add_document(components, "notes/gpt4.md", GPT4)
    add_document(components, "notes/gemini.md", GEMINI)
    add_document(components, "notes/cafe.md", COFFEE)
    return components, generator


def test_stream_yields_pieces_then_the_verified_answer_last(tmp_path: Path) -> None:
    components, _ = corpus(tmp_path, "El entrenamiento de GPT-4 costó 41 millones de dólares.")
    items = list(AnswerPipeline(components).stream("¿Cuánto costó el entrenamiento de GPT-4?"))
    *pieces, final = items
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == GPT4  # type: ignore[arg-type]
    assert isinstance(final, Answer)
    assert final.mode is AnswerMode.GENERATED
    assert final.citations[0].source == "notes/gpt4.md"
    assert set(final.timings) == TIMINGS
    assert final.passages[0].source == "notes/gpt4.md"


def test_per_question_generation_options_override_the_settings(tmp_path: Path) -> None:
    components, generator = corpus(tmp_path, GPT4, GPT4)
    pipeline = AnswerPipeline(components)
    text = "¿Cuánto costó el entrenamiento de GPT-4?"
    pipeline.answer(Question(text=text, max_tokens=12, temperature=0.7))
    pipeline.answer(Question(text=text))
    overridden, default = generator.prompts
    assert (overridden.max_tokens, overridden.temperature) == (12, 0.7)
    settings = components.settings
    assert (default.max_tokens, default.temperature) == (
        settings.llm_max_tokens,
        settings.llm_temperature,
    )


def test_an_unsupported_generation_is_replaced_by_a_quote(tmp_path: Path) -> None:
    components, _ = corpus(tmp_path, "GPT-4 costó 7 euros.")
    answer = AnswerPipeline(components).answer(Question("¿Cuánto costó el entrenamiento de GPT-4?"))
    assert answer.mode is AnswerMode.EXTRACTIVE
    assert "41 millones" in answer.answer and "7 euros" not in answer.answer


def test_weak_evidence_abstains_without_calling_the_model(tmp_path: Path) -> None:
    components, generator = corpus(tmp_path, "Hará sol.")
    answer = AnswerPipeline(components).answer("What will the weather be like in Oslo?")
    assert answer.mode is AnswerMode.ABSTAINED
    assert answer.answer == "I could not find that in the documents."
    assert generator.prompts == []
    assert answer.timings["generate_ms"] == 0.0


def test_an_empty_store_abstains(tmp_path: Path) -> None:
    components = fake_components(tmp_path)
    answer = AnswerPipeline(components).answer("¿Cuánto costó GPT-4?")
    assert answer.mode is AnswerMode.ABSTAINED
    assert answer.passages == []


def test_follow_up_retrieves_with_the_previous_question(tmp_path: Path) -> None:
    components, generator = corpus(tmp_path, "Costó 30 millones de dólares.")
    question = Question(
        "¿Y cuánto costó el de Gemini?",
        history=[Turn("user", "¿Cuánto costó el entrenamiento de GPT-4?"), Turn("assistant", "41")],
    )
    answer = AnswerPipeline(components).answer(question)
    assert answer.passages[0].source == "notes/gemini.md"
    assert "30 millones" in answer.answer
    assert "entrenamiento" in (generator.prompts[0].text or "").rsplit("Pregunta:", 1)[1]


def test_the_model_is_asked_about_a_misspelled_name_as_the_documents_spell_it(
    tmp_path: Path,
) -> None:
    components, generator = corpus(tmp_path, "41 millones de dólares.")
    answer = AnswerPipeline(components).answer("¿Cuánto costó el entrenamiento de Gemnini?")
    asked = (generator.prompts[0].text or "").rsplit("Pregunta:", 1)[1]
    assert "Gemini" in asked and "Gemnini" not in asked
    assert answer.passages[0].source == "notes/gemini.md"


def test_filters_and_top_k_reach_retrieval(tmp_path: Path) -> None:
    components, _ = corpus(tmp_path)
    pipeline = AnswerPipeline(components)
    passages = pipeline.retrieve(
        Question("entrenamiento costó", filters={"source": "notes/gemini.md"}, top_k=1)
    )
    assert [p.source for p in passages] == ["notes/gemini.md"]
    assert len(pipeline.retrieve(Question("entrenamiento costó", top_k=2))) == 2


def test_runnable_invoke_and_stream_accept_plain_strings(tmp_path: Path) -> None:
    components, _ = corpus(tmp_path, GPT4)
    pipeline = AnswerPipeline(components)
    assert isinstance(pipeline.invoke("¿Cuánto costó el entrenamiento de GPT-4?"), Answer)
    streamed = list(pipeline.stream("¿Cuánto costó el entrenamiento de GPT-4?"))
    assert isinstance(streamed[-1], Answer)
    [batched] = pipeline.batch(["¿Cuánto costó GPT-4?"])
    assert isinstance(batched, Answer) and batched.mode is AnswerMode.GENERATED


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (Question("  "), "question: must not be empty"),
        (
            Question("x" * 3000),
            "question: too long (3000 characters, the limit is 2000, RAG_MAX_QUESTION_CHARS)",
        ),
        (
            Question("¿Y eso?", history=[Turn("user", "hola")] * 21),
            "history: too many messages (21, the limit is 20, RAG_MAX_HISTORY_MESSAGES)",
        ),
    ],
)
def test_bad_questions_are_refused_with_the_api_texts(
    tmp_path: Path, question: Question, message: str
) -> None:
    """The question limits of /chat: a long history is refused, not trimmed."""
    components, generator = corpus(tmp_path)
    with pytest.raises(LimitError) as refused:
        AnswerPipeline(components).answer(question)
    assert isinstance(refused.value, ConfigError) and str(refused.value) == message
    assert generator.prompts == []


def test_a_stream_without_a_final_answer_is_a_backend_error() -> None:
    pieces: list[str] = []
    with pytest.raises(BackendError) as broken:
        final_answer(iter(["Una", " respuesta"]), pieces.append)
    assert str(broken.value) == "the answer stream ended without an answer"
    assert pieces == ["Una", " respuesta"]


def test_a_recorded_generation_keeps_the_prompt_the_reply_and_its_timing(
    tmp_path: Path,
) -> None:
    recorder = RecordingGenerator(ScriptedGenerator([GPT4]))
    components = fake_components(tmp_path, recorder)
    add_document(components, "notes/gpt4.md", GPT4)
    answer = AnswerPipeline(components).answer("¿Cuánto costó el entrenamiento de GPT-4?")
    assert answer.mode is AnswerMode.GENERATED
    [call] = recorder.take()
    assert call.text == GPT4
    assert call.prompt.text is not None and "¿Cuánto costó el entrenamiento" in call.prompt.text
    assert call.first_piece_seconds is not None
    assert 0.0 <= call.first_piece_seconds <= call.seconds
    assert recorder.take() == []


def test_a_model_caught_in_a_loop_is_stopped_and_its_phrase_answers_once(
    tmp_path: Path,
) -> None:
    triad = (
        "En octubre de 1972, las conexiones al ordenador central de CDC en la Universidad "
        "Estatal de Michigan en East Lansing completaron la tríada."
    )
    loop = " ".join(["la Universidad Estatal de Michigan,"] * 20)
    recorder = RecordingGenerator(ScriptedGenerator([loop]))
    components = fake_components(tmp_path, recorder)
    add_document(components, "notes/triada.md", triad)
    add_document(components, "notes/cafe.md", COFFEE)
    *pieces, answer = AnswerPipeline(components).stream("¿Qué completó la tríada?")
    assert isinstance(answer, Answer)
    assert answer.answer == "La Universidad Estatal de Michigan [1]"
    assert answer.mode is AnswerMode.GENERATED
    [call] = recorder.take()
    assert "".join(pieces) == call.text  # type: ignore[arg-type]
    assert call.text.count("Michigan") == 3  # no piece was asked for after the third copy


@pytest.fixture
def cli_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ScriptedGenerator:
    components, generator = corpus(
        tmp_path, "El entrenamiento de GPT-4 costó 41 millones de dólares."
    )
    monkeypatch.setattr(ask_cli, "open_answer_source", lambda _settings: AnswerPipeline(components))
    return generator


def test_ask_streams_then_lists_sources(cli_pipeline: ScriptedGenerator) -> None:
    result = CliRunner().invoke(app, ["ask", "¿Cuánto costó el entrenamiento de GPT-4?"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == GPT4
    assert "mode: generated" in result.output
    assert "[1] notes/gpt4.md" in result.output
    assert f"«{GPT4}»" in result.output


def test_ask_json_prints_the_public_answer(cli_pipeline: ScriptedGenerator) -> None:
    result = CliRunner().invoke(app, ["ask", "¿Cuánto costó GPT-4?", "--json", "--top-k", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"answer", "mode", "support", "citations", "passages", "timings"}
    assert set(data["citations"][0]) == {
        "n",
        "source",
        "title",
        "chunk_id",
        "start",
        "end",
        "quote",
    }
    assert set(data["timings"]) == TIMINGS
    assert len(data["passages"]) == 2


def test_ask_reads_the_history_file(cli_pipeline: ScriptedGenerator, tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    turns = [{"role": "user", "content": "¿Cuánto costó el entrenamiento de GPT-4?"}]
    history.write_text(json.dumps(turns), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ask", "¿Y el de Gemini?", "--history", str(history), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["passages"][0]["source"] == "notes/gemini.md"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "not valid JSON (line 1)"),
        ('{"role": "user"}', 'expected a JSON list of {"role", "content"}'),
        ('[{"role": "system", "content": "x"}]', "item 0 role must be 'user' or 'assistant'"),
        ('[{"role": "user", "content": 3}]', "item 0 content must be a string"),
    ],
)
def test_a_bad_history_file_is_a_one_line_error(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "history.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        ask_cli.read_history(path)
    assert str(caught.value) == f"--history {path}: {message}"
    assert "\n" not in str(caught.value)
