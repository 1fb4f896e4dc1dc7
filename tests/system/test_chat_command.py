"""`rag chat` through a real pty (pexpect), as a person types it: the real models on the
ingested corpus, one chat process for the whole conversation. The session's parts
with a scripted source: tests/unit/test_cli_chat.py."""

from __future__ import annotations

import io
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from cli.ask import read_history
from cli.chat import PROMPT
from harness.servers import clean_env
from rag.components import Components
from rag.schema import Turn
from tests.support.cli import ingested_settings
from tests.support.paths import REPO
from tests.support.screen import screen_lines

ROWS, COLUMNS = 200, 120  # tall enough that the whole conversation stays on the screen
STEP_TIMEOUT_S = 120  # the first answer loads the models: 10-20 s on 2 idle cores
DIM = "\x1b[2m"
GPT4 = "¿Cuánto costó el entrenamiento de GPT-4?"
GEMINI = "¿Y Gemini?"
TO_STOP = "¿Qué es la cuantización?"
DAYS = "¿Cuántos días duró el entrenamiento de GPT-4?"


@pytest.fixture(scope="module")
def env(
    models_dir: Path, shared_components: Components, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    settings = ingested_settings(tmp_path_factory.mktemp("chat"), models_dir, shared_components)
    terminal = {k: v for k, v in clean_env(**settings).items() if k != "NO_COLOR"}
    return {**terminal, "TERM": "xterm-256color"}  # a terminal that shows dim text


def ask(chat: pexpect.spawn, question: str) -> str:
    """Send a question; what the chat printed up to its next prompt."""
    chat.sendline(question)
    chat.expect_exact(PROMPT)
    return str(chat.before)


def test_a_conversation_in_the_terminal(env: dict[str, str], tmp_path: Path) -> None:
    transcript = io.StringIO()
    chat = pexpect.spawn(
        sys.executable,
        ["-m", "cli.main", "chat"],
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        dimensions=(ROWS, COLUMNS),
        timeout=STEP_TIMEOUT_S,
        # A person's terminal delivers Ctrl-C; a test run started in the background
        # (`cmd &`) would pass on an ignored SIGINT.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    chat.logfile_read = transcript
    try:
        chat.expect_exact(PROMPT)
        assert "/sources" in str(chat.before)  # the commands are named

        first = ask(chat, GPT4)
        assert DIM in first  # the draft streams dim
        assert "sources:" in first and "41 millones" in first

        # The follow-up names only Gemini: with the history it asks Gemini's cost.
        follow_up = ask(chat, GEMINI)
        assert "sources:" in follow_up and "error:" not in follow_up
        quotes = ask(chat, "/sources")
        assert "«" in quotes and "Gemini 1.0 Ultra costó 30 millones" in quotes

        saved = tmp_path / "conversación.json"
        assert f"saved 4 messages to {saved}" in ask(chat, f"/save {saved}")
        turns = read_history(saved)
        assert [t for t in turns if t.role == "user"] == [Turn("user", GPT4), Turn("user", GEMINI)]
        assert "conversation forgotten" in ask(chat, "/reset")

        chat.sendline(TO_STOP)
        chat.expect_exact("\x1b[?25l")  # the live draft has begun: the answer is running
        chat.sendintr()
        chat.expect_exact("(answer stopped)")
        chat.expect_exact(PROMPT)
        assert "95" in ask(chat, DAYS)
        assert "saved 2 messages" in ask(chat, f"/save {saved}")  # reset; stopped not kept

        chat.sendeof()
        chat.expect(pexpect.EOF)
    finally:
        chat.close(force=True)
    assert (chat.exitstatus, chat.signalstatus) == (0, None)

    # On the screen each verified answer stands right under its question, however many
    # lines it wraps to, and then its mode: no draft left.
    screen = screen_lines(transcript.getvalue(), COLUMNS, ROWS)
    for question, fact in ((GPT4, "41 millones"), (GEMINI, "30 millones"), (DAYS, "95")):
        below = screen[screen.index(PROMPT + question) + 1 :]
        mode = next(i for i, line in enumerate(below) if line.startswith("mode: "))
        assert fact in " ".join(below[:mode]) and not below[0].startswith("mode: "), below[:4]
    stopped = screen.index(PROMPT + TO_STOP)
    assert screen[stopped + 1 : stopped + 3] == ["(answer stopped)", PROMPT + DAYS]
