"""`rag ask`: one question from the terminal, streamed, then verified and cited.

The model's tokens are shown as they come so the wait feels short (cli/display.py
says how the draft gives way to the verified answer), then the mode and every source
with its quote. `--server` asks a running `rag serve` instead of loading models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cli import verbosity
from cli.answer_source import load_models, open_answer_source
from cli.display import AnswerPrinter
from rag.errors import ConfigError
from rag.schema import Question, Turn
from rag.settings import load_settings

ROLES = ("user", "assistant")


def read_history(path: Path) -> list[Turn]:
    """A JSON list of {"role": "user"|"assistant", "content": str}; anything else is a
    one-line usage error naming the file and the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"--history {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"--history {path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--history {path}: not valid JSON (line {exc.lineno})") from None
    if not isinstance(data, list):
        raise ConfigError(f'--history {path}: expected a JSON list of {{"role", "content"}}')
    return [_turn(path, index, item) for index, item in enumerate(data)]


def _turn(path: Path, index: int, item: object) -> Turn:
    if not isinstance(item, dict):
        raise ConfigError(f"--history {path}: item {index} is not an object")
    role, content = item.get("role"), item.get("content")
    if role not in ROLES:
        raise ConfigError(f"--history {path}: item {index} role must be 'user' or 'assistant'")
    if not isinstance(content, str):
        raise ConfigError(f"--history {path}: item {index} content must be a string")
    return Turn(str(role), content)


def ask(
    question: Annotated[str, typer.Argument(help="The question, in Spanish or English.")],
    history: Annotated[
        Path | None,
        typer.Option("--history", help='JSON file: a list of {"role", "content"} turns.'),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    top_k: Annotated[
        int | None, typer.Option("--top-k", min=1, max=50, help="Passages to retrieve.")
    ] = None,
    server: Annotated[
        str | None,
        typer.Option("--server", help="Ask a running `rag serve` at this URL (RAG_SERVER_URL)."),
    ] = None,
) -> None:
    """Answer a question from the documents, with cited sources."""
    turns = read_history(history) if history is not None else []
    settings = load_settings(**({"server_url": server} if server else {}))
    source = open_answer_source(settings)
    load_models(source)
    request = Question(text=question, history=turns, top_k=top_k)
    if as_json:
        answer = source.answer(request)
        typer.echo(json.dumps(answer.public(), ensure_ascii=False, indent=2))
    else:
        printer = AnswerPrinter()
        answer = printer.stream(source.stream(request))
        printer.sources(answer)
    verbosity.answer_phases(answer)
