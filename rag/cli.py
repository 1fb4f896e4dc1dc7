"""The `rag` command: the one place that wires settings, core, ingestion and the API.

Every failure a user can cause ends with one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from rag.errors import ConfigError, RagError
from rag.settings import Settings, load_settings

app = typer.Typer(
    help="Ask questions about your documents, with cited answers, fully offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def settings() -> Settings:
    return load_settings()


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


@app.command()
def models(as_json: JsonFlag = False) -> None:
    """Show each model in use: path, size, dimension or context, prompt format."""
    from rag.model_info import describe_models

    described = describe_models(settings())
    if as_json:
        print_json(described)
        return
    for role, facts in described.items():
        typer.echo(f"{role}:")
        for key, value in facts.items():
            typer.echo(f"  {key}: {value}")


@app.command()
def config(as_json: JsonFlag = False) -> None:
    """Show the effective settings, secrets masked."""
    view = settings().public_view()
    if as_json:
        print_json(view)
        return
    for key, value in view.items():
        typer.echo(f"RAG_{key.upper()}={'' if value is None else value}")


def main() -> None:
    try:
        app()
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except RagError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
