"""Unit tier: `rag chat`'s session (cli/chat.py) over a scripted answer source: follow-ups
carry the conversation, the commands, and an answer stopped by Ctrl-C or failed by a
`RagError` leaves the session going. Through a real pty: tests/system/test_chat_command.py."""

from __future__ import annotations

import dataclasses
import os
import signal
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from cli.ask import read_history
from cli.chat import HELP, ChatSession
from cli.display import AnswerPrinter, terminal
from rag.errors import BackendError
from rag.schema import Turn
from tests.support.fake_api import PIECES, QUOTE, FakePipeline, scripted_answer
from tests.support.screen import screen_lines

ANSWER = scripted_answer().answer
GPT4 = "¿Cuánto costó el entrenamiento de GPT-4?"
GEMINI = "¿Y Gemini?"
HIDE_CURSOR = "\x1b[?25l"  # the first thing a live display writes


class StoppedAfterOnePiece(FakePipeline):
    """Ctrl-C arrives while the model makes the second piece."""

    def _pieces(self) -> Iterator[str]:
        yield self.pieces[0]
        raise KeyboardInterrupt


class InterruptedWrite(StringIO):
    """A terminal where Ctrl-C arrives while `text` is shown: the source's generator is
    suspended then, and must still be closed."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def write(self, s: str) -> int:
        if self.text in s:
            self.text = "\0never"
            raise KeyboardInterrupt
        return super().write(s)


def session(
    source: FakePipeline | None = None, console: Console | None = None, **options: int
) -> ChatSession:
    return ChatSession(
        source or FakePipeline(), AnswerPrinter(console or terminal(StringIO())), **options
    )


def shown(chat: ChatSession) -> str:
    file = chat.printer.console.file
    assert isinstance(file, StringIO)
    return file.getvalue()


def source_of(chat: ChatSession) -> FakePipeline:
    assert isinstance(chat.source, FakePipeline)
    return chat.source


def test_a_follow_up_is_asked_with_the_conversation_so_far() -> None:
    chat = session()
    assert chat.handle(GPT4) and chat.handle(GEMINI)
    first, second = source_of(chat).questions
    assert (first.text, first.history) == (GPT4, [])
    assert second.text == GEMINI
    assert second.history == [Turn("user", GPT4), Turn("assistant", ANSWER)]
    assert shown(chat).count("sources:") == 2
    assert f"«{QUOTE}»" not in shown(chat)  # compact sources after an answer


def test_a_long_conversation_sends_only_its_latest_exchanges() -> None:
    chat = session(history_limit=5)
    for number in range(4):
        chat.handle(f"pregunta {number}")
    history = source_of(chat).questions[-1].history
    assert [turn.content for turn in history if turn.role == "user"] == [
        "pregunta 1",
        "pregunta 2",
    ]
    assert len(history) == 4 and history[0].role == "user"
    assert len(chat.conversation.turns) == 8  # /save still writes it all


def test_reset_forgets_the_conversation() -> None:
    chat = session()
    chat.handle(GPT4)
    assert chat.handle("/reset")
    assert shown(chat).endswith("conversation forgotten\n")
    chat.handle("/sources")
    assert shown(chat).endswith("no answer yet\n")
    chat.handle(GEMINI)
    assert source_of(chat).questions[-1].history == []


def test_save_writes_a_history_file_that_rag_ask_reads_back(tmp_path: Path) -> None:
    chat = session()
    chat.handle(GPT4)
    chat.handle(GEMINI)
    path = tmp_path / "conversación.json"
    assert chat.handle(f"/save {path}")
    assert shown(chat).endswith(f"saved 4 messages to {path}\n")
    assert read_history(path) == [
        Turn("user", GPT4),
        Turn("assistant", ANSWER),
        Turn("user", GEMINI),
        Turn("assistant", ANSWER),
    ]


def test_save_needs_a_writable_file(tmp_path: Path) -> None:
    chat = session()
    chat.handle("/save")
    assert shown(chat).splitlines()[-1] == "usage: /save FILE"
    chat.handle(f"/save {tmp_path / 'missing' / 'chat.json'}")
    assert shown(chat).splitlines()[-1] == (
        f"cannot write {tmp_path / 'missing' / 'chat.json'}: No such file or directory"
    )


def test_sources_shows_the_last_answers_quotes_in_full() -> None:
    chat = session()
    chat.handle(GPT4)
    before = len(shown(chat))
    chat.handle("/sources")
    assert shown(chat)[before:].splitlines() == [
        "mode: generated  support: 0.80",
        "sources:",
        "  [1] posts/tendencias.md (Tendencias) 0-66",
        f"      «{QUOTE}»",
    ]


def test_an_unknown_command_is_one_line_and_exit_ends_the_session() -> None:
    chat = session()
    assert chat.handle("/ayuda")
    assert shown(chat).splitlines() == [f"unknown command /ayuda; {HELP}"]
    assert source_of(chat).questions == []
    assert chat.handle("/exit") is False
    assert chat.handle("/quit") is False


def test_ctrl_c_stops_only_the_answer() -> None:
    chat = session(StoppedAfterOnePiece())
    assert chat.handle(GPT4)
    assert shown(chat).splitlines()[-1] == "(answer stopped)"
    assert chat.conversation.turns == []
    chat.source = FakePipeline()
    chat.handle(GEMINI)
    assert shown(chat).count("sources:") == 1
    assert source_of(chat).questions[-1].history == []  # the stopped answer is not history


def test_ctrl_c_while_the_draft_shows_closes_the_stream() -> None:
    """The model's lock and CPU budget are released in the stream's `finally`."""
    chat = session(console=terminal(InterruptedWrite(PIECES[1])))
    assert chat.handle(GPT4)
    assert source_of(chat).closed.is_set()
    assert shown(chat) == PIECES[0] + "\n(answer stopped)\n"


def test_ctrl_c_on_a_terminal_erases_the_draft_and_the_next_answer_shows() -> None:
    console = terminal(StringIO(), force_terminal=True, color_system="standard", width=80)
    chat = session(StoppedAfterOnePiece(), console)
    chat.handle(GPT4)
    assert screen_lines(shown(chat), 80, 24) == ["(answer stopped)"]
    chat.source = FakePipeline()
    chat.handle(GEMINI)
    assert screen_lines(shown(chat), 80, 24)[:3] == [
        "(answer stopped)",
        ANSWER,
        "mode: generated  support: 0.80",
    ]


def test_an_error_is_one_line_and_the_session_goes_on() -> None:
    chat = session(FakePipeline(fail=BackendError("the language model failed")))
    assert chat.handle(GPT4)
    assert shown(chat).splitlines()[-1] == "error: the language model failed"
    assert chat.conversation.turns == []
    source_of(chat).fail = None
    chat.handle(GEMINI)
    assert len(chat.conversation.turns) == 2


def test_the_saved_conversation_is_what_was_answered(tmp_path: Path) -> None:
    """The verified answer is kept, not the draft that streamed."""
    final = dataclasses.replace(scripted_answer(), answer="La destilación imita a un modelo.")
    chat = session(FakePipeline(answer=final))
    chat.handle(GPT4)
    chat.handle(f"/save {tmp_path / 'c.json'}")
    assert read_history(tmp_path / "c.json")[1] == Turn("assistant", final.answer)


class SigintAfter(StringIO):
    """A terminal where the user presses Ctrl-C (a real SIGINT to this process) once
    `text` is shown, as the next output is written: the interrupt lands wherever the
    interpreter is then, as a person's does."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text: str | None = text
        self.armed = False

    def write(self, s: str) -> int:
        if self.armed:
            self.armed = False
            os.kill(os.getpid(), signal.SIGINT)
        if self.text is not None and self.text in s:
            self.text, self.armed = None, True
        return super().write(s)


@pytest.fixture
def python_ctrl_c() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt, as in a person's terminal, even when the test
    run was started in the background (`cmd &`), where SIGINT arrives ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("python_ctrl_c")
def test_ctrl_c_as_the_draft_begins_leaves_the_terminal_whole() -> None:
    """Rich's live display hides the cursor, then redirects output and draws: Ctrl-C in
    between must not leave it running under every later line."""
    file = SigintAfter(HIDE_CURSOR)
    chat = session(console=terminal(file, force_terminal=True, color_system="standard", width=80))
    chat.handle(GPT4)
    chat.handle(GEMINI)
    lines = screen_lines(file.getvalue(), 80, 24)
    assert lines[:3] == ["(answer stopped)", ANSWER, "mode: generated  support: 0.80"]
    assert len(lines) == 5 and HIDE_CURSOR in file.getvalue()
