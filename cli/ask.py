"""`rag ask`: one question from the terminal, streamed, then verified and cited.

The model's tokens are shown as they come so the wait feels short; the verified
answer follows when verification changed it (dropped sentences, quoted the passages
instead, or abstained), then the mode and every source with its quote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from rag.answer.citations import strip_markers
from rag.errors import ConfigError
from rag.schema import Answer, Question, Turn, final_answer
from rag.settings import Settings, load_settings

ROLES = ("user", "assistant")


def build_pipeline(settings: Settings) -> Any:
    """The pipeline over the configured store and models (replaced in unit tests)."""
    from rag.answer.pipeline import AnswerPipeline
    from rag.components import Components

    return AnswerPipeline(Components(settings))


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


def without_markers(text: str) -> str:
    return " ".join(strip_markers(text).split())


def print_sources(answer: Answer) -> None:
    typer.echo(f"mode: {answer.mode}  support: {answer.support:.2f}")
    if not answer.citations:
        return
    typer.echo("sources:")
    for citation in answer.citations:
        title = f" ({citation.title})" if citation.title else ""
        typer.echo(f"  [{citation.n}] {citation.source}{title} {citation.start}-{citation.end}")
        typer.echo(f"      «{citation.quote}»")


def stream_answer(pipeline: Any, question: Question) -> Answer:
    """Echo the pieces as they arrive; return the final answer."""
    pieces: list[str] = []

    def echo(piece: str) -> None:
        pieces.append(piece)
        typer.echo(piece, nl=False)

    final = final_answer(pipeline.stream(question), on_piece=echo)
    streamed = "".join(pieces)
    if streamed:
        typer.echo()
    if without_markers(final.answer) != without_markers(streamed):
        typer.echo(("verified answer: " if streamed else "") + final.answer)
    return final


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
) -> None:
    """Answer a question from the documents, with cited sources."""
    turns = read_history(history) if history is not None else []
    pipeline = build_pipeline(load_settings())
    request = Question(text=question, history=turns, top_k=top_k)
    if as_json:
        answer = pipeline.answer(request)
        typer.echo(json.dumps(answer.public(), ensure_ascii=False, indent=2))
        return
    print_sources(stream_answer(pipeline, request))
