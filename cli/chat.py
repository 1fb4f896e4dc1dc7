"""`rag chat`: a conversation in the terminal.

Models load once, on the first question; follow-ups ("¿Y Gemini?") are asked with the
conversation so far. Line editing and the input history come from `readline`.
Ctrl-C during an answer stops that answer; at the prompt, Ctrl-C or Ctrl-D ends.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from cli import verbosity
from cli.answer_source import AnswerSource, load_models, open_answer_source
from cli.display import AnswerPrinter
from rag.errors import RagError
from rag.schema import Answer, Question, Turn
from rag.settings import Settings, load_settings

PROMPT = "› "
HELP = (
    "commands: /sources (quotes of the last answer in full), /reset (forget the "
    "conversation), /save FILE (write it as a --history file), /exit"
)
HISTORY_FILE = "chat_history"
HISTORY_LINES = 1000


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)
    last: Answer | None = None

    def add(self, question: str, answer: Answer) -> None:
        self.turns += [Turn("user", question), Turn("assistant", answer.answer)]
        self.last = answer

    def recent(self, limit: int | None) -> list[Turn]:
        """The latest whole exchanges within `limit` messages: the pipeline refuses a
        longer history (RAG_MAX_HISTORY_MESSAGES), and a long chat must not get stuck."""
        if limit is None:
            return list(self.turns)
        keep = limit - limit % 2
        return self.turns[max(0, len(self.turns) - keep) :] if keep else []

    def save(self, path: Path) -> None:
        rows = [{"role": turn.role, "content": turn.content} for turn in self.turns]
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class ChatSession:
    def __init__(
        self, source: AnswerSource, printer: AnswerPrinter, history_limit: int | None = None
    ) -> None:
        """`history_limit`: the most messages sent with a question (None: all)."""
        self.source = source
        self.printer = printer
        self.history_limit = history_limit
        self.conversation = Conversation()

    def handle(self, line: str) -> bool:
        """Act on one input line; False when the user asked to leave."""
        if line.startswith("/"):
            return self.command(line)
        question = Question(text=line, history=self.conversation.recent(self.history_limit))
        items = self.source.stream(question)
        try:
            answer = self.printer.stream(items)
            self.printer.sources(answer, quotes=False)  # Ctrl-C here too stops only this
        except KeyboardInterrupt:
            close = getattr(items, "close", None)
            if close:
                close()
            self.say("(answer stopped)")
            return True
        except RagError as exc:
            self.say(f"error: {exc}")
            return True
        verbosity.answer_phases(answer)
        self.conversation.add(line, answer)
        return True

    def command(self, line: str) -> bool:
        name, _, argument = line.partition(" ")
        argument = argument.strip()
        if name in ("/exit", "/quit"):
            return False
        if name == "/reset":
            self.conversation = Conversation()
            self.say("conversation forgotten")
        elif name == "/sources":
            last = self.conversation.last
            if last is None:
                self.say("no answer yet")
            else:
                self.printer.sources(last, quotes=True)
        elif name == "/save":
            self.save(argument)
        else:
            self.say(f"unknown command {name}; {HELP}")
        return True

    def save(self, argument: str) -> None:
        if not argument:
            self.say("usage: /save FILE")
            return
        path = Path(argument).expanduser()
        try:
            self.conversation.save(path)
        except OSError as exc:
            self.say(f"cannot write {path}: {exc.strerror or exc}")
            return
        self.say(f"saved {len(self.conversation.turns)} messages to {path}")

    def say(self, text: str) -> None:
        self.printer.console.print(text)


def read_lines(history_path: Path) -> Iterator[str]:
    """Input lines with readline's editing and a persistent history; ends on Ctrl-D
    or Ctrl-C at the prompt."""
    import readline

    with contextlib.suppress(OSError):
        readline.read_history_file(history_path)
    readline.set_history_length(HISTORY_LINES)
    try:
        while True:
            try:
                line = input(PROMPT)
            except (EOFError, KeyboardInterrupt):
                print()
                return
            if line.strip():
                yield line.strip()
    finally:
        with contextlib.suppress(OSError):
            history_path.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(history_path)


def chat(
    server: Annotated[
        str | None,
        typer.Option("--server", help="Ask a running `rag serve` at this URL (RAG_SERVER_URL)."),
    ] = None,
) -> None:
    """Talk with your documents: follow-up questions, sources, /save."""
    settings: Settings = load_settings(**({"server_url": server} if server else {}))
    session = ChatSession(
        open_answer_source(settings), AnswerPrinter(), settings.max_history_messages
    )
    load_models(session.source)
    session.say(f"Ask about your documents. {HELP}")
    for line in read_lines(settings.data_dir / HISTORY_FILE):
        if not session.handle(line):
            break
